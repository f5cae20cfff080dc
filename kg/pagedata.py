"""One page of what an entity page shows about a resource, read with bounded lookups.

:func:`describe_page` reads the resource's own triples; for each predicate that links to it,
the subjects of this page (at most ``size``, and one more to tell whether the list goes on);
and its mentions, counted up to :data:`MENTION_COUNT_CAP` and sampled with the passages they
sit in. Its cost does not grow with the graph. The first page, by far the most read, comes
from index scans that stop as soon as they have enough (cheaper than parsing a query); later
pages skip their offset in SPARQL, which does not decode what it skips.

Which predicates link to a resource, how often it is mentioned, and the fact nodes and
passages a page names come from a :class:`NodeCache`: read on first use, then kept. The cache
belongs to one store *generation* (see :func:`kg.routes.entities.page_caches`): a write to the
store starts a new, empty one.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.describe import Description, Pair, Passage, literal_int, subject_pairs
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
    PROV_DERIVED,
)

log = logging.getLogger(__name__)

PAGE_ITEMS = 5  # subjects per incoming predicate on one page of an entity page
MENTION_COUNT_CAP = 1_000  # mentions counted on an entity page; past it, "1000+"


def _term(node: Node) -> str:
    """``node`` written into a query: a store IRI (IRIs cannot hold ``<>"`` or spaces)."""
    return f"<{node}>"


def _present(store: Store, iri: URIRef, predicates: tuple[URIRef, ...]) -> list[URIRef]:
    """The predicates of ``predicates`` with at least one triple pointing at ``iri``."""
    if not predicates:
        return []
    values = " ".join(_term(p) for p in predicates)
    query = f"SELECT ?p WHERE {{ VALUES ?p {{ {values} }} FILTER EXISTS {{ ?s ?p {_term(iri)} }} }}"
    return [p for row in store.select(query) if isinstance(p := row.get("p"), URIRef)]


def _mention_count(store: Store, iri: URIRef) -> int:
    counted = store.select(
        f"""SELECT (COUNT(*) AS ?n) WHERE {{
            {{ SELECT ?m WHERE {{ ?m {_term(ITS_IDENT)} {_term(iri)} }}
               LIMIT {MENTION_COUNT_CAP + 1} }} }}"""
    )
    n = counted[0].get("n") if counted else None
    return (literal_int(n) or 0) if isinstance(n, Literal) else 0


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
            found[node] = dict.fromkeys(subject_pairs(store, node))
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
            literal_int(begin) if isinstance(begin, Literal) else None,
            literal_int(end) if isinstance(end, Literal) else None,
            article if isinstance(article, URIRef) else None,
        )
    return found


class NodeCache:
    """What pages read of the resources they show, read once and kept (up to ``limit`` entries
    of each kind) for one ``generation`` of ``store``: which predicates link to a resource and
    how often it is mentioned, the pairs of fact nodes, passages, events' start dates."""

    def __init__(self, store: Store, generation: int = 0, limit: int = 100_000) -> None:
        self.store, self.generation, self.limit = store, generation, limit
        self._pairs: dict[Node, list[Pair]] = {}
        self._passages: dict[Node, Passage | None] = {}
        self._present: dict[tuple[URIRef, tuple[URIRef, ...]], list[URIRef]] = {}
        self._mentions: dict[URIRef, int] = {}
        self._first: dict[tuple[Node, URIRef], tuple[Node | None]] = {}
        self._lock = threading.Lock()

    def present(self, iri: URIRef, predicates: tuple[URIRef, ...]) -> list[URIRef]:
        """The predicates of ``predicates`` that link to ``iri``."""
        key = (iri, predicates)
        found = self._present.get(key)
        if found is None:
            found = _present(self.store, iri, predicates)
            self._keep(self._present, {key: found})
        return found

    def mention_count(self, iri: URIRef) -> int:
        """How many mentions point at ``iri``, counted up to one past the cap."""
        found = self._mentions.get(iri)
        if found is None:
            found = _mention_count(self.store, iri)
            self._keep(self._mentions, {iri: found})
        return found

    def first_object(self, node: Node, prop: URIRef) -> Node | None:
        """The first object of ``prop`` on ``node`` in index order (an event's start date)."""
        key = (node, prop)
        known = self._first.get(key)  # (the object or None,) once read
        if known is not None:
            return known[0]
        found = next((o for _, _, o, _ in self.store.triples(node, prop, None)), None)
        self._keep(self._first, {key: (found,)})
        return found

    def pairs(self, nodes: list[Node]) -> dict[Node, list[Pair]]:
        missing = [n for n in nodes if n not in self._pairs]
        if missing:
            self._keep(self._pairs, _pairs_of(self.store, missing))
        # A node dropped by a full cache in the meantime is read again.
        return {
            n: found if (found := self._pairs.get(n)) is not None else subject_pairs(self.store, n)
            for n in nodes
        }

    def passages(self, nodes: list[Node]) -> dict[Node, Passage]:
        missing = [n for n in dict.fromkeys(nodes) if n not in self._passages]
        if missing:
            found = _passages_of(self.store, missing)
            self._keep(self._passages, {n: found.get(n) for n in missing})
        return {n: p for n in nodes if (p := self._passages.get(n)) is not None}

    def _keep(self, cache: dict[Any, Any], found: dict[Any, Any]) -> None:
        with self._lock:
            if len(cache) + len(found) > self.limit:
                cache.clear()
            cache.update(found)


def _first_subjects(store: Store, prop: URIRef, iri: URIRef, n: int) -> list[Node]:
    """The first ``n`` distinct subjects of ``prop`` pointing at ``iri``, in index order (the
    order of ``SELECT DISTINCT ?s``), reading no further than needed."""
    found: dict[Node, None] = {}
    if n > 0:
        for s, _, _, _ in store.triples(None, prop, iri):
            found[s] = None
            if len(found) == n:
                break
    return list(found)


def _window(store: Store, iri: URIRef, prop: URIRef, offset: int, size: int) -> list[Node]:
    """Subjects ``offset`` to ``offset + size`` (one more, to tell if there are more)."""
    if offset == 0:  # an index scan that stops early beats parsing a query
        return _first_subjects(store, prop, iri, size + 1)
    query = f"""SELECT DISTINCT ?s WHERE {{ ?s {_term(prop)} {_term(iri)} }}
        LIMIT {size + 1} OFFSET {offset}"""
    return [row["s"] for row in store.select(query) if "s" in row]


def _mention_window(
    store: Store, iri: URIRef, offset: int, size: int
) -> list[tuple[Node, Node | None]]:
    """Mentions ``offset`` to ``offset + size`` of ``iri`` (one more, to tell if there are more)
    with the passage of each but the extra one."""
    if offset == 0:
        sample: dict[Node, Node | None] = dict.fromkeys(
            _first_subjects(store, ITS_IDENT, iri, size + 1)
        )
        for mention in list(sample)[:size]:
            passages = [o for _, _, o, _ in store.triples(mention, LC_IN_PASSAGE, None)]
            sample[mention] = passages[-1] if passages else None
        return list(sample.items())
    rows = store.select(
        f"""SELECT ?m ?passage WHERE {{
            {{ SELECT DISTINCT ?m WHERE {{ ?m {_term(ITS_IDENT)} {_term(iri)} }}
               LIMIT {size + 1} OFFSET {offset} }}
            OPTIONAL {{ ?m {_term(LC_IN_PASSAGE)} ?passage }} }}"""
    )
    return list({row["m"]: row.get("passage") for row in rows}.items())


def describe_page(
    store: Store,
    iri: URIRef,
    labeler: Labeler,
    predicates: tuple[URIRef, ...],
    *,
    page: int = 1,
    size: int = PAGE_ITEMS,
    cache: NodeCache | None = None,
    out: list[Pair] | None = None,
) -> Description:
    """Page ``page`` of what an entity page shows about ``iri``.

    The outgoing triples (``out``, when the caller has read them) come whole on every page
    (they belong to the resource itself); each incoming predicate of ``predicates`` gives its
    subjects ``(page - 1) * size`` to ``page * size`` (``desc.more`` names those with more),
    and the mentions a sample of ``size`` with a count capped at :data:`MENTION_COUNT_CAP`.
    """
    cache = cache or NodeCache(store)
    offset = (page - 1) * size
    desc = Description(iri)
    desc.out = subject_pairs(store, iri) if out is None else out
    for _, o in desc.out:
        if isinstance(o, BNode) and o not in desc.bnodes:
            desc.bnodes[o] = subject_pairs(store, o)
    facts: list[Node] = []
    for prop in cache.present(iri, predicates):
        if prop == ITS_IDENT:
            continue
        subjects = _window(store, iri, prop, offset, size)
        if len(subjects) > size:
            desc.more.add(prop)
        for s in subjects[:size]:
            desc.incoming.append((s, prop))
            if not FACT_CLASSES.isdisjoint(labeler.info(s).type_names):
                facts.append(s)
    desc.facts = cache.pairs(list(dict.fromkeys(facts)))
    desc.mention_count = cache.mention_count(iri)
    sample = _mention_window(store, iri, offset, size)
    desc.mentions = sample[:size]
    desc.more_mentions = len(sample) > size or desc.mention_count > MENTION_COUNT_CAP
    sources = [o for p, o in desc.out if p == PROV_DERIVED]
    for pairs in desc.facts.values():
        sources += [o for p, o in pairs if p == PROV_DERIVED]
    sources += [passage for _, passage in desc.mentions if passage is not None]
    desc.passages = cache.passages(sources)
    return desc
