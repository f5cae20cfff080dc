"""Stage 3 — mentions: gazetteer names, people, organisations, events, initiatives, SDGs, dates
and figures, found by the tables in :mod:`ingest.rules.mentions` and
:mod:`ingest.rules.numbers` and :mod:`ingest.rules.dates`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace

from ingest import agents, documents
from ingest.aliases import apply_aliases
from ingest.gazetteer import Gazetteer
from ingest.model import Article, Mention, Sentence
from ingest.quantities import date_mentions, figure_mentions
from ingest.rules import mentions as rules
from ingest.rules import numbers as numbers_rules
from ingest.sentence_view import SentenceView, at, hits, phrases
from ingest.tokens import PhraseTable, key_of, key_set, token_fold
from kg.text import fold

logger = logging.getLogger(__name__)

_EVENT_HEADS = PhraseTable(
    sorted(
        ((key_of(h), h, cls, cased, generic) for h, cls, cased, generic in rules.EVENT_HEADS),
        key=lambda r: -len(r[0]),
    )
)
_CUES = PhraseTable(
    sorted(
        ((key_of(c), c, cls, unquoted) for c, cls, unquoted in rules.INITIATIVE_CUES),
        key=lambda r: -len(r[0]),
    )
)
_SHORT = phrases(tuple(w for w, _ in rules.SHORT_FORMS))
_SHORT_KIND = {key_of(w): kind for w, kind in rules.SHORT_FORMS}
_EVENT_STOPS = key_set(rules.EVENT_NAME_STOPS)
_INIT_STOPS = key_set(rules.INITIATIVE_NAME_STOPS)
_PLURAL = key_set(rules.PLURAL_WORDS)
_NOT_AFTER = key_set(rules.SHORT_FORM_NOT_AFTER)
_NOT_BEFORE = key_set(rules.SHORT_FORM_NOT_BEFORE)
_CONNECTORS = key_set(rules.NAME_CONNECTORS)
_SHORT_EVENT = frozenset(key_of(h) for h in rules.SHORT_FORM_EVENT_HEADS)
_SDG = re.compile(rules.SDG_PATTERN)
_SDG_GENERAL = tuple(re.compile(re.escape(g), re.IGNORECASE) for g in rules.SDG_GENERAL)
_FOUNDED_HEADS = phrases(tuple(h for h, _ in rules.FOUNDED_HEADS))
_FOUNDED_CLASS = {key_of(h): cls for h, cls in rules.FOUNDED_HEADS}
_FOUNDING_VERBS = phrases(rules.FOUNDING_VERBS)
_FOUNDING_FILLERS = key_set(rules.FOUNDING_FILLERS)
_FOUNDED_STOPS = key_set(rules.FOUNDED_NAME_STOPS)
_BACK_CUES = phrases(rules.BACK_REFERENCE_CUES)
_DEMONSTRATIVES = key_set(rules.DEMONSTRATIVES)
_ORDINAL_WORD = key_set(("thứ",))
_SPELLED_VI = key_set(tuple(w for w, _ in numbers_rules.SPELLED_VI if " " not in w))
_DURATION_WORDS = key_set(rules.EVENT_NAME_DURATION_WORDS)
_AFTER_DURATION = key_set(rules.EVENT_NAME_AFTER_DURATION)
_DURATION_OR_AFTER = _DURATION_WORDS | _AFTER_DURATION


def _event_end(st: SentenceView, h: int) -> int:
    t, last = st.tokens, h
    for k in range(h, min(h + rules.EVENT_NAME_MAX_TOKENS, len(t))):
        tok = t[k]
        if k == last and (q := st.quoted(k)) is not None:
            last = q[1] + 1  # a quoted title ends the name: Đề án “Xây dựng xã hội học tập”
            break
        duration = k > h and (
            (
                tok.key in _DURATION_WORDS
                and (t[k - 1].key in _SPELLED_VI or t[k - 1].text.isdigit())
            )
            or (tok.key in _AFTER_DURATION and t[k - 1].key in _DURATION_OR_AFTER)
        )  # "hội nghị sơ kết ba năm thực hiện Đề án …"
        if (not tok.is_word and tok.text not in rules.NAME_PUNCT) or (
            tok.key in _EVENT_STOPS and not tok.is_capitalised and not duration
        ):
            break
        if (
            tok.is_capitalised
            or tok.is_lower
            or (
                tok.text.isdigit()
                and k > 0
                and (t[k - 1].key in _ORDINAL_WORD or t[k - 1].text == "+" or len(tok.text) == 4)
            )
        ):
            last = k + 1
    return last


_EN_EVENT_HEADS = {key_of(h)[0]: (h, cls, generic) for h, cls, generic in rules.EVENT_HEADS_EN}
_EN_QUOTED_HEADS = {key_of(h)[0]: cls for h, cls in rules.QUOTED_EVENT_HEADS_EN}
_EN_ORDINALS = key_set(rules.ORDINAL_WORDS_EN)
_EN_EVENT_LINKS = key_set(rules.EVENT_CONNECTORS_EN)
_EN_MODIFIER_STOPS = key_set(rules.EVENT_MODIFIER_STOPS_EN)
_EN_PLURAL = key_set(rules.PLURAL_WORDS_EN)
_EN_ARTICLES = key_set(("the", "a", "an"))
_EN_EVENT_STOPS = key_set(rules.EVENT_NAME_STOPS_EN)


def _en_event_run(st: SentenceView, i: int) -> int:
    """End of a run of capitalised words, years and connectors from token ``i``
    ("ASEAN+3 Regional Learning Cities Conference", "Lifelong Learning Week 2024")."""
    t, j = st.tokens, i
    while j < len(t) and not (j > i and t[j].key in _EN_EVENT_STOPS):
        word = t[j].is_word and (t[j].is_capitalised or (t[j].text.isdigit() and j > i))
        link = (
            t[j].key in _EN_EVENT_LINKS
            and j + 1 < len(t)
            and t[j + 1].is_word
            and (t[j + 1].is_capitalised or (t[j].text == "+" and t[j + 1].text.isdigit()))
            and t[j + 1].key not in _EN_EVENT_STOPS
        )
        if not (word or link):
            break
        j += 1
    return j


def _events_en(st: SentenceView) -> Iterator[Mention]:
    t, i = st.tokens, 0
    while i < len(t):
        tok = t[i]
        if tok.is_word and tok.is_capitalised:
            end = _en_event_run(st, i)
            heads = [k for k in range(i, end) if t[k].key in _EN_EVENT_HEADS]
            b = i + 1 if t[i].key in _EN_ARTICLES else i
            if heads and b < end:
                head, cls, _ = _EN_EVENT_HEADS[t[heads[-1]].key]
                if b > 0 and t[b - 1].key in _EN_ORDINALS:
                    b -= 1
                yield st.mention(
                    b,
                    end,
                    "event",
                    "event-head-en",
                    cls=cls,
                    name=st.text(b, end),
                    attrs=(("bare", ""), ("generic", ""), ("head", fold(head))),
                )
            i = max(end, i + 1)
            continue
        if tok.key in _EN_QUOTED_HEADS:
            k = i + 1
            while k < len(t) and t[k].text in ",:":
                k += 1
            q = st.quoted(k)
            if q is not None:
                yield st.mention(
                    q[0],
                    q[1],
                    "event",
                    "event-quoted-en",
                    cls=_EN_QUOTED_HEADS[tok.key],
                    name=st.text(q[0], q[1]),
                    attrs=(("bare", ""), ("generic", ""), ("head", tok.key)),
                )
                i = q[1] + 1
                continue
        if tok.key in _EN_EVENT_HEADS and tok.is_lower:
            head, cls, generic = _EN_EVENT_HEADS[tok.key]
            if i > 0 and t[i - 1].key in _EN_PLURAL:
                i += 1
                continue
            b = i
            while (
                generic
                and b > 0
                and i - b < rules.EVENT_MODIFIER_MAX_TOKENS_EN
                and t[b - 1].is_word
                and t[b - 1].is_lower
                and t[b - 1].key not in _EN_MODIFIER_STOPS
            ):
                b -= 1
            named = b < i
            yield st.mention(
                b,
                i + 1,
                "event",
                "event-head-en",
                cls=cls,
                name=st.text(b, i + 1) if named else head,
                attrs=(
                    ("bare", "" if named else "1"),
                    ("generic", "1" if named else ""),
                    ("head", fold(head)),
                ),
            )
        i += 1


def _events(st: SentenceView) -> Iterator[Mention]:
    if st.language == "en":
        yield from _events_en(st)
        return
    t, keys, heads = st.tokens, st.keys, _EVENT_HEADS.scan(st.keys)
    i = 0
    while i < len(t):
        for key, head, cls, cased, generic in heads.get(i, ()):
            if cased and not t[i].is_capitalised:
                continue
            if i > 0 and t[i - 1].key in _PLURAL:
                break
            h = i + len(key)
            while keys[h : h + len(key)] == key:  # "Hội nghị Hội nghị …"
                h += len(key)
            if generic:
                end = h
                while (
                    end < len(t)
                    and end - h < rules.GENERIC_MODIFIER_MAX_TOKENS
                    and t[end].is_word
                    and t[end].is_lower
                    and t[end].key not in _EVENT_STOPS
                ):
                    end += 1
            else:
                end = h if key in _SHORT_EVENT else _event_end(st, h)
            bare = "1" if end == h and not generic else ""
            name_start = h - len(key)
            name = st.text(name_start, end) if end > h or generic else head
            yield st.mention(
                i,
                end,
                "event",
                "event-head",
                cls=cls,
                name=name,
                attrs=(("bare", bare), ("generic", "1" if generic else ""), ("head", fold(head))),
            )
            i = end - 1
            break
        i += 1


def _initiatives(st: SentenceView) -> Iterator[Mention]:
    t = st.tokens
    for i, rows in _CUES.scan(st.keys).items():
        key, _, cls, unquoted = rows[0]
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


def _quoted_list(st: SentenceView, k: int, cls: str) -> Iterator[Mention]:
    """“A” và “B”: every quoted name of a list."""
    while (q := st.quoted(k)) is not None:
        first, close = q
        yield st.mention(
            first, close, "initiative", "initiative-cue", cls=cls, name=st.text(first, close)
        )
        k = close + 1
        if k < len(st.tokens) and st.tokens[k].key in _CONNECTORS:
            k += 1
        else:
            break


def _unquoted(st: SentenceView, j: int, cls: str) -> Iterator[Mention]:
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
        while (
            end < len(t)
            and t[end].is_word
            and t[end].key not in _INIT_STOPS
            and t[end].key not in _CONNECTORS
            and (t[end].is_capitalised == latin)
        ):
            end += 1
        yield st.mention(k, end, "initiative", "initiative-cue", cls=cls, name=st.text(k, end))
        if (
            end < len(t)
            and t[end].key in _CONNECTORS
            and end + 1 < len(t)
            and t[end + 1].is_capitalised
        ):
            k = end + 1
        else:
            return


def _short_forms(st: SentenceView) -> Iterator[Mention]:
    t = st.tokens
    for i, hit in hits(st.keys, _SHORT).items():
        end = hit[0]
        if (i > 0 and t[i - 1].key in _NOT_AFTER) or (
            end < len(t)
            and (t[end].key in _NOT_BEFORE or t[end].is_capitalised or st.place_at(end) is not None)
        ):
            continue
        if i in st.gaz or any(i < e and s <= i for s, (e, _) in st.gaz.items()):
            continue
        yield st.mention(i, end, _SHORT_KIND[key_of(hit[1])], "short-form", attrs=(("bare", "1"),))


def _sdgs(st: SentenceView, gazetteer: Gazetteer) -> Iterator[Mention]:
    for m in _SDG.finditer(st.s.text):
        iri = gazetteer.notations.get(m.group(1))
        if iri is not None:
            b = st.s.begin + m.start()
            yield Mention(
                b,
                st.s.begin + m.end(),
                m.group(0),
                "sdg",
                st.s.index,
                "sdg-notation",
                candidates=(iri,),
            )
    for general in _SDG_GENERAL:
        for m in general.finditer(st.s.text):
            b = st.s.begin + m.start()
            yield Mention(
                b, st.s.begin + m.end(), m.group(0), "sdg", st.s.index, "sdg-general", value="all"
            )


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Drop duplicates and mentions inside a same-kind or gazetteer mention; mark nested ones
    (a place inside a name, an initiative inside an event's name)."""
    found.sort(key=lambda m: (m.begin, -(m.end - m.begin), m.rule))
    kept: list[Mention] = []
    for m in found:
        clash = next(
            (
                k
                for k in kept
                if k.begin < m.end
                and m.begin < k.end
                and k.kind not in ("title", "date", "figure")
                and m.kind not in ("title", "date", "figure")
            ),
            None,
        )
        if clash is None:
            kept.append(m)
        elif (
            clash.begin <= m.begin
            and m.end <= clash.end
            and (clash.begin, clash.end) != (m.begin, m.end)
            and (
                (m.rule == "gazetteer" and clash.rule != "gazetteer")
                or (m.kind == "initiative" and clash.kind == "event")  # "sơ kết Đề án “…”"
            )
        ):
            kept.append(_with(m, ("inside", clash.kind)))
    return kept


def _events_take_documents(found: list[Mention], text: str) -> list[Mention]:
    """An event named after a document ("Hội nghị triển khai Quyết định số 8/QĐ-UBND") ends
    where the document's number does, not inside it; the document is nested in its name."""
    docs = [m for m in found if m.rule == "initiative-document"]
    out = []
    for m in found:
        cut = next((d for d in docs if m.kind == "event" and d.begin < m.end < d.end), None)
        if cut is not None:
            name = text[m.begin : cut.end]
            m = replace(m, end=cut.end, text=name, name=" ".join(name.split()))
        out.append(m)
    return out


def _with(m: Mention, attr: tuple[str, str]) -> Mention:
    return replace(m, attrs=(*m.attrs, attr))


def _known_initiatives(sentences: list[SentenceView], found: list[Mention]) -> list[Mention]:
    """Later mentions of an initiative named after a cue elsewhere in the article."""
    names = [
        (name_key, len(name_key.split()), m)
        for name_key, m in {fold(m.name): m for m in found if m.kind == "initiative"}.items()
    ]
    extra: list[Mention] = []
    for st in sentences:
        for i in range(len(st.tokens)):
            first = token_fold(st.tokens[i].text)  # a span's fold starts with its first token's
            for name_key, n, m in names:
                if name_key and not name_key.startswith(first):
                    continue
                if fold(st.text(i, min(i + n, len(st.tokens)))) == name_key:
                    extra.append(
                        st.mention(
                            i,
                            i + n,
                            "initiative",
                            "initiative-known",
                            cls=m.cls,
                            name=st.text(i, i + n),
                        )
                    )
    return extra


def _count_end(st: SentenceView, k: int) -> int | None:
    """End of a count at token ``k`` ("35", "1.200"), or ``None``."""
    t = st.tokens
    if k >= len(t) or not t[k].text.isdigit():
        return None
    k += 1
    while (
        k + 1 < len(t)
        and t[k].text in ".,"
        and t[k + 1].text.isdigit()
        and t[k].end == t[k + 1].begin
    ):
        k += 2
    return k


def _founded(st: SentenceView) -> Iterator[Mention]:
    """ "thành lập 35 câu lạc bộ văn hóa Thái": the counted thing founded, named by its head and
    the words after it; a bare head ("35 câu lạc bộ") names nothing."""
    t, keys = st.tokens, st.keys
    for verb in hits(keys, _FOUNDING_VERBS).values():
        k = verb[0]
        while k < len(t) and t[k].key in _FOUNDING_FILLERS:
            k += 1
        first = _count_end(st, k)
        head = at(keys, first, _FOUNDED_HEADS) if first is not None else None
        if first is None or head is None:
            continue
        end = head[0]
        while (
            end < len(t)
            and end - head[0] < rules.FOUNDED_NAME_MAX_TOKENS
            and t[end].is_word
            and t[end].key not in _FOUNDED_STOPS
            and not t[end].text.isdigit()
            and st.place_at(end) is None
        ):
            end += 1
        if end > head[0]:
            yield st.mention(
                first,
                end,
                "initiative",
                "initiative-founded",
                cls=_FOUNDED_CLASS[key_of(head[1])],
                name=st.text(first, end),
                attrs=(("head", fold(head[1])),),
            )


def _back_references(views: list[SentenceView], found: list[Mention]) -> Iterator[Mention]:
    """ "Mô hình câu lạc bộ này": a head and a demonstrative after a founded thing with that head
    are one more mention of it (the nearest one before)."""
    founded = sorted((m for m in found if m.rule == "initiative-founded"), key=lambda m: m.begin)
    for st in views:
        t, i = st.tokens, 0
        cues, heads = hits(st.keys, _BACK_CUES), hits(st.keys, _FOUNDED_HEADS)
        while i < len(t):
            cue = cues.get(i)
            head = (cue and heads.get(cue[0])) or heads.get(i)
            if head is None or head[0] >= len(t) or t[head[0]].key not in _DEMONSTRATIVES:
                i += 1
                continue
            key = fold(head[1])
            before = [m for m in founded if m.end <= t[i].begin and m.attr("head") == key]
            if before:
                ref = before[-1]
                yield st.mention(
                    i,
                    head[0] + 1,
                    "initiative",
                    "initiative-back-reference",
                    cls=ref.cls,
                    name=ref.name,
                    attrs=(("head", key),),
                )
            i = head[0] + 1


def find_mentions(
    article: Article, sentences: tuple[Sentence, ...], gazetteer: Gazetteer
) -> tuple[Mention, ...]:
    """Every mention in the article, sorted by position; offsets over ``article.text``."""
    language = article.meta.language or "vi"
    views = [SentenceView(s, gazetteer, language) for s in sentences]
    ref = article.meta.reference_date
    found: list[Mention] = []
    for st in views:
        found.extend(m for _, m in st.gaz.values())
        orgs = list(agents.organizations(st))
        titles = list(agents.titles(st))
        found.extend(
            [
                *orgs,
                *titles,
                *agents.titled_people(st, orgs + [m for _, m in st.gaz.values()], titles),
            ]
        )
        for finder in (
            _events,
            _initiatives,
            documents.documents,
            _founded,
            agents.people,
            _short_forms,
        ):
            found.extend(finder(st))
        found.extend(_sdgs(st, gazetteer))
    found = _events_take_documents(found, article.text)
    found.extend(_known_initiatives(views, found))
    found.extend(_back_references(views, found))
    entities = _resolve_overlaps([m for m in found if m.kind != "title"])
    entities = apply_aliases(article.text, sentences, entities)
    names = [(m.begin, m.end) for m in entities if m.kind not in ("date", "figure")]
    lang = article.meta.language or "vi"
    quantities: list[Mention] = []
    for st in views:
        dates = date_mentions(st.s, ref, lang)
        quantities.extend(dates)
        quantities.extend(figure_mentions(st.s, [(d.begin, d.end) for d in dates], names, lang))
    out = sorted(
        [*entities, *(m for m in found if m.kind == "title"), *quantities],
        key=lambda m: (m.begin, m.end, m.kind, m.rule),
    )
    logger.debug("%s: %d mentions", article.article_id, len(out))
    return tuple(out)
