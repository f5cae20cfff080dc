"""Search: folded matching (case, diacritics, tone placement, đ→d), ranking, paging, JSON."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.search import SearchIndex, build_index, match_expression
from kg.store import Store
from tests.web.conftest import BASE


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("son la", "id/city/son-la"),
        ("SƠN LA", "id/city/son-la"),
        ("Sơn La", "id/city/son-la"),
        ("da nang", "id/city/da-nang"),
        ("Đà Nẵng", "id/city/da-nang"),
        ("thanh uy son la", "id/organization/thanh-uy-son-la"),
        ("thành uỷ sơn la", "id/organization/thanh-uy-son-la"),  # old tone placement
        ("gnlc", "id/organization/gnlc"),  # an alternative label
        ("ha trung chien", "id/person/ha-trung-chien"),
    ],
)
def test_folded_queries_rank_the_entity_first(client: TestClient, query: str, first: str) -> None:
    data = client.get("/search", params={"q": query}, headers={"Accept": "application/json"}).json()
    assert data["total"] >= 1
    assert data["results"][0]["iri"] == BASE + first


def test_passages_are_found_and_link_to_their_sentence(client: TestClient) -> None:
    data = client.get(
        "/search", params={"q": "200 dai bieu"}, headers={"Accept": "application/json"}
    ).json()
    passage = next(r for r in data["results"] if r["kind"] == "passage")
    assert passage["href"] == "/page/article/000_demo#s-235"
    assert passage["label"] == "Hội nghị quy tụ khoảng 200 đại biểu."


def test_results_are_typed_and_html_escaped(client: TestClient) -> None:
    data = client.get("/search?q=son+la&lang=en", headers={"Accept": "application/json"}).json()
    top = data["results"][0]
    assert top["type"] == "City" and top["label"] == "Son La" and top["other_label"] == "Sơn La"
    html = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html


def test_paging_and_odd_inputs(client: TestClient) -> None:
    full = client.get("/search?q=la", headers={"Accept": "application/json"}).json()
    assert full["total"] > 1
    page2 = client.get("/search?q=la&page=2", headers={"Accept": "application/json"}).json()
    assert page2["results"] == [] and page2["page"] == 2
    for query in (
        "/search",
        "/search?q=",
        "/search?q=%20%20",
        "/search?q=son&page=-1",
        "/search?q=%22%27*%28OR",
        "/search?q=son&lang=xx",
        "/suggest?q=",
    ):
        response = client.get(query)
        assert response.status_code == 200, query
    assert client.get("/search?q=" + "a" * 500).status_code == 400


def test_suggest_returns_entities_for_a_prefix(client: TestClient) -> None:
    items = client.get("/suggest?q=da+n&lang=vi").json()
    assert items[0]["label"] == "Đà Nẵng" and items[0]["href"] == "/page/city/da-nang"


def test_every_page_has_the_search_box(client: TestClient) -> None:
    for path in ("/", "/page/city/son-la", "/class/City", "/ontology", "/search?q=x"):
        text = client.get(path, headers={"Accept": "text/html"}).text
        assert 'action="/search"' in text and "/static/suggest.js" in text, path


def test_build_index_writes_a_reopenable_file(web_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    count = build_index(web_store, path)
    assert count > 10
    index = SearchIndex.open(path)
    assert index.search("son la").hits[0].iri == BASE + "id/city/son-la"
    # folded text is stored: 'đ' is indexed as 'd'
    conn = sqlite3.connect(path)
    keys = " ".join(row[0] for row in conn.execute("SELECT key FROM keys"))
    assert "da nang" in keys and "đ" not in keys
    with pytest.raises(OSError):
        SearchIndex.open(tmp_path / "missing.sqlite")


def test_match_expression_is_safe() -> None:
    assert match_expression('") OR * NEAR(') == '"or"* "near"*'  # operators become words
    assert match_expression('"*()') is None
    assert match_expression("Đà  Nẵng") == '"da"* "nang"*'
