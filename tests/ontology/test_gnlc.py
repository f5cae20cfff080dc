"""The GNLC as reference data (``ontology/reference/gnlc.ttl``, written by
``ontology/reference/sources/gnlc.py`` from ``gnlc_members.tsv``; intakes in ``gnlc_intakes.tsv``)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, XSD

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "ontology" / "reference" / "sources"
sys.path.insert(0, str(SOURCES))

from gnlc import TableError, load_intakes, load_members  # noqa: E402

from tests.ontology.test_reference import load  # noqa: E402

BASE = "http://localhost:8000/"
ID = Namespace(BASE + "id/")
LC = Namespace("https://w3id.org/learning-cities/ontology#")
SCHEMA = Namespace("https://schema.org/")
GNLC = ID["organization/gnlc"]
# The intakes whose full list of cities could be read in a published source; the others are
# recorded in part (sources/README.md says which cities are missing).
COMPLETE_INTAKES: set[int] = set()


@pytest.fixture(scope="module")
def g() -> Graph:
    return load(BASE)


def records(g: Graph) -> list[URIRef]:
    return [r for r in g.subjects(RDF.type, LC.ReferenceMembership) if isinstance(r, URIRef)]


def joined(g: Graph) -> Counter[int]:
    years = (g.value(r, LC.since) for r in records(g))
    return Counter(int(str(y)) for y in years if y is not None)


def test_every_record_is_a_sourced_membership_of_a_city(g: Graph) -> None:
    assert len(records(g)) == len(load_members()) > 150
    for record in records(g):
        assert g.value(record, ORG.organization) == GNLC, record
        city = g.value(record, ORG.member)
        assert (city, RDF.type, LC.City) in g, record
        source = g.value(record, DCTERMS.source)
        assert isinstance(source, URIRef) and str(source).startswith("http"), record
        since = g.value(record, LC.since)
        assert since is None or (isinstance(since, Literal) and since.datatype == XSD.gYear)


def test_every_member_city_lies_in_a_country(g: Graph) -> None:
    query = """
        SELECT ?city WHERE {
          ?r a lc:ReferenceMembership ; org:member ?city .
          FILTER NOT EXISTS { ?city schema:containedInPlace+ ?c . ?c a lc:Country }
        }"""
    orphans = list(g.query(query, initNs={"lc": LC, "org": ORG, "schema": SCHEMA}))
    assert orphans == []


def test_intakes_as_published() -> None:
    """UNESCO's own figures are consistent: each total is the last plus the intake, less the
    cities that left (never more than the intake)."""
    intakes = load_intakes()
    assert [(i.day.isoformat(), i.new_cities, i.total_cities) for i in intakes][-4:] == [
        ("2020-09-23", 55, 230),
        ("2022-09-02", 77, 294),
        ("2024-02-14", 64, 356),
        ("2025-12-04", 72, 425),
    ]
    pairs = list(itertools.pairwise(intakes))
    checked = [(a, b) for a, b in pairs if a.total_cities and b.total_cities and b.new_cities]
    assert len(checked) == 3
    for before, after in checked:
        assert after.total_cities and before.total_cities and after.new_cities
        assert 0 < after.total_cities - before.total_cities <= after.new_cities


def test_counts_per_intake_year_stay_within_what_unesco_announced(g: Graph) -> None:
    announced = {i.day.year: i.new_cities for i in load_intakes() if i.new_cities}
    counted = joined(g)
    assert set(counted) <= set(announced) | {2016}
    for year, count in counted.items():
        if year in announced:
            assert count <= announced[year], year
        if year in COMPLETE_INTAKES:
            assert count == announced[year], year
    # what the published lists let us check (sources/README.md)
    assert counted == {2016: 4, 2019: 12, 2020: 3, 2022: 47, 2024: 36, 2025: 27}
    latest = load_intakes()[-1]
    assert len({g.value(r, ORG.member) for r in records(g)}) <= (latest.total_cities or 0)


def test_vietnam_has_six_members_in_order(g: Graph) -> None:
    vietnam = sorted(
        (int(str(g.value(r, LC.since))), str(g.value(r, ORG.member)).removeprefix(str(ID)))
        for r in records(g)
        if (g.value(r, ORG.member), SCHEMA.containedInPlace, ID["country/vietnam"]) in g
    )
    assert vietnam == [
        (2020, "city/sa-dec"),
        (2020, "city/vinh"),
        (2022, "city/cao-lanh"),
        (2024, "city/ho-chi-minh"),
        (2024, "city/son-la"),
        (2025, "city/ha-noi"),
    ]


def test_vietnamese_names_of_member_cities(g: Graph) -> None:
    for slug, vi in (("nanjing", "Nam Kinh"), ("suzhou", "Tô Châu"), ("beijing", "Bắc Kinh")):
        assert Literal(vi, lang="vi") in set(g.objects(ID[f"city/{slug}"], SCHEMA.name)), slug


def test_bad_table_is_refused_naming_line_and_column(tmp_path: Path) -> None:
    table = SOURCES / "gnlc_members.tsv"
    bad = table.read_text(encoding="utf-8").replace("\t2024\t", "\t", 0)
    lines = bad.splitlines()
    lines[2] = "20x9" + lines[2][4:]
    path = SOURCES / "gnlc_members.bad.tsv"
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(TableError, match=r"gnlc_members\.bad\.tsv:3: column year"):
            load_members(path)
    finally:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("script", ["gnlc.py"])
def test_committed_file_is_what_the_script_writes(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SOURCES / script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
