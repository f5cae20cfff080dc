"""Routes: ``/search`` (HTML or JSON by ``Accept``) and ``/suggest`` (JSON for the search box).

Matching is case-, diacritic- and tone-placement-insensitive, with ``đ`` = ``d``
(see :mod:`kg.search`).
"""

from __future__ import annotations

import logging
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from kg.deps import IRIsDep, StoreDep
from kg.formats import HTML, Format
from kg.iris import IRIs
from kg.negotiation import negotiate
from kg.search import CANDIDATES, Hit
from kg.web import (
    CACHE_CONTROL,
    current_search,
    etag_for,
    get_search,
    page_path,
    render,
    request_lang,
)

log = logging.getLogger(__name__)
router = APIRouter()

SEARCH_JSON = Format("search-json", "application/json", "json", "html", "JSON")
PAGE_SIZE = 20
MAX_PAGE = -(-CANDIDATES // PAGE_SIZE)  # only the ranked candidates are paged
MAX_QUERY = 200
# Sent (with ``"stale": true`` in JSON and a note in HTML) while the index catches up with a
# write; such an answer is not to be reused.
STALE_HEADER = "X-Search-Stale"


def hit_view(hit: Hit, iris: IRIs, lang: str) -> dict[str, Any]:
    """What a result row shows, all of it read from the index (no store lookups)."""
    if hit.kind == "passage":
        target = page_path(hit.article, iris) if hit.article else None
        return {
            "iri": hit.iri,
            "kind": "passage",
            "label": hit.snippet or "",
            "href": f"{target}#{hit.anchor}" if target and hit.anchor else (target or hit.iri),
            "type": hit.type_label(lang),
            "type_iri": hit.type,
            "article": hit.article_label(lang) if hit.article else None,
        }
    other = "en" if lang == "vi" else "vi"
    label, other_label = hit.label(lang), hit.label(other)
    return {
        "iri": hit.iri,
        "kind": "entity",
        "label": label,
        "other_label": other_label if other_label != label else None,
        "href": page_path(hit.iri, iris) or hit.iri,
        "type": hit.type_label(lang),
        "type_iri": hit.type,
    }


@router.api_route("/search", methods=["GET", "HEAD"])
def search(
    request: Request,
    store: StoreDep,
    iris: IRIsDep,
    q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
    page: Annotated[int, Query()] = 1,
) -> Response:
    fmt = negotiate(request.headers.get("accept"), (HTML, SEARCH_JSON))
    lang = request_lang(request)
    page = min(max(page, 1), MAX_PAGE)
    index, fresh = current_search(request, store)
    results = index.search(q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    headers = {"Vary": "Accept, Accept-Language, Cookie", "Cache-Control": CACHE_CONTROL}
    if not fresh:
        headers |= {STALE_HEADER: "true", "Cache-Control": "no-cache"}
    hits = [hit_view(h, iris, lang) for h in results.hits]
    pages = max(1, -(-results.total // PAGE_SIZE))
    if fmt is SEARCH_JSON:
        payload = {
            "query": q,
            "total": results.total,
            "capped": results.capped,
            "page": page,
            "pages": pages,
            "page_size": PAGE_SIZE,
            "results": hits,
            "stale": not fresh,
        }
        return JSONResponse(payload, headers=headers)
    query_string = urlencode({"q": q})
    alternates = [(f"/search?{query_string}&page={page}", SEARCH_JSON)]
    response = render(
        request,
        ["search.html"],
        {
            "search_query": q,
            "hits": hits,
            "total": results.total,
            "capped": results.capped,
            "page": page,
            "pages": pages,
            "page_url": f"/search?{query_string}&",
            "offset": (page - 1) * PAGE_SIZE,
            "stale": not fresh,
        },
        alternates=alternates,
        etag=etag_for(request, "search", lang, *(() if fresh else ("stale",))),
    )
    if not fresh:
        response.headers.update({STALE_HEADER: "true", "Cache-Control": "no-cache"})
    return response


@router.get("/suggest")
def suggest(
    request: Request,
    store: StoreDep,
    iris: IRIsDep,
    q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
) -> Response:
    lang = request_lang(request)
    hits = get_search(request, store).suggest(q)
    return JSONResponse(
        [hit_view(h, iris, lang) for h in hits],
        headers={"Vary": "Accept-Language, Cookie", "Cache-Control": CACHE_CONTROL},
    )


def install(app: FastAPI) -> None:
    app.include_router(router)
