"""What the dataset says about one resource: a bounded, source-aware description.

:func:`describe` (the ``/data`` documents) makes a handful of index lookups
(``Store.triples``), never a DESCRIBE over the union graph:

* every triple whose subject is the resource (and the blank nodes it points to);
* its incoming links (capped), with mentions in articles counted rather than listed;
* the n-ary fact nodes (memberships, participations, statistics) that point at it, whole;
* the passages those facts and the resource are derived from;
* and, through :class:`kg.labels.Labeler`, the labels and types of everything it links to.

:func:`to_graph` turns it into the RDF document served at ``/data/...``.

:func:`describe_page` (the HTML pages) reads one *page* of the same: for each predicate that
links to the resource, at most ``size`` subjects, and mentions counted up to a cap and sampled,
so that its cost does not grow with the graph; its SPARQL queries fetch the fact nodes and
passages of a page in one round trip each, and a :class:`NodeCache` keeps them.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
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
    PREFIXES,
    PROV_DERIVED,
    RDF_TYPE,
)

log = logging.getLogger(__name__)

INCOMING_LIMIT = 2_000
MENTION_SAMPLE = 200
PAGE_ITEMS = 5  # subjects per incoming predicate on one page of an entity page
MENTION_COUNT_CAP = 1_000  # mentions counted on an entity page; past it, "1000+"

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


def _pairs(store: Store, subject: Node) -> list[Pair]:
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
            begin = _int(o)
        elif p == NIF_END and isinstance(o, Literal):
            end = _int(o)
        elif p == NIF_CONTEXT and isinstance(o, URIRef):
            article = o
    if text is None:
        return None
    return Passage(
        node if isinstance(node, URIRef) else URIRef(str(node)), text, begin, end, article
    )


def _int(lit: Literal) -> int | None:
    try:
        return int(str(lit))
    except ValueError:
        return None


def describe(store: Store, iri: URIRef, labeler: Labeler) -> Description:
    desc = Description(iri)
    desc.out = _pairs(store, iri)
    for _, o in desc.out:
        if isinstance(o, BNode) and o not in desc.bnodes:
            desc.bnodes[o] = _pairs(store, o)
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
                passage = next((o for _, _, o, _ in store.triples(s, LC_IN_PASSAGE, None)), None)
                desc.mentions.append((s, passage))
            continue
        desc.incoming.append((s, p))
        if s not in desc.facts and any(str(t) in FACT_CLASSES for t in labeler.info(s).types):
            desc.facts[s] = _pairs(store, s)
    sources = [o for p, o in desc.out if p == PROV_DERIVED]
    for pairs in desc.facts.values():
        sources += [o for p, o in pairs if p == PROV_DERIVED]
    sources += [passage for _, passage in desc.mentions if passage is not None]
    for node in dict.fromkeys(sources):
        passage = read_passage(store, node)
        if passage is not None:
            desc.passages[node] = passage
    return desc


def to_graph(desc: Description, labeler: Labeler) -> Graph:
    """The RDF document about ``desc.iri`` (with prefixes bound for readable Turtle)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    iri = desc.iri
    for p, o in desc.out:
        graph.add((iri, p, o))
    for node, pairs in (*desc.bnodes.items(), *desc.facts.items()):
        for p, o in pairs:
            graph.add((node, p, o))
    for s, p in desc.incoming:
        graph.add((s, p, iri))
    for mention, passage in desc.mentions:
        graph.add((mention, ITS_IDENT, iri))
        if passage is not None:
            graph.add((mention, LC_IN_PASSAGE, passage))
    for node, passage in desc.passages.items():
        graph.add((node, RDF_TYPE, URIRef(PASSAGE_CLASS)))
        graph.add((node, NIF_ANCHOR, Literal(passage.text)))
        if passage.begin is not None:
            graph.add((node, NIF_BEGIN, Literal(passage.begin)))
        if passage.end is not None:
            graph.add((node, NIF_END, Literal(passage.end)))
        if passage.article is not None:
            graph.add((node, NIF_CONTEXT, passage.article))
    for node in desc.neighbours():
        info = labeler.info(node)
        for t in info.types:
            graph.add((node, RDF_TYPE, t))
        if node != iri:
            for prop, lit in info.labeled:
                graph.add((node, prop, lit))
    return graph


def _term(node: Node) -> str:
    """``node`` written into a query: a store IRI (IRIs cannot hold ``<>"`` or spaces)."""
    return f"<{node}>"


def _present(store: Store, iri: URIRef, predicates: tuple[URIRef, ...]) -> list[URIRef]:
    """The predicates of ``predicates`` with at least one triple pointing at ``iri``."""
    if not predicates:
        return []
    values = " ".join(_term(p) for p in predicates)
    query = f"SELECT ?p WHERE {{ VALUES ?p {{ {values} }} FILTER EXISTS {{ ?s ?p {_term(iri)} }} }}"
    return [row["p"] for row in store.select(query) if isinstance(row.get("p"), URIRef)]


def _window(store: Store, iri: URIRef, prop: URIRef, offset: int, size: int) -> list[Node]:
    """Subjects ``offset`` to ``offset + size`` (one more, to tell if there are more)."""
    query = f"""SELECT DISTINCT ?s WHERE {{ ?s {_term(prop)} {_term(iri)} }}
        LIMIT {size + 1} OFFSET {offset}"""
    return [row["s"] for row in store.select(query) if "s" in row]


def _pairs_of(store: Store, nodes: list[Node]) -> dict[Node, list[Pair]]:
    """The outgoing pairs of many nodes, in one query (blank nodes one lookup each)."""
    found: dict[Node, dict[Pair, None]] = {node: {} for node in nodes}
    named = [n for n in nodes if isinstance(n, URIRef)]
    if named:
        values = " ".join(_term(n) for n in named)
        for row in store.select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
            p = row.get("p")
            if isinstance(p, URIRef) and "o" in row:
                found[row["s"]][(p, row["o"])] = None
    for node in nodes:
        if not isinstance(node, URIRef):
            found[node] = dict.fromkeys(_pairs(store, node))
    return {node: list(pairs) for node, pairs in found.items()}


_PASSAGES = f"""SELECT ?x ?text ?begin ?end ?article WHERE {{
    VALUES ?x {{ {{values}} }}
    ?x <{NIF_ANCHOR}> ?text .
    OPTIONAL {{ ?x <{NIF_BEGIN}> ?begin }}
    OPTIONAL {{ ?x <{NIF_END}> ?end }}
    OPTIONAL {{ ?x <{NIF_CONTEXT}> ?article FILTER(isIRI(?article)) }}
}}"""


def _passages_of(store: Store, nodes: list[Node]) -> dict[Node, Passage]:
    named = [n for n in dict.fromkeys(nodes) if isinstance(n, URIRef)]
    if not named:
        return {}
    query = _PASSAGES.replace("{values}", " ".join(_term(n) for n in named))
    found: dict[Node, Passage] = {}
    for row in store.select(query):
        begin, end = row.get("begin"), row.get("end")
        article = row.get("article")
        found[row["x"]] = Passage(
            URIRef(str(row["x"])),
            str(row["text"]),
            _int(begin) if isinstance(begin, Literal) else None,
            _int(end) if isinstance(end, Literal) else None,
            article if isinstance(article, URIRef) else None,
        )
    return found


def _mention_sample(
    store: Store, iri: URIRef, offset: int, size: int
) -> tuple[int, list[tuple[Node, Node | None]], bool]:
    """Mentions of ``iri``: how many (up to the cap), this page's sample and whether more follow."""
    its = _term(ITS_IDENT)
    counted = store.select(
        f"""SELECT (COUNT(*) AS ?n) WHERE {{
            {{ SELECT ?m WHERE {{ ?m {its} {_term(iri)} }} LIMIT {MENTION_COUNT_CAP + 1} }} }}"""
    )
    count = _int(counted[0]["n"]) if counted and isinstance(counted[0].get("n"), Literal) else 0
    window = f"LIMIT {size + 1} OFFSET {offset}"
    rows = store.select(
        f"""SELECT ?m ?passage WHERE {{
            {{ SELECT DISTINCT ?m WHERE {{ ?m {its} {_term(iri)} }} {window} }}
            OPTIONAL {{ ?m {_term(LC_IN_PASSAGE)} ?passage }} }}"""
    )
    sample = list({row["m"]: row.get("passage") for row in rows}.items())
    return count or 0, sample[:size], len(sample) > size or (count or 0) > MENTION_COUNT_CAP


class NodeCache:
    """The pairs of fact nodes, the passages and the incoming predicates pages show, read once
    and kept (up to ``limit`` entries each; the store is read-only for the life of an app)."""

    def __init__(self, store: Store, limit: int = 100_000) -> None:
        self.store, self.limit = store, limit
        self._pairs: dict[Node, list[Pair]] = {}
        self._passages: dict[Node, Passage | None] = {}
        self._present: dict[tuple[URIRef, tuple[URIRef, ...]], list[URIRef]] = {}
        self._lock = threading.Lock()

    def present(self, iri: URIRef, predicates: tuple[URIRef, ...]) -> list[URIRef]:
        """The predicates of ``predicates`` that link to ``iri``."""
        key = (iri, predicates)
        found = self._present.get(key)
        if found is None:
            found = _present(self.store, iri, predicates)
            self._keep(self._present, {key: found})
        return found

    def pairs(self, nodes: list[Node]) -> dict[Node, list[Pair]]:
        missing = [n for n in nodes if n not in self._pairs]
        if missing:
            self._keep(self._pairs, _pairs_of(self.store, missing))
        return {n: self._pairs.get(n) or _pairs(self.store, n) for n in nodes}

    def passages(self, nodes: list[Node]) -> dict[Node, Passage]:
        missing = [n for n in dict.fromkeys(nodes) if n not in self._passages]
        if missing:
            found = _passages_of(self.store, missing)
            self._keep(self._passages, {n: found.get(n) for n in missing})
        return {n: p for n in nodes if (p := self._passages.get(n)) is not None}

    def _keep(self, cache: dict[Node, Any], found: dict[Node, Any]) -> None:
        with self._lock:
            if len(cache) + len(found) > self.limit:
                cache.clear()
            cache.update(found)


def describe_page(
    store: Store,
    iri: URIRef,
    labeler: Labeler,
    predicates: tuple[URIRef, ...],
    *,
    page: int = 1,
    size: int = PAGE_ITEMS,
    cache: NodeCache | None = None,
) -> Description:
    """Page ``page`` of what an entity page shows about ``iri``.

    The outgoing triples come whole on every page (they belong to the resource itself); each
    incoming predicate of ``predicates`` gives its subjects ``(page - 1) * size`` to
    ``page * size`` (``desc.more`` names those with more), and the mentions a sample of ``size``
    with a count capped at :data:`MENTION_COUNT_CAP`.
    """
    desc = Description(iri)
    desc.out = _pairs(store, iri)
    for _, o in desc.out:
        if isinstance(o, BNode) and o not in desc.bnodes:
            desc.bnodes[o] = _pairs(store, o)
    offset = (page - 1) * size
    facts: list[Node] = []
    cache = cache or NodeCache(store)
    for prop in cache.present(iri, predicates):
        if prop == ITS_IDENT:
            continue
        subjects = _window(store, iri, prop, offset, size)
        if len(subjects) > size:
            desc.more.add(prop)
        for s in subjects[:size]:
            desc.incoming.append((s, prop))
            if any(str(t) in FACT_CLASSES for t in labeler.info(s).types):
                facts.append(s)
    desc.facts = cache.pairs(list(dict.fromkeys(facts)))
    desc.mention_count, desc.mentions, desc.more_mentions = _mention_sample(
        store, iri, offset, size
    )
    sources = [o for p, o in desc.out if p == PROV_DERIVED]
    for pairs in desc.facts.values():
        sources += [o for p, o in pairs if p == PROV_DERIVED]
    sources += [passage for _, passage in desc.mentions if passage is not None]
    desc.passages = cache.passages(sources)
    return desc
