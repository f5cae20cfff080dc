"""A token-level view of one sentence with its gazetteer matches, shared by the mention finders."""

from __future__ import annotations

from ingest.gazetteer import Gazetteer
from ingest.model import Mention, Sentence
from ingest.rules import mentions as rules
from ingest.tokens import PhraseTable, key_of, tokenize

Phrase = tuple[tuple[str, ...], str]

_QUOTE_PAIRS = dict(rules.QUOTES)
PLACE_KINDS = frozenset({"city", "province", "country", "place"})


def phrases(words: tuple[str, ...]) -> PhraseTable[Phrase]:
    """``words`` as token keys, longest first (the longest phrase wins in :func:`at`)."""
    return PhraseTable(sorted(((key_of(w), w) for w in words), key=lambda p: -len(p[0])))


def at(keys: tuple[str, ...], i: int, candidates: PhraseTable[Phrase]) -> tuple[int, str] | None:
    """Longest phrase of ``candidates`` starting at token ``i`` (``keys`` are the sentence's token
    keys): (end index, phrase)."""
    hit = candidates.first(keys, i)
    return None if hit is None else (i + len(hit[0]), hit[1])


def hits(keys: tuple[str, ...], candidates: PhraseTable[Phrase]) -> dict[int, tuple[int, str]]:
    """:func:`at` for every token where a phrase starts: token index → (end index, phrase)."""
    return {i: (i + len(rows[0][0]), rows[0][1]) for i, rows in candidates.scan(keys).items()}


class SentenceView:
    """Token-level view of one sentence with the gazetteer matches already made."""

    def __init__(self, sentence: Sentence, gazetteer: Gazetteer, language: str = "vi") -> None:
        self.s = sentence
        self.language = language  # the article's: picks the language's tables
        self.tokens = tokenize(sentence.text, sentence.begin)
        self.keys = tuple(t.key for t in self.tokens)
        self.gaz: dict[int, tuple[int, Mention]] = {}
        i = 0
        while i < len(self.tokens):
            if self.keys[i] not in gazetteer.first_words:
                i += 1
                continue
            end, cands = gazetteer.longest(self.tokens, i)
            if cands and self.tokens[i].is_word and (self.tokens[i].is_capitalised or end - i > 1):
                m = self.mention(
                    i, end, cands[0].kind, "gazetteer", candidates=tuple(c.iri for c in cands)
                )
                self.gaz[i] = (end, m)
                i = end
            else:
                i += 1

    def text(self, i: int, j: int) -> str:
        t = self.tokens
        return self.s.text[t[i].begin - self.s.begin : t[j - 1].end - self.s.begin]

    def mention(self, i: int, j: int, kind: str, rule: str, **kw: object) -> Mention:
        t = self.tokens
        return Mention(t[i].begin, t[j - 1].end, self.text(i, j), kind, self.s.index, rule, **kw)  # type: ignore[arg-type]

    def place_at(self, i: int) -> int | None:
        hit = self.gaz.get(i)
        return hit[0] if hit and hit[1].kind in PLACE_KINDS else None

    def quoted(self, i: int) -> tuple[int, int] | None:
        """(first, end) token indexes of a quotation opening at token ``i``."""
        if i >= len(self.tokens) or self.tokens[i].text not in _QUOTE_PAIRS:
            return None
        close = _QUOTE_PAIRS[self.tokens[i].text]
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].text == close:
                return (i + 1, j) if j > i + 1 else None
        return None
