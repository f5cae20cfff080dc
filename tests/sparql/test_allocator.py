"""``KG_MALLOC``: an allocator preloaded into the server (``lckg serve``) and its query workers."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, child_processes, make_data_dir
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runner import run_lckg

from kg.config import Settings, find_allocator
from kg.sparql.wire import preloading as _preloading

JEMALLOC = "libjemalloc.so"


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def _workers(pid: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = child_processes(pid)
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("no query worker started")


def test_names_resolve_and_bad_values_are_refused(tmp_path: Path) -> None:
    for system in (None, "", " system "):
        assert find_allocator(system) is None
    library = tmp_path / "libfake.so"
    library.write_bytes(b"")
    assert Settings(malloc=str(library)).malloc == str(library.resolve())
    with pytest.raises(ValidationError, match=r"malloc[\s\S]*is not a file"):
        Settings(malloc=str(tmp_path / "missing.so"))
    with pytest.raises(ValidationError, match="no libnosuchalloc is installed"):
        Settings(malloc="nosuchalloc")
    with pytest.raises(ValidationError, match="expected jemalloc, mimalloc"):
        Settings(malloc="Je Malloc")


def test_serve_refuses_a_missing_allocator(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    result = run_lckg("serve", data_dir=tmp_path, KG_MALLOC="nosuchalloc")
    assert result.returncode == 2
    assert "KG_MALLOC" in result.stderr and "nosuchalloc" in result.stderr


def test_the_environment_changes_only_while_a_worker_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    with _preloading("libfake.so"):
        assert os.environ["LD_PRELOAD"] == "libfake.so"
    assert "LD_PRELOAD" not in os.environ
    monkeypatch.setenv("LD_PRELOAD", "libother.so")
    with _preloading("libfake.so"):
        assert os.environ["LD_PRELOAD"] == "libfake.so libother.so"
    assert os.environ["LD_PRELOAD"] == "libother.so"
    with _preloading(None):
        assert os.environ["LD_PRELOAD"] == "libother.so"


def _count(server: LiveServer) -> list[str]:
    resp = httpx.get(
        f"{server.url}/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    return resp.text.split()


def _need_jemalloc() -> None:
    if find_allocator("jemalloc") is None:  # ./dev test installs Debian's libjemalloc2
        pytest.fail("libjemalloc2 is not installed; ./dev test installs it")


@pytest.mark.server
@pytest.mark.parametrize("processes", [1, 2])
def test_lckg_serve_runs_every_process_with_the_allocator(tmp_path: Path, processes: int) -> None:
    _need_jemalloc()
    make_data_dir(tmp_path)
    env = {
        "KG_WORKERS": "1",
        "KG_PROCESSES": str(processes),
        "KG_MALLOC": "jemalloc",
        "KG_ACCESS_LOG": "false",
    }
    server = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    try:
        assert server.proc is not None
        assert _count(server) == ["n", "2"]
        # The command restarted itself in place: the same process, now with the allocator.
        assert JEMALLOC in _maps(server.proc.pid)
        http = child_processes(server.proc.pid) if processes > 1 else [server.proc.pid]
        assert len(http) == processes
        workers = [w for pid in http for w in _workers(pid)]
        assert len(workers) == processes
        assert all(JEMALLOC in _maps(pid) for pid in http + workers)
        assert "jemalloc" in server.read_log()  # the pool says which allocator its workers use
    finally:
        server.stop()


@pytest.mark.server
def test_an_app_served_otherwise_still_gives_its_workers_the_allocator(tmp_path: Path) -> None:
    _need_jemalloc()
    make_data_dir(tmp_path)
    env = {"KG_WORKERS": "2", "KG_MALLOC": "jemalloc"}
    server = LiveServer(tmp_path, env).start(timeout=60)  # plain uvicorn, no restart
    try:
        assert server.proc is not None
        assert _count(server) == ["n", "2"]
        workers = _workers(server.proc.pid)
        assert len(workers) == 2
        assert all(JEMALLOC in _maps(pid) for pid in workers)
        assert JEMALLOC not in _maps(server.proc.pid)
    finally:
        server.stop()


@pytest.mark.server
def test_without_the_setting_the_system_allocator_stays(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    env = {"KG_WORKERS": "1", "KG_ACCESS_LOG": "false"}
    server = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    try:
        assert server.proc is not None
        (worker,) = _workers(server.proc.pid)
        assert JEMALLOC not in _maps(worker)
        assert JEMALLOC not in _maps(server.proc.pid)
    finally:
        server.stop()
