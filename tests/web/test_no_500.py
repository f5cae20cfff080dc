"""Inputs that used to be 500s, HEAD wherever GET is allowed, and the public base (never Host)."""

from __future__ import annotations

import random

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from kg.app import _api_routes
from kg.search import SearchIndex, match_expression, query_words
from kg.store import Store
from tests.web.conftest import BASE

SD_ENDPOINT = URIRef("http://www.w3.org/ns/sparql-service-description#endpoint")
FTS5_SYNTAX = [
    "son_la",
    "ho_chi_minh",
    '"',
    '"son la',
    "son*",
    "*",
    "NEAR(son la)",
    "son NEAR la",
    "-son",
    "son -la",
    "text:son",
    "{text}: son",
    "son AND OR NOT",
    "^son",
    "(",
    "son + la",
    "'",
    "\\",
    "\x00",
    "s\u19b0n",  # a letter to Python, a separator to SQLite's tokenizer (no phrase)
    "\U000e0001son",
]


@pytest.mark.parametrize("q", FTS5_SYNTAX)
def test_search_and_suggest_take_fts5_syntax_as_plain_text(client: TestClient, q: str) -> None:
    for path in ("/search", "/suggest"):
        resp = client.get(path, params={"q": q}, headers={"Accept": "application/json"})
        assert resp.status_code == 200, (path, q, resp.text)


def test_son_la_with_an_underscore_finds_son_la(client: TestClient) -> None:
    hits = client.get("/suggest", params={"q": "son_la"}).json()
    assert any(hit["iri"] == f"{BASE}id/city/son-la" for hit in hits)


def test_every_character_is_plain_text_to_the_index(web_store: Store) -> None:
    """Every combining mark and a seeded sample of all code points, between two letters: the
    words are the tokenizer's own, and the index answers each query without an error."""
    index = SearchIndex.in_memory(web_store)
    rng = random.Random(17)
    points = list(range(0x20, 0x80)) + list(range(0x300, 0x370))
    points += rng.sample(range(0x80, 0x110000), 3000)
    for point in points:
        text = f"a{chr(point)}b"
        words = query_words(text)
        assert match_expression(text) == " ".join(f'"{w}"*' for w in words)
        index.search(text)  # an FTS5 syntax error (a phrase, a bare operator) would raise here
        index.suggest(text)
    for text in ("\ud800", "\x00"):  # a lone surrogate, a NUL
        assert index.search(text).total == 0
    assert index.search("son\ud800la").hits[0].iri == f"{BASE}id/city/son-la"
    # the words of a query are what the index's tokenizer makes of it
    assert query_words("Sơn_La") == ["son", "la"]
    assert query_words("s\u19b0n") == ["s", "n"]


@pytest.mark.parametrize(
    "graph", ["http%3A%2F%2F%5Bx", "a:%zz", "http://x/%", "http://x/%23a%23b", "relative/x", ""]
)
def test_graph_store_iris_are_checked_as_the_engine_checks_them(
    client: TestClient, graph: str
) -> None:
    resp = client.get(f"/store?graph={graph}", headers={"Accept": "text/plain"})
    assert resp.status_code == 400, resp.text
    assert "graph=" in resp.text and "not an absolute IRI" in resp.text


def _example_path(route: APIRoute) -> str:
    values = {"kind": "city", "slug": "son-la", "name": "son-la.ttl"}
    path = route.path
    for key, value in values.items():
        path = path.replace("{" + key + "}", value)
    return path


def test_head_is_allowed_wherever_get_is(client: TestClient) -> None:
    routes = [r for r in _api_routes(client.app.router.routes) if "GET" in r.methods]  # type: ignore[attr-defined]
    assert len(routes) >= 15
    for route in routes:
        path = _example_path(route)
        get = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code, (path, head.status_code, get.status_code)
        assert head.content == b"", path
    assert client.head("/suggest?q=son").status_code == 200


def test_the_sparql_slash_redirect_goes_to_the_public_base(client: TestClient) -> None:
    for spoofed in ("evil.example", "evil.example:8080", "127.0.0.1"):
        resp = client.get("/sparql/?query=ASK{}", headers={"Host": spoofed}, follow_redirects=False)
        assert resp.status_code == 307
        assert resp.headers["location"] == f"{BASE}sparql?query=ASK%7B%7D"
    resp = client.get("/dumps", headers={"Host": "evil.example"}, follow_redirects=False)
    assert resp.headers["location"] == f"{BASE}dumps/"
    assert client.get("/no-such-page/", follow_redirects=False).status_code == 404


def test_the_service_description_and_editor_name_the_public_endpoint(client: TestClient) -> None:
    resp = client.get("/sparql", headers={"Host": "evil.example", "Accept": "text/turtle"})
    assert resp.status_code == 200
    assert "evil.example" not in resp.text
    graph = Graph().parse(data=resp.text, format="turtle")
    assert set(graph.objects(None, SD_ENDPOINT)) == {URIRef(f"{BASE}sparql")}
    page = client.get("/sparql", headers={"Host": "evil.example", "Accept": "text/html"})
    assert page.status_code == 200 and "evil.example" not in page.text
    assert f"{BASE}sparql" in page.text
