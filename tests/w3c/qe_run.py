"""Running the W3C query-evaluation tests in-process (pyoxigraph) and over HTTP (the endpoint).

In-process, each test gets a fresh in-memory store: its data in the default graph, its named
graphs (and the graphs its ``FROM`` clauses name) under their URLs, the query parsed with its
file's URL as base — what the engine does on its own.

Over HTTP, one server holds every named graph of every test at once (a graph is named by its
file's URL, so two tests naming one graph mean the same triples) and the store's default graph
holds one test's data at a time: tests are grouped by their data, the default graph is
replaced once per group (Graph Store Protocol ``PUT ?default``), and the group's queries run
concurrently. A query asks for the dataset as the test defines it: ``default-graph-uri`` =
the IRI the Service Description advertises for the store's own default graph, one
``named-graph-uri`` per named graph, and ``base-uri`` = the query file's URL. A query with its
own ``FROM`` gets no protocol dataset, as the protocol dataset would replace it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urljoin

import httpx
import pyoxigraph as ox
from qe_manifest import QueryTest, local_path
from qe_results import (
    RDF_FORMATS,
    Result,
    difference,
    from_engine,
    parse_results,
    read_csv,
    read_expected,
)

from kg.sparql.tokens import form_of, tokens_of, top_level_keywords

SD = "http://www.w3.org/ns/sparql-service-description#"
ACCEPT = {
    ".srx": "application/sparql-results+xml",
    ".srj": "application/sparql-results+json",
    ".tsv": "text/tab-separated-values",
    ".csv": "text/csv",
}
GRAPH_ACCEPT = "application/n-triples"


@dataclass(frozen=True)
class Outcome:
    test: QueryTest
    actual: Result | None  # None: the query failed (``problem`` says how)
    problem: str | None  # None: the expected result

    @property
    def passed(self) -> bool:
        return self.problem is None


def query_text(test: QueryTest) -> str:
    return local_path(test.query).read_text(encoding="utf-8")


def from_graphs(test: QueryTest) -> list[str]:
    """The graphs the query's own ``FROM`` / ``FROM NAMED`` clauses name (resolved)."""
    tokens = tokens_of(query_text(test))
    found = []
    for i in top_level_keywords(tokens, "FROM"):
        j = i + 2 if tokens[i + 1].is_keyword("NAMED") else i + 1
        if tokens[j].kind == "iri":
            found.append(urljoin(test.query, tokens[j].text[1:-1]))
    return found


def _format(url: str) -> ox.RdfFormat:
    return RDF_FORMATS[local_path(url).suffix]


def parse_file(url: str) -> list[ox.Triple]:
    """The triples of the file at ``url``, its blank nodes fresh (the parser keeps labels)."""
    fresh: dict[ox.BlankNode, ox.BlankNode] = {}

    def own(t: Any) -> Any:
        return fresh.setdefault(t, ox.BlankNode()) if isinstance(t, ox.BlankNode) else t

    quads = ox.parse(path=str(local_path(url)), format=_format(url), base_iri=url)
    return [ox.Triple(own(q.subject), q.predicate, own(q.object)) for q in quads]


def expected(test: QueryTest) -> tuple[Result, bool]:
    return read_expected(local_path(test.result), test.result)


def _outcome(test: QueryTest, run: Callable[[], Result]) -> Outcome:
    try:
        actual = run()
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        return Outcome(test, None, f"{type(exc).__name__}: {exc}")
    want, ordered = expected(test)
    return Outcome(test, actual, difference(want, actual, ordered=ordered, lax=test.lax))


# -- in-process --------------------------------------------------------------------------------
def run_in_process(test: QueryTest) -> Outcome:
    def run() -> Result:
        store = ox.Store()  # load() gives each file's blank nodes fresh names
        for url in test.data:
            store.load(path=str(local_path(url)), format=_format(url), base_iri=url)
        for url in {*test.graph_data, *from_graphs(test)}:
            path, graph = str(local_path(url)), ox.NamedNode(url)
            store.load(path=path, format=_format(url), base_iri=url, to_graph=graph)
        result = store.query(query_text(test), base_iri=test.query)
        if test.kind == "csv":
            return read_csv(result.serialize(format=ox.QueryResultsFormat.CSV).decode())
        return from_engine(result)

    return _outcome(test, run)


# -- over HTTP ---------------------------------------------------------------------------------
class HttpError(RuntimeError):
    """The endpoint did not answer 200."""


class HttpRunner:
    """The tests against the endpoint at ``base`` (``http://host:port``), writes with ``token``."""

    def __init__(self, base: str, token: str, *, concurrency: int = 4) -> None:
        self.client = httpx.Client(base_url=base, timeout=60)
        self.auth = {"Authorization": f"Bearer {token}"}
        self.concurrency = concurrency
        self.default_graph = self.advertised_default_graph()

    def advertised_default_graph(self) -> str:
        """The IRI the Service Description gives for the store's own default graph: the one
        graph of ``sd:availableGraphs``."""
        response = self.client.get("/sparql", headers={"Accept": GRAPH_ACCEPT})
        response.raise_for_status()
        triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))

        def objects(subjects: set[Any], predicate: str) -> set[Any]:
            iri = SD + predicate
            return {t.object for t in triples if t.subject in subjects and t.predicate.value == iri}

        services = {t.subject for t in triples if t.predicate.value == SD + "availableGraphs"}
        names = objects(objects(objects(services, "availableGraphs"), "namedGraph"), "name")
        if len(names) != 1:
            raise AssertionError(f"expected one available graph, the store's own default: {names}")
        return str(names.pop().value)

    def put(self, target: str, triples: Iterable[ox.Triple]) -> None:
        response = self.client.put(
            f"/store?{target}",
            content=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
            headers={**self.auth, "Content-Type": GRAPH_ACCEPT},
        )
        if response.status_code >= 300:
            raise AssertionError(f"PUT /store?{target}: {response.status_code} {response.text}")

    def request(self, test: QueryTest) -> tuple[list[tuple[str, str]], str]:
        """The form fields and the ``Accept`` header that ask for ``test``."""
        text = query_text(test)
        fields = [("query", text), ("base-uri", test.query)]
        if not from_graphs(test):
            fields.append(("default-graph-uri", self.default_graph))
            fields += [("named-graph-uri", g) for g in test.graph_data]
        if form_of(tokens_of(text)) in ("construct", "describe"):
            return fields, GRAPH_ACCEPT
        return fields, ACCEPT.get(local_path(test.result).suffix, ACCEPT[".srj"])

    def query(self, test: QueryTest) -> Outcome:
        def run() -> Result:
            fields, accept = self.request(test)
            response = self.client.post(
                "/sparql",
                content=urlencode(fields, quote_via=quote),
                headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
            )
            if response.status_code != 200:
                raise HttpError(f"HTTP {response.status_code}: {response.text[:500]}")
            return parse_results(response.content, response.headers["content-type"])

        return _outcome(test, run)

    def run(self, tests: list[QueryTest]) -> list[Outcome]:
        named = sorted({g for t in tests for g in (*t.graph_data, *from_graphs(t))})
        for url in named:
            self.put(f"graph={quote(url, safe='')}", parse_file(url))
        outcomes: list[Outcome] = []

        def key(t: QueryTest) -> tuple[str, ...]:
            return t.data

        with ThreadPoolExecutor(self.concurrency) as pool:
            for data, group in itertools.groupby(sorted(tests, key=key), key=key):
                self.put("default", (t for url in data for t in parse_file(url)))
                outcomes += pool.map(self.query, list(group))
        return outcomes
