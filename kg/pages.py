"""View models for entity pages: a :class:`kg.describe.Description` in the user's language.

Properties are named by their ontology labels, linked things by their labels; facts carry the
sentence they come from and a link to it in the article reader.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.describe import MENTION_COUNT_CAP, Description, Passage
from kg.iris import IRIs
from kg.labels import Labeler, pick
from kg.store import Store
from kg.vocab import (
    ANNOTATION_CLASSES,
    LC,
    LC_EXTRACTED_BY,
    NIF_STRING,
    PROV_DERIVED,
    RDF_TYPE,
    SAME_AS_PROPERTIES,
    SCHEMA,
    curie,
)
from kg.web import href

log = logging.getLogger(__name__)

# Shown elsewhere on the page (types, sources, sameAs, the reader) rather than as properties.
_HIDDEN = {
    str(RDF_TYPE),
    str(PROV_DERIVED),
    str(LC_EXTRACTED_BY),
    str(NIF_STRING),
    *SAME_AS_PROPERTIES,
}
_SCHEMA_TYPES = {
    "city": "City",
    "province": "AdministrativeArea",
    "country": "Country",
    "place": "Place",
    "organization": "Organization",
    "person": "Person",
    "event": "Event",
    "initiative": "CreativeWork",
    "article": "NewsArticle",
    "statistic": "Observation",
}


@dataclass(frozen=True)
class Value:
    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    iri: str | None = None
    external: bool = False


@dataclass
class PropertyGroup:
    label: str
    iri: str
    href: str
    values: list[Value] = field(default_factory=list)
    more: bool = False  # the list goes on on the next page


@dataclass(frozen=True)
class Source:
    text: str
    href: str
    article: str


@dataclass
class Fact:
    node: Value
    type: str
    type_iri: str
    rows: list[tuple[str, Value]]
    sources: list[Source]
    rule: str | None
    date: str | None = None


class PageBuilder:
    """Turns terms into :class:`Value` objects, with labels in one language."""

    def __init__(self, store: Store, labeler: Labeler, iris: IRIs, lang: str) -> None:
        self.store, self.labeler, self.iris, self.lang = store, labeler, iris, lang

    def value(self, node: Node) -> Value:
        if isinstance(node, Literal):
            datatype = curie(str(node.datatype)) if node.datatype else None
            return Value(str(node), lang=node.language, datatype=datatype)
        if isinstance(node, BNode):
            return Value("_:" + str(node))
        text = str(node)
        link = href(node, self.iris)
        external = link == text
        label = self.labeler.info(node).label(self.lang)
        if label is not None:
            name = str(label)
        elif external:
            name = curie(text) or text  # an outside IRI without a label reads best in full
        else:
            name = self.labeler.label(node, self.lang)
        return Value(name, link, iri=text, external=external)

    def prop_label(self, prop: Node) -> str:
        return self.labeler.label(prop, self.lang)

    def type_label(self, node: Node) -> str:
        types = self.labeler.info(node).types
        own = [t for t in types if str(t).startswith(LC)] or list(types)
        return ", ".join(self.labeler.label(t, self.lang) for t in own[:2])

    def groups(self, pairs: list[tuple[URIRef, Node]]) -> list[PropertyGroup]:
        groups: dict[URIRef, PropertyGroup] = {}
        for p, o in pairs:
            if str(p) in _HIDDEN:
                continue
            group = groups.get(p)
            if group is None:
                group = groups[p] = PropertyGroup(self.prop_label(p), str(p), href(p, self.iris))
            group.values.append(self.value(o))
        for group in groups.values():
            group.values.sort(key=lambda v: (v.lang not in (None, self.lang), v.text))
        return sorted(groups.values(), key=lambda g: g.label.casefold())

    def source(self, passage: Passage) -> Source:
        article = passage.article
        link = href(article, self.iris) if article is not None else "#"
        if passage.anchor:
            link = f"{link}#{passage.anchor}"
        title = self.labeler.label(article, self.lang) if article is not None else ""
        return Source(passage.text, link, title)

    def fact(self, desc: Description, node: Node, pairs: list[tuple[URIRef, Node]]) -> Fact:
        rows = [
            (self.prop_label(p), self.value(o))
            for p, o in pairs
            if str(p) not in _HIDDEN and o != desc.iri
        ]
        rule = next((curie(str(o)) or str(o) for p, o in pairs if p == LC_EXTRACTED_BY), None)
        types = self.labeler.info(node).types
        type_iri = next((str(t) for t in types if str(t).startswith(LC)), "")
        date = next(
            (
                str(o)
                for p, o in pairs
                if str(p) in (LC + "since", SCHEMA + "startDate", LC + "refDate")
            ),
            None,
        )
        return Fact(
            self.value(node),
            self.type_label(node),
            type_iri,
            rows,
            [self.source(p) for p in desc.fact_passages(node)],
            rule,
            date,
        )


def entity_view(desc: Description, builder: PageBuilder, kind: str) -> dict[str, Any]:
    """Everything an entity template shows."""
    lang, labeler = builder.lang, builder.labeler
    info = labeler.info(desc.iri)
    label = info.label(lang)
    other = pick(
        [lit for lit in info.labels if lit.language != (label.language if label else None)], "en"
    )
    facts = [builder.fact(desc, node, pairs) for node, pairs in desc.facts.items()]
    own = builder.fact(desc, desc.iri, desc.out) if desc.fact_passages(desc.iri) else None
    incoming: dict[URIRef, PropertyGroup] = {}
    for s, p in desc.incoming:
        if s in desc.facts or any(str(t) in ANNOTATION_CLASSES for t in labeler.info(s).types):
            continue
        group = incoming.get(p)
        if group is None:
            group = incoming[p] = PropertyGroup(
                builder.prop_label(p), str(p), href(p, builder.iris), more=p in desc.more
            )
        group.values.append(builder.value(s))
    mention_articles = Counter(
        desc.passages[passage].article
        for _, passage in desc.mentions
        if passage in desc.passages and desc.passages[passage].article is not None
    )
    same_as = [
        builder.value(o)
        for p, o in desc.out
        if str(p) in SAME_AS_PROPERTIES and isinstance(o, URIRef)
    ]
    description = labeler.description(desc.iri, lang)
    view: dict[str, Any] = {
        "label": str(label) if label is not None else labeler.label(desc.iri, lang),
        "label_lang": label.language if label is not None else None,
        "other_label": str(other) if other is not None and other != label else None,
        "alt_labels": [str(a) for a in info.alt_labels],
        "types": [builder.value(t) for t in info.types],
        "description": str(description) if description is not None else None,
        "groups": builder.groups(desc.out),
        "incoming": sorted(incoming.values(), key=lambda g: g.label.casefold()),
        "facts": facts,
        "own_sources": own.sources if own else [],
        "same_as": same_as,
        "mention_count": (
            f"{MENTION_COUNT_CAP}+"
            if desc.mention_count > MENTION_COUNT_CAP
            else desc.mention_count
        ),
        "mention_articles": [(builder.value(a), n) for a, n in mention_articles.most_common()],
        "more_mentions": desc.more_mentions,
        "facts_more": bool(_cut_fact_types(desc)),
    }
    view["sections"] = sections(desc, builder, kind, facts, incoming)
    view["more"] = bool(desc.more or desc.more_mentions)
    return view


def _cut_fact_types(desc: Description) -> set[str]:
    """Fact types whose lists go on on the next page: a predicate that gave one was cut."""
    cut: set[str] = set()
    for s, p in desc.incoming:
        if p in desc.more and s in desc.facts:
            cut.update(str(o) for q, o in desc.facts[s] if q == RDF_TYPE)
    return cut


def _incoming_values(incoming: dict[URIRef, PropertyGroup], *props: str) -> list[Value]:
    return [v for p in props for v in (incoming[URIRef(p)].values if URIRef(p) in incoming else [])]


def sections(
    desc: Description,
    builder: PageBuilder,
    kind: str,
    facts: list[Fact],
    incoming: dict[URIRef, PropertyGroup],
) -> dict[str, Any]:
    """The richer, kind-specific parts of city, person, event and SDG pages."""
    by_type: dict[str, list[Fact]] = {}
    for fact in facts:
        by_type.setdefault(fact.type_iri, []).append(fact)
    out: dict[str, Any] = {
        "memberships": by_type.get(LC + "Membership", []),
        "participations": by_type.get(LC + "Participation", []),
        "statistics": by_type.get(LC + "Statistic", []),
    }
    cut_types = _cut_fact_types(desc)
    more = {
        name
        for name, cls in (
            ("memberships", "Membership"),
            ("participations", "Participation"),
            ("statistics", "Statistic"),
        )
        if LC + cls in cut_types
    }

    def cut(*props: str) -> bool:
        return any(URIRef(p) in desc.more for p in props)

    values = [builder.value(o) for p, o in desc.out]
    pairs = list(zip(desc.out, values, strict=True))

    def objects(*props: str) -> list[Value]:
        return [v for (p, _), v in pairs if str(p) in props]

    if kind == "city":
        events = _incoming_values(incoming, SCHEMA + "location")
        events += [
            v
            for f in out["participations"]
            for label, v in f.rows
            if v.iri and builder.labeler.info(URIRef(v.iri)).types and _is_event(builder, v.iri)
        ]
        out["events"] = _dedupe(events)
        out["initiatives"] = _incoming_values(incoming, LC + "ledBy")
        out["timeline"] = timeline(builder, facts, out["events"])
        if cut(SCHEMA + "location") or "participations" in more:
            more.add("events")
        if cut(LC + "ledBy"):
            more.add("initiatives")
        if more:
            more.add("timeline")
    elif kind == "person":
        out["posts"] = [*objects(SCHEMA + "jobTitle"), *objects(SCHEMA + "memberOf")]
        events = [
            v
            for f in out["participations"]
            for _, v in f.rows
            if v.iri and _is_event(builder, v.iri)
        ]
        out["events"] = _dedupe(events + _incoming_values(incoming, SCHEMA + "attendee"))
        if cut(SCHEMA + "attendee") or "participations" in more:
            more.add("events")
    elif kind == "event":
        out["dates"] = objects(SCHEMA + "startDate", SCHEMA + "endDate")
        out["places"] = objects(SCHEMA + "location")
        out["organisers"] = objects(SCHEMA + "organizer")
        people = objects(SCHEMA + "attendee")
        people += [
            v
            for f in out["participations"]
            for label, v in f.rows
            if v.iri
            and not _is_event(builder, v.iri)
            and any(str(t) == LC + "Person" for t in builder.labeler.info(URIRef(v.iri)).types)
        ]
        out["participants"] = _dedupe(people)
        out["sub_events"] = _dedupe(
            objects(SCHEMA + "subEvent") + _incoming_values(incoming, SCHEMA + "superEvent")
        )
        out["part_of"] = objects(SCHEMA + "superEvent")
        if "participations" in more:
            more.add("participants")
        if cut(SCHEMA + "superEvent"):
            more.add("sub_events")
    elif kind == "sdg":
        out["addressed_by"] = _incoming_values(incoming, LC + "addresses")
        if cut(LC + "addresses"):
            more.add("addressed_by")
    out["more"] = more
    return out


def _is_event(builder: PageBuilder, iri: str) -> bool:
    events = {
        LC + n
        for n in ("Event", "Conference", "Session", "Ceremony", "Contest", "Workshop", "Campaign")
    }
    return any(str(t) in events for t in builder.labeler.info(URIRef(iri)).types)


def _dedupe(values: list[Value]) -> list[Value]:
    return list({(v.iri or v.text): v for v in values}.values())


def timeline(
    builder: PageBuilder, facts: list[Fact], events: list[Value]
) -> list[tuple[str, str, Value]]:
    """(date, what, link) for dated facts and events, oldest first."""
    items = [(f.date, f.type, f.node) for f in facts if f.date]
    for event in events:
        if event.iri is None:
            continue
        for _, _, o, _ in builder.store.triples(
            URIRef(event.iri), URIRef(SCHEMA + "startDate"), None
        ):
            items.append((str(o), builder.type_label(URIRef(event.iri)), event))
            break
    return sorted(items, key=lambda item: item[0])


def schema_jsonld(
    desc: Description, view: dict[str, Any], kind: str, page_url: str
) -> dict[str, Any]:
    """A schema.org description embedded in the page for search engines."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES.get(kind, "Thing"),
        "@id": str(desc.iri),
        "name": view["label"],
        "url": page_url,
    }
    if view["other_label"]:
        data["alternateName"] = view["other_label"]
    if view["description"]:
        data["description"] = view["description"]
    if view["same_as"]:
        data["sameAs"] = [v.iri for v in view["same_as"]]
    return data


__all__ = ["PageBuilder", "Value", "entity_view", "schema_jsonld"]
