"""Routes: the ontology (``/ontology``: HTML documentation, Turtle or JSON-LD by ``Accept``)
and the JSON-LD context (``/context.jsonld``) that entity documents are compacted with."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.deps import IRIsDep, StoreDep
from kg.formats import DOCUMENT_FORMATS, HTML
from kg.iris import IRIs
from kg.jsonld import context, serialize
from kg.labels import Labeler, pick
from kg.negotiation import negotiate
from kg.overview import class_counts, property_counts
from kg.routes.entities import overview_cache
from kg.store import Store
from kg.vocab import (
    LC,
    OWL,
    PREFIXES,
    RDF,
    RDF_TYPE,
    RDFS,
    RDFS_COMMENT,
    RDFS_DOMAIN,
    RDFS_RANGE,
    RDFS_SUBCLASS,
    curie,
)
from kg.web import (
    CACHE_CONTROL,
    document_headers,
    get_labeler,
    render,
)

log = logging.getLogger(__name__)
router = APIRouter()

OWL_UNION_OF = URIRef(OWL + "unionOf")

CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
PROPERTY_TYPES = {
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    RDF + "Property",
}


@dataclass
class TermDoc:
    iri: str
    name: str
    label_vi: str | None
    label_en: str | None
    comment: str | None
    uses: int
    # Each entry: its alternatives as (label, href), one for a class, several for a union.
    domain: list[list[tuple[str, str]]] = field(default_factory=list)
    range: list[list[tuple[str, str]]] = field(default_factory=list)
    parents: list[list[tuple[str, str]]] = field(default_factory=list)


def ontology_graph(store: Store, iris: IRIs) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in store.triples(graph=iris.graph("ontology")):
        graph.add((s, p, o))
    return graph


def _ref(node: Any, labeler: Labeler, lang: str) -> tuple[str, str]:
    text = str(node)
    href = "#" + text[len(LC) :] if text.startswith(LC) else text
    return labeler.label(node, lang) if text.startswith(LC) else (curie(text) or text), href


def _refs(graph: Graph, node: Any, labeler: Labeler, lang: str) -> list[tuple[str, str]]:
    """A class or datatype as links: an ``owl:unionOf`` (a blank node, which has no page of its
    own) gives each of its members; another blank node gives nothing to link."""
    if isinstance(node, URIRef):
        return [_ref(node, labeler, lang)]
    members = next(graph.objects(node, OWL_UNION_OF), None)
    if members is None:
        return []
    return [_ref(m, labeler, lang) for m in Collection(graph, members) if isinstance(m, URIRef)]


def _ref_lists(
    graph: Graph, term: URIRef, prop: URIRef, labeler: Labeler, lang: str
) -> list[list[tuple[str, str]]]:
    found = [_refs(graph, node, labeler, lang) for node in graph.objects(term, prop)]
    return [refs for refs in found if refs]


def term_docs(
    graph: Graph, labeler: Labeler, lang: str, counts: dict[str, int], kinds: set[str]
) -> list[TermDoc]:
    docs = []
    for term in sorted(
        {s for s, o in graph.subject_objects(RDF_TYPE) if str(o) in kinds and isinstance(s, URIRef)}
    ):
        labels = [o for o in graph.objects(term, URIRef(RDFS + "label")) if isinstance(o, Literal)]
        vi, en = pick(labels, "vi"), pick(labels, "en")
        comment = pick(list(graph.objects(term, RDFS_COMMENT)), lang)
        docs.append(
            TermDoc(
                str(term),
                curie(str(term)) or str(term),
                str(vi) if vi is not None and vi.language == "vi" else None,
                str(en) if en is not None and en.language == "en" else None,
                str(comment) if comment is not None else None,
                counts.get(str(term), 0),
                _ref_lists(graph, term, RDFS_DOMAIN, labeler, lang),
                _ref_lists(graph, term, RDFS_RANGE, labeler, lang),
                _ref_lists(graph, term, RDFS_SUBCLASS, labeler, lang),
            )
        )
    return docs


@router.api_route("/ontology", methods=["GET", "HEAD"])
def ontology(request: Request, store: StoreDep, iris: IRIsDep) -> Response:
    fmt = negotiate(request.headers.get("accept"), (HTML, *DOCUMENT_FORMATS))
    alternates = [("/ontology", f) for f in DOCUMENT_FORMATS]
    headers, etag, cached = document_headers(request, alternates, "ontology", fmt.name)
    if cached is not None:
        return cached
    cache = overview_cache(request)
    graph = cache.get("ontology_graph", lambda: ontology_graph(store, iris))
    if fmt is not HTML:
        return Response(
            serialize(graph, fmt, base=iris.base),
            media_type=fmt.content_type,
            headers={**headers, "ETag": etag},
        )
    from kg.web import request_lang

    lang = request_lang(request)
    labeler = get_labeler(request, store)
    classes = cache.get("class_counts", lambda: class_counts(store))
    props = cache.get("property_counts", lambda: property_counts(store))
    onto = URIRef(LC.rstrip("#"))
    title = pick(list(graph.objects(onto, URIRef(PREFIXES["dcterms"] + "title"))), lang)
    meta = {
        str(p): str(o)
        for p, o in graph.predicate_objects(onto)
        if str(p).startswith(PREFIXES["dcterms"]) or str(p).startswith(OWL)
    }
    context_vars = {
        "title": str(title) if title is not None else "Learning Cities Ontology",
        "meta": sorted((curie(k) or k, v) for k, v in meta.items()),
        "classes": term_docs(graph, labeler, lang, classes, CLASS_TYPES),
        "properties": term_docs(graph, labeler, lang, props, PROPERTY_TYPES),
        "namespace": LC,
        "jsonld": {
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "@id": LC.rstrip("#"),
            "name": str(title) if title else "Learning Cities",
        },
    }
    return render(request, ["ontology.html"], context_vars, alternates=alternates, etag=etag)


@router.get("/context.jsonld")
def jsonld_context(iris: IRIsDep) -> Response:
    return JSONResponse(
        context(iris.base),
        media_type="application/ld+json",
        headers={"Cache-Control": CACHE_CONTROL},
    )


def install(app: FastAPI) -> None:
    app.include_router(router)
