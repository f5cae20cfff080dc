"""Full-text search over labels, alternative labels and passages (SQLite FTS5, stdlib only).

Everything is indexed in its :func:`kg.text.fold` form (no diacritics, ``đ`` → ``d``, lower
case), and queries are folded the same way, so ``son la``, ``SƠN LA``, ``thanh uy`` and
``da nang`` find ``Sơn La``, ``Thành ủy`` / ``Thành uỷ`` and ``Đà Nẵng``. (FTS5's own
``remove_diacritics`` does not map ``đ``.)

A query costs the same whatever the size of the graph:

* documents are numbered in their static rank order (entities before passages, entities by
  incoming links, most first), so the first :data:`CANDIDATES` matches in rowid order, which
  FTS5 streams without ranking anything, are the best candidates; only those are ranked
  (exact label first, then entities by links, then the shorter text), and matches past them
  are counted as "more". Nothing needs corpus-wide statistics (BM25 would: it reads every
  match of every word), and every prefix up to seven letters has its own index, so a word
  typed in part is one index read too;
* an exact label is found through an index on the folded labels, wherever its rowid is;
* what a result row shows (labels, the type's and the article's labels in both languages) is
  written at build time, so serving a hit never touches the RDF store.

``lckg build`` calls :func:`build_index` after loading, writing ``search.sqlite`` beside the
store; the app opens it with :class:`SearchIndex`. The index also records the predicates the
store uses (:meth:`SearchIndex.predicates`), which entity pages probe one at a time.

>>> from kg.store import Store
>>> idx = SearchIndex.in_memory(Store())
>>> idx.search("son la").total
0
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.describe import read_passage
from kg.labels import Labeler, pick
from kg.search_words import TOKENIZE, match_expression, plain_text
from kg.search_words import query_words as query_words  # re-exported
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

SCHEMA_VERSION = 2
_SCHEMA = f"""
PRAGMA user_version = {SCHEMA_VERSION};
-- The row id is the rank: entities first, the most linked first, the shorter label first;
-- then passages, the shorter first.
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL,
    kind TEXT NOT NULL,          -- 'entity' or 'passage'
    type TEXT,                   -- most specific class IRI
    label_vi TEXT, label_en TEXT,
    type_vi TEXT, type_en TEXT,  -- the type's label in each language
    snippet TEXT, article TEXT, anchor TEXT,
    article_vi TEXT, article_en TEXT
);
CREATE TABLE keys (key TEXT NOT NULL, doc INTEGER NOT NULL);  -- folded labels, exact matches
CREATE INDEX keys_key ON keys (key);
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE predicates (iri TEXT PRIMARY KEY);
-- Row ids and words only (no positions, no ranking data); every prefix up to the length of a
-- Vietnamese syllable has its own index.
CREATE VIRTUAL TABLE fts USING fts5(
    text, content='', detail='none', tokenize='{TOKENIZE}',
    prefix='1 2 3 4 5 6 7'
);
CREATE TEMP TABLE passages (
    iri TEXT, text TEXT, snippet TEXT, article TEXT, anchor TEXT, article_vi TEXT, article_en TEXT
);
"""
_INSERT_DOC = """INSERT INTO docs (id, iri, kind, type, label_vi, label_en, type_vi, type_en,
    snippet, article, anchor, article_vi, article_en)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_FTS = "INSERT INTO fts (rowid, text) VALUES (?, ?)"
# Passages are numbered after the entities, shortest first (ties in the store's order).
_PASSAGE_RANK = "SELECT :after + row_number() OVER (ORDER BY length(text), rowid) AS id, *"
_INSERT_PASSAGES = f"""INSERT INTO docs (id, iri, kind, type, type_vi, type_en, snippet, article,
    anchor, article_vi, article_en)
SELECT id, iri, 'passage', :type, :type_vi, :type_en, snippet, article, anchor, article_vi,
    article_en FROM ({_PASSAGE_RANK} FROM temp.passages)"""
_INSERT_PASSAGE_TEXT = f"""INSERT INTO fts (rowid, text)
SELECT id, text FROM ({_PASSAGE_RANK} FROM temp.passages)"""
_HIT_COLUMNS = """d.iri, d.kind, d.type, d.label_vi, d.label_en, d.type_vi, d.type_en,
    d.snippet, d.article, d.anchor, d.article_vi, d.article_en"""
# Exact labels first, then the matches in rank (row id) order: FTS5 streams them in that order,
# so a page reads offset + limit matches, never all of them.
_PAGE = f"""
WITH exact(id) AS (SELECT DISTINCT doc FROM keys WHERE key = :exact AND doc <= :last),
ranked(id, exact) AS (
    SELECT id, 1 FROM exact
    UNION ALL SELECT id, 0 FROM (
        SELECT rowid AS id FROM fts WHERE fts MATCH :match AND rowid <= :last LIMIT :end
    ) WHERE id NOT IN (SELECT id FROM exact)
    ORDER BY 2 DESC, 1 LIMIT :limit OFFSET :offset
)
SELECT {_HIT_COLUMNS} FROM ranked r JOIN docs d ON d.id = r.id ORDER BY r.exact DESC, r.id
"""
_COUNT = """
SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH :match AND rowid <= :last LIMIT :cap)
"""
# Past the cap an exact label may lie beyond the matches counted; it is counted too.
_EXACT_BEYOND = """
SELECT count(*) FROM (SELECT DISTINCT doc FROM keys WHERE key = :exact AND doc <= :last)
WHERE doc > (SELECT max(rowid) FROM (
    SELECT rowid FROM fts WHERE fts MATCH :match AND rowid <= :last LIMIT :candidates))
"""
WEIGHT_CAP = 10_000
CANDIDATES = 1_000  # matches counted and paged per query; past them a query says "more"
_PREDICATES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    type: str | None
    label_vi: str | None
    label_en: str | None
    type_vi: str | None
    type_en: str | None
    snippet: str | None
    article: str | None
    anchor: str | None
    article_vi: str | None
    article_en: str | None

    def label(self, lang: str) -> str:
        return _in(lang, self.label_vi, self.label_en) or self.snippet or self.iri

    def type_label(self, lang: str) -> str:
        return _in(lang, self.type_vi, self.type_en) or ""

    def article_label(self, lang: str) -> str | None:
        return _in(lang, self.article_vi, self.article_en)


def _in(lang: str, vi: str | None, en: str | None) -> str | None:
    return (vi or en) if lang == "vi" else (en or vi)


@dataclass(frozen=True)
class Results:
    """One page of ranked hits. ``total`` counts matches up to :data:`CANDIDATES`; ``capped``
    says there are more matches than that (they are not ranked)."""

    query: str
    total: int
    hits: list[Hit]
    capped: bool = False


def _specific_type(types: Sequence[URIRef]) -> str | None:
    own = [str(t) for t in types if str(t).startswith(LC)]
    if own:
        return own[0]
    return str(types[0]) if types else None


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


def _labels(labeler: Labeler, node: str | URIRef | None) -> tuple[str | None, str | None]:
    if not node:
        return None, None
    return labeler.label(URIRef(node), "vi"), labeler.label(URIRef(node), "en")


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
    entities = []
    for iri, labels, alts in _entities(store, labeler):
        vi, en = pick(labels, "vi"), pick(labels, "en")
        keys = list(dict.fromkeys(fold(str(x)) for x in (*labels, *alts)))
        length = len(fold(str(vi or en or ""))) or min(map(len, keys), default=0)
        entities.append((-_weight(store, iri), length, iri, vi, en, keys))
    entities.sort(key=lambda entity: entity[:2])  # stable: equals keep the store's order
    for rowid, (_, _, iri, vi, en, keys) in enumerate(entities, start=1):
        kind = _specific_type(labeler.info(iri).types)
        row = (str(iri), "entity", kind, _str(vi), _str(en), *_labels(labeler, kind))
        conn.execute(_INSERT_DOC, (rowid, *row, None, None, None, None, None))
        conn.executemany("INSERT INTO keys VALUES (?, ?)", [(key, rowid) for key in keys])
        conn.execute(_INSERT_FTS, (rowid, " ".join(keys)))
    for node, _p, _o, _g in store.triples(None, RDF_TYPE, URIRef(PASSAGE_CLASS)):
        passage = read_passage(store, node)
        if passage is not None:
            article = str(passage.article or "")
            conn.execute(
                "INSERT INTO temp.passages VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    str(node),
                    fold(passage.text),
                    passage.text,
                    article,
                    passage.anchor,
                    *_labels(labeler, article),
                ),
            )
    type_vi, type_en = _labels(labeler, PASSAGE_CLASS)
    ranks = {"after": len(entities), "type": PASSAGE_CLASS, "type_vi": type_vi, "type_en": type_en}
    conn.execute(_INSERT_PASSAGES, ranks)
    conn.execute(_INSERT_PASSAGE_TEXT, ranks)
    passage_count: int = conn.execute("SELECT count(*) FROM temp.passages").fetchone()[0]
    total = len(entities) + passage_count
    conn.execute("DROP TABLE temp.passages")
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("last_entity", len(entities)), ("last", total)]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO predicates VALUES (?)",
        [(str(row["p"]),) for row in store.select(_PREDICATES) if "p" in row],
    )
    conn.commit()
    log.info("search index: %d documents", total)
    return total


def _str(lit: Literal | None) -> str | None:
    return str(lit) if lit is not None else None


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
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise OSError(f"search index has schema {version}, this version reads {SCHEMA_VERSION}")
        self._conn = conn
        self._lock = threading.Lock()
        meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        self._last_entity, self._last = int(meta["last_entity"]), int(meta["last"])
        self._predicates = tuple(
            URIRef(row[0]) for row in conn.execute("SELECT iri FROM predicates")
        )

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open an index written by :func:`build_index`, read-only. ``OSError`` if missing or
        written by another version of this module."""
        if not Path(path).is_file():
            raise FileNotFoundError(f"search index {path} does not exist")
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return cls(conn)
        except (OSError, sqlite3.Error, KeyError) as exc:
            conn.close()
            raise OSError(f"search index {path} cannot be read: {exc}") from exc

    @classmethod
    def in_memory(cls, store: Store) -> SearchIndex:
        """Index ``store`` into memory (an app given a store that no build has indexed)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        fill(conn, store)
        return cls(conn)

    def predicates(self) -> tuple[URIRef, ...]:
        """Every predicate the store used when the index was built."""
        return self._predicates

    def search(
        self, query: str, *, limit: int = 20, offset: int = 0, kind: str | None = None
    ) -> Results:
        """Hits ``offset`` to ``offset + limit`` in rank order (see the module); ``kind="entity"``
        leaves passages out. Only the first :data:`CANDIDATES` matches are paged."""
        match = match_expression(query)
        if match is None:
            return Results(query, 0, [])
        params = {
            "match": match,
            "exact": fold(plain_text(query)),
            "last": self._last_entity if kind == "entity" else self._last,
            "candidates": CANDIDATES,
            "cap": CANDIDATES + 1,
            "end": min(offset + limit, CANDIDATES),
            "limit": limit,
            "offset": offset,
        }
        with self._lock:
            matches = self._conn.execute(_COUNT, params).fetchone()[0]
            capped = matches > CANDIDATES
            extra = self._conn.execute(_EXACT_BEYOND, params).fetchone()[0] if capped else 0
            rows = self._conn.execute(_PAGE, params).fetchall() if offset < CANDIDATES else []
        return Results(query, min(matches, CANDIDATES) + extra, [Hit(*row) for row in rows], capped)

    def suggest(self, prefix: str, *, limit: int = 8) -> list[Hit]:
        return self.search(prefix, limit=limit, kind="entity").hits

    def close(self) -> None:
        self._conn.close()
