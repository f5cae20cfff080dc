"""Several HTTP server processes over one read-only store (``KG_PROCESSES``)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, make_data_dir
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runner import run_lckg

from kg.config import Settings


def _children(pid: int) -> list[int]:
    """Child processes, leaving out multiprocessing's resource tracker."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return [p for p in found if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]


def _wait_for(check: Callable[[], bool], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_several_processes_and_writes_do_not_mix(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KG_PROCESSES"):
        Settings(data_dir=tmp_path, processes=2, update_token="secret")
    make_data_dir(tmp_path)
    result = run_lckg("serve", "--processes", "2", data_dir=tmp_path, KG_UPDATE_TOKEN="secret")
    assert result.returncode == 2
    assert "KG_PROCESSES" in result.stderr and "KG_UPDATE_TOKEN" in result.stderr


@pytest.mark.server
def test_two_processes_answer_every_query(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    env = {"KG_PROCESSES": "2", "KG_WORKERS": "1", "KG_ACCESS_LOG": "false"}
    server = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    try:
        assert server.proc is not None
        http_processes = _children(server.proc.pid)  # uvicorn's supervisor and its workers
        assert len(http_processes) == 2, server.read_log()
        # Each serves with its own query worker, started with the app.
        assert _wait_for(lambda: all(len(_children(pid)) == 1 for pid in http_processes))
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

        def ask(_: int) -> int:
            resp = httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=30)
            resp.raise_for_status()
            return int(resp.json()["results"]["bindings"][0]["n"]["value"])

        with ThreadPoolExecutor(max_workers=8) as pool:
            counts = list(pool.map(ask, range(64)))
        assert set(counts) == {308}  # 8 sample triples + 300 filler
        assert "GET /sparql" not in server.read_log()  # KG_ACCESS_LOG=false
    finally:
        server.stop()
