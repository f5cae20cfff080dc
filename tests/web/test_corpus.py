"""End to end over a real build of the corpus (skipped while the corpus does not build)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kg.app import create_app
from kg.config import Settings


@pytest.fixture(scope="module")
def corpus_client(corpus_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_settings)) as client:
        yield client


def test_search_finds_a_city_and_its_page_quotes_sources(corpus_client: TestClient) -> None:
    data = corpus_client.get("/search?q=son+la", headers={"Accept": "application/json"}).json()
    city = data["results"][0]
    assert city["href"].startswith("/page/city/")  # the city before the province
    page = corpus_client.get(city["href"])
    assert page.status_code == 200
    assert 'rel="alternate"' in page.text and "/page/article/" in page.text


def test_every_article_reads_with_anchored_sentences(corpus_client: TestClient) -> None:
    home = corpus_client.get("/").text
    articles = sorted(set(part.split('"')[0] for part in home.split('href="/page/article/')[1:]))
    assert articles
    for article in articles:
        text = corpus_client.get(f"/page/article/{article}").text
        assert text.count('<p class="sentence" id="s-') >= 3
        assert 'class="mention"' in text


def test_entity_iris_dereference(corpus_client: TestClient, corpus_settings: Settings) -> None:
    sitemap = corpus_client.get("/sitemap.xml").text
    pages = [loc.split("</loc>")[0] for loc in sitemap.split("<loc>")[1:] if "/page/" in loc][:40]
    assert pages
    for url in pages:
        path = "/" + url.removeprefix(corpus_settings.base)
        assert corpus_client.get(path).status_code == 200, path
        data = path.replace("/page/", "/data/") + ".ttl"
        assert corpus_client.get(data).status_code == 200, data
