"""Entity pages list a fixed number of items per section and page the rest (``?page=``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from kg import describe as describe_module
from kg.app import create_app
from kg.config import Settings
from kg.formats import TRIG
from kg.pagedata import PAGE_ITEMS
from tests.web.conftest import BASE, fixture_store

MEMBERSHIPS = PAGE_ITEMS * 2 + 3  # three pages of memberships
INITIATIVES = PAGE_ITEMS + 1
MENTIONS = PAGE_ITEMS + 2
CITY = "id/city/son-la"


def _big_city() -> str:
    """TriG that gives Sơn La more memberships, initiatives and mentions than a page shows."""
    lines = [
        "@prefix lc: <https://w3id.org/learning-cities/ontology#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .",
        "@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .",
        "<graph/article/000_demo> {",
    ]
    for n in range(MEMBERSHIPS):
        lines.append(
            f'<id/organization/net-{n:02}> a lc:Network ; rdfs:label "Mạng {n:02}"@vi, '
            f'"Network {n:02}"@en . <id/membership/son-la-net-{n:02}> a lc:Membership ; '
            f"org:member <{CITY}> ; org:organization <id/organization/net-{n:02}> ; "
            "prov:wasDerivedFrom <id/passage/000_demo-1> ."
        )
    for n in range(INITIATIVES):
        lines.append(
            f'<id/initiative/i-{n:02}> a lc:Initiative ; rdfs:label "Sáng kiến {n:02}"@vi ; '
            f"lc:ledBy <{CITY}> ."
        )
    for n in range(MENTIONS):
        lines.append(
            f"<id/mention/extra-{n:02}> a lc:Mention ; itsrdf:taIdentRef <{CITY}> ; "
            "lc:inPassage <id/passage/000_demo-1> ."
        )
    lines.append("}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def big_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = fixture_store(BASE)
    store.load(_big_city().encode(), format=TRIG, base_iri=BASE)
    settings = Settings(base=BASE, data_dir=tmp_path_factory.mktemp("paging-data"))
    with TestClient(create_app(settings, store=store), base_url="http://kg.test") as client:
        yield client


def _memberships(html: str) -> list[str]:
    section = re.search(r'<section class="memberships".*?</section>', html, re.S)
    assert section is not None
    return re.findall(r">(Network \d\d|Mạng \d\d)</a>", section.group(0))


@pytest.mark.parametrize(("lang", "more"), [("vi", "và còn nữa…"), ("en", "and more…")])
def test_long_sections_are_paged_in_both_languages(
    big_client: TestClient, lang: str, more: str
) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        html = big_client.get(f"/page/city/son-la?lang={lang}&page={page}").text
        names = _memberships(html)
        assert 0 < len(names) <= PAGE_ITEMS, page
        seen += names
        last = page == 3
        assert (f'href="/page/city/son-la?page={page + 1}#memberships">{more}</a>' in html) != last
        assert ('rel="next"' in html) != last
        assert ('rel="prev"' in html) == (page > 1)
    assert len(seen) == len(set(seen)) == MEMBERSHIPS  # every item once, none twice
    assert big_client.get("/page/city/son-la?page=4").status_code == 404


def test_first_page_bounds_every_list(big_client: TestClient) -> None:
    html = big_client.get("/page/city/son-la?lang=en").text
    initiatives = re.search(r'<section class="initiatives".*?</section>', html, re.S)
    assert initiatives is not None
    assert initiatives.group(0).count("<li>") == PAGE_ITEMS
    assert 'href="/page/city/son-la?page=2#initiatives"' in initiatives.group(0)
    assert 'href="/page/city/son-la?page=2#mentions"' in html
    # the fixture's own facts are still there, with their source sentence
    assert "<q>Thành phố Sơn La trở thành thành viên thứ 5" in html


def test_small_pages_have_no_pager(client: TestClient) -> None:
    html = client.get("/page/city/son-la").text
    assert 'class="pager"' not in html and 'class="more"' not in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99999999999999999999"])
def test_bad_page_parameters_are_400_naming_the_parameter(
    big_client: TestClient, page: str
) -> None:
    response = big_client.get(f"/page/city/son-la?page={page}", headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert "page" in response.text


def test_data_document_stays_complete(big_client: TestClient) -> None:
    response = big_client.get("/data/city/son-la.ttl")
    graph = Graph().parse(data=response.text, format="turtle")
    member = URIRef("http://www.w3.org/ns/org#member")
    memberships = set(graph.subjects(member, URIRef(BASE + CITY)))
    assert len(memberships) == MEMBERSHIPS + 1  # the fixture's own membership too


def test_data_document_says_when_incoming_links_are_cut(
    big_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "x-result-truncated" not in big_client.get("/data/city/son-la.ttl").headers
    monkeypatch.setattr(describe_module, "INCOMING_LIMIT", 5)
    response = big_client.get("/data/city/son-la.ttl")
    assert response.headers["x-result-truncated"] == "true"
    related = re.search(r'<(/sparql\?query=[^>]+)>; rel="related"', response.headers["link"])
    assert related is not None, response.headers["link"]
    rows = big_client.get(
        unquote(related.group(1)), headers={"Accept": "application/sparql-results+json"}
    ).json()["results"]["bindings"]
    member = "http://www.w3.org/ns/org#member"
    assert sum(1 for r in rows if r["p"]["value"] == member) == MEMBERSHIPS + 1
