"""The TBox ``ontology/lc.ttl``: parses, is OWL 2 DL-clean, carries FOOPS!/LOV metadata, labels
every term in English and Vietnamese, and defines every term of ``docs/vocabulary.md``."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SKOS

ROOT = Path(__file__).resolve().parents[2]
LC_TTL = ROOT / "ontology" / "lc.ttl"
VOCABULARY_MD = ROOT / "docs" / "vocabulary.md"

LC = Namespace("https://w3id.org/learning-cities/ontology#")
ONTOLOGY = URIRef("https://w3id.org/learning-cities/ontology")
VERSION_IRI = URIRef("https://w3id.org/learning-cities/ontology/0.1.0")
VANN = Namespace("http://purl.org/vocab/vann/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: no warnings on collection
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
PREFIXES = {
    "lc": str(LC),
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "skos": str(SKOS),
}
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))


@pytest.fixture(scope="module")
def g() -> Graph:
    return Graph().parse(LC_TTL, format="turtle")


def lc_terms(g: Graph) -> set[URIRef]:
    return {
        s
        for t in TERM_TYPES
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(LC))
    }


def curie(text: str) -> URIRef:
    prefix, _, local = text.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def vocabulary_rows() -> list[list[str]]:
    """Table rows of docs/vocabulary.md as lists of cells."""
    rows = []
    for line in VOCABULARY_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not set(line) <= set("|- "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def vocabulary_terms() -> set[str]:
    """Every backticked ``lc:`` term anywhere in docs/vocabulary.md."""
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    return set(re.findall(r"`(lc:[A-Za-z]+)`", text))


# --- parsing ---------------------------------------------------------------------------------


def test_parses_with_rdflib_and_pyoxigraph_alike(g: Graph) -> None:
    quads = list(pyoxigraph.parse(path=str(LC_TTL), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(g) > 300
    assert len(quads) == len(g)


def test_declares_the_rules_namespace(g: Graph) -> None:
    assert ("rules", URIRef("https://w3id.org/learning-cities/rules#")) in set(g.namespaces())


def test_all_literals_are_nfc(g: Graph) -> None:
    bad = [
        o
        for o in g.objects()
        if isinstance(o, Literal) and unicodedata.normalize("NFC", str(o)) != str(o)
    ]
    assert not bad


# --- ontology metadata (FOOPS!/LOV) ------------------------------------------------------------


def test_ontology_header(g: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert [s for s in g.subjects(RDF.type, OWL.Ontology)] == [ONTOLOGY]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_title_in_both_languages(g: Graph, lang: str) -> None:
    titles = [t for t in g.objects(ONTOLOGY, DCTERMS.title) if t.language == lang]
    assert len(titles) == 1 and str(titles[0]).strip()


@pytest.mark.parametrize(
    "predicate",
    [
        DCTERMS.description,
        DCTERMS.creator,
        DCTERMS.publisher,
        DCTERMS.created,
        DCTERMS.modified,
        RDFS.seeAlso,
        OWL.versionInfo,
    ],
)
def test_metadata_present(g: Graph, predicate: URIRef) -> None:
    assert g.value(ONTOLOGY, predicate) is not None, predicate


def test_license_is_cc_by_4(g: Graph) -> None:
    assert g.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_dates_are_xsd_dates(g: Graph) -> None:
    for predicate in (DCTERMS.created, DCTERMS.modified):
        value = g.value(ONTOLOGY, predicate)
        assert isinstance(value, Literal) and value.datatype == XSD.date
    assert g.value(ONTOLOGY, DCTERMS.created) <= g.value(ONTOLOGY, DCTERMS.modified)


def test_version(g: Graph) -> None:
    version_iri = g.value(ONTOLOGY, OWL.versionIRI)
    assert version_iri == VERSION_IRI != ONTOLOGY
    assert str(g.value(ONTOLOGY, OWL.versionInfo)) == "0.1.0"
    assert str(version_iri).endswith("/" + str(g.value(ONTOLOGY, OWL.versionInfo)))


def test_preferred_namespace(g: Graph) -> None:
    assert str(g.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "lc"
    assert str(g.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(LC)


# --- terms -----------------------------------------------------------------------------------


def test_every_term_is_labelled_in_english_and_vietnamese(g: Graph) -> None:
    terms = lc_terms(g)
    assert len(terms) > 40
    for term in sorted(terms):
        langs = [label.language for label in g.objects(term, RDFS.label)]
        assert sorted(langs) == ["en", "vi"], f"{term}: rdfs:label languages {langs}"
        comments = [c for c in g.objects(term, RDFS.comment) if c.language == "en"]
        assert comments and all(str(c).strip() for c in comments), f"{term}: no rdfs:comment@en"
        assert (term, RDFS.isDefinedBy, ONTOLOGY) in g, f"{term}: no rdfs:isDefinedBy"


def test_no_term_has_two_kinds(g: Graph) -> None:
    for term in lc_terms(g):
        kinds = {t for t in g.objects(term, RDF.type) if t in TERM_TYPES}
        assert len(kinds) == 1, f"{term}: {kinds}"


def test_every_lc_iri_used_is_defined(g: Graph) -> None:
    defined = lc_terms(g) | {LC.SDGs}
    used = {n for triple in g for n in triple if isinstance(n, URIRef) and n.startswith(str(LC))}
    assert used - defined == set()


def test_concept_scheme(g: Graph) -> None:
    assert (LC.SDGs, RDF.type, SKOS.ConceptScheme) in g
    for predicate in (RDFS.label, SKOS.prefLabel):
        assert {lit.language for lit in g.objects(LC.SDGs, predicate)} == {"en", "vi"}


# --- the contract with docs/vocabulary.md ------------------------------------------------------


def test_vocabulary_document_is_parsed() -> None:
    terms = vocabulary_terms()
    assert {"lc:City", "lc:Membership", "lc:since", "lc:extractedBy", "lc:SDGs"} <= terms
    assert len(terms) >= 50


@pytest.mark.parametrize("term", sorted(vocabulary_terms()))
def test_vocabulary_term_is_defined(g: Graph, term: str) -> None:
    iri = curie(term)
    if term == "lc:SDGs":
        assert (iri, RDF.type, SKOS.ConceptScheme) in g
    elif term.split(":")[1][0].isupper():
        assert (iri, RDF.type, OWL.Class) in g, f"{term} is not an owl:Class"
    else:
        kinds = {t for t in g.objects(iri, RDF.type)} & {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert kinds, f"{term} is not declared as a property"


def test_superclasses_follow_the_vocabulary(g: Graph) -> None:
    checked = 0
    for row in vocabulary_rows():
        if len(row) < 2 or not row[0].startswith("`lc:") or not row[0][4].isupper():
            continue
        supers = [c for c in re.findall(r"`([a-z]+:[A-Z][A-Za-z]*)`", row[1]) if c != "lc:SDGs"]
        for term in re.findall(r"`(lc:[A-Za-z]+)`", row[0]):
            for superclass in supers:
                assert (curie(term), RDFS.subClassOf, curie(superclass)) in g, (term, superclass)
                checked += 1
    assert checked >= 30


def test_property_kinds_follow_the_vocabulary(g: Graph) -> None:
    literal_range = re.compile(r"rdf:langString|xsd:|rdfs:Literal|literal")
    checked = 0
    for row in vocabulary_rows():
        terms = re.findall(r"`(lc:[a-z][A-Za-z]*)`", row[0])
        if len(terms) != 1 or len(row) < 2 or "→" not in row[1]:
            continue
        expected = OWL.DatatypeProperty if literal_range.search(row[1]) else OWL.ObjectProperty
        assert (curie(terms[0]), RDF.type, expected) in g, (terms[0], expected)
        checked += 1
    assert checked >= 15


# --- OWL 2 DL hygiene --------------------------------------------------------------------------


def union_members(g: Graph, node: BNode) -> list[URIRef]:
    head = g.value(node, OWL.unionOf)
    assert head is not None, f"anonymous class expression without owl:unionOf: {node}"
    members = list(Collection(g, head))
    assert len(members) >= 2
    return members


def class_operands(g: Graph, predicate: URIRef) -> list[URIRef]:
    found = []
    for node in g.objects(None, predicate):
        if isinstance(node, BNode) and (node, RDF.type, OWL.Class) in g:
            found.extend(union_members(g, node))
        elif isinstance(node, URIRef) and not str(node).startswith(BUILT_IN):
            found.append(node)
    return found


def test_every_class_used_is_declared(g: Graph) -> None:
    used = class_operands(g, RDFS.subClassOf)
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        for predicate in (RDFS.domain, RDFS.range):
            for node in g.objects(prop, predicate):
                used.extend(union_members(g, node) if isinstance(node, BNode) else [node])
    for prop in g.subjects(RDF.type, OWL.DatatypeProperty):
        for node in g.objects(prop, RDFS.domain):
            used.extend(union_members(g, node) if isinstance(node, BNode) else [node])
    undeclared = {c for c in used if (c, RDF.type, OWL.Class) not in g}
    assert undeclared == set()


def test_datatype_ranges_are_datatypes(g: Graph) -> None:
    for prop in g.subjects(RDF.type, OWL.DatatypeProperty):
        rng = g.value(prop, RDFS.range)
        assert rng is not None, f"{prop} has no range"
        if isinstance(rng, BNode):
            assert (rng, RDF.type, RDFS.Datatype) in g, prop
            head = g.value(rng, OWL.unionOf) or g.value(rng, OWL.oneOf)
            assert head is not None and len(list(Collection(g, head))) >= 2, prop
        else:
            assert str(rng).startswith(str(XSD)) or rng in (RDF.langString, RDFS.Literal), prop


def test_subproperties_match_declared_kinds(g: Graph) -> None:
    for sub, sup in g.subject_objects(RDFS.subPropertyOf):
        kinds = {t for t in g.objects(sub, RDF.type)} & {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert kinds and kinds <= set(g.objects(sup, RDF.type)), (sub, sup)


def test_every_annotation_predicate_is_declared(g: Graph) -> None:
    predicates = {p for p in g.predicates() if not str(p).startswith(BUILT_IN)}
    undeclared = {p for p in predicates if (p, RDF.type, OWL.AnnotationProperty) not in g}
    assert undeclared == set()
