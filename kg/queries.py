"""The catalogue of research questions in ``queries/*.rq``.

Each file starts with ``# key: value`` header lines (``title``, ``title_vi``, ``description``,
``answer``, ``param``); the rest is the SPARQL text. Parameters are SPARQL variables bound with
substitutions, never formatted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADER = re.compile(r"^#\s*([a-z_]+)\s*:\s*(.*)$")
_NAME = re.compile(r"^(\d{2})-[a-z0-9-]+\.rq$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "iri", "date", "string", "integer"
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


def parse_query_file(path: Path) -> NamedQuery:
    match = _NAME.match(path.name)
    if not match:
        raise ValueError(f"{path}: query files are named NN-short-name.rq")
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
    # "?city iri <id/city/son-la> The city"  (default may be relative to the instance base)
    parts = value.split(maxsplit=3)
    if len(parts) < 3 or not parts[0].startswith("?"):
        raise ValueError(f"{path}: bad param header {value!r}; expected '?name kind default label'")
    return Param(parts[0][1:], parts[1], parts[2], parts[3] if len(parts) > 3 else "")


def load_catalogue(directory: Path) -> list[NamedQuery]:
    if not directory.is_dir():
        return []
    return [parse_query_file(p) for p in sorted(directory.glob("*.rq"))]


def find(directory: Path, name: str) -> NamedQuery:
    """A query by number (``07``) or file stem (``07-events-by-month``)."""
    for query in load_catalogue(directory):
        if name in {query.number, query.slug, query.path.name}:
            return query
    raise LookupError(f"no query named {name!r} in {directory}")
