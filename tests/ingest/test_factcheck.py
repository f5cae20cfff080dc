"""Per-fact validation: one bad fact is repaired or set aside and reported, never the article."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ingest.api import build_article, extract_file
from ingest.factcheck import load_constraints, screen
from ingest.model import Fact, Sentence, Value
from kg.app import create_app
from kg.config import Settings
from kg.formats import JSON, NQUADS, TURTLE
from kg.iris import LC, slugify
from kg.queries import load_catalogue
from kg.store import Store
from tests.cli_runner import run_lckg
from tests.ingest._ingest_helpers import BASE, FIXTURES, ONTOLOGY

ARTICLE = FIXTURES / "set_aside" / "s01_hai_ngay_khai_mac.txt"
SCHEMA = "https://schema.org/"


def _sentences(*texts: str) -> list[Sentence]:
    out, begin = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(i, i, begin, begin + len(text), text))
        begin += len(text) + 1
    return out


def _graph(nquads: str) -> Graph:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def test_the_constraints_come_from_the_shapes() -> None:
    constraints = load_constraints(ONTOLOGY)
    assert constraints is not None
    assert constraints.by_kind["statistic"]["measure"].min_count == 1
    assert constraints.by_kind["membership"]["since"].max_count == 1
    assert constraints.by_kind["event"]["start"].max_count == 1
    assert constraints.by_kind["statistic"]["qualifier"].allowed == {
        "about",
        "over",
        "nearly",
        "exactly",
        "up to",
        "under",
    }
    assert {"since", "start", "end", "ref_date"} <= constraints.date_slots


def test_two_dates_for_one_slot_keep_the_one_stated_first() -> None:
    event = "http://localhost:8000/id/event/x"
    later = Fact("event", "k2", (("start", Value.lit("2024-09-20", "date")),), "r", (2,), event)
    first = Fact("event", "k1", (("start", Value.lit("2024-09-12", "date")),), "r", (0,), event)
    kept, aside = screen([later, first], _sentences("a", "b", "c"), load_constraints(ONTOLOGY))
    assert kept == [first]
    assert [(a.action, a.value, a.sentence, a.shape) for a in aside] == [
        ("repaired", "2024-09-20", 2, "DateShape")
    ]


def test_a_membership_keeps_its_node_and_loses_the_second_date() -> None:
    slots = (("member", Value.ref("c")), ("organization", Value.ref("o")))
    one = Fact("membership", "m", (*slots, ("since", Value.lit("2024", "date"))), "r", (0,))
    two = Fact("membership", "m", (*slots, ("since", Value.lit("2020", "date"))), "r", (1,))
    kept, aside = screen([one, two], _sentences("a", "b"), load_constraints(ONTOLOGY))
    assert kept[0] == one and dict(kept[1].slots).get("since") is None
    assert [a.value for a in aside] == ["2020"]


def test_a_date_without_a_year_is_taken_off_and_the_fact_kept() -> None:
    slots = (("member", Value.ref("c")), ("organization", Value.ref("o")))
    fact = Fact("membership", "m", (*slots, ("since", Value.lit("--09-12", "date"))), "r", (0,))
    kept, aside = screen([fact], _sentences("a"), load_constraints(ONTOLOGY))
    assert kept[0].slots == slots
    assert aside[0].action == "repaired" and aside[0].value == "--09-12"


def test_a_statistic_without_a_measure_is_dropped_whole() -> None:
    stat = Fact("statistic", "s", (("value", Value.lit("34", "integer")),), "r", (0,))
    ok = Fact(
        "statistic",
        "t",
        (("value", Value.lit("5", "integer")), ("measure", Value.lit("đại biểu", lang="vi"))),
        "r",
        (0,),
    )
    kept, aside = screen([stat, ok], _sentences("Có 34 và 5 đại biểu."), load_constraints(ONTOLOGY))
    assert kept == [ok]
    assert aside[0].action == "dropped" and aside[0].text == "Có 34 và 5 đại biểu."


def test_an_article_with_bad_facts_keeps_the_others() -> None:
    out = extract_file(ARTICLE, ontology_dir=ONTOLOGY, base=BASE)  # SHACL on, as lckg extract
    aside = out.report["set_aside"]
    assert [(a["kind"], a["slot"], a["action"]) for a in aside] == [("event", "start", "repaired")]
    graph = _graph(out.nquads)
    assert {str(o) for o in graph.objects(None, URIRef(SCHEMA + "startDate"))} == {"2024-09-12"}
    # "34" counts nothing: no statistic; "hơn 150 đại biểu" is one
    assert len(set(graph.subjects(RDF.type, URIRef(LC + "Statistic")))) == 1
    assert len(set(graph.subjects(RDF.type, URIRef(LC + "SetAsideFact")))) == 1


def test_lckg_extract_exits_0_and_reports_what_it_set_aside(tmp_path: Path) -> None:
    out = tmp_path / "a.trig"
    done = run_lckg("extract", str(ARTICLE), "-o", str(out), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").count("lc:SetAsideFact") == 1
    lines = [line for line in done.stderr.splitlines() if "set aside" in line]
    assert len(lines) == 1
    assert "(repaired) event start '2024-09-20'" in lines[0]
    assert "Diễn đàn Học tập suốt đời Tây Bắc diễn ra ngày 20/9/2024" in lines[0]


def test_shacl_sets_aside_a_node_the_code_checks_let_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the code checks off, SHACL per article still keeps the article: the failing nodes go."""
    import ingest.api

    monkeypatch.setattr(ingest.api, "load_constraints", lambda _dir: None)
    out = extract_file(ARTICLE, ontology_dir=ONTOLOGY, base=BASE)
    aside = out.report["set_aside"]
    assert [(a["shape"], a["action"], a["slot"]) for a in aside] == [
        ("DateShape", "repaired", SCHEMA + "startDate")
    ]
    graph = _graph(out.nquads)
    assert not set(graph.objects(None, URIRef(SCHEMA + "startDate")))  # both dates, not the event
    assert set(graph.objects(None, URIRef(SCHEMA + "location")))  # the event itself stays


def test_the_reader_shows_the_facts_set_aside(tmp_path: Path) -> None:
    built = build_article(ARTICLE, ontology_dir=ONTOLOGY, base=BASE)
    store = Store()
    store.load(built.triples.nquads(), format=NQUADS)
    app = create_app(Settings(base=BASE, data_dir=tmp_path), store=store)
    with TestClient(app, base_url="http://localhost:8000") as client:
        page = client.get(f"/page/article/{slugify(ARTICLE.stem)}?lang=en")
    assert page.status_code == 200
    assert "Facts set aside (1)" in page.text
    assert "diễn ra ngày 20/9/2024" in page.text and "DateShape" in page.text


def test_the_set_aside_question_lists_what_was_set_aside() -> None:
    built = build_article(ARTICLE, ontology_dir=ONTOLOGY, base=BASE)
    store = Store()
    store.load(built.triples.nquads(), format=NQUADS)
    query = next(q for q in load_catalogue(Settings().queries_dir) if q.number == "20")
    out = io.BytesIO()
    store.query_to(query.sparql, out, result_format=JSON, rdf_format=TURTLE)
    rows = json.loads(out.getvalue())["results"]["bindings"]
    assert len(rows) == 1
    row = {k: v["value"] for k, v in rows[0].items()}
    assert (row["set_aside"], row["dropped_facts"], row["repaired_facts"]) == ("1", "0", "1")
    assert row["items"] == "event start (DateShape, repaired)"
