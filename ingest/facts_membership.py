"""Cities in the learning-cities network, with the date each joined and its ordinal.

The news states memberships in a few shapes, all handled here over the sentences of an article
(tables in :mod:`ingest.rules.memberships`):

- one or several cities and a cue: "TP A (tỉnh X) và TP B (tỉnh Y) gia nhập Mạng lưới …";
- a history with one date per clause: "A và B, năm 2020; C năm 2022; D năm ngoái", "A and B,
  admitted in 2020; C in 2022": each date goes to the cities of its own clause;
- an announcement, then its list: "Hôm 4/12, UNESCO công bố 72 thành phố … được kết nạp … " and
  "Trong đó có Hà Nội …" in the next sentence or two;
- an apposition: "TP Vinh, thành viên Mạng lưới … từ năm 2020".

A date is a membership date only when it belongs to the membership's clause (DESIGN §8): the date
of a ceremony named with the cue ("lễ trao chứng nhận thành viên …") is the ceremony's; a clause
that speaks of a plan or a bid ("phấn đấu gia nhập", "plans to join") states no membership, nor
does another UNESCO title ("Thành phố sáng tạo", "World Heritage").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.fact_view import FIRST_RE, ORDINAL_RE, SentenceView, date_value, make_fact, slug_of
from ingest.model import Fact, Mention, Value
from ingest.rules import memberships as rules
from ingest.tokens import key_of

_ORDINAL_VI = re.compile(rules.ORDINAL_VI)
_ORDINAL_EN = re.compile(rules.ORDINAL_EN)
_ORDINAL_WORDS = {" ".join(key_of(w)): n for w, n in rules.ORDINAL_WORDS}
_PLACE_BEFORE = frozenset(" ".join(key_of(w)) for w in rules.PLACE_BEFORE)
_JOINER = re.compile(rules.LIST_JOINER)
_DATELINE = re.compile(rules.DATELINE)
_CITY_WORDS = frozenset({"tp", "thành", "phố", "city", "the", "thủ", "đô", "."})


@dataclass(frozen=True)
class _Reading:
    """What one sentence says of memberships."""

    cities: tuple[Mention, ...]
    dated: tuple[tuple[Mention, Mention | None], ...]  # (city, its date)
    cue: bool  # a membership cue with the network beside it, not a plan
    lists: bool  # a list cue ("trong đó có", "including")
    just: bool  # "vừa", "newly": a fresh membership, dated by the announcement


def _network(views: Sequence[SentenceView]) -> str | None:
    for v in views:
        for m in v.of("organization"):
            if m.entity in v.networks:
                return m.entity
    return None


def _tokens_before(v: SentenceView, begin: int, n: int) -> list[str]:
    return [t.key for t in v.tokens if t.end <= begin][-n:]


def _is_place(v: SentenceView, city: Mention) -> bool:
    """ "tại TP Cao Lãnh", "in Bangkok": the city is where something happens; "JUBAIL —",
    "Paris (VNA) –": the dateline's."""
    if city.begin == v.s.begin and _DATELINE.match(v.s.text, city.end - v.s.begin):
        return True
    before = [t for t in v.tokens if t.end <= city.begin]
    while before and before[-1].key in _CITY_WORDS:
        before.pop()
    return bool(before) and before[-1].key in _PLACE_BEFORE


def _cues(v: SentenceView, network_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Membership cues with the network beside them (or implied by a strong cue), outside event
    names, not a plan."""
    events = [(e.begin, e.end) for e in v.of("event")]
    others = [(o.begin, o.end) for o in v.of("organization") if o.entity not in v.networks]
    blocked = [b for b, _, _ in v.find(rules.NOT_YET)]
    implied = {(b, e) for b, e, _ in v.find(rules.IMPLIED_NETWORK_CUES)}
    lists = [b for b, _, _ in v.find(rules.LIST_CUES)]
    # "thêm nhiều thành viên như A, B", "the newcomers include A": a cue with its list
    implied |= {
        (b, e)
        for b, e, _ in v.find(rules.CUES)
        if any(e <= lb and len(v.tokens_between(e, lb)) <= 2 for lb in lists)
    }
    kinds = {e for _, e, _ in v.find(rules.CUE_NOT_AFTER)}
    out = []
    for begin, end, _ in [*v.find(rules.CUES), *((b, e, "") for b, e in implied)]:
        if any(b <= begin < e for b, e in events) or any(begin - 1 <= e <= begin for e in kinds):
            continue
        after = [t for t in v.tokens if t.begin >= end][: rules.NETWORK_AFTER]
        before = [t for t in v.tokens if t.end <= begin][-rules.NETWORK_BEFORE :]
        window = [(t.begin, t.end) for t in (*before, *after)]
        named = any(nb <= tb < ne for nb, ne in network_spans for tb, _ in window)
        other = any(ob <= tb < oe for ob, oe in others for tb, _ in window[len(before) :][:3])
        if not named and ((begin, end) not in implied or other):
            continue
        near = [t.begin for t in v.tokens if t.end <= begin][-rules.NOT_YET_WINDOW :]
        if near and any(near[0] <= b < begin for b in blocked):
            continue
        out.append((begin, end))
    return sorted(set(out))


def _network_spans(v: SentenceView, network: str) -> list[tuple[int, int]]:
    spans = [(m.begin, m.end) for m in v.of("organization") if m.entity == network]
    spans += [(b, e) for b, e, _ in v.find(rules.NETWORK_SHORT_FORMS)]
    return spans


def _clauses(v: SentenceView) -> list[tuple[int, int]]:
    out, start = [], v.s.begin
    for i, ch in enumerate(v.s.text):
        if ch in rules.CLAUSE_BREAKS:
            out.append((start, v.s.begin + i))
            start = v.s.begin + i + 1
    out.append((start, v.s.end))
    return out


def _groups(v: SentenceView, cities: list[Mention]) -> list[list[Mention]]:
    """Cities written as one list ("A (tỉnh X) và B", "Bangkok, Khon Kaen, Yala (Thái Lan)")."""
    groups: list[list[Mention]] = []
    provinces = [p for p in v.of("province", "country")]
    for c in cities:
        gap = v.gap(groups[-1][-1].end, c.begin) if groups else ""
        for p in provinces:
            gap = gap.replace(p.text, "")
        if groups and _JOINER.match(gap):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _gap_tokens(v: SentenceView, a: int, b: int, network_spans: list[tuple[int, int]]) -> int:
    """Tokens within ``[a, b)``, the network's name counted as one."""
    inside = [t for t in v.tokens_between(a, b) if t.is_word]
    names = {i for i, (nb, ne) in enumerate(network_spans) for t in inside if nb <= t.begin < ne}
    plain = [t for t in inside if not any(nb <= t.begin < ne for nb, ne in network_spans)]
    return len(plain) + len(names)


def _dates_for(
    v: SentenceView, cities: list[Mention], network_spans: list[tuple[int, int]]
) -> list[tuple[Mention, Mention | None]]:
    """Each city with the date of its clause: a date right after a group of cities is the
    group's ("A và B năm 2020, C năm 2022"); a group with none takes a date written before the
    cities ("Hôm 4/12, … trong đó có Hà Nội") unless an event stands between (the date of
    "Tối 19/3, … tổ chức Lễ vinh danh …" is the ceremony's)."""
    events = [(e.begin, e.end) for e in v.of("event")]
    deadlines = {e for _, e, _ in v.find(rules.DEADLINE_WORDS)}
    dates = [
        d
        for d in v.dates
        if not d.attr("end")
        and not any(b <= d.begin < e for b, e in events)
        and not any(d.begin - 2 <= e <= d.begin for e in deadlines)
    ]
    out: list[tuple[Mention, Mention | None]] = []
    for begin, end in _clauses(v):
        here = [c for c in cities if begin <= c.begin < end]
        ds = [d for d in dates if begin <= d.begin < end]
        taken: set[int] = set()
        dated: list[tuple[list[Mention], Mention | None]] = []
        for group in _groups(v, here):
            last = group[-1].end
            after = next(
                (
                    d
                    for d in ds
                    if d.begin >= last
                    and not any(last <= c.begin < d.begin for c in here)
                    and _gap_tokens(v, last, d.begin, network_spans) <= rules.DATE_AFTER_TOKENS
                ),
                None,
            )
            if after is not None:
                taken.add(after.begin)
            dated.append((group, after))
        lead = [
            d
            for d in ds
            if here
            and d.end <= here[0].begin
            and d.begin not in taken
            and not any(d.end <= b and e <= here[0].begin for b, e in events)
        ]
        for group, after in dated:
            when = after or (lead[-1] if lead else None)
            out.extend((c, when) for c in group)
    return out


_NOTHING = _Reading((), (), False, False, False)


def _read(v: SentenceView, network: str) -> _Reading:
    if not v.of("city") and not v.find(rules.CUES):  # most sentences: nothing to read
        return _NOTHING
    spans = _network_spans(v, network)
    cues = _cues(v, spans)
    titles = [b for b, _, _ in v.find(rules.OTHER_TITLES)]
    lists = bool(v.find(rules.LIST_CUES))
    candidates = []
    for c in v.of("city"):
        if not c.entity or _is_place(v, c):
            continue
        nearest_cue = min((abs(c.begin - b) for b, _ in cues), default=None)
        nearest_title = min((abs(c.begin - b) for b in titles), default=None)
        if nearest_title is not None and (nearest_cue is None or nearest_title < nearest_cue):
            continue
        candidates.append(c)
    cities: list[Mention] = []
    previous: list[Mention] | None = None
    groups = _groups(v, candidates)
    for g in groups:
        if (lists and not cues) or _near_cue(v, g, cues, spans) or _chained(v, previous, g):
            cities.extend(g)
            previous = g
        else:
            previous = None
    if cues and not cities and len(groups) == 1 and groups[0][-1].end <= cues[0][0]:
        # the sentence's only city, its subject, however long the way to the cue: "…, thành
        # phố Sơn La vinh dự trở thành thành phố thứ 5 … được UNESCO công nhận là thành viên …"
        cities = list(groups[0])
    ceremony = [b for b, _, _ in v.find(rules.CEREMONY_WORDS)]
    dated = _dates_for(v, cities, spans)
    if cues and any(b < cues[0][0] for b in ceremony):  # dates before the cue are the ceremony's
        dated = [(c, d if d is not None and d.begin > cues[0][0] else None) for c, d in dated]
    return _Reading(tuple(cities), tuple(dated), bool(cues), lists, bool(v.find(rules.JUST)))


def _chained(v: SentenceView, previous: list[Mention] | None, group: list[Mention]) -> bool:
    """A history goes on: "sau A năm 2020, B năm 2022, C và D năm ngoái" — the group follows an
    accepted one across only its date and a comma, and has a date of its own after it."""
    if previous is None:
        return False
    gap = v.gap(previous[-1].end, group[0].begin)
    for d in v.dates:
        gap = gap.replace(d.text, "")
    return bool(re.fullmatch(r"[\s,;]*(?:\([^()]*\))?[\s,;]*(?:và|and|còn)?\s*", gap)) and any(
        d.begin >= group[-1].end and len(v.tokens_between(group[-1].end, d.begin)) <= 3
        for d in v.dates
    )


def _near_cue(
    v: SentenceView,
    group: list[Mention],
    cues: list[tuple[int, int]],
    spans: list[tuple[int, int]],
) -> bool:
    """A group within reach of a cue (the network's name counted as one token), or in a later
    clause of the cue's sentence that has a date of its own (a history: "…; TP Cao Lãnh năm
    2022; …")."""
    for b, e in cues:
        for c in group:
            a, z = (e, c.begin) if c.begin >= e else (c.end, b)
            if _gap_tokens(v, a, z, spans) <= rules.CUE_REACH_TOKENS:
                return True
    clause = next(((cb, ce) for cb, ce in _clauses(v) if cb <= group[0].begin < ce), None)
    return bool(
        clause
        and cues
        and cues[0][1] <= clause[0]
        and any(clause[0] <= d.begin < clause[1] for d in v.dates)
    )


def _plain_dates(v: SentenceView) -> list[Mention]:
    return [d for d in v.dates if not d.attr("end")]


def _ordinals(v: SentenceView, cities: Sequence[Mention]) -> dict[str, int]:
    """City IRI → its ordinal in the country, as the sentence states it."""
    out: dict[str, int] = {}
    for pattern in (_ORDINAL_VI, _ORDINAL_EN):
        for m in pattern.finditer(v.s.text):
            at = v.s.begin + m.start()
            before = [c for c in cities if c.end <= at]
            words = [m.group("n"), *re.findall(r"thứ\s+(\w+)", m.groupdict().get("more") or "")]
            numbers = [_ordinal_value(w) for w in words]
            if not before:
                continue
            targets = before[-len(numbers) :] if len(numbers) > 1 else before[-1:]
            for city, n in zip(targets, numbers, strict=False):
                if n is not None and city.entity:
                    out.setdefault(city.entity, n)
    return out


def _ordinal_value(word: str) -> int | None:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group(0))
    return _ORDINAL_WORDS.get(" ".join(key_of(word)))


def memberships(views: Sequence[SentenceView], implied: str | None = None) -> Iterator[Fact]:
    """Every city-in-network fact of an article's sentences, in order. ``implied`` is the
    network a learning-cities article means when it only says "mạng lưới" or "the network"."""
    network = _network(views)
    if network is None and implied and any(v.find(rules.LEARNING_CITY_WORDS) for v in views):
        network = implied
    if network is None:
        return
    readings = [_read(v, network) for v in views]
    # The announcement's day: of a cue sentence naming no member city ("UNESCO công bố 64 thành
    # phố … trở thành thành viên mới"), else the first full date a membership got.
    announced = next(
        (
            d
            for v, r in zip(views, readings, strict=True)
            if r.cue and not r.cities
            for d in _plain_dates(v)[:1]
            if len(d.value) == 10
        ),
        None,
    ) or next(
        (d for r in readings if r.cue for _, d in r.dated if d is not None and len(d.value) == 10),
        None,
    )
    pending: tuple[int, Mention | None] | None = None
    for i, (v, r) in enumerate(zip(views, readings, strict=True)):
        if r.cue and not r.cities:
            dates = _plain_dates(v)
            pending = (i, dates[0] if dates else None)
            continue
        dated = list(r.dated)
        rule = "membership-network"
        listed = bool(r.lists and pending and i - pending[0] <= rules.LIST_WINDOW)
        if not r.cue:
            if not listed or pending is None:
                continue
            dated = [(c, d or pending[1]) for c, d in dated]
            rule = "membership-list"
        elif (r.just or listed) and announced is not None:
            dated = [(c, d or announced) for c, d in dated]
        ordinals = _ordinals(v, r.cities)
        scoped = ORDINAL_RE.search(v.s.text)  # "thành phố thứ 5 của cả nước": of what
        scope = scoped.group("scope") if scoped and len(ordinals) == 1 else None
        first = FIRST_RE.search(v.s.text)
        for city, when in dated:
            iri = city.entity or ""
            yield make_fact(
                "membership",
                f"{slug_of(iri)}-{slug_of(network)}",
                rule,
                v,
                member=Value.ref(iri),
                organization=Value.ref(network),
                since=date_value(when) if when else None,
                ordinal=Value.lit(str(ordinals[iri]), "integer") if iri in ordinals else None,
                ordinal_scope=Value.lit(scope) if scope and iri in ordinals else None,
                first_of_kind=Value.lit(first.group("kind"), lang="vi")
                if first and len(dated) == 1
                else None,
            )
