"""Bugs found by reading the site as a new user would (issue 18, "Fixes"), one test each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.app import create_app
from kg.config import Settings
from kg.describe import Description
from kg.formats import TRIG
from kg.iris import IRIs
from kg.labels import Labeler
from kg.overview import class_counts, instances
from kg.pages import PageBuilder
from kg.sections import sections
from kg.store import Store
from kg.vocab import LC, SCHEMA
from tests.web.conftest import BASE, fixture_store

# What the fixture dataset lacks to show the bugs: an organisation placed in Bangkok, properties
# whose domain and range are unions (blank nodes), more initiatives than a page shows.
EXTRA = """
@prefix lc: <https://w3id.org/learning-cities/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<graph/ontology> {
  lc:Programme a owl:Class ; rdfs:subClassOf lc:Initiative ;
    rdfs:label "Programme"@en, "Chương trình"@vi .
  lc:represents a owl:ObjectProperty ; rdfs:label "represents"@en, "đại diện cho"@vi ;
    rdfs:domain lc:Participation ;
    rdfs:range [ a owl:Class ; owl:unionOf ( lc:City lc:Organization ) ] .
  lc:since a owl:DatatypeProperty ; rdfs:label "since"@en, "từ"@vi ;
    rdfs:range [ a rdfs:Datatype ; owl:unionOf ( xsd:date xsd:gYearMonth xsd:gYear ) ] .
}
<graph/article/000_demo> {
  <id/organization/seameo> a lc:Organization ; rdfs:label "SEAMEO"@en ;
    schema:location <id/city/bangkok> .
  <id/initiative/hoc-tap-cong-dong> a lc:Programme ; rdfs:label "Học tập cộng đồng"@vi ;
    lc:ledBy <id/city/son-la> .
  <id/initiative/a-1> a lc:Initiative ; rdfs:label "A 1"@vi ; lc:ledBy <id/city/son-la> .
  <id/initiative/a-2> a lc:Initiative ; rdfs:label "A 2"@vi ; lc:ledBy <id/city/son-la> .
  <id/initiative/a-3> a lc:Initiative ; rdfs:label "A 3"@vi ; lc:ledBy <id/city/son-la> .
  <id/initiative/a-4> a lc:Initiative ; rdfs:label "A 4"@vi ; lc:ledBy <id/city/son-la> .
}
"""


@pytest.fixture(scope="module")
def store() -> Store:
    store = fixture_store(BASE)
    store.load(EXTRA, format=TRIG, base_iri=BASE)
    return store


@pytest.fixture(scope="module")
def fixes(tmp_path_factory: pytest.TempPathFactory, store: Store) -> Iterator[TestClient]:
    settings = Settings(base=BASE, data_dir=tmp_path_factory.mktemp("fixes"))
    with TestClient(create_app(settings, store=store), base_url="http://kg.test") as client:
        yield client


def test_event_dates_read_start_then_end_whatever_the_store_order(store: Store) -> None:
    iri = URIRef(BASE + "id/event/hoi-nghi-asean-3-2024")
    desc = Description(iri)
    desc.out = [  # the order an index gave: end date first
        (URIRef(SCHEMA + "endDate"), Literal("2024-10-30", datatype=XSD.date)),
        (URIRef(SCHEMA + "startDate"), Literal("2024-10-29", datatype=XSD.date)),
    ]
    builder = PageBuilder(store, Labeler(store), IRIs(BASE), "en")
    dates = sections(desc, builder, "event", [], {})["dates"]
    assert [v.text for v in dates] == ["2024-10-29", "2024-10-30"]


def test_event_page_shows_start_before_end(fixes: TestClient) -> None:
    html = fixes.get("/page/event/hoi-nghi-asean-3-2024?lang=en").text
    summary = html[html.index('id="summary"') :]
    assert summary.index("2024-10-29") < summary.index("2024-10-30")


def test_class_counts_include_subclasses(store: Store) -> None:
    counts = class_counts(store)
    # Two events: a conference and a plain lc:Event; six initiatives: one a lc:Programme.
    assert counts[LC + "Event"] == 2
    assert counts[LC + "Conference"] == 1
    assert counts[LC + "Initiative"] == 6
    found = instances(store, URIRef(LC + "Event"))
    assert URIRef(BASE + "id/event/hoi-nghi-asean-3-2024") in found
    assert len(found) == len(set(found)) == 2


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Event", "hoi-nghi-asean-3-2024"), ("Initiative", "hoc-tap-cong-dong")],
)
def test_class_page_lists_instances_of_subclasses(fixes: TestClient, name: str, slug: str) -> None:
    response = fixes.get(f"/class/{name}?lang=en")
    assert response.status_code == 200
    assert f"/page/{name.lower()}/{slug}" in response.text


def test_home_links_to_events_and_initiatives(fixes: TestClient) -> None:
    html = fixes.get("/?lang=en").text
    assert 'href="/class/Event"' in html
    assert 'href="/class/Initiative"' in html


def test_ontology_usage_counts_subclass_instances(fixes: TestClient) -> None:
    html = fixes.get("/ontology?lang=en", headers={"Accept": "text/html"}).text
    row = re.search(r'<tr id="Event">.*?</tr>', html, re.S)
    assert row is not None
    assert '<a href="/class/Event">2</a>' in row.group(0)


def test_city_events_are_only_events(fixes: TestClient) -> None:
    html = fixes.get("/page/city/bangkok?lang=en").text
    events = re.search(r'<section class="events" id="events">.*?</section>', html, re.S)
    assert events is not None
    assert "/page/event/hoi-nghi-asean-3-2024" in events.group(0)
    assert "seameo" not in events.group(0)


@pytest.mark.parametrize("path", ["/queries?lang=en", "/queries?lang=vi", "/queries/01?lang=en"])
def test_queries_accept_lang(fixes: TestClient, path: str) -> None:
    response = fixes.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-language"] == path.rsplit("=", 1)[1]


def test_queries_still_refuse_unknown_parameters(fixes: TestClient) -> None:
    response = fixes.get("/queries?langue=en")
    assert response.status_code == 400
    assert "langue" in response.text


def test_run_links_ask_the_editor_to_run(fixes: TestClient) -> None:
    html = fixes.get("/queries?lang=en").text
    links = re.findall(r'href="(/sparql\?query=[^"]+)"', html)
    assert links
    for link in links:
        parts = urlsplit(link.replace("&amp;", "&"))
        assert parts.fragment == "run"
        assert parse_qs(parts.query)["query"][0].strip()


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_ontology_unions_read_a_or_b(fixes: TestClient, lang: str) -> None:
    html = fixes.get(f"/ontology?lang={lang}", headers={"Accept": "text/html"}).text
    # A blank node's id as a link was a broken link (relative to /ontology).
    assert not [h for h in _hrefs(html) if not h.startswith(("/", "#", "http://", "https://"))]
    row = re.search(r'<tr id="represents">.*?</tr>', html, re.S)
    assert row is not None
    word = "or" if lang == "en" else "hoặc"
    assert re.search(rf'href="#City">[^<]+</a> {word} <a href="#Organization"', row.group(0))
    since = re.search(r'<tr id="since">.*?</tr>', html, re.S)
    assert since is not None
    assert f"xsd:date</a> {word} " in since.group(0)


def test_ontology_table_scrolls_inside_the_page(fixes: TestClient) -> None:
    html = fixes.get("/ontology", headers={"Accept": "text/html"}).text
    assert '<div class="terms-scroll"><table class="terms">' in html
    css = fixes.get("/static/site.css").text
    assert ".terms-scroll{max-width:100%;overflow-x:auto}" in css


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/page/city/son-la",
        "/class/City",
        "/search?q=son+la",
        "/ontology",
        "/queries",
        "/sparql",
        "/void",
        "/page/city/nowhere",
    ],
)
def test_every_page_links_the_favicon(fixes: TestClient, path: str) -> None:
    html = fixes.get(path, headers={"Accept": "text/html"}).text
    assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in html


def test_favicon_is_served(fixes: TestClient) -> None:
    response = fixes.get("/static/favicon.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg")


SON_LA_SENTENCE = "Thành phố Sơn La trở thành thành viên thứ 5 của Việt Nam"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_mentioned_section_shows_the_sentences(fixes: TestClient, lang: str) -> None:
    html = fixes.get(f"/page/city/son-la?lang={lang}").text
    section = re.search(r'<section class="mentions" id="mentions">.*?</section>', html, re.S)
    assert section is not None
    assert SON_LA_SENTENCE in section.group(0)
    assert 'href="/page/article/000_demo#' in section.group(0)


def test_timeline_more_leads_to_a_timeline(fixes: TestClient) -> None:
    html = fixes.get("/page/city/son-la?lang=en").text
    assert "/page/city/son-la?" in html and "page=2" in html  # the initiatives go on
    for link in re.findall(r'href="([^"]*#timeline)"', html):
        following = fixes.get(link.replace("&amp;", "&").split("#")[0])
        assert following.status_code == 200
        assert 'id="timeline"' in following.text
    page2 = fixes.get("/page/city/son-la?lang=en&page=2").text
    assert 'id="timeline"' in page2  # the anchor a "more" could point at is always there


@pytest.mark.parametrize("value", ["city/son-la", "son-la", "id/city/son-la"])
def test_queries_page_takes_short_entity_forms(fixes: TestClient, value: str) -> None:
    response = fixes.get(f"/queries/03?city={value}&lang=en")
    assert response.status_code == 200, response.text[:300]
    assert "hoc-tap-cong-dong" in response.text  # one of Sơn La's initiatives


def test_queries_page_refuses_an_entity_not_in_the_graph(fixes: TestClient) -> None:
    response = fixes.get("/queries/03?city=son-laa")
    assert response.status_code == 400
    assert "city" in response.text and "son-laa" in response.text
