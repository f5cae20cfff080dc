"""Fixtures for the research questions: the catalogue, and a read-only store over the real build."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from kg.build_layout import BuildInfo
from kg.config import Settings
from kg.formats import JSON, TURTLE
from kg.queries import NamedQuery, bind, load_catalogue
from kg.store import Store


@pytest.fixture(scope="session")
def catalogue() -> list[NamedQuery]:
    return load_catalogue(Settings().queries_dir)


@pytest.fixture(scope="session")
def built_store(built: BuildInfo) -> Iterator[Store]:
    yield Store(built.store_dir, read_only=True)


def answer(
    store: Store, query: NamedQuery, params: dict[str, str], base: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """Variables and SPARQL-JSON rows of ``query`` with ``params`` (defaults for the rest)."""
    out = io.BytesIO()
    store.query_to(
        query.sparql,
        out,
        result_format=JSON,
        rdf_format=TURTLE,
        bindings=bind(query, params, base=base),
    )
    data = json.loads(out.getvalue())
    return list(data["head"]["vars"]), list(data["results"]["bindings"])
