"""Routes: dereferencing (``/id``), entity pages (``/page``), RDF documents (``/data``),
class listings (``/class``) and the home page (``/``).

``GET /id/{kind}/{slug}`` answers 303 See Other to the page or the document that fits
``Accept``; every page links its RDF twins in ``<link rel="alternate">`` and ``Link:``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import URIRef

from kg import overview
from kg.deps import IRIsDep, StoreDep
from kg.describe import describe, document, subject_pairs
from kg.errors import NotFound
from kg.formats import DOCUMENT_FORMATS, HTML, Format
from kg.iris import KINDS, IRIs
from kg.jsonld import serialize_triples
from kg.negotiation import negotiate
from kg.pagedata import NodeCache, describe_page
from kg.pages import PageBuilder, ValueCache, entity_view, schema_jsonld
from kg.reader import read_article
from kg.routes.sparql import TRUNCATED_HEADER
from kg.store import Store
from kg.vocab import LC, MAIN_CLASSES
from kg.web import (
    CACHE_CONTROL,
    current_search,
    document_headers,
    etag_for,
    get_labeler,
    link_header,
    not_modified,
    render,
    request_lang,
    store_generation,
)

log = logging.getLogger(__name__)
router = APIRouter()

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,200}$")
PAGE_SIZE = 50
# Entity pages and documents are made by one thread at a time: they hold the interpreter lock
# nearly all the time, so more threads only contend for it (at 16 clients, two threads cost 15%
# more CPU per page than one, and the default pool of 40 twice as much).
PAGE_THREADS = 1
MAX_ENTITY_PAGE = 10_000  # of an entity page's lists (PAGE_ITEMS each); more is a bad request
SPARQL_INCOMING = "SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }}"
SPARQL_NEIGHBOURHOOD = """CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . }}
WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"""  # text for the editor link only
# Quoting is byte by byte, so the query's text around the IRI is quoted once, here.
_NEIGHBOURHOOD_QUOTED = [quote(part) for part in SPARQL_NEIGHBOURHOOD.format(iri="\0").split("\0")]


def overview_cache(request: Request) -> overview.Cache:
    """The app's overview cache for the store's current generation (a write starts a new one)."""
    state = request.app.state
    generation = store_generation(request)
    cache: overview.Cache | None = getattr(state, "overview", None)
    if cache is None or cache.store is not state.store or cache.generation != generation:
        cache = state.overview = overview.Cache(state.store, generation)
    return cache


@dataclass
class PageCaches:
    """What entity pages keep between requests, for one generation of one store."""

    store: Store
    generation: int
    nodes: NodeCache
    values: ValueCache


def page_caches(request: Request) -> PageCaches:
    """The app's page caches; new, empty ones after a write (and :func:`get_labeler` a new
    labeler)."""
    state = request.app.state
    generation = store_generation(request)
    caches: PageCaches | None = getattr(state, "page_caches", None)
    if caches is None or caches.store is not state.store or caches.generation != generation:
        store = state.store
        caches = PageCaches(store, generation, NodeCache(store, generation), ValueCache())
        state.page_caches = caches
    return caches


def entity_template(request: Request, kind: str) -> str:
    """The kind's own page template if there is one, else the generic one.

    Looked up once per kind: a missing template is not cached by Jinja, so asking for it on
    every request would search the template directory every time.
    """
    state = request.app.state
    names: dict[str, str] | None = getattr(state, "entity_templates", None)
    if names is None:
        names = state.entity_templates = {}
    name = names.get(kind)
    if name is None:
        env = state.templates.env
        name = names[kind] = env.select_template([f"entity-{kind}.html", "entity.html"]).name
    return name


def neighbourhood_href(iri: URIRef) -> str:
    """The SPARQL editor with the query for everything around ``iri``."""
    return "/sparql?query=" + quote(str(iri)).join(_NEIGHBOURHOOD_QUOTED)


def entity_iri(iris: IRIs, kind: str, slug: str) -> URIRef:
    """The IRI ``/id/{kind}/{slug}`` names; :class:`NotFound` if there can be no such IRI."""
    if kind not in KINDS or not _SLUG.match(slug):
        raise NotFound(f"there is no resource /id/{kind}/{slug}")
    return URIRef(f"{iris.base}id/{kind}/{slug}")


def require(store: Store, iri: URIRef, *, has_own: bool | None = None) -> None:
    """:class:`NotFound` unless the graph has a triple about ``iri`` (``has_own``: whether it
    has triples of its own, when the caller has read them already)."""
    if has_own is None:
        has_own = next(store.triples(iri, None, None), None) is not None
    if not has_own and next(store.triples(None, None, iri), None) is None:
        raise NotFound(f"the graph has nothing about <{iri}>")


def resolve(store: Store, iris: IRIs, kind: str, slug: str) -> URIRef:
    """The IRI of ``kind``/``slug`` if the graph has it; :class:`NotFound` otherwise."""
    iri = entity_iri(iris, kind, slug)
    require(store, iri)
    return iri


def data_url(kind: str, slug: str, fmt: Format) -> str:
    return f"/data/{kind}/{quote(slug)}.{fmt.extension}"


def alternates(kind: str, slug: str) -> list[tuple[str, Format]]:
    return [(data_url(kind, slug, fmt), fmt) for fmt in DOCUMENT_FORMATS]


@router.api_route("/id/{kind}/{slug}", methods=["GET", "HEAD"])
async def dereference(
    request: Request, kind: str, slug: str, store: StoreDep, iris: IRIsDep
) -> Response:
    redirect = partial(see_other, request, kind, slug, store, iris)
    return await anyio.to_thread.run_sync(redirect, limiter=page_limiter(request))


def see_other(request: Request, kind: str, slug: str, store: Store, iris: IRIs) -> Response:
    """The 303 from ``/id/kind/slug`` to the document ``Accept`` asks for."""
    resolve(store, iris, kind, slug)
    fmt = negotiate(request.headers.get("accept"), (HTML, *DOCUMENT_FORMATS))
    location = f"/page/{kind}/{quote(slug)}" if fmt is HTML else data_url(kind, slug, fmt)
    headers = {
        "Vary": "Accept",
        "Cache-Control": CACHE_CONTROL,
        "Link": link_header(alternates(kind, slug)),
    }
    etag = etag_for(request, "id", fmt.name)
    cached = not_modified(request, etag, headers)
    if cached is not None:
        return cached
    return RedirectResponse(location, status_code=303, headers={**headers, "ETag": etag})


@router.api_route("/data/{kind}/{name}", methods=["GET", "HEAD"])
async def data(request: Request, kind: str, name: str, store: StoreDep, iris: IRIsDep) -> Response:
    render_this = partial(render_document, request, kind, name, store, iris)
    return await anyio.to_thread.run_sync(render_this, limiter=page_limiter(request))


def render_document(request: Request, kind: str, name: str, store: Store, iris: IRIs) -> Response:
    """The RDF document ``/data/kind/name``: the format from the extension, else ``Accept``."""
    slug, dot, ext = name.rpartition(".")
    fmt = next((f for f in DOCUMENT_FORMATS if f.extension == ext), None) if dot else None
    if fmt is None:
        # No known extension: the whole name is the slug and Accept picks the format.
        slug = name
        fmt = negotiate(request.headers.get("accept"), DOCUMENT_FORMATS)
    iri = entity_iri(iris, kind, slug)
    out = subject_pairs(store, iri)  # read once: whether it is known, and its document
    require(store, iri, has_own=bool(out))
    links = [(f"/page/{kind}/{quote(slug)}", HTML), *alternates(kind, slug)]
    headers, etag, cached = document_headers(request, links, "data", fmt.name)
    if cached is not None:
        return cached
    headers["ETag"] = etag
    if request.method == "HEAD":
        return Response(b"", media_type=fmt.content_type, headers=headers)
    labeler = get_labeler(request, store)
    desc = describe(store, iri, labeler, out=out)
    if desc.truncated:
        # Said, not hidden: the document stops at INCOMING_LIMIT links to the entity; the query
        # that lists them all is linked.
        incoming = quote(SPARQL_INCOMING.format(iri=iri))
        headers[TRUNCATED_HEADER] = "true"
        headers["Link"] += (
            f', </sparql?query={incoming}>; rel="related"; title="all incoming links"'
        )
    body = serialize_triples(document(desc, labeler), fmt, base=iris.base)
    return Response(body, media_type=fmt.content_type, headers=headers)


def page_limiter(request: Request) -> anyio.CapacityLimiter:
    """The threads that answer ``/id``, ``/data`` and ``/page`` (:data:`PAGE_THREADS`):
    concurrent requests wait for one here, without a thread, instead of contending for the
    interpreter lock."""
    state = request.app.state
    limiter: anyio.CapacityLimiter | None = getattr(state, "page_limiter", None)
    if limiter is None:
        limiter = state.page_limiter = anyio.CapacityLimiter(PAGE_THREADS)
    return limiter


@router.api_route("/page/{kind}/{slug}", methods=["GET", "HEAD"])
async def page(
    request: Request,
    kind: str,
    slug: str,
    store: StoreDep,
    iris: IRIsDep,
    removed: Annotated[bool, Query()] = False,
    page: Annotated[int, Query(ge=1, le=MAX_ENTITY_PAGE)] = 1,
) -> Response:
    render_this = partial(render_page, request, kind, slug, store, iris, removed, page)
    return await anyio.to_thread.run_sync(render_this, limiter=page_limiter(request))


def render_page(
    request: Request, kind: str, slug: str, store: Store, iris: IRIs, removed: bool, page: int
) -> Response:
    """The HTML page of ``kind``/``slug`` (its lists from item ``(page - 1) * size`` on).

    An unknown resource is a 404 first of all; whether it is known is read with its own
    triples (which the page shows), unless the request may be answered 304 without them.
    """
    iri = entity_iri(iris, kind, slug)
    lang = request_lang(request)
    # Incoming links are probed over the predicates the search index knows: a page made while
    # it catches up with a write is marked, so that it is not revalidated once it has.
    index, fresh = current_search(request, store)
    stale = () if fresh else ("stale",)
    etag = etag_for(request, "page", lang, "r" if removed else "", str(page), *stale)
    headers = {"Vary": "Accept, Accept-Language, Cookie", "Cache-Control": CACHE_CONTROL}
    if request.headers.get("if-none-match"):
        require(store, iri)
        cached = not_modified(request, etag, headers)
        if cached is not None:
            return cached
    out = subject_pairs(store, iri)
    require(store, iri, has_own=bool(out))
    caches = page_caches(request)
    labeler = get_labeler(request, store)
    predicates = index.predicates()
    desc = describe_page(store, iri, labeler, predicates, page=page, cache=caches.nodes, out=out)
    if page > 1 and not (desc.incoming or desc.mentions):
        raise NotFound(f"page={page}: the lists about <{iri}> end on an earlier page")
    builder = PageBuilder(store, labeler, iris, lang, caches.values, caches.nodes)
    view = entity_view(desc, builder, kind)
    path = f"/page/{kind}/{quote(slug)}?"
    if removed:
        path += "removed=1&"
    context: dict[str, Any] = {
        "iri": str(iri),
        "kind": kind,
        "slug": slug,
        "view": view,
        "jsonld": schema_jsonld(desc, view, kind, f"{iris.base}page/{kind}/{slug}"),
        "sparql_href": neighbourhood_href(iri),
        "show_removed": removed,
        "page": page,
        "prev_url": f"{path}page={page - 1}" if page > 1 else None,
        "next_url": f"{path}page={page + 1}" if view["more"] else None,
    }
    if kind == "article":
        context["reading"] = read_article(store, iri, labeler, builder)
    return render(
        request,
        [entity_template(request, kind)],
        context,
        etag=etag,
        alternates=alternates(kind, slug),
    )


@router.api_route("/class/{name}", methods=["GET", "HEAD"])
def class_listing(
    request: Request, name: str, store: StoreDep, iris: IRIsDep, page: Annotated[int, Query()] = 1
) -> Response:
    cls = overview.class_iri(name)
    if cls is None:
        raise NotFound(f"there is no class {name!r} in the ontology namespace")
    lang = request_lang(request)
    etag = etag_for(request, "class", lang)  # before the store is read: never newer than it
    labeler = get_labeler(request, store)
    members = overview_cache(request).get(
        ("class", str(cls), lang),
        lambda: overview.sorted_by_label(overview.instances(store, cls), labeler, lang),
    )
    if not members and not labeler.info(cls).labels:
        raise NotFound(f"the graph has no class {name!r}")
    pages = max(1, -(-len(members) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    builder = PageBuilder(store, labeler, iris, lang)
    items = [builder.value(m) for m in members[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    context = {
        "cls": builder.value(cls),
        "class_iri": str(cls),
        "items": items,
        "total": len(members),
        "page": page,
        "pages": pages,
        "name": name,
        "comment": labeler.description(cls, lang),
    }
    return render(request, ["class.html"], context, etag=etag)


@router.api_route("/", methods=["GET", "HEAD"])
def home(request: Request, store: StoreDep, iris: IRIsDep) -> Response:
    lang = request_lang(request)
    etag = etag_for(request, "home", lang)  # before the store is read: never newer than it
    labeler = get_labeler(request, store)
    cache = overview_cache(request)
    counts = cache.get("class_counts", lambda: overview.class_counts(store))
    builder = PageBuilder(store, labeler, iris, lang)
    main = [
        (builder.value(URIRef(c)), c.removeprefix(LC), counts[c])
        for c in MAIN_CLASSES
        if counts.get(c)
    ]
    article_rows = cache.get("articles", lambda: overview.articles(store))
    coverage = cache.get("sdgs", lambda: overview.sdg_coverage(store))
    context = {
        "counts": main,
        "triples": cache.get("triples", lambda: len(store)),
        "articles": [(builder.value(a), date) for a, date in article_rows[:100]],
        "article_total": len(article_rows),
        "coverage": [(builder.value(c.sdg), c.code, c.count) for c in coverage if c.count],
        "jsonld": {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": "Learning Cities Knowledge Graph",
            "url": iris.base,
            "distribution": [{"@type": "DataDownload", "contentUrl": f"{iris.base}dumps/"}],
        },
    }
    return render(
        request,
        ["home.html"],
        context,
        etag=etag,
        alternates=[("/void", DOCUMENT_FORMATS[0])],
    )


def install(app: FastAPI) -> None:
    app.include_router(router)
