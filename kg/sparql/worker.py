"""The query worker: a child process that opens the store read-only and runs one query at a time.

pyoxigraph cannot cancel a running query, so the only way to stop one is to end the process
that runs it; :mod:`kg.sparql.pool` does that when a query passes its deadline. The worker writes
the whole result before it reports, so the parent knows the outcome (success, syntax error, ...)
before it sends a status line: a result up to ``INLINE_LIMIT`` bytes travels back in the reply
itself, a larger one is spilled into a file named by the parent and streamed from there.
"""

from __future__ import annotations

import logging
import pickle
import signal
from contextlib import closing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, BinaryIO, cast

from kg.formats import by_name
from kg.sparql.results import write_solutions
from kg.store import Store

log = logging.getLogger(__name__)


INLINE_LIMIT = 1 << 20  # results up to this size come back in the reply, larger ones in a file


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
        return Reply(error="store", message=str(exc))
    body = bytes(out.buffer) if out.file is None else None
    return Reply(kind=outcome.kind, rows=outcome.rows, truncated=outcome.truncated, body=body)


def main(conn: Connection) -> None:
    """Worker loop: receive ``(store_path, Job)``, reply with a :class:`Reply`, until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    store: Store | None = None
    opened: str | None = None
    while True:
        try:
            store_path, job = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if store is None or store_path != opened:
            store = None  # close the previous generation before opening the next
            try:
                store = Store(store_path, read_only=True)
                opened = store_path
            except OSError as exc:
                _send(conn, Reply(error="store", message=f"cannot open the store: {exc}"))
                continue
        _send(conn, run_job(store, job))


def _send(conn: Connection, reply: Reply) -> None:
    # A Reply is plain data: the C pickler, not multiprocessing's (slower) ForkingPickler.
    conn.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
