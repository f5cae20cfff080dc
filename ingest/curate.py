"""Curation: per-article TOML (``ingest/curation/<id>.toml``) that adds or rejects facts.

An added fact quotes its sentence verbatim; it is marked ``lc:extractedBy`` the curation record
``{article}#curation-N``. A rejection drops the automatic facts of a kind stated in the quoted
sentence (optionally only those with a given slot value)::

    [[add]]
    note = "why"                       # becomes the record's rdfs:comment
    kind = "event"                     # event | initiative | organization | person |
                                       # membership | participation | statistic
    quote = "… verbatim sentence fragment …"
    subject = "event/…"                # event, initiative, organization, person: the entity
                                       # the slots are about
    start = "2024"                     # the kind's slots (KIND_SLOTS); values as SLOT_TYPES says

    [[reject]]
    note = "why"
    kind = "statistic"
    quote = "…"
    value = "1"                        # optional: only facts with this slot value
                                       # ("kind/slug" for an entity)

The file is UTF-8 (a byte order mark is allowed) and at most 1 MB. Every value is a non-empty
string; anything else in the file is an error naming the file, the line and number of the record,
and the field (:class:`CurationError`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.link import Linked
from ingest.meta import is_date, read_utf8
from ingest.model import Article, Fact, Sentence, Value
from ingest.rdf import SLOTS
from kg.iris import KINDS, IRIs

ATTRIBUTE_KINDS = ("event", "initiative", "organization", "person")
NODE_KEYS = {"membership": ("member", "organization"), "participation": ("agent", "event")}
FACT_KINDS = (*ATTRIBUTE_KINDS, *NODE_KEYS, "statistic")
# Records for one article: far below this; a larger file is a mistake, not curation.
MAX_CURATION_BYTES = 1_000_000
# The slots a record of each kind may set: those the extractor sets for facts of that kind.
KIND_SLOTS: dict[str, tuple[str, ...]] = {
    "event": ("start", "end", "location", "organizer", "super_event", "addresses"),
    "initiative": ("start", "end", "led_by", "origin", "addresses"),
    "organization": ("parent",),
    "person": ("job_title", "honorific"),
    "membership": (
        "member",
        "organization",
        "role",
        "since",
        "ordinal",
        "ordinal_scope",
        "first_of_kind",
    ),
    "participation": ("agent", "event", "represents", "role"),
    "statistic": ("about", "value", "unit", "qualifier", "measure", "ref_date"),
}
# What a slot's value is written as, and so how it is checked.
ENTITY_SLOTS = frozenset(
    {
        "member",
        "organization",
        "agent",
        "event",
        "represents",
        "about",
        "location",
        "organizer",
        "super_event",
        "led_by",
        "origin",
        "addresses",
        "parent",
    }
)
DATE_SLOTS = frozenset({"since", "start", "end", "ref_date"})
INTEGER_SLOTS = frozenset({"ordinal"})
NUMBER_SLOTS = frozenset({"value"})
LANG_SLOTS = frozenset({"role", "measure", "job_title", "first_of_kind"})
# Slots only the extractor writes: links between the statistics of one article, by their keys.
EXTRACTOR_SLOTS = frozenset({"share_of", "same_set"})
# ASCII digits, and \Z (not $, which allows a final newline): the value is written as it is.
_ENTITY = re.compile(r"^([a-z]+)/([a-z0-9-]+)\Z")
_INTEGER = re.compile(r"^[0-9]+\Z")
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?\Z")
_HEADER = r"^\s*\[\[\s*{}\s*\]\]\s*(?:#.*)?$"


class CurationError(IngestError):
    """A bad curation file; the message names the file, the entry and its line, and the field."""


@dataclass(frozen=True)
class Curation:
    added: tuple[Fact, ...] = ()
    rejected: tuple[tuple[str, tuple[int, ...], str | None], ...] = ()  # kind, sentences, value
    comments: dict[int, str] = field(default_factory=dict)


def _where(path: Path, text: str, table: str, n: int) -> str:
    """``path:line: [[table]] #n``: the line of the n-th header (none if it cannot be told)."""
    header = re.compile(_HEADER.format(table))
    lines = [i for i, ln in enumerate(text.splitlines(), 1) if header.match(ln)]
    line = f":{lines[n - 1]}" if n <= len(lines) else ""
    return f"{path}{line}: [[{table}]] #{n}"


def _entity(raw: str, base: str) -> str | None:
    m = _ENTITY.match(raw)
    return IRIs(base).entity(m.group(1), m.group(2)) if m and m.group(1) in KINDS else None


def _value(slot: str, raw: str, base: str, where: str) -> Value:
    """The slot's value, checked as the slot's type requires."""
    if slot in ENTITY_SLOTS:
        iri = _entity(raw, base)
        if iri is None:
            raise CurationError(
                f"{where}: {slot} {raw!r} is not an entity 'kind/slug' "
                f"(kind one of {', '.join(sorted(KINDS))})"
            )
        return Value.ref(iri)
    if slot in DATE_SLOTS:
        if not is_date(raw):
            raise CurationError(
                f"{where}: {slot} {raw!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD"
            )
        return Value.lit(raw, "date")
    if slot in INTEGER_SLOTS:
        if not _INTEGER.match(raw) or int(raw) < 1:
            raise CurationError(f"{where}: {slot} {raw!r} is not a positive integer")
        return Value.lit(raw, "integer")
    if slot in NUMBER_SLOTS:
        if not _NUMBER.match(raw):
            raise CurationError(f"{where}: {slot} {raw!r} is not a number like 12 or 1.5")
        return Value.lit(raw, "decimal" if "." in raw else "integer")
    return Value.lit(raw, lang="vi" if slot in LANG_SLOTS else None)


def _sentences(quote: str, article: Article, sentences: tuple[Sentence, ...]) -> tuple[int, ...]:
    at = article.text.find(quote)
    if not quote or at < 0:
        return ()
    end = at + len(quote)
    return tuple(s.index for s in sentences if s.begin < end and at < s.end)


def _check(entry: dict[str, Any], where: str, allowed: set[str]) -> str:
    """Known keys with non-empty string values, ``kind`` and ``quote`` given; the kind."""
    for key, value in entry.items():
        if key not in allowed:
            raise CurationError(f"{where}: unknown key {key!r}")
        if not isinstance(value, str):
            raise CurationError(
                f"{where}: {key} must be a quoted string, not {type(value).__name__}"
            )
        if not value.strip():
            raise CurationError(f"{where}: {key} is empty")
    for key in ("kind", "quote"):
        if key not in entry:
            raise CurationError(f"{where}: {key} is required")
    kind: str = entry["kind"]
    if kind not in FACT_KINDS:
        raise CurationError(
            f"{where}: unknown kind {kind!r}; expected one of {', '.join(FACT_KINDS)}"
        )
    return kind


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and the tables of a curation file."""
    text = read_utf8(path, max_bytes=MAX_CURATION_BYTES, error=CurationError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CurationError(f"{path}: malformed TOML: {exc}") from exc
    unknown = set(data) - {"add", "reject"}
    if unknown:
        raise CurationError(
            f"{path}: unknown table(s) {sorted(unknown)}; expected [[add]] / [[reject]]"
        )
    for table in ("add", "reject"):
        records = data.get(table, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise CurationError(f"{path}: {table} must be [[{table}]] tables")
    return text, data


def _added(
    entry: dict[str, Any], n: int, where: str, article: Article, base: str
) -> tuple[str, str, tuple[tuple[str, Value], ...]]:
    """The subject, node key and slots of an ``[[add]]`` record, every field checked."""
    kind = _check(entry, where, {"kind", "quote", "note", "subject", *SLOTS})
    allowed = KIND_SLOTS[kind]
    for key in entry:
        if key in SLOTS and key not in allowed:
            raise CurationError(
                f"{where}: {key} is not a slot of kind {kind} (expected {', '.join(allowed)})"
            )
    slots = tuple(sorted((k, _value(k, v, base, where)) for k, v in entry.items() if k in SLOTS))
    if not slots:
        raise CurationError(f"{where}: no slot to add (one of {', '.join(allowed)})")
    if kind in ATTRIBUTE_KINDS:
        m = _ENTITY.match(entry.get("subject", ""))
        if m is None or m.group(1) != kind:
            raise CurationError(
                f"{where}: subject {entry.get('subject')!r} must be an entity '{kind}/slug'"
            )
        subject = IRIs(base).entity(kind, m.group(2))
        return subject, f"{subject} curation-{n}", slots
    if "subject" in entry:
        raise CurationError(
            f"{where}: subject is only for {', '.join(ATTRIBUTE_KINDS)}; a {kind} has none"
        )
    ends = dict(slots)
    missing = [k for k in NODE_KEYS.get(kind, ("about", "value")) if k not in ends]
    if missing:
        raise CurationError(f"{where}: {kind} needs {', '.join(missing)}")
    if kind == "statistic":
        return "", f"{article.article_id}-curation-{n}", slots
    key = "-".join("-".join((ends[k].iri or "").split("/")[-2:]) for k in NODE_KEYS[kind])
    return "", key, slots


def load_curation(
    path: Path, article: Article, sentences: tuple[Sentence, ...], linked: Linked, base: str
) -> Curation | None:
    """The article's curation, or ``None`` when it has no file; :class:`CurationError` (an
    :class:`~ingest.errors.IngestError`) on anything wrong in it."""
    if not path.is_file():
        return None
    text, data = _read(path)
    added: list[Fact] = []
    comments: dict[int, str] = {}
    for n, entry in enumerate(data.get("add", []), start=1):
        where = _where(path, text, "add", n)
        subject, key, slots = _added(entry, n, where, article, base)
        found = _sentences(entry["quote"], article, sentences)
        if not found:
            raise CurationError(f"{where}: quote not found in the article: {entry['quote']!r}")
        added.append(Fact(entry["kind"], key, slots, "curation", found, subject, curation=n))
        if "note" in entry:
            comments[n] = entry["note"]
    rejected = []
    for n, entry in enumerate(data.get("reject", []), start=1):
        where = _where(path, text, "reject", n)
        kind = _check(entry, where, {"kind", "quote", "note", "value"})
        found = _sentences(entry["quote"], article, sentences)
        if not found:
            raise CurationError(f"{where}: quote not found in the article: {entry['quote']!r}")
        value: str | None = entry.get("value")
        if value is not None:  # facts hold entities as IRIs
            value = _entity(value, base) or value
        rejected.append((kind, found, value))
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
