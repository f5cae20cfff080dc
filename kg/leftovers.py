"""What a killed server or build leaves under ``KG_DATA_DIR``, removed when a server starts.

A server's query pool works in ``tmp/sparql-*/`` (spooled results, write snapshots) and removes
it when it stops; a server that is killed leaves it behind, and so do a dump or a search index
cut off while being written (``*.tmp``), a build killed while it swapped itself in
(``.current-*``) or while it ran (``stores/*.partial``).

Several servers may share a data directory (``KG_PROCESSES``, replicas), so a starting server
removes another's work directory only when it is sure that no other server runs: every server
holds a shared lock on ``tmp/serve.lock`` for as long as it runs, and the one that gets it
exclusively cleans up first. Build leftovers are removed only while no build holds the build
lock.

>>> import tempfile
>>> from pathlib import Path
>>> data = Path(tempfile.mkdtemp())
>>> (data / "tmp" / "sparql-dead").mkdir(parents=True)
>>> claim = claim_data_dir(data)
>>> sorted(p.name for p in (data / "tmp").iterdir())
['serve.lock']
>>> claim.release()
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

SERVE_LOCK = "serve.lock"
BUILD_LOCK = "build.lock"


class Claim:
    """A running server's shared hold on its data directory; :meth:`release` when it stops."""

    def __init__(self, handle: IO[bytes] | None) -> None:
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None


def claim_data_dir(data_dir: Path) -> Claim:
    """Hold ``data_dir`` for a running server, removing first what dead ones left behind."""
    tmp = Path(data_dir) / "tmp"
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        handle = (tmp / SERVE_LOCK).open("ab")
    except OSError as exc:
        log.warning("cannot hold %s (%s): leftovers of earlier servers stay", tmp, exc)
        return Claim(None)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.debug("another server uses %s: its work directories stay", data_dir)
    else:
        _remove_server_leftovers(Path(data_dir))
    # Shared from now on: other servers may start beside this one, none may clean under it.
    fcntl.flock(handle, fcntl.LOCK_SH)
    _remove_build_leftovers(Path(data_dir))
    return Claim(handle)


def _remove_server_leftovers(data_dir: Path) -> None:
    found = sorted((data_dir / "tmp").glob("sparql-*"))
    for leftover in found:
        shutil.rmtree(leftover, ignore_errors=True)
    stores = data_dir / "stores"
    partial_files = [
        *stores.glob("*/dumps/**/.*.tmp"),
        *stores.glob("*/search-live/*.tmp"),
        *stores.glob("*/.write-generation.tmp"),
    ]
    for leftover in partial_files:
        leftover.unlink(missing_ok=True)
    if found or partial_files:
        log.info(
            "removed what stopped servers left: %d work directories, %d unfinished files",
            len(found),
            len(partial_files),
        )


def _remove_build_leftovers(data_dir: Path) -> None:
    """Unfinished builds and swap links, if no build is running."""
    lock_path = data_dir / BUILD_LOCK
    if not lock_path.exists():
        return
    try:
        handle = lock_path.open("ab")
    except OSError:
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a build is running: its .partial directory is in use
        found = [p for p in data_dir.glob(".current-*") if p.is_symlink()]
        found += sorted((data_dir / "stores").glob("*.partial"))
        for leftover in found:
            if leftover.is_symlink():
                leftover.unlink(missing_ok=True)
            else:
                shutil.rmtree(leftover, ignore_errors=True)
        if found:
            log.info("removed what killed builds left: %s", ", ".join(p.name for p in found))
