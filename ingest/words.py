"""Is a gazetteer hit a word of its own? Vietnamese writes a word as several syllables with spaces
between them, so "Thái Bình" is also the start of "Thái Bình Dương" (the Pacific) and "Hải Phòng"
the end of a man's name. A word segmenter (underthesea's CRF model, shipped in its wheel) decides.

It is asked only where the question arises — a place name with a capitalised word beside it — and
on a window of a few syllables around the hit, so that most sentences never reach it.
"""

from __future__ import annotations

from functools import lru_cache

from ingest.rules.mentions import SURNAMES
from kg.text import tone_key

# Syllables either side of the hit that the segmenter sees.
WINDOW = 3
_SURNAMES = frozenset(tone_key(s) for s in SURNAMES)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    from underthesea import word_tokenize  # imported on first use: loading the model costs ~0.2 s

    return word_tokenize


def warm() -> None:
    """Load the segmenter and its model now (in a parent process, so forked workers share it
    instead of each loading its own while the others run ahead)."""
    _words(("Thái", "Bình", "Dương"))


@lru_cache(maxsize=8192)
def _words(window: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The segmenter's words of the syllables, each as tone keys of its syllables."""
    words = _segmenter()(" ".join(window))
    return tuple(tuple(tone_key(s) for s in w.split()) for w in words)


def is_own_word(before: tuple[str, ...], hit: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """``hit`` (syllables) is a word of its own between ``before`` and ``after``, or the start of
    a place followed by a person's name ("… TP Cao Lãnh Võ Minh Thạnh", which the segmenter
    joins). Without a usable answer (syllables lost or split differently) the hit stands.

    >>> is_own_word(("châu", "Á", "-"), ("Thái", "Bình"), ("Dương", "vì"))
    False
    >>> is_own_word(("TP",), ("Hà", "Nội"), ("Vũ", "Đại", "Thắng"))
    True
    """
    words = _words((*before, *hit, *after))
    if sum(len(w) for w in words) != len(before) + len(hit) + len(after):
        return True
    start, end = len(before), len(before) + len(hit)
    pos = 0
    for w in words:
        w_start, w_end = pos, pos + len(w)
        pos = w_end
        if w_end <= start or w_start >= end:
            continue
        if w_start < start:
            return False  # the hit ends a longer word: "Trần Văn Hải Phòng"
        if w_end > end:
            rest = w[end - w_start :]
            # "Cao Lãnh Võ Minh Thạnh": a surname and a given name after the place
            return 2 <= len(rest) <= 4 and rest[0] in _SURNAMES
    return True
