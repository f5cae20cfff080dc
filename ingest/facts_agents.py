"""Fact patterns about agents: GNLC memberships, posts, honorifics, participations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest.fact_view import (
    FIRST_RE,
    ORDINAL_RE,
    SentenceView,
    date_value,
    make_fact,
    slug_of,
)
from ingest.model import Fact, Mention, Value
from ingest.rules import facts as rules
from ingest.rules import mentions as mention_rules
from ingest.tokens import key_set
from kg.text import nfc, tone_key

logger = logging.getLogger(__name__)


def memberships(v: SentenceView) -> Iterator[Fact]:
    networks = [m for m in v.of("organization") if m.entity in v.networks]
    cues = v.find(rules.MEMBERSHIP_CUES)
    cities = v.of("city")
    if not networks or not cues or not cities:
        return
    cue = cues[0]
    dates = [d for d in v.dates if not d.attr("end")]
    since = next((d for d in dates if d.begin < cue[0]), dates[0] if dates else None)
    ordinal = ORDINAL_RE.search(v.s.text)
    first = FIRST_RE.search(v.s.text)
    for net, city in ((n, c) for n in networks for c in cities):
        yield make_fact(
            "membership",
            f"{slug_of(city.entity or '')}-{slug_of(net.entity or '')}",
            "membership-network",
            v,
            member=Value.ref(city.entity or ""),
            organization=Value.ref(net.entity or ""),
            since=date_value(since) if since else None,
            ordinal=Value.lit(ordinal.group("n"), "integer") if ordinal else None,
            ordinal_scope=Value.lit(ordinal.group("scope"))
            if ordinal and ordinal.group("scope")
            else None,
            first_of_kind=Value.lit(first.group("kind"), lang="vi") if first else None,
        )


@dataclass(frozen=True)
class _Post:
    title: Mention
    org: Mention | None
    role: str  # the role label: the title, with the unit it heads ("Trưởng Bộ phận Giáo dục")
    begin: int  # the post as written: title (or an English organisation before it) …
    end: int  # … to its organisation
    job_end: int  # … and an English tail ("… under the Ministry of …")


def _vi_post(v: SentenceView, title: Mention, orgs: list[Mention]) -> _Post:
    """ "Giám đốc Sở …" (the organisation right after, or inside, the title), "Phó Thị trưởng
    thành phố Okayama" (a city's post), "Trưởng Bộ phận Giáo dục, Văn phòng UNESCO tại …" (a unit
    between the title and its organisation)."""
    org = next((o for o in orgs if title.begin < o.begin <= title.end + 1), None)
    role = title.text
    if org is None and tone_key(title.text) in _CITY_TITLES:
        org = next(
            (
                c
                for c in v.of("city")
                if c.entity and c.begin > title.end and _at_admin(v.gap(title.end, c.begin))
            ),
            None,
        )
    if org is None:
        nxt = next((o for o in orgs if o.begin > title.end), None)
        unit = v.gap(title.end, nxt.begin) if nxt else ""
        words = unit.replace(",", " ").split()
        if (
            nxt is not None
            and 0 < len(words) <= mention_rules.POST_UNIT_MAX_WORDS
            and unit.count(",") <= 1
            and not unit.strip().startswith(",")
            and words[0][:1].isupper()  # "Giáo dục", "Kế hoạch và Tài chính": a unit's name
            and not any(tone_key(w) in _NAME_STOPS for w in words)
            and not any(title.end <= m.begin < nxt.begin for m in [*v.mentions, *v.titles])
        ):
            org, role = nxt, f"{title.text} {' '.join(words)}"
    end = org.end if org else title.end
    return _Post(title, org, role, title.begin, end, end)


def _en_post(v: SentenceView, title: Mention, orgs: list[Mention]) -> _Post:
    """ "Head of the Education Section of the UNESCO Office …", "UNESCO Director-General X"."""
    chain = _org_chain(v, title.end, orgs, rules.TITLE_ORG_LINKS)
    org = chain[-1] if chain else None
    before_org = None
    if org is None:  # "UNESCO Director-General Audrey Azoulay"
        before_org = next(
            (o for o in orgs if o.end <= title.begin and not v.gap(o.end, title.begin).strip()),
            None,
        )
    span_end = org.end if org else title.end
    tail = _org_chain(v, span_end, orgs, rules.JOB_TAIL_LINKS)
    role_text = v.gap(title.begin, chain[-1].begin) if len(chain) > 1 else title.text
    return _Post(
        title,
        org or before_org,
        _strip_links(role_text, rules.TITLE_ORG_LINKS),
        before_org.begin if before_org else title.begin,
        span_end,
        tail[-1].end if tail else span_end,
    )


def _person_before(v: SentenceView, post: _Post, people: list[Mention]) -> Mention | None:
    """ "Ông X, Bí thư …", "Ông X, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy …": the name before the
    post, alone or with earlier posts in between."""
    before = [p for p in people if p.end <= post.begin]
    if not before:
        return None
    gap = v.gap(before[-1].end, post.begin)
    for m in [*v.of("organization"), *v.titles, *v.of("city")]:
        if before[-1].end <= m.begin and m.end <= post.begin:
            gap = gap.replace(m.text, "")
    rest = gap.strip(" ,–—-")
    if tone_key(post.title.text) in _APPOSITION_ONLY:
        return before[-1] if rest == "" and "," in gap else None
    parts = [p.strip() for p in rest.split(",")]
    if rest == "" or (
        "," in gap and all(p[:1].isupper() and len(p.split()) <= _POST_WORDS for p in parts)
    ):
        return before[-1]
    return None


def posts(v: SentenceView) -> Iterator[Fact]:
    """A person's post: "bà X – phó giám đốc Sở …", "Ông X, Bí thư …, Trưởng ban …",
    "Phó Chủ tịch UBND quận … X", "Thứ trưởng Bộ Ngoại giao, Chủ tịch Ủy ban … X" (a chain of
    posts before the name: each is the name's)."""
    people = v.of("person")
    orgs = [m for m in v.of("organization") if m.entity]
    found = [
        _vi_post(v, t, orgs) if (t.attr("lang") or "vi") == "vi" else _en_post(v, t, orgs)
        for t in v.titles
    ]
    holders: list[Mention | None] = [None] * len(found)
    for i in range(len(found) - 1, -1, -1):
        post = found[i]
        after = next(
            (p for p in people if p.begin >= post.end and v.gap(post.end, p.begin).strip() == ""),
            None,
        )
        if after is not None and tone_key(post.title.text) in _APPOSITION_ONLY:
            after = None
        chained = None
        if (
            i + 1 < len(found)
            and (post.title.attr("lang") or "vi") == "vi"
            and post.org is not None
            and v.gap(post.end, found[i + 1].begin).strip() == ","
            and holders[i + 1] is not None
            and holders[i + 1].begin >= found[i + 1].end  # type: ignore[union-attr]
        ):
            chained = holders[i + 1]
        holders[i] = after or chained or _person_before(v, post, people)
    for post, person in zip(found, holders, strict=True):
        if person is None or not person.entity:
            continue
        lang = post.title.attr("lang") or "vi"
        yield Fact(
            "person",
            person.entity,
            (("job_title", Value.lit(v.gap(post.begin, post.job_end), lang=lang)),),
            "post-title",
            (v.s.index,),
            person.entity,
        )
        if post.org is not None and post.org.entity:
            yield make_fact(
                "membership",
                f"{slug_of(person.entity)}-{slug_of(post.org.entity)}",
                "post-title",
                v,
                member=Value.ref(person.entity),
                organization=Value.ref(post.org.entity),
                role=Value.lit(post.role, lang=lang),
            )


def _org_chain(
    v: SentenceView, end: int, orgs: list[Mention], links: tuple[str, ...]
) -> list[Mention]:
    """The organisations from offset ``end`` on, each joined to the one before by one of
    ``links`` ("Head of the Education Section of the UNESCO Office …")."""
    chain: list[Mention] = []
    allowed = {" ".join(w.casefold().split()) for w in links}
    while True:
        nxt = next((o for o in orgs if o.begin >= end), None)
        if nxt is None or " ".join(v.gap(end, nxt.begin).casefold().split()) not in allowed:
            return chain
        chain.append(nxt)
        end = nxt.end


def _strip_links(text: str, links: tuple[str, ...]) -> str:
    """ "Head of the Education Section of the" → "Head of the Education Section"."""
    words = text.split()
    for link in sorted((w.split() for w in links if w), key=len, reverse=True):
        if len(words) > len(link) and [w.casefold() for w in words[-len(link) :]] == link:
            return " ".join(words[: -len(link)])
    return text.strip()


def honorific_label(text: str) -> str:
    """The article's honorific, lower-case ("Ông" → "ông"); abbreviations keep their capitals
    ("TS.", "ThS", "PGS.TS")."""
    return " ".join(w.lower() if w[1:].islower() else w for w in nfc(text).split())


def honorifics(v: SentenceView) -> Iterator[Fact]:
    """ "bà X", "đồng chí X", "Ông X": the honorific a person is introduced with (one fact each)."""
    for person in v.of("person"):
        if person.entity and person.attr("honorific"):
            lang = person.attr("lang") or "vi"
            text = person.attr("honorific")
            # English honorifics keep their case ("Mr", "Prof.").
            label = Value.lit(honorific_label(text) if lang == "vi" else text, lang=lang)
            yield Fact(
                "person",
                person.entity,
                (("honorific", label),),
                "person-honorific",
                (v.s.index,),
                person.entity,
            )


_ALL_CUES = (*rules.PARTICIPATION_CUES, *rules.PARTICIPATION_CUES_EN)
_EN_CUES = frozenset(p for p, _ in rules.PARTICIPATION_CUES_EN)
_NOMINALISERS = key_set(rules.NOMINALISERS)
_POST_WORDS = 8  # longest earlier post between a name and the title being read
_CITY_TITLES = key_set(mention_rules.CITY_TITLES)
_APPOSITION_ONLY = key_set(mention_rules.APPOSITION_ONLY_TITLES)
_NAME_STOPS = key_set(mention_rules.EVENT_NAME_STOPS) - key_set(("và",))
_ADMIN = key_set(mention_rules.ADMIN_WORDS)


def _at_admin(gap: str) -> bool:
    """The gap between a title and a city is an admin word ("thành phố") or nothing."""
    return gap.strip() == "" or tone_key(gap.strip()) in _ADMIN


def participations(v: SentenceView) -> Iterator[Fact]:
    # a cue inside a quoted theme or title is no participation: chủ đề “… dẫn đầu hành động …”
    cues = [c for c in v.find(tuple(p for p, _ in _ALL_CUES)) if not v.quoted(c[0])]
    # "phát biểu khai mạc": the longest cue, not also "phát biểu"
    cues = [c for c in cues if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in cues)]
    nets = [m for m in v.of("organization") if m.entity in v.networks]
    cues = [
        c
        for c in cues
        if not any(0 <= n.begin - c[1] <= 2 for n in nets)  # "tham gia Mạng lưới"
        and not (
            c[2] in _EN_CUES  # "joined the UNESCO Global Network"
            and any(
                n.begin >= c[1]
                and len(v.tokens_between(c[1], n.begin)) <= rules.NETWORK_CUE_GAP_TOKENS
                for n in nets
            )
        )
    ]
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
    elif not events and people and cues and v.main_event and rules.MAIN_EVENT_FALLBACK:
        events = [replace(people[0], entity=v.main_event, kind="event")]
    if not events or not (cues or represent):
        return
    if not people and not represent and all(_nominal(v, c) for c in cues):
        return  # "với sự tham gia của 5.000 người": who takes part is counted, not named
    role_of = dict(_ALL_CUES)
    lang = "en" if cues and all(c[2] in _EN_CUES for c in cues) else "vi"
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
        # a role is the subject's ("X trao chứng nhận cho Y": X's, not Y's), opens the sentence
        # before its agent ("Phát biểu khai mạc, bà X …") or names it ("dẫn đầu là ông X")
        agent_roles = sorted(
            {
                role_of[c[2]]
                for c in cues
                if role_of[c[2]]
                and (
                    c[0] >= agent.end
                    or c[0] == v.s.begin
                    or "là" in v.gap(c[1], agent.begin).split()
                )
            }
        )
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
        yield make_fact(
            "participation",
            f"{slug_of(agent.entity or '')}-{slug_of(event.entity or '')}",
            "participation-cue",
            v,
            agent=Value.ref(agent.entity or ""),
            event=Value.ref(event.entity or ""),
            represents=Value.ref(represents) if represents else None,
            role=[Value.lit(r, lang=lang) for r in sorted(set(agent_roles))],
        )


def _nominal(v: SentenceView, cue: tuple[int, int, str]) -> bool:
    """The cue is a noun's: "sự tham gia của …"."""
    before = v.tokens_between(v.s.begin, cue[0])
    return bool(before) and before[-1].key in _NOMINALISERS


def _own_city(v: SentenceView, person: Mention) -> str | None:
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
