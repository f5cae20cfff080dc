"""Helpers shared by the browsing routes: language, caching headers, links, page rendering."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from rdflib.term import Node

from kg.formats import Format
from kg.i18n import COOKIE, LANGS, choose_lang, translator
from kg.iris import IRIs
from kg.labels import Labeler, other_lang
from kg.live_search import LiveSearch
from kg.search import SearchIndex
from kg.store import Store
from kg.vocab import LC

log = logging.getLogger(__name__)

CACHE_CONTROL = "public, max-age=300"
# A page varies with the language (parameter, cookie or Accept-Language) as well as Accept.
PAGE_VARY = "Accept, Accept-Language, Cookie"


def request_lang(request: Request) -> str:
    return choose_lang(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def store_generation(request: Request) -> int:
    """The store's write generation: every committed SPARQL Update or Graph Store write advances
    it (see :class:`kg.sparql.writes.WriteGate`); 0 before the endpoint has started."""
    runtime = getattr(request.app.state, "sparql", None)
    return runtime.gate.generation if runtime is not None else 0


def etag_for(request: Request, *parts: str) -> str:
    """A validator for what the store says now: the build and its write generation, then
    ``parts``. Read it before reading the store, so that it is never newer than the content."""
    build = f"{request.app.state.build_id or 'none'}.{store_generation(request)}"
    return '"' + "-".join((build, *parts)).replace('"', "") + '"'


def not_modified(request: Request, etag: str, headers: dict[str, str]) -> Response | None:
    """A 304 when ``If-None-Match`` names ``etag`` (or ``*``), else ``None``."""
    header = request.headers.get("if-none-match")
    if not header:
        return None
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if etag in tags or "*" in tags:
        return Response(status_code=304, headers={**headers, "ETag": etag})
    return None


def document_headers(
    request: Request, links: Sequence[tuple[str, Format]], *etag_parts: str
) -> tuple[dict[str, str], str, Response | None]:
    """Headers of a negotiated document, its ETag, and a 304 when the client has it already.

    CORS headers come from the app's middleware (``KG_CORS_ORIGINS``), not from here.
    """
    headers = {"Vary": "Accept", "Cache-Control": CACHE_CONTROL, "Link": link_header(links)}
    etag = etag_for(request, *etag_parts)
    return headers, etag, not_modified(request, etag, headers)


def link_header(alternates: Sequence[tuple[str, Format]]) -> str:
    return ", ".join(
        f'<{url}>; rel="alternate"; type="{fmt.media_type}"' for url, fmt in alternates
    )


def get_labeler(request: Request, store: Store) -> Labeler:
    """The app's labeler for the store's current generation (a write starts a new one)."""
    state = request.app.state
    generation = store_generation(request)
    labeler: Labeler | None = getattr(state, "labeler", None)
    if labeler is None or labeler.store is not store or labeler.generation != generation:
        settings = state.settings
        options: dict[str, Any] = {}
        for name in ("label_properties", "alt_label_properties"):
            value = getattr(settings, name, None)
            if value:
                options[name] = tuple(value)
        labeler = Labeler(store, generation=generation, **options)
        state.labeler = labeler
    return labeler


def get_search(request: Request, store: Store) -> SearchIndex:
    """The search index to answer from now (see :func:`current_search`)."""
    return current_search(request, store)[0]


def current_search(request: Request, store: Store) -> tuple[SearchIndex, bool]:
    """The search index and whether it is fresh: made for the store's current generation.

    Before any write that is the build's index (an app handed a bare store gets one built in
    memory on first use); after a write, the old index answers, marked stale, while a thread
    re-indexes (:class:`kg.live_search.LiveSearch`).
    """
    state = request.app.state
    live: LiveSearch | None = getattr(state, "live_search", None)
    if live is None or live.store is not store:
        live = open_search(request, store)
    return live.current(store_generation(request))


def open_search(request: Request, store: Store) -> LiveSearch:
    state = request.app.state
    from kg import build_layout

    index: SearchIndex | None = None
    directory: Path | None = None
    made_for = 0  # the build's index: as built, before any write
    current = build_layout.current_build(state.settings)
    if current is not None and current.build_id == state.build_id:
        directory = current.root / "search-live"
        try:
            index = SearchIndex.open(current.search_path)
        except OSError as exc:
            log.warning("search index unavailable (%s); indexing in memory", exc)
    if index is None:
        made_for = store_generation(request)  # read before the store: never newer than it
        index = SearchIndex.in_memory(store)
    live = LiveSearch(store, index, generation=made_for, directory=directory)
    state.live_search = live
    runtime = getattr(state, "sparql", None)
    if runtime is not None and not getattr(state, "reindex_on_commit", False):
        # Re-index as soon as a write commits, not when the next search finds the index stale.
        def refresh(generation: int) -> None:
            serving: LiveSearch | None = getattr(state, "live_search", None)
            if serving is not None:
                serving.refresh(generation)

        runtime.gate.on_commit.append(refresh)
        state.reindex_on_commit = True
    return live


def public_url(request: Request, path: str) -> str:
    """The absolute URL of ``path`` under the public base (``KG_BASE``): what redirects, links and
    descriptions give out, never built from the request's ``Host`` header, which is the client's.

    >>> from types import SimpleNamespace
    >>> app = SimpleNamespace(state=SimpleNamespace(iris=IRIs("https://kg.example.org/")))
    >>> public_url(SimpleNamespace(app=app), "/sparql?query=ASK%7B%7D")
    'https://kg.example.org/sparql?query=ASK%7B%7D'
    """
    iris: IRIs = request.app.state.iris
    return iris.base + path.lstrip("/")


def page_path(iri: str, iris: IRIs) -> str | None:
    """The local HTML page of a resource (``/page/...``, ``/ontology#Term``), else ``None``."""
    doc, _, fragment = iri.partition("#")
    if iri.startswith(LC):
        return "/ontology#" + fragment
    split = iris.split(doc)
    if split is None:
        return None
    kind, slug = split
    path = f"/page/{kind}/{quote(slug)}"
    return f"{path}#{quote(fragment)}" if fragment else path


def href(node: Node, iris: IRIs) -> str:
    text = str(node)
    return page_path(text, iris) or text


def render(
    request: Request,
    names: Sequence[str],
    context: dict[str, Any],
    *,
    status: int = 200,
    alternates: Sequence[tuple[str, Format]] = (),
    etag: str | None = None,
) -> Response:
    """Render the first template of ``names`` that exists, with the common page context."""
    lang = context.get("lang") or request_lang(request)
    headers = {"Vary": PAGE_VARY, "Cache-Control": CACHE_CONTROL, "Content-Language": lang}
    if alternates:
        headers["Link"] = link_header(alternates)
    if etag is not None:
        headers["ETag"] = etag
    env = request.app.state.templates.env
    template = env.select_template(list(names))
    body = template.render(**page_context(request, lang), alternates=alternates, **context)
    response = HTMLResponse(body, status_code=status, headers=headers)
    remember_lang(request, response)
    return response


def page_context(request: Request, lang: str) -> dict[str, Any]:
    other = other_lang(lang)
    switch = str(request.url.include_query_params(lang=other))
    return {
        "request": request,
        "lang": lang,
        "other_lang": other,
        "t": translator(lang),
        "lang_switch": switch,
        "iris": request.app.state.iris,
    }


def remember_lang(request: Request, response: Response) -> None:
    param = (request.query_params.get("lang") or "").strip().lower()
    if param in LANGS and request.cookies.get(COOKIE) != param:
        response.set_cookie(COOKIE, param, max_age=365 * 24 * 3600, samesite="lax")
