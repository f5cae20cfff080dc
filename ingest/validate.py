"""Stage 7 — validate: SHACL over an article graph, and every nif:anchorOf against the text.

:func:`check_spans` is the cheap check every article gets; :func:`validate` (offsets as written in
the graph, then SHACL) is the strict one, for a single article or where asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from ingest.link import Linked
from ingest.model import Article, Sentence
from ingest.rdf import LCNS, NIF

logger = logging.getLogger(__name__)
SH = Namespace("http://www.w3.org/ns/shacl#")


class ValidationFailure(ValueError):
    """An article graph breaks a shape or an offset; the message says which and where."""


def check_spans(article: Article, sentences: tuple[Sentence, ...], linked: Linked) -> None:
    """Every sentence and every linked mention is its slice of the cleaned text: what the graph
    states as their ``nif:anchorOf``, ``nif:beginIndex`` and ``nif:endIndex``."""
    for s in sentences:
        if article.text[s.begin : s.end] != s.text:
            raise _span_failure(f"sentence {s.index}", s.text, s.begin, s.end, article)
    for m in linked.mentions:
        if m.entity and article.text[m.begin : m.end] != m.text:
            raise _span_failure(f"mention {m.text!r}", m.text, m.begin, m.end, article)


def _span_failure(
    what: str, text: str, begin: int, end: int, article: Article
) -> ValidationFailure:
    expected = article.text[begin:end]
    return ValidationFailure(f"{what}: {text!r} != text[{begin}:{end}] {expected!r}")


def check_anchors(graph: Graph, article: Article) -> None:
    """Every node with offsets has ``nif:anchorOf`` equal to that slice of the cleaned text."""
    for node in sorted(set(graph.subjects(NIF.beginIndex, None)), key=str):
        begin = graph.value(node, NIF.beginIndex)
        end = graph.value(node, NIF.endIndex)
        anchor = graph.value(node, NIF.anchorOf)
        if not isinstance(begin, Literal) or not isinstance(end, Literal) or anchor is None:
            raise ValidationFailure(f"{node}: offsets or anchor missing")
        expected = article.text[int(begin) : int(end)]
        if str(anchor) != expected:
            raise ValidationFailure(
                f"{node}: anchor {str(anchor)!r} != text[{begin}:{end}] {expected!r}"
            )
    contexts = list(graph.subjects(RDF.type, LCNS.Article))
    for ctx in contexts:
        if str(graph.value(ctx, NIF.isString)) != article.text:
            raise ValidationFailure(f"{ctx}: nif:isString is not the cleaned text")


@lru_cache(maxsize=4)
def _shapes(
    shapes_path: str, ontology_path: str, _stamp: tuple[float, float]
) -> tuple[Graph, Graph]:
    shapes = Graph().parse(shapes_path, format="turtle")
    ontology = Graph().parse(ontology_path, format="turtle")
    return shapes, ontology


def _with_reference(graph: Graph, reference: Graph | None) -> Graph:
    """The article graph plus the reference descriptions of the entities it points to, so that
    class constraints (``sh:class lc:City``) see the types the reference graph gives them."""
    if reference is None:
        return graph
    data = Graph()
    for triple in graph:
        data.add(triple)
    todo = sorted({o for o in graph.objects() if isinstance(o, URIRef)}, key=str)
    seen: set[URIRef] = set()
    while todo:  # the closure: a description's objects are described too
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in reference.predicate_objects(node):
            data.add((node, p, o))
            if isinstance(o, URIRef) and o not in seen:
                todo.append(o)
    return data


@dataclass(frozen=True)
class Violation:
    """One SHACL result of severity sh:Violation."""

    focus: str
    shape: str  # the node shape's local name
    message: str
    path: str | None = None  # the property at fault, when the shape names one


def check_shapes(graph: Graph, ontology_dir: Path, reference: Graph | None = None) -> None:
    """pyshacl with ``ontology/shapes.ttl`` and ``ontology/lc.ttl`` (as ont_graph); skipped, with
    a warning, when the shapes are not there yet."""
    found, text = _run_shacl(graph, ontology_dir, reference)
    if found:
        raise ValidationFailure(text)


def violations(graph: Graph, ontology_dir: Path, reference: Graph | None = None) -> list[Violation]:
    """The violations of :func:`check_shapes`, one per focus node and shape, for a caller that
    sets the failing nodes aside instead of failing."""
    return _run_shacl(graph, ontology_dir, reference)[0]


def _run_shacl(
    graph: Graph, ontology_dir: Path, reference: Graph | None
) -> tuple[list[Violation], str]:
    shapes_path, ontology_path = ontology_dir / "shapes.ttl", ontology_dir / "lc.ttl"
    if not shapes_path.is_file() or not ontology_path.is_file():
        logger.warning("no %s or %s: SHACL skipped", shapes_path.name, ontology_path.name)
        return [], ""
    import pyshacl  # imported here: it is slow to import and only this stage needs it

    stamp = (shapes_path.stat().st_mtime, ontology_path.stat().st_mtime)
    shapes, ontology = _shapes(str(shapes_path), str(ontology_path), stamp)
    conforms, results, text = pyshacl.validate(
        _with_reference(graph, reference),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return [], ""
    found: dict[tuple[str, str], Violation] = {}
    for result in results.subjects(SH.resultSeverity, SH.Violation):  # type: ignore[union-attr]
        focus = str(results.value(result, SH.focusNode))  # type: ignore[union-attr]
        source = results.value(result, SH.sourceShape)  # type: ignore[union-attr]
        shape = next(iter(shapes.subjects(SH.property, source)), source)
        local = str(shape).rsplit("#", 1)[-1]
        message = str(results.value(result, SH.resultMessage) or "")  # type: ignore[union-attr]
        path = results.value(result, SH.resultPath)  # type: ignore[union-attr]
        found.setdefault(
            (focus, local),
            Violation(focus, local, message, str(path) if isinstance(path, URIRef) else None),
        )
    return sorted(found.values(), key=lambda v: (v.focus, v.shape)), str(text)


def validate(
    graph: Graph, article: Article, ontology_dir: Path, reference: Graph | None = None
) -> None:
    """Offsets first (cheap, precise message), then SHACL."""
    check_anchors(graph, article)
    check_shapes(graph, ontology_dir, reference)
