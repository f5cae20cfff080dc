"""Several HTTP server processes over one read-only store (``KG_PROCESSES``)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, child_processes, make_data_dir, wait_for
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runner import run_lckg

from kg.config import Settings


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
        http_processes = child_processes(server.proc.pid)  # uvicorn's supervisor and its workers
        assert len(http_processes) == 2, server.read_log()
        # Each serves with its own query worker, started with the app.
        assert wait_for(lambda: all(len(child_processes(pid)) == 1 for pid in http_processes))
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
