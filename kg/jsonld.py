"""RDF documents as bytes: Turtle, N-Triples, RDF/XML and JSON-LD compacted with our context.

The context is the one published at ``/context.jsonld`` (prefixes of every vocabulary the data
uses); it is also embedded in each JSON-LD document so that a client needs no second request.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from rdflib import Graph

from kg.formats import JSONLD, NTRIPLES, RDFXML, TURTLE, Format
from kg.vocab import PREFIXES

log = logging.getLogger(__name__)

_RDFLIB_FORMATS = {TURTLE.name: "turtle", NTRIPLES.name: "nt", RDFXML.name: "xml"}


def context(base: str) -> dict[str, Any]:
    """The JSON-LD context: our prefixes plus ``id`` (instance base) for short IRIs."""
    terms: dict[str, Any] = dict(PREFIXES)
    terms["id"] = f"{base}id/"
    return {"@context": terms}


def serialize(graph: Graph, fmt: Format, *, base: str) -> bytes:
    """``graph`` in ``fmt``; ``ValueError`` for a format that is not an RDF document format."""
    if fmt.name == JSONLD.name:
        ctx = context(base)["@context"]
        text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
        data = json.loads(text)
        if isinstance(data, dict):
            data["@context"] = ctx
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    name = _RDFLIB_FORMATS.get(fmt.name)
    if name is None:
        raise ValueError(f"{fmt.label} is not an entity document format")
    return graph.serialize(format=name, encoding="utf-8")
