"""Reading a SPARQL 1.1 Protocol request into one :class:`Operation` (or none).

The three ways to send a query (GET ``?query=``, POST form, POST ``application/sparql-query``)
and the two ways to send an update (POST form ``update=``, POST ``application/sparql-update``)
are told apart here, with the protocol's error cases: several ``query`` values, both ``query``
and ``update``, an update by GET, a missing or wrong media type, a charset other than UTF-8,
an empty or over-long operation, an over-large body.

The dataset and the base IRI come from the request too. ``default-graph-uri`` may name the
store's own default graph (:func:`store_default_graph`, or Jena's ``urn:x-arq:DefaultGraph``):
without a dataset the default graph is the union of all graphs. ``base-uri`` (or RDF4J's
``baseURI``) sets the base IRI of the operation's relative IRIs, which is otherwise ``KG_BASE``;
a ``BASE`` in the text wins over both, as RFC 3986 resolution has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs

from fastapi import Request

from kg.config import Settings
from kg.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from kg.formats import JSON, JSONLD, NTRIPLES, RDFXML, TSV, TURTLE, XML, Format
from kg.iri_check import absolute_iri, absolute_iris
from kg.negotiation import negotiate
from kg.store import STORE_DEFAULT_GRAPH

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
IRI_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*$")
DEFAULT_GRAPH_PATH = "graph/default"
JENA_DEFAULT_GRAPH = "urn:x-arq:DefaultGraph"
BASE_PARAMS = ("base-uri", "baseURI")

Params = dict[str, list[str]]


@dataclass(frozen=True)
class Operation:
    """A query or an update with its protocol dataset (``None`` = not given; the store's own
    default graph is ``STORE_DEFAULT_GRAPH``) and its base IRI (``None`` = not given)."""

    kind: Literal["query", "update"]
    text: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    params: Params = field(default_factory=dict)
    base_iri: str | None = None

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


def media_type(request: Request) -> tuple[str | None, dict[str, str]]:
    """``(type/subtype, {param: value})`` of the request body, lower-cased; ``None`` if absent."""
    header = request.headers.get("content-type")
    if not header or not header.strip():
        return None, {}
    kind, *rest = header.split(";")
    params = {}
    for item in rest:
        key, _, value = item.partition("=")
        params[key.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), params


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (checked while reading)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(
            f"request body of {declared} bytes exceeds the limit of {limit} "
            "bytes (KG_MAX_BODY_BYTES)"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(
                f"request body exceeds the limit of {limit} bytes (KG_MAX_BODY_BYTES)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, charset: str | None, what: str) -> str:
    if charset not in (None, "", "utf-8", "utf8", "us-ascii"):
        raise UnsupportedMediaType(f"{what} must be encoded in UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{what} is not valid UTF-8: {exc}") from exc


def _merge(a: Params, b: Params) -> Params:
    merged = {k: list(v) for k, v in a.items()}
    for key, values in b.items():
        merged.setdefault(key, []).extend(values)
    return merged


def store_default_graph(settings: Settings) -> str:
    """The IRI that names the store's own default graph in ``default-graph-uri``.

    >>> store_default_graph(Settings(base="https://kg.example.org/"))
    'https://kg.example.org/graph/default'
    """
    return f"{settings.base}{DEFAULT_GRAPH_PATH}"


def _graphs(params: Params, name: str) -> list[str] | None:
    values = params.get(name)
    return None if values is None else absolute_iris(values, name)


def _dataset(
    params: Params, settings: Settings, kind: str
) -> tuple[list[str] | None, list[str] | None]:
    """The protocol dataset, the store's own default graph as ``STORE_DEFAULT_GRAPH``."""
    default, named = (
        ("default-graph-uri", "named-graph-uri")
        if kind == "query"
        else ("using-graph-uri", "using-named-graph-uri")
    )
    defaults, names = _graphs(params, default), _graphs(params, named)
    own = {store_default_graph(settings), JENA_DEFAULT_GRAPH}
    for iri in names or []:
        if iri in own:
            raise BadRequest(
                f"{named}=<{iri}> is the store's default graph, which has no name to match "
                f"in GRAPH; give it as {default}"
            )
    if defaults is None or own.isdisjoint(defaults):
        return defaults, names
    if kind == "update":
        raise BadRequest(
            f"{default}=<{sorted(own & set(defaults))[0]}>: an update reads the store's default "
            f"graph when no {default} is given; it cannot be named in USING"
        )
    return [STORE_DEFAULT_GRAPH if g in own else g for g in defaults], names


def _base_iri(params: Params) -> str | None:
    values = [(name, v) for name in BASE_PARAMS for v in params.get(name, [])]
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(f"more than one base IRI in one request ({', '.join(BASE_PARAMS)})")
    return absolute_iri(values[0][1], values[0][0])


async def read_operation(
    request: Request, settings: Settings, *, allow: tuple[str, ...] = ("query", "update")
) -> Operation | None:
    """The operation a request carries; ``None`` for a GET without one (editor / description)."""
    # The raw query string as the URL's ``query`` gives it, without building the whole URL.
    raw_query = request.scope.get("query_string", b"").decode("latin-1")
    url_params: Params = parse_qs(raw_query, keep_blank_values=True)
    if request.method in ("GET", "HEAD"):
        if "update" in url_params:
            raise BadRequest("SPARQL Update must be sent with POST, never GET")
        if "query" not in url_params:
            return None
        return _operation(url_params, settings, allow)
    kind, ctype = media_type(request)
    accepted = ", ".join(
        [FORM] + [t for t, op in ((QUERY_TYPE, "query"), (UPDATE_TYPE, "update")) if op in allow]
    )
    if kind is None:
        raise UnsupportedMediaType(f"a POST needs a Content-Type header; accepted: {accepted}")
    if (
        kind not in (FORM, QUERY_TYPE, UPDATE_TYPE)
        or (kind == QUERY_TYPE and "query" not in allow)
        or (kind == UPDATE_TYPE and "update" not in allow)
    ):
        raise UnsupportedMediaType(
            f"Content-Type {kind} is not accepted here; accepted: {accepted}"
        )
    body = await read_body(request, settings.max_body_bytes)
    if kind == FORM:
        text = _decode(body, ctype.get("charset"), "the form")
        form = parse_qs(text, keep_blank_values=True)
        return _operation(_merge(url_params, form), settings, allow)
    name = "query" if kind == QUERY_TYPE else "update"
    text = _decode(body, ctype.get("charset"), f"the {name}")
    if "query" in url_params or "update" in url_params:
        raise BadRequest(
            f"a direct POST of {kind} carries the {name} in the body; "
            "do not also pass query= or update= in the URL"
        )
    return _operation(_merge(url_params, {name: [text]}), settings, allow)


def _operation(params: Params, settings: Settings, allow: tuple[str, ...]) -> Operation:
    queries, updates = params.get("query", []), params.get("update", [])
    if queries and updates:
        raise BadRequest("a request carries either 'query' or 'update', not both")
    if len(queries) > 1 or len(updates) > 1:
        raise BadRequest("more than one 'query' or 'update' value in one request")
    kind: Literal["query", "update"] = "query" if queries else "update"
    if kind not in allow:
        raise BadRequest(f"this endpoint does not accept a SPARQL {kind}")
    if not (queries or updates):
        raise BadRequest("the request carries no 'query' and no 'update'")
    text = (queries or updates)[0]
    if not text.strip():
        raise BadRequest(f"the {kind} is empty")
    if len(text) > settings.max_query_length:
        raise PayloadTooLarge(
            f"the {kind} is {len(text)} characters long; the limit is "
            f"{settings.max_query_length} (KG_MAX_QUERY_LENGTH)"
        )
    defaults, names = _dataset(params, settings, kind)
    return Operation(kind, text, defaults, names, params, _base_iri(params))


# format= values that clients (SPARQLWrapper, browsers' links) send besides our own names.
_ALIASES: dict[str, Format] = {
    "xml": RDFXML,
    "rdf+xml": RDFXML,
    "rdf": RDFXML,
    "json": JSONLD,
    "json-ld": JSONLD,
    "n3": TURTLE,
    "n-triples": NTRIPLES,
    "sparql-results+json": JSON,
    "sparql-results+xml": XML,
    "tab": TSV,
}


def choose(request: Request, offered: tuple[Format, ...], format_param: str | None) -> Format:
    """Negotiate among ``offered``: ``format=`` (our names, then client aliases), else Accept."""
    if format_param:
        alias = _ALIASES.get(format_param.strip().lower())
        if alias is not None and alias in offered:
            return alias
    return negotiate(request.headers.get("accept"), offered, format_param=format_param)


def endpoint_url(request: Request) -> str:
    """The endpoint's absolute URL as this request reached it (scheme, host and root path);
    remembered per (scheme, Host, root path, server address), since building a URL for every
    query is a noticeable part of a lookup."""
    scope = request.scope
    key = (
        scope["scheme"],
        request.headers.get("host"),
        scope.get("root_path"),
        str(scope.get("server")),  # a tuple from uvicorn, a list from some test clients
    )
    url = _ENDPOINTS.get(key)
    if url is None:
        if len(_ENDPOINTS) >= 256:  # the Host header is the client's: keep the memo bounded
            _ENDPOINTS.clear()
        url = _ENDPOINTS[key] = f"{request.base_url}sparql"
    return url


_ENDPOINTS: dict[tuple[object, ...], str] = {}
