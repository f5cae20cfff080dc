"""The single table of file extension ↔ media type ↔ serialiser name.

``kg.store`` maps :attr:`Format.name` to pyoxigraph's format enums; nothing else does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["rdf", "results", "html"]


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    kind: Kind
    label: str
    aliases: tuple[str, ...] = ()
    graphs: bool = False  # can carry named graphs (quads)

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("+json", "+xml"))
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


TURTLE = Format("turtle", "text/turtle", "ttl", "rdf", "Turtle", ("application/x-turtle",))
NTRIPLES = Format("ntriples", "application/n-triples", "nt", "rdf", "N-Triples", ("text/plain",))
NQUADS = Format("nquads", "application/n-quads", "nq", "rdf", "N-Quads", ("text/x-nquads",), True)
TRIG = Format("trig", "application/trig", "trig", "rdf", "TriG", (), True)
JSONLD = Format("jsonld", "application/ld+json", "jsonld", "rdf", "JSON-LD", ("application/json",))
RDFXML = Format("rdfxml", "application/rdf+xml", "rdf", "rdf", "RDF/XML", ("application/xml",))

JSON = Format(
    "json",
    "application/sparql-results+json",
    "srj",
    "results",
    "SPARQL JSON",
    ("application/json",),
)
XML = Format(
    "xml",
    "application/sparql-results+xml",
    "srx",
    "results",
    "SPARQL XML",
    ("application/xml", "text/xml"),
)
CSV = Format("csv", "text/csv", "csv", "results", "CSV")
TSV = Format("tsv", "text/tab-separated-values", "tsv", "results", "TSV")

HTML = Format("html", "text/html", "html", "html", "HTML", ("application/xhtml+xml",))

RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, NQUADS, TRIG)
RESULT_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
ALL_FORMATS: tuple[Format, ...] = (*RDF_FORMATS, *RESULT_FORMATS, HTML)
# The four formats an entity document is offered in (DESIGN §4).
DOCUMENT_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)


def by_name(name: str) -> Format:
    """Format by name, extension or media type; ``ValueError`` naming the choices otherwise."""
    key = name.strip().lower()
    for fmt in ALL_FORMATS:
        if key in {fmt.name, fmt.extension, fmt.media_type}:
            return fmt
    choices = ", ".join(sorted({f.name for f in ALL_FORMATS}))
    raise ValueError(f"unknown format {name!r}; expected one of: {choices}")


def by_extension(ext: str, *, among: tuple[Format, ...] = ALL_FORMATS) -> Format | None:
    return next((f for f in among if f.extension == ext), None)
