"""``lckg``: one command line for building, serving and asking the graph (DESIGN §2)."""

from __future__ import annotations

import copy
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rdflib import URIRef
from rdflib.term import Node
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg import build_layout
from kg.config import Settings
from kg.errors import BuildError
from kg.formats import CSV, JSON, NQUADS, TRIG, TSV, TURTLE, by_name
from kg.queries import NamedQuery, ParamError, find, resolve_short
from kg.queries import bind as bind_params
from kg.store import Store, StoreError
from kg.vocab import curie

app = typer.Typer(
    help="Learning Cities Knowledge Graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
log = logging.getLogger("kg")

BaseOpt = Annotated[str | None, typer.Option("--base", help="Instance IRI base (KG_BASE).")]
DataDirOpt = Annotated[Path | None, typer.Option("--data-dir", help="KG_DATA_DIR.")]


def _settings(**overrides: object) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**values)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{_setting_name(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        _fail(f"bad setting: {problems}", code=2)


def _setting_name(loc: tuple[int | str, ...]) -> str:
    """``KG_WORKERS`` for a problem with the ``workers`` setting (what users set)."""
    if not loc:
        return "settings"
    head, *rest = map(str, loc)
    return ".".join([f"KG_{head.upper()}", *rest])


def _fail(message: str, *, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        stream=sys.stderr,
        format=LOG_FORMAT,
    )


def _open_built(settings: Settings) -> Store:
    current = build_layout.current_build(settings)
    if current is None:
        _fail(f"no built store in {settings.data_dir}: run `lckg build` first")
    try:
        return Store(current.store_dir, read_only=True)
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def build(
    base: BaseOpt = None,
    data_dir: DataDirOpt = None,
    workers: Annotated[int, typer.Option(min=1, help="Ingest processes.")] = 1,
    skip_shacl: Annotated[bool, typer.Option(help="Skip whole-graph SHACL.")] = False,
    quiet: bool = False,
) -> None:
    """Pipeline over the corpus + ontology + reference → new store, validated, swapped in."""
    from kg.build import run_build

    settings = _settings(base=base, data_dir=data_dir)
    try:
        info = run_build(settings, validate=not skip_shacl, workers=workers, quiet=quiet)
    except BuildError as exc:
        _fail(f"build failed, the store in service is unchanged.\n{exc}")
    report = json.loads(info.report_path.read_text(encoding="utf-8"))
    table = Table(title=f"build {info.build_id}")
    table.add_column("article", no_wrap=True)
    for col in (
        "sentences",
        "mentions",
        "entities",
        "facts",
        "set aside",
        "removed lines",
        "warnings",
    ):
        table.add_column(col, justify="right")
    for art in report["articles"]:
        removed = sum((art.get("removed_lines_by_rule") or {}).values())
        table.add_row(
            art["id"],
            *(str(art.get(k, "")) for k in ("sentences", "mentions", "entities", "facts")),
            str(len(art.get("set_aside", []))),
            str(removed),
            str(len(art.get("warnings", []))),
        )
    err.print(table)
    err.print(
        f"{report['counts'].get('triples', 0)} triples in "
        f"{report['counts'].get('graphs', 0)} graphs → {info.root}"
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="KG_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="KG_PORT.")] = None,
    workers: Annotated[int | None, typer.Option(help="KG_WORKERS.")] = None,
    processes: Annotated[int | None, typer.Option(help="KG_PROCESSES.")] = None,
    data_dir: DataDirOpt = None,
    base: BaseOpt = None,
) -> None:
    """Serve the built store (builds it first if there is none)."""
    import uvicorn

    settings = _settings(
        host=host, port=port, workers=workers, processes=processes, data_dir=data_dir, base=base
    )
    if build_layout.current_build(settings) is None:
        err.print("no built store yet: building it first")
        from kg.build import run_build

        try:
            run_build(settings)
        except BuildError as exc:
            _fail(str(exc))
    _check_write_stamp(settings)
    # The app factory reads its settings from the environment, in every worker process.
    for key, value in (
        ("HOST", settings.host),
        ("PORT", settings.port),
        ("WORKERS", settings.workers),
        ("PROCESSES", settings.processes),
        ("DATA_DIR", settings.data_dir),
        ("BASE", settings.base),
    ):
        os.environ[f"KG_{key}"] = str(value)
    preload = os.environ.get("LD_PRELOAD", "").split()
    if settings.malloc is not None and settings.malloc not in preload:
        # An allocator is chosen when a process starts: run this command again with it (same
        # process id; every setting is in the environment now), and the children inherit it.
        os.environ["LD_PRELOAD"] = " ".join([settings.malloc, *preload])
        verbose = ["--verbose"] if logging.getLogger().getEffectiveLevel() <= logging.DEBUG else []
        os.execv(sys.executable, [sys.executable, "-m", "kg.cli", *verbose, "serve"])
    from kg.server import protocol_class

    uvicorn.run(
        "kg.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.processes,
        access_log=settings.access_log,
        log_level="info",
        log_config=_log_config(),
        http=protocol_class(),  # uvicorn's, with header and body timeouts and a connection cap
        timeout_keep_alive=settings.keep_alive_timeout,  # type: ignore[arg-type]
    )


def _check_write_stamp(settings: Settings) -> None:
    """A damaged write generation stops ``serve`` here, with the message alone: every HTTP
    process would otherwise refuse to start with a traceback around it."""
    from kg.sparql.runtime import WRITE_STAMP
    from kg.sparql.writes import stored_generation

    current = build_layout.current_build(settings)
    if current is not None:
        try:
            stored_generation(current.store_dir.parent / WRITE_STAMP)
        except StoreError as exc:
            _fail(str(exc))


def _log_config() -> dict[str, Any]:
    """uvicorn's logging plus the project's loggers, at the level ``--verbose`` chose. uvicorn
    applies it in every HTTP process it starts, so ``--processes 2`` logs like one process."""
    import uvicorn.config

    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["formatters"]["kg"] = {"format": LOG_FORMAT}
    config["handlers"]["kg"] = {
        "class": "logging.StreamHandler",
        "formatter": "kg",
        "stream": "ext://sys.stderr",
    }
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    for name in ("kg", "ingest"):
        config["loggers"][name] = {"handlers": ["kg"], "level": level, "propagate": False}
    return config


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="Article text file.")],
    meta: Annotated[Path | None, typer.Option(help="Metadata .toml.")] = None,
    no_curation: Annotated[bool, typer.Option("--no-curation")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    base: BaseOpt = None,
) -> None:
    """One article → TriG (stdout by default); the store is untouched."""
    from ingest.api import IngestError, extract_file
    from ingest.rdf import to_trig

    settings = _settings(base=base)
    try:
        result = extract_file(
            file,
            meta=meta,
            ontology_dir=settings.ontology_dir,
            base=settings.base,
            curation_dir=None if no_curation else settings.curation_dir,
        )
    except IngestError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{file}: {exc.strerror or exc}")
    for item in result.report.get("set_aside", []):
        err.print(
            f"{file}: sentence {item['sentence']}: set aside ({item['action']}) "
            f"{item['kind']} {item['slot']} {item['value']!r} [{item['shape']}]: {item['message']}"
            f" — {item['text']!r}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    text = to_trig(result.nquads)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (<id>.gold.toml or <id>.toml).")],
    articles: Annotated[
        Path | None, typer.Option(help="Where <id>.txt is when it is not beside its gold file.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Scores, misses and false positives.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="The table only.")] = False,
    min_precision: Annotated[float, typer.Option(help="Exit 1 if a type scores below.")] = 0.0,
    min_recall: Annotated[float, typer.Option(help="Exit 1 if a type scores below.")] = 0.0,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Fact types the minimums apply to.")
    ] = None,
) -> None:
    """Score the automatic extractor (no curation) against gold written by reading."""
    from ingest.api import IngestError
    from ingest.evaluate import TYPES, report_text, totals
    from ingest.evaluate import as_json as to_json
    from ingest.evaluate import evaluate as run

    settings = _settings()
    for t in types or []:
        if t not in TYPES:
            _fail(f"--type {t!r}: expected one of {', '.join(TYPES)}", code=2)
    try:
        results = run(
            gold, ontology_dir=settings.ontology_dir, base=settings.base, articles_dir=articles
        )
    except IngestError as exc:
        _fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(to_json(results), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report_text(results, items=not quiet))
    below = [
        f"{t}: precision {s.precision:.3f}, recall {s.recall:.3f}"
        for t, s in totals(results).items()
        if (types is None or t in types)
        and s.tp + s.fp + s.fn
        and (s.precision < min_precision or s.recall < min_recall)
    ]
    if below:
        _fail("below the minimum: " + "; ".join(below))


@app.command()
def add(
    sources: Annotated[
        list[str], typer.Argument(help="Text files, saved web pages, URLs or folders of them.")
    ],
    to: Annotated[
        Path | None, typer.Option("--to", help="Corpus folder (default: KG_ARTICLES_DIR).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an entry with the same id.")] = False,
    allow_private: Annotated[
        bool, typer.Option(help="Fetch from private, loopback and link-local addresses.")
    ] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per URL.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest page or file.")] = 5_000_000,
    max_redirects: Annotated[int, typer.Option(min=0, help="Redirects followed.")] = 5,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent of URL fetches.")] = None,
    quiet: bool = False,
) -> None:
    """Articles in: each source becomes a corpus entry <id>.txt + <id>.toml."""
    from ingest.fetch import USER_AGENT, FetchLimits
    from kg.add import add_sources, describe, summary

    folder = to if to is not None else _settings().articles_dir
    if folder.exists() and not folder.is_dir():
        _fail(f"--to {folder}: not a folder", code=2)
    try:
        limits = FetchLimits(
            timeout=timeout,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            user_agent=user_agent or USER_AGENT,
            allow_private=allow_private,
        )
    except ValueError as exc:
        _fail(f"bad option: {exc}", code=2)

    def report(outcome: Any) -> None:
        stream = err if outcome.status == "failed" else Console()
        stream.print(describe(outcome), markup=False, highlight=False, soft_wrap=True)

    try:
        outcomes = add_sources(
            sources, folder, limits=limits, force=force, quiet=quiet, report=report
        )
    except OSError as exc:
        _fail(f"--to {folder}: {exc.strerror or exc}")
    err.print(summary(outcomes) + f" → {folder}", markup=False, highlight=False)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


def _bind(
    settings: Settings, store: Store, query: NamedQuery, params: list[str]
) -> dict[str, Node]:
    given: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param {item!r}: expected name=value", code=2)
        given[name.strip()] = value

    def exists(iri: str) -> bool:
        return next(iter(store.triples(URIRef(iri), None, None)), None) is not None

    try:
        given = resolve_short(query, given, base=settings.base, exists=exists)
        return bind_params(query, given, base=settings.base)
    except ParamError as exc:
        _fail(f"--param {exc.param}: {exc.detail}")


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Query from queries/.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", help="name=value")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table|csv|tsv|json|ttl")] = "table",
    data_dir: DataDirOpt = None,
) -> None:
    """Ask the built store."""
    settings = build_layout.effective_settings(_settings(data_dir=data_dir))
    if (sparql is None) == (name is None):
        _fail("give either a SPARQL text or --name NN", code=2)
    if fmt not in {"table", "csv", "tsv", "json", "ttl"}:
        _fail(f"--format {fmt!r}: expected table, csv, tsv, json or ttl", code=2)
    named = None
    if name is not None:
        try:
            named = find(settings.queries_dir, name)
        except LookupError as exc:
            _fail(str(exc), code=2)
        sparql = named.sparql
    assert sparql is not None
    store = _open_built(settings)
    bindings = _bind(settings, store, named, param or []) if named is not None else {}
    try:
        if fmt == "table":
            _print_table(store, sparql, bindings, settings.base)
            return
        result_format = {"csv": CSV, "tsv": TSV, "json": JSON}.get(fmt, JSON)
        store.query_to(
            sparql,
            sys.stdout.buffer,
            result_format=result_format,
            rdf_format=TURTLE,
            bindings=bindings,
        )
        sys.stdout.flush()
    except SyntaxError as exc:
        _fail(f"bad query: {exc}")  # bad input: exit 1


def _cell(term: dict[str, Any], base: str) -> str:
    """A result term as the table shows it: instance IRIs as the site's short form
    (``city/son-la``, which ``--param`` takes back), others as CURIEs where a prefix fits."""
    value = str(term.get("value", ""))
    if term.get("type") == "uri":
        if value.startswith(base + "id/"):
            return value[len(base) + 3 :]
        return curie(value) or value
    if term.get("type") == "bnode":
        return "_:" + value
    return value


def _print_table(store: Store, sparql: str, bindings: dict[str, Node], base: str) -> None:
    import io

    buffer = io.BytesIO()
    kind = store.query_to(sparql, buffer, result_format=JSON, rdf_format=TURTLE, bindings=bindings)
    if kind == "graph":
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
        return
    data = json.loads(buffer.getvalue())
    if kind == "ask":
        print("true" if data["boolean"] else "false")
        return
    names = data["head"]["vars"]
    table = Table(show_lines=False)
    for column in names:
        table.add_column(column, overflow="fold")  # wrap long values, never cut them
    for row in data["results"]["bindings"]:
        table.add_row(*(_cell(row[n], base) if n in row else "" for n in names))
    Console().print(table)
    err.print(f"{len(data['results']['bindings'])} rows")


@app.command()
def export(
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    fmt: Annotated[str, typer.Option("--format", help="nq|trig")] = "nq",
    data_dir: DataDirOpt = None,
) -> None:
    """The whole graph, every named graph, as N-Quads or TriG."""
    try:
        chosen = by_name(fmt)
    except ValueError as exc:
        _fail(f"--format: {exc}", code=2)
    if chosen not in (NQUADS, TRIG):
        _fail(f"--format {fmt!r}: expected nq or trig", code=2)
    store = _open_built(_settings(data_dir=data_dir))
    if output is None or str(output) == "-":
        store.dump(sys.stdout.buffer, format=chosen)
        sys.stdout.flush()
    else:
        store.dump(output, format=chosen)
        err.print(f"wrote {output}")


STATS_QUERY = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""


@app.command()
def stats(
    data_dir: DataDirOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Triples, graphs and entities per class."""
    store = _open_built(_settings(data_dir=data_dir))
    classes = {str(r["class"]): int(str(r["n"])) for r in store.select(STATS_QUERY)}
    graphs = store.named_graphs()
    if as_json:
        result = {"triples": len(store), "graphs": graphs, "classes": classes}
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(f"triples: {len(store)}")
    console.print(f"graphs:  {len(graphs)}")
    table = Table("class", "entities")
    for cls, n in classes.items():
        table.add_row(cls, str(n))
    console.print(table)


@app.command()
def validate(data_dir: DataDirOpt = None) -> None:
    """SHACL report over the built store."""
    from kg.build import phase_validate

    settings = _settings(data_dir=data_dir)
    store = _open_built(settings)
    try:
        result = phase_validate(store, settings)
    except BuildError as exc:
        _fail(str(exc))
    print(f"conforms: {result['conforms']} ({result['triples_checked']} triples checked)")


if __name__ == "__main__":  # pragma: no cover
    app()
