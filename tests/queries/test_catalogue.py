"""Every ``queries/*.rq`` parses, carries its header, and binds its parameters."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.config import Settings
from kg.formats import JSON, TURTLE
from kg.queries import (
    REQUIRED_HEADERS,
    NamedQuery,
    Param,
    ParamError,
    bind,
    find,
    load_catalogue,
    parse_query_file,
    to_term,
)
from kg.store import Store

QUERIES = load_catalogue(Settings().queries_dir)
IDS = [q.slug for q in QUERIES]
BASE = "http://example.org/kg/"
ONTOLOGY = Path(Settings().ontology_dir) / "lc.ttl"


def test_catalogue_size() -> None:
    assert len(QUERIES) >= 15
    assert len({q.number for q in QUERIES}) == len(QUERIES), "two questions share a number"
    assert sum(1 for q in QUERIES if q.params) >= 3


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_parses_with_rdflib_and_oxigraph(query: NamedQuery) -> None:
    prepareQuery(query.sparql)
    Store().query_to(
        query.sparql,
        io.BytesIO(),
        result_format=JSON,  # pyoxigraph parses it
        rdf_format=TURTLE,
    )


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_headers(query: NamedQuery) -> None:
    for key in REQUIRED_HEADERS:
        assert query.headers.get(key, "").strip(), f"{query.path.name}: no '# {key}:' line"
    assert query.sparql.startswith("# title:")
    assert "PREFIX lc:" in query.sparql


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_no_instance_host_hard_coded(query: NamedQuery) -> None:
    assert "localhost" not in query.sparql
    assert not re.search(r"<https?://[^>]*/id/", query.sparql)


@pytest.mark.parametrize(
    "query", [q for q in QUERIES if q.params], ids=[q.slug for q in QUERIES if q.params]
)
def test_parameters_are_projected_and_bindable(query: NamedQuery) -> None:
    # pyoxigraph substitutes only projected variables: binding on an empty store shows it.
    Store().query_to(
        query.sparql,
        io.BytesIO(),
        result_format=JSON,
        rdf_format=TURTLE,
        bindings=bind(query, {}, base=BASE),
    )


def test_every_ontology_class_is_asked_about() -> None:
    classes = set(
        re.findall(r"^lc:(\w+) a owl:Class", ONTOLOGY.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert classes
    text = "\n".join(q.sparql for q in QUERIES)
    # 01 lists every class; each is also named in some question's SPARQL or header.
    missing = sorted(c for c in classes if not re.search(rf"lc:{c}\b", text))
    assert not missing, f"no question names {missing}"


def test_provenance_is_asked_about() -> None:
    text = "\n".join(q.sparql for q in QUERIES)
    for term in (
        "prov:wasDerivedFrom",
        "lc:extractedBy",
        "nif:anchorOf",
        "nif:referenceContext",
        "itsrdf:taIdentRef",
        "lc:removal",
    ):
        assert term in text, term


def test_find_by_number_and_slug() -> None:
    directory = Settings().queries_dir
    first = QUERIES[0]
    assert find(directory, first.number).path == first.path
    assert find(directory, first.slug).path == first.path
    with pytest.raises(LookupError):
        find(directory, "99")


def test_bad_file_name_and_param_header(tmp_path: Path) -> None:
    bad = tmp_path / "notes.rq"
    bad.write_text("SELECT * {}", encoding="utf-8")
    with pytest.raises(ValueError, match="NN-short-name"):
        parse_query_file(bad)
    bad_param = tmp_path / "01-x.rq"
    bad_param.write_text("# param: ?city town id/city/son-la\nSELECT ?city {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        parse_query_file(bad_param)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("iri", "id/city/son-la", BASE + "id/city/son-la"),
        ("iri", "/id/city/son-la", BASE + "id/city/son-la"),
        ("iri", "<http://other.example/x>", "http://other.example/x"),
        ("date", "2024-10-29", "2024-10-29"),
        ("integer", "5", "5"),
        ("string", "Sơn La", "Sơn La"),
    ],
)
def test_to_term(kind: str, value: str, expected: str) -> None:
    assert str(to_term(Param("p", kind, ""), value, base=BASE)) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", "id/city/son la"),
        ("iri", "id/city/x> } ; DROP ALL #"),
        ("iri", "javascript:alert(1)"),
        ("iri", "ftp://example.org/x"),
        ("iri", ""),
        ("date", "2024-13-01"),
        ("date", "29/10/2024"),
        ("integer", "five"),
        ("string", "x" * 501),
    ],
)
def test_bad_values_name_the_parameter(kind: str, value: str) -> None:
    with pytest.raises(ParamError) as info:
        to_term(Param("city", kind, ""), value, base=BASE)
    assert info.value.param == "city"
    assert "city" in str(info.value)


def test_bind_rejects_unknown_names() -> None:
    query = next(q for q in QUERIES if q.params)
    with pytest.raises(ParamError) as info:
        bind(query, {"nope": "1"}, base=BASE)
    assert info.value.param == "nope"
