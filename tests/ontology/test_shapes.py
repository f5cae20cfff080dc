"""SHACL shapes ``ontology/shapes.ttl``: they parse, cover every class the pipeline emits, speak
only of known terms, accept a hand-written article graph and reject broken ones with a violation
on the expected path.

Validation runs the way the build does: data (reference graph + article graph) with the ontology
passed as ``ont_graph`` and no inference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
FIXTURES = Path(__file__).parent / "fixtures"
BASE = "http://localhost:8000/"

LC = Namespace("https://w3id.org/learning-cities/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = Namespace(BASE + "id/")

PIPELINE_CLASSES = [
    "City",
    "Province",
    "Country",
    "Organization",
    "Network",
    "Person",
    "Membership",
    "Event",
    "Participation",
    "Initiative",
    "Statistic",
    "Article",
    "Passage",
    "Mention",
    "SustainableDevelopmentGoal",
]

EVENT = ID["event/hoi-nghi-thanh-pho-hoc-tap-asean-3"]
MEMBERSHIP = ID["membership/son-la-gnlc"]
STATISTIC = ID["statistic/son-la-education-budget"]
PARTICIPATION = ID["participation/son-la-asean-3"]
PASSAGE = ID["passage/demo-2"]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "lc.ttl", format="turtle")


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for path in sorted((ONTOLOGY_DIR / "reference").glob("*.ttl")):
        graph.parse(path, format="turtle", publicID=BASE)
    return graph


@pytest.fixture
def article() -> Graph:
    return Graph().parse(FIXTURES / "valid_article.ttl", format="turtle")


def run(data: Graph, reference: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = validate(
        reference + data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), report


def results(report: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, result path) of every result; the path is the shape's path or sh:path."""
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        assert report.value(result, SH.resultSeverity) == SH.Violation
        assert report.value(result, SH.resultMessage) is not None
        found.add((report.value(result, SH.focusNode), report.value(result, SH.resultPath)))
    return found


# --- the shapes file ---------------------------------------------------------------------------


def test_parses_with_rdflib_and_pyoxigraph_alike(shapes: Graph) -> None:
    quads = list(
        pyoxigraph.parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    )
    assert len(quads) == len(shapes) > 200


@pytest.mark.parametrize("name", PIPELINE_CLASSES)
def test_every_pipeline_class_is_targeted(shapes: Graph, name: str) -> None:
    assert (None, SH.targetClass, LC[name]) in shapes


def test_every_fact_node_class_needs_provenance(shapes: Graph) -> None:
    shape = URIRef("https://w3id.org/learning-cities/shapes#ProvenanceShape")
    targets = set(shapes.objects(shape, SH.targetClass))
    assert {
        LC.Membership,
        LC.Participation,
        LC.Statistic,
        LC.Person,
        LC.Event,
        LC.Initiative,
    } <= targets


def test_every_property_shape_has_a_message(shapes: Graph) -> None:
    for node in shapes.objects(None, SH.property):
        assert shapes.value(node, SH.message) is not None, shapes.value(node, SH.path)


def test_shapes_speak_only_of_known_terms(shapes: Graph, ontology: Graph) -> None:
    vocabulary = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    standard = set(re.findall(r"`([a-z]+:[a-zA-Z]+)`", vocabulary))
    prefixes = dict(shapes.namespaces())
    for path in shapes.objects(None, SH.path):
        if str(path).startswith(str(LC)):
            assert (path, RDF.type, None) in ontology, path
        else:
            assert shapes.namespace_manager.normalizeUri(path) in standard, path
    for predicate in (SH.targetClass, SH["class"]):
        for cls in shapes.objects(None, predicate):
            if str(cls).startswith(str(LC)):
                assert (cls, RDF.type, OWL.Class) in ontology, cls
            else:
                assert str(cls).startswith((prefixes["org"], prefixes["schema"])), cls


# --- the conforming fixture ------------------------------------------------------------------


def test_valid_fixture_conforms(
    article: Graph, reference: Graph, shapes: Graph, ontology: Graph
) -> None:
    conforms, report = run(article, reference, shapes, ontology)
    assert conforms, results(report)


def test_valid_fixture_anchors_are_exact_slices(article: Graph) -> None:
    text = str(article.value(ID["article/demo"], NIF.isString))
    assert unicodedata.normalize("NFC", text) == text
    spans = list(article.subjects(NIF.anchorOf, None))
    assert len(spans) == 5
    for span in spans:
        begin, end = (int(article.value(span, p)) for p in (NIF.beginIndex, NIF.endIndex))
        assert text[begin:end] == str(article.value(span, NIF.anchorOf)), span


def test_reference_graph_alone_conforms(reference: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, report = run(Graph(), reference, shapes, ontology)
    assert conforms, results(report)


# --- non-conforming fixtures -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "focus", "path"),
    [
        (
            "invalid_membership_no_provenance.ttl",
            ID["membership/ho-chi-minh-gnlc"],
            PROV.wasDerivedFrom,
        ),
        ("invalid_statistic_string_value.ttl", ID["statistic/asean-3-delegates"], SCHEMA.value),
        ("invalid_date_string.ttl", ID["membership/sa-dec-gnlc"], LC.since),
    ],
)
def test_invalid_fixture_is_rejected_on_its_path(
    fixture: str,
    focus: URIRef,
    path: URIRef,
    article: Graph,
    reference: Graph,
    shapes: Graph,
    ontology: Graph,
) -> None:
    article.parse(FIXTURES / fixture, format="turtle")
    conforms, report = run(article, reference, shapes, ontology)
    assert not conforms
    assert results(report) == {(focus, path)}


# --- one defect at a time, applied to the conforming fixture -----------------------------------


def drop(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def put(s: URIRef, p: URIRef, o: Literal | URIRef) -> Callable[[Graph], None]:
    return lambda g: g.set((s, p, o))


MUTATIONS = {
    # lc:Conference is reached through rdfs:subClassOf lc:Event in the ontology graph
    "conference without label": (drop(EVENT, RDFS.label), EVENT, None),
    "conference without rule": (drop(EVENT, LC.extractedBy), EVENT, LC.extractedBy),
    "conference end date as string": (
        put(EVENT, SCHEMA.endDate, Literal("30-10")),
        EVENT,
        SCHEMA.endDate,
    ),
    "membership without organization": (
        drop(MEMBERSHIP, ORG.organization),
        MEMBERSHIP,
        ORG.organization,
    ),
    "membership in a city": (
        put(MEMBERSHIP, ORG.organization, ID["city/bangkok"]),
        MEMBERSHIP,
        ORG.organization,
    ),
    "membership ordinal zero": (put(MEMBERSHIP, LC.ordinal, Literal(0)), MEMBERSHIP, LC.ordinal),
    "participation without agent": (drop(PARTICIPATION, LC.agent), PARTICIPATION, LC.agent),
    "participation in a city": (
        put(PARTICIPATION, LC.event, ID["city/bangkok"]),
        PARTICIPATION,
        LC.event,
    ),
    "role label without language": (
        put(PARTICIPATION, LC.roleLabel, Literal("đại diện")),
        PARTICIPATION,
        LC.roleLabel,
    ),
    "unknown qualifier": (
        put(STATISTIC, LC.qualifier, Literal("approximately")),
        STATISTIC,
        LC.qualifier,
    ),
    "statistic without measure": (drop(STATISTIC, LC.measure), STATISTIC, LC.measure),
    "derived from an article, not a passage": (
        put(STATISTIC, PROV.wasDerivedFrom, ID["article/demo"]),
        STATISTIC,
        PROV.wasDerivedFrom,
    ),
    "passage without article": (drop(PASSAGE, NIF.referenceContext), PASSAGE, NIF.referenceContext),
    "passage begins after it ends": (
        put(PASSAGE, NIF.beginIndex, Literal(300)),
        PASSAGE,
        NIF.beginIndex,
    ),
    "negative offset": (put(PASSAGE, NIF.beginIndex, Literal(-1)), PASSAGE, NIF.beginIndex),
    "initiative from a city": (
        put(ID["initiative/lau-lau-learning"], LC.origin, ID["city/bangkok"]),
        ID["initiative/lau-lau-learning"],
        LC.origin,
    ),
    "sdg without vietnamese name": (
        lambda g: (
            g.add((ID["sdg/18"], RDF.type, LC.SustainableDevelopmentGoal))
            or g.add((ID["sdg/18"], SKOS.prefLabel, Literal("Extra goal", lang="en")))
            or g.add((ID["sdg/18"], SKOS.notation, Literal("18")))
        ),
        ID["sdg/18"],
        SKOS.prefLabel,
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_single_defect_gives_a_violation_on_its_path(
    name: str,
    article: Graph,
    reference: Graph,
    shapes: Graph,
    ontology: Graph,
) -> None:
    mutate, focus, path = MUTATIONS[name]
    mutate(article)
    conforms, report = run(article, reference, shapes, ontology)
    assert not conforms
    assert (focus, path) in results(report)
