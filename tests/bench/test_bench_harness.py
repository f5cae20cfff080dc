"""The harness around the benchmarks: the network rule, statistics and the report."""

from __future__ import annotations

import pytest

from bench import percentile, ratio, require_local, spread
from bench.load import Request, run_load
from bench.report import markdown, targets


def test_only_local_addresses_are_allowed() -> None:
    assert require_local("http://127.0.0.1:8000/sparql")
    for url in ("http://localhost:8000/", "http://10.0.0.1/", "https://example.org/"):
        with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
            require_local(url)
    with pytest.raises(ValueError):
        run_load([Request("http://example.org/")], duration_s=0.1, max_requests=1)


def test_statistics() -> None:
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile(list(range(1, 101)), 99) == 99
    assert spread([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    assert ratio([2.0, 4.0], [1.0, 1.0])["median"] == 3.0


def _results() -> dict[str, object]:
    point = {
        "systems": {
            "ours": {
                "throughput": spread([100.0]),
                "p50_ms": spread([1.0]),
                "p99_ms": spread([2.0]),
                "errors": 0,
                "ours_vs_this": None,
            },
            "virtuoso": {
                "throughput": spread([40.0]),
                "p50_ms": spread([3.0]),
                "p99_ms": spread([9.0]),
                "errors": 0,
                "ours_vs_this": spread([2.5]),
            },
        },
        "queries": 10,
    }
    return {
        "date": "2024-10-29",
        "mode": "quick",
        "machine": {"cpus": 2},
        "benchmarks": {
            "sparql": {"status": "ok", "data": {"workloads": {"point": point}}},
            "ingest": {"status": "not run", "reason": "ingest.api missing"},
        },
    }


def test_targets_say_met_missed_or_not_measured() -> None:
    rows = {r["target"]: r for r in targets(_results())}
    assert rows["SPARQL point lookups vs Virtuoso"]["met"] is True
    assert rows["SPARQL point lookups vs rdflib-endpoint"]["met"] is None


def test_markdown_reports_what_was_not_run() -> None:
    text = markdown(_results())
    assert "| SPARQL point lookups vs Virtuoso | 2.50 × | ≥ 2.0 × | yes |" in text
    assert "Not run: ingest.api missing" in text
