"""Read-only by default; with the token, SPARQL Update and the Graph Store Protocol write, and a
query that follows a write sees it (workers move to the new snapshot)."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from lckg_live import TOKEN, LiveServer
from rdflib import Graph, URIRef

pytestmark = pytest.mark.server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
G = "http://example.org/graph/written"


def count(server: LiveServer, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    resp = httpx.get(f"{server.url}/sparql", params={"query": query, "format": "json"})
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def test_read_only_server_refuses_every_write(readonly_server: LiveServer) -> None:
    url = readonly_server.url
    update = httpx.post(f"{url}/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
    assert update.status_code == 403 and "read-only" in update.text
    direct = httpx.post(
        f"{url}/update", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert direct.status_code == 403
    put = httpx.put(
        f"{url}/store",
        params={"graph": G},
        content=b"<a:b> <a:c> <a:d> .",
        headers={"Content-Type": "application/n-triples", **AUTH},
    )
    assert put.status_code == 403
    assert httpx.delete(f"{url}/store", params={"default": ""}).status_code == 403
    # Reads of /store are public.
    resp = httpx.get(
        f"{url}/store",
        params={"graph": "http://localhost:8000/graph/article/sample"},
        headers={"Accept": "text/turtle"},
    )
    assert resp.status_code == 200
    assert len(Graph().parse(data=resp.text, format="turtle")) == 8


def test_wrong_or_missing_token_is_403(write_server: LiveServer) -> None:
    url = write_server.url
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        resp = httpx.post(f"{url}/sparql", data={"update": "CLEAR ALL"}, headers=headers)
        assert resp.status_code == 403, headers
    assert count(write_server, "http://example.org/filler") == 300


def test_update_then_query_sees_it(write_server: LiveServer) -> None:
    url = write_server.url
    update = f'INSERT DATA {{ GRAPH <{G}> {{ <http://e/s> <http://e/p> "Hà Nội" }} }}'
    resp = httpx.post(
        f"{url}/sparql",
        content=update.encode(),
        headers={"Content-Type": "application/sparql-update", **AUTH},
    )
    assert resp.status_code == 204, resp.text
    assert count(write_server, G) == 1
    resp = httpx.post(f"{url}/update", data={"update": f"DROP GRAPH <{G}>"}, headers=AUTH)
    assert resp.status_code == 204
    assert count(write_server, G) == 0


def test_graph_store_protocol_round_trip(write_server: LiveServer) -> None:
    url, params = write_server.url, {"graph": G + "/gsp"}
    turtle = '<http://e/a> <http://e/b> "một" , "hai" .'.encode()
    created = httpx.put(
        f"{url}/store",
        params=params,
        content=turtle,
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert created.status_code == 201
    replaced = httpx.put(
        f"{url}/store",
        params=params,
        content=b'<http://e/a> <http://e/b> "ba" .',
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert replaced.status_code == 204
    fourth = '<http://e/a> <http://e/b> "bốn" .'.encode()
    added = httpx.post(
        f"{url}/store",
        params=params,
        content=fourth,
        headers={"Content-Type": "application/n-triples", **AUTH},
    )
    assert added.status_code == 204
    got = httpx.get(f"{url}/store", params=params, headers={"Accept": "application/n-triples"})
    graph = Graph().parse(data=got.text, format="nt")
    assert {str(o) for o in graph.objects(URIRef("http://e/a"))} == {"ba", "bốn"}
    assert httpx.head(f"{url}/store", params=params).status_code == 200
    bad = httpx.put(
        f"{url}/store",
        params=params,
        content=b"<http://e/a> <http://e/b> .",
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert bad.status_code == 400 and "line" in bad.text.lower()
    assert count(write_server, G + "/gsp") == 2  # the bad PUT changed nothing
    wrong_type = httpx.put(
        f"{url}/store", params=params, content=b"x", headers={"Content-Type": "image/png", **AUTH}
    )
    assert wrong_type.status_code == 415
    assert httpx.delete(f"{url}/store", params=params, headers=AUTH).status_code == 204
    assert httpx.get(f"{url}/store", params=params).status_code == 404
    assert httpx.delete(f"{url}/store", params=params, headers=AUTH).status_code == 404
    assert httpx.get(f"{url}/store").status_code == 400


def test_memory_store_writes_with_token(make_client: object) -> None:
    client: TestClient = make_client(update_token=TOKEN)  # type: ignore[operator]
    resp = client.post(
        "/sparql", data={"update": "INSERT DATA { <http://e/x> <http://e/y> 1 }"}, headers=AUTH
    )
    assert resp.status_code == 204
    ask = client.get("/sparql", params={"query": "ASK { <http://e/x> <http://e/y> 1 }"})
    assert ask.json()["boolean"] is True


def test_update_protocol_errors(make_client: object) -> None:
    client: TestClient = make_client(update_token=TOKEN)  # type: ignore[operator]
    syntax = client.post("/sparql", data={"update": "CLEAR XYZ"}, headers=AUTH)
    assert syntax.status_code == 400 and "1:" in syntax.text
    query_as_update = client.post("/update", data={"update": "SELECT * {}"}, headers=AUTH)
    assert query_as_update.status_code == 400
    conflict = client.post(
        "/sparql?using-graph-uri=http%3A%2F%2Fe%2Fg",
        content=b"WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-update", **AUTH},
    )
    assert conflict.status_code == 400
    by_get = client.get("/sparql", params={"update": "CLEAR ALL"}, headers=AUTH)
    assert by_get.status_code == 400
