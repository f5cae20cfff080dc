"""Fixtures for the browsing tests: the hand-written fixture dataset in an in-memory store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.app import create_app
from kg.config import Settings
from kg.formats import TRIG
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "http://kg.test/"


def fixture_store(base: str) -> Store:
    """The fixture dataset with its relative IRIs resolved against ``base``."""
    store = Store()
    store.load(FIXTURES / "kg.trig", format=TRIG, base_iri=base)
    return store


@pytest.fixture(scope="session")
def web_store() -> Store:
    return fixture_store(BASE)


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(base=BASE, data_dir=tmp_path_factory.mktemp("web-data"))


@pytest.fixture(scope="session")
def client(web_settings: Settings, web_store: Store) -> Iterator[TestClient]:
    app = create_app(web_settings, store=web_store)
    with TestClient(app, base_url="http://kg.test") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real uvicorn server whose IRIs use that same base."""
    from tests.web.live import live_server

    with live_server(tmp_path_factory.mktemp("live")) as base:
        yield base


@pytest.fixture(autouse=True)
def _fresh_cookies(request: pytest.FixtureRequest) -> None:
    """The shared client must not carry a language cookie from one test into the next."""
    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies.clear()


@pytest.fixture(scope="session")
def corpus_settings(request: pytest.FixtureRequest) -> Settings:
    """The lead's real build of the corpus; skipped (with the reason) while it cannot be built."""
    from kg.errors import BuildError

    try:
        settings: Settings = request.getfixturevalue("built_settings")
    except BuildError as exc:
        pytest.skip(f"the corpus does not build yet: {str(exc)[:200]}")
    return settings
