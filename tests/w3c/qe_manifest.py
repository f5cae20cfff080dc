"""Reading the W3C SPARQL 1.0 and 1.1 query-evaluation manifests (``data/query/``).

The tests name their files by the W3C's own URLs (``http://www.w3.org/2001/sw/DataAccess/tests/
data-r2/basic/manifest#…``): those are the base IRIs of their queries and data, and expected
results hold IRIs made from them, so the manifests are read with those URLs as base and each
URL is mapped back to the copy here. Entailment and federation (``service/``) tests are not
copied; withdrawn tests are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

QUERY_DATA = Path(__file__).resolve().parent / "data" / "query"
# Where each suite lives on the W3C site, and where its copy is here.
SUITES = {
    "sparql10": "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/",
    "sparql11": "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/",
}
TOP_MANIFESTS = {"sparql10": "manifest-evaluation.ttl", "sparql11": "manifest-all.ttl"}
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
KINDS = {MF.QueryEvaluationTest: "query", MF.CSVResultFormatTest: "csv"}


@dataclass(frozen=True)
class QueryTest:
    """One evaluation test; every file is named by its W3C URL (:func:`local_path` reads it)."""

    iri: str
    kind: str  # "query", or "csv" for the CSV result format tests
    query: str
    data: tuple[str, ...]  # loaded into the default graph
    graph_data: tuple[str, ...]  # loaded as named graphs, each named by its URL
    result: str
    lax: bool  # mf:LaxCardinality: duplicates do not count (REDUCED)

    @property
    def name(self) -> str:
        """``suite/dir/test``: short, and unique across both suites."""
        for suite, prefix in SUITES.items():
            if self.iri.startswith(prefix):
                folder, _, test = self.iri.removeprefix(prefix).partition("/manifest#")
                return f"{suite}/{folder}/{test}"
        return self.iri


def local_path(url: str) -> Path:
    """The copy of the W3C file at ``url``."""
    for suite, prefix in SUITES.items():
        if url.startswith(prefix):
            return QUERY_DATA / suite / url.removeprefix(prefix)
    raise ValueError(f"{url} is not a file of the copied W3C suites")


def _items(g: Graph, head: object) -> list[object]:
    return list(Collection(g, head))  # type: ignore[arg-type]


def _read(manifest_url: str, tests: list[QueryTest]) -> None:
    path = local_path(manifest_url)
    if not path.exists():  # an included suite that is not copied: update, syntax, service …
        return
    g = Graph().parse(path, format="turtle", publicID=manifest_url)
    for root in g.subjects(RDF.type, MF.Manifest):
        included = g.value(root, MF.include)
        for child in _items(g, included) if included is not None else []:
            _read(str(child), tests)
        entries = g.value(root, MF.entries)
        for entry in _items(g, entries) if entries is not None else []:
            test = _test(g, entry)
            if test is not None:
                tests.append(test)


def _test(g: Graph, entry: object) -> QueryTest | None:
    kind = KINDS.get(g.value(entry, RDF.type))  # type: ignore[arg-type]
    if kind is None or g.value(entry, DAWGT.approval) == DAWGT.Withdrawn:  # type: ignore[arg-type]
        return None
    action = g.value(entry, MF.action)  # type: ignore[arg-type]
    graph_data = []
    for node in g.objects(action, QT.graphData):
        # SPARQL 1.1 manifests may name the graph apart from its file; none of the copied
        # query tests does, so a named graph is always named by its file's URL.
        if g.value(node, QT.graph) is not None or g.value(node, RDFS.label) is not None:
            raise ValueError(f"{entry}: a named graph with its own name is not supported")
        graph_data.append(str(node))
    return QueryTest(
        iri=str(entry),
        kind=kind,
        query=str(g.value(action, QT.query)),
        data=tuple(sorted(str(d) for d in g.objects(action, QT.data))),
        graph_data=tuple(sorted(graph_data)),
        result=str(g.value(entry, MF.result)),  # type: ignore[arg-type]
        lax=g.value(entry, MF.resultCardinality) == MF.LaxCardinality,  # type: ignore[arg-type]
    )


def load_tests() -> list[QueryTest]:
    """Every copied query-evaluation test, SPARQL 1.0 first, in manifest order."""
    tests: list[QueryTest] = []
    for suite, top in TOP_MANIFESTS.items():
        _read(SUITES[suite] + top, tests)
    return tests


def referenced_files(tests: list[QueryTest]) -> set[str]:
    """Every file the tests read (queries, data, named graphs, results), as URLs."""
    return {f for t in tests for f in (t.query, t.result, *t.data, *t.graph_data)}
