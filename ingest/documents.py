"""Official documents and described plans as initiatives.

A document named by its number ("Kế hoạch số 1256/KH-UBND", "Decision 89/QD-TTg") is an
``lc:Policy``; its code ("KH-UBND") is not an organisation's name. A plan named by what it does
and the period it covers ("Đề án xây dựng TP Hạ Long trở thành thành phố học tập giai đoạn
2024–2030") is an initiative with that name. The tables are in :mod:`ingest.rules.documents`.

>>> [m.group(0) for m in document_matches("UBND tỉnh ban hành Kế hoạch số 1256/KH-UBND về …", "vi")]
['Kế hoạch số 1256/KH-UBND']
>>> [m.group(0) for m in document_matches("under Decision 89/QD-TTg of the Prime Minister", "en")]
['Decision 89/QD-TTg']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from ingest.model import Mention
from ingest.rules import documents as rules
from ingest.sentence_view import SentenceView


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@lru_cache(maxsize=4)
def _document_re(language: str) -> re.Pattern[str]:
    heads = rules.DOCUMENT_HEADS.get(language, rules.DOCUMENT_HEADS["vi"])
    numbers = rules.NUMBER_WORDS.get(language, rules.NUMBER_WORDS["vi"])
    return re.compile(
        rf"(?<!\w)(?:{_alt(heads)})(?:\s+(?:{_alt(numbers)}))?\s+{rules.NUMBER_CODE}(?!\w)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=4)
def _described_re(language: str) -> re.Pattern[str] | None:
    heads = rules.DESCRIBED_HEADS.get(language, ())
    if not heads:
        return None
    # The head as written (capitalised), then words without punctuation, then the period.
    return re.compile(
        rf"(?<!\w)(?P<head>{_alt(tuple(h for h, _ in heads))})"
        rf"\s(?P<body>[^\W\d][^.,;:!?()“”\"«»]*?)\s(?P<period>{rules.DESCRIBED_PERIOD})(?!\d)"
    )


def document_matches(text: str, language: str) -> Iterator[re.Match[str]]:
    """Documents named by number in ``text``."""
    return _document_re(language).finditer(text)


def _token_span(st: SentenceView, begin: int, end: int) -> tuple[int, int] | None:
    """Token indexes ``[i, j)`` covering sentence-relative characters ``[begin, end)``."""
    starts = [t.begin - st.s.begin for t in st.tokens]
    i = bisect_left(starts, begin)
    j = bisect_left(starts, end)
    if i >= len(st.tokens) or starts[i] != begin or j <= i:
        return None
    return i, j


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def code_tokens(st: SentenceView) -> frozenset[int]:
    """Token indexes inside the code of a document's number ("KH-UBND"): no organisation there."""
    out: set[int] = set()
    for m in document_matches(st.s.text, st.language):
        span = _token_span(st, m.start(), m.end())
        if span:
            out.update(range(*span))
    return frozenset(out)


def documents(st: SentenceView) -> Iterator[Mention]:
    """Documents by number, and plans named by what they do and their period."""
    for m in document_matches(st.s.text, st.language):
        span = _token_span(st, m.start(), m.end())
        if span is None:
            continue
        name = _capitalised(" ".join(m.group(0).split()))
        yield st.mention(
            *span, "initiative", "initiative-document", cls=rules.DOCUMENT_CLASS, name=name
        )
    described = _described_re(st.language)
    if described is None:
        return
    classes = {h.casefold(): c for h, c in rules.DESCRIBED_HEADS.get(st.language, ())}
    for m in described.finditer(st.s.text):
        span = _token_span(st, m.start(), m.end())
        words = len(m.group("body").split())
        if span is None or not 2 <= words <= rules.DESCRIBED_MAX_WORDS:
            continue
        if any(document_matches(m.group(0), st.language)):
            continue  # a number inside: the name of another document
        head = " ".join(m.group("head").split())
        yield st.mention(
            *span,
            "initiative",
            "initiative-described",
            cls=classes.get(head.casefold(), "Programme"),
            name=" ".join(m.group(0).split()),
        )
