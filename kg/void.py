"""The VoID + DCAT description of the dataset, and the dump files it points to.

``void_graph(store, settings)`` is also what the SPARQL service description links to.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import tempfile
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg.config import Settings
from kg.formats import NQUADS, TRIG, Format
from kg.overview import class_counts, property_counts
from kg.store import Store
from kg.vocab import ARTICLE_CLASS, LC, PREFIXES, SCHEMA

log = logging.getLogger(__name__)

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
ONTOLOGY_IRI = "https://w3id.org/learning-cities/ontology"
# name → (format, compressed, media type of the file as served)
DUMPS: dict[str, tuple[Format, bool, str]] = {
    "kg.nq.gz": (NQUADS, True, "application/gzip"),
    "kg.trig": (TRIG, False, TRIG.content_type),
}
ENTITY_COUNT = """
SELECT ?prefix (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?s), ?prefix))
} GROUP BY ?prefix
"""
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
SOURCES = """
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?articleClass ?url WHERE { ?a a ?articleClass ; schema:url ?url }
"""
LICENSE = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?ontology ?license WHERE { ?ontology dcterms:license ?license } LIMIT 1
"""


def dataset_iri(settings: Settings) -> URIRef:
    return URIRef(f"{settings.base}void#dataset")


def _count(store: Store, query: str, **bindings: URIRef | Literal) -> int:
    rows = store.select(query, bindings=bindings)
    return int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0


def void_graph(store: Store, settings: Settings) -> Graph:
    """VoID + DCAT: licence, sources, sizes, classes, entities, dumps, SPARQL endpoint."""
    base = settings.base
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    ds = dataset_iri(settings)
    graph.add((ds, RDF.type, VOID.Dataset))
    graph.add((ds, RDF.type, DCAT.Dataset))
    graph.add((ds, DCTERMS.title, Literal("Learning Cities Knowledge Graph", lang="en")))
    graph.add((ds, DCTERMS.title, Literal("Đồ thị tri thức Thành phố học tập", lang="vi")))
    graph.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "UNESCO learning cities in South-East Asia drawn from Vietnamese news articles: "
                "cities, events, people, organisations, initiatives and the UN Sustainable "
                "Development Goals, every fact linked to the sentence that states it.",
                lang="en",
            ),
        )
    )
    license_rows = store.select(LICENSE, bindings={"ontology": URIRef(ONTOLOGY_IRI)})
    license_iri = str(license_rows[0]["license"]) if license_rows else DEFAULT_LICENSE
    graph.add((ds, DCTERMS.license, URIRef(license_iri)))
    graph.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    graph.add((ds, VOID.uriSpace, Literal(f"{base}id/")))
    graph.add((ds, VOID.rootResource, URIRef(base)))
    graph.add((ds, DCAT.landingPage, URIRef(base)))
    for vocabulary in (
        ONTOLOGY_IRI,
        SCHEMA,
        PREFIXES["org"],
        PREFIXES["prov"],
        PREFIXES["nif"],
        PREFIXES["skos"],
    ):
        graph.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for row in store.select(SOURCES, bindings={"articleClass": URIRef(ARTICLE_CLASS)}):
        graph.add((ds, DCTERMS.source, URIRef(str(row["url"]))))
    triples = len(store)
    graph.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    entities = _count(store, ENTITY_COUNT, prefix=Literal(f"{base}id/"))
    graph.add((ds, VOID.entities, Literal(entities, datatype=XSD.integer)))
    classes = class_counts(store)
    properties = property_counts(store)
    graph.add((ds, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    graph.add((ds, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    for cls, n in sorted(classes.items()):
        if cls.startswith(LC):
            part = BNode()
            graph.add((ds, VOID.classPartition, part))
            graph.add((part, VOID["class"], URIRef(cls)))
            graph.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for row in store.select(GRAPH_SIZES):
        subset = URIRef(str(row["g"]))
        graph.add((ds, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(int(str(row["n"])), datatype=XSD.integer)))
    for name, (fmt, compressed, _media) in DUMPS.items():
        url = URIRef(f"{base}dumps/{name}")
        graph.add((ds, VOID.dataDump, url))
        dist = BNode()
        graph.add((ds, DCAT.distribution, dist))
        graph.add((dist, RDF.type, DCAT.Distribution))
        graph.add((dist, DCAT.downloadURL, url))
        graph.add((dist, DCAT.mediaType, Literal(fmt.media_type)))
        if compressed:
            graph.add((dist, DCAT.compressFormat, Literal("application/gzip")))
        graph.add((dist, DCTERMS.title, Literal(f"{fmt.label} dump", lang="en")))
    return graph


def write_dump(store: Store, directory: Path, name: str) -> Path:
    """Write one of :data:`DUMPS` into ``directory`` and return its path; a file already there
    is reused. Each writer has its own temporary files, renamed into place when complete, so
    concurrent writers never mix their output and a reader never sees half a file."""
    fmt, compressed, _media = DUMPS[name]
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if target.is_file():
        return target
    raw = _temporary(directory, name, ".raw.tmp")
    packed = _temporary(directory, name, ".tmp") if compressed else raw
    try:
        store.dump(raw, format=fmt)
        if compressed:
            with raw.open("rb") as src, gzip.open(packed, "wb") as dst:
                shutil.copyfileobj(src, dst)
        packed.replace(target)
    finally:
        raw.unlink(missing_ok=True)
        packed.unlink(missing_ok=True)
    return target


def _temporary(directory: Path, name: str, suffix: str) -> Path:
    fd, path = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=directory)
    os.close(fd)
    return Path(path)
