"""The W3C SPARQL 1.0 and 1.1 query-evaluation suites, in-process and through the endpoint.

Every test runs twice: against pyoxigraph directly (a fresh in-memory store) and over HTTP
against a real server (:mod:`qe_run`). Over HTTP each answer must be the engine's own, pass or
fail, and each test must pass or fail as it does in-process: the HTTP layer adds no failure.
The tests pyoxigraph itself fails are expected failures with their reasons (:mod:`qe_expected`).
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from lckg_live import LiveServer
from qe_expected import EXPECTED_FAILURES, VALUES
from qe_manifest import QueryTest, load_tests, local_path, referenced_files
from qe_results import Boolean, Rows, Triples, difference, isomorphic, stored_form
from qe_run import HttpRunner, Outcome, expected, from_graphs, run_in_process
from w3c_state import SUMMARY, TOKEN

pytestmark = pytest.mark.server

TESTS = load_tests()


class EngineFailure(AssertionError):
    """pyoxigraph's own answer is not the test's (over HTTP too)."""


@pytest.fixture(scope="module")
def in_process() -> dict[str, Outcome]:
    return {t.name: run_in_process(t) for t in TESTS}


@pytest.fixture(scope="module")
def over_http(w3c_server: LiveServer) -> dict[str, Outcome]:
    started = time.monotonic()
    outcomes = HttpRunner(w3c_server.url, TOKEN).run(TESTS)
    passed = sum(o.passed for o in outcomes)
    SUMMARY.append(
        f"W3C SPARQL 1.0 + 1.1 query evaluation over HTTP: {passed}/{len(outcomes)} "
        f"({len(EXPECTED_FAILURES)} engine failures listed; {time.monotonic() - started:.1f} s)"
    )
    return {o.test.name: o for o in outcomes}


def _param(test: QueryTest) -> object:
    reason = EXPECTED_FAILURES.get(test.name)
    if reason is None:
        return pytest.param(test, id=test.name)
    mark = pytest.mark.xfail(reason=reason, raises=EngineFailure, strict=True)
    return pytest.param(test, id=test.name, marks=mark)


@pytest.mark.parametrize("test", [_param(t) for t in TESTS])
def test_query_evaluation(
    test: QueryTest, in_process: dict[str, Outcome], over_http: dict[str, Outcome]
) -> None:
    engine, http = in_process[test.name], over_http[test.name]
    # The endpoint answers what the engine answers, right or wrong.
    if engine.actual is None:
        assert http.actual is None, f"the engine failed ({engine.problem}), HTTP answered"
    else:
        assert http.actual is not None, f"over HTTP: {http.problem}"
        same = difference(engine.actual, http.actual, ordered=False, lax=test.lax)
        assert same is None, f"over HTTP the answer is not the engine's: {same}"
    assert http.passed == engine.passed, f"in-process: {engine.problem}; HTTP: {http.problem}"
    if not engine.passed:
        raise EngineFailure(engine.problem)


def test_the_copied_suites_are_whole() -> None:
    """428 tests (SPARQL 1.0: 245 without the 4 withdrawn; 1.1: 183 without entailment and
    federation), every file they read copied, every listed failure a test of the suites."""
    suites = Counter(t.name.split("/")[0] for t in TESTS)
    assert suites == {"sparql10": 245, "sparql11": 183}
    assert sum(t.kind == "csv" for t in TESTS) == 3
    assert len({t.name for t in TESTS}) == len(TESTS)
    files = referenced_files(TESTS) | {g for t in TESTS for g in from_graphs(t)}
    assert [f for f in files if not local_path(f).is_file()] == []
    assert set(EXPECTED_FAILURES) <= {t.name for t in TESTS}
    assert not any(t.name.startswith(("sparql11/entailment", "sparql11/service")) for t in TESTS)


def test_the_value_failures_pass_with_literals_as_the_store_keeps_them(
    in_process: dict[str, Outcome],
) -> None:
    """The reason given for them is the reason: put the expected literals through the store
    and the engine's answer is right."""
    listed = [t for t in TESTS if EXPECTED_FAILURES.get(t.name) == VALUES]
    assert len(listed) == 20
    for test in listed:
        want, ordered = expected(test)
        actual = in_process[test.name].actual
        assert actual is not None
        assert difference(want, actual, ordered=ordered, lax=test.lax) is not None
        assert difference(stored_form(want), actual, ordered=ordered, lax=test.lax) is None


def test_the_comparison_can_fail() -> None:
    """Blank nodes match one to one, rows as a multiset, in order only when asked."""
    a, b, c = ("B", "a"), ("B", "b"), ("I", "http://e/x")
    two_blanks = [(("x", a),), (("x", b),)]
    assert isomorphic(two_blanks, [(("x", b),), (("x", a),)], ordered=False)
    assert not isomorphic(two_blanks, [(("x", a),), (("x", a),)], ordered=False)
    assert not isomorphic([(("x", a), ("y", a))], [(("x", a), ("y", b))], ordered=False)
    rows = Rows(("x",), [(("x", c),), (("x", ("L", "1", "t", "")),)])
    flipped = Rows(("x",), rows.rows[::-1])
    assert difference(rows, flipped, ordered=False, lax=False) is None
    assert difference(rows, flipped, ordered=True, lax=False) is not None
    assert difference(rows, Rows(("x",), rows.rows * 2), ordered=False, lax=False) is not None
    assert difference(rows, Rows(("x",), rows.rows * 2), ordered=False, lax=True) is None
    assert difference(Boolean(True), Boolean(False), ordered=False, lax=False) is not None
    assert difference(rows, Triples([]), ordered=False, lax=False) is not None
    assert difference(rows, Rows(("y",), rows.rows), ordered=False, lax=False) is not None
