"""Dereferencing, RDF documents and entity pages over the fixture dataset."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.app import create_app
from kg.config import Settings
from tests.web.conftest import BASE, fixture_store

LC = "https://w3id.org/learning-cities/ontology#"
SON_LA = URIRef(BASE + "id/city/son-la")
PASSAGE_1 = URIRef(BASE + "id/passage/000_demo-1")


def _graph(client: TestClient, path: str, fmt: str) -> Graph:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.content, format=fmt, publicID=BASE)


def test_303_is_followed_to_turtle_about_the_entity(client: TestClient) -> None:
    response = client.get("/id/city/son-la", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (SON_LA, RDF.type, URIRef(LC + "City")) in graph


@pytest.mark.parametrize(
    ("ext", "fmt"), [("ttl", "turtle"), ("nt", "nt"), ("rdf", "xml"), ("jsonld", "json-ld")]
)
def test_data_documents_are_isomorphic_across_formats(
    client: TestClient, ext: str, fmt: str
) -> None:
    reference = _graph(client, "/data/city/son-la.ttl", "turtle")
    graph = _graph(client, f"/data/city/son-la.{ext}", fmt)
    assert len(graph) == len(reference) > 20
    assert graph.isomorphic(reference)


def test_data_has_outgoing_incoming_labels_and_sources(client: TestClient) -> None:
    g = _graph(client, "/data/city/son-la.ttl", "turtle")
    assert (SON_LA, RDFS.label, Literal("Sơn La", lang="vi")) in g
    membership = URIRef(BASE + "id/membership/son-la-gnlc")
    gnlc = URIRef(BASE + "id/organization/gnlc")
    # incoming link, the whole fact node, the label of what the fact links to
    assert (membership, URIRef("http://www.w3.org/ns/org#member"), SON_LA) in g
    assert (membership, URIRef("http://www.w3.org/ns/org#organization"), gnlc) in g
    assert (gnlc, RDFS.label, Literal("UNESCO Global Network of Learning Cities", lang="en")) in g
    assert (URIRef(BASE + "id/initiative/hoc-tap-suot-doi"), URIRef(LC + "ledBy"), SON_LA) in g
    # the passage supporting the fact, with its text and article
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    anchor = g.value(PASSAGE_1, URIRef(nif + "anchorOf"))
    assert anchor is not None and str(anchor).startswith("Thành phố Sơn La trở thành")
    assert g.value(PASSAGE_1, URIRef(nif + "referenceContext")) == URIRef(
        BASE + "id/article/000_demo"
    )


def test_turtle_is_grouped_by_subject_with_the_prefixes_it_uses(client: TestClient) -> None:
    text = client.get("/data/city/son-la.ttl").text
    assert client.get("/data/city/son-la.ttl").text == text  # the same bytes every time
    declared = dict(re.findall(r"^@prefix (\w+): <([^>]+)> \.$", text, flags=re.MULTILINE))
    assert declared["lc"] == LC and declared["rdfs"] == str(RDFS)
    body = text.split("\n", len(declared))[-1]
    for prefix in declared:  # every declared prefix is used, and only those
        assert f"{prefix}:" in body
    assert "void:" not in text and "dcat:" not in text
    # One statement block per subject: the entity is written as a subject once.
    subject_lines = [line for line in body.splitlines() if line.startswith(f"<{SON_LA}>")]
    assert len(subject_lines) == 1


@pytest.mark.parametrize("predicate", ["http://example.org/p#", "http://example.org/2024"])
def test_a_predicate_rdfxml_cannot_write_is_a_406_not_broken_xml(
    web_settings: Settings, predicate: str
) -> None:
    store = fixture_store(BASE)
    store.add([(SON_LA, URIRef(predicate), Literal("v"))], graph=BASE + "graph/extra")
    with TestClient(create_app(web_settings, store=store)) as client:
        response = client.get("/data/city/son-la.rdf")
        assert response.status_code == 406
        assert f"RDF/XML cannot write the predicate <{predicate}>" in response.text
        turtle = _graph(client, "/data/city/son-la.ttl", "turtle")
        assert (SON_LA, URIRef(predicate), Literal("v")) in turtle


def test_jsonld_is_compacted_with_the_published_context(client: TestClient) -> None:
    doc = client.get("/data/city/son-la.jsonld").json()
    published = client.get("/context.jsonld").json()["@context"]
    assert doc["@context"] == published
    assert published["lc"] == LC
    assert "lc:City" in json.dumps(doc, ensure_ascii=False)


def test_unknown_and_odd_paths_are_404_never_500(client: TestClient) -> None:
    for path in (
        "/id/city/nowhere",
        "/id/unknown-kind/son-la",
        "/id/city/a%2Fb",
        "/id/city/%3Cscript%3E",
        "/page/city/..",
        "/data/city/son-la.exe",
        "/page/city/" + "x" * 300,
        "/class/NoSuchClass",
        "/class/%20",
    ):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 404, path


def test_404_helps_humans_and_stays_plain_for_rdf_clients(client: TestClient) -> None:
    html = client.get("/id/city/son", headers={"Accept": "text/html"})
    assert html.status_code == 404
    assert 'href="/page/city/son-la"' in html.text  # a search suggestion
    plain = client.get("/id/city/son", headers={"Accept": "text/turtle"})
    assert plain.status_code == 404
    assert plain.headers["content-type"].startswith("text/plain")


def test_head_etag_and_conditional_requests(client: TestClient) -> None:
    for path in ("/id/city/son-la", "/page/city/son-la", "/data/city/son-la.ttl"):
        first = client.get(path, follow_redirects=False)
        etag = first.headers["etag"]
        assert first.headers["cache-control"].startswith("public")
        head = client.head(path, follow_redirects=False)
        assert head.status_code == first.status_code
        again = client.get(path, headers={"If-None-Match": etag}, follow_redirects=False)
        assert again.status_code == 304
        assert again.content == b""
    ttl = client.get(
        "/id/city/son-la", headers={"Accept": "text/turtle"}, follow_redirects=False
    ).headers["etag"]
    html = client.get(
        "/id/city/son-la", headers={"Accept": "text/html"}, follow_redirects=False
    ).headers["etag"]
    assert ttl != html  # one ETag per representation


def test_page_links_its_rdf_twins(client: TestClient) -> None:
    response = client.get("/page/city/son-la", headers={"Accept-Language": "en"})
    link = response.headers["link"]
    for ext, media in (
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
    ):
        assert f'</data/city/son-la.{ext}>; rel="alternate"; type="{media}"' in link
        assert (
            f'<link rel="alternate" type="{media}" href="/data/city/son-la.{ext}"' in response.text
        )
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    assert data["@type"] == "City" and data["@id"] == str(SON_LA) and data["name"] == "Son La"


def test_literal_with_script_is_shown_as_text(client: TestClient) -> None:
    text = client.get("/page/city/son-la").text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert embedded is not None and "<script>" not in embedded.group(1)


def test_city_page_sections_labels_and_sources(client: TestClient) -> None:
    text = client.get("/page/city/son-la?lang=en").text
    assert '<span lang="en">Son La</span>' in text
    assert '<span class="other-label" lang="vi">Sơn La</span>' in text
    assert 'class="memberships"' in text and 'class="timeline"' in text
    # properties named by their ontology labels, not raw IRIs
    assert ">contained in place</a>" in text
    # linked entities by label; the fact quotes its sentence and links to it in the reader
    assert ">UNESCO Global Network of Learning Cities</a>" in text
    assert 'href="/page/article/000_demo#s-0"' in text
    assert "<q>Thành phố Sơn La trở thành thành viên thứ 5" in text
    # incoming links (LodView) and a SPARQL link that opens the editor
    assert 'id="incoming"' in text and ">Lifelong learning</a>" in text
    assert 'href="/sparql?query=CONSTRUCT' in text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/page/person/ha-trung-chien?lang=en",
            ['class="posts"', "Bí thư Thành uỷ Sơn La", ">ASEAN+3 Learning Cities Conference</a>"],
        ),
        (
            "/page/event/hoi-nghi-asean-3-2024?lang=en",
            ["2024-10-29", ">Bangkok</a>", ">Hà Trung Chiến</a>", ">Phiên chia sẻ kinh nghiệm</a>"],
        ),
        (
            "/page/sdg/4?lang=en",
            ['class="addressed-by"', ">Lifelong learning</a>", "http://metadata.un.org/sdg/4"],
        ),
    ],
)
def test_kind_specific_templates(client: TestClient, path: str, expected: list[str]) -> None:
    text = client.get(path).text
    for piece in expected:
        assert piece in text, piece


def test_language_switch_cookie_and_fallback(client: TestClient) -> None:
    vi = client.get("/page/city/son-la", headers={"Accept-Language": "vi"})
    assert '<html lang="vi">' in vi.text and "Dữ kiện và nguồn" in vi.text
    en = client.get("/page/city/son-la?lang=en")
    assert '<html lang="en">' in en.text and "Facts and sources" in en.text
    assert "lang=en" in en.headers.get("set-cookie", "")
    remembered = client.get("/page/city/son-la", headers={"Accept-Language": "vi"})
    assert '<html lang="en">' in remembered.text  # the cookie set by ?lang=en wins
    client.cookies.clear()
    odd = client.get("/page/city/son-la?lang=xx", headers={"Accept-Language": "vi"})
    assert odd.status_code == 200 and '<html lang="vi">' in odd.text
    # no English label: falls back to the Vietnamese one
    person = client.get("/page/person/ha-trung-chien?lang=en").text
    assert '<span lang="vi">Hà Trung Chiến</span>' in person


def test_unlabelled_fact_nodes_get_a_readable_name(client: TestClient) -> None:
    text = client.get("/page/membership/son-la-gnlc?lang=vi").text
    assert '<h1><span lang="vi">Sơn La · Mạng lưới' in text


def test_home_and_class_listing(client: TestClient) -> None:
    home = client.get("/?lang=en").text
    assert 'href="/class/City"' in home and ">Sơn La gia nhập" in home
    assert 'href="/sparql"' in home and 'href="/queries"' in home and 'href="/void"' in home
    assert "SDG 4" in home
    listing = client.get("/class/City?lang=en")
    names = re.findall(r'<li><a href="/page/city/[^"]+" title="[^"]+">([^<]+)</a>', listing.text)
    assert names == sorted(names, key=str.casefold) and "Son La" in names and len(names) == 3
    for page in ("-1", "0", "999"):
        assert client.get(f"/class/City?page={page}").status_code == 200
    assert client.get("/class/City?page=abc").status_code == 400
