"""Stage 2 — segment: paragraphs (lines of the cleaned text), then sentences, with offsets."""

from __future__ import annotations

import logging
import re

from ingest.model import Article, Sentence
from ingest.rules import segment as rules

logger = logging.getLogger(__name__)

# A candidate boundary: terminators, optional closers, whitespace, then the next sentence's start.
_BOUNDARY = re.compile(
    rf"[{re.escape(rules.TERMINATORS)}]+[{re.escape(rules.CLOSERS)}]*(?=\s+[{re.escape(rules.OPENERS)}]*[\w])"
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    following = text[match.end() :].lstrip()
    following = following.lstrip(rules.OPENERS)
    if not following or not (following[0].isupper() or following[0].isdigit()):
        return False
    if text[start] == ".":
        before = _WORD_BEFORE.search(text[:start])
        if before is not None:
            word = before.group(1)
            last = word.rstrip(".").rsplit(".", 1)[-1]  # "PGS.TS." ends with "TS"
            if word in rules.ABBREVIATIONS or last in rules.ABBREVIATIONS:
                return False
    return True


def _split_paragraph(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match):
            spans.append((begin, match.end()))
            begin = match.end()
            while begin < len(text) and text[begin].isspace():
                begin += 1
    spans.append((begin, len(text)))
    out = []
    for b, e in spans:
        while e > b and text[e - 1].isspace():
            e -= 1
        if e > b:
            out.append((offset + b, offset + e))
    return out


def segment(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the cleaned text; ``text[begin:end]`` of each equals its ``text``.

    A paragraph is one line of the cleaned text; a headline without final punctuation is a
    sentence of its own because it is a paragraph of its own.
    """
    sentences: list[Sentence] = []
    pos = 0
    for para_index, para in enumerate(article.text.split("\n")):
        for begin, end in _split_paragraph(para, pos):
            sentences.append(
                Sentence(len(sentences), para_index, begin, end, article.text[begin:end])
            )
        pos += len(para) + 1
    logger.debug("%s: %d sentences", article.article_id, len(sentences))
    return tuple(sentences)
