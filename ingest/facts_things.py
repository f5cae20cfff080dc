"""Fact patterns about things: events (dates, places, organisers, parts), initiatives, figures."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ingest.fact_view import (
    SentenceView,
    date_value,
)
from ingest.facts_documents import document_dates
from ingest.model import Fact, Mention, Value
from ingest.rules import facts as rules
from ingest.tokens import key_of

logger = logging.getLogger(__name__)

_END_BEFORE_EVENT = tuple(key_of(c) for c in rules.END_DATE_CUES_BEFORE_EVENT)
_ORIGIN_CUES = frozenset(" ".join(key_of(c)) for c in rules.ORIGIN_CUES)


def event_facts(v: SentenceView) -> Iterator[Fact]:
    events = [e for e in v.of("event") if e.entity]
    if not events:
        return
    owned = document_dates(v)
    for d in v.dates:
        if d.begin in owned:
            continue  # "Hội nghị triển khai Quyết định số 8/QĐ-UBND ngày 14/2/2023": the decision's
        before = [e for e in events if e.end <= d.begin]
        event = before[-1] if before else events[0]
        prefix = v.gap(v.s.begin, d.begin).rstrip()
        if d.attr("end") and d.attr("form") == "range":
            yield Fact(
                "event",
                event.entity or "",
                (("start", date_value(d)), ("end", Value.lit(d.attr("end"), "date"))),
                "event-date-range",
                (v.s.index,),
                event.entity or "",
            )
        elif len(d.value) == 10 and (
            any(prefix.endswith(c) for c in rules.END_DATE_CUES)
            or (
                before
                and len(v.tokens_between(event.end, d.begin)) <= rules.START_DATE_GAP_TOKENS
                and _ends_with_cue(v.gap(v.s.begin, event.begin), _END_BEFORE_EVENT)
            )
        ):
            yield Fact(
                "event",
                event.entity or "",
                (("end", date_value(d)),),
                "event-end-date",
                (v.s.index,),
                event.entity or "",
            )
        elif (
            len(d.value) == 10
            and (
                (
                    before
                    and len(v.tokens_between(event.end, d.begin)) <= rules.START_DATE_GAP_TOKENS
                )
                or v.find(rules.START_DATE_CUES)
            )
        ) or (len(d.value) == 7 and before and _month_of_event(v, event, d)):
            starts = v.find(rules.START_DATE_CUES)
            event = next((e for e in events if starts and e.begin >= starts[0][1]), event)
            yield Fact(
                "event",
                event.entity or "",
                (("start", date_value(d)),),
                "event-start-date",
                (v.s.index,),
                event.entity or "",
            )
    places = [m for m in v.of("city", "country") if m.entity]
    located: set[str] = set()
    for cue in v.find(rules.LOCATION_CUES):
        place = next(
            (
                p
                for p in places
                if p.begin >= cue[1]
                and len(v.tokens_between(cue[1], p.begin)) <= rules.LOCATION_GAP_TOKENS
                and all(t.is_word and t.is_lower for t in v.tokens_between(cue[1], p.begin))
            ),
            None,
        )
        before = [e for e in events if e.end <= cue[0]] or [
            e for e in events if place and e.begin >= place.end
        ][:1]
        if place and before and before[-1].entity not in located:
            located.add(before[-1].entity or "")
            yield Fact(
                "event",
                before[-1].entity or "",
                (("location", Value.ref(place.entity or "")),),
                "event-location",
                (v.s.index,),
                before[-1].entity or "",
            )
    yield from _venues(v, events, located)
    yield from _organizers(v, events)
    yield from _organizers_after(v, events)
    for e in events:
        if e.cls in ("Session", "Ceremony") and v.main_event and e.entity != v.main_event:
            yield Fact(
                "event",
                e.entity or "",
                (("super_event", Value.ref(v.main_event)),),
                "event-sub-event",
                (v.s.index,),
                e.entity or "",
            )
    for sdg in v.of("sdg"):
        if sdg.entity and "/sdg/" in sdg.entity:
            before = [e for e in events if e.end <= sdg.begin]
            target = (before or events)[-1]
            yield Fact(
                "event",
                target.entity or "",
                (("addresses", Value.ref(sdg.entity)),),
                "sdg-addresses",
                (v.s.index,),
                target.entity or "",
            )


def _month_of_event(v: SentenceView, event: Mention, d: Mention) -> bool:
    """ "… Hội nghị … (ICLC6) tại Jubail, Ả Rập Xê Út, hồi tháng 12/2024", "ICLC6 in Jubail …
    in early December": a month a few words after the event, with nothing else named between
    but its place, is when it began."""
    between = v.tokens_between(event.end, d.begin)
    others = [
        m
        for m in (*v.mentions, *v.figures)
        if event.end <= m.begin < d.begin and m.kind not in ("city", "country", "province", "place")
    ]
    return len(between) <= rules.MONTH_AFTER_EVENT_TOKENS and not others


def _clause_start(v: SentenceView, at: int) -> int:
    """Where the clause that ends at ``at`` begins: after the last comma or semicolon outside
    parentheses and names ("Sáng 1/10, tại Quảng trường … (TP Vinh), UBND tỉnh … tổ chức")."""
    text = list(_PAREN.sub(lambda m: " " * len(m.group(0)), v.gap(v.s.begin, at)))
    for m in v.mentions:  # "Bộ Giáo dục Đại học, Khoa học, …": commas inside a name
        for k in range(max(0, m.begin - v.s.begin), min(len(text), m.end - v.s.begin)):
            text[k] = " "
    joined = "".join(text)
    cut = max(joined.rfind(","), joined.rfind(";"))
    return v.s.begin + cut + 1 if cut >= 0 else v.s.begin


def _organizer_fact(v: SentenceView, event: Mention, agent: Mention) -> Fact:
    return Fact(
        "event",
        event.entity or "",
        (("organizer", Value.ref(agent.entity or "")),),
        "event-organizer",
        (v.s.index,),
        event.entity or "",
    )


def _organizers(v: SentenceView, events: list[Mention]) -> Iterator[Fact]:
    """ "X (phối hợp với Y) tổ chức <event>": the organisations and cities of the clause before
    the verb, not a place after "tại"; "<event> do X … tổ chức": those between "do" and the verb."""
    agents = [m for m in v.of("organization", "city") if m.entity and m.entity not in v.networks]
    located = {
        m.begin
        for m in agents
        if any(0 <= m.begin - e <= 1 for _, e, _ in v.find(rules.LOCATION_CUES))
    }
    agents = [m for m in agents if m.begin not in located]
    done: set[tuple[str, str]] = set()
    for begin, end, _ in v.find(rules.ORGANIZER_CUES):
        after = [e for e in events if e.begin >= end and len(v.tokens_between(end, e.begin)) <= 1]
        passive = [
            (b, e2)
            for b, e2, _ in v.find(rules.PASSIVE_AGENT_WORDS)
            if e2 <= begin and not any(b < e.begin < begin for e in events)
        ]
        if after:
            event, start = after[0], _clause_start(v, begin)
            found = [m for m in agents if start <= m.begin and m.end <= begin]
        elif passive:
            b, e2 = passive[-1]
            before = [
                e
                for e in events
                if e.end <= b
                and len(v.tokens_between(e.end, b)) <= rules.PASSIVE_AFTER_EVENT_TOKENS
            ]
            if not before:
                continue
            event = before[-1]
            found = [m for m in agents if e2 <= m.begin and m.end <= begin]
        else:
            continue
        for agent in found:
            if (event.entity or "", agent.entity or "") not in done:
                done.add((event.entity or "", agent.entity or ""))
                yield _organizer_fact(v, event, agent)


def _venues(v: SentenceView, events: list[Mention], located: set[str]) -> Iterator[Fact]:
    """ "<event> … tại Quảng trường Hồ Chí Minh (TP Vinh)": a capitalised venue after the cue, and
    the city named in or right after it, when no place follows the cue directly."""
    cities = [m for m in (*v.mentions, *v.nested) if m.kind == "city" and m.entity]
    for _, end, _ in v.find(rules.LOCATION_CUES):
        tokens = v.tokens_between(end, v.s.end)[: rules.VENUE_MAX_TOKENS + 3]
        if not tokens or not tokens[0].is_capitalised:
            continue
        stop = next((t.begin for t in tokens if t.text in (",", ";", ".")), v.s.end)
        city = next((c for c in cities if end < c.begin and c.end <= stop), None)
        before = [e for e in events if e.end <= end] or [
            e for e in events if city and e.begin >= city.end
        ][:1]  # "Sáng 2/10, tại … TP Đông Hà, UBND tỉnh … tổ chức Hội thảo …"
        if (
            city is None
            or not before
            or before[-1].entity in located
            or len(v.tokens_between(end, city.begin)) > rules.VENUE_MAX_TOKENS
            or any(
                m.kind in ("event", "person") and end <= m.begin < city.begin for m in v.mentions
            )
        ):
            continue
        located.add(before[-1].entity or "")
        yield Fact(
            "event",
            before[-1].entity or "",
            (("location", Value.ref(city.entity or "")),),
            "event-venue-city",
            (v.s.index,),
            before[-1].entity or "",
        )


def _ends_with_cue(text: str, cues: tuple[tuple[str, ...], ...]) -> bool:
    """``text`` ends with one of ``cues`` (token keys: tone placement and case aside)."""
    words = key_of(text)
    return any(len(c) <= len(words) and words[len(words) - len(c) :] == c for c in cues)


_PAREN = re.compile(r"\([^()]*\)")
_POSSESSIVE = re.compile(r"\b\w+['’]s\b")


def _organizers_after(v: SentenceView, events: list[Mention]) -> Iterator[Fact]:
    """ "The ceremony, organised by X and the city's Y": the event nearest before the cue, the
    organisers after it, joined by "and" (a parenthesis is a short name)."""
    orgs = [o for o in v.of("organization") if o.entity]
    for begin, end, _ in v.find(rules.ORGANIZER_AFTER_CUES):
        before = [e for e in events if e.end <= begin]
        if not before:
            continue
        last = end
        for org in (o for o in orgs if o.begin >= end):
            gap = _POSSESSIVE.sub(" ", _PAREN.sub(" ", v.gap(last, org.begin)))
            if not set(gap.replace(",", " ").casefold().split()) <= rules.ORGANIZER_JOIN_WORDS:
                break
            last = org.end
            yield Fact(
                "event",
                before[-1].entity or "",
                (("organizer", Value.ref(org.entity or "")),),
                "event-organizer",
                (v.s.index,),
                before[-1].entity or "",
            )


def initiative_facts(v: SentenceView) -> Iterator[Fact]:
    names = [m for m in v.mentions if m.kind in ("initiative", "event")]

    def outside(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return [h for h in hits if not any(n.begin <= h[0] < n.end for n in names)]

    lead = outside(v.find(rules.LEAD_VERBS))
    implement = outside(v.find(rules.IMPLEMENT_VERBS))
    start = outside(v.find(rules.START_VERBS))
    for ini in v.of("initiative"):
        if not ini.entity:
            continue
        iri = ini.entity
        for d in v.nested:
            if d.kind == "date" and ini.begin <= d.begin and d.end <= ini.end and d.attr("end"):
                yield Fact(
                    "initiative",
                    iri,
                    (("start", date_value(d)), ("end", Value.lit(d.attr("end"), "date"))),
                    "initiative-period",
                    (v.s.index,),
                    iri,
                )
        verbs = sorted(
            [(b, "lead") for b, _, _ in lead if b < ini.begin]
            + [(b, "do") for b, _, _ in implement if b < ini.begin]
        )
        cities = [c for c in v.of("city") if c.entity and c.end <= (verbs[-1][0] if verbs else -1)]
        if verbs and verbs[-1][1] == "lead" and cities:
            yield Fact(
                "initiative",
                iri,
                (("led_by", Value.ref(cities[0].entity or "")),),
                "initiative-led-by",
                (v.s.index,),
                iri,
            )
        if any(b < ini.begin for b, _, _ in start):
            when = next(
                (d for d in v.dates if not d.attr("end") and not (ini.begin <= d.begin < ini.end)),
                None,
            )
            if when is not None:
                yield Fact(
                    "initiative",
                    iri,
                    (("start", date_value(when)),),
                    "initiative-start",
                    (v.s.index,),
                    iri,
                )
        for country in v.of("country"):
            gap = v.tokens_between(ini.end, country.begin)
            if (
                country.begin >= ini.end
                and 1 <= len(gap) <= rules.ORIGIN_GAP_TOKENS
                and " ".join(t.key for t in gap) in _ORIGIN_CUES
            ):
                yield Fact(
                    "initiative",
                    iri,
                    (("origin", Value.ref(country.entity or "")),),
                    "initiative-origin",
                    (v.s.index,),
                    iri,
                )
