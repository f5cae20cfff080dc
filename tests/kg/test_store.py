from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.formats import CSV, JSON, NQUADS, TRIG, TURTLE
from kg.store import Store, StoreError

XSD_INT = "http://www.w3.org/2001/XMLSchema#int"
DATA = f"""
<http://e/son-la> <http://www.w3.org/2000/01/rdf-schema#label> "Sơn La"@vi <http://e/g1> .
<http://e/son-la> <http://e/population> "107282"^^<{XSD_INT}> <http://e/g1> .
<http://e/hcm> <http://www.w3.org/2000/01/rdf-schema#label> "TP.HCM"@vi <http://e/g2> .
"""


@pytest.fixture
def store() -> Store:
    s = Store()
    s.load(DATA.encode(), format=NQUADS)
    return s


def test_select_returns_rdflib_terms_over_the_union_graph(store: Store) -> None:
    rows = store.select(
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s"
    )
    assert rows == [
        {"s": URIRef("http://e/hcm"), "l": Literal("TP.HCM", lang="vi")},
        {"s": URIRef("http://e/son-la"), "l": Literal("Sơn La", lang="vi")},
    ]
    assert rows[0]["l"].language == "vi"


def test_bindings_are_substituted_not_formatted(store: Store) -> None:
    query = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    rows = store.select(query, bindings={"s": URIRef("http://e/hcm")})
    assert [str(r["l"]) for r in rows] == ["TP.HCM"]
    # a value that would break a formatted query is just a value here
    assert store.select(query, bindings={"l": Literal('x" } UNION { ?s ?p ?l } #')}) == []
    with pytest.raises(ValueError, match="Invalid IRI"):
        store.select(query, bindings={"s": URIRef("http://e/x> } #")})


def test_binding_a_variable_outside_the_projection_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ValueError, match="cannot bind"):
        store.select("SELECT ?l WHERE { ?s ?p ?l }", bindings={"s": URIRef("http://e/hcm")})


def test_typed_literals_convert_to_python(store: Store) -> None:
    rows = store.select("SELECT ?n WHERE { ?s <http://e/population> ?n }")
    assert rows[0]["n"].toPython() == 107282


def test_default_graphs_restrict_the_dataset(store: Store) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    assert {str(r["s"]) for r in store.select(query, default_graphs=["http://e/g2"])} == {
        "http://e/hcm"
    }
    assert store.select(query, union=False) == []


def test_ask_and_construct(store: Store) -> None:
    assert store.ask("ASK { ?s ?p 'TP.HCM'@vi }")
    assert not store.ask("ASK { ?s ?p 'Hà Nội'@vi }")
    graph = store.construct("CONSTRUCT { ?s a <http://e/Place> } WHERE { ?s ?p ?o }")
    assert len(graph) == 2


def test_wrong_query_kind_and_syntax_errors(store: Store) -> None:
    with pytest.raises(ValueError, match="needs a SELECT"):
        store.select("ASK {}")
    with pytest.raises(SyntaxError):
        store.select("SELECT * WHERE { ?s ?p }")


def test_query_to_serialises_results_and_graphs(store: Store) -> None:
    out = io.BytesIO()
    kind = store.query_to(
        "SELECT ?s WHERE { ?s ?p 'TP.HCM'@vi }", out, result_format=CSV, rdf_format=TURTLE
    )
    assert kind == "select"
    assert out.getvalue().decode().splitlines() == ["s", "http://e/hcm"]
    out = io.BytesIO()
    assert store.query_to("ASK {}", out, result_format=JSON, rdf_format=TURTLE) == "ask"
    assert b'"boolean":true' in out.getvalue().replace(b" ", b"")


def test_named_graphs_dump_and_len(store: Store, tmp_path: Path) -> None:
    assert store.named_graphs() == ["http://e/g1", "http://e/g2"]
    assert len(store) == 3
    target = tmp_path / "all.trig"
    store.dump(target, format=TRIG)
    copy = Store()
    copy.load(target, format=TRIG)
    assert len(copy) == 3


def test_on_disk_store_reopens_read_only(tmp_path: Path) -> None:
    writable = Store(tmp_path / "db")
    writable.load(DATA.encode(), format=NQUADS)
    writable.flush()
    del writable
    reader = Store(tmp_path / "db", read_only=True)
    assert len(reader) == 3


def test_missing_read_only_store_names_the_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nothing", read_only=True)


def test_bad_turtle_is_a_syntax_error_with_a_line() -> None:
    with pytest.raises(SyntaxError) as info:
        Store().load(b"<http://a> <http://b> .\n", format=TURTLE)
    assert info.value.lineno == 1


def test_a_closed_store_refuses_use_but_not_introspection(tmp_path: Path) -> None:
    with Store(tmp_path / "s") as store:
        store.load(b"<http://e/s> <http://e/p> <http://e/o> .", format=TURTLE)
        assert len(store) == 1
    for use in (lambda: len(store), lambda: store.ask("ASK { ?s ?p ?o }"), store.flush):
        with pytest.raises(StoreError, match="the store is closed"):
            use()
    inner = store._store
    assert not hasattr(inner, "__wrapped__")  # inspect, doctest and hasattr see no attribute
    assert Store(tmp_path / "s", read_only=True).ask("ASK { ?s ?p ?o }") is True  # released


def test_a_graph_named_by_a_blank_node_is_not_reported_as_an_iri() -> None:
    store = Store()
    store.load(b'<http://e/s> <http://e/p> "o" _:g1 .\n', format=NQUADS)
    store.load(b'<http://e/s> <http://e/p> "o" <http://e/g> .\n', format=NQUADS)
    iris = [g for g in store.named_graphs() if not g.startswith("_:")]
    assert iris == ["http://e/g"]
    assert len(store.named_graphs()) == 2
    graphs = sorted(g for *_, g in store.triples(URIRef("http://e/s"), None, None) if g)
    assert graphs[0].startswith("_:") and graphs[1] == "http://e/g"
