"""What the dataset says about one resource: a bounded, source-aware description.

:func:`describe` (the ``/data`` documents) makes a handful of index lookups
(``Store.triples``), never a DESCRIBE over the union graph:

* every triple whose subject is the resource (and the blank nodes it points to);
* its incoming links (capped), with mentions in articles counted rather than listed;
* the n-ary fact nodes (memberships, participations, statistics) that point at it, whole;
* the passages those facts and the resource are derived from;
* and, through :class:`kg.labels.Labeler`, the labels and types of everything it links to.

:func:`document` turns it into the triples of the RDF document served at ``/data/...``.

:func:`kg.pagedata.describe_page` (the HTML pages) reads one *page* of the same.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.labels import Labeler
from kg.store import Store
from kg.vocab import (
    FACT_CLASSES,
    ITS_IDENT,
    LC_IN_PASSAGE,
    NIF_ANCHOR,
    NIF_BEGIN,
    NIF_CONTEXT,
    NIF_END,
    PASSAGE_CLASS,
    PROV_DERIVED,
    RDF_TYPE,
)

log = logging.getLogger(__name__)

INCOMING_LIMIT = 2_000
MENTION_SAMPLE = 200

Pair = tuple[URIRef, Node]


@dataclass(frozen=True)
class Passage:
    iri: URIRef
    text: str
    begin: int | None
    end: int | None
    article: URIRef | None

    @property
    def anchor(self) -> str:
        """The fragment id of this sentence on the article reader page."""
        return f"s-{self.begin}" if self.begin is not None else ""


@dataclass
class Description:
    iri: URIRef
    out: list[Pair] = field(default_factory=list)
    bnodes: dict[BNode, list[Pair]] = field(default_factory=dict)
    incoming: list[tuple[Node, URIRef]] = field(default_factory=list)
    facts: dict[Node, list[Pair]] = field(default_factory=dict)
    passages: dict[Node, Passage] = field(default_factory=dict)
    mentions: list[tuple[Node, Node | None]] = field(default_factory=list)  # mention, passage
    mention_count: int = 0
    truncated: bool = False
    more: set[URIRef] = field(default_factory=set)  # incoming predicates cut at this page
    more_mentions: bool = False  # mentions past the sample (or past the count cap)

    @property
    def exists(self) -> bool:
        return bool(self.out or self.incoming or self.mention_count)

    def objects(self, prop: URIRef) -> list[Node]:
        return [o for p, o in self.out if p == prop]

    def fact_passages(self, node: Node) -> list[Passage]:
        pairs = self.out if node == self.iri else self.facts.get(node, [])
        return [self.passages[o] for p, o in pairs if p == PROV_DERIVED and o in self.passages]

    def neighbours(self) -> set[Node]:
        """Resources whose label and type a page or document needs."""
        nodes: set[Node] = {self.iri}
        nodes.update(o for _, o in self.out)
        for pairs in (*self.facts.values(), *self.bnodes.values()):
            nodes.update(o for _, o in pairs)
        nodes.update(s for s, _ in self.incoming)
        nodes.update(p.article for p in self.passages.values() if p.article is not None)
        return {n for n in nodes if isinstance(n, URIRef)}


def subject_pairs(store: Store, subject: Node) -> list[Pair]:
    """The ``(predicate, object)`` pairs of ``subject``, each once, in index order."""
    seen: dict[Pair, None] = {}
    for _, p, o, _g in store.triples(subject, None, None):
        if isinstance(p, URIRef):
            seen[(p, o)] = None
    return list(seen)


def read_passage(store: Store, node: Node) -> Passage | None:
    text = begin = end = article = None
    for _, p, o, _g in store.triples(node, None, None):
        if p == NIF_ANCHOR:
            text = str(o)
        elif p == NIF_BEGIN and isinstance(o, Literal):
            begin = literal_int(o)
        elif p == NIF_END and isinstance(o, Literal):
            end = literal_int(o)
        elif p == NIF_CONTEXT and isinstance(o, URIRef):
            article = o
    if text is None:
        return None
    return Passage(
        node if isinstance(node, URIRef) else URIRef(str(node)), text, begin, end, article
    )


def literal_int(lit: Literal) -> int | None:
    """The integer a literal writes, or ``None``."""
    try:
        return int(str(lit))
    except ValueError:
        return None


def describe(
    store: Store, iri: URIRef, labeler: Labeler, *, out: list[Pair] | None = None
) -> Description:
    """Everything :mod:`kg.describe` lists about ``iri`` (``out``: its own pairs, when the
    caller has read them already)."""
    desc = Description(iri)
    desc.out = subject_pairs(store, iri) if out is None else out
    for _, o in desc.out:
        if isinstance(o, BNode) and o not in desc.bnodes:
            desc.bnodes[o] = subject_pairs(store, o)
    seen: set[tuple[Node, URIRef]] = set()
    for count, (s, p, _o, _g) in enumerate(store.triples(None, None, iri)):
        if count >= INCOMING_LIMIT:
            desc.truncated = True
            break
        if not isinstance(p, URIRef) or (s, p) in seen:
            continue
        seen.add((s, p))
        if p == ITS_IDENT:
            desc.mention_count += 1
            if len(desc.mentions) < MENTION_SAMPLE:
                in_passage = next((o for _, _, o, _ in store.triples(s, LC_IN_PASSAGE, None)), None)
                desc.mentions.append((s, in_passage))
            continue
        desc.incoming.append((s, p))
        if s not in desc.facts and any(str(t) in FACT_CLASSES for t in labeler.info(s).types):
            desc.facts[s] = subject_pairs(store, s)
    sources = [o for p, o in desc.out if p == PROV_DERIVED]
    for pairs in desc.facts.values():
        sources += [o for p, o in pairs if p == PROV_DERIVED]
    sources += [passage for _, passage in desc.mentions if passage is not None]
    for node in dict.fromkeys(sources):
        passage = read_passage(store, node)
        if passage is not None:
            desc.passages[node] = passage
    return desc


Triple = tuple[Node, Node, Node]


def document(desc: Description, labeler: Labeler) -> list[Triple]:
    """The triples of the RDF document about ``desc.iri``, each once, in the order read."""
    triples: dict[Triple, None] = {}
    add = triples.setdefault
    iri = desc.iri
    for p, o in desc.out:
        add((iri, p, o))
    for node, pairs in (*desc.bnodes.items(), *desc.facts.items()):
        for p, o in pairs:
            add((node, p, o))
    for s, p in desc.incoming:
        add((s, p, iri))
    for mention, in_passage in desc.mentions:
        add((mention, ITS_IDENT, iri))
        if in_passage is not None:
            add((mention, LC_IN_PASSAGE, in_passage))
    for node, passage in desc.passages.items():
        add((node, RDF_TYPE, URIRef(PASSAGE_CLASS)))
        add((node, NIF_ANCHOR, Literal(passage.text)))
        if passage.begin is not None:
            add((node, NIF_BEGIN, Literal(passage.begin)))
        if passage.end is not None:
            add((node, NIF_END, Literal(passage.end)))
        if passage.article is not None:
            add((node, NIF_CONTEXT, passage.article))
    for node in desc.neighbours():
        info = labeler.info(node)
        for t in info.types:
            add((node, RDF_TYPE, t))
        if node != iri:
            for prop, lit in info.labeled:
                add((node, prop, lit))
    return list(triples)
