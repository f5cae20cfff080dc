"""The endpoint's moving parts for one app: the query pool, the write gate, a work directory.

Created by a startup hook (never at import) and torn down by a shutdown hook; routes reach it
through :data:`RuntimeDep`.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from kg.config import Settings
from kg.errors import Unavailable
from kg.sparql.pool import QueryPool
from kg.sparql.writes import WriteGate, stored_generation, writable_store
from kg.store import Store

log = logging.getLogger(__name__)
WRITE_STAMP = "write-generation"  # the store's write generation, kept beside it


@dataclass
class SparqlRuntime:
    settings: Settings
    store: Store
    pool: QueryPool
    gate: WriteGate
    work_dir: Path
    description_cache: dict[tuple[str, int], bytes] = field(default_factory=dict)
    lane_answers: int = 0  # queries answered in this process (:mod:`kg.sparql.lookup`)


def _work_dir(settings: Settings) -> Path:
    # Large results are spilled to disk (not RAM-backed /tmp) so they cost disk, not memory;
    # snapshots must be on the store's file system for hard links to work.
    parent = settings.data_dir / "tmp"
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        parent = Path(tempfile.gettempdir())
    return Path(tempfile.mkdtemp(prefix="sparql-", dir=parent))


async def startup(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    app.state.sparql = None
    if app.state.store is None:
        log.warning("no store: the SPARQL endpoint answers 503 until a build exists")
        return
    # The write generation is read by every server over an on-disk store (a read-only one may
    # serve a written store) and advanced only by writes.
    stamp = Path(app.state.store.path).parent / WRITE_STAMP if app.state.store.path else None
    generation = stored_generation(stamp)
    store = writable_store(app.state.store, settings)
    app.state.store = store
    work_dir = _work_dir(settings)
    pool = QueryPool(
        workers=settings.workers,
        queue_size=settings.queue_size,
        timeout=settings.query_timeout,
        spool_dir=work_dir / "results",
        preload=settings.malloc,
        seal=settings.network_isolation == "seal",
        allow=tuple(settings.service_allow),
        memory_limit=settings.query_memory << 20,
        max_nesting=settings.max_nesting,
    )
    snapshot_root: Path | None = None
    if store.path is None:
        pool.memory_store = store
    elif settings.update_token:
        snapshot_root = work_dir / "snapshots"
        snapshot_root.mkdir()
    else:
        pool.store_path = str(store.path)
    gate = WriteGate(
        store,
        pool,
        snapshot_root,
        generation=generation,
        stamp=stamp,
        seal=settings.network_isolation == "seal",
    )
    await gate.publish()
    await pool.start()
    app.state.sparql = SparqlRuntime(settings, store, pool, gate, work_dir)


async def shutdown(app: FastAPI) -> None:
    runtime: SparqlRuntime | None = getattr(app.state, "sparql", None)
    if runtime is None:
        return
    await runtime.pool.close()
    runtime.gate.close()
    shutil.rmtree(runtime.work_dir, ignore_errors=True)
    app.state.sparql = None


def install_hooks(app: FastAPI) -> None:
    if startup not in app.state.startup_hooks:
        app.state.startup_hooks.append(startup)
        app.state.shutdown_hooks.append(shutdown)


async def get_runtime(request: Request) -> SparqlRuntime:
    app = request.app
    if not hasattr(app.state, "sparql"):
        # The lifespan did not run (an app used without its lifespan, e.g. a bare TestClient):
        # start lazily, under a lock so that concurrent first requests start it once.
        if not hasattr(app.state, "sparql_starting"):
            app.state.sparql_starting = asyncio.Lock()
        async with app.state.sparql_starting:
            if not hasattr(app.state, "sparql"):
                await startup(app)
    runtime: SparqlRuntime | None = app.state.sparql
    if runtime is None:
        raise Unavailable("the SPARQL endpoint has no store: run `lckg build` first")
    return runtime


RuntimeDep = Annotated[SparqlRuntime, Depends(get_runtime)]
