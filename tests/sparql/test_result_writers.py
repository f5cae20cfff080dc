"""The SELECT result writers remember the text of the terms they have written (kg.sparql.results):
a bounded memo must never change a byte of the output."""

from __future__ import annotations

import io

import pytest
from lckg_live import memory_store

from kg.formats import CSV, JSON, TSV, XML, Format
from kg.sparql import results
from kg.sparql.results import write_solutions

QUERY = "SELECT ?s ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?none } }"


def _write(fmt: Format) -> bytes:
    out = io.BytesIO()
    memory_store().query_stream(
        QUERY,
        out,
        result_format=fmt,
        rdf_format=fmt,
        max_rows=10_000,
        write_solutions=write_solutions,
    )
    return out.getvalue()


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV], ids=lambda f: f.name)
def test_a_full_memo_is_emptied_and_the_output_is_unchanged(
    fmt: Format, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = {"json": results._JSON, "xml": results._XML, "csv": results._CSV, "tsv": results._TSV}
    memo[fmt.name].texts.clear()
    roomy = _write(fmt)
    assert len(memo[fmt.name].texts) > 3
    assert _write(fmt) == roomy  # every term remembered from the first run
    monkeypatch.setattr(results, "MEMO_LIMIT", 3)
    memo[fmt.name].texts.clear()
    tight = _write(fmt)
    assert tight == roomy
    assert len(memo[fmt.name].texts) <= 3


def test_terms_equal_in_value_share_text_and_different_ones_do_not() -> None:
    results._JSON.texts.clear()
    known, fill = results._JSON.lookups(lambda term: results.ResultTerm("literal", term))
    assert known("Sơn La") is None
    assert fill("Sơn La") == known("Sơn La") == '{"type":"literal","value":"Sơn La"}'
    assert known("Son La") is None and fill("Son La") != fill("Sơn La")
