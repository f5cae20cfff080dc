"""The article reader: anchored sentences, linked mentions, facts beside, removals."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from kg.store import Store
from tests.web.conftest import BASE

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def test_fixture_offsets_match_the_text(web_store: Store) -> None:
    article = URIRef(BASE + "id/article/000_demo")
    text = str(next(web_store.triples(article, URIRef(NIF + "isString"), None))[2])
    checked = 0
    for node, _, anchor, _ in web_store.triples(None, URIRef(NIF + "anchorOf"), None):
        begin = next(web_store.triples(node, URIRef(NIF + "beginIndex"), None), None)
        end = next(web_store.triples(node, URIRef(NIF + "endIndex"), None), None)
        if begin is None or end is None:
            continue
        assert isinstance(anchor, Literal)
        assert text[int(begin[2]) : int(end[2])] == str(anchor)
        checked += 1
    assert checked == 10


def test_sentences_are_anchored_with_linked_mentions(client: TestClient) -> None:
    text = client.get("/page/article/000_demo?lang=en").text
    anchors = re.findall(r'<p class="sentence" id="(s-\d+)"', text)
    assert anchors == ["s-0", "s-128", "s-235"]
    assert '<a class="mention" href="/page/city/son-la" title="Son La">Sơn La</a>' in text
    assert (
        '<a class="mention" href="/page/organization/thanh-uy-son-la" '
        'title="Son La City Party Committee">Thành uỷ Sơn La</a>'
    ) in text


def test_facts_stand_beside_their_sentence(client: TestClient) -> None:
    text = client.get("/page/article/000_demo?lang=en").text
    row = text[text.index('id="s-235"') :]
    row = row[: row.index('<div class="sentence-row')] if '<div class="sentence-row' in row else row
    assert 'href="/page/statistic/hoi-nghi-asean-3-2024-dai-bieu"' in row


def test_removed_text_on_request(client: TestClient) -> None:
    closed = client.get("/page/article/000_demo").text
    assert '<details class="removed" id="removed">' in closed
    assert "Xem thêm: Các tin liên quan" in closed
    opened = client.get("/page/article/000_demo?removed=1").text
    assert '<details class="removed" id="removed" open>' in opened
