"""The cheaper ways entity pages are built give the same pages, and see writes to the store."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment
from markupsafe import Markup
from rdflib import URIRef

from kg.app import create_app
from kg.config import Settings
from kg.formats import NQUADS
from kg.markup import Fact, Source, Value, fact_list, source_list, value_list
from kg.pagedata import _mention_window, _window
from kg.routes.entities import SPARQL_NEIGHBOURHOOD, neighbourhood_href
from kg.store import Store
from kg.vocab import ITS_IDENT, LC_IN_PASSAGE
from tests.web.conftest import BASE, fixture_store

# The macros kg.markup replaced, as they were: its HTML must stay the same, byte for byte.
_MACROS = """
{% macro value(v) -%}
{%- if v.href -%}
<a href="{{ v.href }}"{% if v.external %} class="external" rel="noopener"{% endif %}\
{% if v.iri %} title="{{ v.iri }}"{% endif %}>{{ v.text }}</a>
{%- else -%}
<span class="literal">{{ v.text }}</span>
{%- if v.lang %} <small class="lang-tag">@{{ v.lang }}</small>{% endif -%}
{%- if v.datatype %} <small class="datatype">{{ v.datatype }}</small>{% endif -%}
{%- endif -%}
{%- endmacro %}
{% macro values(items) -%}
{%- for v in items %}{{ value(v) }}{% if not loop.last %}, {% endif %}{% endfor -%}
{%- endmacro %}
{% macro sources(items, read) -%}
{%- for s in items %}
<blockquote class="source"><q>{{ s.text }}</q>
  <a class="source-link" href="{{ s.href }}">{{ read }}{% if s.article %}: {{ s.article }}{% endif %}</a></blockquote>
{%- endfor %}
{%- endmacro %}
{% macro fact_list(facts, read) -%}
<ul class="facts">
{%- for f in facts %}
<li class="fact" id="fact-{{ loop.index }}">
  <span class="fact-type">{{ f.type }}</span>
  {{ value(f.node) }}
  {%- if f.rows %}
  <dl class="fact-rows">{% for label, v in f.rows %}<dt>{{ label }}</dt><dd>{{ value(v) }}</dd>{% endfor %}</dl>
  {%- endif %}
  {{ sources(f.sources, read) }}
  {%- if f.rule %}<small class="rule">{{ f.rule }}</small>{% endif %}
</li>
{%- endfor %}
</ul>
{%- endmacro %}
"""
_VALUES = [
    Value("Sơn La", "/page/city/son-la", iri="http://kg.test/id/city/son-la"),
    Value(
        'O\'Brien & "Co" <b>', "https://ex.org/a?b=1&c=<2>", iri="https://ex.org/a", external=True
    ),
    Value("no title", "/page/x/y"),
    Value("1 < 2 & 3", lang="vi"),
    Value("2024-10-31", datatype="xsd:date"),
    Value("both", lang="en-GB", datatype="rdf:langString"),
    Value("_:b0"),
    Value(""),
]
_SOURCES = [
    Source("Sơn La <joined> the network.", "/page/article/a#s-3", "Tin & bài"),
    Source("No article.", "#", ""),
]
_FACTS = [
    Fact(_VALUES[0], "Membership", "lc:Membership", [("city", _VALUES[1])], _SOURCES, "lc:r1"),
    Fact(_VALUES[2], "Statistic", "", [], [], None),
    Fact(_VALUES[3], 'A "fact"', "", [("a", _VALUES[4]), ("b", _VALUES[5])], _SOURCES[1:], ""),
]


@pytest.fixture(scope="module")
def macros() -> object:
    return Environment(autoescape=True).from_string(_MACROS).module


def test_values_write_the_html_of_the_macro_they_replace(macros: object) -> None:
    for v in _VALUES:
        assert v.html == macros.value(v)  # type: ignore[attr-defined]
    assert value_list(_VALUES) == macros.values(_VALUES)  # type: ignore[attr-defined]
    assert value_list([]) == Markup("")


def test_facts_and_sources_write_the_html_of_the_macros_they_replace(macros: object) -> None:
    read = "Đọc trong bài & <more>"
    assert source_list(_SOURCES, read) == macros.sources(_SOURCES, read)  # type: ignore[attr-defined]
    assert fact_list(_FACTS, read) == macros.fact_list(_FACTS, read)  # type: ignore[attr-defined]
    assert fact_list([], read) == macros.fact_list([], read)  # type: ignore[attr-defined]


def test_neighbourhood_link_quotes_as_the_whole_query_would() -> None:
    for iri in ("http://kg.test/id/city/son-la", "http://kg.test/id/person/nguyễn-văn-a"):
        expected = "/sparql?query=" + quote(SPARQL_NEIGHBOURHOOD.format(iri=iri))
        assert neighbourhood_href(URIRef(iri)) == expected


def _linked_store() -> tuple[Store, URIRef, URIRef]:
    """Eleven subjects pointing at one IRI, some from two graphs and the default graph, and
    mentions of it in several passages."""
    target, prop = "http://kg.test/id/city/c", "http://kg.test/p"
    lines = []
    for n in (7, 3, 10, 0, 5, 9, 1, 4, 8, 2, 6):
        s = f"<http://kg.test/id/s/{n:02}>"
        lines.append(f"{s} <{prop}> <{target}> <http://kg.test/graph/g{n % 3}> .")
        if n % 2:
            lines.append(f"{s} <{prop}> <{target}> <http://kg.test/graph/g9> .")
        if n % 5 == 0:
            lines.append(f"{s} <{prop}> <{target}> .")
        m = f"<http://kg.test/id/mention/{n:02}>"
        lines.append(f"{m} <{ITS_IDENT}> <{target}> <http://kg.test/graph/g{n % 2}> .")
        for k in range(n % 3):
            lines.append(f"{m} <{LC_IN_PASSAGE}> <http://kg.test/id/passage/{n}-{k}> .")
    store = Store()
    store.load("\n".join(lines).encode(), format=NQUADS)
    return store, URIRef(target), URIRef(prop)


@pytest.mark.parametrize("size", [1, 3, 5, 20])
def test_first_page_scan_lists_what_the_query_lists(size: int) -> None:
    store, target, prop = _linked_store()
    everything = [
        row["s"] for row in store.select(f"SELECT DISTINCT ?s WHERE {{ ?s <{prop}> <{target}> }}")
    ]
    assert len(everything) == 11
    first = _window(store, target, prop, 0, size)  # an index scan
    assert first == everything[: size + 1]
    pages = list(first[:size])
    offset = size
    while offset < len(everything):  # later pages: the query with an offset
        pages += _window(store, target, prop, offset, size)[:size]
        offset += size
    assert pages == everything
    mentions = _mention_window(store, target, 0, size)
    later = _mention_window(store, target, size, size)
    rows = store.select(
        f"""SELECT ?m ?passage WHERE {{ {{ SELECT DISTINCT ?m WHERE {{ ?m <{ITS_IDENT}> <{target}> }}
            LIMIT {size + 1} }} OPTIONAL {{ ?m <{LC_IN_PASSAGE}> ?passage }} }}"""
    )
    expected = list({row["m"]: row.get("passage") for row in rows}.items())
    assert mentions[:size] == expected[:size]
    assert [m for m, _ in mentions] == [m for m, _ in expected]
    assert [m for m, _ in later][:1] == [m for m, _ in expected][size : size + 1]


def test_unknown_entity_is_404_even_for_a_client_with_an_etag(client: TestClient) -> None:
    etag = client.get("/page/city/son-la").headers["etag"]
    for tags in (etag, "*"):
        missing = client.get("/page/city/no-such-city", headers={"If-None-Match": tags})
        assert missing.status_code == 404
    assert client.get("/page/city/son-la", headers={"If-None-Match": "*"}).status_code == 304


@pytest.fixture()
def writable_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(base=BASE, data_dir=tmp_path_factory.mktemp("write-data"))
    with TestClient(create_app(settings, store=fixture_store(BASE))) as client:
        yield client


def test_pages_show_a_write_once_its_generation_is_published(
    writable_client: TestClient,
) -> None:
    """Labels and values are kept between pages (one labeler, one value cache, one node cache
    per store generation); a committed write moves the generation and they are read again."""
    app = writable_client.app
    city, membership = "/page/city/son-la?lang=en", "/page/membership/son-la-gnlc?lang=en"
    link = '<a href="/page/city/son-la" title="http://kg.test/id/city/son-la">{}</a>'
    assert "<title>Son La — " in writable_client.get(city).text  # the caches are warm
    assert link.format("Son La") in writable_client.get(membership).text
    app.state.store.update(  # type: ignore[attr-defined]
        f"""DELETE {{ GRAPH ?g {{ <{BASE}id/city/son-la> ?p "Son La"@en }} }}
        INSERT {{ GRAPH ?g {{ <{BASE}id/city/son-la> ?p "Son La (renamed)"@en }} }}
        WHERE {{ GRAPH ?g {{ <{BASE}id/city/son-la> ?p "Son La"@en }} }}"""
    )
    app.state.sparql.gate.generation += 1  # type: ignore[attr-defined]  # as a write does
    assert "<title>Son La (renamed) — " in writable_client.get(city).text
    assert link.format("Son La (renamed)") in writable_client.get(membership).text
