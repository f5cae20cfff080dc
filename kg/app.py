"""``create_app(settings)``: the FastAPI application over the built, read-only store."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute, Match
from starlette.types import Receive, Scope, Send

from kg import build_layout
from kg.config import Settings
from kg.errors import ClientGone, KGError
from kg.fastpath import LeanApp
from kg.formats import HTML, Format
from kg.iris import IRIs
from kg.leftovers import claim_data_dir
from kg.negotiation import negotiate
from kg.rendering import make_templates
from kg.store import Store

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
_PLAIN = Format("text", "text/plain", "txt", "html", "Plain text")
_JSON = Format("problem", "application/json", "json", "html", "JSON", ("application/problem+json",))


def open_current_store(settings: Settings) -> tuple[Store | None, str | None]:
    """The store the last successful build swapped in, opened read-only, and its build id."""
    current = build_layout.current_build(settings)
    if current is None:
        return None, None
    return Store(current.store_dir, read_only=True), current.build_id


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the app. ``store`` overrides the built store (tests pass an in-memory one)."""
    settings = settings or Settings()
    if store is None:
        settings = build_layout.effective_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = app.state.store is None
        # Before this server makes its own work directory: what dead servers left goes.
        claim = claim_data_dir(settings.data_dir)
        try:
            if opened:
                app.state.store, app.state.build_id = open_current_store(settings)
            for hook in app.state.startup_hooks:
                await hook(app)
            yield
        finally:
            for hook in app.state.shutdown_hooks:
                await hook(app)
            claim.release()
            if opened and app.state.store is not None:
                # The store this app opened (or the writable handle that replaced it) is released
                # now: the next app over the same store, in this process, can open it.
                app.state.store.close()
                app.state.store = None

    app = LeanApp(
        title="Learning Cities Knowledge Graph",
        description="UNESCO learning cities in South-East Asia as linked data and SPARQL.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.build_id = "memory" if store is not None else None
    app.state.iris = IRIs(settings.base)
    app.state.templates = make_templates(settings)
    app.state.startup_hooks = []
    app.state.shutdown_hooks = []

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    from kg.routes import entities, meta, ontology, queries, search, sparql, store_protocol

    for module in (meta, sparql, store_protocol, entities, search, ontology, queries):
        module.install(app)
    _allow_head(app)
    _redirect_slashes_to_base(app)
    app.lean_errors = _error_response
    app.lean_skip_origin = bool(settings.cors_origins)
    if settings.cors_origins:
        # Reads only, for every route: no credentials and only the safe methods, so a page on
        # another origin can query and fetch documents but never write with a visitor's token.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=[*sparql.RESULT_HEADERS, "Retry-After", "ETag", "Link"],
        )
    return app


def _allow_head(app: FastAPI) -> None:
    """``HEAD`` wherever ``GET`` is allowed (RFC 9110 §9.3.2): the same status and headers, no
    body (the server sends none for a HEAD)."""
    for route in _api_routes(app.router.routes):
        if "GET" in route.methods:
            route.methods.add("HEAD")


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI keeps those as routers of routes)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(included.routes)


def _redirect_slashes_to_base(app: FastAPI) -> None:
    """``/sparql/`` → ``/sparql`` (and ``/dumps`` → ``/dumps/``) as Starlette would redirect, but to
    the public base (``KG_BASE``): Starlette builds the Location from the ``Host`` header, which
    any client can set."""
    router = app.router
    router.redirect_slashes = False
    not_found = router.default

    async def default(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path not in ("", "/"):
            other = dict(scope, path=path.rstrip("/") if path.endswith("/") else path + "/")
            if any(route.matches(other)[0] is not Match.NONE for route in router.routes):
                target = other["path"].removeprefix(scope.get("root_path", ""))
                query = scope.get("query_string", b"").decode("latin-1")
                location = app.state.iris.base + target.lstrip("/") + (f"?{query}" if query else "")
                await RedirectResponse(location, status_code=307)(scope, receive, send)
                return
        await not_found(scope, receive, send)

    router.default = default


def _error_response(
    request: Request, status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    headers = {**(headers or {}), "Vary": "Accept"}
    try:
        fmt = negotiate(request.headers.get("accept"), (_PLAIN, HTML, _JSON))
    except KGError:
        fmt = _PLAIN
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    if fmt is HTML:
        templates = request.app.state.templates
        body = templates.get_template("error.html").render(
            request=request,
            status=status,
            title=title,
            message=message,
            lang="en",
        )
        return HTMLResponse(body, status_code=status, headers=headers)
    if fmt is _JSON:
        payload = {"status": status, "title": title, "detail": message}
        return Response(
            json.dumps(payload, ensure_ascii=False),
            status_code=status,
            media_type="application/problem+json",
            headers=headers,
        )
    return PlainTextResponse(f"{title}: {message}\n", status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(KGError)
    async def kg_error(request: Request, exc: KGError) -> Response:
        return _error_response(request, exc.status, exc.title, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error_response(
            request, exc.status_code, "HTTP error", str(exc.detail), dict(exc.headers or {})
        )

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect) -> Response:
        # Not an error of the server's: the client left while it was sending its request.
        log.info("%s %s: the client disconnected", request.method, request.url.path)
        return Response(status_code=ClientGone.status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        return _error_response(request, 400, "Bad request", problems)
