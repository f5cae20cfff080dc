"""Suite-wide fixtures: a real build of the bundled corpus, made once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright: one instance for the whole session.

    Playwright's sync API allows one driver per process, so every browser test shares this.
    Missing Chromium skips locally but fails in CI, where the test command installs it.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (./dev test installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
