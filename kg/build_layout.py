"""Where builds live under ``KG_DATA_DIR`` and how one is swapped in atomically.

Layout::

    {data_dir}/stores/{build_id}.partial/   a build in progress (removed if it fails)
    {data_dir}/stores/{build_id}/           a finished build: store/, search.sqlite, report.json
    {data_dir}/current -> stores/{build_id} the build in service (a symlink, replaced atomically)

The previous build stays on disk after a swap (a running server may still read it); older ones
are pruned.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from secrets import token_hex

from kg.config import Settings

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
KEEP_BUILDS = 2


@dataclass(frozen=True)
class BuildInfo:
    """One build directory."""

    root: Path

    @property
    def build_id(self) -> str:
        return self.root.name.removesuffix(PARTIAL_SUFFIX)

    @property
    def store_dir(self) -> Path:
        return self.root / "store"

    @property
    def search_path(self) -> Path:
        return self.root / "search.sqlite"

    @property
    def report_path(self) -> Path:
        return self.root / "report.json"

    @property
    def dumps_dir(self) -> Path:
        return self.root / "dumps"

    def base(self) -> str | None:
        """The instance IRI base this build was made with (from its report)."""
        try:
            report = json.loads(self.report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        base = report.get("base")
        return base if isinstance(base, str) else None


def effective_settings(settings: Settings) -> Settings:
    """``settings`` with ``base`` taken from the build in service, which minted the IRIs."""
    current = current_build(settings)
    built_base = current.base() if current is not None else None
    if built_base is None or built_base == settings.base:
        return settings
    log.info("using the base the store was built with (%s), not %s", built_base, settings.base)
    return settings.model_copy(update={"base": built_base})


def current_build(settings: Settings) -> BuildInfo | None:
    """The build in service, or ``None`` if nothing was ever built."""
    link = settings.current_link
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    if not (target / "store").is_dir():
        log.warning("%s points at %s, which holds no store", link, target)
        return None
    return BuildInfo(target)


def new_build(settings: Settings) -> BuildInfo:
    """Create an empty ``.partial`` build directory with a fresh, sortable id."""
    settings.stores_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    root = settings.stores_dir / f"{stamp}-{token_hex(3)}{PARTIAL_SUFFIX}"
    root.mkdir()
    return BuildInfo(root)


def discard(build: BuildInfo) -> None:
    """Remove a failed build directory; the build in service is never touched."""
    for _ in range(5):
        shutil.rmtree(build.root, ignore_errors=True)
        if not build.root.exists():
            return
        time.sleep(0.2)  # a file appeared while removing (a store still shutting down): retry
    log.warning("%s: could not be removed; the next build removes it", build.root)


def swap_in(settings: Settings, build: BuildInfo) -> BuildInfo:
    """Finish ``build`` and point ``current`` at it in one atomic rename."""
    final = build.root.with_name(build.build_id)
    build.root.rename(final)
    tmp_link = settings.data_dir / f".current-{token_hex(4)}"
    tmp_link.symlink_to(Path("stores") / final.name, target_is_directory=True)
    tmp_link.replace(settings.current_link)
    _fsync_dir(settings.data_dir)
    prune(settings)
    return BuildInfo(final)


def prune(settings: Settings) -> None:
    """Remove left-over partial builds and all but the newest finished ones."""
    if not settings.stores_dir.is_dir():
        return
    current = settings.current_link.resolve() if settings.current_link.exists() else None
    finished = sorted(
        p
        for p in settings.stores_dir.iterdir()
        if p.is_dir() and not p.name.endswith(PARTIAL_SUFFIX)
    )
    for old in finished[:-KEEP_BUILDS]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


def stale_partials(settings: Settings) -> list[Path]:
    if not settings.stores_dir.is_dir():
        return []
    return sorted(p for p in settings.stores_dir.iterdir() if p.name.endswith(PARTIAL_SUFFIX))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
