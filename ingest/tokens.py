"""Word tokens with code-point offsets, the tone keys the matchers compare, and phrase tables
looked up by the token a phrase starts at."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from kg.text import TONE_MARKS, fold, nfc, tone_key

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
# Distinct token texts are few (syllables, names, punctuation): their keys are computed once.
_WORD_CACHE = 1 << 16
token_key = lru_cache(maxsize=_WORD_CACHE)(tone_key)
token_fold = lru_cache(maxsize=_WORD_CACHE)(fold)


@lru_cache(maxsize=_WORD_CACHE)
def _word_key(word: str) -> str:
    """The tone key of one word of case-folded NFC text, as :func:`kg.text.tone_key` makes it:
    the tone mark moved to the end."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare) + tones


def text_key(text: str) -> str:
    """:func:`kg.text.tone_key` of a longer text (a line, a paragraph), with each word's key
    computed once per process.

    >>> text_key("Thành uỷ Vinh.") == tone_key("Thành uỷ Vinh.")
    True
    """
    return _WORD.sub(lambda m: _word_key(m[0]), nfc(text).casefold())


# Tokens the matchers skip on both sides: "Mạng lưới các thành phố …" = "Mạng lưới thành phố …".
SKIPPABLE = frozenset(tone_key(w) for w in ("các", "những"))


class Token(NamedTuple):
    begin: int
    end: int
    text: str
    key: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.text[0].islower()


@lru_cache(maxsize=1024)
def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``. Memoised: the mention and fact
    stages tokenize the same sentences.

    >>> [t.text for t in tokenize("TP.HCM, ASEAN+3")]
    ['TP', '.', 'HCM', ',', 'ASEAN', '+', '3']
    """
    return tuple(
        Token(m.start() + offset, m.end() + offset, m[0], token_key(m[0]))
        for m in _TOKEN.finditer(text)
    )


def key_of(text: str) -> tuple[str, ...]:
    """Matching key of a name: tone keys of its tokens, skippable words left out."""
    return tuple(t.key for t in tokenize(text) if t.key not in SKIPPABLE)


def key_set(words: frozenset[str] | tuple[str, ...]) -> frozenset[str]:
    """Tone keys of table words, for membership tests against :attr:`Token.key`."""
    return frozenset(tone_key(w) for w in words)


Row = TypeVar("Row", bound=tuple[Any, ...])


class PhraseTable(Generic[Row]):
    """Rows of a cue table whose first item is a phrase's key (see :func:`key_of`), found by the
    token they start at: only rows whose first word is that token's key are compared.

    >>> table = PhraseTable([(key_of("thành phố"), "city"), (key_of("thành"), "part")])
    >>> keys = tuple(t.key for t in tokenize("Thành phố Vinh, thành"))
    >>> {i: [row[1] for row in rows] for i, rows in table.scan(keys).items()}
    {0: ['city', 'part'], 4: ['part']}
    >>> table.first(keys, 1) is None
    True
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        self._by_first: dict[str, list[Row]] = {}
        for row in rows:
            if not row[0]:
                raise ValueError(f"table row {row!r}: the phrase has no words")
            self._by_first.setdefault(row[0][0], []).append(row)

    def scan(self, keys: tuple[str, ...]) -> dict[int, list[Row]]:
        """Token index → the rows whose phrase starts there, in table order; by index."""
        out: dict[int, list[Row]] = {}
        by_first = self._by_first
        for i in [i for i, key in enumerate(keys) if key in by_first]:
            found = [row for row in by_first[keys[i]] if keys[i : i + len(row[0])] == row[0]]
            if found:
                out[i] = found
        return out

    def first(self, keys: tuple[str, ...], i: int) -> Row | None:
        """The first row whose phrase starts at token ``i``, or ``None``."""
        if i >= len(keys):
            return None
        for row in self._by_first.get(keys[i], ()):
            if keys[i : i + len(row[0])] == row[0]:
                return row
        return None
