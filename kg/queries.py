"""The catalogue of research questions in ``queries/*.rq``.

Each file starts with ``# key: value`` header lines (``title``, ``title_vi``, ``question``,
``description``, ``answer``, ``param``); the rest is the SPARQL text. Parameters are SPARQL
variables bound with substitutions, never formatted into the text; a parameter left unbound
widens the question (every city instead of one).

>>> param = Param("city", "iri", "id/city/son-la", "The city")
>>> to_term(param, "id/city/ho-chi-minh", base="http://localhost:8000/")
rdflib.term.URIRef('http://localhost:8000/id/city/ho-chi-minh')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.iris import KINDS

log = logging.getLogger(__name__)

_HEADER = re.compile(r"^#\s*([a-z_]+)\s*:\s*(.*)$")
_NAME = re.compile(r"^(\d{2})-[a-z0-9-]+\.rq$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
# Characters an IRI may not contain (RFC 3987 excludes them; SPARQL's IRIREF does too).
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_ABSOLUTE = re.compile(r"^https?://[^/?#]+(?:[/?#].*)?$")
MAX_STRING = 500

PARAM_KINDS = frozenset({"iri", "date", "string", "integer"})
REQUIRED_HEADERS = ("title", "title_vi", "question", "description", "answer")


class ParamError(ValueError):
    """A parameter value that cannot be bound; ``param`` names the parameter."""

    def __init__(self, param: str, detail: str) -> None:
        super().__init__(f"parameter {param!r}: {detail}")
        self.param = param
        self.detail = detail


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # one of PARAM_KINDS
    default: str
    label: str = ""


@dataclass(frozen=True)
class NamedQuery:
    number: str
    slug: str
    path: Path
    sparql: str
    headers: dict[str, str] = field(default_factory=dict)
    params: tuple[Param, ...] = ()

    @property
    def title(self) -> str:
        return self.headers.get("title", self.slug)

    @property
    def title_vi(self) -> str:
        return self.headers.get("title_vi", "")

    @property
    def question(self) -> str:
        return self.headers.get("question", "")

    @property
    def description(self) -> str:
        return self.headers.get("description", "")

    @property
    def answer(self) -> str:
        return self.headers.get("answer", "")

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise ParamError(
            name,
            f"query {self.slug} has no such parameter; "
            f"it has {sorted(p.name for p in self.params) or 'none'}",
        )


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``NN-short-name.rq`` file; ``ValueError`` names the file and what is wrong."""
    match = _NAME.match(path.name)
    if not match:
        raise ValueError(f"{path.name}: query files are named NN-short-name.rq")
    text = path.read_text(encoding="utf-8")
    headers: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        header = _HEADER.match(line)
        if not header:
            continue
        key, value = header.group(1), header.group(2).strip()
        if key == "param":
            params.append(_parse_param(path, value))
        elif key in headers:
            headers[key] += " " + value
        else:
            headers[key] = value
    return NamedQuery(match.group(1), path.stem, path, text, headers, tuple(params))


def _parse_param(path: Path, value: str) -> Param:
    # "?city iri id/city/son-la The city"  (an IRI default may be relative to the instance base)
    parts = value.split(maxsplit=3)
    if len(parts) < 3 or not parts[0].startswith("?") or not _PARAM_NAME.match(parts[0][1:]):
        raise ValueError(
            f"{path.name}: bad param header {value!r}; expected '?name kind default label'"
        )
    if parts[1] not in PARAM_KINDS:
        raise ValueError(
            f"{path.name}: param {parts[0]} has kind {parts[1]!r}; "
            f"expected one of {sorted(PARAM_KINDS)}"
        )
    return Param(parts[0][1:], parts[1], parts[2], parts[3] if len(parts) > 3 else "")


def load_catalogue(directory: Path, *, strict: bool = True) -> list[NamedQuery]:
    """Every ``*.rq`` in ``directory``, by number. ``strict=False`` skips (and logs) bad files."""
    if not directory.is_dir():
        return []
    found: list[NamedQuery] = []
    for path in sorted(directory.glob("*.rq")):
        try:
            found.append(parse_query_file(path))
        except (ValueError, UnicodeDecodeError) as exc:
            if strict:
                raise
            log.warning("research question %s skipped: %s", path.name, exc)
    return found


def find(directory: Path, name: str) -> NamedQuery:
    """A query by number (``07``) or file stem (``07-events-by-month``)."""
    for query in load_catalogue(directory):
        if name in {query.number, query.slug, query.path.name}:
            return query
    raise LookupError(f"no query named {name!r} in {directory.name}/")


def to_term(param: Param, value: str, *, base: str) -> Node:
    """The RDF term a parameter value stands for; ``ParamError`` when it is not one.

    IRIs may be absolute (``http(s)://…``) or relative to the instance ``base``
    (``id/city/son-la``); dates are ``YYYY-MM-DD``.
    """
    value = value.strip()
    if not value:
        raise ParamError(param.name, "empty value")
    if param.kind == "iri":
        return URIRef(_iri(param.name, value, base))
    if param.kind == "date":
        if not _DATE.match(value):
            raise ParamError(param.name, f"{value!r} is not a date (YYYY-MM-DD)")
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise ParamError(param.name, f"{value!r} is not a date: {exc}") from None
        return Literal(value, datatype=XSD.date)
    if param.kind == "integer":
        if not _INTEGER.match(value):
            raise ParamError(param.name, f"{value!r} is not an integer")
        return Literal(int(value))
    if len(value) > MAX_STRING:
        raise ParamError(param.name, f"longer than {MAX_STRING} characters")
    return Literal(value)


def _iri(name: str, value: str, base: str) -> str:
    iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    if _IRI_FORBIDDEN.search(iri):
        raise ParamError(name, f"{value!r} is not an IRI (spaces, quotes or <>{{}}|\\^` found)")
    if "://" in iri:
        if not _ABSOLUTE.match(iri):
            raise ParamError(name, f"{value!r} is not an absolute http(s) IRI")
        return iri
    if ":" in iri.split("/", 1)[0]:
        raise ParamError(
            name,
            f"{value!r}: only http(s) IRIs or paths relative to the base "
            "(such as id/city/son-la) are accepted",
        )
    return base + iri.lstrip("/")


def bind(query: NamedQuery, given: Mapping[str, str], *, base: str) -> dict[str, Node]:
    """Substitutions for ``query``: ``given`` values, defaults for the rest.

    Unknown names and bad values raise ``ParamError`` naming the parameter.
    """
    for name in given:
        query.param(name.lstrip("?"))
    values = {name.lstrip("?"): value for name, value in given.items()}
    return {p.name: to_term(p, values.get(p.name, p.default), base=base) for p in query.params}


_NOT_IN_IRI = re.compile(r'[\s<>"{}|^`\\]')


def resolve_short(
    query: NamedQuery, given: Mapping[str, str], *, base: str, exists: Callable[[str], bool]
) -> dict[str, str]:
    """``given`` with the short forms of entity parameters the site shows made full.

    ``city/son-la`` is ``id/city/son-la``; a bare slug (``son-la``) is the entity of the kind
    the parameter is named after (``?city``), else the one entity of any kind with that slug.
    An IRI of the instance base that names nothing in the graph, a slug of no entity or of
    several, raise ``ParamError`` naming the parameter, so that a typo is never an empty answer.
    """
    kinds = {p.name: p.kind for p in query.params}
    resolved = dict(given)
    for name, value in given.items():
        key = name.lstrip("?")
        text = value.strip()
        if kinds.get(key) != "iri" or not text or "://" in text or text.startswith("<"):
            continue
        path = text.lstrip("/")
        if _NOT_IN_IRI.search(path):
            raise ParamError(
                key, f'{value!r}: not an IRI path (spaces and <>"{{}}|^`\\ are not allowed)'
            )
        if path.split("/", 1)[0] in KINDS:
            path = "id/" + path
        if "/" in path:
            if not exists(base + path):
                raise ParamError(key, f"{value!r}: nothing in the graph is {base}{path}")
            resolved[name] = path
            continue
        # ?city=son-la is the city, even where a province has that slug too.
        own = [f"id/{key}/{path}"] if key in KINDS and exists(f"{base}id/{key}/{path}") else []
        found = own or [
            f"id/{kind}/{path}" for kind in sorted(KINDS) if exists(f"{base}id/{kind}/{path}")
        ]
        if not found:
            hint = "give kind/slug, such as city/son-la"
            raise ParamError(key, f"{value!r}: no entity has that slug ({hint})")
        if len(found) > 1:
            raise ParamError(key, f"{value!r} is ambiguous: {', '.join(found)}")
        resolved[name] = found[0]
    return resolved
