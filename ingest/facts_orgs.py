"""Which organisation is part of which: a department and the People's Committee of its place
(tables in :mod:`ingest.rules.mentions`: ``DEPARTMENT_HEADS``, ``COMMITTEE_HEADS``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from ingest.fact_view import SentenceView
from ingest.model import Fact, Mention, Value
from ingest.rules import mentions as rules
from kg.text import fold

_PLACES = ("city", "province")
_DEPARTMENTS = tuple(fold(h) for h in rules.DEPARTMENT_HEADS)
_COMMITTEES = tuple(fold(h) for h in rules.COMMITTEE_HEADS)


def _place_of(v: SentenceView, org: Mention) -> str | None:
    """The last place named inside the organisation's name."""
    inside = [
        m
        for m in v.nested
        if m.kind in _PLACES and m.entity and org.begin <= m.begin and m.end <= org.end
    ]
    return inside[-1].entity if inside else None


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


def _is(org: Mention, heads: tuple[str, ...], *, first: bool) -> bool:
    words = _folded(org.text).split()
    if first:
        return bool(words) and any(" ".join(words[: len(h.split())]) == h for h in heads)
    return any(h in _folded(org.text) for h in heads)


def sub_organizations(views: Sequence[SentenceView]) -> Iterator[Fact]:
    committees: dict[str, str] = {}  # place → its committee, as the article names it
    for v in views:
        for org in v.of("organization"):
            place = _place_of(v, org)
            if org.entity and place and _is(org, _COMMITTEES, first=False):
                committees.setdefault(place, org.entity)
    for v in views:
        for org in v.of("organization"):
            place = _place_of(v, org)
            parent = committees.get(place or "")
            if (
                org.entity
                and parent
                and parent != org.entity
                and _is(org, _DEPARTMENTS, first=True)
                and not _is(org, _COMMITTEES, first=False)
            ):
                yield Fact(
                    "organization",
                    org.entity,
                    (("parent", Value.ref(parent)),),
                    "organization-department-of",
                    (v.s.index,),
                    org.entity,
                )
