"""What the query editor page needs: the prefixes of the graph and the example queries."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings
from kg.queries import parse_query_file
from kg.vocab import PREFIXES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    title_vi: str
    description: str
    query: str


def editor_prefixes(settings: Settings) -> dict[str, str]:
    """The vocabulary prefixes plus the instance namespaces of this deployment."""
    prefixes = dict(PREFIXES)
    prefixes["wd"] = "http://www.wikidata.org/entity/"
    for kind in (
        "city",
        "province",
        "country",
        "organization",
        "person",
        "event",
        "initiative",
        "sdg",
        "article",
    ):
        prefixes[kind] = f"{settings.base}id/{kind}/"
    prefixes["graph"] = f"{settings.base}graph/"
    return prefixes


def _body(text: str) -> str:
    """The query without its ``# key: value`` header block."""
    lines = text.splitlines()
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    return "\n".join(lines[start:]).strip() + "\n"


def examples(directory: Path) -> list[Example]:
    """Every ``*.rq`` in ``directory`` as a named example; a bad file is skipped with a warning."""
    if not directory.is_dir():
        return []
    found: list[Example] = []
    for path in sorted(directory.glob("*.rq")):
        try:
            named = parse_query_file(path)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            log.warning("example query %s skipped: %s", path.name, exc)
            continue
        headers = named.headers
        found.append(
            Example(
                name=path.stem,
                title=headers.get("title", path.stem),
                title_vi=headers.get("title_vi", ""),
                description=headers.get("description", ""),
                query=_body(named.sparql),
            )
        )
    return found
