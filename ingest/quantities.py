"""Dates and figures in a sentence (part of stage 3, mentions)."""

from __future__ import annotations

from ingest.dates import find_dates
from ingest.model import Mention, Sentence
from ingest.numbers import classify_numbers, figures


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


def figure_mentions(
    sentence: Sentence,
    dates: list[tuple[int, int]],
    names: list[tuple[int, int]],
    lang: str = "vi",
) -> list[Mention]:
    """The figures of :func:`ingest.numbers.classify_numbers` as mentions (offsets over the
    article): numbers that are not part of a date, a name, a code, a caption, an ordinal, a range
    or a ratio, and that count something. attrs: ``measure``, ``qualifier``, ``unit``, and
    ``share_of`` / ``set_of`` (the begin offset of the figure a percentage in parentheses is a
    share of, or of the first figure of a set: "64 thành phố thuộc 35 quốc gia")."""
    base = sentence.begin
    spans = classify_numbers(
        sentence.text,
        dates=[(b - base, e - base) for b, e in dates if base <= b < sentence.end],
        names=[(b - base, e - base) for b, e in names if base <= b < sentence.end],
        lang=lang if lang in ("vi", "en") else "vi",
    )
    out: list[Mention] = []
    for span in spans:
        if span not in figures([span]):
            continue
        attrs = [("measure", span.measure), ("qualifier", span.qualifier), ("unit", span.unit)]
        for key, index in (("share_of", span.percent_of), ("set_of", span.set_of)):
            if index is not None and spans[index] in figures([spans[index]]):
                attrs.append((key, str(base + spans[index].begin)))
        out.append(
            Mention(
                base + span.begin,
                base + span.end,
                span.text,
                "figure",
                sentence.index,
                "figure",
                value=span.value,
                attrs=tuple(attrs),
            )
        )
    return out
