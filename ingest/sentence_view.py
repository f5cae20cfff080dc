"""A token-level view of one sentence with its gazetteer matches, shared by the mention finders."""

from __future__ import annotations

from ingest.gazetteer import Gazetteer
from ingest.model import Mention, Sentence
from ingest.rules import mentions as rules
from ingest.tokens import PhraseTable, key_of, tokenize
from ingest.words import WINDOW, is_own_word

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


_ADMIN = phrases(rules.ADMIN_WORDS)


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
            if (
                cands
                and self.tokens[i].is_word
                and (self.tokens[i].is_capitalised or end - i > 1)
                and self._own_word(i, end, cands[0].kind)
            ):
                m = self.mention(
                    i, end, cands[0].kind, "gazetteer", candidates=tuple(c.iri for c in cands)
                )
                self.gaz[i] = (end, m)
                i = end
            else:
                i += 1

    def _own_word(self, i: int, end: int, kind: str) -> bool:
        """A place's name is capitalised or follows its admin word ("vì hòa bình" is no province)
        and, where a capitalised
        word stands beside it, a word of its own ("Thái Bình Dương" is no Thái Bình)."""
        if kind not in PLACE_KINDS:
            return True
        t = self.tokens
        if not any(x.is_capitalised for x in t[i:end]):
            # "thành phố sơn la": a name after its admin word, in the wrong case
            admin = at(self.keys, i, _ADMIN)
            return admin is not None and admin[0] < end
        if self.language != "vi" or not all(x.is_word for x in t[i:end]):
            return True
        next_cap = end < len(t) and t[end].is_word and t[end].is_capitalised
        prev_cap = i > 0 and t[i - 1].is_word and t[i - 1].is_capitalised
        if not (next_cap or prev_cap):
            return True
        b = i  # the words right before and after the hit, up to punctuation
        while b > max(0, i - WINDOW) and t[b - 1].is_word:
            b -= 1
        e = end
        while e < min(len(t), end + WINDOW) and t[e].is_word:
            e += 1
        return is_own_word(
            tuple(x.text for x in t[b:i]),
            tuple(x.text for x in t[i:end]),
            tuple(x.text for x in t[end:e]),
        )

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
