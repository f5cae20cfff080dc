"""The three W3C Service Description tests (returns RDF, has sd:endpoint, conforms to the SD
vocabulary), checked by hand as the manifest names them only, plus what the issue asks the
description to list (result formats, features, VoID statistics)."""

from __future__ import annotations

import httpx
import pytest
from lckg_live import LiveServer
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID

pytestmark = pytest.mark.server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = "http://www.w3.org/ns/formats/"
SD_CLASSES = {
    "Service",
    "Feature",
    "Language",
    "Function",
    "Aggregate",
    "EntailmentRegime",
    "EntailmentProfile",
    "GraphCollection",
    "Dataset",
    "Graph",
    "NamedGraph",
}
SD_PROPERTIES = {
    "endpoint",
    "feature",
    "defaultEntailmentRegime",
    "entailmentRegime",
    "defaultSupportedEntailmentProfile",
    "supportedEntailmentProfile",
    "extensionFunction",
    "extensionAggregate",
    "languageExtension",
    "supportedLanguage",
    "propertyFeature",
    "defaultDataset",
    "availableGraphs",
    "resultFormat",
    "inputFormat",
    "defaultGraph",
    "namedGraph",
    "name",
    "graph",
}
SD_FEATURES = {
    "DereferencesURIs",
    "UnionDefaultGraph",
    "RequiresDataset",
    "EmptyGraphs",
    "BasicFederatedQuery",
}
SD_LANGUAGES = {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update"}


def fetch(server: LiveServer, accept: str, rdflib_format: str) -> Graph:
    resp = httpx.get(f"{server.url}/sparql", headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(accept)
    assert "Accept" in resp.headers["vary"]
    return Graph().parse(data=resp.content, format=rdflib_format)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_returns_rdf(w3c_server: LiveServer, accept: str, fmt: str) -> None:
    assert len(fetch(w3c_server, accept, fmt)) > 10


def test_has_endpoint_triple(w3c_server: LiveServer) -> None:
    g = fetch(w3c_server, "text/turtle", "turtle")
    endpoint = URIRef(f"{w3c_server.url}/sparql")
    services = list(g.subjects(SD.endpoint, endpoint))
    assert services, f"no sd:endpoint <{endpoint}>"
    assert (services[0], RDF.type, SD.Service) in g


def test_conforms_to_schema(w3c_server: LiveServer) -> None:
    g = fetch(w3c_server, "text/turtle", "turtle")
    for _s, p, o in g:
        if str(p).startswith(str(SD)):
            assert str(p)[len(str(SD)) :] in SD_PROPERTIES, f"unknown property {p}"
        if p == RDF.type and str(o).startswith(str(SD)):
            assert str(o)[len(str(SD)) :] in SD_CLASSES, f"unknown class {o}"
    service = next(g.subjects(RDF.type, SD.Service))
    for feature in g.objects(service, SD.feature):
        assert str(feature)[len(str(SD)) :] in SD_FEATURES
    languages = {str(x)[len(str(SD)) :] for x in g.objects(service, SD.supportedLanguage)}
    assert "SPARQL11Query" in languages and languages <= SD_LANGUAGES
    dataset = g.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in g
    default_graph = g.value(dataset, SD.defaultGraph)
    assert (default_graph, RDF.type, SD.Graph) in g
    for named in g.objects(dataset, SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in g
        assert isinstance(g.value(named, SD.name), URIRef)
        assert (g.value(named, SD.graph), RDF.type, SD.Graph) in g


def test_lists_formats_features_and_statistics(w3c_server: LiveServer) -> None:
    g = fetch(w3c_server, "text/turtle", "turtle")
    service = next(g.subjects(RDF.type, SD.Service))
    formats = {str(f).removeprefix(FORMATS) for f in g.objects(service, SD.resultFormat)}
    assert formats == {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "JSON-LD",
        "RDF_XML",
    }
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert (service, SD.feature, SD.BasicFederatedQuery) not in g  # no allow-list configured
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) in g  # a token is configured
    default_graph = g.value(g.value(service, SD.defaultDataset), SD.defaultGraph)
    triples = g.value(default_graph, VOID.triples)
    assert isinstance(triples, Literal) and int(triples) >= 1
    assert int(g.value(default_graph, VOID.classes)) >= 1  # type: ignore[arg-type]
