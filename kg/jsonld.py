"""RDF documents as bytes: Turtle, N-Triples, RDF/XML and JSON-LD compacted with our context.

Turtle, N-Triples and RDF/XML are written by the engine's serialisers (pyoxigraph), sorted by
subject and predicate so that Turtle groups them, with the project's prefixes: several times
faster than rdflib's, which took most of a ``/data`` request. JSON-LD is compacted by rdflib with
the context published at ``/context.jsonld`` (prefixes of every vocabulary the data uses); it is
also embedded in each JSON-LD document so that a client needs no second request.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.describe import Triple
from kg.errors import NotAcceptable
from kg.formats import JSONLD, NTRIPLES, RDFXML, TURTLE, Format
from kg.store import to_oxigraph
from kg.vocab import PREFIXES

log = logging.getLogger(__name__)

_ENGINE_FORMATS = {
    TURTLE.name: ox.RdfFormat.TURTLE,
    NTRIPLES.name: ox.RdfFormat.N_TRIPLES,
    RDFXML.name: ox.RdfFormat.RDF_XML,
}


def context(base: str) -> dict[str, Any]:
    """The JSON-LD context: our prefixes plus ``id`` (instance base) for short IRIs."""
    terms: dict[str, Any] = dict(PREFIXES)
    terms["id"] = f"{base}id/"
    return {"@context": terms}


def serialize(graph: Graph, fmt: Format, *, base: str) -> bytes:
    """``graph`` in ``fmt``, with the prefixes it binds (the project's if none);
    ``ValueError`` for a format that is not an RDF document format."""
    if fmt.name == JSONLD.name:
        return _jsonld(graph, base)
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    return serialize_triples(list(graph), fmt, base=base, prefixes=bound or None)


def serialize_triples(
    triples: Iterable[Triple], fmt: Format, *, base: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """``triples`` as a document in ``fmt``, abbreviated with those of ``prefixes`` (default:
    the project's) that they use; ``ValueError`` for a format that is not a document format."""
    if fmt.name == JSONLD.name:
        graph = Graph(bind_namespaces="none")
        for triple in triples:
            graph.add(triple)
        return _jsonld(graph, base)
    engine_format = _ENGINE_FORMATS.get(fmt.name)
    if engine_format is None:
        raise ValueError(f"{fmt.label} is not an entity document format")
    ordered = sorted(triples, key=_order)
    if engine_format is ox.RdfFormat.RDF_XML:
        _check_xml_predicates(ordered)
    engine = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in ordered]
    used = None
    if engine_format is not ox.RdfFormat.N_TRIPLES:
        used = _used_prefixes(prefixes or PREFIXES, ordered)
    return ox.serialize(engine, format=engine_format, prefixes=used) or b""


# An XML element name: RDF/XML writes each predicate as a namespace and a local name that is an
# XML name (NCName); an IRI that ends otherwise cannot be written in RDF/XML at all.
_NCNAME_END = re.compile(r"[^\W\d][\w.-]*\Z")


def _check_xml_predicates(triples: list[Triple]) -> None:
    for predicate in dict.fromkeys(p for _, p, _ in triples):
        if not _NCNAME_END.search(str(predicate)):
            raise NotAcceptable(
                f"RDF/XML cannot write the predicate <{predicate}> (its IRI does not end in an "
                "XML name); the document is offered in the other formats",
                offered=[f.content_type for f in (TURTLE, NTRIPLES, JSONLD)],
            )


def _jsonld(graph: Graph, base: str) -> bytes:
    ctx = context(base)["@context"]
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    data = json.loads(text)
    if isinstance(data, dict):
        data["@context"] = ctx
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _order(triple: Triple) -> tuple[bool, str, str, str]:
    """Subjects and then predicates together (Turtle writes each once), IRIs before blank
    nodes, and otherwise text order: a document is the same bytes every time."""
    s, p, o = triple
    return (not isinstance(s, URIRef), str(s), str(p), o.n3())


def _used_prefixes(prefixes: Mapping[str, str], triples: list[Triple]) -> dict[str, str]:
    """Those of ``prefixes`` that the IRIs of ``triples`` (datatypes included) start with."""
    iris: set[str] = set()
    for s, p, o in triples:
        iris.add(str(p))
        for term in (s, o):
            if isinstance(term, URIRef):
                iris.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                iris.add(str(term.datatype))
    return {
        prefix: ns
        for prefix, ns in sorted(prefixes.items())
        if any(iri.startswith(ns) for iri in iris)
    }
