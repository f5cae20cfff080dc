"""The query editor in a real (headless) Chromium: YASGUI from our own static files, examples
from ``queries/``, a query run and its result table shown, the query kept in the URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from lckg_live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.server]

VENDOR = Path(__file__).resolve().parents[2] / "kg" / "static" / "vendor" / "yasgui"


@pytest.fixture(scope="module")
def yasgui_browser(browser: object) -> object:
    if not (VENDOR / "yasgui.min.js").exists():
        pytest.fail(
            "YASGUI is not installed: run the set-up "
            "(npm ci --prefix frontend && node frontend/copy-assets.mjs)"
        )
    return browser


def test_editor_page_is_served_to_browsers(write_server: LiveServer) -> None:
    resp = httpx.get(f"{write_server.url}/sparql", headers={"Accept": "text/html"})
    assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
    assert "/static/vendor/yasgui/yasgui.min.js" in resp.text
    assert "Các thành phố học tập" in resp.text  # the example's Vietnamese title
    assert "cdn" not in resp.text.lower()
    assert httpx.get(f"{write_server.url}/static/vendor/yasgui/yasgui.min.js").status_code == 200


def test_example_query_runs_and_shows_a_table(
    yasgui_browser: object, write_server: LiveServer
) -> None:
    page = yasgui_browser.new_page()  # type: ignore[attr-defined]
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if not r.url.startswith((write_server.url, "data:", "blob:"))
            else None
        ),
    )
    page.goto(f"{write_server.url}/sparql")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    page.click("button.sparql-example[data-name='01-cities']")
    page.wait_for_selector(".yasr table td:has-text('Sơn La')", timeout=15000)
    assert "Đà Nẵng" in page.inner_text(".yasr table")
    assert "query=" in page.url  # the query is in the URL, ready to share
    # Raw response and chart views of the same result.
    page.click(".yasr .select_response")
    page.wait_for_selector(".yasr .CodeMirror", timeout=5000)
    page.click(".yasr .select_table")
    assert foreign == [], foreign
    page.close()


def test_chart_of_a_numeric_result(yasgui_browser: object, write_server: LiveServer) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    page = yasgui_browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{write_server.url}/sparql#query={quote(query)}")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    page.evaluate("window.lckgYasgui.getTab().query()")
    page.wait_for_selector(".yasr table td", timeout=15000)
    page.click(".yasr .select_chart")
    page.wait_for_selector(".yasr svg.lckg-chart rect", timeout=5000)
    assert page.locator(".yasr svg.lckg-chart rect").count() >= 2
    page.close()


def test_query_in_the_url_opens_in_the_editor(
    yasgui_browser: object, write_server: LiveServer
) -> None:
    query = "SELECT ?x WHERE { ?x a ?type } LIMIT 3"
    page = yasgui_browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{write_server.url}/sparql?query={quote(query)}")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    assert page.evaluate("window.lckgYasgui.getTab().getQuery()") == query
    page.close()
    page = yasgui_browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{write_server.url}/sparql#query={quote('ASK { ?s ?p ?o }')}")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=15000)
    assert page.evaluate("window.lckgYasgui.getTab().getQuery()") == "ASK { ?s ?p ?o }"
    page.close()
