"""Write ``ontology/reference/gnlc.ttl``: the UNESCO GNLC's member cities and the year each joined.

Run ``python ontology/reference/sources/gnlc.py`` to rewrite the file, ``--check`` to exit 1 when
the committed file differs from what this script would write. The records are the table
``gnlc_members.tsv`` beside this script (one line per city and intake: year, the city as the source
names it, ISO 3166-1 country, the reference entity, a Vietnamese name, the source IRI); the
announced size of each intake is ``gnlc_intakes.tsv``. Nothing is fetched.

Every city must already be in the reference graph (``places.ttl``, or ``world.ttl``, which
``world_places.py`` fills from the same table) and lie in the country the table gives; an unknown
city, a bad year or a missing source stops the script with the file, line and column at fault.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from rdflib import Graph, Namespace, URIRef  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402

from kg.iris import is_slug, slugify  # noqa: E402

SOURCES = Path(__file__).resolve().parent
REFERENCE = SOURCES.parent
MEMBERS = SOURCES / "gnlc_members.tsv"
INTAKES = SOURCES / "gnlc_intakes.tsv"
OUTPUT = REFERENCE / "gnlc.ttl"
BASE = "http://localhost:8000/"
COLUMNS = ("year", "city", "country", "key", "vi", "source")
INTAKE_COLUMNS = (
    "date",
    "new_cities",
    "new_countries",
    "total_cities",
    "total_countries",
    "source",
)
LC = Namespace("https://w3id.org/learning-cities/ontology#")
SCHEMA = Namespace("https://schema.org/")
FIRST_YEAR = 2015  # the network opened for membership in September 2015


class TableError(ValueError):
    """A line of a source table that cannot be used; the message names file, line and column."""


@dataclass(frozen=True)
class Member:
    year: int | None  # None: the source names the city a member but not the year it joined
    city: str
    country: str  # ISO 3166-1 alpha-2
    key: str  # kind/slug of the reference entity
    vi: str  # Vietnamese name where Vietnamese media use one of their own ("" otherwise)
    source: str
    line: int

    @property
    def slug(self) -> str:
        return self.key.partition("/")[2]

    @property
    def iri_key(self) -> str:
        """``membership/...``: one node per city and intake (a city may rejoin)."""
        suffix = f"-{self.year}" if self.year is not None else ""
        return f"membership/gnlc-reference-{self.slug}{suffix}"


@dataclass(frozen=True)
class Intake:
    day: date
    new_cities: int | None
    new_countries: int | None
    total_cities: int | None
    total_countries: int | None
    source: str


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    name = path.relative_to(ROOT)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != columns:
            raise TableError(f"{name}:1: columns must be {', '.join(columns)}")
        rows = []
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise TableError(f"{name}:{reader.line_num}: expected {len(columns)} columns")
            rows.append((reader.line_num, {k: v.strip() for k, v in row.items()}))
    return rows


def _source(name: Path, line: int, value: str) -> str:
    if not value.startswith(("http://", "https://")) or " " in value:
        raise TableError(f"{name}:{line}: column source: {value!r} is not an http(s) IRI")
    return value


def _int(name: Path, line: int, column: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise TableError(f"{name}:{line}: column {column}: {value!r} is not a whole number")
    return int(value)


def load_members(path: Path = MEMBERS) -> list[Member]:
    name = path.relative_to(ROOT)
    members = []
    for line, row in _rows(path, COLUMNS):
        year = _int(name, line, "year", row["year"])
        if year is not None and not FIRST_YEAR <= year <= date.today().year:
            raise TableError(f"{name}:{line}: column year: {year} is outside {FIRST_YEAR}–today")
        if not row["city"]:
            raise TableError(f"{name}:{line}: column city is empty")
        if len(row["country"]) != 2 or not row["country"].isupper():
            raise TableError(f"{name}:{line}: column country: {row['country']!r} is no ISO code")
        key = row["key"] or "city/" + slugify(row["city"])
        kind, _, slug = key.partition("/")
        if kind != "city" or not is_slug(slug):
            raise TableError(f"{name}:{line}: column key: {key!r} is not city/<slug>")
        source = _source(name, line, row["source"])
        members.append(Member(year, row["city"], row["country"], key, row["vi"], source, line))
    seen: dict[str, int] = {}
    for m in members:
        if m.iri_key in seen:
            raise TableError(f"{name}:{m.line}: {m.key} in {m.year} repeats line {seen[m.iri_key]}")
        seen[m.iri_key] = m.line
    return members


def load_intakes(path: Path = INTAKES) -> list[Intake]:
    name = path.relative_to(ROOT)
    intakes = []
    for line, row in _rows(path, INTAKE_COLUMNS):
        try:
            day = date.fromisoformat(row["date"])
        except ValueError:
            raise TableError(f"{name}:{line}: column date: {row['date']!r} is no date") from None
        counts = [_int(name, line, c, row[c]) for c in INTAKE_COLUMNS[1:5]]
        intakes.append(Intake(day, *counts, source=_source(name, line, row["source"])))
    return sorted(intakes, key=lambda i: i.day)


def reference_graph() -> Graph:
    graph = Graph()
    for path in sorted(REFERENCE.glob("*.ttl")):
        if path != OUTPUT:
            graph.parse(path, format="turtle", publicID=BASE)
    return graph


def countries_of(graph: Graph, entity: URIRef) -> set[str]:
    """``country/<slug>`` of every lc:Country that contains the entity, at any depth."""
    found, todo, seen = set(), [entity], set()
    while todo:
        node = todo.pop()
        for up in graph.objects(node, SCHEMA.containedInPlace):
            if up in seen:
                continue
            seen.add(up)
            if (up, RDF.type, LC.Country) in graph:
                found.add(str(up).removeprefix(BASE + "id/"))
            todo.append(up)
    return found


def check_cities(members: list[Member], graph: Graph, country_key: dict[str, str]) -> None:
    """Every record's city is a reference lc:City inside the record's country."""
    problems = []
    for m in members:
        entity = URIRef(f"{BASE}id/{m.key}")
        where = f"{MEMBERS.relative_to(ROOT)}:{m.line}"
        if (entity, RDF.type, LC.City) not in graph:
            problems.append(f"{where}: {m.city}: no lc:City {m.key} in the reference graph")
        elif country_key[m.country] not in countries_of(graph, entity):
            problems.append(f"{where}: {m.city}: {m.key} is not in {country_key[m.country]}")
    if problems:
        raise TableError("\n".join(problems))


def turtle(members: list[Member], intakes: list[Intake]) -> str:
    dated = sum(m.year is not None for m in members)
    announced = sum(i.new_cities or 0 for i in intakes)
    latest = intakes[-1]
    out = [
        f"""\
# The UNESCO Global Network of Learning Cities as reference data: {len(members)} membership
# records of {len({m.key for m in members})} cities, {dated} with the year the city joined.
# GENERATED by ontology/reference/sources/gnlc.py from gnlc_members.tsv; do not edit by hand.
# PARTIAL: UNESCO announced {announced} admissions in the intakes of gnlc_intakes.tsv and
# {latest.total_cities} members after {latest.day.isoformat()}; the records below are those whose
# city, country and year could be checked against a published list (sources/README.md).
#
# Each record is an lc:ReferenceMembership (not an lc:Membership: that is a fact read from an
# article, with its passage): org:member the city, org:organization the GNLC, lc:since the year as
# the announcement gives it (no lc:since where the source does not say), dcterms:source the page.
#
# Sources: the UNESCO and UIL announcements of each intake and the reports that reproduce their
# lists, one IRI per record (dcterms:source).

@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
    ]
    order = sorted(members, key=lambda m: (m.year or 9999, m.key))
    for m in order:
        lines = [
            f"<id/{m.iri_key}> a lc:ReferenceMembership ;",
            f"    org:member <id/{m.key}> ;",
            "    org:organization <id/organization/gnlc> ;",
        ]
        if m.year is not None:
            lines.append(f'    lc:since "{m.year}"^^xsd:gYear ;')
        lines.append(f"    dcterms:source <{m.source}> .")
        out.append("\n" + "\n".join(lines) + "\n")
    return "".join(out)


def build() -> str:
    from world_places import country_key  # the gazetteer's country slugs (needs babel)

    members, intakes = load_members(), load_intakes()
    check_cities(members, reference_graph(), {m.country: country_key(m.country) for m in members})
    return turtle(members, intakes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if gnlc.ttl is not up to date")
    args = parser.parse_args(argv)
    try:
        text = build()
    except TableError as error:
        print(error, file=sys.stderr)
        return 1
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            name = OUTPUT.relative_to(ROOT)
            print(f"{name} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
