"""The HTTP server ``lckg serve`` runs: uvicorn, with time limits on slow clients and a cap on
connections per process.

uvicorn alone closes a kept-alive connection that stays idle, but it has no limit on a connection
that is open and has not sent a whole request: a client that sends its headers a byte at a
time, or nothing at all, holds a connection for ever, and a thousand such clients hold a
thousand. The protocol classes here are uvicorn's own (httptools, else h11) with three additions:

* **header timeout** (``KG_HEADER_TIMEOUT``): from the moment a connection opens, or a response
  ends on a kept-alive one, the client has that long to send the next request's headers; then
  the connection is closed (with ``408 Request Timeout`` if part of a request had arrived);
* **body timeout** (``KG_BODY_TIMEOUT``): from the end of the headers, the client has that long
  to send the whole body; then it gets 408 and the connection is closed (the route sees a
  disconnect);
* **connection cap** (``KG_MAX_CONNECTIONS``, per HTTP process): a connection past the cap
  takes the place of the connection that has waited longest for its request's headers; when
  every connection is busy with a request, the new one is answered ``503`` with ``Retry-After``
  and closed. Idle and slow clients therefore never lock out a new one.

The limits are read from the ``KG_*`` environment in each HTTP process (``lckg serve`` exports
every setting before uvicorn starts its processes).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.config import Settings

log = logging.getLogger(__name__)


def _plain(status: str, message: str, *headers: str) -> bytes:
    """A whole ``Connection: close`` response, written straight to a transport."""
    body = message.encode("utf-8")
    head = [f"HTTP/1.1 {status}", "content-type: text/plain; charset=utf-8", *headers]
    head += ["connection: close", f"content-length: {len(body)}", "", ""]
    return "\r\n".join(head).encode("latin-1") + body


_TIMEOUT_408 = _plain("408 Request Timeout", "Request timeout: the request was not sent in time\n")
_BUSY_503 = _plain(
    "503 Service Unavailable",
    "Service unavailable: too many connections (KG_MAX_CONNECTIONS); retry\n",
    "retry-after: 1",
)


@dataclass(frozen=True)
class Limits:
    header_timeout: float
    body_timeout: float
    max_connections: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(settings.header_timeout, settings.body_timeout, settings.max_connections)


@functools.cache
def limits() -> Limits:
    """This process's limits, from the ``KG_*`` environment (read once)."""
    return Limits.of(Settings())


class _Guarded:
    """Mixed in before a uvicorn protocol class (see the module)."""

    connections: set[Any]
    cycle: Any
    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop

    _refused = False
    _timer: asyncio.TimerHandle | None = None
    _waiting_since: float | None = None  # waiting for a request's headers since (monotonic)
    _received = False  # bytes of the awaited request have arrived
    _cycle: Any = None  # the request cycle in progress when the wait began

    # -- connections ---------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        cap = limits().max_connections
        if len(self.connections) >= cap and not _evict_one(self.connections):
            _count("refused (every connection busy, KG_MAX_CONNECTIONS)")
            self._refused = True
            transport.write(_BUSY_503)
            transport.close()
            return
        super().connection_made(transport)  # type: ignore[misc]
        self._wait_for_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._refused:
            return
        self._cancel()
        super().connection_lost(exc)  # type: ignore[misc]

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        self._received = True
        super().data_received(data)  # type: ignore[misc]
        cycle = self.cycle
        if self._waiting_since is not None and cycle is not None and cycle is not self._cycle:
            # The headers are in: the wait is over; a body may still be due.
            self._waiting_since = None
            self._cancel()
            if cycle.more_body and not cycle.response_complete:
                self._timer = self.loop.call_later(limits().body_timeout, self._body_late)
        elif (
            self._waiting_since is None
            and self._timer is not None
            and (cycle is None or not cycle.more_body)
        ):
            self._cancel()  # the body is in

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        cycle = self.cycle
        if not self.transport.is_closing() and (cycle is None or cycle.response_complete):
            self._wait_for_headers()  # no pipelined request is waiting: the next one is due

    # -- the timers ----------------------------------------------------------------------------
    def _wait_for_headers(self) -> None:
        self._cancel()
        self._waiting_since = time.monotonic()
        self._received = False
        self._cycle = self.cycle
        self._timer = self.loop.call_later(limits().header_timeout, self._headers_late)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _headers_late(self) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        if self._received:
            _count("headers too slow (KG_HEADER_TIMEOUT)")
            self.transport.write(_TIMEOUT_408)
        self.transport.close()

    def _body_late(self) -> None:
        self._timer = None
        cycle = self.cycle
        if self.transport.is_closing() or cycle is None or cycle.response_complete:
            return
        _count("body too slow (KG_BODY_TIMEOUT)")
        if not cycle.response_started:
            self.transport.write(_TIMEOUT_408)
        cycle.keep_alive = False
        self.transport.close()

    def _evict(self) -> None:
        _count("idle, closed for a new connection (KG_MAX_CONNECTIONS)")
        self._cancel()
        self.transport.close()


_counts: dict[str, int] = {}
_last_report = [0.0]
REPORT_EVERY = (
    10.0  # seconds: connections closed by the limits are logged as counts, not one by one
)


def _count(reason: str) -> None:
    """Count a connection closed by a limit; log the counts at most every :data:`REPORT_EVERY`
    seconds (a flood of slow clients must not flood the log too)."""
    _counts[reason] = _counts.get(reason, 0) + 1
    now = time.monotonic()
    if now - _last_report[0] >= REPORT_EVERY:
        summary = ", ".join(f"{n} {why}" for why, n in sorted(_counts.items()))
        log.warning("connections closed by the server's limits: %s", summary)
        _counts.clear()
        _last_report[0] = now


def _evict_one(connections: set[Any]) -> bool:
    """Close the connection that has waited longest for a request's headers; False if every
    connection is busy with a request."""
    waiting = [c for c in connections if getattr(c, "_waiting_since", None) is not None]
    if not waiting:
        return False
    oldest = min(waiting, key=lambda c: c._waiting_since)
    oldest._waiting_since = None
    connections.discard(oldest)  # its place is taken now, before its close completes
    oldest._evict()
    return True


class GuardedH11Protocol(_Guarded, H11Protocol):
    """uvicorn's h11 protocol with the limits of this module."""


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools comes with uvicorn[standard]
    HttpToolsProtocol = None  # type: ignore[assignment, misc]


if HttpToolsProtocol is not None:

    class GuardedHttpToolsProtocol(_Guarded, HttpToolsProtocol):  # type: ignore[misc]
        """uvicorn's httptools protocol (the faster parser) with the limits of this module."""


def protocol_class() -> type[asyncio.Protocol]:
    """The protocol ``lckg serve`` runs: httptools when it is installed (uvicorn's own choice)."""
    if HttpToolsProtocol is not None:
        return GuardedHttpToolsProtocol
    return GuardedH11Protocol
