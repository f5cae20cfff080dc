"""A lean path to the busiest route: ``/sparql`` skips the middleware stack.

Every request to a FastAPI app passes through Starlette's error middleware, FastAPI's own
middlewares (exit stack, body limit, telemetry), the exception middleware and the router before it
reaches an endpoint; for a point lookup that is a large part of the Python time spent per request.
:class:`LeanApp` sends ``/sparql`` straight to its endpoint and does what those layers would have
done for it: it sets ``scope["app"]``, turns :class:`KGError` into the same error response the
app's handlers give, and turns anything unexpected into a logged 500, never a traceback.

A request with an ``Origin`` header takes the full stack when CORS is configured, so that the CORS
middleware answers it. Everything else (other paths, websockets, lifespan) is untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from kg.errors import KGError

log = logging.getLogger(__name__)

Endpoint = Callable[[Request], Awaitable[Response]]
ErrorResponder = Callable[[Request, int, str, str, "dict[str, str] | None"], Response]


class LeanApp(FastAPI):
    """FastAPI with direct routes: ``path -> (methods, endpoint)`` served without middleware."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lean_routes: dict[str, tuple[frozenset[str], Endpoint]] = {}
        # Set by the app factory: the error responses of the app's exception handlers, and
        # whether requests with an Origin header need the CORS middleware.
        self.lean_errors: ErrorResponder | None = None
        self.lean_skip_origin = False

    def add_lean_route(self, path: str, endpoint: Endpoint, methods: tuple[str, ...]) -> None:
        self.lean_routes[path] = (frozenset(methods), endpoint)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.lean_errors is not None:
            route = self.lean_routes.get(scope["path"])
            if (
                route is not None
                and scope["method"] in route[0]
                and not (self.lean_skip_origin and _has_origin(scope))
            ):
                await self._serve_lean(route[1], scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def _serve_lean(
        self, endpoint: Endpoint, scope: Scope, receive: Receive, send: Send
    ) -> None:
        scope["app"] = self
        request = Request(scope, receive, send)
        errors = self.lean_errors
        assert errors is not None
        try:
            response = await endpoint(request)
        except KGError as exc:
            response = errors(request, exc.status, exc.title, exc.message, exc.headers)
        except Exception:  # the same promise as the app's error middleware: a logged 500
            log.exception("unexpected error serving %s", scope["path"])
            response = errors(
                request, 500, "Internal error", "the server failed to answer; this is a bug", None
            )
        await response(scope, receive, send)


def _has_origin(scope: Scope) -> bool:
    return any(name == b"origin" for name, _ in scope["headers"])
