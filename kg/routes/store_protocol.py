"""Routes: the SPARQL 1.1 Graph Store HTTP Protocol at ``/store`` (``?graph=<iri>`` or
``?default``).

Reads are public and run in the query pool like any query (deadline, streaming); writes
(PUT/POST/DELETE) need the bearer token and go through the write gate.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from kg.deps import SettingsDep
from kg.errors import BadQuery, BadRequest, NotFound, Unavailable, UnsupportedMediaType
from kg.formats import JSON, NTRIPLES, RDF_FORMATS, Format
from kg.iri_check import absolute_iri
from kg.sparql.protocol import choose, endpoint_url, media_type, read_body
from kg.sparql.runtime import RuntimeDep, SparqlRuntime
from kg.sparql.worker import Check, Job
from kg.sparql.writes import check_write_access

log = logging.getLogger(__name__)
router = APIRouter()

GRAPH_QUERY = "CONSTRUCT WHERE { ?s ?p ?o }"


def target_graph(request: Request) -> str | None:
    """The named graph (``?graph=``), or ``None`` for ``?default``; 400 otherwise."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    graphs, default = params.get("graph", []), "default" in params
    if default and graphs:
        raise BadRequest("name either ?graph=<iri> or ?default, not both")
    if default:
        return None
    if len(graphs) != 1:
        raise BadRequest("name the graph: /store?graph=<absolute IRI> or /store?default")
    return absolute_iri(graphs[0], "graph")  # as the engine checks it: 400 naming graph


def body_format(request: Request) -> Format:
    kind, params = media_type(request)
    offered = ", ".join(f.media_type for f in RDF_FORMATS)
    if kind is None:
        raise UnsupportedMediaType(f"send the graph with a Content-Type; accepted: {offered}")
    if params.get("charset") not in (None, "", "utf-8", "utf8"):
        raise UnsupportedMediaType(f"RDF bodies must be UTF-8, not {params['charset']}")
    for fmt in RDF_FORMATS:
        if kind == fmt.media_type or (kind in fmt.aliases and kind != "application/json"):
            return fmt
    if kind == "application/json":
        return next(f for f in RDF_FORMATS if f.name == "jsonld")
    raise UnsupportedMediaType(
        f"Content-Type {kind} is not an RDF format here; accepted: {offered}"
    )


async def _exists(runtime: SparqlRuntime, graph: str | None) -> bool:
    if graph is None:
        return True
    return await anyio.to_thread.run_sync(runtime.store.has_graph, graph)


@router.api_route("/store", methods=["GET", "HEAD"], summary="Graph Store Protocol: read a graph")
async def read_graph(request: Request, runtime: RuntimeDep) -> Response:
    graph = target_graph(request)
    fmt = choose(request, RDF_FORMATS, request.query_params.get("format"))
    if not await _exists(runtime, graph):
        raise NotFound(f"there is no graph <{graph}>")
    pool = runtime.pool
    job = Job(
        query=GRAPH_QUERY,
        output=pool.new_output(),
        result_format=JSON.name,
        rdf_format=fmt.name,
        max_rows=sys.maxsize,
        union=False,
        default_graphs=[graph] if graph is not None else None,
        named_graphs=[] if graph is not None else None,
        base_iri=None,
    )
    result = await pool.run(job)
    if result.reply.error is not None:
        raise Unavailable(f"the graph could not be read: {result.reply.message}")
    return result.response(fmt.content_type, {"Vary": "Accept"})


async def parsed_in_worker(
    runtime: SparqlRuntime, data: bytes, fmt: Format, base: str | None
) -> bytes:
    """``data`` parsed by a query worker into N-Triples: a body that crashes the parser (JSON-LD
    nested thousands of levels deep) costs that worker, never the server; 400 if it does not
    parse."""
    pool = runtime.pool
    body = Path(pool.new_output() + ".body")
    await anyio.to_thread.run_sync(body.write_bytes, data)
    try:
        check = Check("rdf", pool.new_output(), data=str(body), rdf_format=fmt.name, base_iri=base)
        result = await pool.check(check)
    finally:
        body.unlink(missing_ok=True)
    reply = result.reply
    if reply.error is not None:
        raise BadRequest(f"the {fmt.label} body does not parse: {reply.message}")
    if reply.body is not None:
        return reply.body
    spilled = Path(result.path)
    try:
        return await anyio.to_thread.run_sync(spilled.read_bytes)
    finally:
        spilled.unlink(missing_ok=True)


async def _write(
    request: Request, runtime: SparqlRuntime, settings: SettingsDep, *, replace: bool
) -> Response:
    check_write_access(request.headers.get("authorization"), settings)
    graph = target_graph(request)
    fmt = body_format(request)
    data = await read_body(request, settings.max_body_bytes)
    existed = await _exists(runtime, graph)
    store, base = runtime.store, graph or endpoint_url(request)
    triples = await parsed_in_worker(runtime, data, fmt, base)
    try:
        await runtime.gate.write(
            lambda: store.put_graph(
                triples, format=NTRIPLES, graph=graph, base_iri=None, replace=replace
            )
        )
    except SyntaxError as exc:
        raise BadRequest(f"the {fmt.label} body does not parse: {exc}") from exc
    except (ValueError, OSError) as exc:
        raise BadQuery(f"the graph could not be written: {exc}") from exc
    runtime.description_cache.clear()
    return Response(status_code=204 if existed else 201)


@router.put("/store", summary="Graph Store Protocol: replace a graph (token)")
async def put_graph(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    return await _write(request, runtime, settings, replace=True)


@router.post("/store", summary="Graph Store Protocol: add to a graph (token)")
async def post_graph(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    return await _write(request, runtime, settings, replace=False)


@router.delete("/store", summary="Graph Store Protocol: delete a graph (token)")
async def delete_graph(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    check_write_access(request.headers.get("authorization"), settings)
    graph = target_graph(request)
    if not await _exists(runtime, graph):
        raise NotFound(f"there is no graph <{graph}>")
    store = runtime.store
    await runtime.gate.write(lambda: store.clear_graph(graph))
    runtime.description_cache.clear()
    return Response(status_code=204)


def install(app: FastAPI) -> None:
    if getattr(app.state, "store_protocol_installed", False):
        return
    app.state.store_protocol_installed = True
    app.include_router(router)
