"""A committed write reaches everything the app keeps of what it read: entity pages, class
listings (the overview cache), ``/data`` documents and their ETags, on an in-memory store (no
snapshots) and on an on-disk store (a snapshot per write) alike."""

from __future__ import annotations

from fastapi.testclient import TestClient
from lckg_live import TOKEN
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SON_LA = "http://localhost:8000/id/city/son-la"
RENAME = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
DELETE {{ GRAPH ?g {{ <{SON_LA}> rdfs:label "Son La"@en }} }}
INSERT {{ GRAPH ?g {{ <{SON_LA}> rdfs:label "Son La (renamed)"@en }} }}
WHERE {{ GRAPH ?g {{ <{SON_LA}> rdfs:label "Son La"@en }} }}
"""
ADD_CITY = """
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA { GRAPH <http://localhost:8000/graph/article/sample> {
  <http://localhost:8000/id/city/hue> a lc:City ; rdfs:label "Huế"@vi, "Hue"@en .
} }
"""
NEW_CITY_TURTLE = """
@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://localhost:8000/id/city/vinh> a lc:City ; rdfs:label "Vinh"@vi, "Vinh City"@en .
"""


def update(client: TestClient, text: str) -> None:
    resp = client.post("/sparql", data={"update": text}, headers=AUTH)
    assert resp.status_code == 204, resp.text


def generation(client: TestClient) -> int:
    return int(client.app.state.sparql.gate.generation)  # type: ignore[attr-defined]


def labels(client: TestClient, etag: str | None = None) -> tuple[set[Literal], str]:
    """Son La's labels in its Turtle document, and the document's ETag (asked with ``etag``)."""
    headers = {"If-None-Match": etag} if etag else {}
    resp = client.get("/data/city/son-la.ttl", headers=headers)
    assert resp.status_code == 200, resp.status_code  # not a 304 for a document before a write
    graph = Graph().parse(data=resp.text, format="turtle")
    found = {o for o in graph.objects(URIRef(SON_LA), RDFS.label) if isinstance(o, Literal)}
    return found, resp.headers["etag"]


def test_a_sparql_update_reaches_pages_listings_and_documents(writable: TestClient) -> None:
    page = writable.get("/page/city/son-la?lang=en")
    assert "<title>Son La — " in page.text
    before, data_etag = labels(writable)
    assert Literal("Son La", lang="en") in before
    unchanged = writable.get("/data/city/son-la.ttl", headers={"If-None-Match": data_etag})
    assert unchanged.status_code == 304  # the client's copy is good until a write
    listing = writable.get("/class/City?lang=en")
    assert "Son La" in listing.text and "Hue" not in listing.text
    start = generation(writable)

    update(writable, RENAME)
    update(writable, ADD_CITY)

    assert generation(writable) == start + 2  # every committed write moves it
    again = writable.get(
        "/page/city/son-la?lang=en", headers={"If-None-Match": page.headers["etag"]}
    )
    assert again.status_code == 200
    assert "<title>Son La (renamed) — " in again.text
    assert again.headers["etag"] != page.headers["etag"]
    after, new_etag = labels(writable, data_etag)
    assert Literal("Son La (renamed)", lang="en") in after
    assert Literal("Son La", lang="en") not in after
    assert new_etag != data_etag
    listing_after = writable.get(
        "/class/City?lang=en", headers={"If-None-Match": listing.headers["etag"]}
    )
    assert listing_after.status_code == 200
    assert "Hue" in listing_after.text and "Son La (renamed)" in listing_after.text
    assert listing_after.headers["etag"] != listing.headers["etag"]
    assert writable.get("/page/city/hue?lang=en").status_code == 200


def test_a_failed_update_keeps_the_generation(writable: TestClient) -> None:
    start = generation(writable)
    etag = writable.get("/data/city/son-la.ttl").headers["etag"]
    bad = writable.post("/sparql", data={"update": "INSERT DATA { <a:b> }"}, headers=AUTH)
    assert bad.status_code == 400
    assert generation(writable) == start
    cached = writable.get("/data/city/son-la.ttl", headers={"If-None-Match": etag})
    assert cached.status_code == 304  # nothing changed: the client's copy is still good


def test_a_graph_store_write_reaches_the_class_listing(writable: TestClient) -> None:
    listing = writable.get("/class/City?lang=en")
    assert "Vinh City" not in listing.text
    resp = writable.post(
        "/store",
        params={"graph": "http://localhost:8000/graph/article/more"},
        content=NEW_CITY_TURTLE.encode(),
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert resp.status_code == 201, resp.text
    assert "Vinh City" in writable.get("/class/City?lang=en").text
    assert writable.get("/page/city/vinh?lang=en").status_code == 200
