"""Suite-wide fixtures: a real build of the bundled corpus, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import run_build
from kg.build_layout import BuildInfo
from kg.config import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data dir holds a real ``lckg build`` of the corpus (default base)."""
    data_dir = tmp_path_factory.mktemp("built")
    settings = Settings(data_dir=data_dir)
    run_build(settings, quiet=True)
    return settings


@pytest.fixture(scope="session")
def built(built_settings: Settings) -> BuildInfo:
    from kg.build_layout import current_build

    info = current_build(built_settings)
    assert info is not None
    return info
