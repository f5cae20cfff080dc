"""Stage 3 — mentions: gazetteer names, people, organisations, events, initiatives, SDGs, dates
and figures, found by the tables in :mod:`ingest.rules.mentions` and :mod:`ingest.rules.quantities`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace

from ingest.gazetteer import Gazetteer
from ingest.model import Article, Mention, Sentence
from ingest.quantities import date_mentions, figure_mentions
from ingest.rules import mentions as rules
from ingest.tokens import Token, key_of, key_set, tokenize
from kg.text import fold

logger = logging.getLogger(__name__)

Phrase = tuple[tuple[str, ...], str]


def _phrases(words: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    return sorted(((key_of(w), w) for w in words), key=lambda p: -len(p[0]))


_HONORIFICS = _phrases(rules.HONORIFICS)
_TITLES = _phrases(rules.TITLES)
_ADMIN = _phrases(rules.ADMIN_WORDS)
_ORG_HEADS = sorted(((key_of(h), h, cased, place) for h, cased, place in rules.ORG_HEADS),
                    key=lambda r: -len(r[0]))
_EVENT_HEADS = sorted(((key_of(h), h, cls, cased, generic) for h, cls, cased, generic in rules.EVENT_HEADS),
                      key=lambda r: -len(r[0]))
_CUES = sorted(((key_of(c), c, cls, unquoted) for c, cls, unquoted in rules.INITIATIVE_CUES),
               key=lambda r: -len(r[0]))
_SHORT = _phrases(tuple(w for w, _ in rules.SHORT_FORMS))
_SHORT_KIND = {key_of(w): kind for w, kind in rules.SHORT_FORMS}
_EVENT_STOPS = key_set(rules.EVENT_NAME_STOPS)
_INIT_STOPS = key_set(rules.INITIATIVE_NAME_STOPS)
_PLURAL = key_set(rules.PLURAL_WORDS)
_NOT_AFTER = key_set(rules.SHORT_FORM_NOT_AFTER)
_NOT_BEFORE = key_set(rules.SHORT_FORM_NOT_BEFORE)
_CONNECTORS = key_set(rules.NAME_CONNECTORS)
_OWNER = key_set(rules.OWNER_WORDS)
_SHORT_EVENT = frozenset(key_of(h) for h in rules.SHORT_FORM_EVENT_HEADS)
_SDG = re.compile(rules.SDG_PATTERN)
_SURNAMES = key_set(rules.SURNAMES)
_QUOTE_PAIRS = dict(rules.QUOTES)
_PLACE_KINDS = frozenset({"city", "province", "country", "place"})


def _at(tokens: tuple[Token, ...], i: int, phrases: list[Phrase]) -> tuple[int, str] | None:
    """Longest phrase of ``phrases`` starting at token ``i``: (end index, phrase)."""
    for key, phrase in phrases:
        if tuple(t.key for t in tokens[i:i + len(key)]) == key:
            return i + len(key), phrase
    return None


class _Sentence:
    """Token-level view of one sentence with the gazetteer matches already made."""

    def __init__(self, sentence: Sentence, gazetteer: Gazetteer) -> None:
        self.s = sentence
        self.tokens = tokenize(sentence.text, sentence.begin)
        self.gaz: dict[int, tuple[int, Mention]] = {}
        i = 0
        while i < len(self.tokens):
            end, cands = gazetteer.longest(self.tokens, i)
            if cands and self.tokens[i].is_word and (self.tokens[i].is_capitalised or end - i > 1):
                m = self.mention(i, end, cands[0].kind, "gazetteer",
                                 candidates=tuple(c.iri for c in cands))
                self.gaz[i] = (end, m)
                i = end
            else:
                i += 1

    def text(self, i: int, j: int) -> str:
        t = self.tokens
        return self.s.text[t[i].begin - self.s.begin:t[j - 1].end - self.s.begin]

    def mention(self, i: int, j: int, kind: str, rule: str, **kw: object) -> Mention:
        t = self.tokens
        return Mention(t[i].begin, t[j - 1].end, self.text(i, j), kind, self.s.index, rule, **kw)  # type: ignore[arg-type]

    def place_at(self, i: int) -> int | None:
        hit = self.gaz.get(i)
        return hit[0] if hit and hit[1].kind in _PLACE_KINDS else None

    def quoted(self, i: int) -> tuple[int, int] | None:
        """(first, end) token indexes of a quotation opening at token ``i``."""
        if i >= len(self.tokens) or self.tokens[i].text not in _QUOTE_PAIRS:
            return None
        close = _QUOTE_PAIRS[self.tokens[i].text]
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].text == close:
                return (i + 1, j) if j > i + 1 else None
        return None


def _person_name(st: _Sentence, i: int) -> int | None:
    """End of a 2-4 syllable capitalised name starting at token ``i``."""
    j = i
    while j < len(st.tokens) and j - i < 4 and st.tokens[j].is_word and st.tokens[j].is_capitalised \
            and not st.tokens[j].is_acronym and st.tokens[j].text[1:].islower():
        j += 1
    return j if j - i >= 2 and st.place_at(i) is None else None


def _titlecase_run(st: _Sentence, i: int) -> int:
    """End of a Vietnamese title-case name: capitalised words, each with at most one lower-case
    syllable after it, joined by connectors ("Giáo dục và Đào tạo")."""
    t, j = st.tokens, i
    while j < len(t):
        place = st.place_at(j)
        if place is not None and j > i:
            return place  # "Sở Giáo dục và Đào tạo Đà Nẵng": the name ends with its place
        admin = _at(t, j, _ADMIN)
        if admin is not None and (admin[0] >= len(t) or not t[admin[0]].is_capitalised):
            break  # "Ban chỉ đạo Thành phố học tập …": a common noun, not a name
        if t[j].is_word and t[j].is_capitalised:
            j += 1
            if j < len(t) and t[j].is_word and t[j].is_lower and not t[j - 1].is_acronym \
                    and t[j].key not in _CONNECTORS and t[j].key not in _OWNER and _at(t, j, _ADMIN) is None:
                j += 1
        elif t[j].key in _CONNECTORS and j + 1 < len(t) and t[j + 1].is_capitalised and j > i:
            j += 1
        else:
            break
    return j


def _admin_tail(st: _Sentence, j: int) -> int:
    """Extend over "thành phố Sơn La", "TP.HCM", "của Thái Lan" after an organisation name."""
    t = st.tokens
    for _ in range(2):
        start = j + 1 if j < len(t) and t[j].key in _OWNER else j
        admin = _at(t, start, _ADMIN)
        k = admin[0] if admin else start
        place = st.place_at(start) or st.place_at(k)  # "thành phố Đà Nẵng" may be one label
        if place is not None:
            j = place
        elif admin and k < len(t) and t[k].is_capitalised:
            end = k
            while end < len(t) and t[end].is_word and t[end].is_capitalised:
                end += 1
            j = _person_split(st, k, end)
        else:
            break
    return j


def _person_split(st: _Sentence, k: int, end: int) -> int:
    """A run "Tây Hồ Bùi Thị Lan Phương" after an admin word: keep the place, leave the person."""
    cuts = [c for c in range(k + 1, end - 1) if end - c in (2, 3, 4) and st.place_at(c) is None]
    named = [c for c in cuts if st.tokens[c].key in _SURNAMES]
    best = [c for c in named if c - k >= 2] or named
    if best:
        return best[0]
    return next((c for c in cuts if end - c >= 3), end)


def _organizations(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    for i in range(len(t)):
        for key, head, cased, place_ext in _ORG_HEADS:
            if tuple(x.key for x in t[i:i + len(key)]) != key or (cased and not t[i].is_capitalised):
                continue
            h = i + len(key)
            end = _admin_tail(st, _titlecase_run(st, h))
            if end == h and place_ext:
                for k in range(h, min(h + 10, len(t))):
                    if not t[k].is_word and t[k].text not in rules.NAME_PUNCT:
                        break
                    place = st.place_at(k)
                    if place is not None:
                        end = place
                        break
            bare = "1" if end == h else ""
            if bare and h < len(t) and t[h].is_word and t[h].key not in _EVENT_STOPS:
                break  # "mạng lưới thành phố học tập khu vực ASEAN": a description, not a name
            yield st.mention(i, end, "organization", "org-head", name=st.text(i, end),
                             attrs=(("bare", bare), ("head", fold(head))))
            break


def _event_end(st: _Sentence, h: int) -> int:
    t, last = st.tokens, h
    for k in range(h, min(h + rules.EVENT_NAME_MAX_TOKENS, len(t))):
        tok = t[k]
        if (not tok.is_word and tok.text not in rules.NAME_PUNCT) or (tok.key in _EVENT_STOPS and not tok.is_capitalised):
            break
        if tok.is_capitalised or (tok.text.isdigit() and k > 0 and (t[k - 1].key in key_set(("thứ",))
                                   or t[k - 1].text == "+" or len(tok.text) == 4)):
            last = k + 1
    return last


def _events(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    i = 0
    while i < len(t):
        for key, head, cls, cased, generic in _EVENT_HEADS:
            if tuple(x.key for x in t[i:i + len(key)]) != key or (cased and not t[i].is_capitalised):
                continue
            if i > 0 and t[i - 1].key in _PLURAL:
                break
            h = i + len(key)
            while tuple(x.key for x in t[h:h + len(key)]) == key:  # "Hội nghị Hội nghị …"
                h += len(key)
            if generic:
                end = h
                while end < len(t) and end - h < rules.GENERIC_MODIFIER_MAX_TOKENS and t[end].is_word \
                        and t[end].is_lower and t[end].key not in _EVENT_STOPS:
                    end += 1
            else:
                end = h if key in _SHORT_EVENT else _event_end(st, h)
            bare = "1" if end == h and not generic else ""
            name_start = h - len(key)
            name = st.text(name_start, end) if end > h or generic else head
            yield st.mention(i, end, "event", "event-head", cls=cls, name=name,
                             attrs=(("bare", bare), ("generic", "1" if generic else ""),
                                    ("head", fold(head))))
            i = end - 1
            break
        i += 1


def _initiatives(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    for i in range(len(t)):
        for key, cue, cls, unquoted in _CUES:
            if tuple(x.key for x in t[i:i + len(key)]) != key:
                continue
            j = i + len(key)
            found = False
            for k in range(j, min(j + rules.CUE_FILLER_MAX_TOKENS + 1, len(t))):
                q = st.quoted(k)
                if q is not None:
                    found = True
                    yield from _quoted_list(st, k, cls)
                    break
                if not t[k].is_word:
                    break
            if not found and unquoted:
                yield from _unquoted(st, j, cls)
            break


def _quoted_list(st: _Sentence, k: int, cls: str) -> Iterator[Mention]:
    """“A” và “B”: every quoted name of a list."""
    while (q := st.quoted(k)) is not None:
        first, close = q
        yield st.mention(first, close, "initiative", "initiative-cue", cls=cls, name=st.text(first, close))
        k = close + 1
        if k < len(st.tokens) and st.tokens[k].key in _CONNECTORS:
            k += 1
        else:
            break


def _unquoted(st: _Sentence, j: int, cls: str) -> Iterator[Mention]:
    """The first capitalised name after a cue, in the same clause ("phương pháp … Lau Lau
    Learning"; "mô hình … như Ngôi nhà trí tuệ và Tủ sách nhân ái")."""
    t = st.tokens
    k = j
    while k < min(j + rules.CUE_WINDOW_TOKENS, len(t)):
        if not t[k].is_word and t[k].text not in rules.NAME_PUNCT:
            return
        if t[k].is_capitalised and k not in st.gaz and not t[k].is_acronym:
            break
        k += 1
    else:
        return
    while k < len(t) and t[k].is_capitalised and k not in st.gaz:
        end = k + 1
        latin = end < len(t) and t[end].is_capitalised
        while end < len(t) and t[end].is_word and t[end].key not in _INIT_STOPS \
                and t[end].key not in _CONNECTORS and (t[end].is_capitalised == latin):
            end += 1
        yield st.mention(k, end, "initiative", "initiative-cue", cls=cls, name=st.text(k, end))
        if end < len(t) and t[end].key in _CONNECTORS and end + 1 < len(t) and t[end + 1].is_capitalised:
            k = end + 1
        else:
            return


def _people(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    for i in range(len(t)):
        hon = _at(t, i, _HONORIFICS)
        if hon is not None:
            end = _person_name(st, hon[0])
            if end is not None:
                yield st.mention(hon[0], end, "person", "person-honorific", name=st.text(hon[0], end),
                                 attrs=(("honorific", st.text(i, hon[0])),))
            elif hon[0] < len(t) and t[hon[0]].is_capitalised and st.place_at(hon[0]) is None \
                    and t[hon[0]].text[1:].islower() and t[hon[0]].is_word:
                yield st.mention(hon[0], hon[0] + 1, "person", "person-short", name=t[hon[0]].text,
                                 attrs=(("short", "1"),))


def _titled_people(st: _Sentence, orgs: list[Mention], titles: list[Mention]) -> Iterator[Mention]:
    """A name right after a title, or after a title and its organisation."""
    starts = {t.begin: i for i, t in enumerate(st.tokens)}
    ends = {t.end: i + 1 for i, t in enumerate(st.tokens)}
    for title in titles:
        j = ends[title.end]
        org = next((o for o in orgs if title.begin < o.begin <= title.end + 1), None)
        if org is not None:
            j = ends[org.end]
        end = _person_name(st, j) if j < len(st.tokens) else None
        if end is not None and st.tokens[j].begin in starts:
            yield st.mention(j, end, "person", "person-title", name=st.text(j, end))


def _titles(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    i = 0
    while i < len(t):
        hit = _at(t, i, _TITLES)
        if hit is None:
            i += 1
            continue
        yield st.mention(i, hit[0], "title", "title", name=st.text(i, hit[0]))
        i = hit[0]


def _short_forms(st: _Sentence) -> Iterator[Mention]:
    t = st.tokens
    for i in range(len(t)):
        hit = _at(t, i, _SHORT)
        if hit is None:
            continue
        end = hit[0]
        if (i > 0 and t[i - 1].key in _NOT_AFTER) or (end < len(t) and (
                t[end].key in _NOT_BEFORE or t[end].is_capitalised or st.place_at(end) is not None)):
            continue
        if i in st.gaz or any(i < e and s <= i for s, (e, _) in st.gaz.items()):
            continue
        yield st.mention(i, end, _SHORT_KIND[key_of(hit[1])], "short-form", attrs=(("bare", "1"),))


def _sdgs(st: _Sentence, gazetteer: Gazetteer) -> Iterator[Mention]:
    for m in _SDG.finditer(st.s.text):
        iri = gazetteer.notations.get(m.group(1))
        if iri is not None:
            b = st.s.begin + m.start()
            yield Mention(b, st.s.begin + m.end(), m.group(0), "sdg", st.s.index, "sdg-notation",
                          candidates=(iri,))
    for general in rules.SDG_GENERAL:
        for m in re.finditer(re.escape(general), st.s.text, re.IGNORECASE):
            b = st.s.begin + m.start()
            yield Mention(b, st.s.begin + m.end(), m.group(0), "sdg", st.s.index, "sdg-general",
                          value="all")


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Drop duplicates and mentions inside a same-kind or gazetteer mention; mark nested ones."""
    found.sort(key=lambda m: (m.begin, -(m.end - m.begin), m.rule))
    kept: list[Mention] = []
    for m in found:
        clash = next((k for k in kept if k.begin < m.end and m.begin < k.end and k.kind not in ("title", "date", "figure")
                      and m.kind not in ("title", "date", "figure")), None)
        if clash is None:
            kept.append(m)
        elif clash.begin <= m.begin and m.end <= clash.end and (clash.begin, clash.end) != (m.begin, m.end) \
                and m.rule == "gazetteer" and clash.rule != "gazetteer":
            kept.append(_with(m, ("inside", clash.kind)))
    return kept


def _with(m: Mention, attr: tuple[str, str]) -> Mention:
    return replace(m, attrs=(*m.attrs, attr))


def _known_initiatives(sentences: list[_Sentence], found: list[Mention]) -> list[Mention]:
    """Later mentions of an initiative named after a cue elsewhere in the article."""
    names = {fold(m.name): m for m in found if m.kind == "initiative"}
    extra: list[Mention] = []
    for st in sentences:
        for i in range(len(st.tokens)):
            for name_key, m in names.items():
                n = len(name_key.split())
                if fold(st.text(i, min(i + n, len(st.tokens)))) == name_key:
                    extra.append(st.mention(i, i + n, "initiative", "initiative-known", cls=m.cls,
                                            name=st.text(i, i + n)))
    return extra


def find_mentions(article: Article, sentences: tuple[Sentence, ...], gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """Every mention in the article, sorted by position; offsets over ``article.text``."""
    views = [_Sentence(s, gazetteer) for s in sentences]
    ref = article.meta.reference_date
    found: list[Mention] = []
    for st in views:
        found.extend(m for _, m in st.gaz.values())
        orgs = list(_organizations(st))
        titles = list(_titles(st))
        found.extend([*orgs, *titles, *_titled_people(st, orgs + [m for _, m in st.gaz.values()], titles)])
        for finder in (_events, _initiatives, _people, _short_forms):
            found.extend(finder(st))
        found.extend(_sdgs(st, gazetteer))
    found.extend(_known_initiatives(views, found))
    entities = _resolve_overlaps([m for m in found if m.kind != "title"])
    taken = [(m.begin, m.end) for m in entities if m.kind in ("initiative", "sdg", "event")]
    quantities: list[Mention] = []
    for st in views:
        dates = date_mentions(st.s, ref)
        quantities.extend(dates)
        quantities.extend(figure_mentions(st.s, taken + [(d.begin, d.end) for d in dates]))
    out = sorted([*entities, *(m for m in found if m.kind == "title"), *quantities],
                 key=lambda m: (m.begin, m.end, m.kind, m.rule))
    logger.debug("%s: %d mentions", article.article_id, len(out))
    return tuple(out)
