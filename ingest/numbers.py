"""What each number in a sentence is, before it becomes a figure (part of stage 3, mentions).

Numbers that are dates, times, document codes, parts of names, captions, ordinals, age ranges,
ratios or years are told apart from counts; a count becomes a *figure* only when a measure (the
noun phrase counted) or a unit is found. Vietnamese writes ``1.200`` for a thousand two hundred
and ``8,2`` for a decimal; English the other way round: ``lang`` decides a lone separator
(``1,200`` in Vietnamese text is read as 1.2, the Vietnamese decimal comma).

>>> spans = classify_numbers("Hội nghị lần thứ 6 thu hút hơn 1.200 đại biểu từ 64 quốc gia.")
>>> [(s.text, s.role) for s in spans]
[('6', 'ordinal'), ('hơn 1.200', 'figure'), ('64', 'figure')]
>>> f = figures(spans)[0]
>>> f.value, f.qualifier, f.unit, f.measure
('1200', 'over', 'đại biểu', 'đại biểu')
>>> figures(spans)[1].set_of
1
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from ingest.rules import numbers as rules
from ingest.tokens import Token, token_key, tokenize
from kg.text import TONE_MARKS, tone_key

__all__ = ["NumberSpan", "classify_numbers", "figures"]


@dataclass(frozen=True)
class NumberSpan:
    """One number of a sentence; offsets are in the sentence text passed in."""

    begin: int
    end: int
    text: str
    role: str
    value: str = ""
    qualifier: str = rules.DEFAULT_QUALIFIER
    unit: str = ""
    measure: str = ""
    measure_begin: int = -1
    measure_end: int = -1
    percent_of: int | None = None
    set_of: int | None = None


# --- compiling the tables ------------------------------------------------------------------------
_AMBIGUOUS_TONE = re.compile("oa|oe|uy", re.IGNORECASE)


def _syllable_forms(syllable: str) -> set[str]:
    """Both tone placements of an "oa/oe/uy" syllable ("khoá", "khóa")."""
    bare_text = "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in TONE_MARKS)
    tones = [c for c in unicodedata.normalize("NFD", syllable) if c in TONE_MARKS]
    match = _AMBIGUOUS_TONE.search(bare_text)
    # Only an open syllable ends in the pair: "khoảng", "quyết" have one placement.
    if len(tones) != 1 or match is None or match.end() != len(bare_text):
        return {syllable}
    bare = list(bare_text)
    first, second = match.start() + 1, match.start() + 2
    return {syllable} | {
        unicodedata.normalize("NFC", "".join(bare[:i] + tones + bare[i:])) for i in (first, second)
    }


def _forms(phrase: str) -> set[str]:
    return {" ".join(p) for p in product(*(_syllable_forms(w) for w in phrase.split()))}


def _trie(forms: Sequence[str]) -> str:
    """An alternation of ``forms`` as a prefix tree: the regex engine tries alternatives one
    by one, so a shared prefix is compared once and a wrong first letter fails at once."""
    heads: dict[str, list[str]] = {}
    ends = False
    for form in forms:
        if form:
            heads.setdefault(form[0], []).append(form[1:])
        else:
            ends = True
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie(rest) for ch, rest in sorted(heads.items())
    ]
    if ends:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _alternation(words: Iterable[str], *, ignore_case: bool = True) -> str:
    forms = {" ".join(f.split()) for w in words for f in _forms(w)}
    if ignore_case:
        forms = {f.lower() for f in forms}
    body = _trie(sorted(forms))
    # A one-character class in front lets the engine reject most positions in one test.
    firsts = {f[0] for f in forms}
    if ignore_case:
        firsts |= {c.upper() for c in firsts}
    guard = "".join(re.escape(c) for c in sorted(firsts))
    return f"(?=[{guard}])(?i:{body})" if ignore_case else f"(?=[{guard}])(?:{body})"


def _expand(pattern: str) -> str:
    def table(m: re.Match[str]) -> str:
        name = m.group(1)
        words: tuple[str, ...] = getattr(rules, name)
        return _alternation(words, ignore_case=name not in rules.CASE_SENSITIVE_TABLES)

    return re.sub(r"<([A-Z_]+)>", table, pattern)


_LOOKBEHIND = re.compile(r"\(\?<!(?:[^()\\]|\\.)*\)")
_DIGIT_START = ("(?P<s>\\d", "(?P<s>[0-", "(?P<s>1?\\d", "(?P<s>(?:19|20)", "(?P<s>\\+?\\d")
_WORD_START = ("<", "(?i:", "(?P<s><", "(?P<s>[A-Z", "(?P<s>[vV]")


def _starts(pattern: str) -> tuple[bool, bool]:
    """Whether a row can match from a digit, and from anything else (a cheap reading of how
    the pattern begins, after its lookbehinds; unsure means both)."""
    head = pattern
    while (m := _LOOKBEHIND.match(head)) is not None:
        head = head[m.end() :]
    if head.startswith(_DIGIT_START):
        return True, False
    if head.startswith(_WORD_START):
        return False, True
    return True, True


def _claims(rows: Sequence[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex of all rows; group ``r{i}`` is row i, ``s{i}`` its span part. A match can only
    start at a word boundary, and a digit selects the rows that start with one: the engine
    tries alternatives one by one, so this keeps a sentence to a few passes of cheap tests."""
    digit: list[str] = []
    other: list[str] = []
    anchored: list[str] = []
    roles: dict[str, tuple[str, str]] = {}

    def part(i: int, tag: str, pattern: str) -> str:
        roles[f"r{i}{tag}"] = (rows[i][0], f"s{i}{tag}")
        return f"(?P<r{i}{tag}>{_expand(pattern).replace('(?P<s>', f'(?P<s{i}{tag}>')})"

    for i, (_, pattern) in enumerate(rows):
        if pattern.startswith("^"):
            anchored.append(part(i, "a", pattern))
            continue
        from_digit, from_other = _starts(pattern)
        if from_digit:
            digit.append(part(i, "d", pattern))
        if from_other:
            other.append(part(i, "w", pattern))
    from_digit_rows, from_other_rows = "|".join(digit) or "(?!)", "|".join(other) or "(?!)"
    body = f"(?<!\\w)(?:(?=\\d)(?:{from_digit_rows})|(?!\\d)(?:{from_other_rows}))"
    return re.compile("|".join([*anchored, body])), roles


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(phrase))


def _phrase_index(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """First word key → phrase keys, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for keys in sorted({_keys(p) for p in phrases}, key=len, reverse=True):
        out.setdefault(keys[0], []).append(keys)
    return out


_CLAIMS, _CLAIM_ROLES = _claims(rules.CLAIMS)
_WORD_ROWS = [(role, p) for role, p in rules.CLAIMS if r"\d" not in p and "_N" not in p]
_WORD_CLAIMS, _WORD_CLAIM_ROLES = _claims(_WORD_ROWS)
_CAPTION_LINE = re.compile(_expand(rules.CAPTION_LINE))
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_GLUED_UNIT = re.compile(r"[^\W\d_]+\d?(?!\w)")
_PERCENT = re.compile(rf"\s?%|\s+{_alternation(rules.PERCENT_WORDS)}(?!\w)")
_MULTIPLIER = re.compile(rf"\s+({_alternation(w for w, _ in rules.MULTIPLIERS)})(?!\w)")
_MULTIPLIER_POWER = {tone_key(w): p for w, p in rules.MULTIPLIERS}
_CURRENCY_AFTER = re.compile(rf"\s*(?:{_alternation(rules.CURRENCIES)}(?!\w)|[$€£¥])")
_CURRENCY_BEFORE = sorted(rules.CURRENCY_BEFORE, key=len, reverse=True)
_SPELLED_VALUE = {tone_key(w): v for w, v in (*rules.SPELLED_VI, *rules.SPELLED_EN)}
_EN_UNITS = (*rules.UNITS_EN, *(_plural(u) for u in rules.UNITS_EN))
_UNIT_WORDS = (
    *rules.UNITS_VI,
    *_EN_UNITS,
    *rules.CURRENCIES,
    *(f"{m} {c}" for m, _ in rules.MULTIPLIERS for c in rules.CURRENCIES),
)
_UNITS = _phrase_index(_UNIT_WORDS)
_SPELLED = re.compile(
    rf"(?<!\w)({_alternation(w for w, _ in (*rules.SPELLED_VI, *rules.SPELLED_EN))})"
    rf"(?=\s+(?:{_alternation(w for w, _ in rules.MULTIPLIERS)}\s+)?"
    rf"{_alternation(_UNIT_WORDS)}(?!\w))"
)
_QUALIFIERS = {
    "vi": {tone_key(q): v for q, v in rules.QUALIFIERS_VI},
    "en": {tone_key(q): v for q, v in rules.QUALIFIERS_EN},
}
_STOPS = {
    "vi": frozenset(tone_key(w) for w in rules.MEASURE_STOPS_VI),
    "en": frozenset(tone_key(w) for w in rules.MEASURE_STOPS_EN),
}
_LEAD_SKIP = _phrase_index(rules.MEASURE_LEAD_SKIP)
_CUES = {
    "vi": sorted({_keys(c) for c in rules.MEASURE_BEFORE_VI}, key=len, reverse=True),
    "en": sorted({_keys(c) for c in rules.MEASURE_BEFORE_EN}, key=len, reverse=True),
}
_BEFORE_STOPS = frozenset(_keys(w) for w in rules.MEASURE_BEFORE_STOPS)
_BEFORE_HEADS = tuple(_keys(w) for w in rules.MEASURE_BEFORE_HEADS)
_DURATIONS = frozenset(token_key(w) for w in rules.DURATION_WORDS)
_BEFORE_TRIM = _phrase_index(rules.MEASURE_BEFORE_TRIM)
_SET_GAP = re.compile(rf"\s*{_alternation(rules.SET_LINKS)}\s+")
_SHARE_GAP = re.compile(
    rf"\s*\(\s*(?:{_alternation(rules.SHARE_CUES)}\s+)?|\s*,\s*{_alternation(rules.SHARE_CUES)}\s+"
)
_CLOSE = re.compile(r"\s*\)")
_QUOTES = {"“": "”", '"': '"', "«": "»", "‘": "’"}


# --- reading numbers -----------------------------------------------------------------------------
def _parse(raw: str, lang: str) -> Decimal | None:
    """The value of "1.200" / "8,2" / "1,200" / "12.500.000,5"; ``None`` when malformed."""
    dots, commas = raw.count("."), raw.count(",")
    thousands, decimal = "", ""
    if dots and commas:
        thousands, decimal = (".", ",") if raw.rfind(",") > raw.rfind(".") else (",", ".")
    elif dots or commas:
        sep = "." if dots else ","
        groups = raw.split(sep)
        grouped = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
        if len(groups) > 2:
            if not grouped:
                return None
            thousands = sep
        elif grouped and sep == ("." if lang == "vi" else ","):
            thousands = sep
        else:
            decimal = sep
    whole, _, fraction = raw.partition(decimal) if decimal else (raw, "", "")
    if thousands:
        groups = whole.split(thousands)
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if decimal and (not fraction.isdigit() or (thousands and thousands in fraction)):
        return None
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _format(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


# --- context around a number ---------------------------------------------------------------------
class _Context:
    """The sentence with its tokens, computed once for all the numbers in it."""

    def __init__(self, sentence: str, lang: str, dates: Sequence[tuple[int, int]]) -> None:
        self.text = sentence
        self.lang = lang
        self.tokens: tuple[Token, ...] = tokenize(sentence)
        self.begins = [t.begin for t in self.tokens]
        self.keys = tuple(t.key for t in self.tokens)
        self.dates = dates

    def in_date(self, i: int) -> bool:
        return any(b <= i < e for b, e in self.dates)

    def words_before(self, end: int, n: int) -> list[tuple[int, str]]:
        """Up to ``n`` whitespace-separated words ending before ``end`` (last first)."""
        text, i = self.text, end
        out: list[tuple[int, str]] = []
        for _ in range(n):
            j = i
            while j > 0 and text[j - 1].isspace():
                j -= 1
            if (j == i and out) or j == 0:
                break
            k = j
            while k > 0 and not text[k - 1].isspace():
                k -= 1
            while k < j and not text[k].isalnum():
                k += 1
            if k == j:
                break
            out.append((k, text[k:j]))
            if k > 0 and not text[k - 1].isspace():
                break
            i = k
        return out

    def qualifier(self, begin: int) -> tuple[int, str]:
        """Where the qualifier before ``begin`` starts, and its label."""
        if begin == 0 or not self.text[begin - 1].isspace():
            return begin, rules.DEFAULT_QUALIFIER
        words = self.words_before(begin, 3)
        table = _QUALIFIERS[self.lang]
        for n in range(len(words), 0, -1):
            start = words[n - 1][0]
            label = table.get(token_key(" ".join(w for _, w in reversed(words[:n]))))
            if label is not None and not self.in_date(start):
                return start, label
        return begin, rules.DEFAULT_QUALIFIER

    def currency_before(self, begin: int) -> tuple[int, str]:
        head = self.text[:begin].rstrip()
        for sign in _CURRENCY_BEFORE:
            if head.endswith(sign):
                start = len(head) - len(sign)
                glued = len(head) == begin
                if (start == 0 or not head[start - 1].isalnum()) and (glued or sign.isalpha()):
                    return start, sign
        return begin, ""

    def measure_after(self, pos: int, *, skip_lead: bool) -> tuple[int, int]:
        """Offsets of the noun phrase that starts at ``pos``, or (-1, -1)."""
        tokens, keys, stops = self.tokens, self.keys, _STOPS[self.lang]
        i = bisect_left(self.begins, pos)
        if skip_lead and i < len(keys):
            for lead in _LEAD_SKIP.get(keys[i], ()):
                if keys[i : i + len(lead)] == lead:
                    i += len(lead)
                    break
        first, last, count = i, i - 1, 0
        while i < len(tokens) and count < rules.MEASURE_MAX_TOKENS:
            tok = tokens[i]
            if tok.text in _QUOTES:
                close = next(
                    (
                        j
                        for j in range(i + 1, min(i + 20, len(tokens)))
                        if tokens[j].text == _QUOTES[tok.text]
                    ),
                    None,
                )
                if close is None or (count == 0 and not tokens[i + 1].text[0].isalpha()):
                    break  # a quoted name may be what is counted: 112 “Ngôi nhà trí tuệ”
                last, i, count = close, close + 1, count + 1
                continue
            if tok.text == "-" and count and i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if tokens[i - 1].end == tok.begin == nxt.begin - 1 and nxt.text[0].isalpha():
                    last, i = i + 1, i + 2
                    continue
            if not tok.text[0].isalpha() or tok.key in stops or self.in_date(tok.begin):
                break
            if (
                self.lang == "en"
                and count
                and tok.key.endswith(("ed", "ing"))
                and keys[i - 1].endswith("s")
            ):
                break
            last, i, count = i, i + 1, count + 1
        if last < first:
            return -1, -1
        return tokens[first].begin, tokens[last].end

    def unit_at(self, pos: int, end: int) -> str:
        """The unit-table phrase at the start of the measure ``pos:end``, as written."""
        i = bisect_left(self.begins, pos)
        if i >= len(self.keys):
            return ""
        for row in _UNITS.get(self.keys[i], ()):
            j = i + len(row) - 1
            if self.keys[i : i + len(row)] == row and self.tokens[j].end <= end:
                return self.text[self.tokens[i].begin : self.tokens[j].end]
        return ""

    def measure_before(self, begin: int) -> tuple[int, int]:
        """The noun phrase before a cue ("tỷ lệ … đạt", "accounting for") right before ``begin``."""
        keys, tokens = self.keys, self.tokens
        i = bisect_left(self.begins, begin)
        cue = next((c for c in _CUES[self.lang] if i >= len(c) and keys[i - len(c) : i] == c), None)
        if cue is None:
            return -1, -1
        last = i - len(cue) - 1
        j = last
        while j >= 0 and last - j < rules.MEASURE_BEFORE_MAX_TOKENS:
            tok = tokens[j]
            if not tok.text[0].isalpha() or self.in_date(tok.begin):
                break
            if keys[j : j + 1] in _BEFORE_STOPS or (j and keys[j - 1 : j + 1] in _BEFORE_STOPS):
                break
            j -= 1
        start = j + 1
        for k in range(last, max(-1, last - rules.MEASURE_BEFORE_HEAD_REACH), -1):
            if not tokens[k].text[0].isalnum() and tokens[k].text in ",;:":
                break
            head = next((h for h in _BEFORE_HEADS if keys[k : k + len(h)] == h), None)
            if head is not None:
                start = min(start, k)
                break
        while start <= last:
            trim = next(
                (t for t in _BEFORE_TRIM.get(keys[start], ()) if keys[start : start + len(t)] == t),
                None,
            )
            if trim is None:
                break
            start += len(trim)
        if start > last:
            return -1, -1
        return tokens[start].begin, tokens[last].end


# --- classifying ---------------------------------------------------------------------------------
def _inside(b: int, e: int, spans: Sequence[tuple[int, int, str]]) -> str | None:
    return next((role for sb, se, role in spans if sb <= b and e <= se), None)


def _overlaps(b: int, e: int, spans: Sequence[tuple[int, int, str]]) -> bool:
    return any(b < se and sb < e for sb, se, _ in spans)


def _ratio_role(text: str) -> str:
    num, den = (int(n) for n in re.findall(r"\d+", text)[:2])
    return "fraction" if num < den < 10 else "ratio"


def _candidate(ctx: _Context, b: int, e: int, value: Decimal | None) -> NumberSpan:
    """A number no rule claimed: a figure when a measure or unit is found, else "other"."""
    text = ctx.text
    if value is None:
        return NumberSpan(b, e, text[b:e], "other")
    pos, unit, applied = e, "", False
    percent = _PERCENT.match(text, e)
    if percent:
        pos, unit = percent.end(), "%"
    else:
        mult = _MULTIPLIER.match(text, e)
        if mult and not _CURRENCY_AFTER.match(text, mult.end()):
            value *= Decimal(10) ** _MULTIPLIER_POWER[token_key(mult.group(1))]
            pos, applied = mult.end(), True
    start, sign = ctx.currency_before(b)
    start, qualifier = ctx.qualifier(start)
    glued = _GLUED_UNIT.match(text, pos) if pos == e else None
    if glued:
        unit = glued.group(0)
        _, me = ctx.measure_after(glued.end(), skip_lead=False)
        mb, me = glued.start(), max(me, glued.end())
    else:
        mb, me = ctx.measure_after(pos, skip_lead=bool(percent) or applied)
        if not unit and mb >= 0:
            unit = ctx.unit_at(mb, me)
    if not unit and sign:
        unit = sign
    raw = text[b:e]
    if not percent and not applied and not unit and _YEAR.fullmatch(raw):
        return NumberSpan(b, e, raw, "year")
    if percent or mb < 0:
        before = ctx.measure_before(start)
        if before[0] >= 0:
            mb, me = before
    if mb < 0 and not unit:
        return NumberSpan(start, pos, text[start:pos], "other", qualifier=qualifier)
    if (
        value == 1
        and qualifier == rules.DEFAULT_QUALIFIER
        and not (percent or applied or sign or glued)
    ):
        # "xây dựng 1 cộng đồng": a digit written for the article "một", "a"
        return NumberSpan(start, pos, text[start:pos], "other")
    measure = text[mb:me] if mb >= 0 else ""
    return NumberSpan(
        start, pos, text[start:pos], "figure", _format(value), qualifier, unit, measure, mb, me
    )


def _link(ctx: _Context, spans: list[NumberSpan]) -> list[NumberSpan]:
    """Parenthesised shares (``percent_of``) and sets of figures (``set_of``)."""
    text = ctx.text
    for i in range(1, len(spans)):
        cur, prev = spans[i], spans[i - 1]
        if cur.role != "figure" or prev.role != "figure":
            continue
        prev_end = max(prev.end, prev.measure_end)
        gap_end = cur.begin
        if cur.unit == "%" and prev.unit != "%":
            gap = _SHARE_GAP.fullmatch(text, prev_end, gap_end)
            if gap and (not gap.group(0).lstrip().startswith("(") or _CLOSE.match(text, cur.end)):
                spans[i] = replace(cur, percent_of=i - 1)
                continue
        if (
            prev.measure_end >= 0
            and cur.unit != "%"
            and _SET_GAP.fullmatch(text, prev_end, gap_end)
        ):
            spans[i] = replace(cur, set_of=prev.set_of if prev.set_of is not None else i - 1)
    return spans


def classify_numbers(
    sentence: str,
    *,
    dates: Sequence[tuple[int, int]] = (),
    names: Sequence[tuple[int, int]] = (),
    lang: str = "vi",
) -> list[NumberSpan]:
    """Every number of ``sentence`` with its role, in text order.

    ``dates`` and ``names`` are spans found by earlier stages: each number inside one is a
    ``"date"`` or ``"name"`` span of its own.
    """
    if lang not in _QUALIFIERS:
        raise ValueError(f"Unexpected language: {lang!r}")
    has_digit = _DIGIT.search(sentence) is not None
    given = [(b, e, "date") for b, e in dates] + [(b, e, "name") for b, e in names]
    claims: list[tuple[int, int, str]] = []
    pattern, roles = (_CLAIMS, _CLAIM_ROLES) if has_digit else (_WORD_CLAIMS, _WORD_CLAIM_ROLES)
    caption_line = has_digit and _CAPTION_LINE.match(sentence) is not None
    for m in pattern.finditer(sentence):
        role, group = roles[m.lastgroup or ""]
        b, e = m.span(group) if m.group(group) is not None else m.span()
        if not caption_line and not _overlaps(b, e, given):
            claims.append((b, e, role))
    ctx: _Context | None = None
    out: list[NumberSpan] = []
    for b, e, role in claims:
        if role == "ratio":
            role = _ratio_role(sentence[b:e])
            ctx = ctx or _Context(sentence, lang, dates)
            mb, me = ctx.measure_after(e, skip_lead=False)
            if mb >= 0:
                out.append(
                    NumberSpan(
                        b,
                        e,
                        sentence[b:e],
                        role,
                        "",
                        rules.DEFAULT_QUALIFIER,
                        ctx.unit_at(mb, me),
                        sentence[mb:me],
                        mb,
                        me,
                    )
                )
                continue
        out.append(NumberSpan(b, e, sentence[b:e], role))
    consumed = -1
    for m in _RUN.finditer(sentence) if has_digit else ():
        b, e = m.span()
        if b < consumed or _overlaps(b, e, claims):
            continue
        role_given = _inside(b, e, given)
        if role_given or caption_line or _overlaps(b, e, given):
            out.append(NumberSpan(b, e, m.group(0), role_given or "caption"))
            continue
        if b and sentence[b - 1].isalpha():
            out.append(NumberSpan(b, e, m.group(0), "other"))
            continue
        ctx = ctx or _Context(sentence, lang, dates)
        span = _candidate(ctx, b, e, _parse(m.group(0), lang))
        glued = _GLUED_UNIT.match(sentence, e)
        consumed = glued.end() if glued else e
        out.append(span)
    taken = [(s.begin, s.end, s.role) for s in out]
    for m in _SPELLED.finditer(sentence) if lang in rules.SPELLED_LANGUAGES else ():
        b, e = m.span()
        if _overlaps(b, e, taken) or _overlaps(b, e, given):
            continue
        ctx = ctx or _Context(sentence, lang, dates)
        span = _candidate(ctx, b, e, Decimal(_SPELLED_VALUE[token_key(m.group(1))]))
        if span.role == "figure" and span.unit:
            out.append(span)
    out.sort(key=lambda s: s.begin)
    return _link(ctx, out) if ctx is not None and len(out) > 1 else out


def figures(spans: Sequence[NumberSpan]) -> list[NumberSpan]:
    """The spans that are figures with a measure or a unit, not a duration or a multiple."""
    return [
        s
        for s in spans
        if s.role == "figure" and (s.measure or s.unit) and not _is_duration(s.measure or s.unit)
    ]


def _is_duration(measure: str) -> bool:
    first = measure.split(maxsplit=1)[:1]
    return bool(first) and token_key(first[0].strip(",.;:")) in _DURATIONS
