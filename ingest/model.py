"""Frozen dataclasses shared by the pipeline stages; only :mod:`ingest.rdf` knows RDF."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article besides its text; ``None`` = unknown."""

    url: str | None = None
    publisher: str | None = None
    headline: str | None = None
    date_published: str | None = None  # ISO date
    date_reference: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": resolves year-less dates
    language: str | None = "vi"

    @property
    def reference_date(self) -> str | None:
        return self.date_published or self.date_reference


@dataclass(frozen=True)
class Removal:
    """A block the cleaner cut, in raw offsets (over the decoded, NFC, ``\\n``-normalised file)."""

    rule: str
    line_count: int
    raw_begin: int
    raw_end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied verbatim from ``raw[raw_begin:raw_begin + length]``."""

    clean_begin: int
    raw_begin: int
    length: int


@dataclass(frozen=True)
class Article:
    article_id: str
    raw: str
    text: str  # cleaned NFC text: one paragraph per line
    meta: ArticleMeta
    removals: tuple[Removal, ...] = ()
    segments: tuple[Segment, ...] = ()

    def raw_offset(self, offset: int) -> int:
        """Map a cleaned offset to the raw offset it was copied from."""
        if not self.segments:
            return offset
        starts = [seg.clean_begin for seg in self.segments]
        seg = self.segments[max(bisect_right(starts, offset) - 1, 0)]
        return seg.raw_begin + min(offset - seg.clean_begin, seg.length)


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of the cleaned text recognised by a rule.

    ``kind`` is an IRI kind (``city``, ``organization``, ``person``, ``event``, ``initiative``,
    ``sdg``, ...) or an auxiliary kind that never becomes an entity (``date``, ``figure``,
    ``title``). ``candidates`` are reference IRIs from the gazetteer; ``entity`` is filled in by
    the link stage.
    """

    begin: int
    end: int
    text: str
    kind: str
    sentence: int
    rule: str
    name: str = ""
    cls: str = ""
    candidates: tuple[str, ...] = ()
    value: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    entity: str | None = None

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True)
class Entity:
    """An entity the article refers to: from the reference graph, or minted from the text."""

    iri: str
    kind: str
    cls: str
    name: str
    minted: bool
    rule: str
    sentences: tuple[int, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    alt_names: tuple[str, ...] = ()  # other spellings in the article ("Sở GD-ĐT Nghệ An")


@dataclass(frozen=True)
class Value:
    """A slot value: an IRI, or a literal with a datatype (``xsd:`` local name) or language."""

    iri: str | None = None
    text: str | None = None
    datatype: str | None = None
    lang: str | None = None

    @staticmethod
    def ref(iri: str) -> Value:
        return Value(iri=iri)

    @staticmethod
    def lit(text: str, datatype: str | None = None, lang: str | None = None) -> Value:
        return Value(text=text, datatype=datatype, lang=lang)


@dataclass(frozen=True)
class Fact:
    """A statement found in one or more sentences.

    ``kind`` selects the RDF mapping (see :mod:`ingest.rdf`); ``key`` makes the node IRI
    deterministic (facts with the same kind and key are one node, their slots and sentences
    merged); ``subject`` is the entity the fact is attached to for attribute facts.
    """

    kind: str
    key: str
    slots: tuple[tuple[str, Value], ...]
    rule: str
    sentences: tuple[int, ...]
    subject: str = ""
    curation: int | None = field(default=None)


@dataclass(frozen=True)
class SetAside:
    """A fact the checks dropped, or a value they took off a fact to repair it."""

    kind: str
    node: str  # the fact's key (n-ary) or its subject IRI (attribute facts)
    slot: str
    value: str
    shape: str
    message: str
    action: str  # "dropped" | "repaired"
    sentence: int
    text: str  # the sentence

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "node": self.node,
            "slot": self.slot,
            "value": self.value,
            "shape": self.shape,
            "message": self.message,
            "action": self.action,
            "sentence": self.sentence,
            "text": self.text,
        }
