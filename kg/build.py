"""``lckg build``: ontology + reference + ingested corpus → a new store, validated, swapped in.

Every phase writes only into a new ``.partial`` build directory; the build in service is replaced
by one atomic symlink swap at the very end, so a failed or killed build changes nothing.
"""

from __future__ import annotations

import fcntl
import json
import logging
import re
import time
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg import build_layout
from kg.build_layout import BuildInfo
from kg.config import Settings
from kg.errors import BuildError
from kg.formats import NQUADS, TURTLE
from kg.iris import IRIs, slugify, validate_base
from kg.progress import Phases
from kg.store import Store
from kg.void import DUMPS, write_dump

log = logging.getLogger(__name__)

ONTOLOGY_FILE = "lc.ttl"
SHAPES_FILE = "shapes.ttl"
REFERENCE_DIR = "reference"
STAGED_FILE = "articles.nq"  # the article graphs, in the build directory until loaded


@dataclass
class BuildReport:
    build_id: str
    base: str
    started: float = field(default_factory=time.time)
    phases: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)
    shacl: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2, sort_keys=True)


def reference_files(ontology_dir: Path) -> list[Path]:
    return sorted((ontology_dir / REFERENCE_DIR).glob("*.ttl"))


def run_build(
    settings: Settings, *, validate: bool = True, workers: int = 1, quiet: bool = False
) -> BuildInfo:
    """Run every phase into a new build directory and swap it in. ``BuildError`` on bad input."""
    try:
        validate_base(settings.base)
    except ValueError as exc:
        raise BuildError(str(exc)) from exc
    _check_inputs(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(settings):
        for stale in build_layout.stale_partials(settings):
            log.info("removing %s left by an interrupted build", stale)
            build_layout.discard(BuildInfo(stale))
        build = build_layout.new_build(settings)
        try:
            report = _run_phases(settings, build, validate=validate, workers=workers, quiet=quiet)
            build.report_path.write_text(report.to_json(), encoding="utf-8")
        except BaseException:
            build_layout.discard(build)
            raise
        return build_layout.swap_in(settings, build)


def _check_inputs(settings: Settings) -> None:
    onto = settings.ontology_dir / ONTOLOGY_FILE
    for path in (onto, settings.ontology_dir / SHAPES_FILE):
        if not path.is_file():
            raise BuildError(f"{path}: file not found")
    if not reference_files(settings.ontology_dir):
        raise BuildError(f"{settings.ontology_dir / REFERENCE_DIR}: no *.ttl reference files")
    if not settings.articles_dir.is_dir():
        raise BuildError(f"{settings.articles_dir}: corpus directory not found")


@contextmanager
def _build_lock(settings: Settings) -> Iterator[None]:
    lock_path = settings.data_dir / "build.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{lock_path}: another build is running") from None
        yield


def _load_turtle(store: Store, path: Path, *, base: str, graph: str) -> None:
    try:
        store.load(path, format=TURTLE, base_iri=base, graph=graph)
    except SyntaxError as exc:
        raise BuildError(f"{path}: line {exc.lineno}, column {exc.offset}: {exc.msg}") from exc


def _run_phases(
    settings: Settings, build: BuildInfo, *, validate: bool, workers: int, quiet: bool
) -> BuildReport:
    iris = IRIs(settings.base)
    report = BuildReport(build_id=build.build_id, base=settings.base)
    with Store(build.store_dir) as store:
        _phases(
            settings, build, store, report, iris, validate=validate, workers=workers, quiet=quiet
        )
    return report


def _phases(
    settings: Settings,
    build: BuildInfo,
    store: Store,
    report: BuildReport,
    iris: IRIs,
    *,
    validate: bool,
    workers: int,
    quiet: bool,
) -> None:
    with Phases(quiet=quiet) as phases:
        with phases.phase("ontology", report.phases):
            phase_ontology(store, settings, iris)
        refs = reference_files(settings.ontology_dir)
        with phases.phase("reference", report.phases, total=len(refs)) as advance:
            for path in refs:
                _load_turtle(store, path, base=settings.base, graph=iris.graph("reference"))
                advance()
        articles = sorted(settings.articles_dir.glob("*.txt"))
        # Every broken file of the corpus is reported at once, after the whole corpus is read.
        unusable: set[Path] = set()
        problems = corpus_problems(settings.articles_dir, unusable)
        # Each article graph goes to disk as it is made: the corpus is never held in memory.
        # The file is inside the .partial directory, so a failed build discards it.
        staged = build.root / STAGED_FILE
        with (
            phases.phase("ingest", report.phases, total=len(articles)) as advance,
            closing(
                phase_ingest(settings, workers=workers, problems=problems, skip=unusable)
            ) as outputs,
        ):
            count = stage_articles(outputs, staged, report.articles, on_done=advance)
        if problems:
            raise BuildError(broken_corpus_message(problems))
        with phases.phase("load", report.phases, total=count):
            # One bulk load of every article graph: per-article loads each write new files.
            store.load(staged, format=NQUADS)
            staged.unlink()
            store.flush()
        if validate:
            with phases.phase("validate", report.phases):
                report.shacl = phase_validate(store, settings)
        with phases.phase("search", report.phases):
            report.counts["search_entries"] = phase_search(store, build.search_path)
        with phases.phase("dumps", report.phases, total=len(DUMPS)) as advance:
            for name in DUMPS:
                write_dump(store, build.dumps_dir, name)
                advance()
        with phases.phase("optimize", report.phases):
            store.optimize()
    report.counts["triples"] = len(store)
    report.counts["graphs"] = len(store.named_graphs())
    report.counts["articles"] = count


def phase_ontology(store: Store, settings: Settings, iris: IRIs) -> None:
    _load_turtle(
        store,
        settings.ontology_dir / ONTOLOGY_FILE,
        base=settings.base,
        graph=iris.graph("ontology"),
    )


def corpus_problems(articles_dir: Path, unusable: set[Path] | None = None) -> list[str]:
    """What is wrong with the corpus's files as files: names that cannot make an article's IRIs
    (:func:`article_id_problem`; such articles are added to ``unusable``) and metadata without
    an article (an orphan ``.toml``)."""
    problems = []
    for path in sorted(articles_dir.iterdir()):
        if path.suffix == ".txt":
            problem = article_id_problem(path.stem)
            if problem:
                problems.append(f"{path}: {problem}")
                if unusable is not None:
                    unusable.add(path)
        elif path.suffix == ".toml" and not path.with_suffix(".txt").exists():
            problems.append(
                f"{path}: metadata without an article: there is no {path.stem}.txt beside it "
                "(add the article or remove the .toml)"
            )
    return problems


_ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def article_id_problem(article_id: str) -> str | None:
    """Why ``article_id`` (a file name without ``.txt``) cannot name an article, else ``None``.

    The id goes verbatim into the article's graph IRI (``{base}graph/article/{id}``), so it is
    kept to ASCII letters, digits, ``.``, ``_`` and ``-``: no spaces, no bidirectional controls,
    nothing that must be escaped in an IRI. The file is not renamed silently (two names could
    become one); the error proposes a name.

    >>> article_id_problem("000_bc4ba419052e2653") is None
    True
    >>> article_id_problem("bài viết 1").endswith("e.g. 'bai-viet-1.txt'")
    True
    """
    if _ARTICLE_ID.fullmatch(article_id):
        return None
    try:
        hint = f", e.g. '{slugify(article_id)}.txt'"
    except ValueError:
        hint = ""
    return (
        f"the file name {article_id!r} cannot name an article (its id goes into IRIs): use "
        f"ASCII letters, digits, '.', '_' and '-' only{hint}"
    )


def broken_corpus_message(problems: list[str]) -> str:
    count = len(problems)
    head = "1 broken corpus file" if count == 1 else f"{count} broken corpus files"
    return f"{head}:\n" + "\n".join(f"  {problem}" for problem in problems)


class ArticleResult(Protocol):
    """What the build keeps of one ingested article (``ingest.api.ArticleOutput``)."""

    @property
    def article_id(self) -> str: ...
    @property
    def nquads(self) -> str: ...
    @property
    def report(self) -> dict[str, Any]: ...


def phase_ingest(
    settings: Settings,
    *,
    workers: int,
    problems: list[str] | None = None,
    skip: Collection[Path] = (),
) -> Generator[ArticleResult, None, None]:
    """The corpus but ``skip`` through the pipeline, one article at a time, in file name order.
    With ``problems``, a bad article's error is added to it and the corpus goes on; without,
    the first one stops the build."""
    from ingest.api import IngestError, iter_corpus

    curation = settings.curation_dir if settings.curation_dir.is_dir() else None
    try:
        yield from iter_corpus(
            settings.articles_dir,
            ontology_dir=settings.ontology_dir,
            base=settings.base,
            curation_dir=curation,
            workers=workers,
            on_error=None if problems is None else (lambda exc: problems.append(str(exc))),
            skip=skip,
        )
    except IngestError as exc:
        raise BuildError(str(exc)) from exc


def stage_articles(
    outputs: Iterable[ArticleResult],
    path: Path,
    entries: list[dict[str, Any]],
    *,
    on_done: Callable[[], None],
) -> int:
    """Write each output's N-Quads to ``path`` as it arrives and keep only its report entry in
    ``entries``; the number of articles."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for output in outputs:
            nquads = output.nquads
            handle.write(nquads)
            if nquads and not nquads.endswith("\n"):
                handle.write("\n")
            entries.append({"id": output.article_id, **output.report})
            count += 1
            on_done()
    return count


def phase_validate(store: Store, settings: Settings) -> dict[str, Any]:
    """SHACL over every graph (union), the ontology supplying the class hierarchy."""
    from pyshacl import validate as shacl_validate

    data = _union_graph(store)
    shapes = _union_shapes(Graph().parse(settings.ontology_dir / SHAPES_FILE, format="turtle"))
    ontology = Graph().parse(settings.ontology_dir / ONTOLOGY_FILE, format="turtle")
    conforms, _, text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
    )
    if not conforms:
        raise BuildError(
            f"SHACL validation failed ({settings.ontology_dir / SHAPES_FILE}):\n{text}"
        )
    return {"conforms": True, "triples_checked": len(data)}


_SH = Namespace("http://www.w3.org/ns/shacl#")
_PER_SOURCE = URIRef("https://w3id.org/learning-cities/shapes#perSource")


def _union_shapes(shapes: Graph) -> Graph:
    """The shapes for the union of all articles: a count marked ``lcsh:perSource`` holds per
    article (checked as each is read), not across articles that name the same node."""
    for shape in list(shapes.subjects(_PER_SOURCE, Literal(True))):
        shapes.remove((shape, _SH.maxCount, None))
    return shapes


def _union_graph(store: Store) -> Graph:
    graph = Graph()
    for s, p, o, _ in store.triples():
        graph.add((s, p, o))
    return graph


def phase_search(store: Store, path: Path) -> int:
    try:
        from kg.search import build_index
    except ImportError:
        log.warning("search index module not available; skipping the search index")
        return 0
    return int(build_index(store, path))


def load_dataset(store: Store) -> Dataset:
    """The whole store as an rdflib Dataset (small stores only: tests and validation)."""
    dataset = Dataset()
    for s, p, o, g in store.triples():
        dataset.graph(g).add((s, p, o)) if g else dataset.add((s, p, o))
    return dataset
