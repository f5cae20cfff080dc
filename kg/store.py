"""The embedded RDF store: the only module that imports pyoxigraph.

Its interface speaks rdflib terms, paths, bytes and :class:`kg.formats.Format`, never
pyoxigraph types, so that a remote SPARQL backend can sit behind it later.

>>> store = Store()
>>> store.load(b'<http://e/s> <http://e/p> "o" <http://e/g> .', format=NQUADS)
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }")
[{'o': rdflib.term.Literal('o')}]
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from kg.formats import NQUADS, Format

log = logging.getLogger(__name__)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
QueryKind = Literal["select", "ask", "graph"]
STORE_DEFAULT_GRAPH = ""
"""In a query's list of default graphs, the store's own default graph (no IRI is empty)."""

_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

__all__ = [
    "NQUADS",
    "STORE_DEFAULT_GRAPH",
    "EngineTerm",
    "QueryKind",
    "QueryOutcome",
    "ResultTerm",
    "Store",
    "StoreError",
    "TermView",
    "parse_to_ntriples",
    "result_term",
]


def parse_to_ntriples(data: bytes, fmt: Format, base_iri: str | None, output: IO[bytes]) -> int:
    """Parse ``data`` and write its triples (quads lose their graph) to ``output`` as
    N-Triples, which load without recursion however deeply the input nested; the count."""
    parsed = ox.parse(data, format=_rdf_format(fmt), base_iri=base_iri)
    triples = [q.triple if isinstance(q, ox.Quad) else q for q in parsed]
    ox.serialize(triples, output, ox.RdfFormat.N_TRIPLES)
    return len(triples)


class StoreError(OSError):
    """The store directory could not be opened or written."""


class ResultTerm(NamedTuple):
    """A term of a SELECT solution, in the shape the SPARQL results formats need."""

    kind: Literal["uri", "bnode", "literal", "triple"]
    value: str
    datatype: str | None = None
    language: str | None = None


EngineTerm = Any  # a term as the engine gives it: hashable, compared by value, opaque outside
TermView = Callable[[EngineTerm], "ResultTerm"]
SolutionsWriter = Callable[
    [IO[bytes], Format, list[str], Iterator[tuple[EngineTerm | None, ...]], TermView], int
]


@dataclass(frozen=True)
class QueryOutcome:
    """What :meth:`Store.query_stream` wrote: the query kind, rows (or triples), and whether the
    result was cut at ``max_rows``."""

    kind: QueryKind
    rows: int
    truncated: bool


def result_term(term: EngineTerm) -> ResultTerm:
    """The results-format view of one engine term of a solution (never ``None``)."""
    if isinstance(term, ox.NamedNode):
        return ResultTerm("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ResultTerm("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ResultTerm("literal", term.value, term.datatype.value, term.language)
    if isinstance(term, ox.Triple):
        return ResultTerm("triple", str(term))
    raise ValueError(f"Unexpected term: {term!r}")


def _rdf_format(fmt: Format) -> ox.RdfFormat:
    try:
        return _RDF_FORMATS[fmt.name]
    except KeyError:
        raise ValueError(f"{fmt.label} is not an RDF serialisation") from None


def _result_format(fmt: Format) -> ox.QueryResultsFormat:
    try:
        return _RESULT_FORMATS[fmt.name]
    except KeyError:
        raise ValueError(f"{fmt.label} is not a SPARQL results format") from None


def to_rdflib(term: Any) -> Node:
    """pyoxigraph term → rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return RLiteral(term.value)
        return RLiteral(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return URIRef("urn:x-default-graph")
    raise ValueError(f"Unexpected term: {term!r}")


def _graph_name(term: Any) -> str | None:
    """A quad's graph as text: ``None`` for the default graph, ``_:id`` for a blank node."""
    if isinstance(term, ox.DefaultGraph):
        return None
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


def to_oxigraph(term: Node) -> Any:
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise ValueError(f"Unexpected term: {term!r}")


def _graph_node(graph: str | None) -> Any:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


class _Closed:
    """Stands in for the engine's store after :meth:`Store.close`: any use is a StoreError."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # introspection (hasattr, inspect, doctest) is not use
            raise AttributeError(name)
        raise StoreError("the store is closed")

    def __len__(self) -> int:
        raise StoreError("the store is closed")


_CLOSED: Any = _Closed()


class Store:
    """An on-disk (or, with ``path=None``, in-memory) RDF dataset.

    ``read_only=True`` opens an existing directory for reading from any number of processes.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"store directory {self.path} does not exist")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- writing -------------------------------------------------------------------------------
    def load(
        self,
        data: bytes | str | Path,
        *,
        format: Format,
        base_iri: str | None = None,
        graph: str | None = None,
    ) -> None:
        """Bulk-load a serialisation (bytes, text or a file path). ``SyntaxError`` on bad input."""
        kwargs: dict[str, Any] = {"format": _rdf_format(format), "base_iri": base_iri}
        if graph is not None:
            kwargs["to_graph"] = ox.NamedNode(graph)
        if isinstance(data, Path):
            self._store.bulk_load(path=str(data), **kwargs)
        else:
            self._store.bulk_load(data, **kwargs)

    def add(self, triples: Iterable[tuple[Node, Node, Node]], *, graph: str | None = None) -> None:
        g = _graph_node(graph)
        self._store.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g) for s, p, o in triples
        )

    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run SPARQL Update. ``SyntaxError`` on a bad update."""
        self._store.update(update, base_iri=base_iri)

    def clear_graph(self, graph: str | None) -> None:
        if graph is None:
            self._store.clear_graph(ox.DefaultGraph())
        else:
            self._store.remove_graph(ox.NamedNode(graph))

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        """Release the RocksDB handle now (its background threads stop), not when garbage-collected.

        Tracebacks keep frames, and frames keep this object: without ``close`` a failed build would
        still hold its store open while the directory is being removed.
        """
        self._store = _CLOSED

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def optimize(self) -> None:
        self._store.optimize()

    # -- reading -------------------------------------------------------------------------------
    def _query(
        self,
        query: str,
        *,
        bindings: Mapping[str, Node] | None,
        union: bool,
        default_graphs: list[str] | None,
        named_graphs: list[str] | None,
        base_iri: str | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = union
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if bindings:
            kwargs["substitutions"] = {
                ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()
            }
        try:
            return self._store.query(query, **kwargs)
        except RuntimeError as exc:
            # pyoxigraph reports a substituted variable missing from the projection this way
            raise ValueError(f"cannot bind {sorted(bindings or {})}: {exc}") from exc

    def select(
        self,
        query: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        union: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> list[dict[str, Node]]:
        """SELECT → list of ``{variable: rdflib term}`` (unbound variables left out).

        ``bindings`` are substituted for variables (SEP-0007), never formatted into the text.
        """
        result = self._query(
            query,
            bindings=bindings,
            union=union,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
        )
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[dict[str, Node]] = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return rows

    def ask(
        self, query: str, *, bindings: Mapping[str, Node] | None = None, union: bool = True
    ) -> bool:
        result = self._query(
            query, bindings=bindings, union=union, default_graphs=None, named_graphs=None
        )
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("ask() needs an ASK query")
        return bool(result)

    def construct(
        self, query: str, *, bindings: Mapping[str, Node] | None = None, union: bool = True
    ) -> Graph:
        """CONSTRUCT/DESCRIBE → an rdflib :class:`Graph`."""
        result = self._query(
            query, bindings=bindings, union=union, default_graphs=None, named_graphs=None
        )
        if not isinstance(result, ox.QueryTriples):
            raise ValueError("construct() needs a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in result:
            graph.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        return graph

    def query_to(
        self,
        query: str,
        output: IO[bytes],
        *,
        result_format: Format,
        rdf_format: Format,
        union: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        bindings: Mapping[str, Node] | None = None,
        base_iri: str | None = None,
    ) -> QueryKind:
        """Run any query and serialise its result to ``output``; returns the query kind."""
        result = self._query(
            query,
            bindings=bindings,
            union=union,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
        )
        if isinstance(result, ox.QueryTriples):
            result.serialize(output, _rdf_format(rdf_format))
            return "graph"
        result.serialize(output, _result_format(result_format))
        return "ask" if isinstance(result, ox.QueryBoolean) else "select"

    def triples(
        self,
        subject: Node | None = None,
        predicate: Node | None = None,
        obj: Node | None = None,
        *,
        graph: str | None = None,
    ) -> Iterator[tuple[Node, Node, Node, str | None]]:
        """Quads matching a pattern in any graph (or in ``graph``): rdflib terms and the graph's
        name (``None`` for the default graph, ``_:id`` for a blank node)."""
        s, p, o = (None if t is None else to_oxigraph(t) for t in (subject, predicate, obj))
        g = ox.NamedNode(graph) if graph is not None else None
        for quad in self._store.quads_for_pattern(s, p, o, g):
            yield (
                to_rdflib(quad.subject),
                to_rdflib(quad.predicate),
                to_rdflib(quad.object),
                _graph_name(quad.graph_name),
            )

    def named_graphs(self) -> list[str]:
        """The names of the named graphs: IRIs, and ``_:id`` for a graph named by a blank node
        (an N-Quads or TriG file may name one so), which is not mistaken for an IRI."""
        return sorted(name for g in self._store.named_graphs() if (name := _graph_name(g)))

    def dump(self, output: IO[bytes] | Path, *, format: Format, graph: str | None = None) -> None:
        """Serialise the dataset (or one graph) without holding it in memory."""
        kwargs: dict[str, Any] = {"format": _rdf_format(format)}
        if graph is not None:
            kwargs["from_graph"] = ox.NamedNode(graph)
        self._store.dump(str(output) if isinstance(output, Path) else output, **kwargs)

    # -- the SPARQL endpoint -------------------------------------------------------------------
    def query_stream(
        self,
        query: str,
        output: IO[bytes],
        *,
        result_format: Format,
        rdf_format: Format,
        max_rows: int,
        write_solutions: SolutionsWriter,
        union: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryOutcome:
        """Run any query and write at most ``max_rows`` rows (or triples) of its result.

        A dataset given by the protocol (``default_graphs`` / ``named_graphs``, either may be an
        empty list) replaces the query's own ``FROM`` clauses entirely; otherwise ``union`` makes
        the default graph the union of all graphs. ``STORE_DEFAULT_GRAPH`` among the default
        graphs is the store's own default graph. SELECT rows go through ``write_solutions``
        (the engine's serialisers cannot stop early); graphs use the engine's serialisers.
        """
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if default_graphs is not None or named_graphs is not None:
            kwargs["default_graph"] = [
                ox.DefaultGraph() if g == STORE_DEFAULT_GRAPH else ox.NamedNode(g)
                for g in default_graphs or []
            ]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
        else:
            kwargs["use_default_graph_as_union"] = union
        result = self._store.query(query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            result.serialize(output, _result_format(result_format))
            return QueryOutcome("ask", 1, truncated=False)
        if isinstance(result, ox.QueryTriples):
            triples = iter(result)
            counter = itertools.count()
            limited = (t for t, _ in zip(triples, counter, strict=False))
            ox.serialize(itertools.islice(limited, max_rows), output, _rdf_format(rdf_format))
            rows = min(next(counter), max_rows)
            return QueryOutcome("graph", rows, truncated=next(triples, None) is not None)
        names = [v.value for v in result.variables]
        solutions = iter(result)
        # Rows of engine terms (``None`` where unbound); the writer asks ``result_term`` for the
        # terms it has not met yet and remembers their text.
        rows_iter = map(tuple, solutions)
        written = write_solutions(
            output, result_format, names, itertools.islice(rows_iter, max_rows), result_term
        )
        return QueryOutcome("select", written, truncated=next(solutions, None) is not None)

    def has_graph(self, graph: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph)))

    def put_graph(
        self, data: bytes, *, format: Format, graph: str | None, base_iri: str | None, replace: bool
    ) -> None:
        """Replace (``replace=True``) or add to one graph's triples, in one transaction.

        The body is parsed first (``SyntaxError`` with line and column on bad input), so a bad
        document changes nothing; quads formats are merged into the target graph.
        """
        parsed = ox.parse(data, format=_rdf_format(format), base_iri=base_iri)
        triples = [q.triple if isinstance(q, ox.Quad) else q for q in parsed]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        target = "DEFAULT" if graph is None else f"GRAPH <{ox.NamedNode(graph).value}>"
        ops: list[str] = []
        if replace:
            ops.append(f"CLEAR SILENT {target}" if graph is None else f"DROP SILENT {target}")
        if graph is not None:
            ops.append(f"CREATE SILENT {target}")
        if triples:
            inner = body.decode("utf-8")
            ops.append(
                f"INSERT DATA {{ {inner} }}"
                if graph is None
                else f"INSERT DATA {{ {target} {{ {inner} }} }}"
            )
        if ops:
            self._store.update(" ;\n".join(ops))

    def backup(self, target: Path) -> None:
        """A consistent snapshot of an on-disk store in ``target`` (hard links, cheap)."""
        self._store.backup(str(target))

    def __len__(self) -> int:
        return len(self._store)
