"""The view of one sentence that the fact patterns work on, and the helpers they share."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ingest.link import ENTITY_KINDS, Linked
from ingest.model import Article, Fact, Mention, Sentence, Value
from ingest.rules import facts as rules
from ingest.tokens import PhraseTable, Token, key_of, tokenize

ORDINAL_RE = re.compile(rules.ORDINAL)
FIRST_RE = re.compile(rules.FIRST_OF_KIND)
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


@lru_cache(maxsize=64)
def _table(phrases: tuple[str, ...]) -> PhraseTable[tuple[tuple[str, ...], str]]:
    """The cue phrases of a table, in table order."""
    return PhraseTable((key_of(p), p) for p in phrases)


def slug_of(iri: str) -> str:
    return "-".join(iri.rstrip("/").split("/")[-2:])


@dataclass(frozen=True)
class SentenceView:
    s: Sentence
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]  # linked entity mentions, not nested, in order
    nested: tuple[Mention, ...]
    dates: tuple[Mention, ...]
    figures: tuple[Mention, ...]
    titles: tuple[Mention, ...]
    main_event: str | None
    networks: frozenset[str]  # entities the reference graph types lc:Network
    keys: tuple[str, ...]  # of the tokens
    begins: tuple[int, ...]  # of the tokens, ascending
    ends: tuple[int, ...]  # of the tokens, ascending

    def find(self, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(begin, end, phrase) offsets of every phrase occurrence, by tokens."""
        t = self.tokens
        return [
            (t[i].begin, t[i + len(key) - 1].end, phrase)
            for i, rows in _table(phrases).scan(self.keys).items()
            for key, phrase in rows
        ]

    def quoted(self, begin: int) -> bool:
        """Offset ``begin`` lies inside a quotation (a title, a theme, a slogan)."""
        rel = begin - self.s.begin
        return any(m.start() < rel < m.end() for m in _QUOTATION.finditer(self.s.text))

    def of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    def gap(self, a: int, b: int) -> str:
        return self.s.text[a - self.s.begin : b - self.s.begin]

    def tokens_between(self, a: int, b: int) -> list[Token]:
        """The tokens within ``[a, b)``: a run, as tokens do not overlap."""
        return list(self.tokens[bisect_left(self.begins, a) : bisect_right(self.ends, b)])


def make_fact(
    kind: str,
    key: str,
    rule: str,
    view: SentenceView,
    subject: str = "",
    **slots: Value | list[Value] | None,
) -> Fact:
    flat: list[tuple[str, Value]] = []
    for name, value in slots.items():
        for v in value if isinstance(value, list) else [value]:
            if v is not None:
                flat.append((name, v))
    return Fact(kind, key, tuple(flat), rule, (view.s.index,), subject)


def date_value(m: Mention) -> Value:
    return Value.lit(m.value, "date")


def views(
    article: Article, sentences: tuple[Sentence, ...], linked: Linked
) -> Iterator[SentenceView]:
    networks = frozenset(e.iri for e in linked.entities if e.cls == "Network")
    by_sentence: dict[int, list[Mention]] = {}
    for m in linked.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for s in sentences:
        ms = by_sentence.get(s.index, [])
        entities = [m for m in ms if m.kind in ENTITY_KINDS and m.entity]
        outer = tuple(m for m in entities if not m.attr("inside"))
        nested = tuple(m for m in ms if m.attr("inside") or m.kind == "date")
        tokens = tokenize(s.text, s.begin)
        yield SentenceView(
            s,
            tokens,
            outer,
            nested,
            tuple(m for m in ms if m.kind == "date"),
            tuple(m for m in ms if m.kind == "figure"),
            tuple(m for m in ms if m.kind == "title"),
            linked.main_event,
            networks,
            tuple(t.key for t in tokens),
            tuple(t.begin for t in tokens),
            tuple(t.end for t in tokens),
        )
