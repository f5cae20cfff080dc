"""How a result travels from the query worker to the client: inline in the worker's reply when
small, through a spill file when large; the same bytes either way, and no file left behind."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from lckg_live import LiveServer, memory_store

from kg.sparql.worker import Job, run_job

CROSS = "SELECT ?a ?b WHERE { ?a <http://example.org/p0> ?x . ?b ?q ?y }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a <http://example.org/p0> ?x . ?b ?q ?y }"


def _job(output: Path, inline_limit: int) -> Job:
    return Job(
        query=CROSS,
        output=str(output),
        result_format="json",
        rdf_format="turtle",
        max_rows=1_000_000,
        union=True,
        default_graphs=None,
        named_graphs=None,
        base_iri=None,
        inline_limit=inline_limit,
    )


def test_a_small_result_travels_inline_and_a_large_one_through_the_file(tmp_path: Path) -> None:
    store = memory_store()
    inline = run_job(store, _job(tmp_path / "inline", inline_limit=1 << 30))
    assert inline.error is None and inline.body is not None
    assert not (tmp_path / "inline").exists()
    spilled = run_job(store, _job(tmp_path / "spilled", inline_limit=1000))
    assert spilled.error is None and spilled.body is None
    assert (tmp_path / "spilled").read_bytes() == inline.body
    assert spilled.rows == inline.rows == len(json.loads(inline.body)["results"]["bindings"])


@pytest.mark.server
def test_a_result_over_the_inline_limit_arrives_whole(readonly_server: LiveServer) -> None:
    url = f"{readonly_server.url}/sparql"
    accept = {"Accept": "application/sparql-results+json"}
    expected = int(
        httpx.get(url, params={"query": COUNT}, headers=accept, timeout=30).json()["results"][
            "bindings"
        ][0]["n"]["value"]
    )
    resp = httpx.get(url, params={"query": CROSS}, headers=accept, timeout=60)
    assert resp.status_code == 200
    assert len(resp.content) > 1 << 20  # larger than the worker's inline limit
    assert len(resp.json()["results"]["bindings"]) == expected
    assert resp.headers["KG-Result-Rows"] == str(expected)
    spool = list((readonly_server.data_dir / "tmp").glob("sparql-*/results/*"))
    deadline = time.monotonic() + 5
    while spool and time.monotonic() < deadline:  # removed right after the body was sent
        time.sleep(0.1)
        spool = list((readonly_server.data_dir / "tmp").glob("sparql-*/results/*"))
    assert spool == []
