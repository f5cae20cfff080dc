"""The dataset and the base IRI of a query, as a request sets them.

Without a dataset the default graph is the union of all graphs; ``default-graph-uri`` may name
the store's own default graph (``{KG_BASE}graph/default``, or Jena's ``urn:x-arq:DefaultGraph``),
which the Service Description advertises. Relative IRIs resolve against the query's ``BASE``,
else ``base-uri`` (or ``baseURI``), else ``KG_BASE``.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lckg_live import TOKEN
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import VOID

from kg.formats import NQUADS
from kg.store import Store

BASE = "http://localhost:8000/"  # Settings' default KG_BASE
OWN = f"{BASE}graph/default"
JENA = "urn:x-arq:DefaultGraph"
IN_DEFAULT, IN_NAMED = "http://e/in-default", "http://e/in-named"
DATA = (
    f"<{IN_DEFAULT}> <http://e/p> <http://e/o> .\n"
    f"<{IN_NAMED}> <http://e/p> <http://e/o> <http://e/g> .\n"
).encode()
SUBJECTS = "SELECT ?s WHERE { ?s <http://e/p> ?o }"  # the lookup lane's shape
JOINED = "SELECT ?s WHERE { ?s <http://e/p> ?o . ?s ?q ?o }"  # goes to a worker
JSON = {"Accept": "application/sparql-results+json"}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(make_client: object) -> TestClient:
    client: TestClient = make_client(update_token=TOKEN)  # type: ignore[operator]
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    store.load(DATA, format=NQUADS)
    return client


def _get(client: TestClient, params: list[tuple[str, str]]) -> list[dict[str, dict[str, str]]]:
    response = client.get("/sparql", params=params, headers=JSON)
    assert response.status_code == 200, response.text
    bindings: list[dict[str, dict[str, str]]] = response.json()["results"]["bindings"]
    return bindings


def _subjects(client: TestClient, params: list[tuple[str, str]]) -> set[str]:
    return {b["s"]["value"] for b in _get(client, params)}


def _error(client: TestClient, params: list[tuple[str, str]]) -> str:
    response = client.get("/sparql", params=params, headers=JSON)
    assert response.status_code == 400, response.text
    return response.text


# -- the store's own default graph -------------------------------------------------------------
@pytest.mark.parametrize("query", [SUBJECTS, JOINED])
def test_without_a_dataset_the_default_graph_is_the_union(client: TestClient, query: str) -> None:
    assert _subjects(client, [("query", query)]) == {IN_DEFAULT, IN_NAMED}


@pytest.mark.parametrize("query", [SUBJECTS, JOINED])
@pytest.mark.parametrize("own", [OWN, JENA])
def test_default_graph_uri_names_the_stores_own_default_graph(
    client: TestClient, query: str, own: str
) -> None:
    assert _subjects(client, [("query", query), ("default-graph-uri", own)]) == {IN_DEFAULT}


def test_the_own_default_graph_merges_with_named_graphs_and_keeps_them_named(
    client: TestClient,
) -> None:
    both = [("query", SUBJECTS), ("default-graph-uri", OWN), ("default-graph-uri", "http://e/g")]
    assert _subjects(client, both) == {IN_DEFAULT, IN_NAMED}
    query = "SELECT ?s ?g WHERE { { ?s <http://e/p> ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    rows = _get(
        client, [("query", query), ("default-graph-uri", OWN), ("named-graph-uri", "http://e/g")]
    )
    assert {(r["s"]["value"], r.get("g", {}).get("value")) for r in rows} == {
        (IN_DEFAULT, None),
        (IN_NAMED, "http://e/g"),
    }
    # Only the graphs named in the request: without named-graph-uri, GRAPH sees none.
    assert _get(client, [("query", query), ("default-graph-uri", OWN)]) == [
        {"s": {"type": "uri", "value": IN_DEFAULT}}
    ]


def test_the_own_default_graph_has_no_name_to_match_in_graph(client: TestClient) -> None:
    message = _error(client, [("query", SUBJECTS), ("named-graph-uri", OWN)])
    assert "named-graph-uri" in message and "default-graph-uri" in message


def test_an_update_cannot_name_the_own_default_graph_in_using(client: TestClient) -> None:
    update = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = client.post("/update", data={"update": update, "using-graph-uri": OWN}, headers=AUTH)
    assert response.status_code == 400 and "using-graph-uri" in response.text
    assert _subjects(client, [("query", SUBJECTS)]) == {IN_DEFAULT, IN_NAMED}


def test_the_service_description_advertises_the_own_default_graph(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    g = Graph().parse(data=response.text, format="turtle")
    service = next(g.subjects(SD.availableGraphs, None))
    collection = g.value(service, SD.availableGraphs)
    named = [g.value(n, SD.name) for n in g.objects(collection, SD.namedGraph)]
    assert named == [URIRef(OWN)]
    graph = g.value(next(g.objects(collection, SD.namedGraph)), SD.graph)
    assert g.value(graph, VOID.triples) == Literal(1)  # the one triple outside named graphs


# -- the base IRI --------------------------------------------------------------------------------
RELATIVE = "SELECT ?i WHERE { BIND(<id/city/son-la> AS ?i) }"


def _iri(client: TestClient, params: list[tuple[str, str]]) -> str:
    return _get(client, params)[0]["i"]["value"]


def test_relative_iris_resolve_against_kg_base_by_default(client: TestClient) -> None:
    assert _iri(client, [("query", RELATIVE)]) == f"{BASE}id/city/son-la"


@pytest.mark.parametrize("name", ["base-uri", "baseURI"])
def test_base_uri_sets_the_base(client: TestClient, name: str) -> None:
    params = [("query", RELATIVE), (name, "http://other.example/data/")]
    assert _iri(client, params) == "http://other.example/data/id/city/son-la"


def test_the_querys_own_base_wins_and_a_relative_one_resolves_against_base_uri(
    client: TestClient,
) -> None:
    absolute = f"BASE <http://q.example/> {RELATIVE}"
    params = [("query", absolute), ("base-uri", "http://other.example/")]
    assert _iri(client, params) == "http://q.example/id/city/son-la"
    relative = f"BASE <v2/> {RELATIVE}"
    assert _iri(client, [("query", relative)]) == f"{BASE}v2/id/city/son-la"
    params = [("query", relative), ("base-uri", "http://other.example/a/")]
    assert _iri(client, params) == "http://other.example/a/v2/id/city/son-la"


def test_base_uri_also_reaches_a_worker_and_an_update(client: TestClient) -> None:
    query = "SELECT ?i WHERE { BIND(<x> AS ?i) FILTER(?i != <y>) }"
    assert (
        _iri(client, [("query", query), ("base-uri", "http://b.example/")]) == "http://b.example/x"
    )
    update = "INSERT DATA { <new> <http://e/p> <http://e/o> }"
    response = client.post(
        "/update", data={"update": update, "base-uri": "http://b.example/"}, headers=AUTH
    )
    assert response.status_code == 204, response.text
    assert "http://b.example/new" in _subjects(client, [("query", SUBJECTS)])


@pytest.mark.parametrize("value", ["not an iri", "relative/path", "http://x/#a#b"])
def test_a_bad_base_uri_is_a_400_naming_it(client: TestClient, value: str) -> None:
    assert "base-uri" in _error(client, [("query", RELATIVE), ("base-uri", value)])


def test_two_base_iris_are_a_400(client: TestClient) -> None:
    params = [("query", RELATIVE), ("base-uri", "http://a/"), ("baseURI", "http://b/")]
    assert "more than one base IRI" in _error(client, params)
