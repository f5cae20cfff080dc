"""Routes: the catalogue of research questions (``queries/*.rq``) as an HTML page.

``GET /queries`` lists every question with its SPARQL, a link that opens it in the editor and a
preview of its current answer. Parameters are GET parameters bound as SPARQL substitutions:
``?city=id/city/ho-chi-minh`` binds ``?city`` in every question that has it, ``?03.city=…`` in
question 03 only. ``GET /queries/{name}`` shows one question with a longer preview.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import URIRef
from rdflib.term import Node

from kg.deps import SettingsDep, StoreDep
from kg.errors import BadRequest, NotFound
from kg.formats import JSON, TURTLE
from kg.queries import NamedQuery, ParamError, bind, load_catalogue, resolve_short
from kg.store import Store
from kg.web import render

log = logging.getLogger(__name__)

router = APIRouter()

CATALOGUE_ROWS = 5
# Parameters of every page rather than of a question (a question's own ``lang`` is ``NN.lang``).
PAGE_PARAMS = frozenset({"lang"})
DETAIL_ROWS = 100
PREFIXES = {
    "https://w3id.org/learning-cities/ontology#": "lc:",
    "https://w3id.org/learning-cities/rules#": "rules:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.wikidata.org/entity/": "wd:",
    "http://metadata.un.org/sdg/": "un-sdg:",
}


@dataclass
class Cell:
    text: str
    href: str | None = None
    note: str = ""  # language tag or datatype


@dataclass
class Preview:
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0
    boolean: bool | None = None
    error: str | None = None


@dataclass
class Entry:
    query: NamedQuery
    values: dict[str, str]
    run_href: str
    preview: Preview


def _split_params(
    request: Request, catalogue: list[NamedQuery]
) -> dict[str, dict[str, tuple[str, str]]]:
    """GET parameters → ``{number: {param: (value, GET name)}}``; unknown names are a 400."""
    by_number = {q.number: q for q in catalogue}
    names = {p.name for q in catalogue for p in q.params}
    chosen: dict[str, dict[str, tuple[str, str]]] = {q.number: {} for q in catalogue}
    scoped: list[tuple[str, str, str, str]] = []
    for key, value in request.query_params.multi_items():
        if key in PAGE_PARAMS:
            continue
        number, dot, name = key.partition(".")
        if dot:
            query = by_number.get(number)
            if query is None or name not in {p.name for p in query.params}:
                raise BadRequest(
                    f"unknown parameter {key!r}: expected NN.name, such as "
                    f"03.city, naming a parameter of question NN"
                )
            scoped.append((number, name, value, key))
        elif key in names:
            for query in catalogue:
                if key in {p.name for p in query.params}:
                    chosen[query.number][key] = (value, key)
        else:
            raise BadRequest(
                f"unknown parameter {key!r}; the questions take "
                f"{', '.join(sorted(names)) or 'no parameters'}"
            )
    for number, name, value, key in scoped:  # a scoped value wins over a shared one
        chosen[number][name] = (value, key)
    return chosen


def _bindings(
    store: Store, query: NamedQuery, given: dict[str, tuple[str, str]], base: str
) -> dict[str, Node]:
    def exists(iri: str) -> bool:
        return next(iter(store.triples(URIRef(iri), None, None)), None) is not None

    values = {name: value for name, (value, _) in given.items()}
    try:  # the short forms the pages show (city/son-la, son-la), as lckg query takes them
        return bind(query, resolve_short(query, values, base=base, exists=exists), base=base)
    except ParamError as exc:
        name = given[exc.param][1] if exc.param in given else exc.param
        raise BadRequest(f"parameter {name!r} of question {query.slug}: {exc.detail}") from exc


def _cell(term: dict[str, Any], base: str) -> Cell:
    value = str(term.get("value", ""))
    kind = term.get("type")
    if kind == "uri":
        if value.startswith(base):
            return Cell(value[len(base) :].removeprefix("id/"), href=value)
        for namespace, prefix in PREFIXES.items():
            if value.startswith(namespace):
                return Cell(prefix + value[len(namespace) :], href=value)
        return Cell(value, href=value)
    if kind == "bnode":
        return Cell(f"_:{value}")
    if "xml:lang" in term:
        return Cell(value, note=f"@{term['xml:lang']}")
    datatype = str(term.get("datatype", ""))
    for namespace, prefix in PREFIXES.items():
        if datatype.startswith(namespace):
            datatype = prefix + datatype[len(namespace) :]
    note = "" if datatype in {"", "xsd:string", "xsd:integer"} else datatype
    return Cell(value, note=note)


def run_preview(
    store: Store, query: NamedQuery, bindings: dict[str, Node], *, base: str, limit: int
) -> Preview:
    """The first ``limit`` rows of the query's answer; a failing query gives an error text."""
    buffer = io.BytesIO()
    try:
        kind = store.query_to(
            query.sparql, buffer, result_format=JSON, rdf_format=TURTLE, bindings=bindings
        )
    except (SyntaxError, ValueError, OSError) as exc:
        log.warning("query %s failed: %s", query.slug, exc)
        return Preview(error=f"{type(exc).__name__}: {exc}")
    if kind == "graph":
        text = buffer.getvalue().decode("utf-8")
        lines = text.splitlines()
        return Preview(
            columns=["turtle"], rows=[[Cell(line)] for line in lines[:limit]], total=len(lines)
        )
    data = json.loads(buffer.getvalue())
    if kind == "ask":
        return Preview(boolean=bool(data["boolean"]))
    columns = list(data["head"]["vars"])
    rows = data["results"]["bindings"]
    return Preview(
        columns=columns,
        rows=[
            [_cell(row[c], base) if c in row else Cell("") for c in columns] for row in rows[:limit]
        ],
        total=len(rows),
    )


def _entry(
    store: Store, query: NamedQuery, given: dict[str, tuple[str, str]], *, base: str, limit: int
) -> Entry:
    bindings = _bindings(store, query, given, base)
    values = {p.name: given[p.name][0] if p.name in given else p.default for p in query.params}
    return Entry(
        query=query,
        values=values,
        # The fragment tells the editor to run the query once it has opened it.
        run_href="/sparql?" + urlencode({"query": query.sparql}, quote_via=quote) + "#run",
        preview=run_preview(store, query, bindings, base=base, limit=limit),
    )


def _render(request: Request, name: str, context: dict[str, Any]) -> Response:
    return render(request, [name], context)


@router.get("/queries", response_class=HTMLResponse)
def catalogue_page(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """Every research question with its SPARQL and a preview of its answer."""
    catalogue = load_catalogue(settings.queries_dir, strict=False)
    chosen = _split_params(request, catalogue)
    entries = [
        _entry(store, q, chosen[q.number], base=settings.base, limit=CATALOGUE_ROWS)
        for q in catalogue
    ]
    return _render(
        request, "queries.html", {"entries": entries, "detail": False, "limit": CATALOGUE_ROWS}
    )


@router.get("/queries/{name}", response_class=HTMLResponse)
def query_page(name: str, request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """One research question, its parameters as plain GET parameters, a longer preview."""
    catalogue = load_catalogue(settings.queries_dir, strict=False)
    matches = [q for q in catalogue if name in {q.number, q.slug}]
    if not matches:
        raise NotFound(f"no question {name!r}; see /queries")
    query = matches[0]
    given: dict[str, tuple[str, str]] = {}
    for key, value in request.query_params.multi_items():
        if key in PAGE_PARAMS:
            continue
        if key not in {p.name for p in query.params}:
            raise BadRequest(
                f"unknown parameter {key!r}; question {query.slug} takes "
                f"{', '.join(p.name for p in query.params) or 'no parameters'}"
            )
        given[key] = (value, key)
    entry = _entry(store, query, given, base=settings.base, limit=DETAIL_ROWS)
    return _render(
        request, "queries.html", {"entries": [entry], "detail": True, "limit": DETAIL_ROWS}
    )


def install(app: FastAPI) -> None:
    app.include_router(router)
