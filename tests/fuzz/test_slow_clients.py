"""Slow and idle clients against the real server (``lckg serve``): header and body timeouts, and
a cap on connections that idle ones cannot use up."""

from __future__ import annotations

import contextlib
import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, make_data_dir

HEADER_TIMEOUT = 1.5
BODY_TIMEOUT = 2.0
KEEP_ALIVE = 1.0
IDLE_CLIENTS = 1000
CAP = 500  # the default KG_MAX_CONNECTIONS
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = IDLE_CLIENTS + CAP + 200
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"needs {wanted} open files, the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))  # the server inherits it
    data_dir = tmp_path_factory.mktemp("slow-clients")
    make_data_dir(data_dir, filler=False)
    env = {
        "KG_WORKERS": "1",
        "KG_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "KG_BODY_TIMEOUT": str(BODY_TIMEOUT),
        "KG_KEEP_ALIVE_TIMEOUT": str(KEEP_ALIVE),
    }
    live = LiveServer(data_dir, env, via_cli=True).start(timeout=60)
    yield live
    live.stop()
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _connect(server: LiveServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=HEADER_TIMEOUT * 6)
    return sock


def _closed_after(sock: socket.socket) -> tuple[float, bytes]:
    """Seconds until the server closes ``sock``, and what it sent before."""
    started, received = time.monotonic(), b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except ConnectionResetError:
        pass
    return time.monotonic() - started, received


def test_incomplete_headers_get_408_within_the_header_timeout(server: LiveServer) -> None:
    with _connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # no blank line: never complete
        waited, received = _closed_after(sock)
    assert HEADER_TIMEOUT * 0.8 < waited < HEADER_TIMEOUT + 2
    assert received.startswith(b"HTTP/1.1 408 ")


def test_headers_sent_a_byte_at_a_time_do_not_hold_the_connection(server: LiveServer) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
    started = time.monotonic()
    with _connect(server) as sock, pytest.raises(OSError):
        for byte in request:  # one byte every 50 ms: 12 s for the whole request
            sock.sendall(bytes([byte]))
            time.sleep(0.05)
            if time.monotonic() - started > HEADER_TIMEOUT + 5:
                break
    assert time.monotonic() - started < HEADER_TIMEOUT + 3


def test_a_connection_that_sends_nothing_is_closed(server: LiveServer) -> None:
    with _connect(server) as sock:
        waited, received = _closed_after(sock)
    assert received == b"" and waited < HEADER_TIMEOUT + 2


def test_a_body_that_does_not_come_gets_408(server: LiveServer) -> None:
    with _connect(server) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK"
        )
        waited, received = _closed_after(sock)
    assert BODY_TIMEOUT * 0.8 < waited < BODY_TIMEOUT + 2
    assert received.startswith(b"HTTP/1.1 408 ")
    assert "Traceback" not in server.read_log()


def _response(sock: socket.socket) -> bytes:
    """One whole response (headers and a Content-Length body) read from ``sock``."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(4096)
    return head


def test_a_kept_alive_connection_serves_requests_then_is_closed_when_idle(
    server: LiveServer,
) -> None:
    with _connect(server) as sock:
        for _ in range(3):  # one connection, three requests
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _response(sock).startswith(b"HTTP/1.1 200 ")
        waited, received = _closed_after(sock)
    assert received == b"" and waited < KEEP_ALIVE + 1


def _open_sockets(pid: int) -> int:
    fds = Path(f"/proc/{pid}/fd")
    count = 0
    for fd in fds.iterdir():
        try:
            count += fd.readlink().name.startswith("socket:")
        except OSError:
            continue
    return count


def test_a_thousand_idle_connections_are_not_all_held(server: LiveServer) -> None:
    assert server.proc is not None
    before = _open_sockets(server.proc.pid)
    idle = [_connect(server) for _ in range(IDLE_CLIENTS)]
    try:
        time.sleep(0.5)
        held = _open_sockets(server.proc.pid) - before
        assert held <= CAP + 5, f"{held} connections held"
        # A new client is served while the idle ones wait: it takes the place of the oldest.
        assert httpx.get(f"{server.url}/health", timeout=5).status_code == 200
        time.sleep(HEADER_TIMEOUT + 1.5)
        assert _open_sockets(server.proc.pid) - before <= 5  # the header timeout closed the rest
        for sock in idle:
            sock.settimeout(0.5)
            with contextlib.suppress(ConnectionResetError):
                assert sock.recv(1) == b""
    finally:
        for sock in idle:
            sock.close()
    assert "Traceback" not in server.read_log()
