"""The search index of a store that takes writes.

Until the first write (always, on a read-only server) this is the build's index, or one built in
memory for a store no build indexed, and nothing else happens. A committed write makes it stale:
labels may have been added, changed or removed, and the predicates in use (which entity pages
probe for incoming links) may have changed. A SPARQL Update does not say which subjects it
touched, so the whole store is re-indexed, in a thread, into a new index for the newest
generation (a file under the build's ``search-live/`` directory, or in memory for a bare store),
and searches switch to it when it is complete. Until then they answer from the index they have,
which :meth:`LiveSearch.current` reports as not fresh (the ``/search`` route says so). Writes that
land during a re-index are picked up by the next one; there is never more than one at a time.

>>> from kg.store import Store
>>> live = LiveSearch(Store(), SearchIndex.in_memory(Store()))
>>> live.current(0)[1]
True
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from kg.search import SearchIndex, build_index
from kg.store import Store

log = logging.getLogger(__name__)


class LiveSearch:
    """The newest complete index of ``store`` and the generation it was made for."""

    def __init__(
        self,
        store: Store,
        index: SearchIndex,
        *,
        generation: int = 0,
        directory: Path | None = None,
    ) -> None:
        self.store = store
        self.directory = directory  # where re-indexed files go; None: in memory
        self._served: tuple[SearchIndex, int, Path | None] = (index, generation, None)
        self._lock = threading.Lock()
        self._wanted = generation  # the newest generation asked for
        self._failed = -1  # the generation whose re-index failed (not retried)
        self._running = False

    @property
    def generation(self) -> int:
        """The generation the index in use was made for."""
        return self._served[1]

    def current(self, generation: int) -> tuple[SearchIndex, bool]:
        """The index to answer from for ``generation`` and whether it is fresh (made for that
        generation or a later one). A stale answer starts a re-index if none is under way."""
        index, made_for, _ = self._served
        if made_for >= generation:
            return index, True
        self.refresh(generation)
        return index, False

    def refresh(self, generation: int) -> None:
        """Re-index in a thread (unless one runs already) until ``generation`` is reached."""
        with self._lock:
            self._wanted = max(self._wanted, generation)
            if self._running or self._wanted <= max(self._served[1], self._failed):
                return
            self._running = True
        threading.Thread(target=self._run, name="kg-reindex", daemon=True).start()

    def _next(self) -> int | None:
        with self._lock:
            if self._wanted <= self._served[1]:
                self._running = False
                return None
            return self._wanted

    def _run(self) -> None:
        target: int | None = None
        finished = False
        try:
            while (target := self._next()) is not None:
                index, path = self._build(target)
                self._switch(index, target, path)
            finished = True
        except (OSError, sqlite3.Error):
            log.exception(
                "re-indexing for generation %s failed; search keeps the index of "
                "generation %d until the next write",
                target,
                self.generation,
            )
        finally:
            if not finished:
                with self._lock:
                    self._running = False
                    self._failed = max(self._failed, target if target is not None else -1)

    def _build(self, generation: int) -> tuple[SearchIndex, Path | None]:
        """Index the store as it is now (that is, at ``generation`` or later)."""
        log.info("re-indexing search for generation %d", generation)
        if self.directory is None:
            return SearchIndex.in_memory(self.store), None
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"gen-{generation}.sqlite"
        build_index(self.store, path)
        return SearchIndex.open(path), path

    def _switch(self, index: SearchIndex, generation: int, path: Path | None) -> None:
        with self._lock:
            if generation <= self._served[1]:
                old = path  # overtaken (cannot happen with one thread, but never go back)
            else:
                old = self._served[2]
                self._served = (index, generation, path)
        log.info("search answers from the index of generation %d", self.generation)
        # Requests still reading the old index keep their open file (POSIX); the connection
        # closes when the last of them drops it.
        if old is not None:
            old.unlink(missing_ok=True)
        if self.directory is not None:
            for leftover in self.directory.glob("gen-*.sqlite"):
                if leftover != self._served[2]:
                    leftover.unlink(missing_ok=True)
