"""``KG_WORKER_MALLOC``: an allocator preloaded into the query workers, and only into them."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, make_data_dir
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runner import run_lckg

from kg.config import Settings, find_allocator
from kg.sparql.pool import _preloading

JEMALLOC = "libjemalloc.so"


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return [p for p in found if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def _workers(pid: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _children(pid)
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("no query worker started")


def test_names_resolve_and_bad_values_are_refused(tmp_path: Path) -> None:
    for system in (None, "", " system "):
        assert find_allocator(system) is None
    library = tmp_path / "libfake.so"
    library.write_bytes(b"")
    assert Settings(worker_malloc=str(library)).worker_malloc == str(library.resolve())
    with pytest.raises(ValidationError, match=r"worker_malloc[\s\S]*is not a file"):
        Settings(worker_malloc=str(tmp_path / "missing.so"))
    with pytest.raises(ValidationError, match="no libnosuchalloc is installed"):
        Settings(worker_malloc="nosuchalloc")
    with pytest.raises(ValidationError, match="expected jemalloc, mimalloc"):
        Settings(worker_malloc="Je Malloc")


def test_serve_refuses_a_missing_allocator(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    result = run_lckg("serve", data_dir=tmp_path, KG_WORKER_MALLOC="nosuchalloc")
    assert result.returncode == 2
    assert "KG_WORKER_MALLOC" in result.stderr and "nosuchalloc" in result.stderr


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


@pytest.mark.server
def test_workers_run_with_the_allocator_and_the_server_without(tmp_path: Path) -> None:
    if find_allocator("jemalloc") is None:  # ./dev test installs Debian's libjemalloc2
        pytest.fail("libjemalloc2 is not installed; ./dev test installs it")
    make_data_dir(tmp_path)
    env = {"KG_WORKERS": "2", "KG_WORKER_MALLOC": "jemalloc", "KG_ACCESS_LOG": "false"}
    server = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    try:
        assert server.proc is not None
        workers = _workers(server.proc.pid)
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"
        resp = httpx.get(
            f"{server.url}/sparql",
            params={"query": query},
            headers={"Accept": "text/csv"},
            timeout=30,
        )
        assert resp.status_code == 200, resp.text
        assert resp.text.split() == ["n", "2"]
        assert len(workers) == 2
        assert all(JEMALLOC in _maps(pid) for pid in workers)
        assert JEMALLOC not in _maps(server.proc.pid)
        assert "jemalloc" in server.read_log()  # the pool says which allocator its workers use
    finally:
        server.stop()


@pytest.mark.server
def test_without_the_setting_workers_keep_the_system_allocator(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    env = {"KG_WORKERS": "1", "KG_ACCESS_LOG": "false"}
    server = LiveServer(tmp_path, env, via_cli=True).start(timeout=60)
    try:
        assert server.proc is not None
        (worker,) = _workers(server.proc.pid)
        assert JEMALLOC not in _maps(worker)
    finally:
        server.stop()
