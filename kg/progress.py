"""Progress bars (rich) for long jobs; they go to stderr so stdout stays machine-readable."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Phases:
    """One progress line per phase; ``phase()`` times it into a dict."""

    def __init__(self, *, quiet: bool = False) -> None:
        console = Console(stderr=True)
        self._progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=quiet or not console.is_terminal,
        )
        self._console = console
        self._quiet = quiet

    def __enter__(self) -> Phases:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(exc_type, exc, tb)

    @contextmanager
    def phase(
        self, name: str, timings: dict[str, float], total: int = 1
    ) -> Iterator[Callable[[], None]]:
        task = self._progress.add_task(name, total=max(total, 1))
        start = time.perf_counter()

        def advance() -> None:
            self._progress.advance(task)

        yield advance
        timings[name] = round(time.perf_counter() - start, 3)
        self._progress.update(task, completed=max(total, 1))
        if not self._quiet and not self._console.is_terminal:
            self._console.print(f"{name}: done in {timings[name]:.2f} s")
