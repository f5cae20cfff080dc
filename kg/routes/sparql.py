"""Routes: the SPARQL 1.1 Protocol endpoint (``/sparql``, ``/update``) and the query editor.

``GET /sparql`` without a query is the Service Description (RDF) or, for a browser, the YASGUI
editor. Queries run in the worker pool (:mod:`kg.sparql.pool`); the status is known before the
first byte is sent; a small result comes back with the worker's reply, a large one is streamed
from the file the worker wrote.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Sequence

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.requests import ClientDisconnect

from kg.config import Settings
from kg.deps import SettingsDep
from kg.errors import BadQuery, BadRequest, ClientGone, Unavailable
from kg.fastpath import LeanApp
from kg.formats import HTML, JSON, RDF_FORMATS, RESULT_FORMATS, TURTLE, Format
from kg.sparql import editor
from kg.sparql.description import service_description
from kg.sparql.lookup import answer_here, bounded_lookup
from kg.sparql.protocol import Operation, choose, read_operation
from kg.sparql.runtime import RuntimeDep, SparqlRuntime, get_runtime, install_hooks
from kg.sparql.service import check_federation
from kg.sparql.tokens import Token, form_of, tokens_of, top_level_keywords
from kg.sparql.worker import Job
from kg.sparql.writes import check_write_access
from kg.web import public_url

log = logging.getLogger(__name__)
router = APIRouter()

TRUNCATED_HEADER = "X-Result-Truncated"
LIMIT_HEADER = "KG-Rows-Limit"
ROWS_HEADER = "KG-Result-Rows"
RESULT_HEADERS = (TRUNCATED_HEADER, LIMIT_HEADER, ROWS_HEADER)


# -- queries -----------------------------------------------------------------------------------
async def client_gone(request: Request) -> None:
    """Return when the client disconnects. The request body has been read by then (a GET's
    empty body may still be pending), so the next ASGI message is the disconnect; a server that
    answers with more empty bodies instead cannot tell, and this never returns."""
    empty = 0
    while (message := await request.receive())["type"] != "http.disconnect":
        if message.get("body") or message.get("more_body"):
            continue
        empty += 1
        if empty > 1:
            await asyncio.Event().wait()


def _job_dataset(
    op: Operation, tokens: Sequence[Token]
) -> tuple[bool, list[str] | None, list[str] | None]:
    """(union, default graphs, named graphs): the protocol dataset (where the store's own
    default graph may be named) wins over FROM, which wins over the union default graph."""
    if op.default_graphs is not None or op.named_graphs is not None:
        return False, op.default_graphs, op.named_graphs
    has_from = bool(top_level_keywords(tokens, "FROM"))
    return not has_from, None, None


async def run_query(request: Request, runtime: SparqlRuntime, op: Operation) -> Response:
    tokens = tokens_of(op.text)
    form = form_of(tokens)
    if form == "update":
        raise BadQuery(
            "this is a SPARQL Update: send it as 'update=' or as "
            "application/sparql-update, with POST"
        )
    check_federation(tokens, runtime.settings.service_allow, update=False)
    graph_form = form in ("construct", "describe")
    offered = RDF_FORMATS if graph_form else RESULT_FORMATS
    browser = request.method == "GET"
    fmt = choose(request, (*offered, HTML) if browser else offered, op.param("format"))
    if fmt is HTML:
        return render_editor(request, runtime.settings, op.text)
    union, default_graphs, named_graphs = _job_dataset(op, tokens)
    settings, pool = runtime.settings, runtime.pool
    # A bounded lookup is answered here with the lane's row cap (:mod:`kg.sparql.lookup`).
    lane = union and settings.lookup_rows > 0 and bounded_lookup(op.text, settings.lookup_rows)
    job = Job(
        query=op.text,
        output=pool.new_output(),
        result_format=(JSON if graph_form else fmt).name,
        rdf_format=(fmt if graph_form else TURTLE).name,
        max_rows=min(settings.max_rows, settings.lookup_rows) if lane else settings.max_rows,
        union=union,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        base_iri=op.base_iri or settings.base,
    )
    result = answer_here(runtime.store, job, settings.max_rows) if lane else None
    if result is not None:
        runtime.lane_answers += 1
    else:
        if lane:
            job = dataclasses.replace(job, max_rows=settings.max_rows)
        result = await pool.run(job, client_gone=client_gone(request))
    reply = result.reply
    if reply.error == "syntax":
        raise BadQuery(f"syntax error in the query: {reply.message}")
    if reply.error == "query":
        raise BadQuery(reply.message)
    if reply.error is not None:
        raise Unavailable(f"the query could not be evaluated: {reply.message}")
    media = fmt.content_type
    headers = {"Vary": "Accept", LIMIT_HEADER: str(settings.max_rows)}
    if reply.kind != "ask":
        headers[ROWS_HEADER] = str(reply.rows)
    if reply.truncated:
        headers[TRUNCATED_HEADER] = "true"
    return result.response(media, headers)


# -- updates -----------------------------------------------------------------------------------
def with_using(
    text: str, tokens: Sequence[Token], default_graphs: list[str], named_graphs: list[str]
) -> str:
    """Apply ``using-graph-uri`` / ``using-named-graph-uri`` as ``USING`` clauses before the
    ``WHERE`` of every DELETE/INSERT operation (those whose WHERE follows a template ``}``)."""
    clause = " ".join(
        [f"USING <{g}>" for g in default_graphs] + [f"USING NAMED <{g}>" for g in named_graphs]
    )
    for i in reversed(top_level_keywords(tokens, "WHERE")):
        if i > 0 and tokens[i - 1].text == "}":
            at = tokens[i].start
            text = f"{text[:at]}{clause} {text[at:]}"
    return text


async def run_update(request: Request, runtime: SparqlRuntime, op: Operation) -> Response:
    check_write_access(request.headers.get("authorization"), runtime.settings)
    tokens = tokens_of(op.text)
    if form_of(tokens) in ("select", "ask", "construct", "describe"):
        raise BadQuery("this is a query, not an update: send it as 'query='")
    check_federation(tokens, runtime.settings.service_allow, update=True)
    text = op.text
    if op.default_graphs is not None or op.named_graphs is not None:
        if top_level_keywords(tokens, "USING", "WITH"):
            raise BadQuery(
                "the update names its dataset with USING/WITH and the request with "
                "using-graph-uri/using-named-graph-uri; use one or the other"
            )
        text = with_using(text, tokens, op.default_graphs or [], op.named_graphs or [])
    base = op.base_iri or runtime.settings.base
    try:
        await runtime.gate.update(text, base_iri=base)
    except SyntaxError as exc:
        raise BadQuery(f"syntax error in the update: {exc}") from exc
    except (ValueError, OSError, RuntimeError) as exc:
        # The engine's evaluation errors (RuntimeError: CLEAR of a graph that does not exist).
        raise BadQuery(f"the update failed: {exc}") from exc
    runtime.description_cache.clear()
    return Response(status_code=204)


# -- the editor and the service description ----------------------------------------------------
def render_editor(request: Request, settings: Settings, query: str = "") -> Response:
    templates = request.app.state.templates
    body = templates.get_template("sparql.html").render(
        request=request,
        lang="en",
        query=query,
        endpoint=public_url(request, "/sparql"),
        prefixes=editor.editor_prefixes(settings),
        examples=[e.__dict__ for e in editor.examples(settings.queries_dir)],
        max_rows=settings.max_rows,
        timeout=settings.query_timeout,
    )
    return HTMLResponse(body, headers={"Vary": "Accept"})


async def describe_service(request: Request, runtime: SparqlRuntime, fmt: Format) -> Response:
    endpoint = public_url(request, "/sparql")  # the public base (KG_BASE), never Host
    key = (f"{endpoint} {fmt.name}", runtime.gate.generation)
    data = runtime.description_cache.get(key)
    if data is None:

        def build() -> bytes:
            graph = service_description(runtime.store, runtime.settings, endpoint)
            rdflib_format = {
                "turtle": "turtle",
                "ntriples": "nt",
                "nquads": "nquads",
                "trig": "trig",
                "jsonld": "json-ld",
                "rdfxml": "xml",
            }[fmt.name]
            return graph.serialize(format=rdflib_format, encoding="utf-8")

        data = await anyio.to_thread.run_sync(build)
        runtime.description_cache[key] = data
    return Response(data, media_type=fmt.content_type, headers={"Vary": "Accept"})


# -- routes ------------------------------------------------------------------------------------
@router.api_route(
    "/sparql",
    methods=["GET", "HEAD", "POST"],
    name="sparql_endpoint",
    summary="SPARQL 1.1 Protocol: query, update, service description, editor",
)
async def sparql_endpoint(request: Request, settings: SettingsDep) -> Response:
    op = await read_operation(request, settings)
    if op is None:
        fmt = choose(request, (HTML, *RDF_FORMATS), request.query_params.get("format"))
        if fmt is HTML:
            return render_editor(request, settings)
        return await describe_service(request, await get_runtime(request), fmt)
    runtime = await get_runtime(request)
    if op.kind == "update":
        return await run_update(request, runtime, op)
    return await run_query(request, runtime, op)


@router.post("/update", summary="SPARQL 1.1 Update (needs the bearer token)")
async def update_endpoint(request: Request, settings: SettingsDep, runtime: RuntimeDep) -> Response:
    op = await read_operation(request, settings, allow=("update",))
    if op is None:  # pragma: no cover - POST always carries an operation or fails
        raise BadRequest("no update in the request")
    return await run_update(request, runtime, op)


async def _serve_sparql(request: Request) -> Response:
    try:
        return await sparql_endpoint(request, request.app.state.settings)
    except ClientDisconnect:  # left while sending its request: not an error of the server's
        raise ClientGone("the client disconnected while sending its request") from None


def install(app: FastAPI) -> None:
    app.include_router(router)
    # The busiest route is served without the middleware stack and FastAPI's per-request
    # dependency solving (:mod:`kg.fastpath`); the APIRoute above stays for the OpenAPI
    # description and for CORS requests, which take the full stack.
    if isinstance(app, LeanApp):
        app.add_lean_route("/sparql", _serve_sparql, ("GET", "HEAD", "POST"))
    install_hooks(app)
