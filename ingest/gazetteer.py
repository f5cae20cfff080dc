"""The gazetteer, built from the reference graph's labels (the one source of truth)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ingest.tokens import SKIPPABLE, Token, key_of
from kg.iris import LC, IRIs

logger = logging.getLogger(__name__)

SCHEMA_NAME = URIRef("https://schema.org/name")
SCHEMA_ALT = URIRef("https://schema.org/alternateName")
LABEL_PROPERTIES = (RDFS.label, SCHEMA_NAME, SKOS.prefLabel, SKOS.altLabel, SCHEMA_ALT)
# Reference classes the matcher knows, most specific first; the order breaks ties in linking.
CLASSES: tuple[str, ...] = (
    "City",
    "Province",
    "Country",
    "Region",
    "Network",
    "Organization",
    "SustainableDevelopmentGoal",
)


@dataclass(frozen=True)
class Candidate:
    iri: str
    kind: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[tuple[str, ...], tuple[Candidate, ...]] = field(default_factory=dict)
    by_iri: dict[str, Candidate] = field(default_factory=dict)
    notations: dict[str, str] = field(default_factory=dict)  # SDG notation → IRI
    vi_names: dict[str, str] = field(default_factory=dict)
    max_len: int = 0

    @cached_property
    def prefixes(self) -> frozenset[tuple[str, ...]]:
        """Every non-empty prefix of an entry key."""
        return frozenset(k[:n] for k in self.entries for n in range(1, len(k) + 1))

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The first word of every entry key."""
        return frozenset(k[0] for k in self.entries)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return self.entries.get(key_of(name), ())

    def longest(self, tokens: tuple[Token, ...], start: int) -> tuple[int, tuple[Candidate, ...]]:
        """Longest entry starting at ``tokens[start]``: (end token index, candidates)."""
        best: tuple[int, tuple[Candidate, ...]] = (start, ())
        key: tuple[str, ...] = ()
        i = start
        while i < len(tokens) and len(key) < self.max_len:
            if tokens[i].key not in SKIPPABLE or not key:
                key = (*key, tokens[i].key)
                if key not in self.prefixes:
                    break  # no longer key starts with this one
            i += 1
            found = self.entries.get(key)
            if found and tokens[i - 1].key not in SKIPPABLE:
                best = (i, found)
        return best


def build_gazetteer(reference: Graph, base: str) -> Gazetteer:
    """Every label / name / altLabel of a reference entity of a known class → its IRI."""
    iris = IRIs(base)
    found: dict[tuple[str, ...], set[str]] = {}
    classes: dict[str, list[str]] = {}
    for cls in CLASSES:
        for subject in reference.subjects(RDF.type, URIRef(LC + cls)):
            if isinstance(subject, URIRef):
                classes.setdefault(str(subject), []).append(cls)
    by_iri: dict[str, Candidate] = {}
    vi_names: dict[str, str] = {}
    for iri, cls_list in sorted(classes.items()):
        split = iris.split(iri)
        if split is None:
            continue
        by_iri[iri] = Candidate(iri, split[0], tuple(cls_list))
        for prop in LABEL_PROPERTIES:
            for label in reference.objects(URIRef(iri), prop):
                if not isinstance(label, Literal) or not str(label).strip():
                    continue
                key = key_of(str(label))
                if key:
                    found.setdefault(key, set()).add(iri)
                if label.language == "vi" and prop in (RDFS.label, SKOS.prefLabel):
                    vi_names.setdefault(iri, str(label))
    notations: dict[str, str] = {}
    for iri in by_iri:
        for notation in reference.objects(URIRef(iri), SKOS.notation):
            notations[str(notation)] = iri
    rank = {cls: i for i, cls in enumerate(CLASSES)}

    def order(iri: str) -> tuple[int, str]:
        return (min(rank[c] for c in by_iri[iri].classes), iri)

    entries = {k: tuple(by_iri[i] for i in sorted(v, key=order)) for k, v in found.items()}
    logger.debug("gazetteer: %d names for %d entities", len(entries), len(by_iri))
    return Gazetteer(entries, by_iri, notations, vi_names, max(map(len, entries), default=0))
