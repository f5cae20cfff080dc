"""Routes: health and service metadata (/void, /dumps/, /sitemap.xml, /robots.txt)."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response
from rdflib import Graph, URIRef

from kg import build_layout
from kg.deps import IRIsDep, SettingsDep, StoreDep
from kg.errors import NotFound
from kg.formats import DOCUMENT_FORMATS, HTML, TURTLE
from kg.jsonld import serialize
from kg.negotiation import negotiate
from kg.store import Store
from kg.vocab import ARTICLE_CLASS, MAIN_CLASSES, RDF_TYPE
from kg.void import DUMPS, void_graph, write_dump
from kg.web import (
    CACHE_CONTROL,
    document_headers,
    etag_for,
    not_modified,
    page_path,
    render,
    store_generation,
)

log = logging.getLogger(__name__)
router = APIRouter()

SITEMAP_LIMIT = 50_000


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    store = request.app.state.store
    return {
        "status": "ok" if store is not None else "no-store",
        "build": request.app.state.build_id,
    }


def cached_void(request: Request, store: Store) -> Graph:
    """The VoID graph of the store's current generation (its counts change with a write)."""
    state = request.app.state
    generation = store_generation(request)
    cached: tuple[Store, int, Graph] | None = getattr(state, "void", None)
    if cached is not None and cached[0] is store and cached[1] == generation:
        return cached[2]
    graph = void_graph(store, state.settings)
    state.void = (store, generation, graph)
    return graph


@router.api_route("/void", methods=["GET", "HEAD"])
def void(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """VoID + DCAT; Turtle unless ``Accept`` prefers another RDF format or HTML."""
    fmt = negotiate(request.headers.get("accept"), (*DOCUMENT_FORMATS, HTML))
    alternates = [("/void", f) for f in DOCUMENT_FORMATS]
    headers, etag, cached = document_headers(request, alternates, "void", fmt.name)
    if cached is not None:
        return cached
    graph = cached_void(request, store)
    turtle = serialize(graph, TURTLE, base=settings.base)
    if fmt is HTML:
        return render(
            request,
            ["void.html"],
            {"turtle": turtle.decode("utf-8")},
            alternates=alternates,
            etag=etag,
        )
    return Response(
        serialize(graph, fmt, base=settings.base),
        media_type=fmt.content_type,
        headers={**headers, "ETag": etag},
    )


def dumps_dir(request: Request) -> Path:
    settings = request.app.state.settings
    current = build_layout.current_build(settings)
    if current is not None and current.build_id == request.app.state.build_id:
        return current.dumps_dir
    return Path(settings.data_dir) / "dumps" / str(request.app.state.build_id or "none")


def dump_file(request: Request, store: Store, name: str) -> Path:
    """The dump ``name`` of the store's current generation.

    Before any write (always, read-only) that is the build's file. After a write the dump is made
    on first request into ``live/gen-{generation}/`` and reused for that generation; the
    directories of older generations are removed, but for the one before (a response may be
    about to open its file).
    """
    generation = store_generation(request)
    directory = dumps_dir(request)
    if generation == 0:
        return write_dump(store, directory, name)
    live = directory / "live"
    state = request.app.state
    lock: threading.Lock | None = getattr(state, "dump_lock", None)
    if lock is None:
        lock = state.dump_lock = threading.Lock()
    with lock:  # one dump at a time; who waited finds the file made
        path = write_dump(store, live / f"gen-{generation}", name)
        for old in live.glob("gen-*"):
            made_for = old.name.removeprefix("gen-")
            if made_for.isdigit() and int(made_for) < generation - 1:
                shutil.rmtree(old, ignore_errors=True)
    return path


@router.get("/dumps/")
def dumps_index(request: Request, store: StoreDep) -> Response:
    return render(request, ["dumps.html"], {"dumps": list(DUMPS)}, etag=etag_for(request, "dumps"))


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"])
def dump(request: Request, name: str, store: StoreDep) -> Response:
    if name not in DUMPS:
        raise NotFound(f"no dump named {name!r}; there are {', '.join(DUMPS)}")
    etag = etag_for(request, "dump", name)
    headers = {"Cache-Control": CACHE_CONTROL}
    cached = not_modified(request, etag, headers)
    if cached is not None:
        return cached
    path = dump_file(request, store, name)
    return FileResponse(
        path, media_type=DUMPS[name][2], filename=name, headers={**headers, "ETag": etag}
    )


@router.get("/sitemap.xml")
def sitemap(request: Request, store: StoreDep, iris: IRIsDep) -> Response:
    base = iris.base.rstrip("/")
    urls = [f"{base}/", f"{base}/ontology", f"{base}/void"]
    seen: set[str] = set()
    for cls in (ARTICLE_CLASS, *MAIN_CLASSES):
        for s, _, _, _ in store.triples(None, RDF_TYPE, URIRef(cls)):
            path = page_path(str(s), iris)
            if path is None or path in seen or "#" in path:
                continue
            seen.add(path)
            urls.append(base + path)
            if len(urls) >= SITEMAP_LIMIT:
                break
    body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    body += [f"<url><loc>{escape(url)}</loc></url>" for url in urls[:SITEMAP_LIMIT]]
    body.append("</urlset>")
    return Response(
        "\n".join(body), media_type="application/xml", headers={"Cache-Control": CACHE_CONTROL}
    )


@router.get("/robots.txt")
def robots(iris: IRIsDep) -> Response:
    text = (
        "User-agent: *\nAllow: /\nDisallow: /sparql\nDisallow: /suggest\n"
        f"Disallow: /dumps/\nSitemap: {iris.base}sitemap.xml\n"
    )
    return PlainTextResponse(text)


def install(app: FastAPI) -> None:
    app.include_router(router)
