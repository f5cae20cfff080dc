"""Real SPARQL clients against a real server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from lckg_live import LiveServer
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.server

CITIES = (
    "PREFIX lc: <https://w3id.org/learning-cities/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?city ?label WHERE { ?city a lc:City ; rdfs:label ?label "
    "FILTER(lang(?label) = 'vi') } ORDER BY ?label"
)


def wrapper(server: LiveServer, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(readonly_server: LiveServer, method: str) -> None:
    sparql = wrapper(readonly_server, JSON)
    sparql.setMethod(method)
    sparql.setQuery(CITIES)
    result = sparql.queryAndConvert()
    labels = [b["label"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]
    assert labels == ["Sơn La", "Đà Nẵng"]


def test_sparqlwrapper_xml_csv_and_construct(readonly_server: LiveServer) -> None:
    sparql = wrapper(readonly_server, XML)
    sparql.setQuery(CITIES)
    document = sparql.queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 2  # type: ignore[union-attr]
    sparql = wrapper(readonly_server, CSV)
    sparql.setQuery(CITIES)
    raw = sparql.queryAndConvert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["city", "label"] and rows[1][1] == "Sơn La"
    sparql = wrapper(readonly_server, TURTLE)
    sparql.setQuery("CONSTRUCT WHERE { ?s a ?c }")
    graph = Graph().parse(data=sparql.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert (URIRef("http://localhost:8000/id/city/son-la"), None, None) in graph


def test_rdflib_sparqlstore(readonly_server: LiveServer) -> None:
    store = SPARQLStore(f"{readonly_server.url}/sparql")
    graph = Graph(store=store)
    rows = list(graph.query(CITIES))
    assert [str(r[1]) for r in rows] == ["Sơn La", "Đà Nẵng"]  # type: ignore[index]
    ask = graph.query("ASK { ?s ?p ?o }")
    assert ask.askAnswer is True
    son_la = URIRef("http://localhost:8000/id/city/son-la")
    assert Literal("Son La", lang="en") in set(graph.objects(son_la, None))


def test_csv_download_has_the_right_header(readonly_server: LiveServer) -> None:
    resp = httpx.get(f"{readonly_server.url}/sparql", params={"query": CITIES, "format": "csv"})
    reader = csv.DictReader(io.StringIO(resp.text))
    assert reader.fieldnames == ["city", "label"]
    assert [r["label"] for r in reader] == ["Sơn La", "Đà Nẵng"]
