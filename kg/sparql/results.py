"""Streaming writers for SELECT results in the four SPARQL results formats.

The engine's own serialisers cannot stop after N rows, and the row limit must be applied while
writing (a truncated result is still a well-formed document), so SELECT results are written
here, one solution at a time, into a file; nothing is held in memory.

Rows arrive as the engine's terms; each writer keeps the text of the terms it has written in a
bounded memo keyed by the engine term (results repeat their predicates, classes and shared
values), so a term is turned into text once, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _quote
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from kg.formats import CSV, JSON, TSV, XML, Format
from kg.store import EngineTerm, ResultTerm, TermView

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BATCH = 256  # rows written per call
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
Row = tuple[EngineTerm | None, ...]
MEMO_LIMIT = 32_768  # terms remembered per format and process; the memo is emptied when full


class _Memo:
    """The text of engine terms in one format, bounded (emptied when full)."""

    def __init__(self, encode: Callable[[ResultTerm], str]) -> None:
        self.encode = encode
        self.texts: dict[EngineTerm, str] = {}

    def lookups(
        self, view: TermView
    ) -> tuple[Callable[[EngineTerm], str | None], Callable[[EngineTerm], str]]:
        """``(known, fill)``: the memo's text of a term or ``None``, and the term encoded and
        remembered. Writers call ``known(t) or fill(t)``: two calls into C when remembered."""
        texts, encode = self.texts, self.encode

        def fill(term: EngineTerm) -> str:
            if len(texts) >= MEMO_LIMIT:
                texts.clear()
            found = texts[term] = encode(view(term))
            return found

        return texts.get, fill


def _json_term(term: ResultTerm) -> str:
    """One term as a JSON object, built as text: ``_quote`` is the json module's C escaper."""
    if term.kind == "literal":
        if term.language:
            extra = f',"xml:lang":{_quote(term.language)}'
        elif term.datatype and term.datatype != _XSD_STRING:
            extra = f',"datatype":{_quote(term.datatype)}'
        else:
            extra = ""
        return f'{{"type":"literal","value":{_quote(term.value)}{extra}}}'
    return f'{{"type":"{term.kind}","value":{_quote(term.value)}}}'


_JSON = _Memo(_json_term)


def write_json(out: IO[bytes], variables: list[str], rows: Iterator[Row], view: TermView) -> int:
    keys = [_quote(v) + ":" for v in variables]
    known, fill = _JSON.lookups(view)
    out.write(f'{{"head":{{"vars":[{",".join(_quote(v) for v in variables)}]}},'.encode())
    out.write(b'"results":{"bindings":[')
    count = 0
    batch: list[str] = []
    for row in rows:
        fields = [
            k + (known(t) or fill(t)) for k, t in zip(keys, row, strict=True) if t is not None
        ]
        batch.append("{" + ",".join(fields) + "}")
        count += 1
        if len(batch) == _BATCH:
            out.write((b"," if count > _BATCH else b"") + ",".join(batch).encode())
            batch = []
    if batch:
        out.write((b"," if count > len(batch) else b"") + ",".join(batch).encode())
    out.write(b"]}}\n")
    return count


def _xml_term(term: ResultTerm) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.kind == "triple":
        return f"<literal>{escape(term.value)}</literal>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype and term.datatype != _XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


_XML = _Memo(_xml_term)


def write_xml(out: IO[bytes], variables: list[str], rows: Iterator[Row], view: TermView) -> int:
    known, fill = _XML.lookups(view)
    openers = [f"<binding name={quoteattr(v)}>" for v in variables]
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.write(
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head><results>\n"
        ).encode()
    )
    count = 0
    for row in rows:
        cells = "".join(
            f"{o}{known(t) or fill(t)}</binding>"
            for o, t in zip(openers, row, strict=True)
            if t is not None
        )
        out.write(f"<result>{cells}</result>\n".encode())
        count += 1
    out.write(b"</results></sparql>\n")
    return count


def _csv_cell(term: ResultTerm) -> str:
    value = f"_:{term.value}" if term.kind == "bnode" else term.value
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


_CSV = _Memo(_csv_cell)


def write_csv(out: IO[bytes], variables: list[str], rows: Iterator[Row], view: TermView) -> int:
    known, fill = _CSV.lookups(view)
    out.write((",".join(variables) + "\r\n").encode())
    count = 0
    for row in rows:
        out.write(
            (",".join(["" if t is None else known(t) or fill(t) for t in row]) + "\r\n").encode()
        )
        count += 1
    return count


def _tsv_string(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _tsv_cell(term: ResultTerm) -> str:
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return term.value
    if term.language:
        return f"{_tsv_string(term.value)}@{term.language}"
    if term.datatype and term.datatype not in (_XSD_STRING, _LANG_STRING):
        return f"{_tsv_string(term.value)}^^<{term.datatype}>"
    return _tsv_string(term.value)


_TSV = _Memo(_tsv_cell)


def write_tsv(out: IO[bytes], variables: list[str], rows: Iterator[Row], view: TermView) -> int:
    known, fill = _TSV.lookups(view)
    out.write(("\t".join(f"?{v}" for v in variables) + "\n").encode())
    count = 0
    for row in rows:
        out.write(
            ("\t".join(["" if t is None else known(t) or fill(t) for t in row]) + "\n").encode()
        )
        count += 1
    return count


_WRITERS: dict[str, Callable[[IO[bytes], list[str], Iterator[Row], TermView], int]] = {
    JSON.name: write_json,
    XML.name: write_xml,
    CSV.name: write_csv,
    TSV.name: write_tsv,
}


def write_solutions(
    out: IO[bytes], fmt: Format, variables: list[str], rows: Iterator[Row], view: TermView
) -> int:
    """Write a SELECT result in ``fmt`` (``view`` turns an engine term into a
    :class:`ResultTerm`); returns the number of rows written."""
    try:
        writer = _WRITERS[fmt.name]
    except KeyError:
        raise ValueError(f"{fmt.label} is not a SPARQL results format") from None
    return writer(out, variables, rows, view)
