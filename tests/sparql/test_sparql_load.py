"""Deadlines, back-pressure and responsiveness against a real server (one worker, one queue
place, a 1.5 s deadline)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer

pytestmark = pytest.mark.server

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(x) for x in text)
    return found


def ask(server: LiveServer, query: str, timeout: float = 30) -> httpx.Response:
    return httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=timeout)


def test_timeout_is_503_and_the_worker_is_replaced(slow_server: LiveServer) -> None:
    assert slow_server.proc is not None
    before = children(slow_server.proc.pid)
    started = time.monotonic()
    resp = ask(slow_server, SLOW)
    elapsed = time.monotonic() - started
    assert resp.status_code == 503
    assert "1.5 s" in resp.text and "KG_QUERY_TIMEOUT" in resp.text
    assert elapsed < 5
    # The worker that ran the query is gone (killed), a fresh one serves the next query.
    after = children(slow_server.proc.pid)
    assert before - after, f"no worker was killed: {before} -> {after}"
    ok = ask(slow_server, "ASK { ?s ?p ?o }")
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_busy_is_429_and_the_app_stays_responsive(slow_server: LiveServer) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = pool.submit(ask, slow_server, SLOW)
        time.sleep(0.3)
        queued = pool.submit(ask, slow_server, SLOW)
        time.sleep(0.3)
        refused = ask(slow_server, "ASK {}")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert "KG_WORKERS" in refused.text
        # The pool is saturated; other pages still answer fast.
        for path in ("/health", "/sparql?format=ttl", "/store?graph=http://example.org/none"):
            started = time.monotonic()
            page = httpx.get(f"{slow_server.url}{path}", timeout=5)
            assert time.monotonic() - started < 1.0, path
            assert page.status_code in (200, 404), (path, page.status_code)
        assert running.result().status_code == 503
        assert queued.result().status_code == 503
    assert ask(slow_server, "ASK {}").status_code == 200
