"""Dates and figures in a sentence (part of stage 3, mentions)."""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.dates import find_dates
from ingest.model import Mention, Sentence
from ingest.rules import quantities as rules
from ingest.tokens import key_set, tokenize
from kg.text import tone_key

_QUALIFIERS = sorted(rules.QUALIFIERS, key=lambda row: -len(row[0]))
_QUALIFIER_RE = "|".join(re.escape(q) for q, _ in _QUALIFIERS)
_FIGURE = re.compile(
    rf"(?:(?P<q>{_QUALIFIER_RE})\s+)?(?<![\w.,/-]){rules.NUMBER}(?![\w/])(?!-\d){rules.PERCENT}",
    re.IGNORECASE,
)
_MEASURE_STOPS = key_set(rules.MEASURE_STOPS)
_NOT_A_FIGURE_AFTER = key_set(rules.NOT_A_FIGURE_AFTER)
_UNIT_KEYS = sorted(
    ((tuple(t.key for t in tokenize(u)), u) for u in rules.UNITS), key=lambda r: -len(r[0])
)


def date_mentions(sentence: Sentence, ref: str | None, lang: str = "vi") -> list[Mention]:
    """The dates of :func:`ingest.dates.find_dates` as mentions: ``value`` = the start (ISO, as
    precise as the text), attrs ``end`` (a range or period) and ``form`` (date, range, period,
    relative)."""
    out = []
    for d in find_dates(sentence.text, ref=ref, lang=lang if lang in ("vi", "en") else "vi"):
        attrs: tuple[tuple[str, str], ...] = (("form", d.kind),)
        if d.end_value:
            attrs = (("end", d.end_value), *attrs)
        out.append(
            Mention(
                sentence.begin + d.begin,
                sentence.begin + d.end,
                d.text,
                "date",
                sentence.index,
                d.rule,
                value=d.value,
                attrs=attrs,
            )
        )
    return out


def _number(text: str) -> str:
    """ "1.200" → "1200", "15,5" → "15.5"."""
    return str(Decimal(text.replace(".", "").replace(",", ".")))


def _unit_and_measure(sentence: Sentence, end: int) -> tuple[str, str]:
    tokens = tokenize(sentence.text[end - sentence.begin :], end)
    words: list[str] = []
    for tok in tokens[: rules.MEASURE_MAX_TOKENS]:
        if (not tok.is_word and tok.text not in '“”"') or (words and tok.key in _MEASURE_STOPS):
            break
        words.append(tok.text)
    keys = tuple(t.key for t in tokens[: len(words)])
    unit = next((u for k, u in _UNIT_KEYS if keys[: len(k)] == k), "")
    measure = ""
    if words:
        last = tokens[len(words) - 1]
        measure = sentence.text[tokens[0].begin - sentence.begin : last.end - sentence.begin]
    return unit, measure


def figure_mentions(sentence: Sentence, taken: list[tuple[int, int]]) -> list[Mention]:
    """Numbers with their qualifier, unit and measure, outside dates, names and ordinals."""
    out: list[Mention] = []
    for m in _FIGURE.finditer(sentence.text):
        b, e = sentence.begin + m.start("n"), sentence.begin + m.end()
        if any(b < te and tb < e for tb, te in taken):
            continue
        before = sentence.text[: m.start()].split()
        if before and tone_key(before[-1].strip("(")) in _NOT_A_FIGURE_AFTER:
            continue
        pct = m.group("pct") is not None
        raw = m.group("n")
        if not pct and m.group("q") is None and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year ("giáo dục 2030")
        qualifier = next(
            (v for q, v in _QUALIFIERS if m.group("q") and tone_key(q) == tone_key(m.group("q"))),
            rules.DEFAULT_QUALIFIER,
        )
        unit, measure = ("%", "") if pct else _unit_and_measure(sentence, e)
        if pct:
            _, measure = _unit_and_measure(sentence, e)
        start = sentence.begin + m.start()
        out.append(
            Mention(
                start,
                e,
                sentence.text[m.start() : m.end()],
                "figure",
                sentence.index,
                "figure",
                value=_number(raw),
                attrs=(("measure", measure), ("qualifier", qualifier), ("unit", unit)),
            )
        )
    return out
