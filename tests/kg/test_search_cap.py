"""The search candidate cap: a query reads a bounded number of matches, and stays correct."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

import kg.search
from kg.search import SearchIndex
from kg.store import Store

BASE = "http://kg.test/id/"
LC = "https://w3id.org/learning-cities/ontology#"
CAP = 10


def _store() -> Store:
    """30 cities called "Thành phố …", half of them linked to (the better-connected), and one
    called exactly "Thành phố" with no links, so that by links alone it ranks past the cap."""
    store = Store()
    triples = []
    for n in range(30):
        city = URIRef(f"{BASE}city/c{n:02}")
        triples += [
            (city, RDF.type, URIRef(LC + "City")),
            (city, RDFS.label, Literal(f"Thành phố {n:02}", lang="vi")),
        ]
        for k in range(3 if n % 2 == 0 else 0):
            triples.append((URIRef(f"{BASE}event/e{n:02}-{k}"), URIRef(LC + "about"), city))
    exact = URIRef(f"{BASE}city/exact")
    triples += [
        (exact, RDF.type, URIRef(LC + "City")),
        (exact, RDFS.label, Literal("Thành phố", lang="vi")),
    ]
    store.add(triples, graph="http://kg.test/graph/test")
    return store


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.in_memory(_store())


@pytest.fixture(autouse=True)
def _small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.search, "CANDIDATES", CAP)


def test_total_is_capped_and_says_so(index: SearchIndex) -> None:
    results = index.search("thanh pho", limit=5)
    assert results.capped
    assert results.total == CAP + 1  # the first CAP matches, and the exact label beyond them
    assert index.search("thanh pho 07").total == 1 and not index.search("thanh pho 07").capped


def test_order_is_exact_label_then_links(index: SearchIndex) -> None:
    hits = index.search("thanh pho", limit=CAP).hits
    assert hits[0].iri == BASE + "city/exact"  # exact label first, though it has no links
    linked = {f"{BASE}city/c{n:02}" for n in range(30) if n % 2 == 0}
    assert {h.iri for h in hits[1:]} <= linked  # then the better-linked ones
    assert all(h.label("vi").startswith("Thành phố") for h in hits)


def test_pages_continue_without_repeats_and_stop_at_the_cap(index: SearchIndex) -> None:
    first = index.search("thanh pho", limit=4, offset=0).hits
    second = index.search("thanh pho", limit=4, offset=4).hits
    third = index.search("thanh pho", limit=4, offset=8).hits
    iris = [h.iri for h in first + second + third]
    assert len(iris) == len(set(iris)) == 11  # the cap plus the exact label
    assert index.search("thanh pho", limit=4, offset=CAP).hits == []


def test_entities_only_and_prefixes(index: SearchIndex) -> None:
    assert [h.kind for h in index.suggest("thanh p")] == ["entity"] * 8
    assert index.search("th").total == CAP  # a one- or two-letter prefix reads its own index
    assert index.search("xyz").total == 0


def test_hits_carry_what_a_row_shows(index: SearchIndex) -> None:
    hit = index.search("thanh pho 07").hits[0]
    assert hit.label("en") == "Thành phố 07"  # falls back to the other language
    assert hit.type == LC + "City" and hit.type_label("en") == "lc:City"  # no label: a CURIE
