"""Accept header → status, Location and Content-Type, for /id, /data and /ontology."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

SON_LA = "/id/city/son-la"

ID_TABLE = [
    # Accept, status, Location
    (None, 303, "/page/city/son-la"),
    ("*/*", 303, "/page/city/son-la"),
    ("text/html", 303, "/page/city/son-la"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 303, "/page/city/son-la"),
    ("text/turtle", 303, "/data/city/son-la.ttl"),
    ("application/x-turtle", 303, "/data/city/son-la.ttl"),
    ("application/ld+json", 303, "/data/city/son-la.jsonld"),
    ("application/json", 303, "/data/city/son-la.jsonld"),
    ("application/n-triples", 303, "/data/city/son-la.nt"),
    ("application/rdf+xml", 303, "/data/city/son-la.rdf"),
    ("text/html;q=0.5, text/turtle;q=0.9", 303, "/data/city/son-la.ttl"),
    ("text/turtle;q=0.1, application/ld+json", 303, "/data/city/son-la.jsonld"),
    ("application/rdf+xml, */*;q=0.1", 303, "/data/city/son-la.rdf"),
    ("image/png", 406, None),
    ("text/turtle;q=0", 406, None),
]


@pytest.mark.parametrize(("accept", "status", "location"), ID_TABLE)
def test_id_negotiation(
    client: TestClient, accept: str | None, status: int, location: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get(SON_LA, headers=headers, follow_redirects=False)
    assert response.status_code == status
    assert response.headers.get("location") == location
    assert "Accept" in response.headers["vary"]


DATA_TABLE = [
    ("/data/city/son-la.ttl", None, 200, "text/turtle"),
    ("/data/city/son-la.jsonld", None, 200, "application/ld+json"),
    ("/data/city/son-la.nt", None, 200, "application/n-triples"),
    ("/data/city/son-la.rdf", None, 200, "application/rdf+xml"),
    ("/data/city/son-la.ttl", "application/ld+json", 200, "text/turtle"),  # suffix wins
    ("/data/city/son-la", "application/ld+json", 200, "application/ld+json"),
    ("/data/city/son-la", "image/png", 406, None),
    ("/data/city/son-la.png", None, 404, None),
    ("/data/city/nowhere.ttl", None, 404, None),
    ("/ontology", "text/turtle", 200, "text/turtle"),
    ("/ontology", "application/ld+json", 200, "application/ld+json"),
    ("/ontology", "*/*", 200, "text/html"),
    ("/void", None, 200, "text/turtle"),
    ("/void", "text/html", 200, "text/html"),
    ("/search?q=son+la", "application/json", 200, "application/json"),
    ("/search?q=son+la", "text/html", 200, "text/html"),
]


@pytest.mark.parametrize(("path", "accept", "status", "media"), DATA_TABLE)
def test_document_negotiation(
    client: TestClient, path: str, accept: str | None, status: int, media: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get(path, headers=headers)
    assert response.status_code == status, response.text
    if media is not None:
        assert response.headers["content-type"].split(";")[0] == media
