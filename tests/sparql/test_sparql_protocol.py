"""The endpoint in-process: formats, negotiation, limits and every bad input (never a 500)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

SELECT_CITIES = (
    "PREFIX lc: <https://w3id.org/learning-cities/ontology#> "
    "SELECT ?city ?name WHERE { ?city a lc:City ; "
    "<https://schema.org/name> ?name } ORDER BY ?city"
)
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a ?c ; ?p ?o }"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats(client: TestClient, accept: str, media: str) -> None:
    resp = client.get("/sparql", params={"query": SELECT_CITIES}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == media
    assert resp.headers["vary"].startswith("Accept")
    assert "Sơn La" in resp.text


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/n-quads", "application/n-quads"),
        ("application/trig", "application/trig"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_construct_formats(client: TestClient, accept: str, media: str) -> None:
    resp = client.post(
        "/sparql",
        content=CONSTRUCT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].split(";")[0] == media
    assert "son-la" in resp.text


def test_csv_opens_in_the_csv_module(client: TestClient) -> None:
    resp = client.get("/sparql", params={"query": SELECT_CITIES, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert list(rows[0]) == ["city", "name"]
    assert {r["name"] for r in rows} == {"Sơn La", 'Đà Nẵng, "thành phố"'}


def test_json_results_shape_and_union_default_graph(client: TestClient) -> None:
    resp = client.post("/sparql", data={"query": SELECT_CITIES})
    body = resp.json()
    assert body["head"]["vars"] == ["city", "name"]
    assert len(body["results"]["bindings"]) == 2  # the cities live in a named graph
    scoped = client.get(
        "/sparql", params={"query": SELECT_CITIES, "default-graph-uri": "http://example.org/filler"}
    )
    assert scoped.json()["results"]["bindings"] == []


def test_from_clause_is_honoured_not_overridden_by_the_union(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/filler> WHERE { ?s ?p ?o }"
    resp = client.get("/sparql", params={"query": query, "format": "json"})
    assert resp.json()["results"]["bindings"][0]["n"]["value"] == "300"


def test_ask_and_format_parameter(client: TestClient) -> None:
    resp = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "xml"})
    assert resp.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in resp.text


def test_row_limit_cuts_and_says_so(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_rows=5)
    resp = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }", "format": "csv"})
    assert resp.status_code == 200
    assert resp.headers["x-result-truncated"] == "true"
    assert resp.headers["kg-rows-limit"] == "5"
    assert len(list(csv.reader(io.StringIO(resp.text)))) == 6  # header + 5 rows
    small = client.get("/sparql", params={"query": SELECT_CITIES, "format": "json"})
    assert "x-result-truncated" not in small.headers
    json.loads(small.text)


def test_construct_row_limit(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_rows=3)
    resp = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert resp.headers["x-result-truncated"] == "true"
    assert len(resp.text.strip().splitlines()) == 3


def test_syntax_error_is_400_with_line_and_column(client: TestClient) -> None:
    resp = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert resp.status_code == 400
    assert "3:1" in resp.text or "2:" in resp.text, resp.text
    assert resp.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": {"query": ""}}, 400),
        ({"params": {"query": "   "}}, 400),
        ({"params": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ({"params": {"update": "CLEAR ALL"}}, 400),
        ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ({"params": {"query": "ASK {}", "format": "no-such"}}, 406),
        ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406),
        ({"params": {"query": "ASK {}"}, "headers": {"Accept": "text"}}, 400),
        ({"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400),
        ({"params": {"query": "CLEAR ALL"}}, 400),
    ],
)
def test_bad_get_requests(client: TestClient, kwargs: dict[str, object], status: int) -> None:
    resp = client.get("/sparql", **kwargs)  # type: ignore[arg-type]
    assert resp.status_code == status, resp.text
    assert resp.headers["vary"].startswith("Accept")


def test_406_lists_what_is_offered(client: TestClient) -> None:
    resp = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert "application/sparql-results+json" in resp.text and "text/csv" in resp.text


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        (None, b"query=ASK%20%7B%7D", 415),
        ("text/plain", b"ASK {}", 415),
        ("application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 415),
        ("application/sparql-query", b"\xff\xfe bad utf-8", 400),
        ("application/x-www-form-urlencoded", b"query=ASK%20%7B%7D&update=CLEAR%20ALL", 400),
        ("application/x-www-form-urlencoded", b"nothing=here", 400),
    ],
)
def test_bad_posts(client: TestClient, content_type: str | None, body: bytes, status: int) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    resp = client.post("/sparql", content=body, headers=headers)
    assert resp.status_code == status, resp.text


def test_limits_on_body_and_query_length(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_body_bytes=100, max_query_length=50)
    big = client.post(
        "/sparql",
        content=b"ASK {}" + b" " * 200,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert big.status_code == 413 and "KG_MAX_BODY_BYTES" in big.text
    long = client.get("/sparql", params={"query": "ASK {}" + " " * 60})
    assert long.status_code == 413 and "KG_MAX_QUERY_LENGTH" in long.text


def test_other_methods_are_405(client: TestClient) -> None:
    assert client.put("/sparql?query=ASK%7B%7D").status_code == 405
    assert client.delete("/sparql").status_code == 405


def test_errors_in_json_when_asked(client: TestClient) -> None:
    resp = client.get(
        "/sparql",
        params={"query": "ASK {"},
        headers={"Accept": "application/sparql-results+json, application/problem+json;q=0.5"},
    )
    assert resp.status_code == 400
    assert resp.json()["status"] == 400


def test_cors_for_reads_without_credentials(client: TestClient) -> None:
    resp = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.net"}
    )
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in resp.headers
    pre = client.options(
        "/sparql", headers={"Origin": "https://example.net", "Access-Control-Request-Method": "PUT"}
    )
    assert pre.status_code == 400  # writes are not offered cross-origin


def test_head_answers_without_body(client: TestClient) -> None:
    resp = client.head("/sparql", params={"query": "ASK {}"})
    assert resp.status_code == 200 and resp.content == b""
