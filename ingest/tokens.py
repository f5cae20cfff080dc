"""Word tokens with code-point offsets, and the tone keys the matchers compare."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text import tone_key

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Tokens the matchers skip on both sides: "Mạng lưới các thành phố …" = "Mạng lưới thành phố …".
SKIPPABLE = frozenset(tone_key(w) for w in ("các", "những"))


@dataclass(frozen=True)
class Token:
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


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text``; offsets are shifted by ``offset``.

    >>> [t.text for t in tokenize("TP.HCM, ASEAN+3")]
    ['TP', '.', 'HCM', ',', 'ASEAN', '+', '3']
    """
    return tuple(
        Token(m.start() + offset, m.end() + offset, m.group(0), tone_key(m.group(0)))
        for m in _TOKEN.finditer(text)
    )


def key_of(text: str) -> tuple[str, ...]:
    """Matching key of a name: tone keys of its tokens, skippable words left out."""
    return tuple(t.key for t in tokenize(text) if t.key not in SKIPPABLE)


def key_set(words: frozenset[str] | tuple[str, ...]) -> frozenset[str]:
    """Tone keys of table words, for membership tests against :attr:`Token.key`."""
    return frozenset(tone_key(w) for w in words)
