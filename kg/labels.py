"""Labels and types of resources in the user's language, from an ordered list of predicates.

The :class:`Labeler` caches what it reads per resource, so a page that shows hundreds of
neighbours does one index lookup per neighbour and label predicate only the first time. A
labeler belongs to one state of the store, its ``generation``: after a write, the app starts a
new one (see :func:`kg.web.get_labeler`).

>>> from rdflib import Literal
>>> pick([Literal("Sơn La", lang="vi"), Literal("Son La", lang="en")], "en")
rdflib.term.Literal('Son La', lang='en')
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.store import Store
from kg.vocab import (
    ALT_LABEL_PROPERTIES,
    DESCRIPTION_PROPERTIES,
    FACT_CLASSES,
    LABEL_PROPERTIES,
    LC_EXTRACTED_BY,
    PROV_DERIVED,
    RDF_TYPE,
    curie,
    local_name,
)

log = logging.getLogger(__name__)

LANGS = ("vi", "en")
_SUMMARY_SKIP = {RDF_TYPE, PROV_DERIVED, LC_EXTRACTED_BY}
_CACHE_LIMIT = 200_000


def other_lang(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def pick(literals: Iterable[Node], lang: str) -> Literal | None:
    """The first literal in ``lang``, else in the other language, else untagged, else any."""
    items = [lit for lit in literals if isinstance(lit, Literal)]
    for wanted in (lang, other_lang(lang), None):
        for lit in items:
            tag = (lit.language or "").split("-")[0].lower() or None
            if tag == wanted:
                return lit
    return items[0] if items else None


@dataclass(frozen=True)
class Info:
    """What a page needs to show a resource by name: labels (in predicate order) and types."""

    labeled: tuple[tuple[URIRef, Literal], ...]  # (label predicate, label), predicate order
    alt_labels: tuple[Literal, ...]
    types: tuple[URIRef, ...]

    @cached_property
    def type_names(self) -> frozenset[str]:
        """The types as strings, for membership tests against the vocabulary's class sets."""
        return frozenset(str(t) for t in self.types)

    @cached_property
    def labels(self) -> tuple[Literal, ...]:
        return tuple(dict.fromkeys(lit for _, lit in self.labeled))

    @cached_property
    def _by_lang(self) -> dict[str, Literal | None]:
        return {lang: pick(self.labels, lang) for lang in LANGS}

    def label(self, lang: str) -> Literal | None:
        if lang in LANGS:
            return self._by_lang[lang]
        return pick(self.labels, lang)


class Labeler:
    """Labels, alternative labels and types of resources, read once and cached."""

    def __init__(
        self,
        store: Store,
        *,
        label_properties: Sequence[str] = LABEL_PROPERTIES,
        alt_label_properties: Sequence[str] = ALT_LABEL_PROPERTIES,
        description_properties: Sequence[str] = DESCRIPTION_PROPERTIES,
        generation: int = 0,
    ) -> None:
        self.store, self.generation = store, generation
        self.label_properties = tuple(URIRef(p) for p in label_properties)
        self.alt_label_properties = tuple(URIRef(p) for p in alt_label_properties)
        self.description_properties = tuple(URIRef(p) for p in description_properties)
        self._cache: dict[Node, Info] = {}
        self._summaries: dict[tuple[Node, str], str] = {}
        self._lock = threading.Lock()

    def info(self, node: Node) -> Info:
        cached = self._cache.get(node)
        if cached is not None:
            return cached
        labeled: list[tuple[URIRef, Literal]] = []
        for prop in self.label_properties:
            labeled += [(prop, lit) for lit in self._literals(node, prop)]
        alts: list[Literal] = []
        for prop in self.alt_label_properties:
            alts += self._literals(node, prop)
        types = tuple(
            dict.fromkeys(
                o
                for _, _, o, _ in self.store.triples(node, RDF_TYPE, None)
                if isinstance(o, URIRef)
            )
        )
        info = Info(tuple(dict.fromkeys(labeled)), tuple(dict.fromkeys(alts)), types)
        with self._lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
                self._summaries.clear()
            self._cache[node] = info
        return info

    def infos(self, nodes: Iterable[Node]) -> dict[Node, Info]:
        return {node: self.info(node) for node in dict.fromkeys(nodes)}

    def _literals(self, node: Node, prop: URIRef) -> list[Literal]:
        return [o for _, _, o, _ in self.store.triples(node, prop, None) if isinstance(o, Literal)]

    def label(self, node: Node, lang: str) -> str:
        """Display label: the best label, else a CURIE, else the IRI's last segment."""
        if isinstance(node, Literal):
            return str(node)
        info = self.info(node)
        lit = info.label(lang)
        if lit is not None:
            return str(lit)
        if any(str(t) in FACT_CLASSES for t in info.types):
            summary = self.summary(node, lang)
            if summary:
                return summary
        text = str(node)
        return curie(text) or local_name(text)

    def summary(self, node: Node, lang: str) -> str:
        """A name for an unlabelled fact node: what it links and states, e.g. ``Sơn La · GNLC``."""
        key = (node, lang)
        cached = self._summaries.get(key)
        if cached is not None:
            return cached
        parts: list[tuple[bool, str, str]] = []  # linked things first, then stated values
        for _, p, o, _ in self.store.triples(node, None, None):
            if p in _SUMMARY_SKIP:
                continue
            if isinstance(o, Literal):
                if o.language in (None, lang) or not o.language:
                    parts.append((True, str(p), str(o)))
            elif isinstance(o, URIRef):
                lit = self.info(o).label(lang)
                if lit is not None:
                    parts.append((False, str(p), str(lit)))
        text = " · ".join(dict.fromkeys(part for *_, part in sorted(parts)))[:160]
        with self._lock:
            self._summaries[key] = text
        return text

    def description(self, node: Node, lang: str) -> Literal | None:
        found: list[Literal] = []
        for prop in self.description_properties:
            found += self._literals(node, prop)
        return pick(found, lang)

    def description_in(self, pairs: Sequence[tuple[URIRef, Node]], lang: str) -> Literal | None:
        """:meth:`description` from a resource's ``(predicate, object)`` pairs, already read
        (in index order, as :meth:`description` reads them)."""
        found = [
            o
            for prop in self.description_properties
            for p, o in pairs
            if p == prop and isinstance(o, Literal)
        ]
        return pick(found, lang)
