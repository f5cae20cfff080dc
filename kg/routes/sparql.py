"""Routes: the SPARQL endpoint (minimal; the full protocol replaces this)."""

from __future__ import annotations

import io

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from kg.deps import StoreDep
from kg.errors import BadQuery
from kg.formats import JSON, RESULT_FORMATS, TURTLE
from kg.negotiation import negotiate

router = APIRouter()


@router.get("/sparql")
def sparql_get(request: Request, store: StoreDep, query: str) -> Response:
    fmt = negotiate(request.headers.get("accept"), RESULT_FORMATS)
    out = io.BytesIO()
    try:
        kind = store.query_to(query, out, result_format=fmt, rdf_format=TURTLE)
    except SyntaxError as exc:
        raise BadQuery(str(exc)) from exc
    media = TURTLE.content_type if kind == "graph" else fmt.content_type
    return Response(out.getvalue(), media_type=media, headers={"Vary": "Accept"})


def install(app: FastAPI) -> None:
    app.include_router(router)


__all__ = ["JSON", "install", "router"]
