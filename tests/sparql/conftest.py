"""Fixtures for the SPARQL endpoint tests: an in-process app over an in-memory store, and
real servers (uvicorn subprocesses) over an on-disk store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lckg_live import TOKEN, LiveServer, make_data_dir, make_indexed_data_dir, memory_store

from kg.app import create_app
from kg.config import Settings


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[object]:
    """``make_client(**settings)`` → a TestClient (lifespan running) over a fresh memory store."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        settings = Settings(data_dir=tmp_path, queries_dir=tmp_path / "queries", **overrides)
        client = TestClient(create_app(settings, store=memory_store()))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(params=["memory", "disk"])
def writable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """An app that takes writes: over an in-memory store (no snapshots), or over a build on disk
    with its own search index (a snapshot per write)."""
    if request.param == "memory":
        make_client = request.getfixturevalue("make_client")
        yield make_client(update_token=TOKEN)
        return
    make_indexed_data_dir(tmp_path)
    settings = Settings(data_dir=tmp_path, update_token=TOKEN, workers=1)
    with TestClient(create_app(settings)) as client:
        assert client.app.state.sparql.gate.snapshots  # type: ignore[attr-defined]
        yield client


@pytest.fixture
def client(make_client: object) -> TestClient:
    return make_client()  # type: ignore[operator, no-any-return]


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One worker, one queue place, a 1.5 s deadline: easy to saturate."""
    data_dir = tmp_path_factory.mktemp("slow")
    make_data_dir(data_dir)
    server = LiveServer(
        data_dir, {"KG_WORKERS": "1", "KG_QUEUE_SIZE": "1", "KG_QUERY_TIMEOUT": "1.5"}
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def write_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("write")
    make_data_dir(data_dir)
    queries = data_dir / "queries"
    queries.mkdir()
    (queries / "01-cities.rq").write_text(
        "# title: Learning cities\n# title_vi: Các thành phố học tập\n"
        "# description: Every city with its label.\n"
        "PREFIX lc: <https://w3id.org/learning-cities/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?city ?label WHERE { ?city a lc:City ; rdfs:label ?label } ORDER BY ?label\n",
        encoding="utf-8",
    )
    server = LiveServer(
        data_dir, {"KG_UPDATE_TOKEN": TOKEN, "KG_WORKERS": "2", "KG_QUERIES_DIR": str(queries)}
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def readonly_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("readonly")
    make_data_dir(data_dir)
    server = LiveServer(data_dir, {"KG_WORKERS": "1"}).start()
    yield server
    server.stop()
