"""Vietnam's 2025 reorganisation in the reference graph (``ontology/reference/vietnam-2025.ttl``,
written by ``ontology/reference/sources/vietnam_2025.py`` from the vietnam-provinces package)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, XSD

from tests.ontology.test_reference import load, provincial_units

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "ontology" / "reference" / "sources" / "vietnam_2025.py"
BASE = "http://localhost:8000/"
ID = Namespace(BASE + "id/")
LC = Namespace("https://w3id.org/learning-cities/ontology#")
SCHEMA = Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def g() -> Graph:
    return load(BASE)


def test_34_provincial_level_units_after_1_july_2025(g: Graph) -> None:
    after = provincial_units(g, "2025-07-01")
    assert len(after) == 34
    central = {str(s).removeprefix(str(ID)) for s in after if (s, RDF.type, LC.City) in g}
    assert central == {
        "city/ha-noi",
        "city/ho-chi-minh",
        "city/hai-phong",
        "city/da-nang",
        "city/can-tho",
        "city/hue",
    }
    # the day before, Huế was already centrally run and nothing else had changed yet
    assert len(provincial_units(g, "2025-06-30")) == 63


def test_every_dissolved_unit_points_to_a_unit_that_exists_after_it(g: Graph) -> None:
    dissolved = set(g.subjects(SCHEMA.dissolutionDate, None))
    assert len(dissolved) == 29 + 1 + 4  # merged provinces, Thừa Thiên Huế, the GNLC cities
    for unit in dissolved:
        day = g.value(unit, SCHEMA.dissolutionDate)
        assert isinstance(day, Literal) and day.datatype == XSD.date, unit
        replaced_by = list(g.objects(unit, DCTERMS.isReplacedBy))
        assert replaced_by, unit
        for new in replaced_by:
            assert isinstance(new, URIRef) and (new, RDF.type, None) in g, (unit, new)
            assert g.value(new, SCHEMA.dissolutionDate) is None, (unit, new)
            founded = g.value(new, SCHEMA.foundingDate)
            assert founded is None or str(founded) <= str(day), (unit, new)
            assert (new, DCTERMS.replaces, unit) in g, (unit, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("province/ha-giang", "province/tuyen-quang"),
        ("province/binh-duong", "city/ho-chi-minh"),
        ("province/quang-nam", "city/da-nang"),
        ("province/thua-thien-hue", "city/hue"),
    ],
)
def test_spot_checks(g: Graph, old: str, new: str) -> None:
    assert (ID[old], DCTERMS.isReplacedBy, ID[new]) in g


def test_son_la_city_is_replaced_by_its_wards(g: Graph) -> None:
    wards = set(g.objects(ID["city/son-la"], DCTERMS.isReplacedBy))
    names = {str(n) for w in wards for n in g.objects(w, SCHEMA.name) if n.language == "vi"}
    assert names == {
        "Phường Tô Hiệu",
        "Phường Chiềng An",
        "Phường Chiềng Cơi",
        "Phường Chiềng Sinh",
    }
    for ward in wards:
        assert (ward, RDF.type, LC.Commune) in g
        assert str(g.value(ward, SCHEMA.foundingDate)) == "2025-07-01"
        assert (ward, SCHEMA.containedInPlace, ID["province/son-la"]) in g


def test_committed_file_is_what_the_script_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
