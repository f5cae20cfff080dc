"""All 34 W3C SPARQL 1.1 Protocol tests against a real server over HTTP."""

from __future__ import annotations

import pytest
from lckg_live import LiveServer
from runner import Client, check, load_tests, run_all
from w3c_state import SUMMARY, TOKEN

pytestmark = pytest.mark.server


def test_manifest_has_the_34_tests() -> None:
    tests = load_tests()
    assert len(tests) == 34
    assert sum(t.name.startswith("bad_") for t in tests) == 14


def test_protocol_suite(w3c_server: LiveServer) -> None:
    passed, total, failures = run_all(f"{w3c_server.url}/sparql", TOKEN)
    line = f"W3C SPARQL 1.1 Protocol: {passed}/{total}"
    SUMMARY.append(line)
    print(line)
    assert not failures, "\n".join(f"{name}: {problem}" for name, problem in failures.items())
    assert (passed, total) == (34, 34)


def test_runner_notices_a_wrong_answer(w3c_server: LiveServer) -> None:
    """The checks can fail: wrong status, wrong boolean, and a missing endpoint all count."""
    request = load_tests()[0].requests[0]
    assert check(request, 404, "text/plain", b"") is not None
    assert check(request, 200, "application/sparql-results+json", b'{"boolean": false}') is not None
    assert check(request, 200, "application/sparql-results+json", b'{"boolean": true}') is None
    client = Client(f"{w3c_server.url}/sparql", TOKEN)
    status, _, _ = client.send("GET", "/no-such-endpoint?query=ASK%7B%7D", [], None)
    assert status == 404
