"""Fixes seen only in a real browser: "run" links run their query; the ontology page fits the
window; the favicon is found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "kg" / "static" / "vendor" / "yasgui"


def test_run_link_opens_and_runs_the_query(browser: Any, browser_base: str) -> None:
    if not (VENDOR / "yasgui.min.js").exists():
        pytest.fail("YASGUI is not installed: run the set-up (npm ci --prefix frontend)")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(browser_base + "queries/01?lang=en")
    link = page.locator("a.run").first
    href = link.get_attribute("href")
    assert href is not None and href.endswith("#run")
    link.click()
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    # Nobody pressed the query button: the link itself ran the query.
    page.wait_for_selector(".yasr table td", timeout=15000)
    query = page.evaluate("window.lckgYasgui.getTab().getQuery()")
    assert "SELECT" in query.upper()
    page.close()


def test_editor_without_run_does_not_run(browser: Any, browser_base: str) -> None:
    page = browser.new_page()
    page.goto(browser_base + "sparql?query=SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    page.wait_for_timeout(1000)
    assert page.locator(".yasr table td").count() == 0
    page.close()


def _real_ontology_page(tmp_path: Path) -> str:
    """``/ontology`` over the project's own ontology (its unions and long names), styles inline."""
    from fastapi.testclient import TestClient

    from kg.app import create_app
    from kg.config import Settings
    from kg.formats import TURTLE
    from kg.store import Store

    base = "http://kg.test/"
    store = Store()
    store.load(ROOT / "ontology" / "lc.ttl", format=TURTLE, graph=base + "graph/ontology")
    app = create_app(Settings(base=base, data_dir=tmp_path), store=store)
    with TestClient(app, base_url="http://kg.test") as client:
        html = client.get("/ontology?lang=en", headers={"Accept": "text/html"}).text
        css = client.get("/static/site.css").text
    link = '<link rel="stylesheet" href="/static/site.css">'
    assert link in html
    return html.replace(link, f"<style>{css}</style>")


@pytest.mark.parametrize("width", [1200, 800])
def test_ontology_page_fits_the_window(browser: Any, tmp_path: Path, width: int) -> None:
    html = _real_ontology_page(tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_content(html)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.close()


def test_favicon_loads(browser: Any, browser_base: str) -> None:
    page = browser.new_page()
    page.goto(browser_base)
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert icon == "/static/favicon.svg"
    response = page.request.get(browser_base + icon.lstrip("/"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    page.close()
