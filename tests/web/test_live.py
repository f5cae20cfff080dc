"""Real clients against a real server: rdflib dereferences an IRI (303 + negotiation)."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

pytestmark = pytest.mark.server

LC = "https://w3id.org/learning-cities/ontology#"


def test_rdflib_dereferences_an_entity_iri(live_base: str) -> None:
    iri = URIRef(live_base + "id/city/son-la")
    graph = Graph().parse(str(iri))
    assert (iri, RDF.type, URIRef(LC + "City")) in graph
    assert len(list(graph.predicate_objects(iri))) >= 5


def test_live_303_carries_vary_etag_and_answers_304(live_base: str) -> None:
    with httpx.Client(base_url=live_base) as http:
        first = http.get("/id/city/son-la", headers={"Accept": "application/ld+json"})
        assert first.status_code == 303
        assert first.headers["location"] == "/data/city/son-la.jsonld"
        assert "Accept" in [v.strip() for v in first.headers["vary"].split(",")]
        again = http.get(
            "/id/city/son-la",
            headers={"Accept": "application/ld+json", "If-None-Match": first.headers["etag"]},
        )
        assert again.status_code == 304
        head = http.head("/page/city/son-la")
        assert head.status_code == 200 and head.content == b""
        hits = http.get("/search?q=son+la", headers={"Accept": "application/json"}).json()
        assert hits["results"][0]["iri"] == live_base + "id/city/son-la"
