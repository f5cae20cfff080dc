"""Stage 1 — clean: cut site chrome and non-article blocks; keep a cleaned→raw offset map."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ingest.model import Article, ArticleMeta, Removal, Segment
from ingest.rules import clean as rules
from ingest.tokens import text_key
from kg.text import nfc, tone_key

logger = logging.getLogger(__name__)

_LINE_RULES = tuple((rule, re.compile(pattern)) for rule, pattern in rules.LINE_RULES)
_HEADINGS = frozenset(tone_key(h) for h in rules.BLOCK_HEADINGS)
_INLINE_HEADINGS = frozenset(tone_key(h) for h in rules.INLINE_BLOCK_HEADINGS)
_TRAILING_PUNCT = " .:…"


@dataclass(frozen=True)
class _Line:
    begin: int  # raw offset of the first non-blank character
    text: str  # stripped


def normalise_raw(text: str) -> str:
    """The raw text offsets refer to: NFC with ``\\n`` line ends."""
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        out.append(_Line(pos + lead, stripped))
        pos += len(line) + 1
    return out


def _line_rule(text: str) -> str | None:
    for rule, pattern in _LINE_RULES:
        if pattern.search(text):
            return rule
    return None


def _is_body(text: str) -> bool:
    return len(text.split()) >= rules.BODY_MIN_WORDS and text.endswith(tuple(rules.SENTENCE_END))


def _is_headline(text: str) -> bool:
    """A short line that does not end as a sentence does: a teaser, subheading or byline."""
    return len(text.split()) <= rules.HEADLINE_MAX_WORDS and not text.endswith(
        tuple(rules.SENTENCE_END)
    )


def _is_inline_heading(text: str) -> bool:
    return text_key(text.strip(_TRAILING_PUNCT)) in _INLINE_HEADINGS


def _is_heading(text: str) -> bool:
    return text_key(text.strip(_TRAILING_PUNCT)) in _HEADINGS


def _lcs_length(a: str, b: str) -> int:
    """Length of a longest common subsequence (bit-parallel: one step per character of ``a``)."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for ch in a:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def _similar(ka: str, kb: str) -> bool:
    """difflib's ratio of two tone keys reaches the near-duplicate ratio. The ratio counts the
    characters of a common subsequence, so two upper bounds (the shorter length, the longest
    common subsequence) settle most pairs before the ratio itself is computed."""
    if ka == kb:
        return True
    threshold, total = rules.NEAR_DUPLICATE_RATIO, len(ka) + len(kb)
    if 2.0 * min(len(ka), len(kb)) / total < threshold:
        return False
    if 2.0 * _lcs_length(ka, kb) / total < threshold:
        return False
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= threshold


def _decide(lines: list[_Line]) -> list[str | None]:
    """Per line: ``None`` = keep (or blank), else the id of the rule that removes it."""
    decisions: list[str | None] = [None] * len(lines)
    in_block, inline, block_lines = False, False, 0
    for i, line in enumerate(lines):  # a box of links inside the story ends where it resumes
        if not line.text:
            continue
        if _is_heading(line.text) and not (in_block and not inline):
            in_block, inline, block_lines = True, _is_inline_heading(line.text), 0
        elif (
            in_block
            and inline
            and block_lines <= rules.INLINE_BLOCK_MAX_LINES
            and _is_body(line.text)
            and _is_body(next((ln.text for ln in lines[i + 1 :] if ln.text), ""))
        ):  # two paragraphs in a row: the story again, not a teaser's summary under its headline
            in_block = False
        if in_block:
            decisions[i] = rules.BLOCK_RULE
            block_lines += 1
    seen: set[str] = set()
    previous: str | None = None  # the tone key of the last kept line
    for i, line in enumerate(lines):
        if not line.text or decisions[i] is not None:
            continue
        key = text_key(line.text)
        rule = _line_rule(line.text)
        if rule is None and previous is not None and _similar(previous, key):
            rule = rules.NEAR_DUPLICATE_RULE
        if rule is None and key in seen:
            rule = rules.REPEATED_LINE_RULE
        if rule is None and seen and _is_headline(line.text):  # the first kept line is the title
            rule = rules.HEADLINE_RULE
        decisions[i] = rule
        if rule is None:
            previous = key
            seen.add(key)
    return decisions


def _removals(raw: str, lines: list[_Line], decisions: list[str | None]) -> tuple[Removal, ...]:
    """Group runs of lines removed by one rule (blank lines do not break a run)."""
    out: list[Removal] = []
    run: list[int] = []
    rule: str | None = None

    def flush() -> None:
        if run and rule is not None:
            first, last = lines[run[0]], lines[run[-1]]
            end = last.begin + len(last.text)
            out.append(Removal(rule, len(run), first.begin, end, raw[first.begin : end]))

    for i, line in enumerate(lines):
        if not line.text:
            continue
        if decisions[i] != rule:
            flush()
            run, rule = [], decisions[i]
        if decisions[i] is not None:
            run.append(i)
    flush()
    return tuple(out)


def clean(article_id: str, raw_text: str, meta: ArticleMeta) -> Article:
    """Cleaned article: one kept paragraph per line, NFC, with the removed blocks recorded.

    >>> a = clean("x", "Trang chủGiáo dục\\nTin chính.\\nTin chính.\\nNguồn\\nMới nhất\\nTin khác.",
    ...           ArticleMeta())
    >>> a.text, [(r.rule, r.line_count) for r in a.removals]
    ('Tin chính.', [('breadcrumb', 1), ('duplicate-caption', 1), ('source-footer', 1), \
('related-block', 2)])
    """
    raw = normalise_raw(raw_text)
    lines = _lines(raw)
    decisions = _decide(lines)
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for line, decision in zip(lines, decisions, strict=True):
        if not line.text or decision is not None:
            continue
        if parts:
            pos += 1  # the "\n" between paragraphs
        segments.append(Segment(pos, line.begin, len(line.text)))
        parts.append(line.text)
        pos += len(line.text)
    removals = _removals(raw, lines, decisions)
    logger.debug("%s: kept %d lines, %d removals", article_id, len(parts), len(removals))
    return Article(article_id, raw, "\n".join(parts), meta, removals, tuple(segments))


def removed_lines_by_rule(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for removal in article.removals:
        counts[removal.rule] = counts.get(removal.rule, 0) + removal.line_count
    return dict(sorted(counts.items()))
