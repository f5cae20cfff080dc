"""Screenshots of a city page and of the article reader from the real corpus, for the README.

Written to ``test-artifacts/``; with ``LCKG_UPDATE_SCREENSHOTS=1`` also to ``docs/screenshots/``,
so that an ordinary test run never changes tracked files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.config import Settings
from tests.web.live import free_port, serve

pytestmark = [pytest.mark.browser, pytest.mark.server]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_readme_screenshots(browser: Any, corpus_settings: Settings, artifacts: Path) -> None:
    shots = artifacts / "readme"
    port = free_port()
    with serve(corpus_settings.data_dir, corpus_settings.base, port) as url:
        hits = httpx.get(
            url + "search", params={"q": "son la"}, headers={"Accept": "application/json"}
        ).json()["results"]
        city = next(h for h in hits if h["kind"] == "entity" and "/page/city/" in h["href"])
        source = next(h for h in hits if h["kind"] == "passage")
        shots.mkdir(parents=True, exist_ok=True)
        page = browser.new_page(locale="vi-VN", viewport={"width": 1200, "height": 1000})
        page.goto(url + city["href"].lstrip("/"))
        page.screenshot(path=str(shots / "city.png"), full_page=False)
        page.goto(url + source["href"].lstrip("/"))
        page.screenshot(path=str(shots / "article.png"), full_page=False)
        page.close()
    for name in ("city.png", "article.png"):
        assert (shots / name).stat().st_size > 10_000
        if os.environ.get("LCKG_UPDATE_SCREENSHOTS") == "1":
            shutil.copyfile(shots / name, DOCS / name)
