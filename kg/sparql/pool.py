"""A bounded pool of query workers with real deadlines.

Each query runs in a worker process (:mod:`kg.sparql.worker`); the event loop only waits on the
worker's pipe, so the rest of the app stays responsive however slow the queries are. A worker
that passes its deadline is killed and replaced: the work really stops. When every worker is
busy and ``queue_size`` queries already wait, a new query gets 429 at once.

An in-memory store (tests build the app over one) cannot be opened by another process; then the
queries run in threads under the same limits, and a query past its deadline still gets its 503
but its thread finishes in the background (documented: real stopping needs an on-disk store).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import anyio
import anyio.to_thread

from kg.errors import Busy, Timeout, Unavailable
from kg.sparql import worker
from kg.sparql.worker import Job, Reply
from kg.store import Store

log = logging.getLogger(__name__)
_SPAWN = multiprocessing.get_context("spawn")  # never fork a process that holds a RocksDB


@dataclass
class _Slot:
    """One unit of concurrency: a worker process, or (in-memory store) a thread slot."""

    number: int
    proc: BaseProcess | None = None
    conn: Connection | None = None
    opened: str | None = None  # the store path last sent to this worker


@dataclass
class QueryResult:
    path: Path
    reply: Reply


@dataclass
class QueryPool:
    workers: int
    queue_size: int
    timeout: float
    spool_dir: Path
    store_path: str | None = None
    memory_store: Store | None = None
    _idle: asyncio.Queue[_Slot] = field(default_factory=asyncio.Queue)
    _waiting: int = 0
    _slots: list[_Slot] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _waiters: anyio.CapacityLimiter = field(init=False)

    def __post_init__(self) -> None:
        self._waiters = anyio.CapacityLimiter(self.workers)

    # -- life cycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        for number in range(self.workers):
            slot = _Slot(number)
            if self.memory_store is None:
                await anyio.to_thread.run_sync(self._spawn, slot)
            self._slots.append(slot)
            self._idle.put_nowait(slot)
        mode = "threads (in-memory store)" if self.memory_store is not None else "processes"
        log.info(
            "SPARQL pool: %d %s, queue %d, timeout %.1fs",
            self.workers,
            mode,
            self.queue_size,
            self.timeout,
        )

    async def close(self) -> None:
        for slot in self._slots:
            await anyio.to_thread.run_sync(self._stop, slot)

    def _spawn(self, slot: _Slot) -> None:
        parent_conn, child_conn = _SPAWN.Pipe()
        proc = _SPAWN.Process(
            target=worker.main, args=(child_conn,), daemon=True, name=f"lckg-query-{slot.number}"
        )
        proc.start()
        child_conn.close()
        slot.proc, slot.conn, slot.opened = proc, parent_conn, None

    @staticmethod
    def _stop(slot: _Slot) -> None:
        if slot.conn is not None:
            slot.conn.close()
        if slot.proc is not None and slot.proc.is_alive():
            slot.proc.kill()
            slot.proc.join(timeout=5)

    def paths_in_use(self) -> set[str]:
        return {s.opened for s in self._slots if s.opened is not None}

    def new_output(self) -> Path:
        return self.spool_dir / f"result-{next(self._ids)}-{time.monotonic_ns()}"

    # -- running ---------------------------------------------------------------------------------
    async def run(self, job: Job) -> QueryResult:
        """Run ``job``; raises :class:`Busy`, :class:`Timeout` or :class:`Unavailable`."""
        deadline = time.monotonic() + self.timeout
        slot = await self._acquire(deadline)
        output = Path(job.output)
        try:
            if self.memory_store is not None:
                reply = await self._run_in_thread(slot, job, deadline)
            else:
                reply = await self._run_in_process(slot, job, deadline)
        except BaseException:
            output.unlink(missing_ok=True)
            raise
        if reply.error is not None:
            output.unlink(missing_ok=True)
        return QueryResult(output, reply)

    async def _acquire(self, deadline: float) -> _Slot:
        if self._idle.empty() and self._waiting >= self.queue_size:
            raise Busy(
                f"all {self.workers} query workers are busy and {self._waiting} queries are "
                f"waiting (limits KG_WORKERS and KG_QUEUE_SIZE); try again shortly",
                retry_after=max(1, round(self.timeout / 4)),
            )
        self._waiting += 1
        try:
            return await asyncio.wait_for(self._idle.get(), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise Timeout(
                f"no query worker became free within the {self.timeout:g} s limit "
                "(KG_QUERY_TIMEOUT); the endpoint is overloaded, try again later",
                headers={"Retry-After": str(max(1, round(self.timeout / 4)))},
            ) from None
        finally:
            self._waiting -= 1

    def _timeout_error(self) -> Timeout:
        return Timeout(
            f"the query ran longer than the {self.timeout:g} s limit (KG_QUERY_TIMEOUT) and was "
            "stopped; narrow it down (LIMIT, more specific patterns) or ask for a higher limit"
        )

    async def _run_in_thread(self, slot: _Slot, job: Job, deadline: float) -> Reply:
        store = self.memory_store
        assert store is not None
        task = asyncio.ensure_future(anyio.to_thread.run_sync(worker.run_job, store, job))
        done, _ = await asyncio.wait({task}, timeout=max(0.0, deadline - time.monotonic()))
        if not done:
            # The thread cannot be stopped; its slot comes back only when it has finished.
            task.add_done_callback(lambda _t: self._idle.put_nowait(slot))
            raise self._timeout_error()
        self._idle.put_nowait(slot)
        return task.result()

    async def _run_in_process(self, slot: _Slot, job: Job, deadline: float) -> Reply:
        conn = slot.conn
        assert conn is not None and self.store_path is not None
        healthy = False
        try:
            conn.send((self.store_path, job))
            slot.opened = self.store_path
            remaining = max(0.0, deadline - time.monotonic())
            # Waiting on the pipe in a thread (one per busy worker) keeps the event loop
            # free and the pipe in blocking mode (loops may switch fds they watch to
            # non-blocking).
            if not await anyio.to_thread.run_sync(conn.poll, remaining, limiter=self._waiters):
                log.warning(
                    "query passed its %.1fs deadline; killing worker %d", self.timeout, slot.number
                )
                raise self._timeout_error()
            reply: Reply = conn.recv()
            healthy = True
        except (EOFError, OSError, BrokenPipeError) as exc:
            log.warning("query worker %d failed: %s", slot.number, exc)
            raise Unavailable("the query worker stopped unexpectedly; try again") from exc
        else:
            return reply
        finally:
            if not healthy:
                await anyio.to_thread.run_sync(self._replace, slot)
            self._idle.put_nowait(slot)

    def _replace(self, slot: _Slot) -> None:
        self._stop(slot)
        self._spawn(slot)
