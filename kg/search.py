"""Full-text search over labels, alternative labels and passages (SQLite FTS5, stdlib only).

Everything is indexed in its :func:`kg.text.fold` form (no diacritics, ``đ`` → ``d``, lower
case), and queries are folded the same way, so ``son la``, ``SƠN LA``, ``thanh uy`` and
``da nang`` find ``Sơn La``, ``Thành ủy`` / ``Thành uỷ`` and ``Đà Nẵng``. (FTS5's own
``remove_diacritics`` does not map ``đ``.)

``lckg build`` calls :func:`build_index` after loading, writing ``search.sqlite`` beside the
store; the app opens it with :class:`SearchIndex`.

>>> from kg.store import Store
>>> idx = SearchIndex.in_memory(Store())
>>> idx.search("son la").total
0
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.describe import read_passage
from kg.labels import Labeler, pick
from kg.store import Store
from kg.text import fold
from kg.vocab import (
    ALT_LABEL_PROPERTIES,
    ANNOTATION_CLASSES,
    LABEL_PROPERTIES,
    LC,
    PASSAGE_CLASS,
    RDF_TYPE,
)

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL,
    kind TEXT NOT NULL,          -- 'entity' or 'passage'
    type TEXT,                   -- most specific class IRI
    label_vi TEXT, label_en TEXT,
    keys TEXT NOT NULL,          -- '|'-separated folded labels, for exact-match ranking
    weight INTEGER NOT NULL DEFAULT 0,  -- incoming links: the better-connected of equals first
    snippet TEXT, article TEXT, anchor TEXT
);
CREATE VIRTUAL TABLE fts USING fts5(
    label, alt, body, content='', tokenize='unicode61 remove_diacritics 2'
);
"""
_INSERT_DOC = """INSERT INTO docs (id, iri, kind, type, label_vi, label_en, keys, snippet, article,
    anchor, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_FTS = "INSERT INTO fts (rowid, label, alt, body) VALUES (?, ?, ?, ?)"
_MATCH = """
SELECT d.iri, d.kind, d.type, d.label_vi, d.label_en, d.snippet, d.article, d.anchor,
       bm25(fts, 10.0, 4.0, 1.0) AS score,
       instr('|' || d.keys || '|', '|' || :exact || '|') > 0 AS exact
FROM fts JOIN docs d ON d.id = fts.rowid
WHERE fts MATCH :match {kind_filter}
ORDER BY exact DESC, d.kind = 'passage', d.weight DESC, score, d.id
LIMIT :limit OFFSET :offset
"""
_COUNT = """SELECT count(*) FROM fts JOIN docs d ON d.id = fts.rowid
WHERE fts MATCH :match {kind_filter}"""
_TOKEN = re.compile(r"\w+")
MAX_QUERY_TOKENS = 12
WEIGHT_CAP = 10_000


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    type: str | None
    label_vi: str | None
    label_en: str | None
    snippet: str | None
    article: str | None
    anchor: str | None
    score: float

    def label(self, lang: str) -> str:
        first, second = (
            (self.label_vi, self.label_en) if lang == "vi" else (self.label_en, self.label_vi)
        )
        return first or second or self.snippet or self.iri


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    hits: list[Hit]


def match_expression(query: str) -> str | None:
    """FTS5 expression for a user query: every folded word, as a prefix, all required.

    >>> match_expression("Sơn  LA!")
    '"son"* "la"*'
    >>> match_expression("  ") is None
    True
    """
    tokens = _TOKEN.findall(fold(query))[:MAX_QUERY_TOKENS]
    if not tokens:
        return None
    return " ".join(f'"{tok}"*' for tok in tokens)


def _specific_type(types: Sequence[URIRef]) -> str | None:
    own = [str(t) for t in types if str(t).startswith(LC)]
    return (own or [str(t) for t in types] or [None])[0]


def _entities(
    store: Store, labeler: Labeler
) -> Iterator[tuple[URIRef, list[Literal], list[Literal]]]:
    seen: set[URIRef] = set()
    for prop in (*labeler.label_properties, *labeler.alt_label_properties):
        for s, _p, _o, graph in store.triples(None, prop, None):
            if (
                not isinstance(s, URIRef)
                or s in seen
                or str(s).startswith(LC)
                or (graph or "").endswith("/graph/ontology")
            ):
                continue
            seen.add(s)
            info = labeler.info(s)
            if any(str(t) in ANNOTATION_CLASSES for t in info.types):
                continue
            yield s, list(info.labels), list(info.alt_labels)


def _weight(store: Store, iri: URIRef) -> int:
    count = 0
    for count, _quad in enumerate(store.triples(None, None, iri), start=1):
        if count >= WEIGHT_CAP:
            break
    return count


def fill(
    conn: sqlite3.Connection,
    store: Store,
    *,
    label_properties: Sequence[str] = LABEL_PROPERTIES,
    alt_label_properties: Sequence[str] = ALT_LABEL_PROPERTIES,
) -> int:
    """Create the tables in ``conn`` and index ``store``; returns the number of documents."""
    labeler = Labeler(
        store, label_properties=label_properties, alt_label_properties=alt_label_properties
    )
    conn.executescript(_SCHEMA)
    rowid = 0
    for iri, labels, alts in _entities(store, labeler):
        rowid += 1
        vi, en = pick(labels, "vi"), pick(labels, "en")
        keys = "|".join(dict.fromkeys(fold(str(x)) for x in (*labels, *alts)))
        conn.execute(
            _INSERT_DOC,
            (
                rowid,
                str(iri),
                "entity",
                _specific_type(labeler.info(iri).types),
                str(vi) if vi is not None else None,
                str(en) if en is not None else None,
                keys,
                None,
                None,
                None,
                _weight(store, iri),
            ),
        )
        conn.execute(
            _INSERT_FTS,
            (
                rowid,
                " ".join(fold(str(x)) for x in labels),
                " ".join(fold(str(x)) for x in alts),
                "",
            ),
        )
    for node, _p, _o, _g in store.triples(None, RDF_TYPE, URIRef(PASSAGE_CLASS)):
        passage = read_passage(store, node)
        if passage is None:
            continue
        rowid += 1
        conn.execute(
            _INSERT_DOC,
            (
                rowid,
                str(node),
                "passage",
                PASSAGE_CLASS,
                None,
                None,
                "",
                passage.text,
                str(passage.article or ""),
                passage.anchor,
                0,
            ),
        )
        conn.execute(_INSERT_FTS, (rowid, "", "", fold(passage.text)))
    conn.commit()
    log.info("search index: %d documents", rowid)
    return rowid


def build_index(store: Store, path: Path, **options: Sequence[str]) -> int:
    """Write a fresh search index for ``store`` to ``path``; returns the number of documents.

    ``options`` are ``label_properties`` / ``alt_label_properties`` (ordered predicate IRIs).
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        count = fill(conn, store, **options)
    finally:
        conn.close()
    tmp.replace(path)
    return count


class SearchIndex:
    """Queries one index; safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open an index written by :func:`build_index`, read-only. ``OSError`` if missing."""
        if not Path(path).is_file():
            raise FileNotFoundError(f"search index {path} does not exist")
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=False))

    @classmethod
    def in_memory(cls, store: Store) -> SearchIndex:
        """Index ``store`` into memory (an app given a store that no build has indexed)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        fill(conn, store)
        return cls(conn)

    def search(
        self, query: str, *, limit: int = 20, offset: int = 0, kind: str | None = None
    ) -> Results:
        match = match_expression(query)
        if match is None:
            return Results(query, 0, [])
        kind_filter = "AND d.kind = :kind" if kind else ""
        params = {
            "match": match,
            "exact": fold(query),
            "limit": limit,
            "offset": offset,
            "kind": kind,
        }
        with self._lock:
            total = self._conn.execute(_COUNT.format(kind_filter=kind_filter), params).fetchone()[0]
            rows = self._conn.execute(_MATCH.format(kind_filter=kind_filter), params).fetchall()
        hits = [Hit(*row[:8], score=float(row[8])) for row in rows]
        return Results(query, int(total), hits)

    def suggest(self, prefix: str, *, limit: int = 8) -> list[Hit]:
        return self.search(prefix, limit=limit, kind="entity").hits

    def close(self) -> None:
        self._conn.close()
