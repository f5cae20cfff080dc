"""The lookup lane (kg.sparql.lookup): single-pattern lookups answered by the HTTP process.

The lane must give the same bytes and headers as a worker, never cut a result the endpoint would
not cut, and hand anything larger than its cap back to a worker. Its point is that a lookup does
not wait for a worker: a saturated pool still answers lookups.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from lckg_live import LiveServer

from kg.sparql.lookup import bounded_lookup

SON_LA = "http://localhost:8000/id/city/son-la"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{SON_LA}> ?p ?o }}"  # 4 rows in the sample graph
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORMATS = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)

PX = "PREFIX lc: <https://w3id.org/learning-cities/ontology#> "


@pytest.mark.parametrize(
    "query",
    [
        LOOKUP,
        f"SELECT * {{ <{SON_LA}> ?p ?o . }}",
        f"select ?o where {{ <{SON_LA}> <http://www.w3.org/2000/01/rdf-schema#label> ?o }}",
        PX + "SELECT ?city WHERE { ?city a lc:City }",
        PX + "BASE <http://e/> SELECT ?s WHERE { ?s ?p lc:City } LIMIT 5 OFFSET 2",
        'SELECT ?s WHERE { ?s ?p "Sơn La"@vi } OFFSET 1000 LIMIT 1',
        'SELECT ?s WHERE { ?s ?p "3"^^<http://www.w3.org/2001/XMLSchema#integer> }',
        f"ASK {{ <{SON_LA}> ?p ?o }}",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    ],
)
def test_single_pattern_lookups_are_bounded(query: str) -> None:
    assert bounded_lookup(query, 1000)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p ?s }",  # repeated variable: the scan skips rows
        "SELECT ?s WHERE { ?s ?p _:b }",  # a blank node is a variable too
        "SELECT ?s WHERE { _:b ?p _:b }",
        "SELECT DISTINCT ?p WHERE { ?s ?p ?o }",  # DISTINCT skips duplicates
        "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = 1) }",
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
        "SELECT ?s WHERE { ?s ?p ?o . ?o ?q ?r }",
        "SELECT ?s WHERE { ?s ?p ?o ; ?q ?r }",
        "SELECT ?s WHERE { ?s ?p ?o , ?r }",
        "SELECT ?s WHERE { ?s <http://e/p>+ ?o }",
        "SELECT ?s WHERE { ?s <http://e/p>/<http://e/q> ?o }",
        "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT ?s WHERE { { ?s ?p ?o } }",
        "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r } }",
        "SELECT ?s FROM <http://e/g> WHERE { ?s ?p ?o }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s",
        "SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <http://e/s> }",
        "SELECT ?s WHERE { ?s ?p ?o } OFFSET 1001",  # skipped rows count too
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 LIMIT 2",
        "SELECT ?s WHERE { ?s ?p 42 }",  # numbers are left to the workers
        'SELECT ?s WHERE { ?s ?p "x"@en-GB }',
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DESCRIBE <http://e/s>",
        "ASK {}",
        "INSERT DATA { <http://e/s> <http://e/p> 1 }",
        LOOKUP + "\n# a long comment" * 300,  # past 4096 characters nothing is looked at
    ],
)
def test_other_queries_go_to_a_worker(query: str) -> None:
    assert not bounded_lookup(query, 1000)


def _answer(client: TestClient, query: str, accept: str) -> httpx.Response:
    resp = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert resp.status_code == 200, resp.text
    return resp


def _lane_answers(client: TestClient) -> int:
    return int(client.app.state.sparql.lane_answers)  # type: ignore[attr-defined]


@pytest.mark.parametrize("accept", FORMATS)
def test_the_lane_answers_with_the_bytes_and_headers_of_a_worker(
    make_client: Callable[..., TestClient], accept: str
) -> None:
    lane, workers = make_client(), make_client(lookup_rows=0)
    here, there = _answer(lane, LOOKUP, accept), _answer(workers, LOOKUP, accept)
    assert _lane_answers(lane) == 1 and _lane_answers(workers) == 0
    assert here.content == there.content
    for name in ("content-type", "kg-result-rows", "kg-rows-limit", "vary"):
        assert here.headers.get(name) == there.headers.get(name), name
    assert here.headers["kg-result-rows"] == "4"
    assert "x-result-truncated" not in here.headers


def test_ask_in_the_lane(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    yes = client.get("/sparql", params={"query": f"ASK {{ <{SON_LA}> ?p ?o }}"})
    no = client.get("/sparql", params={"query": "ASK { <http://e/none> ?p ?o }"})
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)
    assert _lane_answers(client) == 2


def test_a_lookup_longer_than_the_cap_is_answered_whole_by_a_worker(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(lookup_rows=2)
    resp = _answer(client, LOOKUP, FORMATS[0])
    assert len(resp.json()["results"]["bindings"]) == 4
    assert resp.headers["kg-result-rows"] == "4"
    assert "x-result-truncated" not in resp.headers
    assert _lane_answers(client) == 0
    assert not list(client.app.state.sparql.pool.spool_dir.iterdir())  # type: ignore[attr-defined]


def test_the_endpoint_row_limit_still_cuts_in_the_lane(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(max_rows=3)
    resp = _answer(client, LOOKUP, "text/csv")
    assert resp.text.count("\r\n") == 1 + 3  # header line and three rows
    assert resp.headers["x-result-truncated"] == "true"
    assert resp.headers["kg-result-rows"] == "3"
    assert _lane_answers(client) == 1


def test_a_lane_query_with_an_error_gets_the_workers_error(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client()
    resp = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ex:p ?o }"})
    assert resp.status_code == 400
    assert "syntax error" in resp.text and "ex" in resp.text


def test_a_saturated_pool_still_answers_lookups(slow_server: LiveServer) -> None:
    """One worker, one queue place: two slow queries fill both; a lookup is still answered at
    once while any other query is refused with 429."""

    def ask(query: str) -> httpx.Response:
        return httpx.get(f"{slow_server.url}/sparql", params={"query": query}, timeout=30)

    with ThreadPoolExecutor(max_workers=2) as pool:
        running = pool.submit(ask, SLOW)
        time.sleep(0.3)
        queued = pool.submit(ask, SLOW)
        time.sleep(0.3)
        other = "SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) } LIMIT 2"
        assert ask(other).status_code == 429
        lookup = ask(LOOKUP)
        assert lookup.status_code == 200
        rows = lookup.json()["results"]["bindings"]
        assert {row["o"]["value"] for row in rows} >= {"Sơn La", "Son La"}
        assert running.result().status_code == 503
        assert queued.result().status_code == 503
