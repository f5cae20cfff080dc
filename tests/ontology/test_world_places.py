"""The generated world gazetteer ``ontology/reference/world.ttl`` (see
``ontology/reference/sources/world_places.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "ontology" / "reference"
WORLD = REFERENCE / "world.ttl"
SCRIPT = REFERENCE / "sources" / "world_places.py"
BASE = "http://localhost:8000/"
LC = Namespace("https://w3id.org/learning-cities/ontology#")
SCHEMA = Namespace("https://schema.org/")
ID = Namespace(BASE + "id/")
GEONAMES = "https://sws.geonames.org/"
GEONAMES_SITE = "https://www.geonames.org/"


@pytest.fixture(scope="module")
def world() -> Graph:
    return Graph().parse(WORLD, format="turtle", publicID=BASE)


@pytest.fixture(scope="module")
def places() -> Graph:
    return Graph().parse(REFERENCE / "places.ttl", format="turtle", publicID=BASE)


def test_counts(world: Graph) -> None:
    assert len(set(world.subjects(RDF.type, LC.City))) >= 800
    assert len(set(world.subjects(RDF.type, LC.Country))) >= 200


def test_every_city_is_complete(world: Graph) -> None:
    for city in world.subjects(RDF.type, LC.City):
        assert {n.language for n in world.objects(city, RDFS.label)} == {"en", "vi"}, city
        within = set(world.objects(city, SCHEMA.containedInPlace))
        assert any("/id/country/" in str(w) for w in within), city
        sources = {str(s) for s in world.objects(city, DCTERMS.source)}
        if GEONAMES_SITE not in sources:
            # a GNLC member GeoNames does not list: named from its announcement, nothing more
            assert sources and world.value(city, SCHEMA.geo) is None, city
            assert not list(world.objects(city, OWL.sameAs)), city
            continue
        geo = world.value(city, SCHEMA.geo)
        assert isinstance(geo, URIRef) and str(geo) == f"{city}#geo"
        assert (geo, RDF.type, SCHEMA.GeoCoordinates) in world
        lat, lon = world.value(geo, SCHEMA.latitude), world.value(geo, SCHEMA.longitude)
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, city
        assert [str(o) for o in world.objects(city, OWL.sameAs) if str(o).startswith(GEONAMES)]


def test_every_country_is_complete(world: Graph) -> None:
    for country in world.subjects(RDF.type, LC.Country):
        assert {n.language for n in world.objects(country, RDFS.label)} == {"en", "vi"}, country
        assert [str(o) for o in world.objects(country, OWL.sameAs) if str(o).startswith(GEONAMES)]


def test_no_blank_nodes(world: Graph) -> None:
    assert all(isinstance(t, (URIRef, Literal)) for triple in world for t in triple)


def test_no_slug_collides_with_places(world: Graph, places: Graph) -> None:
    def subjects(g: Graph) -> set[str]:
        return {str(s) for s in g.subjects() if str(s).startswith(str(ID))}

    assert subjects(world) & subjects(places) == set()
    # Containment points only at places that exist.
    known = subjects(world) | subjects(places)
    assert {str(o) for o in world.objects(None, SCHEMA.containedInPlace)} <= known


@pytest.mark.parametrize(
    ("entity", "vi", "within"),
    [
        ("city/nanjing", "Nam Kinh", "country/china"),
        ("city/ha-long", "Hạ Long", "province/quang-ninh"),
        ("city/espoo", "Espoo", "country/finland"),
        ("city/thai-nguyen", "Thành phố Thái Nguyên", "province/thai-nguyen"),
        ("country/germany", "Cộng hòa Liên bang Đức", None),
    ],
)
def test_spot_checks(world: Graph, entity: str, vi: str, within: str | None) -> None:
    assert Literal(vi, lang="vi") in set(world.objects(ID[entity], RDFS.label))
    if within:
        assert (ID[entity], SCHEMA.containedInPlace, ID[within]) in world


def test_finland_stays_in_places(world: Graph, places: Graph) -> None:
    assert Literal("Phần Lan", lang="vi") in set(places.objects(ID["country/finland"], RDFS.label))
    assert (ID["country/finland"], None, None) not in world


def test_committed_file_is_what_the_script_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
