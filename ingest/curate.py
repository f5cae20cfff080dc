"""Curation: per-article TOML (``ingest/curation/<id>.toml``) that adds or rejects facts.

An added fact quotes its sentence verbatim; it is marked ``lc:extractedBy`` the curation record
``{article}#curation-N``. A rejection drops the automatic facts of a kind stated in the quoted
sentence (optionally only those with a given slot value)::

    [[add]]
    note = "why"                       # becomes the record's rdfs:comment
    kind = "event"                     # event | initiative | person | membership |
                                       # participation | statistic
    quote = "… verbatim sentence fragment …"
    subject = "event/…"                # attribute kinds: the entity the slot is about
    start = "2024"                     # slots as in ingest.rdf.SLOTS; "kind/slug" = an entity

    [[reject]]
    note = "why"
    kind = "statistic"
    quote = "…"
    value = "1"                        # optional: only facts with this slot value
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.link import Linked
from ingest.model import Article, Fact, Sentence, Value
from ingest.rdf import SLOTS
from kg.iris import KINDS, IRIs

ATTRIBUTE_KINDS = ("event", "initiative", "person")
NODE_KEYS = {"membership": ("member", "organization"), "participation": ("agent", "event")}
DATE_SLOTS = frozenset({"since", "start", "end", "ref_date"})
INTEGER_SLOTS = frozenset({"ordinal"})
LANG_SLOTS = frozenset({"role", "measure", "job_title", "first_of_kind"})
_ENTITY = re.compile(r"^([a-z]+)/([a-z0-9-]+)$")


class CurationError(ValueError):
    """A bad curation file; the message names the file, the entry and its line."""


@dataclass(frozen=True)
class Curation:
    added: tuple[Fact, ...] = ()
    rejected: tuple[tuple[str, tuple[int, ...], str | None], ...] = ()  # kind, sentences, value
    comments: dict[int, str] = field(default_factory=dict)


def _line(text: str, table: str, index: int) -> int:
    lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.strip() == f"[[{table}]]"]
    return lines[index] if index < len(lines) else 0


def _value(slot: str, raw: str, base: str) -> Value:
    m = _ENTITY.match(raw)
    if m and m.group(1) in KINDS:
        return Value.ref(IRIs(base).entity(m.group(1), m.group(2)))
    if slot in DATE_SLOTS:
        return Value.lit(raw, "date")
    if slot in INTEGER_SLOTS:
        return Value.lit(raw, "integer")
    if slot == "value":
        return Value.lit(raw, "decimal" if "." in raw else "integer")
    return Value.lit(raw, lang="vi" if slot in LANG_SLOTS else None)


def _sentences(quote: str, article: Article, sentences: tuple[Sentence, ...]) -> tuple[int, ...]:
    at = article.text.find(quote)
    if not quote or at < 0:
        return ()
    end = at + len(quote)
    return tuple(s.index for s in sentences if s.begin < end and at < s.end)


def _check(entry: dict[str, Any], where: str, allowed: set[str]) -> None:
    for key, value in entry.items():
        if key not in allowed:
            raise CurationError(f"{where}: unknown key {key!r}")
        if not isinstance(value, str):
            raise CurationError(f"{where}: {key} must be a string")
    for key in ("kind", "quote"):
        if key not in entry:
            raise CurationError(f"{where}: {key} is required")


def load_curation(
    path: Path, article: Article, sentences: tuple[Sentence, ...], linked: Linked, base: str
) -> Curation | None:
    """The article's curation, or ``None`` when it has no file."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CurationError(f"{path}: malformed TOML: {exc}") from exc
    unknown = set(data) - {"add", "reject"}
    if unknown:
        raise CurationError(
            f"{path}: unknown table(s) {sorted(unknown)}; expected [[add]] / [[reject]]"
        )
    added: list[Fact] = []
    comments: dict[int, str] = {}
    for n, entry in enumerate(data.get("add", []), start=1):
        where = f"{path}:{_line(text, 'add', n - 1)}: [[add]] #{n}"
        _check(entry, where, {"kind", "quote", "note", "subject", *SLOTS})
        found = _sentences(entry["quote"], article, sentences)
        if not found:
            raise CurationError(f"{where}: quote not found in the article: {entry['quote']!r}")
        kind = entry["kind"]
        slots = tuple(sorted((k, _value(k, v, base)) for k, v in entry.items() if k in SLOTS))
        if not slots:
            raise CurationError(f"{where}: no slot to add (one of {', '.join(sorted(SLOTS))})")
        if kind in ATTRIBUTE_KINDS:
            subject = _value("subject", entry.get("subject", ""), base).iri
            if subject is None:
                raise CurationError(f"{where}: subject must be an entity 'kind/slug'")
            key = f"{subject} curation-{n}"
        elif kind in NODE_KEYS or kind == "statistic":
            ends = dict(slots)
            missing = [k for k in NODE_KEYS.get(kind, ("about", "value")) if k not in ends]
            if missing:
                raise CurationError(f"{where}: {kind} needs {', '.join(missing)}")
            subject = ""
            key = (
                f"{article.article_id}-curation-{n}"
                if kind == "statistic"
                else "-".join(
                    "-".join((ends[k].iri or "").split("/")[-2:]) for k in NODE_KEYS[kind]
                )
            )
        else:
            raise CurationError(f"{where}: unknown kind {kind!r}")
        added.append(Fact(kind, key, slots, "curation", found, subject, curation=n))
        if "note" in entry:
            comments[n] = entry["note"]
    rejected = []
    for n, entry in enumerate(data.get("reject", []), start=1):
        where = f"{path}:{_line(text, 'reject', n - 1)}: [[reject]] #{n}"
        _check(entry, where, {"kind", "quote", "note", "value"})
        found = _sentences(entry["quote"], article, sentences)
        if not found:
            raise CurationError(f"{where}: quote not found in the article: {entry['quote']!r}")
        rejected.append((entry["kind"], found, entry.get("value")))
    del linked  # the quote, not the mentions, ties a curation entry to the text
    return Curation(tuple(added), tuple(rejected), comments)


def _matches(fact: Fact, rule: tuple[str, tuple[int, ...], str | None]) -> bool:
    kind, found, value = rule
    if fact.kind != kind or not set(fact.sentences) & set(found):
        return False
    return value is None or any((v.text or v.iri) == value for _, v in fact.slots)


def apply_curation(facts: tuple[Fact, ...], curation: Curation | None) -> tuple[Fact, ...]:
    """Drop rejected facts, append added ones (they keep their own curation record)."""
    if curation is None:
        return facts
    kept = [f for f in facts if not any(_matches(f, r) for r in curation.rejected)]
    return tuple(sorted([*kept, *curation.added], key=lambda f: (f.kind, f.key, f.curation or 0)))
