"""Dataset-wide figures for the home page, class listings and the ontology page.

These scan the whole store, so each is computed once per store generation and kept in a small
cache; a write (a new generation) starts an empty one (see
:func:`kg.routes.entities.overview_cache`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from rdflib import URIRef

from kg.labels import Labeler
from kg.store import Store
from kg.vocab import ARTICLE_CLASS, LC, RDF_TYPE, RDFS_SUBCLASS, SDG_CLASS

log = logging.getLogger(__name__)

T = TypeVar("T")

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class
"""
PROPERTY_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p
"""
ARTICLES = """
PREFIX schema: <https://schema.org/>
SELECT ?articleClass ?a (SAMPLE(?d) AS ?date) WHERE {
  ?a a ?articleClass .
  OPTIONAL { ?a schema:datePublished ?d }
} GROUP BY ?articleClass ?a ORDER BY DESC(?date) ?a
"""
# Bound variables must be projected (pyoxigraph substitutions), hence ?articleClass / ?sdgClass.
SDG_COVERAGE = """
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?sdgClass ?sdg (SAMPLE(?notation) AS ?code) (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?sdg a ?sdgClass .
  OPTIONAL { ?sdg skos:notation ?notation }
  OPTIONAL { ?x lc:addresses ?sdg }
} GROUP BY ?sdgClass ?sdg
"""


class Cache:
    """Memoises whole-store computations for one ``generation`` of ``store``."""

    def __init__(self, store: Store, generation: int = 0) -> None:
        self.store, self.generation = store, generation
        self._values: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        if key in self._values:
            return self._values[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._values[key] = value
        return value


def _int(node: Any) -> int:
    try:
        return int(str(node))
    except ValueError:
        return 0


def subclasses(store: Store) -> dict[URIRef, set[URIRef]]:
    """Each class with a subclass → every class below it, itself included (``rdfs:subClassOf``
    read transitively, cycles allowed)."""
    children: dict[URIRef, set[URIRef]] = {}
    for s, _, o, _ in store.triples(None, RDFS_SUBCLASS, None):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and s != o:
            children.setdefault(o, set()).add(s)
    closure: dict[URIRef, set[URIRef]] = {}
    for cls in children:
        seen, todo = {cls}, [cls]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        closure[cls] = seen
    return closure


def _count_distinct(store: Store, classes: set[URIRef]) -> int:
    """Resources typed with any of ``classes``, each counted once."""
    values = " ".join(f"<{c}>" for c in sorted(classes))
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?t {{ {values} }} ?s a ?t }}"
    rows = store.select(query)
    return _int(rows[0].get("n", 0)) if rows else 0


def class_counts(store: Store) -> dict[str, int]:
    """Instances per class, those of its subclasses included (``/class/Event`` counts the
    conferences); a class with no subclass is counted from one grouped query."""
    counts = {
        str(row["class"]): _int(row["n"]) for row in store.select(CLASS_COUNTS) if "class" in row
    }
    for cls, below in subclasses(store).items():
        if any(counts.get(str(c)) for c in below - {cls}):
            counts[str(cls)] = _count_distinct(store, below)
    return counts


def property_counts(store: Store) -> dict[str, int]:
    return {str(row["p"]): _int(row["n"]) for row in store.select(PROPERTY_COUNTS) if "p" in row}


def articles(store: Store) -> list[tuple[URIRef, str | None]]:
    rows = store.select(ARTICLES, bindings={"articleClass": URIRef(ARTICLE_CLASS)})
    return [(URIRef(str(r["a"])), str(r["date"]) if "date" in r else None) for r in rows]


@dataclass(frozen=True)
class Coverage:
    sdg: URIRef
    code: str
    count: int


def sdg_coverage(store: Store) -> list[Coverage]:
    rows = store.select(SDG_COVERAGE, bindings={"sdgClass": URIRef(SDG_CLASS)})
    found = [
        Coverage(URIRef(str(r["sdg"])), str(r.get("code", "")), _int(r.get("n", 0))) for r in rows
    ]
    return sorted(found, key=lambda c: (-c.count, _int(c.code.split(".")[0]) or 99, c.code))


def instances(store: Store, cls: URIRef) -> list[URIRef]:
    """The instances of ``cls`` and of its subclasses, each once."""
    below = subclasses(store).get(cls, {cls})
    seen = dict.fromkeys(
        s
        for c in [cls, *sorted(below - {cls})]
        for s, _, _, _ in store.triples(None, RDF_TYPE, c)
        if isinstance(s, URIRef)
    )
    return list(seen)


def sorted_by_label(nodes: list[URIRef], labeler: Labeler, lang: str) -> list[URIRef]:
    return sorted(nodes, key=lambda n: (labeler.label(n, lang).casefold(), str(n)))


def class_iri(name: str) -> URIRef | None:
    """``City`` or ``lc:City`` → the class IRI; ``None`` for anything else."""
    local = name.removeprefix("lc:")
    if not local or not local.replace("_", "").isalnum() or not local.isascii():
        return None
    return URIRef(LC + local)
