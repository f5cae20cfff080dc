"""The reference graph ``ontology/reference/*.ttl`` (also the ingest gazetteer).

Relative IRIs that follow the instance base, the 17 SDGs as the UN KOS has them, Vietnam's 63
provincial-level units, clean NFC names, only allow-listed Wikidata links, and no name shared by
two entities unless meant.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from kg.iris import KINDS, is_slug, slugify
from kg.text import tone_key

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "ontology" / "reference"
SOURCES = REFERENCE / "sources"
FILES = sorted(REFERENCE.glob("*.ttl"))
BASE = "http://localhost:8000/"
OTHER_BASE = "http://example.org/kg/"

LC = Namespace("https://w3id.org/learning-cities/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace(BASE + "id/")
WIKIDATA = "http://www.wikidata.org/entity/"
NAME_PREDICATES = (RDFS.label, SCHEMA.name, SKOS.altLabel, SKOS.prefLabel)

# The only Wikidata identifiers the reference graph may assert with owl:sameAs.
ALLOWED_SAME_AS = {
    "country/vietnam": "Q881",
    "country/thailand": "Q869",
    "country/saudi-arabia": "Q851",
    "country/finland": "Q33",
    "organization/unesco": "Q7809",
    "city/ho-chi-minh": "Q1854",
    "city/bangkok": "Q1861",
    "organization/asean": "Q7768",
}
# Names deliberately shared by two entities (compared case- and tone-insensitively). The bare
# "Sơn La" is both the province and its capital city; the ingest linker decides by context
# ("thành phố Sơn La" -> the city, "tỉnh Sơn La" -> the province).
SHARED_NAMES = {
    tone_key("Sơn La"): {"province/son-la", "city/son-la"},
    tone_key("Son La"): {"province/son-la", "city/son-la"},
}
KIND_OF_CLASS = {
    LC.City: "city",
    LC.Province: "province",
    LC.Country: "country",
    LC.Region: "place",
    LC.Commune: "place",
    LC.Organization: "organization",
    LC.Network: "organization",
    LC.SustainableDevelopmentGoal: "sdg",
    LC.SDGTarget: "sdg",
}
# Identities only: a predicate outside this list would be a news fact or a typo.
ALLOWED_PREDICATES = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SCHEMA.name,
    SKOS.altLabel,
    SKOS.prefLabel,
    SKOS.definition,
    SKOS.notation,
    SKOS.inScheme,
    SKOS.topConceptOf,
    SKOS.hasTopConcept,
    SKOS.broader,
    SKOS.narrower,
    SKOS.exactMatch,
    SKOS.closeMatch,
    DCTERMS.source,
    DCTERMS.description,
    OWL.sameAs,
    SCHEMA.containedInPlace,
    SCHEMA.url,
    SCHEMA.location,
    SCHEMA.areaServed,
    SCHEMA.parentOrganization,
    ORG.subOrganizationOf,
    SCHEMA.geo,  # world.ttl: coordinates of cities, from GeoNames
    SCHEMA.latitude,
    SCHEMA.longitude,
    # gnlc.ttl: the network's own record of its members (lc:ReferenceMembership), each sourced
    ORG.member,
    ORG.organization,
    LC.since,
    # vietnam-2025.ttl: the 2025 reorganisation of Vietnam's local units
    SCHEMA.foundingDate,
    SCHEMA.dissolutionDate,
    DCTERMS.isReplacedBy,
    DCTERMS.replaces,
}
GEONAMES = "https://sws.geonames.org/"


def load(base: str) -> Graph:
    graph = Graph()
    for path in FILES:
        graph.parse(path, format="turtle", publicID=base)
    return graph


@pytest.fixture(scope="module")
def g() -> Graph:
    return load(BASE)


def key(iri: URIRef) -> str:
    """``kind/slug`` of an instance IRI under the default base."""
    assert iri.startswith(ID), iri
    return iri[len(ID) :]


def entities(g: Graph) -> set[URIRef]:
    """Typed instances, not their coordinate nodes (``<id/city/SLUG#geo>``, in world.ttl)."""
    return {
        s
        for s in g.subjects(RDF.type, None)
        if isinstance(s, URIRef)
        and s.startswith(ID)
        and "#" not in s
        and (s, RDF.type, LC.ReferenceMembership) not in g  # records, not named entities
    }


def names(g: Graph, entity: URIRef) -> list[Literal]:
    return [o for p in NAME_PREDICATES for o in g.objects(entity, p)]


def tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# --- files and the instance base ---------------------------------------------------------------


def test_expected_files() -> None:
    assert {p.name for p in FILES} >= {"sdgs.ttl", "places.ttl", "organizations.ttl"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_relative_and_documented(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "Sources:" in text.split("@prefix")[0]
    directives = [
        line for line in text.splitlines() if line.lstrip().lower().startswith(("@base", "base "))
    ]
    assert directives == [] and "<http://localhost" not in text


def test_iris_follow_the_base() -> None:
    default, other = load(BASE), load(OTHER_BASE)
    assert len(default) == len(other) > 1500
    for graph, base in ((default, BASE), (other, OTHER_BASE)):
        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
        local = {s for s in subjects if not s.startswith(str(LC))}
        assert local and all(s.startswith(base + "id/") for s in local)
    moved = {URIRef(str(s).replace(OTHER_BASE, BASE)) for s in other.subjects()}
    assert moved == set(default.subjects())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pyoxigraph_resolves_against_the_base(path: Path) -> None:
    quads = list(
        pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=OTHER_BASE)
    )
    assert quads
    subjects = {q.subject.value for q in quads if isinstance(q.subject, pyoxigraph.NamedNode)}
    assert all(s.startswith((OTHER_BASE + "id/", str(LC))) for s in subjects)


def test_iris_are_kind_and_slug(g: Graph) -> None:
    for entity in entities(g):
        kind, _, slug = key(entity).partition("/")
        assert kind in KINDS and is_slug(slug), entity
        expected = {KIND_OF_CLASS[c] for c in g.objects(entity, RDF.type) if c in KIND_OF_CLASS}
        assert kind in expected, (entity, expected)


def test_place_slugs_come_from_their_names(g: Graph) -> None:
    for entity in entities(g):
        kind, _, slug = key(entity).partition("/")
        in_vietnam = (entity, SCHEMA.containedInPlace, ID["country/vietnam"]) in g
        if kind in {"province", "city"} and in_vietnam:
            vi = next(str(n) for n in g.objects(entity, SCHEMA.name) if n.language == "vi")
            assert slugify(vi.removeprefix("Thành phố ")) == slug, (entity, vi)
        elif kind == "country":
            en = next(str(n) for n in g.objects(entity, SCHEMA.name) if n.language == "en")
            assert slugify(en) == slug, (entity, en)


def test_identities_only(g: Graph) -> None:
    """No facts read from the news: the GNLC's members are the network's own record of them."""
    assert set(g.predicates()) <= ALLOWED_PREDICATES
    for cls in (LC.Membership, LC.Participation, LC.Statistic, LC.Event, LC.Person):
        assert not list(g.subjects(RDF.type, cls))
    for record in g.subjects(RDF.type, LC.ReferenceMembership):
        assert g.value(record, DCTERMS.source) is not None, record


# --- names ---------------------------------------------------------------------------------------


def test_all_text_is_nfc(g: Graph) -> None:
    literals = [o for o in g.objects() if isinstance(o, Literal)]
    assert [o for o in literals if unicodedata.normalize("NFC", str(o)) != str(o)] == []


def test_every_entity_is_named_in_both_languages(g: Graph) -> None:
    for entity in entities(g):
        assert {n.language for n in g.objects(entity, RDFS.label)} == {"en", "vi"}, entity
        for name in names(g, entity):
            assert name.language in {"en", "vi"} and str(name).strip() == str(name), (entity, name)


def test_no_name_is_shared_unless_intended(g: Graph) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities(g):
        for name in names(g, entity):
            owners[tone_key(str(name))].add(key(entity))
    shared = {name: who for name, who in owners.items() if len(who) > 1}
    assert shared == SHARED_NAMES


SEED_SPELLINGS = {
    "TP.HCM": "city/ho-chi-minh",
    "TPHCM": "city/ho-chi-minh",
    "TP HCM": "city/ho-chi-minh",
    "TP Hồ Chí Minh": "city/ho-chi-minh",
    "TP. Hồ Chí Minh": "city/ho-chi-minh",
    "Thành phố Hồ Chí Minh": "city/ho-chi-minh",
    "thành phố Hồ Chí Minh": "city/ho-chi-minh",
    "Sài Gòn": "city/ho-chi-minh",
    "Thành phố Sơn La": "city/son-la",
    "thành phố Sơn La": "city/son-la",
    "TP Sơn La": "city/son-la",
    "TP. Sơn La": "city/son-la",
    "tỉnh Sơn La": "province/son-la",
    "TP.Đà Nẵng": "city/da-nang",
    "TP Hải Phòng": "city/hai-phong",
    "Bangkok": "city/bangkok",
    "Thái Lan": "country/thailand",
    "Phần Lan": "country/finland",
    "Ả Rập Xê Út": "country/saudi-arabia",
    "Saudi Arabia": "country/saudi-arabia",
    "Trung Quốc": "country/china",
    "Nhật Bản": "country/japan",
    "Hàn Quốc": "country/south-korea",
    "Việt Nam": "country/vietnam",
    "Đông Nam Á": "place/south-east-asia",
    "ASEAN+3": "place/asean-plus-3",
    "ASEAN": "organization/asean",
    "UNESCO": "organization/unesco",
    "Văn phòng khu vực UNESCO tại Bangkok": "organization/unesco-bangkok",
    "UNESCO Bangkok": "organization/unesco-bangkok",
    "UIL": "organization/unesco-uil",
    "Mạng lưới thành phố học tập toàn cầu của UNESCO": "organization/gnlc",
    "Mạng lưới thành phố học tập toàn cầu UNESCO": "organization/gnlc",
    "Mạng lưới thành phố học tập toàn cầu": "organization/gnlc",
    "mạng lưới Thành phố học tập toàn cầu": "organization/gnlc",
    "GNLC": "organization/gnlc",
    "Bộ Giáo dục Đại học, Khoa học, Nghiên cứu và Đổi mới": "organization/mhesi",
    "Bộ Giáo dục và Đào tạo": "organization/moet",
    "Bộ GD&ĐT": "organization/moet",
    "Bộ GDĐT": "organization/moet",
    "Sở Giáo dục và Đào tạo TP.HCM": "organization/hcmc-doet",
    "thành uỷ thành phố Sơn La": "organization/son-la-city-party-committee",
    "Khánh Hoà": "province/khanh-hoa",
    "Thanh Hoá": "province/thanh-hoa",
    "Hoà Bình": "province/hoa-binh",
    "Bà Rịa - Vũng Tàu": "province/ba-ria-vung-tau",
    "Giáo dục chất lượng": "sdg/4",
    "SDG 11": "sdg/11",
    "Các thành phố và cộng đồng bền vững": "sdg/11",
}


@pytest.mark.parametrize("spelling", sorted(SEED_SPELLINGS))
def test_news_spelling_finds_its_entity(g: Graph, spelling: str) -> None:
    wanted = tone_key(spelling)
    found = {key(e) for e in entities(g) if wanted in {tone_key(str(n)) for n in names(g, e)}}
    assert found == {SEED_SPELLINGS[spelling]}


def test_same_as_only_allow_listed(g: Graph) -> None:
    """Wikidata: only the allow-list; GeoNames: the features world.ttl takes from GeoNames."""
    pairs = list(g.subject_objects(OWL.sameAs))
    assert all(str(o).startswith((WIKIDATA, GEONAMES)) for _, o in pairs)
    links = {key(s): str(o).removeprefix(WIKIDATA) for s, o in pairs if str(o).startswith(WIKIDATA)}
    assert links == ALLOWED_SAME_AS


# --- places ----------------------------------------------------------------------------------


def provincial_units(g: Graph, on: str) -> set[URIRef]:
    """Vietnam's provincial-level units that existed on the day ``on`` (ISO date)."""
    return {
        s
        for s in g.subjects(SCHEMA.containedInPlace, ID["country/vietnam"])
        if (s, RDF.type, LC.Province) in g
        and str(g.value(s, SCHEMA.foundingDate) or "0000") <= on
        and str(g.value(s, SCHEMA.dissolutionDate) or "9999") > on
    }


def test_vietnam_had_63_provincial_level_units_in_2024(g: Graph) -> None:
    units = provincial_units(g, "2024-10-01")
    assert len(units) == 63
    central = {key(s) for s in units if (s, RDF.type, LC.City) in g}
    assert central == {
        "city/ha-noi",
        "city/ho-chi-minh",
        "city/hai-phong",
        "city/da-nang",
        "city/can-tho",
    }


@pytest.mark.parametrize(
    ("iri", "vi"),
    [
        ("province/ba-ria-vung-tau", "Bà Rịa \u2013 Vũng Tàu"),  # with an en dash
        ("province/thua-thien-hue", "Thừa Thiên Huế"),
        ("province/dak-lak", "Đắk Lắk"),
        ("province/dak-nong", "Đắk Nông"),
        ("province/khanh-hoa", "Khánh Hòa"),
        ("province/hoa-binh", "Hòa Bình"),
        ("province/thanh-hoa", "Thanh Hóa"),
        ("province/bac-kan", "Bắc Kạn"),
        ("city/ho-chi-minh", "Thành phố Hồ Chí Minh"),
        ("city/da-nang", "Đà Nẵng"),
    ],
)
def test_vietnamese_names_carry_their_diacritics(g: Graph, iri: str, vi: str) -> None:
    assert Literal(vi, lang="vi") in set(g.objects(ID[iri], RDFS.label))


@pytest.mark.parametrize(
    ("city", "within"),
    [
        ("city/son-la", "province/son-la"),
        ("city/sa-dec", "province/dong-thap"),
        ("city/cao-lanh", "province/dong-thap"),
        ("city/vinh", "province/nghe-an"),
        ("city/bangkok", "country/thailand"),
        ("country/vietnam", "place/south-east-asia"),
        ("country/japan", "place/asean-plus-3"),
    ],
)
def test_containment(g: Graph, city: str, within: str) -> None:
    assert (ID[city], SCHEMA.containedInPlace, ID[within]) in g


def test_asean_plus_3_has_13_countries(g: Graph) -> None:
    members = set(g.subjects(SCHEMA.containedInPlace, ID["place/asean-plus-3"]))
    assert len(members) == 13
    assert all((m, RDF.type, LC.Country) in g for m in members)


# --- organisations ----------------------------------------------------------------------------


def test_organisation_hierarchy(g: Graph) -> None:
    assert (ID["organization/gnlc"], RDF.type, LC.Network) in g
    for unit in ("unesco-uil", "unesco-bangkok"):
        assert (ID[f"organization/{unit}"], ORG.subOrganizationOf, ID["organization/unesco"]) in g
    assert (ID["organization/gnlc"], ORG.subOrganizationOf, ID["organization/unesco-uil"]) in g


# --- SDGs ----------------------------------------------------------------------------------------


def test_seventeen_goals_as_in_the_un_kos(g: Graph) -> None:
    goals = set(g.subjects(RDF.type, LC.SustainableDevelopmentGoal))
    assert len(goals) == 17
    for row in tsv("sdg_goals.tsv"):
        number = row["iri"].rsplit("/", 1)[1]
        goal = ID[f"sdg/{number}"]
        assert goal in goals
        assert str(g.value(goal, SKOS.notation)) == number
        assert (goal, SKOS.inScheme, LC.SDGs) in g and (goal, SKOS.topConceptOf, LC.SDGs) in g
        labels = {n.language: str(n) for n in g.objects(goal, SKOS.prefLabel)}
        assert set(labels) == {"en", "vi"} and labels["en"] == row["short_label(altLabel@en)"]
        assert str(g.value(goal, SKOS.definition)) == row["prefLabel@en"]
        assert set(g.objects(goal, SKOS.exactMatch)) == {
            URIRef(row["iri"]),
            URIRef(WIKIDATA + row["wikidata"]),
        }
        assert (goal, SKOS.closeMatch, URIRef(row["sdgio"])) in g
        assert {n.language for n in g.objects(goal, RDFS.label)} == {"en", "vi"}
        assert Literal(f"SDG {number}", lang="en") in set(g.objects(goal, SKOS.altLabel))
        assert Literal(f"Mục tiêu {number}", lang="vi") in set(g.objects(goal, SKOS.altLabel))
        assert (goal, DCTERMS.source, URIRef("http://metadata.un.org/sdg/")) in g


def test_vietnamese_names_of_goals_4_and_11(g: Graph) -> None:
    def vi(n: int) -> str:
        return next(str(x) for x in g.objects(ID[f"sdg/{n}"], SKOS.prefLabel) if x.language == "vi")

    assert vi(4) == "Giáo dục có chất lượng"
    assert vi(11) == "Các thành phố và cộng đồng bền vững"
    assert len({vi(n) for n in range(1, 18)}) == 17


def test_targets_of_goals_4_and_11(g: Graph) -> None:
    rows = tsv("sdg_targets_4_11.tsv")
    targets = set(g.subjects(RDF.type, LC.SDGTarget))
    assert len(targets) == len(rows) == 20
    for row in rows:
        code = row["iri"].rsplit("/", 1)[1]
        target = ID["sdg/" + code.replace(".", "-")]
        goal = ID["sdg/" + code.split(".")[0]]
        assert target in targets
        assert str(g.value(target, SKOS.notation)) == code
        assert (target, SKOS.broader, goal) in g and (goal, SKOS.narrower, target) in g
        assert (target, SKOS.exactMatch, URIRef(row["iri"])) in g
        assert (target, SKOS.inScheme, LC.SDGs) in g
        assert Literal(row["prefLabel@en"], lang="en") in set(g.objects(target, SKOS.prefLabel))
