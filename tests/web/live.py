"""A real uvicorn server over the fixture dataset, in a build layout, on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from kg import build_layout
from kg.config import Settings
from kg.formats import TRIG
from kg.search import build_index
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_build(data_dir: Path, base: str) -> Settings:
    """Lay the fixture dataset out as ``lckg build`` would (store, search index, current)."""
    settings = Settings(data_dir=data_dir, base=base)
    build = build_layout.new_build(settings)
    store = Store(build.store_dir)
    store.load(FIXTURES / "kg.trig", format=TRIG, base_iri=base)
    build_index(store, build.search_path)
    store.flush()
    del store
    build_layout.swap_in(settings, build)
    return settings


@contextmanager
def live_server(data_dir: Path) -> Iterator[str]:
    """Yield the base URL of a uvicorn subprocess serving a fixture build at that base."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    make_build(data_dir, base)
    with serve(data_dir, base, port) as url:
        yield url


@contextmanager
def serve(data_dir: Path, base: str, port: int) -> Iterator[str]:
    """Run uvicorn over the build in ``data_dir`` (IRIs under ``base``); yield its URL."""
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "KG_DATA_DIR": str(data_dir), "KG_BASE": base, "KG_WORKERS": "1"}
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "kg.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "server did not start: " + (data_dir / "server.log").read_text(errors="replace")
                )
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
