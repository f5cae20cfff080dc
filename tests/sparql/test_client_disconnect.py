"""A client that disconnects gives its query up: out of the queue at once, or its worker stopped."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, make_data_dir, wait_for

# Runs for minutes over the filler; only a disconnect (or the 60 s deadline) ends it early.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"  # not a single pattern: it needs the worker


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """One worker, one queue place, a deadline far beyond the test."""
    make_data_dir(tmp_path)
    env = {"KG_WORKERS": "1", "KG_QUEUE_SIZE": "1", "KG_QUERY_TIMEOUT": "60"}
    live = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    yield live
    live.stop()


def _ask(server: LiveServer, query: str, timeout: float) -> int | str:
    """The status, or the name of the client-side timeout when the client gave up."""
    try:
        resp = httpx.get(
            f"{server.url}/sparql",
            params={"query": query},
            headers={"Accept": "text/csv"},
            timeout=timeout,
        )
    except httpx.TimeoutException as exc:
        return type(exc).__name__
    return resp.status_code


@pytest.mark.server
def test_a_running_query_whose_client_left_is_stopped(server: LiveServer) -> None:
    assert _ask(server, SLOW, timeout=1.5) == "ReadTimeout"  # the client gives up
    started = time.monotonic()
    # The only worker is free again well before the 60 s deadline would have freed it.
    assert _ask(server, QUICK, timeout=30) == 200
    assert time.monotonic() - started < 15
    assert wait_for(lambda: "its worker was stopped" in server.read_log(), 5), server.read_log()


@pytest.mark.server
def test_a_queued_query_whose_client_left_frees_its_place(server: LiveServer) -> None:
    with ThreadPoolExecutor(2) as pool:
        running = pool.submit(_ask, server, SLOW, 4.0)  # holds the worker, then leaves too
        time.sleep(0.5)
        # Takes the only queue place, and leaves after 1 s.
        assert _ask(server, SLOW, timeout=1.0) == "ReadTimeout"
        assert wait_for(lambda: "it left the queue" in server.read_log(), 5), server.read_log()
        # The place is free: this query waits in the queue (no 429) until its client gives up.
        assert _ask(server, QUICK, timeout=1.0) == "ReadTimeout"
        assert running.result() == "ReadTimeout"
    assert _ask(server, QUICK, timeout=30) == 200
