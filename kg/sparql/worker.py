"""The query worker: a child process that opens the store read-only and runs one query at a time.

pyoxigraph cannot cancel a running query, so the only way to stop one is to end the process
that runs it; :mod:`kg.sparql.pool` does that when a query passes its deadline. The worker writes
the whole result before it reports, so the parent knows the outcome (success, syntax error, ...)
before it sends a status line: a result up to ``INLINE_LIMIT`` bytes travels back in the reply
itself, a larger one is spilled into a file named by the parent and streamed from there.

Untrusted text is handled here, where a crash costs one worker: besides queries, a worker
checks updates (run once against an empty in-memory store, so that the parser and planner meet
the text before the server's writer does) and parses uploaded RDF into N-Triples, which the
server then loads without recursion (:class:`Check`). Before it reads any job the worker seals
itself off the network (:mod:`kg.sparql.seal`) and tells the parent whether that worked; its
jobs run on a thread with a :data:`STACK_SIZE` stack, so that any accepted nesting fits.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import signal
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, BinaryIO, cast

from kg.formats import NTRIPLES, by_name
from kg.sparql.results import write_solutions
from kg.sparql.seal import SealError, denied_by_seal, run_on_stack, seal_thread
from kg.sparql.service import mentions_remote
from kg.store import Store, parse_to_ntriples

log = logging.getLogger(__name__)


INLINE_LIMIT = 1 << 20  # results up to this size come back in the reply, larger ones in a file
# The stack of the thread that runs jobs: virtual memory, used only as deep as a text nests.
# 256 MiB holds ~10,000 nested groups, more than a query of KG_MAX_QUERY_LENGTH can write.
STACK_SIZE = 256 << 20
SEALED_MESSAGE = (
    "SERVICE or LOAD tried to reach the network, which this endpoint's query workers do not "
    "have (KG_NETWORK_ISOLATION=seal); only a server run with KG_NETWORK_ISOLATION=off and the "
    "endpoint in KG_SERVICE_ALLOW contacts remote endpoints"
)


_sealed = threading.Event()  # set once this process is sealed (never in the server process)


@dataclass(frozen=True)
class Job:
    """One query, everything picklable."""

    query: str
    output: str
    result_format: str
    rdf_format: str
    max_rows: int
    union: bool
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    base_iri: str | None
    inline_limit: int = INLINE_LIMIT


@dataclass(frozen=True)
class Check:
    """Untrusted text to meet in a worker: ``update`` (run against an empty store) or ``rdf``
    (the file ``data`` parsed as ``rdf_format`` into N-Triples, written to ``output``)."""

    task: str
    output: str
    text: str = ""
    data: str = ""
    rdf_format: str = ""
    base_iri: str | None = None
    inline_limit: int = INLINE_LIMIT


@dataclass(frozen=True)
class Hello:
    """The worker's first message: whether it is sealed off the network, and if not why."""

    sealed: bool
    error: str | None = None


@dataclass(frozen=True)
class Reply:
    """What happened: ``error`` is ``None`` on success, else ``syntax`` / ``query`` / ``store``."""

    kind: str = ""
    rows: int = 0
    truncated: bool = False
    error: str | None = None
    message: str = ""
    body: bytes | None = None  # the result, when it fitted in INLINE_LIMIT; else it is in the file


class _Spool:
    """A write-only sink that keeps up to ``limit`` bytes in memory, then spills into ``path``."""

    def __init__(self, path: str, limit: int) -> None:
        self.path, self.limit = path, limit
        self.buffer = bytearray()
        self.file: BinaryIO | None = None

    def write(self, data: bytes) -> int:
        if self.file is not None:
            return self.file.write(data)
        self.buffer += data
        if len(self.buffer) > self.limit:
            self.file = Path(self.path).open("wb")  # noqa: SIM115 - closed by close()
            self.file.write(self.buffer)
            self.buffer = bytearray()
        return len(data)

    def flush(self) -> None:
        if self.file is not None:
            self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def run_job(store: Store, job: Job) -> Reply:
    """Run ``job`` against ``store``; every expected failure becomes a :class:`Reply`."""
    out = _Spool(job.output, job.inline_limit)
    try:
        with closing(out):
            outcome = store.query_stream(
                job.query,
                cast("IO[bytes]", out),
                result_format=by_name(job.result_format),
                rdf_format=by_name(job.rdf_format),
                max_rows=job.max_rows,
                write_solutions=write_solutions,
                union=job.union,
                default_graphs=job.default_graphs,
                named_graphs=job.named_graphs,
                base_iri=job.base_iri,
            )
    except SyntaxError as exc:
        return Reply(error="syntax", message=str(exc))
    except (ValueError, TypeError, RuntimeError) as exc:
        return Reply(error="query", message=str(exc))
    except OSError as exc:
        # pyoxigraph reports evaluation failures (e.g. a failed SERVICE call) as OSError too.
        if denied_by_seal(str(exc)) or (_sealed.is_set() and mentions_remote(job.query)):
            # A sealed worker reaches no endpoint: whatever failed on the way (a TLS name, a
            # refused port) is the request's, not the store's.
            return Reply(error="query", message=f"{SEALED_MESSAGE} (the engine said: {exc})")
        return Reply(error="store", message=str(exc))
    body = bytes(out.buffer) if out.file is None else None
    return Reply(kind=outcome.kind, rows=outcome.rows, truncated=outcome.truncated, body=body)


def run_check(check: Check) -> Reply:
    """Meet ``check``'s text; ``error`` is ``syntax`` (bad input) or ``network`` (the seal
    refused a LOAD or SERVICE). An update's other failures against the empty store (``DROP`` of
    a graph it does not have) say nothing about the real store and count as passed."""
    try:
        if check.task == "update":
            Store().update(check.text, base_iri=check.base_iri)
            return Reply(kind="update")
        data = Path(check.data).read_bytes()
        out = _Spool(check.output, check.inline_limit)
        with closing(out):
            rows = parse_to_ntriples(data, by_name(check.rdf_format), check.base_iri, out)
        body = bytes(out.buffer) if out.file is None else None
        return Reply(kind=NTRIPLES.name, rows=rows, body=body)
    except SyntaxError as exc:
        return Reply(error="syntax", message=str(exc))
    except (ValueError, TypeError, RuntimeError, OSError) as exc:
        if denied_by_seal(str(exc)):
            return Reply(error="network", message=SEALED_MESSAGE)
        if check.task == "update":
            return Reply(kind="update")
        return Reply(error="syntax", message=str(exc))


def main(conn: Connection, seal: bool = True) -> None:
    """Seal this process (first, before any thread exists), say :class:`Hello`, then serve
    ``(store_path, Job | Check)`` with a :class:`Reply` each, until EOF, on a big stack."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    hello = Hello(sealed=False)
    if seal:
        try:
            seal_thread()
            hello = Hello(sealed=True)
            _sealed.set()
        except SealError as exc:
            hello = Hello(sealed=False, error=str(exc))
    conn.send_bytes(pickle.dumps(hello, pickle.HIGHEST_PROTOCOL))
    serving = threading.Thread(target=_serve, args=(conn, hello.sealed), name="lckg-query")
    with _stack(STACK_SIZE):
        serving.start()
    serving.join()


def _serve(conn: Connection, sealed: bool) -> None:
    store: Store | None = None
    opened: str | None = None
    while True:
        try:
            store_path, job = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if isinstance(job, Check):
            # An unsealed worker (KG_NETWORK_ISOLATION=off) still checks on a sealed thread: the
            # check must not fetch what the real run will.
            reply = run_check(job) if sealed else run_on_stack(run_check, job, STACK_SIZE)
            _send(conn, reply)
            continue
        if store is None or store_path != opened:
            store = None  # close the previous generation before opening the next
            try:
                store = Store(store_path, read_only=True)
                opened = store_path
            except OSError as exc:
                _send(conn, Reply(error="store", message=f"cannot open the store: {exc}"))
                continue
        _send(conn, run_job(store, job))


@contextlib.contextmanager
def _stack(size: int) -> Iterator[None]:
    before = threading.stack_size(size)
    try:
        yield
    finally:
        threading.stack_size(before)


def _send(conn: Connection, reply: Reply) -> None:
    # A Reply is plain data: the C pickler, not multiprocessing's (slower) ForkingPickler.
    conn.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
