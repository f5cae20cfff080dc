"""Short forms of entity parameters (``city/son-la``, ``son-la``), as the CLI resolves them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.queries import ParamError, parse_query_file, resolve_short

BASE = "http://kg.test/"
KNOWN = {BASE + "id/city/son-la", BASE + "id/province/son-la", BASE + "id/city/hue"}
QUERIES = Path(__file__).parents[2] / "queries"
CITY = parse_query_file(QUERIES / "03-city-initiatives.rq")  # ?city
ENTITY = parse_query_file(QUERIES / "15-entity-sentences.rq")  # ?entity


def _resolve(value: str, name: str = "city") -> str:
    query = CITY if name == "city" else ENTITY
    return resolve_short(query, {name: value}, base=BASE, exists=KNOWN.__contains__)[name]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("city/hue", "id/city/hue"),
        ("/city/hue", "id/city/hue"),
        ("hue", "id/city/hue"),
        ("son-la", "id/city/son-la"),  # ?city names the kind; a province is called son-la too
        ("id/city/son-la", "id/city/son-la"),
        ("http://elsewhere.example/x", "http://elsewhere.example/x"),
    ],
)
def test_short_forms(value: str, expected: str) -> None:
    assert _resolve(value) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("son-la", "ambiguous: id/city/son-la, id/province/son-la"),
        ("vinh", "no entity has that slug"),
        ("city/vinh", "nothing in the graph"),
    ],
)
def test_bad_short_forms_name_the_parameter(value: str, problem: str) -> None:
    with pytest.raises(ParamError) as caught:
        _resolve(value, "entity")
    assert caught.value.param == "entity"
    assert problem in caught.value.detail
