"""Abbreviations an article defines: "Viện Học tập suốt đời của UNESCO (UIL)", "Thành phố Hồ Chí
Minh (TPHCM)", "Hội Khuyến học tỉnh (HKH)". Every later occurrence of the abbreviation, as a word
of its own, is a mention of what it was defined for (same kind, name and reference candidates),
marked ``alias``; the linker gives it the defined entity's IRI and records the abbreviation as an
alternative label.

>>> [m.group("abbr") for m in DEFINED.finditer(" (UIL), (TP.HCM); (Bộ GD-ĐT) (2024) (A)")]
['UIL', 'TP.HCM']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.model import Mention, Sentence

# "(UIL)", "(TPHCM)", "(TP.HCM)", "(GD&ĐT)": two or more capitals, at most 12 characters.
DEFINED = re.compile(r"\s?\((?P<abbr>(?=(?:[^)]*[A-ZĐ]){2})[A-ZĐ][A-Za-zĐđ0-9&.\-]{1,11})\)")
KINDS = frozenset({"organization", "city", "province", "country", "initiative"})


# Lower-case words an organisation's name may run on with before its abbreviation, when the
# abbreviation spells their initials: "Viện Nghiên cứu Giáo dục thường xuyên (VNCGDTX)".
_RUN_ON = re.compile(r"(?P<words>(?:\s[a-zà-ỹđ]+){1,5})(?=\s?\()")


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"\w+", name)).upper().replace("Đ", "D")


def _extended(text: str, m: Mention) -> Mention:
    """``m`` with the lower-case words before its abbreviation, if the abbreviation spells them."""
    run = _RUN_ON.match(text, m.end)
    if m.kind != "organization" or run is None:
        return m
    hit = DEFINED.match(text, run.end())
    full = text[m.begin : run.end()]
    if hit is None or _initials(full) != hit.group("abbr").upper().replace("Đ", "D"):
        return m
    return replace(m, end=run.end(), text=full, name=" ".join(full.split()))


def _defining(text: str, entities: Sequence[Mention]) -> list[tuple[Mention, str, int]]:
    """(mention, abbreviation, where the definition ends) for each "Name (ABBR)"."""
    out = []
    for m in entities:
        if m.kind not in KINDS or m.attr("inside"):
            continue
        hit = DEFINED.match(text, m.end)
        if hit:
            out.append((m, hit.group("abbr"), hit.end()))
    return out


def apply_aliases(
    text: str, sentences: Sequence[Sentence], entities: Sequence[Mention]
) -> list[Mention]:
    """``entities`` with names run on to their abbreviation, and a mention of each abbreviation
    after its definition where no mention is yet."""
    entities = [_extended(text, m) for m in entities]
    taken = [(m.begin, m.end) for m in entities]
    out = list(entities)
    seen: set[str] = set()
    for m, abbr, after in _defining(text, entities):
        if abbr in seen:
            continue  # defined twice: the first definition holds
        seen.add(abbr)
        word = re.compile(rf"(?<![\w&.\-]){re.escape(abbr)}(?![\w&\-]|\.\w)")
        for hit in word.finditer(text, after):
            b, e = hit.start(), hit.end()
            if any(tb < e and b < te for tb, te in taken):
                continue
            sentence = next((s for s in sentences if s.begin <= b and e <= s.end), None)
            if sentence is None:
                continue
            attrs = (*((k, v) for k, v in m.attrs if k != "inside"), ("alias", abbr))
            out.append(replace(m, begin=b, end=e, text=abbr, sentence=sentence.index, attrs=attrs))
            taken.append((b, e))
    return sorted(out, key=lambda m: (m.begin, m.end))
