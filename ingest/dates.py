"""Dates in one sentence of Vietnamese or English news: a small grammar over the tables of
:mod:`ingest.rules.dates`.

Every rule is a regular expression whose named groups say what they hold (``d``/``m``/``y`` the
start, ``d2``/``m2``/``y2`` the end, ``mn`` an English month name, ``mw`` a Vietnamese month
word, ``rel`` a relative expression, ``dir`` "vừa qua"/"tới", ``pre`` a part of day, weekday or
"hôm" kept in the span). One resolver turns any match into a value; matches that are not dates
(fractions, codes, scores, idioms) are dropped, and the longest of overlapping matches wins.

>>> [(s.text, s.value, s.kind) for s in find_dates("Sáng 12/9, khai mạc.", ref="2024-09-14")]
[('Sáng 12/9', '2024-09-12', 'date')]
>>> d = find_dates("giai đoạn 2021–2030")[0]
>>> d.value, d.end_value, d.kind, d.rule
('2021', '2030', 'period', 'period-years')
>>> find_dates("12–13/9/2024")[0].end_value, xsd_type("--09-12")
('2024-09-13', 'gMonthDay')
"""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.rules import dates as t
from kg.text import TONE_MARKS, tone_key

__all__ = ["DateSpan", "find_dates", "xsd_type"]


@dataclass(frozen=True)
class DateSpan:
    """One date expression: offsets into the sentence, its ISO-like value, and the rule."""

    begin: int
    end: int
    text: str
    value: str
    end_value: str | None
    kind: str
    rule: str


# --- building the patterns from the tables ----------------------------------------------------


def _syllable_variants(syllable: str) -> set[str]:
    """``syllable`` with its tone mark on each of its vowels ("hoà", "hòa")."""
    tone, bare = "", []
    for ch in syllable:
        parts = unicodedata.normalize("NFD", ch)
        tone = tone or "".join(c for c in parts if c in TONE_MARKS)
        bare.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)))
    out = {syllable}
    if tone:
        for i, ch in enumerate(bare):
            if unicodedata.normalize("NFD", ch)[0].lower() in "aeiouy":
                toned = unicodedata.normalize("NFC", ch + tone)
                out.add("".join([*bare[:i], toned, *bare[i + 1 :]]))
    return out


def _alt(phrases: Iterable[str]) -> str:
    """A non-capturing alternation of ``phrases`` in every tone placement, longest first."""
    forms = set()
    for phrase in phrases:
        for combo in itertools.product(*(_syllable_variants(w) for w in phrase.split())):
            forms.add(r"\s+".join(re.escape(w) for w in combo))
    return "(?:" + "|".join(sorted(forms, key=lambda f: (-len(f), f))) + ")"


def _capitalised(words: Iterable[str]) -> str:
    """Case-sensitive alternation of Title and UPPER forms: "May" the month, not "may"."""
    forms = {f for w in words for f in (w.capitalize(), w.title(), w.upper())}
    return (
        "(?-i:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + r")\b"
    )


def _num(name: str) -> str:  # a day or a month, checked by the resolver
    return rf"(?P<{name}>0?[1-9]|[12]\d|3[01])(?!\d)"


def _mon(name: str) -> str:
    return rf"(?P<{name}>0?[1-9]|1[0-2])(?!\d)"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\d)"


# Not inside a number, a code or a word; nothing number-like after: "1.200", "8h30", "05-CT/TW".
_START = r"(?<![\w.,/:+–-])"
_END = r"(?![\w%]|[.,:/–-]\d|[/-][^\W\d_])"
_POD = _alt(t.PARTS_OF_DAY_VI)
_WD_EN = _capitalised(t.WEEKDAYS_EN) + r"\.?"
_MONTH_EN = _capitalised(t.EN_MONTHS) + r"\.?"
_MONTH_VI = _capitalised(t.VI_MONTH_WORDS)
_DASH = _alt(t.DASHES)
_DIR = rf"(?:\s+(?P<dir>{_alt(t.DIRECTION_SUFFIXES)})(?!\w))?"
# A part of day, "hôm"/"ngày", a weekday, or "(tối) nay" before the date, with "(" if the date
# is in parentheses ("Chủ nhật (12/9)"); _CLOSE then requires the ")".
_PRE_VI = (
    rf"(?P<pre>(?:{_POD}\s+)?(?:{_alt(t.DAY_WORDS_VI)}\s+)?"
    rf"(?:(?:{_alt(t.WEEKDAYS_VI)}|nay)(?P<par>\s*\()?(?:\s*,)?\s*(?:ngày\s+)?)?)"
)
_PRE_EN = rf"(?P<pre>{_WD_EN}(?P<par>\s*\()?(?:\s*,)?\s*)?"


@dataclass(frozen=True)
class _Rule:
    name: str  # "{sep}" is replaced by slash, dash or dot
    kind: str
    gate: str  # key of _GATES: the rule runs only where its gate matches
    pattern: re.Pattern[str]
    bare: bool = False  # a number form that may be a fraction, code or score without a prefix
    fast: re.Pattern[str] | None = None  # case-sensitive twin for the lower-cased sentence


# Digits not part of a longer number ("1.420.000" has none of these).
_GATES: dict[str, re.Pattern[str]] = {
    "d-d": re.compile(r"(?<![\d.,])\d{1,2}\s*[/.–—-]\s*\d{1,2}(?!\d)"),
    "year": re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)"),
    "tháng": re.compile(r"th[áa]ng\s+\d", re.IGNORECASE),
    "tháng-word": re.compile(r"th[áa]ng\s+[^\W\d_]", re.IGNORECASE),
    "en": re.compile(r"\d(?:st|nd|rd|th)?\s*(?:of\s+)?[A-Z][A-Za-z]{2}|[A-Z][A-Za-z]{2,}\.?\s+\d"),
    # Run on the lower-cased sentence: the last word of every relative expression.
    "words": re.compile(
        r"nay|qua|kia|mai|ng[oó][aá]i|tr[ưu][ớơ]c|tới|sau|này|năm|ago|today|tonight|yesterday"
        r"|tomorrow|night|morning|afternoon|evening|year|month"
    ),
}

_REL_VI = {f"{p} {w}": ("day", o) for p in t.PARTS_OF_DAY_VI for w, o in t.DEICTIC_DAY_VI.items()}
_RELATIVE = {**t.RELATIVE_VI, **_REL_VI, **t.RELATIVE_EN}
_FRAGMENTS: dict[str, str] = {
    "START": _START, "END": _END, "SEP": r"(?P<sep>[/.-])", "CLOSE": r"(?(par)\s*\))",
    "D1": _num("d"), "D2": _num("d2"), "M": _num("m"), "M2": _num("m2"),
    "MON": _mon("m"), "MON2": _mon("m2"), "Y1": _year("y"), "Y2": _year("y2"),
    "MN": f"(?P<mn>{_MONTH_EN})", "MN2": f"(?P<mn2>{_MONTH_EN})", "MONTH_VI": _MONTH_VI,
    "ORD": r"(?:st|nd|rd|th)?", "DASH": _DASH, "DIR": _DIR, "PRE_VI": _PRE_VI, "PRE_EN": _PRE_EN,
    "EDGE_VI": rf"(?:{_alt(t.EDGES_VI)}\s+)?", "EDGE_EN": _alt(t.EDGES_EN),
    "FR_VI": rf"(?P<fr>{_alt(t.RANGE_FRAMES_VI)}\s+)?",
    "FR_EN": rf"(?P<fr>{_alt(t.RANGE_FRAMES_EN)}\s+)?",
    "CONN_VI": rf"\s*(?(fr){_alt(t.RANGE_CONNECTORS_VI)}|{_DASH})\s*",
    "CONN_EN": rf"\s*(?(fr){_alt(t.RANGE_CONNECTORS_EN)}|{_DASH})\s*",
    "PERIOD_CUE": _alt((*t.PERIOD_CUES_VI, "năm")), "YEAR_CUE_EN": _alt(t.YEAR_CUES_EN),
    "RELATIVE": _alt(_RELATIVE), "REL_TAIL": rf"(?!\s+{_alt(t.RELATIVE_BLOCKERS_AFTER)}(?!\w))",
    "NUMBER_WORD": _alt(t.NUMBER_WORDS), "AGO_UNIT": _alt(t.AGO_UNITS),
    "AGO_WORD": _alt(t.AGO_WORDS),
}  # fmt: skip
_FRAGMENT = re.compile(r"<([A-Z][A-Z0-9_]*)>")


def _compile(template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _FRAGMENT.sub(lambda m: _FRAGMENTS[m[1]], template), flags)


# Case-insensitive scanning of non-ASCII alternations is slow in `re`; a rule without
# capitalised words runs case-sensitively on the lower-cased sentence instead.
_CASED = re.compile(r"<(?:MN2?|MONTH_VI|PRE_EN)>")
_RULES = tuple(
    _Rule(name, kind, gate, _compile(p), bare, None if _CASED.search(p) else _compile(p, 0))
    for name, kind, gate, bare, p in t.GRAMMAR
)
_REL_KEYS = {tone_key(" ".join(k.split())): v for k, v in _RELATIVE.items()}
_NOUN_AFTER = re.compile(rf"\s*{_alt(t.COUNTED_NOUNS)}(?!\w)", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*[^\W\d_]")
_NOT_BEFORE = re.compile(rf"(?<!\w){_alt(t.NOT_DATE_BEFORE)}\s*[:.]?\s*$", re.IGNORECASE)
_REL_BEFORE = re.compile(
    rf"(?:(?<!\w){_alt(t.RELATIVE_BLOCKERS_BEFORE)}|\d|(?<!\w){_alt(t.NUMBER_WORDS)})\s+$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_SEP_NAMES = {"/": "slash", "-": "dash", ".": "dot"}
_VI_MONTH_KEYS = {tone_key(" ".join(k.split())): v for k, v in t.VI_MONTH_WORDS.items()}
_DIR_KEYS = {tone_key(" ".join(k.split())): v for k, v in t.DIRECTION_SUFFIXES.items()}
_NUMBER_KEYS = {tone_key(k): v for k, v in t.NUMBER_WORDS.items()}
_AGO_UNIT_KEYS = {tone_key(k): v for k, v in t.AGO_UNITS.items()}

_Parts = tuple[int | None, int | None, int | None]  # year, month, day
_XSD_TYPES = tuple(
    (re.compile(p), name)
    for p, name in (
        (r"\d{4}-\d{2}-\d{2}", "date"),
        (r"\d{4}-\d{2}", "gYearMonth"),
        (r"\d{4}", "gYear"),
        (r"--\d{2}-\d{2}", "gMonthDay"),
        (r"--\d{2}", "gMonth"),
    )
)
_REF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _int(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _key(words: str) -> str:
    return tone_key(" ".join(words.split()))


def _parse_ref(ref: str) -> _Parts:
    m = _REF.match(ref)
    if m is None:
        raise ValueError(f"Unexpected ref date: {ref!r}")
    y, mo, d = (int(x) if x else None for x in m.groups())
    return y, mo, d


def _valid(p: list[int | None]) -> bool:
    y, m, d = p
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    # A year-less 29/2 is a date: some year has it.
    return d is None or 1 <= d <= calendar.monthrange(y or 2000, m)[1]


def _fmt(p: list[int | None]) -> str:
    y, m, d = p
    out = "-" if y is None else f"{y:04d}"
    if m is not None:
        out += f"-{m:02d}"
    return out + (f"-{d:02d}" if d is not None else "")


def _order(p: list[int | None]) -> tuple[int, int, int]:
    return (p[0] or 0, p[1] or 0, p[2] or 0)


def _month(g: dict[str, str | None], num: str, en: str, vi: str) -> int | None:
    if g.get(num):
        return int(g[num] or 0)
    if g.get(en):
        return t.EN_MONTHS[(g[en] or "").rstrip(".").lower()]
    if g.get(vi):
        return _VI_MONTH_KEYS[_key(g[vi] or "")]
    return None


def _relative(unit: str, offset: int, ref: _Parts) -> str | None:
    y, m, d = ref
    if unit == "year":
        return f"{(y or 0) + offset:04d}"
    if m is None:
        return None
    if unit == "month":
        months = (y or 0) * 12 + m - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if d is None:
        return None
    return (date(y or 0, m, d) + timedelta(days=offset)).isoformat()


def _pick_year(m: int, d: int | None, ref: _Parts, direction: int) -> int | None:
    """The year that puts the day-month (or month) nearest to ``ref``, or the latest not after
    it (``direction`` -1, "vừa qua"), or the first not before it (+1, "tới")."""
    ry, rm, rd = ref
    if ry is None or rm is None:
        return ry
    by_day = d is not None and rd is not None

    def pos(y: int) -> int:
        return date(y, m, d or 1).toordinal() if by_day else y * 12 + m

    here = date(ry, rm, rd or 1).toordinal() if by_day else ry * 12 + rm
    years = [y for y in (ry - 1, ry, ry + 1) if d is None or d <= calendar.monthrange(y, m)[1]]
    if direction:
        years = [y for y in years if (pos(y) - here) * direction >= 0]
    if not years:
        return None
    return min(years, key=lambda y: (abs(pos(y) - here), y))


def _resolve(
    rule: _Rule, g: dict[str, str | None], ref: _Parts | None, lang: str
) -> tuple[str, str | None] | None:
    """(value, end_value) of one match, or None when it names no real date."""
    if g.get("rel") or g.get("unit"):
        if ref is None:
            return None
        if g.get("rel"):
            unit, offset = _REL_KEYS[_key(g["rel"] or "")]
        else:
            n = g["n"] or ""
            unit = _AGO_UNIT_KEYS[_key(g["unit"] or "")]
            offset = -(int(n) if n.isdigit() else _NUMBER_KEYS[_key(n)])
        value = _relative(unit, offset, ref)
        return (value, None) if value else None
    start = [_int(g.get("y")), _month(g, "m", "mn", "mw"), _int(g.get("d"))]
    end = [_int(g.get("y2")), _month(g, "m2", "mn2", "_"), _int(g.get("d2"))]
    if lang == "en" and rule.bare and start[1] is not None and start[2] is not None:
        # Month first in English numbers, unless only the day-first reading is a date.
        swapped = [start[0], start[2], start[1]]
        if _valid(swapped):
            start = swapped
    has_end = any(x is not None for x in end)
    borrowed = has_end and start[0] is None and end[0] is not None
    if has_end:
        start[1] = start[1] or end[1]
        start[0] = start[0] or end[0]
        end[1] = end[1] or start[1]
        end[0] = end[0] or start[0]
    if not (_valid(start) and _valid(end)):
        return None
    if has_end and start[0] is not None and _order(start) >= _order(end):
        if not borrowed:
            return None
        start[0] = (start[0] or 0) - 1  # "29/12 đến 2/1/2025"
        if not _valid(start):
            return None
    if rule.kind == "period" and (end[0] or 0) - (start[0] or 0) > t.PERIOD_MAX_YEARS:
        return None
    if start[0] is None and ref is not None and start[1] is not None:
        direction = _DIR_KEYS[_key(g["dir"] or "")] if g.get("dir") else 0
        year = _pick_year(start[1], start[2], ref, direction)
        if year is None:
            return None
        start[0] = year
        if has_end:
            end[0] = year + (_order([year, *end[1:]]) < _order(start))
    return _fmt(start), (_fmt(end) if has_end else None)


def _not_a_date(
    text: str, b: int, e: int, rule: _Rule, g: dict[str, str | None], lang: str
) -> bool:
    """A match that the tables of ``ingest.rules.dates`` say is no date."""
    before = text[max(0, b - 24) : b]
    if rule.name == "relative":
        return _REL_BEFORE.search(before) is not None
    if not rule.bare or g.get("pre") or g.get("fr"):
        return False
    if text[b:e] in t.NOT_DATE_LITERALS or _NOT_BEFORE.search(before):
        return True
    if g.get("y") or g.get("y2"):
        return False
    if _NOUN_AFTER.match(text, e):  # "2/5 thành phố"
        return True
    if g.get("m") and g["m"] == g["d"] and _WORD_AFTER.match(text, e):  # "12/12 huyện"
        return True
    # English numbers without a year or with a dot are fractions and decimals.
    return lang == "en" and "{sep}" in rule.name


def find_dates(text: str, *, ref: str | None = None, lang: str = "vi") -> list[DateSpan]:
    """The date expressions of ``text`` (one NFC sentence), in order, none overlapping.

    ``ref`` (the article's date) gives year-less and relative dates their year; without it a
    day-month is ``--MM-DD`` and a relative expression is not returned. ``lang`` orders English
    numbers month first.
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"Unexpected language: {lang!r}")
    ref_parts = _parse_ref(ref) if ref else None
    has_digit = _DIGIT.search(text) is not None
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter that lower-cases to two: no fast path
        lower = ""
    gates: dict[str, bool] = {}
    found: list[tuple[int, int, int, DateSpan]] = []
    for index, rule in enumerate(_RULES):
        if rule.gate != "words" and not has_digit and rule.gate != "tháng-word":
            continue
        subject, pattern = (lower, rule.fast) if rule.fast and lower else (text, rule.pattern)
        if rule.gate not in gates:
            gates[rule.gate] = _GATES[rule.gate].search(subject) is not None
        if not gates[rule.gate]:
            continue
        for m in pattern.finditer(subject):
            g = m.groupdict()
            b, e = m.span("core") if g.get("core") else m.span()
            if _not_a_date(text, b, e, rule, g, lang):
                continue
            values = _resolve(rule, g, ref_parts, lang)
            if values is None:
                continue
            name = rule.name.format(sep=_SEP_NAMES.get(g.get("sep") or "", ""))
            span = DateSpan(b, e, text[b:e], values[0], values[1], rule.kind, name)
            found.append((b - e, b, index, span))
    found.sort(key=lambda row: row[:3])
    kept: list[DateSpan] = []
    for *_, span in found:
        if all(span.end <= k.begin or span.begin >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.begin)


def xsd_type(value: str) -> str:
    """The XML Schema datatype of a value of :func:`find_dates`.

    >>> xsd_type("2024-09"), xsd_type("--09")
    ('gYearMonth', 'gMonth')
    """
    for pattern, name in _XSD_TYPES:
        if pattern.fullmatch(value):
            return name
    raise ValueError(f"Unexpected date value: {value!r}")
