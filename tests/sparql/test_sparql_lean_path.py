"""``/sparql`` skips the middleware stack (kg.fastpath) but keeps every promise the stack made:
the app's error responses, a logged 500 instead of a traceback, CORS when a page asks."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.routes import sparql as sparql_routes

MARK = "x-through-stack"


class _Mark:
    """A middleware that marks every response it sees."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message["headers"], (MARK.encode(), b"1")]
            await send(message)

        await self.app(scope, receive, marked)


def _marked_client(make_client: Callable[..., TestClient], **settings: object) -> TestClient:
    client = make_client(**settings)
    client.app.user_middleware.insert(0, Middleware(_Mark))  # type: ignore[attr-defined]
    client.app.middleware_stack = client.app.build_middleware_stack()  # type: ignore[attr-defined]
    return client


def test_queries_skip_the_stack_other_routes_do_not(make_client: Callable[..., TestClient]) -> None:
    client = _marked_client(make_client, cors_origins=[])
    query = client.get("/sparql", params={"query": "ASK {}"})
    assert query.status_code == 200
    assert MARK not in query.headers
    assert client.get("/void").headers.get(MARK) == "1"
    # A method the route does not take goes to the router, which answers 405 as before.
    assert client.put("/sparql", content=b"x").status_code == 405


def test_cross_origin_requests_get_cors_from_the_stack(
    make_client: Callable[..., TestClient],
) -> None:
    client = _marked_client(make_client, cors_origins=["https://example.net"])
    resp = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.net"}
    )
    assert resp.status_code == 200
    assert resp.headers["access-control-allow-origin"] == "https://example.net"
    assert resp.headers.get(MARK) == "1"
    same_origin = client.get("/sparql", params={"query": "ASK {}"})
    assert MARK not in same_origin.headers


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("application/problem+json", "application/problem+json", '"status": 400'),
        ("text/html", "text/html", "<html"),
        ("text/plain", "text/plain", "syntax error"),
    ],
)
def test_errors_are_the_apps_error_responses(
    client: TestClient, accept: str, media: str, marker: str
) -> None:
    resp = client.get(
        "/sparql",
        params={"query": "SELECT * WHERE {"},
        headers={"Accept": f"application/sparql-results+json, {accept};q=0.5"},
    )
    assert resp.status_code == 400
    assert resp.headers["content-type"].startswith(media)
    assert marker in resp.text


def test_an_unexpected_failure_is_a_logged_500_not_a_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_args: object) -> None:
        raise RuntimeError("boom in the handler")

    monkeypatch.setattr(sparql_routes, "run_query", broken)
    with caplog.at_level(logging.ERROR, logger="kg.fastpath"):
        resp = client.get(
            "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/problem+json"}
        )
    assert resp.status_code == 500
    assert resp.json()["status"] == 500
    assert "boom" not in resp.text and "Traceback" not in resp.text
    assert any("boom in the handler" in (r.exc_text or "") for r in caplog.records)
