"""The article reader: cleaned text cut into anchored sentences with linked mentions.

Offsets are code points over the NFC text (DESIGN §5), which is what Python slices count, so a
passage ``[begin, end)`` is ``text[begin:end]``. Spans that fall outside the text or overlap an
earlier one are left out (and logged) rather than breaking the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.describe import Passage, read_passage
from kg.labels import Labeler
from kg.pages import PageBuilder, Value
from kg.store import Store
from kg.vocab import (
    ITS_IDENT,
    LC_FACT_KIND,
    LC_IN_PASSAGE,
    LC_LINE_COUNT,
    LC_REMOVAL,
    LC_REMOVED_BY,
    LC_SET_ASIDE,
    LC_SET_ASIDE_ACTION,
    LC_VIOLATES,
    NIF_ANCHOR,
    NIF_BEGIN,
    NIF_CONTEXT,
    NIF_END,
    NIF_STRING,
    PASSAGE_CLASS,
    PROV_DERIVED,
    RDF_VALUE,
    RDFS_COMMENT,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    text: str
    link: Value | None = None


@dataclass
class Sentence:
    anchor: str
    iri: str
    pieces: list[Piece]
    facts: list[tuple[Value, str]] = field(default_factory=list)  # (fact, its type)
    para: bool = False  # starts a new paragraph


@dataclass(frozen=True)
class Removal:
    rule: str
    lines: str | None
    text: str | None


@dataclass(frozen=True)
class SetAsideFact:
    """A fact the extractor found but set aside: it breaks a shape (see ``ingest.factcheck``)."""

    kind: str  # "statistic measure": the fact kind and the slot at fault
    action: str  # "dropped" | "repaired"
    shape: str  # the shape's local name
    value: str | None
    message: str | None
    sentence: str | None


@dataclass
class Reading:
    blocks: list[Sentence]  # text outside any passage comes as a Sentence without an anchor
    removals: list[Removal]
    text_found: bool
    set_aside: list[SetAsideFact] = field(default_factory=list)


@dataclass(frozen=True)
class _Span:
    begin: int
    end: int
    target: Node


def _mentions(store: Store, passage: Node) -> list[_Span]:
    spans = []
    for mention, _p, _o, _g in store.triples(None, LC_IN_PASSAGE, passage):
        begin = end = target = None
        for _, p, o, _g2 in store.triples(mention, None, None):
            if p == NIF_BEGIN:
                begin = _as_int(o)
            elif p == NIF_END:
                end = _as_int(o)
            elif p == ITS_IDENT:
                target = o
        if begin is not None and end is not None and target is not None and begin < end:
            spans.append(_Span(begin, end, target))
    return sorted(spans, key=lambda s: (s.begin, -s.end))


def _as_int(node: Node) -> int | None:
    try:
        return int(str(node)) if isinstance(node, Literal) else None
    except ValueError:
        return None


def _pieces(text: str, passage: Passage, spans: list[_Span], builder: PageBuilder) -> list[Piece]:
    assert passage.begin is not None and passage.end is not None
    pieces, cursor = [], passage.begin
    for span in spans:
        if span.begin < cursor or span.end > passage.end:
            log.debug(
                "mention %s..%s outside or overlapping in %s", span.begin, span.end, passage.iri
            )
            continue
        if span.begin > cursor:
            pieces.append(Piece(text[cursor : span.begin]))
        pieces.append(Piece(text[span.begin : span.end], builder.value(span.target)))
        cursor = span.end
    if cursor < passage.end:
        pieces.append(Piece(text[cursor : passage.end]))
    return pieces


def article_text(store: Store, article: URIRef) -> str | None:
    return next((str(o) for _, _, o, _ in store.triples(article, NIF_STRING, None)), None)


def read_article(store: Store, article: URIRef, labeler: Labeler, builder: PageBuilder) -> Reading:
    text = article_text(store, article)
    removals = _removals(store, article)
    aside = _set_aside(store, article)
    if text is None:
        return Reading([], removals, False, aside)
    passages: list[Passage] = []
    for node, _p, _o, _g in store.triples(None, NIF_CONTEXT, article):
        if not any(str(t) == PASSAGE_CLASS for t in labeler.info(node).types):
            continue
        passage = read_passage(store, node)
        if (
            passage is not None
            and passage.begin is not None
            and passage.end is not None
            and 0 <= passage.begin < passage.end <= len(text)
        ):
            passages.append(passage)
    passages.sort(key=lambda p: p.begin or 0)
    blocks: list[Sentence] = []
    cursor, para = 0, True

    def gap(chunk: str) -> bool:
        """Add text between passages; returns whether the next block starts a paragraph."""
        if chunk.strip():
            blocks.append(Sentence("", "", [Piece(chunk.strip())], para=para or "\n" in chunk))
        return "\n" in chunk.rstrip(" \t") or not blocks

    for passage in passages:
        assert passage.begin is not None and passage.end is not None
        if passage.begin < cursor:
            log.debug("overlapping passage %s left out", passage.iri)
            continue
        if passage.begin > cursor:
            para = gap(text[cursor : passage.begin]) or para
        sentence = Sentence(
            passage.anchor,
            str(passage.iri),
            _pieces(text, passage, _mentions(store, passage.iri), builder),
            para=para,
        )
        para = False
        for fact, _p, _o, _g in store.triples(None, PROV_DERIVED, passage.iri):
            sentence.facts.append((builder.value(fact), builder.type_label(fact)))
        blocks.append(sentence)
        cursor = passage.end
    if cursor < len(text):
        gap(text[cursor:])
    return Reading(blocks, removals, True, aside)


def _removals(store: Store, article: URIRef) -> list[Removal]:
    found = []
    for _, _, node, _ in store.triples(article, LC_REMOVAL, None):
        values: dict[URIRef, str] = {}
        for _, p, o, _ in store.triples(node, None, None):
            if isinstance(p, URIRef):
                values.setdefault(p, str(o))
        found.append(
            Removal(
                values.get(LC_REMOVED_BY, "?"), values.get(LC_LINE_COUNT), values.get(NIF_ANCHOR)
            )
        )
    return found


def _set_aside(store: Store, article: URIRef) -> list[SetAsideFact]:
    found = []
    for _, _, node, _ in store.triples(article, LC_SET_ASIDE, None):
        values: dict[URIRef, str] = {}
        for _, p, o, _ in store.triples(node, None, None):
            if isinstance(p, URIRef):
                values.setdefault(p, str(o))
        found.append(
            SetAsideFact(
                values.get(LC_FACT_KIND, "?"),
                values.get(LC_SET_ASIDE_ACTION, "?"),
                values.get(LC_VIOLATES, "?").rsplit("#", 1)[-1],
                values.get(RDF_VALUE),
                values.get(RDFS_COMMENT),
                values.get(NIF_ANCHOR),
            )
        )
    return sorted(found, key=lambda f: (f.sentence or "", f.kind))
