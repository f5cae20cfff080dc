"""``GET /queries`` over the real build; a bad parameter is a 400, never a 500."""

from __future__ import annotations

import html
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from kg.app import create_app
from kg.config import Settings
from kg.queries import load_catalogue

QUERIES = load_catalogue(Settings().queries_dir)


@pytest.fixture(scope="module")
def client(built_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(built_settings), raise_server_exceptions=False) as test_client:
        yield test_client


def test_catalogue_renders_every_question(client: TestClient) -> None:
    response = client.get("/queries")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for query in QUERIES:
        assert f'id="q{query.number}"' in page
        assert str(escape(query.title)) in page
        assert str(escape(query.question)) in page
    assert "could not be answered" not in page
    assert "No answer in the graph" not in page


def test_sparql_is_escaped(client: TestClient) -> None:
    page = client.get("/queries").text
    assert "PREFIX lc: &lt;https://w3id.org/learning-cities/ontology#&gt;" in page
    assert "PREFIX lc: <https://" not in page


def test_run_link_opens_the_editor_with_the_query(client: TestClient) -> None:
    page = client.get("/queries").text
    start = page.index('class="run" href="') + len('class="run" href="')
    href = html.unescape(page[start : page.index('"', start)])
    parts = urlsplit(href)
    assert parts.path == "/sparql"
    assert parse_qs(parts.query)["query"] == [QUERIES[0].sparql]


def test_preview_shows_the_answer(client: TestClient) -> None:
    page = client.get("/queries/02").text
    assert "city/son-la" in page
    assert "2024-02" in page


def test_parameters_are_bound(client: TestClient) -> None:
    son_la = client.get("/queries/15", params={"entity": "id/city/son-la"})
    assert son_la.status_code == 200
    assert "tháng 2/2024" in son_la.text
    scoped = client.get("/queries", params={"15.entity": "id/city/son-la"})
    assert scoped.status_code == 200
    assert 'value="id/city/son-la"' in scoped.text
    shared = client.get("/queries", params={"city": "id/city/ho-chi-minh"})
    assert shared.status_code == 200
    assert shared.text.count('value="id/city/ho-chi-minh"') >= 2


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        ("/queries", {"city": "id/city/son la"}, "city"),
        ("/queries", {"03.city": "id/city/x> } ; DROP ALL #"}, "03.city"),
        ("/queries", {"06.from": "2024-13-45"}, "06.from"),
        ("/queries", {"to": "yesterday"}, "to"),
        ("/queries", {"nope": "1"}, "nope"),
        ("/queries", {"03.nope": "1"}, "03.nope"),
        ("/queries/06", {"from": "29/10/2024"}, "from"),
        ("/queries/06", {"city": "id/city/son-la"}, "city"),
    ],
)
def test_bad_parameter_is_400_naming_it(
    client: TestClient, path: str, params: dict[str, str], named: str
) -> None:
    response = client.get(path, params=params, headers={"Accept": "text/plain"})
    assert response.status_code == 400, response.text
    assert named in response.text


def test_bad_parameter_html_error_is_escaped(client: TestClient) -> None:
    response = client.get(
        "/queries", params={"city": "<script>x</script>"}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 400
    assert "<script>x</script>" not in response.text


def test_unknown_question_is_404(client: TestClient) -> None:
    assert client.get("/queries/99").status_code == 404
