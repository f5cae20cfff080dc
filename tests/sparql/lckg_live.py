"""A real server for tests: a data dir with a small store swapped in, and uvicorn in a subprocess.

Shared by ``tests/sparql`` and ``tests/w3c`` (which puts this directory on ``sys.path``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from kg.build_layout import current_build, new_build, swap_in
from kg.config import Settings
from kg.formats import TURTLE
from kg.search import build_index
from kg.store import Store

ROOT = Path(__file__).resolve().parents[2]

# A few hundred triples: enough for a cross join that runs for minutes.
FILLER = "\n".join(
    f'<http://example.org/n{i}> <http://example.org/p{i % 7}> "{i}" .' for i in range(300)
)
SAMPLE = """
@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
<http://localhost:8000/id/city/son-la> a lc:City ;
    rdfs:label "Sơn La"@vi, "Son La"@en ; schema:name "Sơn La" .
<http://localhost:8000/id/city/da-nang> a lc:City ;
    rdfs:label "Đà Nẵng"@vi, "Da Nang"@en ; schema:name "Đà Nẵng, \\"thành phố\\"" .
"""
TOKEN = "s3cret-token"
SAMPLE_GRAPH = "http://localhost:8000/graph/article/sample"


def make_data_dir(data_dir: Path, *, filler: bool = True) -> Settings:
    """``data_dir`` with a finished build (the sample graph + filler) swapped in as current."""
    settings = Settings(data_dir=data_dir)
    build = new_build(settings)
    store = Store(build.store_dir)
    store.load(SAMPLE.encode(), format=TURTLE, graph=SAMPLE_GRAPH)
    if filler:
        store.load(FILLER.encode(), format=TURTLE, graph="http://example.org/filler")
    store.flush()
    del store  # closes the RocksDB handle
    swap_in(settings, build)
    return settings


def make_indexed_data_dir(data_dir: Path) -> Settings:
    """:func:`make_data_dir` without the filler, plus the build's own search index, as
    ``lckg build`` writes it."""
    settings = make_data_dir(data_dir, filler=False)
    build = current_build(settings)
    assert build is not None
    with Store(build.store_dir, read_only=True) as store:
        build_index(store, build.search_path)
    return settings


def memory_store() -> Store:
    """The sample graph and the filler in an in-memory store."""
    store = Store()
    store.load(SAMPLE.encode(), format=TURTLE, graph=SAMPLE_GRAPH)
    store.load(FILLER.encode(), format=TURTLE, graph="http://example.org/filler")
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    data_dir: Path
    env: Mapping[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    via_cli: bool = False  # `lckg serve` (settings from KG_* in env) instead of bare uvicorn

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> LiveServer:
        env = {**os.environ, "KG_DATA_DIR": str(self.data_dir), **self.env}
        self.log = (self.data_dir / f"server-{self.port}.log").open("wb")
        if self.via_cli:
            command = ["-m", "kg.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        else:
            command = ["-m", "uvicorn", "--factory", "kg.app:create_app", "--host", "127.0.0.1"]
            command += ["--port", str(self.port), "--log-level", "warning"]
        self.proc = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.read_log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer /health in {timeout}s: {self.read_log()}")

    def read_log(self) -> str:
        return (self.data_dir / f"server-{self.port}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def child_processes(pid: int) -> list[int]:
    """``pid``'s child processes, leaving out multiprocessing's resource tracker."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return [p for p in found if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]


def wait_for(check: Callable[[], bool], timeout: float = 30) -> bool:
    """Poll ``check`` until it holds (True) or ``timeout`` seconds have passed (False)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True
