"""A committed write reaches search (new and renamed labels, incoming links over predicates
the build never used) and the dumps, on an in-memory store and on a build on disk."""

from __future__ import annotations

import gzip
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lckg_live import TOKEN
from rdflib import Dataset, Literal, URIRef

AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Accept": "application/json"}
SON_LA = "http://localhost:8000/id/city/son-la"
DA_NANG = "http://localhost:8000/id/city/da-nang"
PHU_LY = "http://localhost:8000/id/city/phu-ly"
TWINNED = "http://example.org/ns#twinnedWith"  # a predicate the build never saw
WRITE = f"""
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
DELETE {{ GRAPH ?g {{ <{SON_LA}> rdfs:label ?l ; schema:name ?n }} }}
WHERE {{ GRAPH ?g {{ <{SON_LA}> rdfs:label ?l ; schema:name ?n }} }} ;
INSERT DATA {{ GRAPH <http://localhost:8000/graph/article/sample> {{
  <{SON_LA}> rdfs:label "Mộc Châu"@vi, "Moc Chau"@en .
  <{PHU_LY}> a lc:City ; rdfs:label "Phủ Lý"@vi ; <{TWINNED}> <{DA_NANG}> .
}} }}
"""
FRESH_WITHIN = 30.0  # seconds a re-index may take on this tiny graph (it takes milliseconds)


def write(client: TestClient) -> None:
    resp = client.post("/sparql", data={"update": WRITE}, headers=AUTH)
    assert resp.status_code == 204, resp.text


def search(client: TestClient, q: str) -> dict[str, Any]:
    """The JSON answer for ``q`` once the index has caught up with the last write."""
    deadline = time.monotonic() + FRESH_WITHIN
    while True:
        resp = client.get("/search", params={"q": q}, headers=JSON)
        assert resp.status_code == 200, resp.text
        if resp.headers.get("x-search-stale") != "true" or time.monotonic() > deadline:
            payload: dict[str, Any] = resp.json()
            return payload
        time.sleep(0.02)


def found(client: TestClient, q: str) -> set[str]:
    return {hit["iri"] for hit in search(client, q)["results"]}


def test_search_follows_new_and_renamed_labels(writable: TestClient) -> None:
    assert SON_LA in found(writable, "son la")
    assert PHU_LY not in found(writable, "phu ly")

    write(writable)

    answer = search(writable, "phu ly")
    assert answer["stale"] is False
    assert PHU_LY in {hit["iri"] for hit in answer["results"]}
    assert SON_LA not in found(writable, "son la")
    assert SON_LA in found(writable, "moc chau")
    html = writable.get("/search", params={"q": "phu ly", "lang": "vi"})
    assert "Phủ Lý" in html.text


def test_entity_pages_list_incoming_links_over_new_predicates(writable: TestClient) -> None:
    assert "/page/city/phu-ly" not in writable.get("/page/city/da-nang?lang=vi").text
    write(writable)
    search(writable, "phu ly")  # waits for the index, which knows the predicates in use
    page = writable.get("/page/city/da-nang?lang=vi")
    assert page.status_code == 200
    assert "/page/city/phu-ly" in page.text


@pytest.mark.parametrize("name", ["kg.trig", "kg.nq.gz"])
def test_a_dump_holds_the_written_triples(writable: TestClient, name: str) -> None:
    before = writable.get(f"/dumps/{name}")
    assert before.status_code == 200
    assert PHU_LY not in dump_subjects(before.content, name)

    write(writable)

    after = writable.get(f"/dumps/{name}")
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    dataset = parse_dump(after.content, name)
    assert (URIRef(SON_LA), URIRef("http://www.w3.org/2000/01/rdf-schema#label")) in {
        (s, p) for s, p, _o, _g in dataset.quads()
    }
    assert PHU_LY in dump_subjects(after.content, name)
    labels = {o for s, _p, o, _g in dataset.quads() if str(s) == SON_LA}
    assert Literal("Mộc Châu", lang="vi") in labels
    assert Literal("Sơn La", lang="vi") not in labels
    again = writable.get(f"/dumps/{name}")  # made once per generation, then reused
    assert again.content == after.content


def parse_dump(content: bytes, name: str) -> Dataset:
    dataset = Dataset()
    if name.endswith(".gz"):
        dataset.parse(data=gzip.decompress(content), format="nquads")
    else:
        dataset.parse(data=content, format="trig")
    return dataset


def dump_subjects(content: bytes, name: str) -> set[str]:
    return {str(s) for s, _p, _o, _g in parse_dump(content, name).quads()}
