"""A real Chromium (Debian's, driven by Playwright) against a real server over the fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.web.live import live_server

    with live_server(tmp_path_factory.mktemp("browser")) as base:
        yield base


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def corpus_settings(request: pytest.FixtureRequest) -> object:
    """The lead's real build of the corpus; skipped (with the reason) while it cannot be built."""
    from kg.errors import BuildError

    try:
        return request.getfixturevalue("built_settings")
    except BuildError as exc:
        pytest.skip(f"the corpus does not build yet: {str(exc)[:200]}")
