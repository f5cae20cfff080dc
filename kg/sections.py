"""The kind-specific parts of entity pages: a city's memberships, events and timeline, a
person's posts and events, an event's dates, places and participants, an SDG's initiatives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from kg.describe import Description
from kg.markup import Fact, PropertyGroup, Value
from kg.vocab import LC, RDF_TYPE, SCHEMA

if TYPE_CHECKING:
    from kg.pages import PageBuilder

_START_DATE = URIRef(SCHEMA + "startDate")


def cut_fact_types(desc: Description) -> set[str]:
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
    cut_types = cut_fact_types(desc)
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
        # Only events: an organisation or a passage may have a schema:location too.
        events = [
            v
            for v in _incoming_values(incoming, SCHEMA + "location")
            if v.iri and _is_event(builder, v.iri)
        ]
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
        # Only what the timeline is made of: dated facts and events (not initiatives), so
        # that its "more" leads to a page that has a timeline.
        if more & {"events", "memberships", "participations", "statistics"}:
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
        # Start before end, whatever order the store lists them in; one date if they agree.
        starts, ends = objects(SCHEMA + "startDate"), objects(SCHEMA + "endDate")
        out["dates"] = starts[:1] + [e for e in ends[:1] if e.text not in {v.text for v in starts}]
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


_EVENT_NAMES = ("Event", "Conference", "Session", "Ceremony", "Contest", "Workshop", "Campaign")
_EVENT_CLASSES = frozenset(LC + name for name in _EVENT_NAMES)


def _is_event(builder: PageBuilder, iri: str) -> bool:
    return not _EVENT_CLASSES.isdisjoint(builder.labeler.info(URIRef(iri)).type_names)


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
        node = URIRef(event.iri)
        start = builder.first_object(node, _START_DATE)
        if start is not None:
            items.append((str(start), builder.type_label(node), event))
    return sorted(items, key=lambda item: item[0])
