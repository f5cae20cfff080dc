from __future__ import annotations

import pytest

from kg.errors import BadRequest, NotAcceptable
from kg.formats import HTML, JSON, JSONLD, NTRIPLES, RDFXML, TURTLE, XML, by_name
from kg.negotiation import negotiate

DOC = (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "html"),
        ("", "html"),
        ("*/*", "html"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "ntriples"),
        ("application/rdf+xml", "rdfxml"),
        ("text/html;q=0.5, text/turtle;q=0.9", "turtle"),
        ("text/turtle;q=0.5, text/html", "html"),
        ("application/rdf+xml, text/turtle;q=0.1", "rdfxml"),
        ("text/*", "html"),
        ("application/json", "jsonld"),
        ("text/turtle;q=0, */*;q=0.1", "html"),
    ],
)
def test_accept_table(accept: str | None, expected: str) -> None:
    assert negotiate(accept, DOC).name == expected


def test_suffix_wins_over_accept() -> None:
    assert negotiate("text/html", DOC, suffix="ttl") is TURTLE


def test_format_parameter_wins_over_accept() -> None:
    assert negotiate("text/html", DOC, format_param="jsonld") is JSONLD
    assert negotiate(None, DOC, format_param="text/turtle") is TURTLE


def test_nothing_fits_is_406_listing_the_offer() -> None:
    with pytest.raises(NotAcceptable) as info:
        negotiate("image/png", DOC)
    assert "text/turtle" in str(info.value)
    assert info.value.status == 406


def test_unknown_suffix_and_format_are_406() -> None:
    with pytest.raises(NotAcceptable):
        negotiate(None, DOC, suffix="png")
    with pytest.raises(NotAcceptable):
        negotiate(None, DOC, format_param="yaml")


def test_results_formats_prefer_json_for_application_json() -> None:
    assert negotiate("application/json", (JSON, XML)) is JSON
    assert negotiate("application/xml", (JSON, XML)) is XML


def test_unparseable_accept_is_a_bad_request_naming_the_header() -> None:
    with pytest.raises(BadRequest, match="malformed Accept header 'garbage'"):
        negotiate("garbage", DOC)


def test_invalid_q_value_is_read_leniently() -> None:
    assert negotiate("text/turtle;q=abc", DOC) is TURTLE


def test_by_name_errors_name_the_choices() -> None:
    assert by_name("ttl") is TURTLE
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        by_name("yaml")
