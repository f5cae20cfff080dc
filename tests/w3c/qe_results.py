"""Results of the W3C query-evaluation tests: read (expected or actual) and compared.

Everything is read with pyoxigraph, which keeps every literal's lexical form as written (rdflib
would normalise ``"01"^^xsd:integer`` to ``"1"`` and hide a difference). A result is a boolean,
a multiset of rows, a set of triples, or CSV text rows; blank nodes match under a bijection of
their labels, rows in order only where the query orders them.

>>> a = Rows(("x",), [(("x", ("B", "a")),)])
>>> b = Rows(("x",), [(("x", ("B", "z")),)])
>>> difference(a, b, ordered=False, lax=False) is None
True
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RESULTS_FORMATS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".nt": ox.RdfFormat.N_TRIPLES,
}

Term = tuple[str, ...]  # ("I", iri) | ("B", label) | ("L", lexical, datatype, language)
Item = tuple[tuple[Any, Term], ...]  # a row: (variable, term) pairs; a triple: (position, term)


@dataclass(frozen=True)
class Boolean:
    value: bool


@dataclass(frozen=True)
class Rows:
    variables: tuple[str, ...]
    rows: list[Item]


@dataclass(frozen=True)
class Triples:
    triples: list[Item]


@dataclass(frozen=True)
class CsvText:
    rows: list[tuple[str, ...]]


Result = Boolean | Rows | Triples | CsvText


def term(value: Any) -> Term:
    if isinstance(value, ox.NamedNode):
        return ("I", value.value)
    if isinstance(value, ox.BlankNode):
        return ("B", value.value)
    if isinstance(value, ox.Literal):
        return ("L", value.value, value.datatype.value, value.language or "")
    raise ValueError(f"Unexpected term: {value!r}")


def _row(solution: Any, variables: Sequence[str]) -> Item:
    pairs = ((v, solution[v]) for v in variables)
    return tuple(sorted((v, term(t)) for v, t in pairs if t is not None))


def from_engine(result: Any) -> Result:
    """A pyoxigraph query result (or parsed results) as a :data:`Result`."""
    if isinstance(result, ox.QueryBoolean):
        return Boolean(bool(result))
    if isinstance(result, ox.QueryTriples):
        return from_triples(result)
    variables = tuple(v.value for v in result.variables)
    return Rows(variables, [_row(s, variables) for s in result])


def from_triples(triples: Iterable[Any]) -> Triples:
    return Triples(
        [((0, term(t.subject)), (1, term(t.predicate)), (2, term(t.object))) for t in triples]
    )


def read_csv(data: str) -> CsvText:
    return CsvText([tuple(row) for row in csv.reader(io.StringIO(data))])


def parse_results(data: bytes, media_type: str) -> Result:
    """A response body in a SPARQL results or RDF media type."""
    media = media_type.split(";")[0].strip().lower()
    if media == "text/csv":
        return read_csv(data.decode("utf-8"))
    results_format = ox.QueryResultsFormat.from_media_type(media)
    if results_format is not None:
        return from_engine(ox.parse_query_results(data, results_format))
    rdf_format = ox.RdfFormat.from_media_type(media)
    if rdf_format is None:
        raise ValueError(f"a response in {media}, which is neither results nor RDF")
    return from_triples(ox.parse(data, rdf_format))


def read_expected(path: Path, url: str) -> tuple[Result, bool]:
    """The expected result in ``path`` (the file at ``url``) and whether its rows are ordered
    (an RDF result set with ``rs:index``)."""
    suffix = path.suffix
    if suffix == ".csv":
        return read_csv(path.read_text(encoding="utf-8")), False
    if suffix in RESULTS_FORMATS:
        return from_engine(
            ox.parse_query_results(path=str(path), format=RESULTS_FORMATS[suffix])
        ), False
    quads = list(ox.parse(path=str(path), format=RDF_FORMATS[suffix], base_iri=url))
    result_sets = [
        q.subject
        for q in quads
        if q.predicate.value == RDF_TYPE and q.object == ox.NamedNode(RS + "ResultSet")
    ]
    if not result_sets:
        return from_triples(q.triple for q in quads), False
    return _result_set(quads, result_sets[0])


def _result_set(quads: list[Any], root: Any) -> tuple[Result, bool]:
    """The DAWG result-set vocabulary (``rs:``) read into rows."""
    about: dict[Any, dict[str, list[Any]]] = {}
    for q in quads:
        about.setdefault(q.subject, {}).setdefault(q.predicate.value.removeprefix(RS), []).append(
            q.object
        )
    props = about[root]
    if "boolean" in props:
        return Boolean(props["boolean"][0].value == "true"), False
    variables = tuple(v.value for v in props.get("resultVariable", []))
    rows: list[tuple[int, Item]] = []
    ordered = False
    for solution in props.get("solution", []):
        node = about.get(solution, {})
        index = node.get("index")
        ordered = ordered or index is not None
        pairs = []
        for binding in node.get("binding", []):
            b = about[binding]
            pairs.append((b["variable"][0].value, term(b["value"][0])))
        rows.append((int(index[0].value) if index else 0, tuple(sorted(pairs))))
    rows.sort(key=lambda r: r[0])
    return Rows(variables, [r for _, r in rows]), ordered


# -- comparison --------------------------------------------------------------------------------
def difference(expected: Result, actual: Result, *, ordered: bool, lax: bool) -> str | None:
    """``None`` if ``actual`` is ``expected`` (blank nodes up to renaming), else what differs."""
    if type(expected) is not type(actual):
        return f"expected a {type(expected).__name__}, got a {type(actual).__name__}"
    if isinstance(expected, Boolean):
        assert isinstance(actual, Boolean)
        return None if expected == actual else f"expected {expected.value}, got {actual.value}"
    if isinstance(expected, CsvText):
        assert isinstance(actual, CsvText)
        return _compare_csv(expected.rows, actual.rows)
    if isinstance(expected, Rows):
        assert isinstance(actual, Rows)
        if expected.variables and set(expected.variables) != set(actual.variables):
            return f"variables {sorted(actual.variables)}, expected {sorted(expected.variables)}"
        want, got = expected.rows, actual.rows
    else:
        assert isinstance(expected, Triples) and isinstance(actual, Triples)
        # A graph is a set: a triple written twice is one triple.
        want, got, ordered, lax = expected.triples, actual.triples, False, True
    if lax:
        want, got = list(dict.fromkeys(want)), list(dict.fromkeys(got))
    if len(want) != len(got):
        return f"{len(got)} rows, expected {len(want)}:\n{_show(got)}\nexpected:\n{_show(want)}"
    if isomorphic(want, got, ordered=ordered):
        return None
    how = "in this order " if ordered else ""
    return f"rows differ {how}:\n{_show(got)}\nexpected:\n{_show(want)}"


def _show(items: list[Item], limit: int = 12) -> str:
    lines = ["  " + " ".join(f"{k}={_text(t)}" for k, t in item) for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"  … {len(items) - limit} more")
    return "\n".join(lines)


def _text(t: Term) -> str:
    if t[0] == "I":
        return f"<{t[1]}>"
    if t[0] == "B":
        return f"_:{t[1]}"
    return f'"{t[1]}"' + (f"@{t[3]}" if t[3] else f"^^<{t[2]}>")


def _blanks(item: Item) -> list[str]:
    return [t[1] for _, t in item if t[0] == "B"]


def _shape(item: Item) -> Item:
    """The item with its blank nodes made anonymous: items that can match share a shape."""
    return tuple((k, ("B", "") if t[0] == "B" else t) for k, t in item)


def _extend(mapping: dict[str, str], back: dict[str, str], a: Item, b: Item) -> list[str] | None:
    """Bind ``a``'s blank nodes to ``b``'s; the labels added, or ``None`` on a conflict."""
    added: list[str] = []
    for (ka, ta), (kb, tb) in zip(a, b, strict=True):
        if ka != kb or ta[0] != tb[0]:
            return _undo(mapping, back, added)
        if ta[0] != "B":
            if ta != tb:
                return _undo(mapping, back, added)
            continue
        x, y = ta[1], tb[1]
        if x in mapping or y in back:
            if mapping.get(x) != y or back.get(y) != x:
                return _undo(mapping, back, added)
            continue
        mapping[x], back[y] = y, x
        added.append(x)
    return added


def _undo(mapping: dict[str, str], back: dict[str, str], added: list[str]) -> None:
    for x in added:
        del back[mapping.pop(x)]


def isomorphic(want: list[Item], got: list[Item], *, ordered: bool) -> bool:
    """Equal up to a one-to-one renaming of blank nodes (positionally if ``ordered``)."""
    mapping: dict[str, str] = {}
    back: dict[str, str] = {}
    if ordered:
        return all(
            len(a) == len(b) and _extend(mapping, back, a, b) is not None
            for a, b in zip(want, got, strict=True)
        )
    ground_want = Counter(i for i in want if not _blanks(i))
    ground_got = Counter(i for i in got if not _blanks(i))
    if ground_want != ground_got:
        return False
    open_want = [i for i in want if _blanks(i)]
    open_got = [i for i in got if _blanks(i)]
    if Counter(map(_shape, open_want)) != Counter(map(_shape, open_got)):
        return False
    # Most constrained first: the items whose shape is rarest.
    shapes = Counter(map(_shape, open_want))
    open_want.sort(key=lambda i: (shapes[_shape(i)], -len(_blanks(i))))
    by_shape: dict[Item, list[int]] = {}
    for j, item in enumerate(open_got):
        by_shape.setdefault(_shape(item), []).append(j)
    used = [False] * len(open_got)

    def search(k: int) -> bool:
        if k == len(open_want):
            return True
        a = open_want[k]
        for j in by_shape[_shape(a)]:
            if used[j]:
                continue
            added = _extend(mapping, back, a, open_got[j])
            if added is None:
                continue
            used[j] = True
            if search(k + 1):
                return True
            used[j] = False
            _undo(mapping, back, added)
        return False

    return search(0)


def _compare_csv(want: list[tuple[str, ...]], got: list[tuple[str, ...]]) -> str | None:
    """CSV loses types: rows of strings, blank nodes (``_:x``) renamed. Columns are matched by
    their header: the order of ``SELECT *``'s variables is the engine's to choose."""
    if not want or not got or sorted(want[0]) != sorted(got[0]):
        return f"header {got[:1]}, expected {want[:1]}"

    def items(rows: list[tuple[str, ...]]) -> list[Item]:
        header = rows[0]
        return [
            tuple(
                sorted(
                    (h, ("B", v[2:]) if v.startswith("_:") else ("L", v))
                    for h, v in zip(header, r, strict=True)
                )
            )
            for r in rows[1:]
        ]

    a, b = items(want), items(got)
    if len(a) == len(b) and isomorphic(a, b, ordered=False):
        return None
    return f"CSV rows differ:\n{got}\nexpected:\n{want}"


# -- literals as the store keeps them ------------------------------------------------------------
_STORE = ox.Store()
_SUBJECT, _PREDICATE = ox.NamedNode("urn:x-test:s"), ox.NamedNode("urn:x-test:p")


def as_stored(t: Term) -> Term:
    """The literal the store gives back for ``t``: numbers and dates are kept by value, so
    ``"01"^^xsd:integer`` comes back as ``"1"``."""
    if t[0] != "L":
        return t
    literal = (
        ox.Literal(t[1], language=t[3]) if t[3] else ox.Literal(t[1], datatype=ox.NamedNode(t[2]))
    )
    quad = ox.Quad(_SUBJECT, _PREDICATE, literal)
    _STORE.add(quad)
    stored = next(iter(_STORE.quads_for_pattern(_SUBJECT, _PREDICATE, None)))
    _STORE.clear()
    return term(stored.object)


def stored_form(result: Result) -> Result:
    """``result`` with every literal as the store would keep it."""
    if isinstance(result, Rows):
        return Rows(
            result.variables, [tuple((k, as_stored(t)) for k, t in row) for row in result.rows]
        )
    if isinstance(result, Triples):
        return Triples([tuple((k, as_stored(t)) for k, t in item) for item in result.triples])
    return result
