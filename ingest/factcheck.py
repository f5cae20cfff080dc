"""Per-fact validation: the shapes' cardinalities and value lists, checked fact by fact in code.

One bad fact must never cost the article its other facts (DESIGN §8). Before the facts of an
article are merged into nodes, :func:`screen` reads the constraints of ``ontology/shapes.ttl``
(``sh:minCount``, ``sh:maxCount``, ``sh:in`` on the properties the facts stage writes, and the
date forms of ``lcsh:DateShape``) and

- **repairs** a node that would get two values for a one-valued slot (two dates from two
  clauses, two
  qualifiers): the value stated first in the article is kept (the lede states the fact, later
  sentences echo it or speak of something else), the others are set aside;
- **drops** a node that lacks a required slot (a statistic with no measure) or whose value is not in
  its shape's list, and a date that cannot be typed as the shapes require (``--09-12``: no year).

Each decision is a :class:`SetAside` (node, shape, message, sentence) for the build report,
``lckg extract``'s stderr and the article reader. The whole-graph SHACL run of the build stays: this
module only makes sure the pipeline's own output passes it.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ingest.model import Fact, Sentence, SetAside, Value
from ingest.rdf import NODE_KINDS, SLOTS
from kg.iris import LC

logger = logging.getLogger(__name__)

SH = Namespace("http://www.w3.org/ns/shacl#")
_LC = Namespace(LC)
# Attribute facts are statements about an entity of this class.
_ATTRIBUTE_CLASSES = {
    "event": _LC.Event,
    "initiative": _LC.Initiative,
    "organization": _LC.Organization,
    "person": _LC.Person,
}
_PREDICATE_SLOT = {str(p): name for name, p in SLOTS.items()}
# The date forms lcsh:DateShape admits: xsd:date, xsd:gYearMonth, xsd:gYear.
_TYPED_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")


@dataclass(frozen=True)
class SlotRule:
    shape: str  # the shape's local name ("StatisticShape")
    min_count: int
    max_count: int | None
    allowed: frozenset[str] | None  # sh:in, as lexical forms
    message: str


@dataclass(frozen=True)
class Constraints:
    """Slot rules per fact kind, and the slots that hold dates."""

    by_kind: dict[str, dict[str, SlotRule]]
    date_slots: frozenset[str]


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _int(graph: Graph, node: object, path: URIRef) -> int | None:
    value = graph.value(node, path)  # type: ignore[arg-type]
    return int(value) if isinstance(value, Literal) else None


@lru_cache(maxsize=4)
def _load(shapes_path: str, _mtime: float) -> Constraints:
    graph = Graph().parse(shapes_path, format="turtle")
    kinds = {str(cls): kind for kind, (cls, _) in NODE_KINDS.items()}
    kinds.update({str(cls): kind for kind, cls in _ATTRIBUTE_CLASSES.items()})
    by_kind: dict[str, dict[str, SlotRule]] = defaultdict(dict)
    date_slots: set[str] = set()
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        targets = [kinds[str(c)] for c in graph.objects(shape, SH.targetClass) if str(c) in kinds]
        subjects_of = {str(p) for p in graph.objects(shape, SH.targetSubjectsOf)}
        for prop in graph.objects(shape, SH.property):
            path = graph.value(prop, SH.path)
            slot = _PREDICATE_SLOT.get(str(path))
            if slot is None:
                continue
            if str(path) in subjects_of:
                date_slots.add(slot)
            listed = graph.value(prop, SH["in"])
            allowed = (
                frozenset(str(v) for v in Collection(graph, listed)) if listed is not None else None
            )
            rule = SlotRule(
                _local(shape),
                _int(graph, prop, SH.minCount) or 0,
                _int(graph, prop, SH.maxCount),
                allowed,
                str(graph.value(prop, SH.message) or f"{_local(path)} breaks {_local(shape)}"),
            )
            for kind in targets or list(_ATTRIBUTE_CLASSES) + list(NODE_KINDS):
                if targets or str(path) in subjects_of:
                    by_kind[kind].setdefault(slot, rule)
    return Constraints(dict(by_kind), frozenset(date_slots))


def load_constraints(ontology_dir: Path) -> Constraints | None:
    """The constraints of ``ontology_dir/shapes.ttl``; ``None`` when there are no shapes."""
    path = Path(ontology_dir) / "shapes.ttl"
    if not path.is_file():
        return None
    return _load(str(path), path.stat().st_mtime)


Report = Callable[["Fact", str, str, "SlotRule | None", str, str], None]


def _text(value: Value) -> str:
    return value.iri if value.iri is not None else value.text or ""


def _node(f: Fact) -> str:
    return f.subject if f.kind in _ATTRIBUTE_CLASSES else f.key


def screen(
    facts: Sequence[Fact], sentences: Sequence[Sentence], constraints: Constraints | None
) -> tuple[list[Fact], list[SetAside]]:
    """Facts as found (before merging) → the ones that keep to the shapes, and what was set aside.

    >>> from ingest.model import Value
    >>> c = Constraints({"statistic": {"measure": SlotRule("StatisticShape", 1, None, None,
    ...     "A statistic needs lc:measure")}}, frozenset())
    >>> s = Sentence(0, 0, 0, 4, "12 .")
    >>> kept, aside = screen([Fact("statistic", "a-0", (("value", Value.lit("12")),), "r", (0,))],
    ...                      [s], c)
    >>> kept, aside[0].action, aside[0].shape
    ([], 'dropped', 'StatisticShape')
    """
    if constraints is None:
        return list(facts), []
    text = {s.index: s.text for s in sentences}
    aside: list[SetAside] = []

    def set_aside(
        f: Fact, slot: str, value: str, rule: SlotRule | None, msg: str, act: str
    ) -> None:
        sentence = f.sentences[0] if f.sentences else -1
        aside.append(
            SetAside(
                f.kind,
                _node(f),
                slot,
                value,
                rule.shape if rule else "DateShape",
                msg,
                act,
                sentence,
                text.get(sentence, ""),
            )
        )

    kept: list[Fact] = []
    for f in facts:
        if f.curation is not None:  # hand-written: SHACL judges it and fails loudly
            kept.append(f)
            continue
        rules = constraints.by_kind.get(f.kind, {})
        slots = []
        for name, value in f.slots:
            rule = rules.get(name)
            if name in constraints.date_slots and not _TYPED_DATE.match(value.text or ""):
                set_aside(
                    f,
                    name,
                    _text(value),
                    rule,
                    "a date without its year cannot be typed "
                    "as xsd:date, xsd:gYearMonth or xsd:gYear",
                    "repaired",
                )
                continue
            if rule and rule.allowed is not None and _text(value) not in rule.allowed:
                set_aside(f, name, _text(value), rule, rule.message, "repaired")
                continue
            slots.append((name, value))
        if f.kind in _ATTRIBUTE_CLASSES and not slots:
            continue  # the attribute's only value was set aside above
        kept.append(replace(f, slots=tuple(slots)))
    kept = _one_value_per_slot(kept, constraints, set_aside)
    return _required_slots(kept, constraints, set_aside), aside


def _one_value_per_slot(
    facts: list[Fact], constraints: Constraints, set_aside: Report
) -> list[Fact]:
    """A one-valued slot keeps the value stated first (by sentence, then by order found)."""
    seen: dict[tuple[str, str, str], str] = {}
    out: list[Fact] = []
    order = sorted(range(len(facts)), key=lambda i: (facts[i].sentences[:1] or (1 << 30,), i))
    dropped: set[int] = set()
    trimmed: dict[int, Fact] = {}
    for i in order:
        f = facts[i]
        if f.curation is not None:
            continue
        rules = constraints.by_kind.get(f.kind, {})
        slots = []
        for name, value in f.slots:
            rule = rules.get(name)
            if rule is None or rule.max_count != 1:
                slots.append((name, value))
                continue
            key = (f.kind, _node(f), name)
            first = seen.setdefault(key, _text(value))
            if first == _text(value):
                slots.append((name, value))
            else:
                set_aside(
                    f,
                    name,
                    _text(value),
                    rule,
                    f"{rule.message} Kept {first!r}, stated first.",
                    "repaired",
                )
        if len(slots) != len(f.slots):
            if f.kind in _ATTRIBUTE_CLASSES and not slots:
                dropped.add(i)
            else:
                trimmed[i] = replace(f, slots=tuple(slots))
    for i, f in enumerate(facts):
        if i not in dropped:
            out.append(trimmed.get(i, f))
    return out


def _required_slots(facts: list[Fact], constraints: Constraints, set_aside: Report) -> list[Fact]:
    """An n-ary node without a required slot (over all its facts) is dropped whole."""
    have: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        if f.kind in NODE_KINDS:
            have[(f.kind, f.key)].update(name for name, _ in f.slots)
    bad: dict[tuple[str, str], tuple[str, SlotRule]] = {}
    for (kind, key), names in have.items():
        for slot, rule in constraints.by_kind.get(kind, {}).items():
            if rule.min_count > 0 and slot not in names:
                bad.setdefault((kind, key), (slot, rule))
    out = []
    reported: set[tuple[str, str]] = set()
    for f in facts:
        where = (f.kind, f.key)
        if where in bad and f.curation is None:
            if where not in reported:
                reported.add(where)
                slot, rule = bad[where]
                set_aside(f, slot, "", rule, rule.message, "dropped")
            continue
        out.append(f)
    return out
