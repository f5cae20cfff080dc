from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from ingest.rdf import LCNS, NIF, SCHEMA, date_literal, to_nquads, to_trig
from tests.ingest._ingest_helpers import ARTICLES, BASE, ONTOLOGY, ROOT, SEEDS, build


@pytest.fixture(scope="module", params=SEEDS)
def graph(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return build(ARTICLES / f"{request.param}.txt")


@pytest.mark.parametrize(
    ("iso", "datatype"),
    [
        ("2024-10-29", XSD.date),
        ("2024-10", XSD.gYearMonth),
        ("2024", XSD.gYear),
        ("--10-29", XSD.gMonthDay),
    ],
)
def test_dates_are_as_precise_as_the_text(iso: str, datatype: URIRef) -> None:
    assert date_literal(iso).datatype == datatype


def test_date_literal_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="Unexpected date"):
        date_literal("29/10")


def test_no_blank_nodes(graph) -> None:  # type: ignore[no-untyped-def]
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_every_passage_and_mention_anchor_is_its_slice(graph) -> None:  # type: ignore[no-untyped-def]
    article = next(graph.subjects(RDF.type, LCNS.Article))
    text = str(graph.value(article, NIF.isString))
    nodes = list(graph.subjects(NIF.beginIndex, None))
    assert len(nodes) > 20
    for node in nodes:
        b, e = int(graph.value(node, NIF.beginIndex)), int(graph.value(node, NIF.endIndex))
        assert str(graph.value(node, NIF.anchorOf)) == text[b:e]
    for mention in graph.subjects(RDF.type, LCNS.Mention):
        passage = graph.value(mention, LCNS.inPassage)
        assert int(graph.value(passage, NIF.beginIndex)) <= int(
            graph.value(mention, NIF.beginIndex)
        )
        assert int(graph.value(mention, NIF.endIndex)) <= int(graph.value(passage, NIF.endIndex))


def test_every_fact_node_has_provenance_and_a_rule(graph) -> None:  # type: ignore[no-untyped-def]
    for cls in (LCNS.Membership, LCNS.Participation, LCNS.Statistic, LCNS.Person, LCNS.Conference):
        for node in graph.subjects(RDF.type, cls):
            assert (node, PROV.wasDerivedFrom, None) in graph, node
            rule = graph.value(node, LCNS.extractedBy)
            assert (rule, RDF.type, LCNS.ExtractionRule) in graph
            assert str(rule).startswith("https://w3id.org/learning-cities/rules#")


def test_binary_shortcuts_next_to_nary_nodes(graph) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Namespace

    org = Namespace("http://www.w3.org/ns/org#")
    for m in graph.subjects(RDF.type, LCNS.Membership):
        assert (
            graph.value(m, org.member),
            SCHEMA.memberOf,
            graph.value(m, org.organization),
        ) in graph
    for p in graph.subjects(RDF.type, LCNS.Participation):
        assert (graph.value(p, LCNS.event), SCHEMA.attendee, graph.value(p, LCNS.agent)) in graph


def test_reference_labels_are_not_restated(graph) -> None:  # type: ignore[no-untyped-def]
    from rdflib.namespace import RDFS

    assert graph.value(URIRef(f"{BASE}id/city/bangkok"), RDFS.label) is None
    for label in graph.objects(None, RDFS.label):
        assert isinstance(label, Literal) and label.language in ("vi", "en")


def test_every_emitted_lc_term_is_in_the_ontology(graph) -> None:  # type: ignore[no-untyped-def]
    ontology = (ONTOLOGY / "lc.ttl").read_text(encoding="utf-8")
    terms = {str(x) for t in graph for x in t if str(x).startswith(str(LCNS))}
    assert terms
    assert not [
        t for t in terms if f"lc:{t[len(str(LCNS)) :]} " not in ontology and t != str(LCNS) + "SDGs"
    ]


def test_removals_are_recorded() -> None:
    graph = build(ARTICLES / f"{SEEDS[1]}.txt")
    removals = list(graph.subjects(RDF.type, LCNS.Removal))
    rules = {str(graph.value(r, LCNS.removedBy)) for r in removals}
    assert rules == {
        "breadcrumb",
        "duplicate-caption",
        "related-block",
        "repeated-line",
        "source-footer",
    }
    assert all(str(r).startswith(f"{BASE}id/article/") and "#removal-" in str(r) for r in removals)


def test_nquads_are_sorted_and_in_the_article_graph(graph) -> None:  # type: ignore[no-untyped-def]
    data = to_nquads(graph)
    lines = data.splitlines()
    assert lines == sorted(lines)
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    assert {str(c.identifier) for c in ds.contexts() if len(c)} == {str(graph.identifier)}


def test_trig_uses_the_project_prefixes(graph) -> None:  # type: ignore[no-untyped-def]
    text = to_trig(to_nquads(graph))
    assert "@prefix lc: <https://w3id.org/learning-cities/ontology#> ." in text
    assert "@prefix ns1:" not in text
    ds = Dataset()
    ds.parse(data=text, format="trig")
    assert {str(c.identifier) for c in ds.contexts() if len(c)} == {str(graph.identifier)}
    assert isomorphic(ds.graph(graph.identifier), graph)


def test_trig_names_other_namespaces_whatever_the_hash_seed() -> None:
    """rdflib names a namespace without a prefix when it meets it, in set order."""
    nquads = "".join(
        f'<http://ex.org/s{i}> <http://ns{i % 7}.example/v#p{i}> "{i}" <http://ex.org/g> .\n'
        for i in range(40)
    )
    script = (
        "import sys; from ingest.rdf import to_trig; sys.stdout.write(to_trig(sys.stdin.read()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=nquads,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2")
    }
    assert len(outputs) == 1
    assert "@prefix ns1: <http://ns0.example/v#> ." in outputs.pop()


def test_honorifics_are_language_tagged_and_their_rule_recorded() -> None:
    graph = build(ARTICLES / "002_f9704879dbee1189.txt")
    person = URIRef(f"{BASE}id/person/ha-trung-chien")
    assert set(graph.objects(person, SCHEMA.honorificPrefix)) == {
        Literal("đồng chí", lang="vi"),
        Literal("ông", lang="vi"),
    }
    rule = URIRef("https://w3id.org/learning-cities/rules#person-honorific")
    assert (person, LCNS.extractedBy, rule) in graph
    assert (rule, RDF.type, LCNS.ExtractionRule) in graph


def test_the_headline_is_tagged_with_the_article_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "en-article.txt"
    article.write_text((ARTICLES / f"{SEEDS[0]}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    meta = (ARTICLES / f"{SEEDS[0]}.toml").read_text(encoding="utf-8")
    meta = "\n".join(line for line in meta.splitlines() if not line.startswith("language"))
    (tmp_path / "en-article.toml").write_text(meta + '\nlanguage = "en"\n', encoding="utf-8")
    graph = build(article)
    art = next(graph.subjects(RDF.type, LCNS.Article))
    headline = graph.value(art, SCHEMA.headline)
    assert isinstance(headline, Literal) and headline.language == "en"
    assert str(graph.value(art, SCHEMA.inLanguage)) == "en"


def test_an_organisation_s_abbreviated_spelling_is_its_alt_label(tmp_path: Path) -> None:
    article = tmp_path / "so-gddt.txt"
    article.write_text(
        "Sở GD-ĐT Cần Thơ tổ chức hội thảo\nSở GD-ĐT Cần Thơ tổ chức hội thảo về học tập suốt đời.",
        encoding="utf-8",
    )
    shutil.copy(ARTICLES / "000_bc4ba419052e2653.toml", article.with_suffix(".toml"))
    graph = build(article)
    org = URIRef(f"{BASE}id/organization/so-giao-duc-va-dao-tao-can-tho")
    assert {str(o) for o in graph.objects(org, SKOS.altLabel)} == {"Sở GD-ĐT Cần Thơ"}
    assert str(graph.value(org, RDFS.label)) == "Sở Giáo dục và Đào tạo Cần Thơ"
