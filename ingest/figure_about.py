"""What a figure is about, by how news writes figures (tables in :mod:`ingest.rules.figures`).

In order, a figure is about:

1. the event, when the sentence counts who came or what was held ("quy tụ gần 1.200 đại biểu",
   "more than 250 participants", "5 phiên toàn thể");
2. the network, when it counts the network's cities, members or countries in a sentence about the
   network or joining it ("UNESCO công bố 72 thành phố thuộc 46 quốc gia được kết nạp"), unless a
   place has them ("Việt Nam đã có 5 thành viên", "South-East Asia has 19 learning cities");
3. the article's plan, when the sentence states a target ("Theo kế hoạch, đến năm 2025 …");
4. the province, city or country a scope word names ("toàn tỉnh có …", "the country has …");
5. the nearest city, province, country, initiative or organisation before it in its clause — not
   the organisation that reports it ("Theo báo cáo của Sở …", "X cho biết"), not one named in a
   person's post, not the network;
6. what the article spoke of last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.fact_view import SentenceView
from ingest.model import Mention
from ingest.rules import figures as rules
from ingest.tokens import key_of

_PLACES = ("city", "province", "country", "place")
_NEAREST = (*_PLACES, "initiative", "organization")
_PLAN_CLASSES = frozenset({"Policy", "Programme"})
_TARGET_YEAR = re.compile(rules.TARGET_YEAR, re.IGNORECASE)
_HAVE_FILLERS = frozenset(k for w in rules.HAVE_FILLERS for k in key_of(w))
_OWNER = frozenset(key_of(w)[0] for w in rules.OWNER_WORDS)
_NETWORK_MEASURES = tuple(key_of(w) for w in rules.NETWORK_MEASURES)
_ATTENDANCE_MEASURES = tuple(key_of(w) for w in rules.ATTENDANCE_MEASURES)
_SCOPE_WORDS = tuple(w for w, _ in rules.SCOPE_WORDS)


@dataclass
class Context:
    """What the article has named so far, for the figures of the sentences that follow."""

    network: str | None
    plan: str | None = None
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # kind → entity → mentions
    last: dict[str, str] = field(default_factory=dict)  # kind → the entity named last
    subject: str | None = None  # what the last sentences' figures were about

    def see(self, v: SentenceView) -> None:
        for m in _named(v, v.s.end):
            if m.kind in (*_PLACES, "event"):
                self.counts.setdefault(m.kind, Counter())[m.entity or ""] += 1
                self.last[m.kind] = m.entity or ""

    def place(self, kind: str) -> str | None:
        """The article's place of a kind: the one named most, the last of those on a tie."""
        counts = self.counts.get(kind)
        if not counts:
            return None
        top = max(counts.values())
        last = self.last.get(kind)
        return last if last and counts[last] == top else max(counts, key=counts.__getitem__)


def _named(v: SentenceView, before: int) -> list[Mention]:
    """Entities named in the sentence before an offset, nested ones included, events that a
    figure counts ("2 diễn đàn thị trưởng") left out."""
    counted = {f.end for f in v.figures}
    return [
        m
        for m in sorted((*v.mentions, *v.nested), key=lambda m: m.begin)
        if m.entity
        and m.end <= before
        and not (m.kind == "event" and any(0 <= m.begin - e <= 1 for e in counted))
    ]


def main_plan(views: Sequence[SentenceView]) -> str | None:
    """The plan the article is about: of the first sentence that names a plan or programme, the
    programme (a decision approves it), else the first named."""
    for v in views:
        plans = [
            m
            for m in sorted((*v.mentions, *v.nested), key=lambda m: m.begin)
            if m.kind == "initiative" and m.entity and m.cls in _PLAN_CLASSES
        ]
        if plans:
            programme = next((m for m in plans if m.cls == "Programme"), plans[0])
            return programme.entity
    return None


@lru_cache(maxsize=4096)
def _starts(measure: str, table: tuple[tuple[str, ...], ...]) -> bool:
    keys = key_of(measure)
    return any(keys[: len(k)] == k for k in table)


def _clause_start(v: SentenceView, fig: Mention) -> int:
    before = v.gap(v.s.begin, fig.begin)
    cut = max((before.rfind(b) for b in rules.CLAUSE_BREAKS), default=-1)
    return v.s.begin + cut + 1 if cut >= 0 else v.s.begin


def _event(v: SentenceView, fig: Mention, ctx: Context, *, named_only: bool) -> str | None:
    counted = {f.end for f in v.figures}
    events = [
        m
        for m in sorted((*v.mentions, *v.nested), key=lambda m: m.begin)
        if m.kind == "event" and m.entity and not any(0 <= m.begin - e <= 1 for e in counted)
    ]
    before = [m for m in events if m.end <= fig.begin]
    if before or events:
        return (before or events)[-1 if before else 0].entity
    return None if named_only else ctx.last.get("event") or v.main_event


def _attendance(v: SentenceView, fig: Mention, measure: str, ctx: Context) -> str | None:
    """The event of a sentence that counts who came: by the figure's measure or an earlier one's
    ("250 đại biểu đến từ 24 thành phố"), or by its verb."""
    earlier = [f.attr("measure") for f in v.figures if f.end <= fig.begin]
    if any(_starts(m, _ATTENDANCE_MEASURES) for m in (*earlier, measure)):
        return _event(v, fig, ctx, named_only=False)
    places = [m.begin for m in v.mentions if m.kind in ("city", "province")]

    others = [f.begin for f in v.figures if f is not fig]

    def says(verbs: tuple[str, ...]) -> bool:
        """The verb before the figure, or after it with the figure its subject ("More than 1,500
        residents attended …"), no city or other figure between."""
        return any(
            (e <= fig.begin and not any(e <= p < fig.begin for p in places))
            or (
                b >= fig.end
                and len(v.tokens_between(fig.end, b)) <= rules.ATTENDANCE_SUBJECT_TOKENS
                and not any(fig.end <= p < b for p in (*places, *others))
            )
            for b, e, _ in v.find(verbs)
        )

    if says(rules.ATTENDANCE_VERBS):
        return _event(v, fig, ctx, named_only=False)
    if says(rules.EVENT_ATTENDANCE_VERBS):
        return _event(v, fig, ctx, named_only=True)
    return None


def _holder(v: SentenceView, fig: Mention) -> str | None:
    """A place that has the members: "Việt Nam đã có 5 …", "… thành viên của Việt Nam … lên 5"."""
    places = [m for m in v.mentions if m.kind in ("country", "place", "province") and m.entity]
    for b, e, _ in v.find(rules.HAVE_WORDS):
        if e > fig.begin or not all(t.key in _HAVE_FILLERS for t in v.tokens_between(e, fig.begin)):
            continue
        owner = [p for p in places if p.end <= b]
        if owner and all(t.key in _HAVE_FILLERS for t in v.tokens_between(owner[-1].end, b)):
            return owner[-1].entity
    for p in places:
        gap = v.tokens_between(v.s.begin, p.begin)
        if p.end <= fig.begin and gap and gap[-1].key in _OWNER:
            return p.entity
    return None


def _is_source(v: SentenceView, m: Mention) -> bool:
    head = " ".join(t.key for t in v.tokens_between(v.s.begin, m.begin)[-4:])
    if any(head.endswith(" ".join(key_of(w))) for w in rules.SOURCE_BEFORE):
        return True
    tail = v.tokens_between(m.end, v.s.end)[:3]
    return any(
        [t.key for t in tail[: len(k)]] == list(k) for k in (key_of(w) for w in rules.SOURCE_AFTER)
    ) or (
        bool(tail)
        and tail[0].text == ","
        and any(
            [t.key for t in tail[1 : 1 + len(k)]] == list(k)
            for k in (key_of(w) for w in rules.SOURCE_AFTER)
        )
    )


def _in_post(v: SentenceView, m: Mention) -> bool:
    """An organisation named in a title ("Giám đốc Sở GD-ĐT Nghệ An", "Chairman of the …")."""
    return any(t.end <= m.begin and len(v.tokens_between(t.end, m.begin)) <= 2 for t in v.titles)


def _scope(v: SentenceView, fig: Mention, start: int, ctx: Context) -> str | None:
    names = [(m.begin, m.end) for m in v.mentions]
    hits = [
        (b, e, kind)
        for b, e, word in v.find(_SCOPE_WORDS)
        for w, kind in rules.SCOPE_WORDS
        if w == word
        and start <= b
        and e <= fig.begin
        and not any(nb <= b < ne for nb, ne in names)  # "Mạng lưới thành phố học tập"
    ]
    if not hits:
        return None
    _, e, kind = max(hits, key=lambda h: (h[1], h[1] - h[0]))
    after = v.tokens_between(e, fig.begin)
    if after and after[0].is_capitalised:
        return None  # "thành phố Vinh": the city's own mention
    if len(after) > rules.SCOPE_WINDOW_TOKENS:
        return None
    if any(m.kind in _NEAREST and e <= m.begin and m.end <= fig.begin for m in v.mentions):
        return None
    return ctx.place(kind)


def _nearest(v: SentenceView, fig: Mention, start: int) -> str | None:
    found = [
        m
        for m in v.mentions
        if start <= m.begin
        and m.end <= fig.begin
        and m.entity
        and m.kind in _NEAREST
        and m.entity not in v.networks
        and not (m.kind == "organization" and (_is_source(v, m) or _in_post(v, m)))
    ]
    return found[-1].entity if found else None


def _plan(v: SentenceView, fig: Mention, start: int, ctx: Context) -> str | None:
    """The article's plan, for a target said of the plan or of no place."""
    if not ctx.plan:
        return None
    before = v.gap(v.s.begin, fig.begin)
    if any(b < fig.begin for b, _, _ in v.find(rules.PLAN_WORDS)):
        return ctx.plan
    target = any(b < fig.begin for b, _, _ in v.find(rules.TARGET_WORDS))
    if not (target or _TARGET_YEAR.search(before)):
        return None
    places = [m for m in v.mentions if m.kind in _PLACES and start <= m.begin < fig.begin]
    scoped = [
        b for b, _, _ in v.find(tuple(w for w, _ in rules.SCOPE_WORDS)) if start <= b < fig.begin
    ]
    return None if places or scoped else ctx.plan


def _contrast_between(v: SentenceView, a: int, b: int) -> bool:
    return any(br in v.gap(a, b) for br in rules.CONTRAST_BREAKS)


def about(
    v: SentenceView,
    fig: Mention,
    measure: str,
    ctx: Context,
    previous: tuple[str, int] | None = None,
) -> list[str]:
    """What ``fig`` (a figure of ``v`` counting ``measure``) is about: one entity, or none.
    ``previous`` is what the sentence's figure before it is about, and where that one ends."""
    event = _attendance(v, fig, measure, ctx)
    if event:
        return [event]
    if ctx.network and _starts(measure, _NETWORK_MEASURES) and v.find(rules.NETWORK_CONTEXT):
        return [_holder(v, fig) or ctx.network]
    start = _clause_start(v, fig)
    found = (
        _plan(v, fig, start, ctx)
        or _scope(v, fig, start, ctx)
        or _nearest(v, fig, start)
        or (previous[0] if previous and not _contrast_between(v, previous[1], fig.begin) else None)
        or ctx.subject
    )
    return [found] if found else []
