"""Stage 5 — facts: relation patterns over one sentence and its linked mentions.

Each pattern is a function over a :class:`_View` (the sentence's tokens and mentions) driven by
the cue tables of :mod:`ingest.rules.facts`; patterns never look at a particular article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest.link import ENTITY_KINDS, Linked
from ingest.model import Article, Fact, Mention, Sentence, Value
from ingest.rules import facts as rules
from ingest.tokens import Token, key_of, tokenize
from kg.text import nfc, tone_key

logger = logging.getLogger(__name__)

_ORDINAL = re.compile(rules.ORDINAL)
_FIRST = re.compile(rules.FIRST_OF_KIND)


def _slug(iri: str) -> str:
    return "-".join(iri.rstrip("/").split("/")[-2:])


@dataclass(frozen=True)
class _View:
    s: Sentence
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]  # linked entity mentions, not nested, in order
    nested: tuple[Mention, ...]
    dates: tuple[Mention, ...]
    figures: tuple[Mention, ...]
    titles: tuple[Mention, ...]
    main_event: str | None
    networks: frozenset[str]  # entities the reference graph types lc:Network

    def find(self, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(begin, end, phrase) offsets of every phrase occurrence, by tokens."""
        out = []
        keys = [(key_of(p), p) for p in phrases]
        for i in range(len(self.tokens)):
            for key, phrase in keys:
                if tuple(t.key for t in self.tokens[i : i + len(key)]) == key:
                    out.append((self.tokens[i].begin, self.tokens[i + len(key) - 1].end, phrase))
        return out

    def of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    def gap(self, a: int, b: int) -> str:
        return self.s.text[a - self.s.begin : b - self.s.begin]

    def tokens_between(self, a: int, b: int) -> list[Token]:
        return [t for t in self.tokens if a <= t.begin and t.end <= b]


def _fact(
    kind: str,
    key: str,
    rule: str,
    view: _View,
    subject: str = "",
    **slots: Value | list[Value] | None,
) -> Fact:
    flat: list[tuple[str, Value]] = []
    for name, value in slots.items():
        for v in value if isinstance(value, list) else [value]:
            if v is not None:
                flat.append((name, v))
    return Fact(kind, key, tuple(flat), rule, (view.s.index,), subject)


def _date(m: Mention) -> Value:
    return Value.lit(m.value, "date")


def memberships(v: _View) -> Iterator[Fact]:
    networks = [m for m in v.of("organization") if m.entity in v.networks]
    cues = v.find(rules.MEMBERSHIP_CUES)
    cities = v.of("city")
    if not networks or not cues or not cities:
        return
    cue = cues[0]
    dates = [d for d in v.dates if not d.attr("end")]
    since = next((d for d in dates if d.begin < cue[0]), dates[0] if dates else None)
    ordinal = _ORDINAL.search(v.s.text)
    first = _FIRST.search(v.s.text)
    for net, city in ((n, c) for n in networks for c in cities):
        yield _fact(
            "membership",
            f"{_slug(city.entity or '')}-{_slug(net.entity or '')}",
            "membership-network",
            v,
            member=Value.ref(city.entity or ""),
            organization=Value.ref(net.entity or ""),
            since=_date(since) if since else None,
            ordinal=Value.lit(ordinal.group("n"), "integer") if ordinal else None,
            ordinal_scope=Value.lit(ordinal.group("scope"))
            if ordinal and ordinal.group("scope")
            else None,
            first_of_kind=Value.lit(first.group("kind"), lang="vi") if first else None,
        )


def posts(v: _View) -> Iterator[Fact]:
    """A person's post: "bà X – phó giám đốc Sở …", "Ông X, Bí thư …, Trưởng ban …",
    "Phó Chủ tịch UBND quận … X"."""
    people = v.of("person")
    orgs = [m for m in v.of("organization") if m.entity]
    for title in v.titles:
        org = next((o for o in orgs if title.begin < o.begin <= title.end + 1), None)
        span_end = org.end if org else title.end
        person = None
        before = [p for p in people if p.end <= title.begin]
        if before:
            gap = v.gap(before[-1].end, title.begin)
            for m in [*orgs, *v.titles, *v.of("city")]:
                if before[-1].end <= m.begin and m.end <= title.begin:
                    gap = gap.replace(m.text, "")
            if gap.strip(" ,–—-") == "":
                person = before[-1]
        after = next(
            (p for p in people if p.begin >= span_end and v.gap(span_end, p.begin).strip() == ""),
            None,
        )
        person = after or person
        if person is None or not person.entity:
            continue
        job = v.gap(title.begin, span_end)
        role = Value.lit(title.text, lang="vi")
        yield Fact(
            "person",
            person.entity,
            (("job_title", Value.lit(job, lang="vi")),),
            "post-title",
            (v.s.index,),
            person.entity,
        )
        if org is not None and org.entity:
            yield _fact(
                "membership",
                f"{_slug(person.entity)}-{_slug(org.entity)}",
                "post-title",
                v,
                member=Value.ref(person.entity),
                organization=Value.ref(org.entity),
                role=role,
            )


def honorific_label(text: str) -> str:
    """The article's honorific, lower-case ("Ông" → "ông"); abbreviations keep their capitals
    ("TS.", "ThS", "PGS.TS")."""
    return " ".join(w.lower() if w[1:].islower() else w for w in nfc(text).split())


def honorifics(v: _View) -> Iterator[Fact]:
    """ "bà X", "đồng chí X", "Ông X": the honorific a person is introduced with (one fact each)."""
    for person in v.of("person"):
        if person.entity and person.attr("honorific"):
            label = Value.lit(honorific_label(person.attr("honorific")), lang="vi")
            yield Fact(
                "person",
                person.entity,
                (("honorific", label),),
                "person-honorific",
                (v.s.index,),
                person.entity,
            )


def participations(v: _View) -> Iterator[Fact]:
    cues = [c for c in v.find(tuple(p for p, _ in rules.PARTICIPATION_CUES))]
    nets = [m for m in v.of("organization") if m.entity in v.networks]
    cues = [
        c for c in cues if not any(0 <= n.begin - c[1] <= 2 for n in nets)
    ]  # "tham gia Mạng lưới"
    represent = v.find((rules.REPRESENT_WORD,))
    people = [p for p in v.of("person") if p.entity]
    events = [e for e in v.of("event") if e.entity]
    said_by = [
        p
        for p in people
        if any(
            p.begin >= r[1]
            and len(v.tokens_between(r[1], p.begin)) <= 2
            and "là" in v.gap(r[1], p.begin).split()
            for r in represent
        )
    ]
    if not events and said_by and v.main_event:
        events = [replace(said_by[0], entity=v.main_event, kind="event")]
    if not events or not (cues or represent):
        return
    role_of = dict(rules.PARTICIPATION_CUES)
    roles = sorted({role_of[c[2]] for c in cues if role_of[c[2]]})
    first_cue = min([c[0] for c in cues + represent])
    if people:
        agents = people
    else:
        cities = [c for c in v.of("city") if c.entity]
        lead = [c for c in cities if c.end <= first_cue] or [
            c for c in cities if any(0 <= c.begin - r[1] <= 1 for r in represent)
        ]
        agents = lead[:1]
    for agent in agents:
        event = next((e for e in events if e.begin > agent.end), events[-1])
        agent_roles = list(roles)
        represents: str | None = None
        if agent.kind == "person":
            if agent in said_by:
                agent_roles.append(rules.REPRESENT_ROLE)
            cities = [c for c in v.of("city") if c.entity and c.end <= agent.begin]
            own = _own_city(v, agent)
            represents = cities[0].entity if cities else own
        else:
            after = [r for r in represent if 0 <= r[0] - agent.end <= 1]
            if after:
                agent_roles.append(rules.REPRESENT_ROLE)
                window = v.tokens_between(after[0][1], v.s.end)[: rules.REPRESENTS_WINDOW]
                limit = window[-1].end if window else after[0][1]
                country = next(
                    (c for c in v.of("country") if after[0][1] <= c.begin <= limit), None
                )
                represents = country.entity if country else None
        yield _fact(
            "participation",
            f"{_slug(agent.entity or '')}-{_slug(event.entity or '')}",
            "participation-cue",
            v,
            agent=Value.ref(agent.entity or ""),
            event=Value.ref(event.entity or ""),
            represents=Value.ref(represents) if represents else None,
            role=[Value.lit(r, lang="vi") for r in sorted(set(agent_roles))],
        )


def _own_city(v: _View, person: Mention) -> str | None:
    """The city in the organisation of a person's post ("ông X, Bí thư Thành ủy Vinh")."""
    for title in v.titles:
        if title.begin >= person.end and v.gap(person.end, title.begin).strip(" ,–—-") == "":
            org = next(
                (o for o in v.of("organization") if title.begin < o.begin <= title.end + 1), None
            )
            if org is not None:
                return next(
                    (
                        c.entity
                        for c in v.nested
                        if c.kind == "city" and org.begin <= c.begin < org.end
                    ),
                    None,
                )
    return None


def event_facts(v: _View) -> Iterator[Fact]:
    events = [e for e in v.of("event") if e.entity]
    if not events:
        return
    for d in v.dates:
        before = [e for e in events if e.end <= d.begin]
        event = before[-1] if before else events[0]
        prefix = v.gap(v.s.begin, d.begin).rstrip()
        if d.attr("end"):
            yield Fact(
                "event",
                event.entity or "",
                (("start", _date(d)), ("end", Value.lit(d.attr("end"), "date"))),
                "event-date-range",
                (v.s.index,),
                event.entity or "",
            )
        elif any(prefix.endswith(c) for c in rules.END_DATE_CUES) and len(d.value) == 10:
            yield Fact(
                "event",
                event.entity or "",
                (("end", _date(d)),),
                "event-end-date",
                (v.s.index,),
                event.entity or "",
            )
        elif len(d.value) == 10 and (
            (before and len(v.tokens_between(event.end, d.begin)) <= rules.START_DATE_GAP_TOKENS)
            or v.find(rules.START_DATE_CUES)
        ):
            starts = v.find(rules.START_DATE_CUES)
            event = next((e for e in events if starts and e.begin >= starts[0][1]), event)
            yield Fact(
                "event",
                event.entity or "",
                (("start", _date(d)),),
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
    for cue in v.find(rules.ORGANIZER_CUES):
        after = [
            e for e in events if e.begin >= cue[1] and len(v.tokens_between(cue[1], e.begin)) <= 1
        ]
        orgs = [o for o in v.of("organization") if o.entity and o.end <= cue[0]]
        if after and orgs:
            for org in orgs:
                yield Fact(
                    "event",
                    after[0].entity or "",
                    (("organizer", Value.ref(org.entity or "")),),
                    "event-organizer",
                    (v.s.index,),
                    after[0].entity or "",
                )
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


def initiative_facts(v: _View) -> Iterator[Fact]:
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
                    (("start", _date(d)), ("end", Value.lit(d.attr("end"), "date"))),
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
                    (("start", _date(when)),),
                    "initiative-start",
                    (v.s.index,),
                    iri,
                )
        for country in v.of("country"):
            gap = v.tokens_between(ini.end, country.begin)
            if (
                country.begin >= ini.end
                and 1 <= len(gap) <= rules.ORIGIN_GAP_TOKENS
                and " ".join(t.key for t in gap) in {" ".join(key_of(c)) for c in rules.ORIGIN_CUES}
            ):
                yield Fact(
                    "initiative",
                    iri,
                    (("origin", Value.ref(country.entity or "")),),
                    "initiative-origin",
                    (v.s.index,),
                    iri,
                )


def statistics(v: _View, article: Article) -> Iterator[Fact]:
    for fig in v.figures:
        window = v.tokens_between(fig.end, v.s.end)[: rules.FIGURE_OBJECT_WINDOW]
        limit = window[-1].end if window else fig.end
        objects = [
            m for m in v.of("initiative") if fig.end <= m.begin and m.end <= limit and m.entity
        ]
        measure = fig.attr("measure")
        if objects:
            measure = v.gap(fig.end, objects[-1].end).strip()
            if v.s.text[objects[-1].end - v.s.begin :][:1] in '”"’':
                measure += v.s.text[objects[-1].end - v.s.begin]
            about = [o.entity or "" for o in objects]
        else:
            before = [
                m
                for m in v.mentions
                if m.end <= fig.begin
                and m.entity
                and m.kind in ("event", "initiative", "city", "organization")
            ]
            if not before:
                continue
            about = [before[-1].entity or ""]
        ref = next((d for d in v.dates if d.end <= fig.begin and not d.attr("end")), None)
        dtype = "decimal" if "." in fig.value else "integer"
        yield _fact(
            "statistic",
            f"{article.article_id}-{fig.begin}",
            "statistic-figure",
            v,
            about=[Value.ref(a) for a in sorted(set(about))],
            value=Value.lit(fig.value, dtype),
            unit=Value.lit(fig.attr("unit")) if fig.attr("unit") else None,
            qualifier=Value.lit(fig.attr("qualifier")),
            measure=Value.lit(measure, lang="vi") if measure else None,
            ref_date=_date(ref) if ref else None,
        )


def _views(article: Article, sentences: tuple[Sentence, ...], linked: Linked) -> Iterator[_View]:
    networks = frozenset(e.iri for e in linked.entities if e.cls == "Network")
    by_sentence: dict[int, list[Mention]] = {}
    for m in linked.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for s in sentences:
        ms = by_sentence.get(s.index, [])
        entities = [m for m in ms if m.kind in ENTITY_KINDS and m.entity]
        outer = tuple(m for m in entities if not m.attr("inside"))
        nested = tuple(m for m in ms if m.attr("inside") or m.kind == "date")
        yield _View(
            s,
            tokenize(s.text, s.begin),
            outer,
            nested,
            tuple(m for m in ms if m.kind == "date"),
            tuple(m for m in ms if m.kind == "figure"),
            tuple(m for m in ms if m.kind == "title"),
            linked.main_event,
            networks,
        )


ATTRIBUTE_KINDS = frozenset({"event", "initiative", "person"})


def _attribute_key(f: Fact) -> Fact:
    """One attribute fact per subject, slot and value (values compared by tone key)."""
    name, value = f.slots[0]
    return replace(f, key=f"{f.subject} {name} {value.iri or tone_key(value.text or '')}")


def merge(facts: list[Fact]) -> tuple[Fact, ...]:
    """Facts with one kind and key are one node: slots and sentences united, sorted."""
    merged: dict[tuple[str, str], Fact] = {}
    for f in facts:
        old = merged.get((f.kind, f.key))
        if old is None:
            merged[(f.kind, f.key)] = f
            continue
        slots = (
            old.slots
            if f.kind in ATTRIBUTE_KINDS
            else tuple(sorted({*old.slots, *f.slots}, key=lambda s: (s[0], repr(s[1]))))
        )
        rule = old.rule if old.rule <= f.rule else f.rule
        merged[(f.kind, f.key)] = replace(
            old, slots=slots, rule=rule, sentences=tuple(sorted({*old.sentences, *f.sentences}))
        )
    return tuple(sorted(merged.values(), key=lambda f: (f.kind, f.key)))


def extract_facts(
    article: Article, sentences: tuple[Sentence, ...], linked: Linked
) -> tuple[Fact, ...]:
    """All facts of the article, merged per node and sorted."""
    found: list[Fact] = []
    for v in _views(article, sentences, linked):
        for pattern in (
            memberships,
            posts,
            honorifics,
            participations,
            event_facts,
            initiative_facts,
        ):
            found.extend(pattern(v))
        found.extend(statistics(v, article))
    out = merge([_attribute_key(f) if f.kind in ATTRIBUTE_KINDS else f for f in found])
    logger.debug("%s: %d facts", article.article_id, len(out))
    return out
