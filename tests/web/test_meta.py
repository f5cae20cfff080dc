"""VoID, dumps, sitemap, robots, ontology documentation and the JSON-LD context."""

from __future__ import annotations

import gzip

from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from kg.app import create_app
from kg.config import Settings
from kg.store import Store
from kg.void import dataset_iri, void_graph
from tests.web.conftest import BASE


def test_void_describes_size_licence_dumps_and_endpoint(
    client: TestClient, web_store: Store, web_settings: Settings
) -> None:
    graph = Graph().parse(data=client.get("/void").text, format="turtle")
    ds = dataset_iri(web_settings)
    assert graph.value(ds, VOID.triples) == Literal(len(web_store))
    assert int(graph.value(ds, VOID.entities)) >= 15
    assert graph.value(ds, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert graph.value(ds, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert URIRef("https://example.org/news/son-la") in set(graph.objects(ds, DCTERMS.source))
    assert URIRef(BASE + "dumps/kg.nq.gz") in set(graph.objects(ds, VOID.dataDump))
    assert len(list(graph.objects(ds, DCAT.distribution))) == 2
    assert void_graph(web_store, web_settings).isomorphic(graph)


def test_dumps_hold_every_quad(client: TestClient, web_store: Store) -> None:
    assert 'href="/dumps/kg.nq.gz"' in client.get("/dumps/").text
    nq = gzip.decompress(client.get("/dumps/kg.nq.gz").content)
    lines = [line for line in nq.decode("utf-8").splitlines() if line.strip()]
    assert len(lines) == len(web_store)
    assert all(line.rstrip(" .").endswith(">") for line in lines)  # every quad names its graph
    dataset = Dataset()
    dataset.parse(data=nq, format="nquads")
    assert URIRef(BASE + "graph/article/000_demo") in {g.identifier for g in dataset.graphs()}
    trig = client.get("/dumps/kg.trig")
    assert trig.headers["content-type"].startswith("application/trig")
    assert client.get("/dumps/../etc").status_code == 404
    assert client.get("/dumps/other.nq").status_code == 404


def test_sitemap_and_robots(client: TestClient) -> None:
    sitemap = client.get("/sitemap.xml").text
    assert f"<loc>{BASE}page/city/son-la</loc>" in sitemap
    assert f"<loc>{BASE}page/article/000_demo</loc>" in sitemap
    robots = client.get("/robots.txt").text
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_ontology_page_documents_terms_with_usage(client: TestClient) -> None:
    text = client.get("/ontology?lang=en", headers={"Accept": "text/html"}).text
    row = text[text.index('<tr id="City">') :]
    row = row[: row.index("</tr>")]
    assert "Thành phố" in row and ">City<" in row and "A city" in row
    assert '<a href="/class/City">3</a>' in row
    agent = text[text.index('<tr id="agent">') :]
    agent = agent[: agent.index("</tr>")]
    assert 'href="#Participation"' in agent and 'href="#Person"' in agent
    assert '<td class="num">1</td>' in agent
    ttl = Graph().parse(
        data=client.get("/ontology", headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    assert (URIRef("https://w3id.org/learning-cities/ontology#City"), None, None) in ttl


def test_context_is_json_ld(client: TestClient) -> None:
    response = client.get("/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.json()["@context"]["schema"] == "https://schema.org/"


def test_documents_are_readable_cross_origin_per_the_cors_setting(
    client: TestClient, web_store: Store, web_settings: Settings
) -> None:
    asked = {"Origin": "https://example.org", "Accept": "text/turtle"}
    resp = client.get("/void", headers=asked)
    assert resp.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in resp.headers
    closed = create_app(web_settings.model_copy(update={"cors_origins": []}), store=web_store)
    with TestClient(closed) as other:
        resp = other.get("/void", headers=asked)
    assert resp.status_code == 200
    assert "access-control-allow-origin" not in resp.headers
