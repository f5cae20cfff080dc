"""The hostile-input suite: a few thousand seeded, mutated requests over every route of a real
server (``lckg serve``, loopback only, writes enabled): never a 500, never a crashed process.

``LCKG_FUZZ_REQUESTS`` raises the count (releases run 100,000), ``LCKG_FUZZ_SEED`` picks another
sequence; a failure names the requests that caused it, and the same seed replays them.
"""

from __future__ import annotations

import os
import re
import socket
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from hostile import ROOT, TOKEN, Hostile, Request
from lckg_live import LiveServer, make_indexed_data_dir

REQUESTS = int(os.environ.get("LCKG_FUZZ_REQUESTS", "6000"))
SEED = int(os.environ.get("LCKG_FUZZ_SEED", "17"))
CLIENTS = 4
# What the log of a healthy run never holds: a traceback, an error, a worker that died.
BAD_LOG = re.compile(r"Traceback|^ERROR|query worker \d+ failed|Exception in ASGI", re.M)
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("fuzz")
    make_indexed_data_dir(data_dir)
    queries = data_dir / "queries"
    queries.mkdir()
    (queries / "01-cities.rq").write_text(
        "# title: Cities\n# description: Every city.\n"
        "PREFIX lc: <https://w3id.org/learning-cities/ontology#>\n"
        "SELECT ?city WHERE { ?city a lc:City }\n",
        encoding="utf-8",
    )
    env = {
        "KG_UPDATE_TOKEN": TOKEN,
        "KG_WORKERS": "1",
        "KG_QUERY_TIMEOUT": "2",
        "KG_QUEUE_SIZE": "16",
        "KG_QUERIES_DIR": str(queries),
        "KG_ACCESS_LOG": "false",
        "KG_BODY_TIMEOUT": "5",
    }
    live = LiveServer(data_dir, env, via_cli=True).start(timeout=60)
    yield live
    live.stop()


def _send_raw(server: LiveServer, request: Request) -> int | None:
    """The status the server answers raw bytes with, or ``None`` if it just closes."""
    assert request.raw is not None
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as sock:
        try:
            sock.sendall(request.raw)
            sock.shutdown(socket.SHUT_WR)
            head = sock.recv(64)
        except OSError:
            return None
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return int(match.group(1)) if match else None


def _send(client: httpx.Client, server: LiveServer, request: Request) -> int | str:
    """The status, or why there is none: ``client`` (the client library refused to send it)
    or ``no answer`` (the server closed the connection without one)."""
    if request.raw is not None:
        status = _send_raw(server, request)
        return "no answer" if status is None else status
    try:
        resp = client.request(
            request.method,
            server.url + request.path,
            headers=request.headers,
            content=request.body or None,
        )
    except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeError, ValueError):
        return "client"
    except httpx.TransportError as exc:
        return f"no answer ({type(exc).__name__})"
    return resp.status_code


def test_hostile_requests_get_no_500_and_crash_nothing(server: LiveServer) -> None:
    hostile = Hostile(SEED, ROOT / "queries")
    requests = [hostile.next() for _ in range(REQUESTS)]
    started = time.monotonic()
    with (
        httpx.Client(timeout=30, follow_redirects=False) as client,
        ThreadPoolExecutor(CLIENTS) as pool,
    ):
        outcomes = list(pool.map(lambda r: _send(client, server, r), requests))
    elapsed = time.monotonic() - started
    statuses = Counter(outcomes)
    print(f"\n{REQUESTS} hostile requests (seed {SEED}) in {elapsed:.1f}s: {dict(statuses)}")
    failures = [
        (outcome, request.describe())
        for outcome, request in zip(outcomes, requests, strict=True)
        if (isinstance(outcome, int) and outcome >= 500 and outcome != 503)
        or (isinstance(outcome, str) and outcome.startswith("no answer") and request.raw is None)
    ]
    assert not failures, "\n".join(f"{o}: {d}" for o, d in failures[:15])
    assert server.proc is not None and server.proc.poll() is None, "the server died"
    assert httpx.get(f"{server.url}/health", timeout=10).status_code == 200
    bad = BAD_LOG.findall(server.read_log())
    assert not bad, server.read_log()
    # Enough of the requests reached the app (not refused by the client library or the parser).
    answered = sum(n for outcome, n in statuses.items() if isinstance(outcome, int))
    assert answered > REQUESTS * 0.8
    assert statuses[500] == 0
