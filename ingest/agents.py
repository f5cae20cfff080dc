"""People, their titles and organisations (part of stage 3, mentions), found by the tables in
:mod:`ingest.rules.mentions`."""

from __future__ import annotations

from collections.abc import Iterator

from ingest.documents import code_tokens
from ingest.model import Mention
from ingest.rules import mentions as rules
from ingest.sentence_view import SentenceView, at, hits, phrases
from ingest.tokens import PhraseTable, key_of, key_set
from kg.text import fold

# The tables of each language, picked by the article's (SentenceView.language).
_HONORIFICS = {"vi": phrases(rules.HONORIFICS), "en": phrases(rules.HONORIFICS_EN)}
_TITLES = {"vi": phrases(rules.TITLES), "en": phrases(rules.TITLES_EN)}
# English rows are cased: the first word must be a capital.
_CASED = frozenset({"en"})
_ADMIN = phrases(rules.ADMIN_WORDS)
_ORG_HEADS = PhraseTable(
    sorted(
        ((key_of(h), h, cased, place) for h, cased, place in rules.ORG_HEADS),
        key=lambda r: -len(r[0]),
    )
)
_EVENT_STOPS = key_set(rules.EVENT_NAME_STOPS)
_SCOPES = {key_of(w): kind for w, kind in rules.ORG_SCOPES}
_PLACELESS = {key_of(w): kind for w, kind in rules.PLACELESS_SCOPES}
_CONNECTORS = key_set(rules.NAME_CONNECTORS)
_OWNER = key_set(rules.OWNER_WORDS)
_SURNAMES = key_set(rules.SURNAMES)
_EN_HEADS = key_set(rules.ORG_HEADS_EN)
_EN_CONNECTORS = key_set(rules.ORG_CONNECTORS_EN)
_EN_ARTICLES = key_set(rules.ORG_ARTICLES_EN)
_EN_PLACE_WORDS = key_set(rules.ORG_PLACE_WORDS_EN)
_EN_NAME_ARTICLES = key_set(rules.NAME_ARTICLES_EN)
_APOSTROPHES = frozenset({"'", "’"})
_DESCRIPTORS = {key_of(h): most for h, most in rules.ORG_DESCRIPTOR_WORDS}
_AT_WORDS = key_set(rules.ORG_AT_WORDS)
_BESIDE = phrases(rules.ORG_BESIDE_WORDS)


def _person_name(st: SentenceView, i: int) -> int | None:
    """End of a 2-4 syllable capitalised name starting at token ``i``."""
    j = i
    while (
        j < len(st.tokens)
        and j - i < 4
        and st.tokens[j].is_word
        and st.tokens[j].is_capitalised
        and not st.tokens[j].is_acronym
        and st.tokens[j].text[1:].islower()
    ):
        j += 1
    return j if j - i >= 2 and st.place_at(i) is None else None


def _titlecase_run(st: SentenceView, i: int) -> int:
    """End of a Vietnamese title-case name: capitalised words, each with at most one lower-case
    syllable after it, joined by connectors ("Giáo dục và Đào tạo")."""
    t, j = st.tokens, i
    while j < len(t):
        place = st.place_at(j)
        if place is not None:
            # "Sở Giáo dục và Đào tạo Đà Nẵng", "UBND TP Hà Nội": the name ends with its place
            return place
        admin = at(st.keys, j, _ADMIN)
        if admin is not None and (admin[0] >= len(t) or not t[admin[0]].is_capitalised):
            break  # "Ban chỉ đạo Thành phố học tập …": a common noun, not a name
        if t[j].is_word and t[j].is_capitalised:
            j += 1
            if (
                j < len(t)
                and t[j].is_word
                and t[j].is_lower
                and not t[j - 1].is_acronym
                and t[j].key not in _CONNECTORS
                and t[j].key not in _OWNER
                and at(st.keys, j, _ADMIN) is None
            ):
                j += 1
        elif (
            t[j].key in _CONNECTORS
            and j + 1 < len(t)
            and t[j + 1].is_capitalised
            and j > i
            # "Bộ Ngoại giao, Ủy ban …" (a list), "Bộ Ngoại giao, Chủ tịch …" (a chain of posts)
            and not _ORG_HEADS.first(st.keys, j + 1)
            and at(st.keys, j + 1, _TITLES["vi"]) is None
        ):
            j += 1
        else:
            break
    return j


def _admin_tail(st: SentenceView, j: int, place_ext: bool = False) -> int:
    """Extend over "thành phố Sơn La", "TP.HCM", "của Thái Lan" after an organisation name, and
    over "tại Hà Nội" after the name of an office (``place_ext``)."""
    t = st.tokens
    for _ in range(2):
        start = j + 1 if j < len(t) and t[j].key in _OWNER else j
        if place_ext and j < len(t) and t[j].key in _AT_WORDS and st.place_at(j + 1):
            start = j + 1
        admin = at(st.keys, start, _ADMIN)
        k = admin[0] if admin else start
        place = st.place_at(start) or st.place_at(k)  # "thành phố Đà Nẵng" may be one label
        if place is not None:
            j = place
        elif admin and k < len(t) and t[k].is_capitalised:
            end = k
            while end < len(t) and t[end].is_word and t[end].is_capitalised:
                end += 1
            split = _person_split(st, k, end)
            if split == k:
                break  # "UBND tỉnh Trần Quốc Hưng": the place is left unsaid
            j = split
        else:
            break
    return j


def _names_person(st: SentenceView, k: int) -> bool:
    """A person's name, not a place, begins at token ``k``: "UBND tỉnh Trần Quốc Hưng"."""
    return (
        k < len(st.tokens)
        and st.tokens[k].key in _SURNAMES
        and st.place_at(k) is None
        and _person_name(st, k) is not None
    )


def _person_split(st: SentenceView, k: int, end: int) -> int:
    """A run "Tây Hồ Bùi Thị Lan Phương" after an admin word: keep the place, leave the person."""
    if _names_person(st, k) and _person_name(st, k) == end:
        return k
    cuts = [c for c in range(k + 1, end - 1) if end - c in (2, 3, 4) and st.place_at(c) is None]
    named = [c for c in cuts if st.tokens[c].key in _SURNAMES]
    best = [c for c in named if c - k >= 2] or named
    if best:
        return best[0]
    return next((c for c in cuts if end - c >= 3), end)


def _descriptor_end(st: SentenceView, h: int, most: int) -> int:
    """After a head that takes a common-noun description ("Ban chỉ đạo xây dựng xã hội học tập
    …", "Phái đoàn thường trực …"): the end of up to ``most`` lower-case words, stopping at a
    place, an admin word before a place, a name or a word that ends names."""
    t, j = st.tokens, h
    while j < len(t) and j - h < most and t[j].is_word and t[j].is_lower:
        admin = at(st.keys, j, _ADMIN)
        if st.place_at(j) is not None or t[j].key in _EVENT_STOPS:
            break
        if admin is not None and (admin[0] >= len(t) or not t[admin[0]].is_word):
            break  # "… học tập thành phố,": the scope word, read as the article's city
        if admin is not None and t[admin[0]].is_capitalised:
            break
        j += 1
    return j


def _holder_split(st: SentenceView, h: int, end: int) -> int:
    """An organisation named after a title ends before the name of the one who holds it: a
    surname and one to three capitalised syllables closing the capitalised run."""
    t = st.tokens
    run_end = h
    while run_end < end and t[run_end].is_word and t[run_end].is_capitalised:
        run_end += 1
    while run_end < end and not (t[run_end].is_word and t[run_end].is_capitalised):
        nxt = run_end + 1  # past a connector or one lower-case syllable, into more of the run
        if nxt < end and t[nxt].is_word and t[nxt].is_capitalised:
            run_end = nxt
            while run_end < end and t[run_end].is_word and t[run_end].is_capitalised:
                run_end += 1
        else:
            break
    for c in range(h + 1, run_end - 1):
        if any((st.place_at(k) or 0) > c for k in range(h, c + 1)):
            continue  # "UBND TP Cao Lãnh": a place, not a name
        name = _person_name(st, c)
        if t[c].key in _SURNAMES and name == run_end and 2 <= run_end - c <= 4:
            return c
    return end


def _beside_tail(st: SentenceView, j: int) -> int:
    """ "… Việt Nam bên cạnh UNESCO": the organisation a delegation is accredited to."""
    hit = at(st.keys, j, _BESIDE)
    if hit is None or hit[0] >= len(st.tokens) or not st.tokens[hit[0]].is_capitalised:
        return j
    end = hit[0]
    while end < len(st.tokens) and st.tokens[end].is_word and st.tokens[end].is_capitalised:
        end += 1
    return end


def organizations(st: SentenceView) -> Iterator[Mention]:
    if st.language == "en":
        yield from _organizations_en(st)
        return
    t = st.tokens
    after_title = {e for e, _ in hits(st.keys, _TITLES["vi"]).values()}
    codes = code_tokens(st)
    for i, rows in _ORG_HEADS.scan(st.keys).items():
        if i in codes:
            continue  # "Kế hoạch số 1256/KH-UBND": the issuer's code, not an organisation
        for key, head, cased, place_ext in rows:
            if cased and not t[i].is_capitalised:
                continue
            if st.place_at(i) is not None:
                break  # the head word begins a place's name: "Hội An"
            h = i + len(key)
            start = _descriptor_end(st, h, _DESCRIPTORS.get(key, 0))
            end = _titlecase_run(st, start)
            if i in after_title:  # "Bộ trưởng Bộ GD-ĐT Nguyễn Kim Sơn": the holder's name ends it
                end = _holder_split(st, h, end)
            end = _beside_tail(st, _admin_tail(st, end, place_ext))
            if end == h and place_ext:
                for k in range(h, min(h + 10, len(t))):
                    if not t[k].is_word and t[k].text not in rules.NAME_PUNCT:
                        break
                    if _ORG_HEADS.first(st.keys, k):
                        break  # "Tỉnh đoàn và Hội Liên hiệp Phụ nữ tỉnh …": the next of a list
                    place = st.place_at(k)
                    if place is not None:
                        end = place
                        break
            bare = "1" if end == h else ""
            scope = _SCOPES.get(key) if bare else None
            tail = at(st.keys, end, _ADMIN) if end > start and not bare else None
            if tail is not None and (tail[0] >= len(t) or not t[tail[0]].is_capitalised):
                # "Hội Khuyến học tỉnh, Tỉnh đoàn …": the article's province's association
                scope, end = _SCOPES.get(key_of(tail[1])), tail[0]
            elif (
                not bare
                and key in _PLACELESS
                and not any(st.place_at(k) is not None for k in range(i, end))
            ):
                scope = _PLACELESS[key]  # "đại diện Sở GD-ĐT": the article's province's
            # "UBND tỉnh", "Ban chỉ đạo xây dựng xã hội học tập thành phố": no place named
            admin = at(st.keys, start, _ADMIN) if end == start else None
            if admin is not None:
                scope = _SCOPES.get(key_of(admin[1]))
                if scope and (
                    admin[0] >= len(t)
                    or not t[admin[0]].is_capitalised
                    or _names_person(st, admin[0])
                ):
                    end = admin[0]  # "UBND tỉnh", "UBND thành phố": the article's province, city
                else:
                    scope = None
            if scope:
                yield st.mention(
                    i,
                    end,
                    "organization",
                    "org-head",
                    name=st.text(i, end),
                    attrs=(("bare", "1"), ("head", fold(head)), ("scope", scope)),
                )
                break
            if bare and h < len(t) and t[h].is_word and t[h].key not in _EVENT_STOPS:
                break  # "mạng lưới thành phố học tập khu vực ASEAN": a description, not a name
            yield st.mention(
                i,
                end,
                "organization",
                "org-head",
                name=st.text(i, end),
                attrs=(("bare", bare), ("head", fold(head))),
            )
            break


def _lang_attrs(st: SentenceView) -> tuple[tuple[str, str], ...]:
    return (("lang", st.language),) if st.language != "vi" else ()


def people(st: SentenceView) -> Iterator[Mention]:
    t = st.tokens
    for i, hon in hits(st.keys, _HONORIFICS.get(st.language, _HONORIFICS["vi"])).items():
        if st.language in _CASED and not t[i].is_capitalised:
            continue
        end = _person_name(st, hon[0])
        if end is not None:
            yield st.mention(
                hon[0],
                end,
                "person",
                "person-honorific",
                name=st.text(hon[0], end),
                attrs=(("honorific", st.text(i, hon[0])), *_lang_attrs(st)),
            )
        elif (
            hon[0] < len(t)
            and t[hon[0]].is_capitalised
            and st.place_at(hon[0]) is None
            and t[hon[0]].text[1:].islower()
            and t[hon[0]].is_word
        ):
            yield st.mention(
                hon[0],
                hon[0] + 1,
                "person",
                "person-short",
                name=t[hon[0]].text,
                attrs=(("short", "1"),),
            )


def titled_people(
    st: SentenceView, orgs: list[Mention], titles: list[Mention]
) -> Iterator[Mention]:
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


def titles(st: SentenceView) -> Iterator[Mention]:
    t, found = st.tokens, hits(st.keys, _TITLES.get(st.language, _TITLES["vi"]))
    i = 0
    while i < len(t):
        hit = found.get(i)
        if hit is None or (st.language in _CASED and not t[i].is_capitalised):
            i += 1
            continue
        yield st.mention(
            i, hit[0], "title", "title", name=st.text(i, hit[0]), attrs=_lang_attrs(st)
        )
        i = hit[0]


_EN_PLACE_HEADS = key_set(rules.ORG_PLACE_HEADS_EN)


def _en_run(st: SentenceView, i: int) -> int:
    """End of an English run of capitalised words from token ``i``, joined by connectors
    ("Ministry of Foreign Affairs", "Son La City People's Committee", "UNESCO Office in Hanoi")."""
    t, j, head = st.tokens, i, ""
    while j < len(t):
        tok = t[j]
        if tok.is_word and tok.is_capitalised:
            head = tok.key if tok.key in _EN_HEADS else head
            j += 1
            continue
        if (  # "People's Committee", "Thailand's Ministry": a possessive before any head
            tok.text in _APOSTROPHES
            and not head
            and j + 2 < len(t)
            and t[j + 1].text == "s"
            and t[j + 2].is_capitalised
        ):
            j += 2
            continue
        if tok.key in _EN_CONNECTORS:
            k = j + 1
            if k < len(t) and t[k].key in _EN_ARTICLES:
                k += 1
            if k < len(t) and t[k].is_word and t[k].is_capitalised:
                j = k
                continue
        if tok.key in _EN_PLACE_WORDS and head in _EN_PLACE_HEADS:
            place = st.place_at(j + 1)
            if place is not None:
                return place
        break
    return j


def _en_head(st: SentenceView, b: int, e: int) -> str:
    return next((st.tokens[k].text for k in range(b, e) if st.tokens[k].key in _EN_HEADS), "")


def _en_trim(st: SentenceView, b: int, e: int) -> int:
    """Start of the name in a run: leading articles, a title and its "of the", and a possessive
    place ("Thailand's Ministry …") are not part of it."""
    t = st.tokens
    while b < e:
        title = at(st.keys, b, _TITLES["en"])
        place = st.place_at(b)
        lower_link = t[b].key in _EN_CONNECTORS and not t[b].is_capitalised
        if t[b].key in _EN_NAME_ARTICLES or lower_link:
            b += 1
        elif title is not None:
            b = title[0]
        elif place is not None and place + 1 < e and t[place].text in _APOSTROPHES:
            b = place + 2
        else:
            break
    return b


def _en_parts(st: SentenceView, b: int, e: int) -> list[tuple[int, int]]:
    """ "Education Section of the UNESCO Office in Viet Nam": two organisations, split at the
    "of" whose both sides hold a head."""
    t = st.tokens
    for p in range(b + 1, e - 1):
        if t[p].key != "of" or not _en_head(st, b, p):
            continue
        right = _en_trim(st, p + 1, e)
        if _en_head(st, right, e):
            return [(b, p), *_en_parts(st, right, e)]
    return [(b, e)]


def _organizations_en(st: SentenceView) -> Iterator[Mention]:
    t, i = st.tokens, 0
    gaz = [(s, end) for s, (end, _) in st.gaz.items()]
    while i < len(t):
        if not (t[i].is_word and t[i].is_capitalised):
            i += 1
            continue
        end = _en_run(st, i)
        for b, e in _en_parts(st, _en_trim(st, i, end), end):
            while e > b and not t[e - 1].is_capitalised:
                e -= 1
            head = _en_head(st, b, e)
            overlaps = [(s, x) for s, x in gaz if s < e and b < x]
            if (
                not head
                or any(s < b or x > e for s, x in overlaps)  # the gazetteer's name is longer
                or (b, e) in overlaps  # the gazetteer's name
            ):
                continue
            yield st.mention(
                b,
                e,
                "organization",
                "org-head-en",
                name=st.text(b, e),
                attrs=(("bare", ""), ("head", fold(head)), ("lang", "en")),
            )
        i = max(end, i + 1)
