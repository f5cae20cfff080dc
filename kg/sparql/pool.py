"""A bounded pool of query workers with real deadlines.

Each query runs in a worker process (:mod:`kg.sparql.worker`); the event loop talks to the
worker over a socket pair with asyncio streams (no thread hop, no polling), so the rest of the
app stays responsive however slow the queries are. A worker
that passes its deadline is killed and replaced: the work really stops. When every worker is
busy and ``queue_size`` queries already wait, a new query gets 429 at once.

Every worker seals itself off the network before its first job (:mod:`kg.sparql.seal`) and
says whether that worked; :attr:`QueryPool.isolation` is what the text layer
(:class:`kg.sparql.service.RemotePolicy`) then enforces. Every job passes the text layer and the
nesting limit here, and a busy worker's memory is watched (:mod:`kg.sparql.limits`).

An in-memory store (tests build the app over one) cannot be opened by another process; then the
queries run in sealed threads under the same limits (memory aside), and a query past its
deadline still gets its 503 but its thread finishes in the background (documented: real
stopping needs an on-disk store).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import multiprocessing
import os
import pickle
import socket
import time
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from kg.errors import BadQuery, Busy, ClientGone, KGError, Timeout, Unavailable
from kg.sparql import worker
from kg.sparql.limits import MEMORY_POLL, check_nesting, memory_error, resident_bytes
from kg.sparql.seal import SealedExecutor
from kg.sparql.service import Isolation, RemotePolicy
from kg.sparql.wire import frame, preloading, read_message
from kg.sparql.worker import Check, Hello, Job, Reply
from kg.store import Store

log = logging.getLogger(__name__)
_SPAWN = multiprocessing.get_context("spawn")  # never fork a process that holds a RocksDB


@dataclass
class _Slot:
    """One unit of concurrency: a worker process, or (in-memory store) a thread slot."""

    number: int
    proc: BaseProcess | None = None
    conn: Connection | None = None
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    opened: str | None = None  # the store path last sent to this worker
    sealed: bool = False  # what the worker said when it started (:class:`worker.Hello`)


STOP_AFTER = 1.0  # seconds a query whose client has gone may still run before it is stopped


@dataclass
class _Started:
    """When a job got its worker (event-loop time); ``None`` while it waits in the queue."""

    at: float | None = None


@dataclass
class QueryResult:
    path: str  # where a result larger than the inline limit was written
    reply: Reply  # ``reply.body`` holds the result when it was small enough to travel inline

    def response(self, media_type: str, headers: dict[str, str]) -> Response:
        """The HTTP response: the inline body, or the spilled file streamed and then removed."""
        if self.reply.body is not None:
            return Response(self.reply.body, media_type=media_type, headers=headers)
        path = Path(self.path)
        return FileResponse(
            path,
            media_type=media_type,
            headers=headers,
            background=BackgroundTask(path.unlink, missing_ok=True),
        )


@dataclass
class QueryPool:
    workers: int
    queue_size: int
    timeout: float
    spool_dir: Path
    store_path: str | None = None
    memory_store: Store | None = None
    preload: str | None = None  # an allocator library for the workers' LD_PRELOAD
    seal: bool = True  # KG_NETWORK_ISOLATION=seal: workers seal themselves off the network
    allow: tuple[str, ...] = ()  # KG_SERVICE_ALLOW
    memory_limit: int | None = None  # KG_QUERY_MEMORY in bytes, per worker
    max_nesting: int = 1_000_000  # KG_MAX_NESTING
    _threads: SealedExecutor | None = None  # the in-memory store's query threads
    _idle: asyncio.Queue[_Slot] = field(default_factory=asyncio.Queue)
    _waiting: int = 0
    _slots: list[_Slot] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    # -- life cycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        if self.memory_store is not None:
            self._threads = await anyio.to_thread.run_sync(
                lambda: SealedExecutor(
                    self.workers, name="lckg-query", stack_size=worker.STACK_SIZE, seal=self.seal
                )
            )
            if self._threads.error is not None:
                log.error("query threads not sealed off the network: %s", self._threads.error)
        for number in range(self.workers):
            slot = _Slot(number)
            if self.memory_store is None:
                await self._respawn(slot)
            self._slots.append(slot)
            self._idle.put_nowait(slot)
        if self.memory_store is not None:
            mode = "threads (in-memory store)"
        else:
            mode = f"processes ({self.preload or 'system'} allocator)"
        log.info(
            "SPARQL pool: %d %s, queue %d, timeout %.1fs, network %s",
            self.workers,
            mode,
            self.queue_size,
            self.timeout,
            self.isolation,
        )
        if self.isolation == "unsealed":
            log.error(
                "the query workers could not be sealed off the network; SERVICE and LOAD are "
                "refused in any spelling (KG_NETWORK_ISOLATION=off lifts this, unguarded)"
            )

    @property
    def isolation(self) -> Isolation:
        """``sealed`` when every worker (or query thread) is sealed, ``off`` when sealing is
        not wanted, ``unsealed`` when it was wanted and the kernel refused."""
        if not self.seal:
            return "off"
        if self._threads is not None:
            return "sealed" if self._threads.sealed else "unsealed"
        started = [s for s in self._slots if s.proc is not None]
        return "sealed" if started and all(s.sealed for s in started) else "unsealed"

    @property
    def policy(self) -> RemotePolicy:
        return RemotePolicy(self.allow, self.isolation)

    def screen(self, text: str, *, update: bool) -> None:
        """The text layer and the nesting limit (400s) for ``text``, before any engine runs."""
        check_nesting(text, self.max_nesting, what="update" if update else "query")
        self.policy.check(text, update=update)

    async def close(self) -> None:
        for slot in self._slots:
            await self._stop_streams(slot)
            await anyio.to_thread.run_sync(self._stop, slot)
        if self._threads is not None:
            self._threads.shutdown(wait=False)

    async def _respawn(self, slot: _Slot) -> None:
        """(Re)start ``slot``'s worker and connect its socket to the event loop."""
        await self._stop_streams(slot)
        await anyio.to_thread.run_sync(self._stop, slot)
        await anyio.to_thread.run_sync(self._spawn, slot)
        assert slot.conn is not None
        # The loop owns a duplicate of the parent's end; the Connection object is closed so that
        # nothing reads or writes the socket behind the streams' back.
        sock = socket.socket(fileno=os.dup(slot.conn.fileno()))
        slot.conn.close()
        slot.conn = None
        slot.reader, slot.writer = await asyncio.open_unix_connection(sock=sock)

    @staticmethod
    async def _stop_streams(slot: _Slot) -> None:
        if slot.writer is not None:
            slot.writer.close()
            with contextlib.suppress(OSError, RuntimeError):
                await slot.writer.wait_closed()
        slot.reader = slot.writer = None

    def _spawn(self, slot: _Slot) -> None:
        parent_conn, child_conn = _SPAWN.Pipe()
        proc = _SPAWN.Process(
            target=worker.main,
            args=(child_conn, self.seal),
            daemon=True,
            name=f"lckg-query-{slot.number}",
        )
        with preloading(self.preload):
            proc.start()
        child_conn.close()
        slot.proc, slot.conn, slot.opened = proc, parent_conn, None
        try:
            hello: Hello = pickle.loads(parent_conn.recv_bytes())
        except (EOFError, OSError):
            hello = Hello(sealed=False, error="the worker exited before it started")
        if self.seal and not hello.sealed:
            log.error("query worker %d is not sealed off the network: %s", slot.number, hello.error)
        slot.sealed = hello.sealed

    @staticmethod
    def _stop(slot: _Slot) -> None:
        if slot.conn is not None:
            slot.conn.close()
        if slot.proc is not None and slot.proc.is_alive():
            slot.proc.kill()
            slot.proc.join(timeout=5)

    def paths_in_use(self) -> set[str]:
        return {s.opened for s in self._slots if s.opened is not None}

    def new_output(self) -> str:
        """A fresh file name for a result too large for a reply (the file is created only then)."""
        return f"{self.spool_dir}{os.sep}result-{next(self._ids)}-{time.monotonic_ns()}"

    # -- running ---------------------------------------------------------------------------------
    async def run(self, job: Job, *, client_gone: Awaitable[None] | None = None) -> QueryResult:
        """Run ``job``; raises :class:`Busy`, :class:`Timeout` or :class:`Unavailable`.

        ``client_gone`` completes when the client disconnects. A query still waiting for a
        worker then leaves the queue at once (:class:`ClientGone`); a running one is stopped
        (its worker killed and replaced) once it has run for ``STOP_AFTER`` seconds, since
        replacing a worker costs about that much; a shorter one finishes and is dropped."""
        if client_gone is None:
            return await self._run(job, _Started())
        started = _Started()
        task = asyncio.ensure_future(self._run(job, started))
        watcher = asyncio.ensure_future(client_gone)
        try:
            await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
            if task.done() or not watcher.done():
                return await task
            loop = asyncio.get_running_loop()
            while not task.done():
                if started.at is not None and started.at + STOP_AFTER > loop.time():
                    await asyncio.wait({task}, timeout=started.at + STOP_AFTER - loop.time())
                    continue
                task.cancel()
                break
            with contextlib.suppress(asyncio.CancelledError, KGError):
                await task
            outcome = (
                "it left the queue"
                if started.at is None
                else "it finished unread"
                if not task.cancelled()
                else "its worker was stopped"
            )
            log.info("a client disconnected before its query was answered: %s", outcome)
            raise ClientGone("the client disconnected before the answer; the query was dropped")
        finally:
            watcher.cancel()
            if not task.done():  # this request itself was cancelled
                task.cancel()

    async def _run(self, job: Job, started: _Started) -> QueryResult:
        self.screen(job.query, update=False)
        return await self._dispatch(job, started)

    async def check(self, check: Check) -> QueryResult:
        """Meet an update's or an upload's text in a worker (:func:`worker.run_check`); a
        worker that crashes on it costs that worker, and the client gets 400. The caller has
        screened the text (:meth:`screen`)."""
        return await self._dispatch(check, _Started())

    async def _dispatch(self, job: Job | Check, started: _Started) -> QueryResult:
        deadline = time.monotonic() + self.timeout
        slot = await self._acquire(deadline)
        started.at = asyncio.get_running_loop().time()
        try:
            if self.memory_store is not None:
                reply = await self._run_in_thread(slot, job, deadline)
            else:
                reply = await self._run_in_process(slot, job, deadline)
        except BaseException:
            Path(job.output).unlink(missing_ok=True)
            raise
        if reply.error is not None:
            Path(job.output).unlink(missing_ok=True)
        return QueryResult(job.output, reply)

    async def _acquire(self, deadline: float) -> _Slot:
        if self._idle.empty() and self._waiting >= self.queue_size:
            raise Busy(
                f"all {self.workers} query workers are busy and {self._waiting} queries are "
                f"waiting (limits KG_WORKERS and KG_QUEUE_SIZE); try again shortly",
                retry_after=max(1, round(self.timeout / 4)),
            )
        if not self._idle.empty():
            return self._idle.get_nowait()
        self._waiting += 1
        try:
            async with asyncio.timeout_at(self._loop_deadline(deadline)):
                return await self._idle.get()
        except TimeoutError:
            raise Timeout(
                f"no query worker became free within the {self.timeout:g} s limit "
                "(KG_QUERY_TIMEOUT); the endpoint is overloaded, try again later",
                headers={"Retry-After": str(max(1, round(self.timeout / 4)))},
            ) from None
        finally:
            self._waiting -= 1

    @staticmethod
    def _loop_deadline(deadline: float) -> float:
        """``deadline`` (``time.monotonic``) on the event loop's clock."""
        loop = asyncio.get_running_loop()
        return loop.time() + (deadline - time.monotonic())

    def _timeout_error(self) -> Timeout:
        return Timeout(
            f"the query ran longer than the {self.timeout:g} s limit (KG_QUERY_TIMEOUT) and was "
            "stopped; narrow it down (LIMIT, more specific patterns) or ask for a higher limit"
        )

    async def _run_in_thread(self, slot: _Slot, job: Job | Check, deadline: float) -> Reply:
        store, threads = self.memory_store, self._threads
        assert store is not None and threads is not None
        call = (
            functools.partial(worker.run_check, job)
            if isinstance(job, Check)
            else functools.partial(worker.run_job, store, job)
        )
        task = asyncio.wrap_future(threads.submit(call))
        try:
            done, _ = await asyncio.wait({task}, timeout=max(0.0, deadline - time.monotonic()))
        except asyncio.CancelledError:
            done = set()
            raise
        finally:
            if not done:
                # The thread cannot be stopped; its slot comes back only when it has finished.
                task.add_done_callback(lambda _t: self._idle.put_nowait(slot))
        if not done:
            raise self._timeout_error()
        self._idle.put_nowait(slot)
        return task.result()

    async def _run_in_process(self, slot: _Slot, job: Job | Check, deadline: float) -> Reply:
        reader, writer = slot.reader, slot.writer
        assert reader is not None and writer is not None and self.store_path is not None
        healthy = False
        try:
            # A Job is plain data (no descriptors to pass), so the C pickler does.
            writer.write(frame(pickle.dumps((self.store_path, job), pickle.HIGHEST_PROTOCOL)))
            if isinstance(job, Job):
                slot.opened = self.store_path
            await writer.drain()
            try:
                async with asyncio.timeout_at(self._loop_deadline(deadline)):
                    reply = await self._watch(slot, read_message(reader), _what(job))
            except TimeoutError:
                log.warning(
                    "query passed its %.1fs deadline; killing worker %d", self.timeout, slot.number
                )
                raise self._timeout_error() from None
            healthy = True
        except (asyncio.IncompleteReadError, OSError) as exc:
            log.warning("query worker %d failed: %s", slot.number, exc)
            if isinstance(job, Check):
                raise BadQuery(
                    f"the {'update' if job.task == 'update' else 'uploaded RDF'} crashed the "
                    "worker that parsed it (most likely it nests too deeply for the parser); "
                    "nothing was written"
                ) from exc
            raise Unavailable("the query worker stopped unexpectedly; try again") from exc
        else:
            return reply
        finally:
            if not healthy:
                await self._respawn(slot)
            self._idle.put_nowait(slot)

    async def _watch(self, slot: _Slot, reading: Coroutine[Any, Any, Reply], what: str) -> Reply:
        """``reading``'s reply, while the worker's memory stays under the limit."""
        task = asyncio.ensure_future(reading)
        limit, proc = self.memory_limit, slot.proc
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=MEMORY_POLL)
                if done:
                    return task.result()
                used = resident_bytes(proc.pid) if limit and proc and proc.pid else None
                if limit is not None and used is not None and used > limit:
                    log.warning(
                        "worker %d passed KG_QUERY_MEMORY (%d bytes); killing it", slot.number, used
                    )
                    raise memory_error(limit, used, what=what)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, asyncio.IncompleteReadError, OSError):
                await task


def _what(job: Job | Check) -> str:
    if isinstance(job, Job):
        return "query"
    return "update" if job.task == "update" else "upload"
