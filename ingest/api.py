"""The entry points ``kg`` calls: one article or a whole corpus → N-Quads + a report.

>>> from pathlib import Path
>>> out = extract_file(Path("ingest/articles/000_bc4ba419052e2653.txt"),  # doctest: +SKIP
...                    ontology_dir=Path("ontology"), base="http://localhost:8000/")
>>> out.graph_iri  # doctest: +SKIP
'http://localhost:8000/graph/article/000_bc4ba419052e2653'
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import rdflib
from rdflib.plugins.parsers.notation3 import BadSyntax

from ingest import words
from ingest.clean import clean, removed_lines_by_rule
from ingest.curate import Curation, apply_curation, load_curation
from ingest.errors import IngestError as IngestError  # callers catch it from the API
from ingest.factcheck import load_constraints, screen
from ingest.facts import find_facts, merge
from ingest.gazetteer import Gazetteer, build_gazetteer
from ingest.link import link
from ingest.mentions import find_mentions
from ingest.meta import META_KEYS as META_KEYS  # re-exported: callers read it here
from ingest.meta import decode_utf8, read_limited
from ingest.meta import read_meta as read_meta
from ingest.model import Article, SetAside
from ingest.rdf import NODE_KINDS, ArticleGraph, build_graph
from ingest.segment import segment
from ingest.validate import ValidationFailure, check_anchors, check_shapes, check_spans, violations
from kg.iris import IRIs
from kg.text import nfc

logger = logging.getLogger(__name__)

MAX_BYTES = 2_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-32 LE starts as UTF-16 LE
_CHUNK = 16  # articles per task sent to a worker process: fewer round trips, steady progress


@dataclass(frozen=True)
class ArticleOutput:
    article_id: str
    graph_iri: str
    nquads: str
    report: dict[str, Any]


def load_reference(ontology_dir: Path, base: str) -> rdflib.Graph:
    """Parse ``ontology_dir/reference/*.ttl`` with ``base`` (their IRIs are relative)."""
    graph = rdflib.Graph()
    files = sorted((ontology_dir / "reference").glob("*.ttl"))
    if not files:
        raise IngestError(f"{ontology_dir / 'reference'}: no reference *.ttl files")
    for path in files:
        try:
            graph.parse(path, format="turtle", publicID=base)
        except BadSyntax as exc:
            raise IngestError(
                f"{path}:{exc.lines + 1}: Turtle syntax error: {exc.message}"
            ) from exc
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise IngestError(f"{path}: cannot read reference data: {exc}") from exc
    return graph


def _stamp(ontology_dir: Path) -> tuple[tuple[str, float], ...]:
    return tuple(
        (p.name, p.stat().st_mtime) for p in sorted((ontology_dir / "reference").glob("*.ttl"))
    )


@lru_cache(maxsize=4)
def _reference(
    ontology_dir: str, base: str, _stamp: tuple[tuple[str, float], ...]
) -> tuple[rdflib.Graph, Gazetteer]:
    reference = load_reference(Path(ontology_dir), base)
    return reference, build_gazetteer(reference, base)


def read_text(path: Path) -> str:
    """The article's text, NFC, without a UTF-8 byte order mark; bad bytes, binary, empty or
    oversized files raise :class:`IngestError`."""
    data = read_limited(path, MAX_BYTES)
    if data.startswith(_UTF16_BOMS):  # before the NUL test: these files are full of NULs
        raise IngestError(f"{path}:1: UTF-16 or UTF-32 (byte order mark), not UTF-8")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IngestError(f"{path}:{line}: binary file (NUL byte), not an article")
    text = decode_utf8(path, data)
    if not text.strip():
        raise IngestError(f"{path}: empty article")
    return nfc(text)


def extract_file(
    path: Path,
    *,
    meta: Path | None = None,
    ontology_dir: Path,
    base: str,
    curation_dir: Path | None = None,
    shacl: bool = True,
) -> ArticleOutput:
    """One article → its named graph as N-Quads, with a report.

    Every article gets the cheap checks of :func:`build_article`. With ``shacl`` (the
    default, as for ``lckg extract``) the graph is also validated with SHACL, reference entities
    included (some 0.1 s an article). Without it, only an article a curation file applies to is;
    the pipeline's own output is left to one SHACL run over the whole corpus (``lckg build``).
    """
    path = Path(path)
    built = build_article(
        path, meta=meta, ontology_dir=ontology_dir, base=base, curation_dir=curation_dir
    )
    if shacl or built.curated:
        built = _validated(built, path, ontology_dir, base)
    logger.info(
        "%s: %d sentences, %d facts", path.stem, built.report["sentences"], built.report["facts"]
    )
    return ArticleOutput(path.stem, built.triples.iri, built.triples.nquads(), built.report)


_SHACL_ROUNDS = 3  # dropping a node can orphan another (a mention of a dropped entity)


def _validated(built: BuiltArticle, path: Path, ontology_dir: Path, base: str) -> BuiltArticle:
    """SHACL over the article graph. A node of the pipeline's own making that breaks a shape is
    taken out and reported; one a curation record made fails the article, naming the file."""
    reference, _ = _reference(str(ontology_dir), base, _stamp(ontology_dir))
    try:
        check_anchors(built.graph, built.article)
    except ValidationFailure as exc:
        raise IngestError(f"{path}: the article graph does not validate: {exc}") from exc
    for _ in range(_SHACL_ROUNDS):
        found = violations(built.graph, ontology_dir, reference)
        if not found:
            return built
        curated = [v for v in found if built.triples.made_by_curation(v.focus)]
        if curated:  # a person wrote it: fail with SHACL's whole report, naming the file
            try:
                check_shapes(built.graph, ontology_dir, reference)
            except ValidationFailure as exc:
                raise IngestError(f"{path}: the article graph does not validate: {exc}") from exc
        # A fact node goes whole; an entity keeps itself and loses the property at fault.
        nodes = {v.focus for v in found if v.path is None or _is_fact_node(v.focus, base)}
        strip = {(v.focus, v.path) for v in found if v.focus not in nodes and v.path}
        aside = [
            SetAside(
                "node",
                v.focus,
                v.path or "",
                "",
                v.shape,
                v.message,
                "dropped" if v.focus in nodes else "repaired",
                -1,
                built.triples.source_text(v.focus),
            )
            for v in found
        ]
        logger.warning("%s: %d nodes set aside by SHACL", path.stem, len(aside))
        triples = built.triples.without(nodes, aside, strip)
        report = {
            **built.report,
            "set_aside": [*built.report["set_aside"], *(a.as_dict() for a in aside)],
        }
        built = BuiltArticle(built.article, triples, report, built.curated)
    raise IngestError(
        f"{path}: the article graph does not validate after setting nodes aside: "
        + "; ".join(f"{v.focus} [{v.shape}]: {v.message}" for v in found)
    )


def _is_fact_node(iri: str, base: str) -> bool:
    split = IRIs(base).split(iri)
    return bool(split) and split[0] in {kind for _, kind in NODE_KINDS.values()}


@dataclass(frozen=True)
class BuiltArticle:
    article: Article
    triples: ArticleGraph
    report: dict[str, Any]
    curated: bool  # a curation file applied

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The article graph as an rdflib graph (built on first use: it is slow)."""
        return self.triples.graph()


def build_article(
    path: Path,
    *,
    meta: Path | None = None,
    ontology_dir: Path,
    base: str,
    curation_dir: Path | None = None,
) -> BuiltArticle:
    """Every stage but SHACL: the cleaned article, its graph and the report. Sentences and
    mentions are checked against the cleaned text (:func:`~ingest.validate.check_spans`)."""
    article_id = path.stem
    raw = read_text(path)
    article = clean(article_id, raw, read_meta(meta or path.with_suffix(".toml")))
    _, gazetteer = _reference(str(ontology_dir), base, _stamp(ontology_dir))
    sentences = segment(article)
    linked = link(article, find_mentions(article, sentences, gazetteer), gazetteer, base)
    kept, set_aside = screen(
        find_facts(article, sentences, linked), sentences, load_constraints(ontology_dir)
    )
    facts = merge(kept)
    curation: Curation | None = None
    if curation_dir is not None:
        curation = load_curation(
            curation_dir / f"{article_id}.toml", article, sentences, linked, base
        )
        facts = apply_curation(facts, curation)
    try:
        check_spans(article, sentences, linked)
    except ValidationFailure as exc:
        raise IngestError(f"{path}: the article graph does not validate: {exc}") from exc
    graph = build_graph(
        article,
        sentences,
        linked,
        facts,
        base,
        curation.comments if curation else None,
        set_aside,
    )
    report: dict[str, Any] = {
        "sentences": len(sentences),
        "mentions": sum(1 for m in linked.mentions if m.entity),
        "entities": len(linked.entities),
        "facts": len(facts),
        "removed_lines_by_rule": removed_lines_by_rule(article),
        "set_aside": [item.as_dict() for item in set_aside],
        "warnings": [
            f"unlinked {m.kind} mention {m.text!r}"
            for m in linked.mentions
            if m.entity is None and m.kind in ("person", "organization", "event")
        ],
    }
    return BuiltArticle(article, graph, report, curation is not None)


def _extract_one(args: tuple[Path, Path, str, Path | None, bool]) -> ArticleOutput:
    path, ontology_dir, base, curation_dir, shacl = args
    return extract_file(
        path,
        ontology_dir=ontology_dir,
        base=base,
        curation_dir=curation_dir,
        shacl=shacl,
    )


def _extract_or_error(
    args: tuple[Path, Path, str, Path | None, bool],
) -> ArticleOutput | IngestError:
    """:func:`_extract_one`, its :class:`IngestError` returned instead of raised (the corpus goes
    on to the next article)."""
    try:
        return _extract_one(args)
    except IngestError as exc:
        return IngestError(str(exc))


def iter_corpus(
    articles_dir: Path,
    *,
    ontology_dir: Path,
    base: str,
    curation_dir: Path | None,
    workers: int = 1,
    shacl: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    skip: Collection[Path] = (),
) -> Iterator[ArticleOutput]:
    """Every ``*.txt`` in ``articles_dir`` by name, one output at a time, so a caller that writes
    each out holds one article, not the corpus. The first bad article raises
    :class:`IngestError` naming it; with ``on_error``, each bad article's error goes to it
    instead and the corpus goes on (a build reports every broken file in one run); the files in
    ``skip`` are left out (the build found them unusable already). ``shacl`` as for
    :func:`extract_file`: off by default, as the build validates the union of all graphs with
    SHACL.

    Nothing runs until the first output is asked for. Closing the iterator early (or an error)
    cancels the articles not yet started and waits for the worker processes to end.
    """
    paths = [p for p in sorted(Path(articles_dir).glob("*.txt")) if p not in skip]
    # Fail early, in the parent, on bad reference data; forked workers inherit the parsed copy.
    _reference(str(ontology_dir), base, _stamp(Path(ontology_dir)))
    jobs = [(p, Path(ontology_dir), base, curation_dir, shacl) for p in paths]
    if on_error is not None:
        yield from _reporting(_outputs(jobs, workers, _extract_or_error), on_error)
        return
    yield from _outputs(jobs, workers, _extract_one)


def _reporting(
    outputs: Iterator[ArticleOutput | IngestError], on_error: Callable[[IngestError], None]
) -> Iterator[ArticleOutput]:
    for output in outputs:
        if isinstance(output, IngestError):
            on_error(output)
        else:
            yield output


def _outputs(
    jobs: list[tuple[Path, Path, str, Path | None, bool]],
    workers: int,
    extract: Callable[[tuple[Path, Path, str, Path | None, bool]], Any],
) -> Iterator[Any]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield extract(job)
        return
    words.warm()
    chunk = max(1, min(_CHUNK, len(jobs) // (4 * workers)))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        # map submits every chunk at once and hands results back in order as each is read.
        yield from pool.map(extract, jobs, chunksize=chunk)
    finally:
        # Cancel what has not started rather than rely on map's generator being finalised:
        # otherwise shutdown waits for the whole corpus to be extracted.
        pool.shutdown(wait=True, cancel_futures=True)


def extract_corpus(
    articles_dir: Path,
    *,
    ontology_dir: Path,
    base: str,
    curation_dir: Path | None,
    workers: int = 1,
    on_done: Callable[[ArticleOutput], None] | None = None,
    shacl: bool = False,
) -> list[ArticleOutput]:
    """:func:`iter_corpus` as a list (the whole corpus in memory), ``on_done`` called on each."""
    outputs: list[ArticleOutput] = []
    for output in iter_corpus(
        articles_dir,
        ontology_dir=ontology_dir,
        base=base,
        curation_dir=curation_dir,
        workers=workers,
        shacl=shacl,
    ):
        outputs.append(output)
        if on_done:
            on_done(output)
    return outputs
