"""Write ``ontology/reference/vietnam-2025.ttl``: Vietnam's 2025 reorganisation of its local units.

Run ``python ontology/reference/sources/vietnam_2025.py`` to rewrite the file, ``--check`` to exit 1
when the committed file differs. Needs the ``reference`` extra (``vietnam-provinces``, which ships
its data: nothing is fetched).

- 1 January 2025: the province Thừa Thiên Huế became the centrally-run city of Huế.
- 1 July 2025 (National Assembly Resolution 202/2025/QH15 of 12 June 2025): 63 provincial-level
  units became 34; each merged unit takes the name of one of its parts (``MERGED`` below), the
  others are dissolved into it. The same day the district level (including provincial cities such
  as Sơn La city) was abolished; the cities of ``places.ttl`` are replaced by the wards formed on
  their territory (``CITY_WARDS``).

The tables are checked against the package: its 34 units must be exactly the units that remain
here, and every ward must be one of its wards in that province.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

import vietnam_provinces  # noqa: E402
from rdflib import Graph, URIRef  # noqa: E402
from rdflib.namespace import RDF, RDFS  # noqa: E402
from vietnam_provinces import Province, Ward  # noqa: E402

from kg.iris import slugify  # noqa: E402
from kg.text import fold  # noqa: E402

REFERENCE = ROOT / "ontology" / "reference"
PLACES = REFERENCE / "places.ttl"
OUTPUT = REFERENCE / "vietnam-2025.ttl"
BASE = "http://localhost:8000/"
MERGER_DAY = "2025-07-01"
HUE_DAY = "2025-01-01"
LC_PROVINCE = URIRef("https://w3id.org/learning-cities/ontology#Province")
SCHEMA_WITHIN = URIRef("https://schema.org/containedInPlace")

RESOLUTION = (
    "https://baomoi.net.vn/quoc-hoi-thong-qua-nghi-quyet-lich-su-sap-nhap-tinh-thanh-c52485428.epi"
)
PACKAGE = "https://pypi.org/project/vietnam-provinces/"
SON_LA_WARDS = (
    "https://vtcnews.vn/chi-tiet-67-xa-va-8-phuong-moi-o-son-la-sau-sap-xep-ar949329.html"
)

# The unit that keeps its name (key in places.ttl) -> the units dissolved into it.
MERGED = {
    "province/tuyen-quang": ("province/ha-giang",),
    "province/lao-cai": ("province/yen-bai",),
    "province/thai-nguyen": ("province/bac-kan",),
    "province/phu-tho": ("province/vinh-phuc", "province/hoa-binh"),
    "province/bac-ninh": ("province/bac-giang",),
    "province/hung-yen": ("province/thai-binh",),
    "city/hai-phong": ("province/hai-duong",),
    "province/ninh-binh": ("province/ha-nam", "province/nam-dinh"),
    "province/quang-tri": ("province/quang-binh",),
    "city/da-nang": ("province/quang-nam",),
    "province/quang-ngai": ("province/kon-tum",),
    "province/gia-lai": ("province/binh-dinh",),
    "province/khanh-hoa": ("province/ninh-thuan",),
    "province/lam-dong": ("province/dak-nong", "province/binh-thuan"),
    "province/dak-lak": ("province/phu-yen",),
    "city/ho-chi-minh": ("province/binh-duong", "province/ba-ria-vung-tau"),
    "province/dong-nai": ("province/binh-phuoc",),
    "province/tay-ninh": ("province/long-an",),
    "city/can-tho": ("province/soc-trang", "province/hau-giang"),
    "province/vinh-long": ("province/ben-tre", "province/tra-vinh"),
    "province/dong-thap": ("province/tien-giang",),
    "province/ca-mau": ("province/bac-lieu",),
    "province/an-giang": ("province/kien-giang",),
}
# Cities of places.ttl (district level, abolished) -> the wards formed on their territory, in the
# province that kept its name. Sa Đéc: only the ward that carries its name is recorded; the
# communes of the former city that went to other units are not.
CITY_WARDS = {
    "city/son-la": ("province/son-la", ("Tô Hiệu", "Chiềng An", "Chiềng Cơi", "Chiềng Sinh")),
    "city/vinh": (
        "province/nghe-an",
        ("Trường Vinh", "Thành Vinh", "Vinh Hưng", "Vinh Phú", "Vinh Lộc"),
    ),
    "city/cao-lanh": ("province/dong-thap", ("Cao Lãnh", "Mỹ Ngãi", "Mỹ Trà")),
    "city/sa-dec": ("province/dong-thap", ("Sa Đéc",)),
}
WARD_SOURCES = {"city/son-la": SON_LA_WARDS}


class CheckError(ValueError):
    """The tables here and the package disagree."""


def places() -> Graph:
    return Graph().parse(PLACES, format="turtle", publicID=BASE)


def vi_name(graph: Graph, key: str) -> str:
    names = [o for o in graph.objects(URIRef(BASE + "id/" + key), RDFS.label) if o.language == "vi"]
    if not names:
        raise CheckError(f"{PLACES.relative_to(ROOT)}: no {key} with a Vietnamese label")
    return str(names[0]).removeprefix("Thành phố ")


def package_units() -> dict[str, Province]:
    return {fold(p.name.removeprefix("Thành phố ")): p for p in Province.iter_all()}


def check(graph: Graph) -> list[str]:
    """The provincial units that remain after 1 July 2025, checked against the package."""
    provincial = sorted(
        str(s).removeprefix(BASE + "id/")
        for s in graph.subjects(RDF.type, LC_PROVINCE)
        if (s, SCHEMA_WITHIN, URIRef(BASE + "id/country/vietnam")) in graph
    )
    dissolved = {d for parts in MERGED.values() for d in parts} | {"province/thua-thien-hue"}
    remaining = [k for k in provincial if k not in dissolved] + ["city/hue"]
    names = {fold(vi_name(graph, k)) if k != "city/hue" else fold("Huế"): k for k in remaining}
    units = package_units()
    if set(names) != set(units):
        here, there = sorted(set(names) - set(units)), sorted(set(units) - set(names))
        raise CheckError(f"units here and in vietnam-provinces differ: {here} / {there}")
    for city, (province, wards) in CITY_WARDS.items():
        code = units[fold(vi_name(graph, province))].code
        known = {fold(w.name) for w in Ward.iter_by_province(code)}
        missing = [w for w in wards if fold(f"Phường {w}") not in known]
        if missing:
            raise CheckError(f"{city}: no ward {missing} in {province} in vietnam-provinces")
    return remaining


def ward_key(name: str) -> str:
    return "place/phuong-" + slugify(name)


def lit(text: str, lang: str) -> str:
    return f'"{text}"@{lang}'


def turtle(graph: Graph, remaining: list[str]) -> str:
    out = [
        f"""\
# Vietnam's 2025 reorganisation of its local administrative units: what was dissolved, when, and
# what replaced it. GENERATED by ontology/reference/sources/vietnam_2025.py; do not edit by hand.
# The units themselves (names, containment) are in places.ttl; this file adds their dates
# (schema:dissolutionDate, schema:foundingDate), dcterms:isReplacedBy / dcterms:replaces, the
# centrally-run city of Huế (1 January 2025) and the wards that replaced the cities of places.ttl.
# {len(remaining)} provincial-level units after {MERGER_DAY}.
#
# Sources:
# - National Assembly Resolution 202/2025/QH15 of 12 June 2025 on the arrangement of
#   provincial-level units (34 units from 1 July 2025), {RESOLUTION}
# - The units and wards as of 2025: vietnam-provinces {vietnam_provinces.__version__} (data of
#   {vietnam_provinces.__data_version__}), {PACKAGE}
# - Sơn La's wards: the Standing Committee's resolution on Sơn La's commune-level units (2025),
#   {SON_LA_WARDS}

@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
    ]
    out.append("\n# --- Provincial level " + "-" * 78 + "\n")
    out.append(
        f"""
<id/city/hue> a lc:City, lc:Province ;
    rdfs:label "Thành phố Huế"@vi, "Hue City"@en ;
    schema:name "Thành phố Huế"@vi, "Hue City"@en ;
    skos:altLabel "Huế"@vi, "thành phố Huế"@vi, "TP Huế"@vi, "TP. Huế"@vi, "Hue"@en ;
    rdfs:comment "Centrally-run city since 1 January 2025, formerly Thừa Thiên Huế."@en ;
    schema:containedInPlace <id/country/vietnam> ;
    schema:foundingDate "{HUE_DAY}"^^xsd:date ;
    dcterms:replaces <id/province/thua-thien-hue> ;
    dcterms:source <{PACKAGE}> .

<id/province/thua-thien-hue> schema:dissolutionDate "{HUE_DAY}"^^xsd:date ;
    dcterms:isReplacedBy <id/city/hue> .
"""
    )
    for kept, parts in sorted(MERGED.items()):
        joined = ", ".join(f"<id/{p}>" for p in parts)
        out.append(f"\n<id/{kept}> dcterms:replaces {joined} ;\n")
        out.append(f"    dcterms:source <{RESOLUTION}> .\n")
        for part in parts:
            out.append(
                f'\n<id/{part}> schema:dissolutionDate "{MERGER_DAY}"^^xsd:date ;\n'
                f"    dcterms:isReplacedBy <id/{kept}> ;\n"
                f"    dcterms:source <{RESOLUTION}> .\n"
            )
    out.append("\n# --- Cities of the district level and the wards that replaced them ")
    out.append("-" * 32 + "\n")
    for city, (province, wards) in sorted(CITY_WARDS.items()):
        source = WARD_SOURCES.get(city, PACKAGE)
        joined = ", ".join(f"<id/{ward_key(w)}>" for w in wards)
        out.append(
            f'\n<id/{city}> schema:dissolutionDate "{MERGER_DAY}"^^xsd:date ;\n'
            f"    dcterms:isReplacedBy {joined} ;\n"
            f"    dcterms:source <{source}> .\n"
        )
        for w in wards:
            en = " ".join(x.capitalize() for x in fold(w).split())
            out.append(
                f"\n<id/{ward_key(w)}> a lc:Commune ;\n"
                f"    rdfs:label {lit('Phường ' + w, 'vi')}, {lit(en + ' Ward', 'en')} ;\n"
                f"    schema:name {lit('Phường ' + w, 'vi')}, {lit(en + ' Ward', 'en')} ;\n"
                f"    schema:containedInPlace <id/{province}>, <id/country/vietnam> ;\n"
                f'    schema:foundingDate "{MERGER_DAY}"^^xsd:date ;\n'
                f"    dcterms:replaces <id/{city}> ;\n"
                f"    dcterms:source <{PACKAGE}> .\n"
            )
    return "".join(out)


def build() -> str:
    graph = places()
    return turtle(graph, check(graph))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not up to date")
    args = parser.parse_args(argv)
    try:
        text = build()
    except CheckError as error:
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
