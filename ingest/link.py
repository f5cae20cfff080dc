"""Stage 4 — link: mentions to reference entities or to minted entities with deterministic IRIs.

Within an article, short forms ("thành phố", "Hội nghị", "Mạng lưới", "ông Chiến") resolve to the
entity already named; across articles, one normalised name gives one IRI.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace

from ingest.gazetteer import Gazetteer
from ingest.model import Article, Entity, Mention
from ingest.rules.mentions import MAIN_EVENT_SHORT_FORMS, ORG_ABBREVIATIONS
from ingest.tokens import SKIPPABLE, key_of, tokenize
from kg.iris import LC, IRIs
from kg.text import fold, tone_key

logger = logging.getLogger(__name__)

SDG_SCHEME = LC + "SDGs"
# Words before a shared name that pick the class: "thành phố Sơn La" is the city.
CLASS_CUES: tuple[tuple[str, str], ...] = (
    ("thành phố", "city"),
    ("TP", "city"),
    ("TP.", "city"),
    ("tỉnh", "province"),
    ("nước", "country"),
)
_CUES = sorted(((key_of(w), kind) for w, kind in CLASS_CUES), key=lambda r: -len(r[0]))
_MAIN_SHORT_FORMS = frozenset(fold(h) for h in MAIN_EVENT_SHORT_FORMS)
# Sentences after the headline that make the lead (where the event is named in full).
_LEAD_SENTENCES = 2
_PART_CLASSES = frozenset({"Ceremony", "Session"})
# The head of a network's name: networks come from the reference graph only, never minted.
NETWORK_HEAD = fold("Mạng lưới")
ENTITY_KINDS = frozenset(
    {"city", "province", "country", "place", "organization", "person", "event", "initiative", "sdg"}
)


@dataclass(frozen=True)
class Linked:
    mentions: tuple[Mention, ...]  # every mention; entity mentions have ``entity`` set
    entities: tuple[Entity, ...]
    main_event: str | None
    # The reference graph's one network (the GNLC), which "gia nhập mạng lưới" and "joined the
    # network" speak of in an article that never names it in full; ``None`` if not exactly one.
    network: str | None = None


def display_name(text: str, keep: tuple[tuple[int, int], ...] = ()) -> str:
    """Canonical label: skippable words and a repeated head dropped, capitalised first word,
    other capitalised words lowered unless acronyms or inside ``keep`` (nested proper names)."""
    out: list[str] = []
    for tok in tokenize(text):
        if tok.key in SKIPPABLE:
            continue
        word = tok.text
        if (
            out
            and word[:1].isupper()
            and not (len(word) > 1 and word.isupper())
            and not any(b <= tok.begin < e for b, e in keep)
        ):
            word = word.lower()
        out.append(
            (
                " "
                if out and (tok.is_word or tok.text in "–(") and not out[-1].endswith(("+", "-"))
                else ""
            )
            + word
        )
    name = "".join(out)
    words = name.split(" ")
    for n in (2, 1):  # "Hội nghị Hội nghị X" → "Hội nghị X"
        if len(words) >= 2 * n and [w.lower() for w in words[:n]] == [
            w.lower() for w in words[n : 2 * n]
        ]:
            words = words[n:]
            break
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def _cue_kind(article: Article, m: Mention) -> str | None:
    before = tokenize(article.text[max(0, m.begin - 12) : m.begin])
    for key, kind in _CUES:
        if tuple(t.key for t in before[-len(key) :]) == key:
            return kind
    own = key_of(m.text)
    return next((kind for key, kind in _CUES if own[: len(key)] == key), None)


class _Linker:
    def __init__(self, article: Article, gazetteer: Gazetteer, base: str) -> None:
        self.article, self.gaz, self.iris = article, gazetteer, IRIs(base)
        self.entities: dict[str, Entity] = {}
        self.city_counts: Counter[str] = Counter()
        self.last_city: str | None = None
        self.last_by_head: dict[str, str] = {}
        self.last_network: str | None = None
        self.last_province: str | None = None
        self.people: list[tuple[str, str]] = []
        self.org_keys: dict[str, str] = {}  # every abbreviation expanded → the IRI minted first

    def add(self, iri: str, kind: str, cls: str, name: str, minted: bool, m: Mention) -> str:
        old = self.entities.get(iri)
        sentences = tuple(sorted({*(old.sentences if old else ()), m.sentence}))
        if old is None:
            self.entities[iri] = Entity(iri, kind, cls, name, minted, m.rule, sentences)
        else:
            self.entities[iri] = replace(old, sentences=sentences)
        return iri

    def reference(self, m: Mention) -> str | None:
        cands = [self.gaz.by_iri[i] for i in m.candidates if i in self.gaz.by_iri]
        if not cands:
            return None
        cue = _cue_kind(self.article, m)
        pick = next((c for c in cands if c.kind == cue), cands[0])
        self.add(
            pick.iri, pick.kind, pick.classes[0], self.gaz.vi_names.get(pick.iri, m.text), False, m
        )
        if pick.kind == "city":
            self.city_counts[pick.iri] += 1
            self.last_city = pick.iri
        if pick.kind == "province":
            self.last_province = pick.iri
        if "Network" in pick.classes:
            self.last_network = pick.iri
        return pick.iri

    def alias(self, iri: str, name: str) -> None:
        """An abbreviation the article defined for a minted entity is one of its labels."""
        old = self.entities[iri]
        if old.minted and name != old.name and name not in old.alt_names:
            self.entities[iri] = replace(old, alt_names=(*old.alt_names, name))

    def city_short_form(self) -> str | None:
        if not self.city_counts:
            return None
        top = max(self.city_counts.values())
        best = [c for c, n in self.city_counts.items() if n == top]
        return self.last_city if self.last_city in best else sorted(best)[0]

    def organization(self, m: Mention) -> str | None:
        head = m.attr("head")
        scope = m.attr("scope")
        if scope:  # "UBND tỉnh": the organisation of the province the article is about
            place = self.city_short_form() if scope == "city" else self.last_province
            if place is None:
                return None
            m = replace(m, name=f"{m.name} {self.gaz.vi_names.get(place, '')}".strip())
        elif m.attr("bare"):
            return self.last_network if head == NETWORK_HEAD else self.last_by_head.get(head)
        for variant in _org_variants(m.name):
            cands = self.gaz.lookup(variant)
            if cands:
                return self.reference(replace(m, candidates=tuple(c.iri for c in cands)))
        if head == NETWORK_HEAD:
            return None  # networks come from the reference graph only
        expanded = expand_abbreviations(m.name, in_names_only=True)
        name = display_name(expanded, ((0, len(expanded)),))
        written = " ".join(m.name.split())
        # "UBND TP Hà Nội" and "UBND thành phố" (of Hà Nội) are one organisation
        key = tone_key(expand_abbreviations(name, in_names_only=False))
        minted = self.org_keys.setdefault(key, self.iris.entity("organization", name))
        iri = self.add(minted, "organization", "Organization", name, True, m)
        if expanded != m.name and written not in self.entities[iri].alt_names:
            old = self.entities[iri]
            self.entities[iri] = replace(old, alt_names=(*old.alt_names, written))
        self.last_by_head[head] = iri
        return iri

    def person(self, m: Mention) -> str | None:
        if m.attr("short"):
            return next(
                (iri for name, iri in reversed(self.people) if name.split()[-1] == m.name), None
            )
        iri = self.add(self.iris.entity("person", m.name), "person", "Person", m.name, True, m)
        self.people.append((m.name, iri))
        return iri


def expand_abbreviations(name: str, *, in_names_only: bool) -> str:
    """ "Sở GD-ĐT Nghệ An" → "Sở Giáo dục và Đào tạo Nghệ An" (the abbreviations of
    :data:`~ingest.rules.mentions.ORG_ABBREVIATIONS`, as whole words)."""
    for short, full, in_names in _ABBREVIATIONS:
        if in_names or not in_names_only:
            name = short.sub(full, name)
    return name


_ABBREVIATIONS = tuple(
    (re.compile(rf"(?<![\w&-]){re.escape(short)}(?![\w&-])"), full, in_names)
    for short, full, in_names in ORG_ABBREVIATIONS
)


def _org_variants(name: str) -> list[str]:
    """The name, then without an owner tail ("… của Thái Lan"), then each with its
    abbreviations expanded ("Bộ GD-ĐT" → "Bộ Giáo dục và Đào tạo")."""
    out = [name]
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if words[i] == "của":
            out.append(" ".join(words[:i]))
    for variant in list(out):
        for expanded in (
            expand_abbreviations(variant, in_names_only=True),
            expand_abbreviations(variant, in_names_only=False),
        ):
            if expanded not in out:
                out.append(expanded)
    return out


def _event_keys(article: Article, mentions: tuple[Mention, ...]) -> dict[int, tuple[str, str]]:
    """Mention index → (IRI name, display) for named events, merging prefix names."""
    names: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.kind == "event" and not m.attr("bare") and not m.attr("generic"):
            keep = tuple(
                (x.begin - m.begin, x.end - m.begin)
                for x in mentions
                if x.attr("inside") == "event" and m.begin <= x.begin < m.end
            )
            if article.meta.language == "en":  # English names keep their capitals
                keep = ((0, len(m.name)),)
            names[i] = display_name(m.name, keep)
    keys = {i: fold(n) for i, n in names.items()}
    out: dict[int, tuple[str, str]] = {}
    for i, key in keys.items():
        longer = sorted((k for k in keys.values() if k != key and k.startswith(key + " ")), key=len)
        target = longer[-1] if longer else key
        display = next(names[j] for j, k in keys.items() if k == target)
        out[i] = (display, display)
    return _headline_events(mentions, out)


def _headline_events(
    mentions: tuple[Mention, ...], names: dict[int, tuple[str, str]]
) -> dict[int, tuple[str, str]]:
    """A headline describes the event its lead names: "… dự hội thảo quốc tế về thành phố học
    tập tại Đà Nẵng" over "khai mạc Hội thảo quốc tế “Thành phố học tập khu vực ASEAN+3 …”". An
    event of the first sentence takes the name of the one event with its head that the next
    sentences (the lead) name differently."""
    out = dict(names)
    for i, (name, _) in names.items():
        m = mentions[i]
        if m.sentence != 0:
            continue
        lead = {
            names[j]
            for j in names
            if 0 < mentions[j].sentence <= _LEAD_SENTENCES
            and mentions[j].attr("head") == m.attr("head")
            and names[j][0] != name
        }
        if len(lead) == 1:
            out[i] = next(iter(lead))
    return out


def _main_event(ordered: list[Mention]) -> Mention | None:
    """What the article is about: the first event of the headline and lead that is not a part
    (ceremony, session) of another, else the first event there, else the first whole event."""
    lead = [m for m in ordered if m.sentence <= _LEAD_SENTENCES]
    whole = [m for m in ordered if m.cls not in _PART_CLASSES]
    lead_whole = [m for m in lead if m.cls not in _PART_CLASSES]
    return next(iter(lead_whole or lead or whole or ordered), None)


def link(
    article: Article, mentions: tuple[Mention, ...], gazetteer: Gazetteer, base: str
) -> Linked:
    """Fill ``Mention.entity``; return the entities the article refers to."""
    lk = _Linker(article, gazetteer, base)
    events = _event_keys(article, mentions)
    acronyms = _event_acronyms(article.text, mentions, events)
    ordered = [mentions[i] for i in sorted(events)]
    conference = _main_event(ordered)
    main_name = events[mentions.index(conference)][0] if conference else None
    main_iri = lk.iris.entity("event", acronyms.get(main_name, main_name)) if main_name else None
    initiatives = _initiative_names([m for m in mentions if m.kind == "initiative"])
    out: list[Mention] = []
    last_event_by_cls: dict[str, str] = {}
    for i, m in enumerate(mentions):
        iri: str | None = None
        if m.kind in ("city", "province", "country", "place") or m.rule == "gazetteer":
            iri = lk.city_short_form() if m.rule == "short-form" else lk.reference(m)
        elif m.kind == "organization":
            iri = lk.organization(m)
        elif m.kind == "person":
            iri = lk.person(m)
        elif m.kind == "sdg":
            iri = SDG_SCHEME if m.value == "all" else lk.reference(m)
        elif m.kind == "initiative":
            name = initiatives[fold(m.name).replace(" ", "")]
            iri = lk.add(lk.iris.entity("initiative", name), "initiative", m.cls, name, True, m)
        elif m.kind == "event":
            if i in events:
                name = events[i][0]
                key = acronyms.get(name, name)  # "… lần thứ 6 (ICLC6)", "… (ICLC6)": one IRI
                iri = lk.add(lk.iris.entity("event", key), "event", m.cls, name, True, m)
                if key != name:
                    lk.alias(iri, key)
                last_event_by_cls[m.cls] = iri
            elif m.attr("generic") and main_name:
                name = f"{display_name(m.name)} ({main_name})"
                iri = lk.add(lk.iris.entity("event", name), "event", m.cls, name, True, m)
                if m.cls not in last_event_by_cls:  # "the opening ceremony … The ceremony"
                    last_event_by_cls[m.cls] = iri
            elif m.attr("head") in _MAIN_SHORT_FORMS and m.attr("bare") and main_iri:
                iri = lk.add(main_iri, "event", m.cls, main_name or "", True, m)
            elif m.cls == "Conference" and main_iri and conference is not None:
                iri = lk.add(main_iri, "event", "Conference", main_name or "", True, m)
            else:
                iri = last_event_by_cls.get(m.cls) or (
                    main_iri if m.cls == (conference.cls if conference else "") else None
                )
        if iri and m.attr("alias") and iri in lk.entities:  # "UIL", defined as "Viện … (UIL)"
            lk.alias(iri, m.attr("alias"))
        out.append(replace(m, entity=iri) if iri else m)
    logger.debug("%s: %d entities", article.article_id, len(lk.entities))
    networks = [c.iri for c in gazetteer.by_iri.values() if "Network" in c.classes]
    return Linked(
        tuple(out),
        tuple(sorted(lk.entities.values(), key=lambda e: e.iri)),
        main_iri,
        networks[0] if len(networks) == 1 else None,
    )


# "(ICLC6)", "(ASEAN+3 LCC)": an event's acronym, with a digit or three capitals at least.
_EVENT_ACRONYM = re.compile(
    r"\s?\((?P<acr>[A-Z](?=[A-Z0-9+\- ]*[0-9]|[A-Z]{2})[A-Z0-9+\-]{1,11})\)"
)


def _event_acronyms(
    text: str, mentions: tuple[Mention, ...], events: dict[int, tuple[str, str]]
) -> dict[str, str]:
    """Event name → the acronym the article defines for it right after it. The acronym is the
    event's identity across languages and articles ("Hội nghị quốc tế về thành phố học tập lần thứ
    6 (ICLC6)" and "the sixth International Conference on Learning Cities (ICLC6)")."""
    out: dict[str, str] = {}
    for i, (name, _) in events.items():
        hit = _EVENT_ACRONYM.match(text, mentions[i].end)
        if hit and name not in out:
            out[name] = hit.group("acr")
    return out


def _initiative_names(mentions: list[Mention]) -> dict[str, str]:
    """Spelling variants of one initiative ("Laulau"/"Lau Lau", "thư viên"/"Thư viện") → one
    canonical name: capitalised first, then the most frequent, then the first."""
    groups: dict[str, list[str]] = {}
    for m in mentions:
        groups.setdefault(fold(m.name).replace(" ", ""), []).append(m.name)
    out: dict[str, str] = {}
    for key, names in groups.items():
        counts = Counter(names)
        out[key] = sorted(names, key=lambda n: (not n[:1].isupper(), -counts[n], names.index(n)))[0]
    return out
