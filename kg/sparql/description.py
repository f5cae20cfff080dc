"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics.

Served at ``GET /sparql`` without a query (in any RDF format). Statistics come from
``kg.void.void_graph`` when that module is present, and are otherwise counted here. The default
graph is the union of all graphs; the store's own default graph is offered, under the IRI that
names it in ``default-graph-uri``, as the one graph of ``sd:availableGraphs``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from kg.config import Settings
from kg.formats import RDF_FORMATS, RESULT_FORMATS, Format
from kg.sparql.protocol import JENA_DEFAULT_GRAPH, store_default_graph
from kg.store import Store

log = logging.getLogger(__name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT_SIMPLE = URIRef("http://www.w3.org/ns/entailment/Simple")

# The W3C format IRIs (https://www.w3.org/ns/formats/) for our serialisations.
_FORMAT_IRIS: dict[str, str] = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "trig": "TriG",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}

COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_CLASSES = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def format_iri(fmt: Format) -> URIRef:
    return FORMATS[_FORMAT_IRIS[fmt.name]]


def _count(store: Store, query: str, *, union: bool = True) -> int:
    rows = store.select(query, union=union)
    # A COUNT binds an xsd:integer literal: its lexical form is the number.
    return int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0


def _void_module() -> Callable[[Store, Settings], Graph] | None:
    try:
        module = importlib.import_module("kg.void")
    except ImportError:
        return None
    fn: Callable[[Store, Settings], Graph] | None = getattr(module, "void_graph", None)
    return fn


def service_description(store: Store, settings: Settings, endpoint: str) -> Graph:
    """The description of the endpoint at ``endpoint`` (blocking: counts over the store)."""
    g = Graph()
    for prefix, ns in (("sd", SD), ("void", VOID), ("formats", FORMATS), ("dcterms", DCTERMS)):
        g.bind(prefix, ns)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add(
        (
            service,
            RDFS.label,
            Literal("Learning Cities Knowledge Graph — SPARQL endpoint", lang="en"),
        )
    )
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.update_token:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for fmt in (*RESULT_FORMATS, *RDF_FORMATS):
        g.add((service, SD.resultFormat, format_iri(fmt)))
    for fmt in RDF_FORMATS:
        if settings.update_token:
            g.add((service, SD.inputFormat, format_iri(fmt)))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.feature, SD.EmptyGraphs))
    if settings.service_allow:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    g.add((service, SD.defaultEntailmentRegime, ENTAILMENT_SIMPLE))

    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, service))
    default = BNode("defaultGraph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add(
        (
            default,
            DCTERMS.description,
            Literal(
                "The union of all graphs: the store's default graph and every named graph.",
                lang="en",
            ),
        )
    )
    total = _count(store, COUNT_DEFAULT)
    g.add((default, VOID.triples, Literal(total, datatype=XSD.integer)))
    g.add((dataset, VOID.triples, Literal(total, datatype=XSD.integer)))
    g.add((default, VOID.classes, Literal(_count(store, COUNT_CLASSES), datatype=XSD.integer)))
    per_graph = store.select(COUNT_PER_GRAPH)
    for row in per_graph:
        named, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, row["g"]))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(int(str(row["n"])), datatype=XSD.integer)))

    _store_default_graph(g, service, store, settings)

    void_graph = _void_module()
    if void_graph is not None:
        try:
            g += void_graph(store, settings)
        except (ValueError, OSError) as exc:
            log.warning("VoID statistics unavailable: %s", exc)
    return g


def _store_default_graph(g: Graph, service: URIRef, store: Store, settings: Settings) -> None:
    """The store's own default graph, which ``default-graph-uri`` may name (sd:availableGraphs:
    the graphs a request may build its dataset from)."""
    available, named, graph = BNode("availableGraphs"), BNode("storeDefault"), BNode()
    g.add((service, SD.availableGraphs, available))
    g.add((available, RDF.type, SD.GraphCollection))
    g.add((available, SD.namedGraph, named))
    g.add((named, RDF.type, SD.NamedGraph))
    g.add((named, SD.name, URIRef(store_default_graph(settings))))
    g.add((named, SD.graph, graph))
    g.add((graph, RDF.type, SD.Graph))
    g.add(
        (
            graph,
            DCTERMS.description,
            Literal(
                "The store's own default graph, without the named graphs: give this IRI as "
                f"default-graph-uri (or {JENA_DEFAULT_GRAPH}, as Jena names it) to query it "
                "alone; it has no name in GRAPH.",
                lang="en",
            ),
        )
    )
    own = _count(store, COUNT_DEFAULT, union=False)
    g.add((graph, VOID.triples, Literal(own, datatype=XSD.integer)))
