"""Deterministic IRIs for instances, graphs and documents (DESIGN §4).

One module mints IRIs for both ``ingest`` and ``kg``, so a rebuild gives the same IRIs.

>>> iris = IRIs("http://localhost:8000/")
>>> iris.entity("city", "Sơn La")
'http://localhost:8000/id/city/son-la'
>>> iris.split("http://localhost:8000/id/person/ha-trung-chien")
('person', 'ha-trung-chien')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.text import fold

LC = "https://w3id.org/learning-cities/ontology#"
LC_ONTOLOGY = "https://w3id.org/learning-cities/ontology"
DEFAULT_BASE = "http://localhost:8000/"

KINDS = frozenset(
    {
        "city",
        "province",
        "country",
        "place",
        "organization",
        "person",
        "event",
        "initiative",
        "sdg",
        "article",
        "statistic",
        "membership",
        "participation",
        "passage",
        "mention",
        "post",
    }
)
RDF_EXTENSIONS = ("ttl", "jsonld", "nt", "rdf")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated slug without diacritics (``đ`` → ``d``).

    Idempotent: ``slugify(slugify(x)) == slugify(x)``.

    >>> slugify("Hà Trung Chiến"), slugify("Đà Nẵng"), slugify("ha-trung-chien")
    ('ha-trung-chien', 'da-nang', 'ha-trung-chien')
    """
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {text!r}: no letters or digits")
    return slug


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def validate_base(base: str) -> str:
    """``base`` if it is an absolute http(s) IRI ending in ``/``; ``ValueError`` otherwise."""
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"--base / KG_BASE {base!r} is not an absolute http(s) IRI")
    if not base.endswith("/"):
        raise ValueError(f"--base / KG_BASE {base!r} must end with '/'")
    if parts.query or parts.fragment or any(ch in base for ch in ' <>"{}|\\^`'):
        raise ValueError(f"--base / KG_BASE {base!r} must not contain a query, fragment or spaces")
    return base


@dataclass(frozen=True)
class IRIs:
    """IRI minting under one instance base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        validate_base(self.base)

    def entity(self, kind: str, name: str) -> str:
        """``{base}id/{kind}/{slug}``; ``name`` is slugified (a slug passes unchanged)."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(KINDS)}")
        return f"{self.base}id/{kind}/{slugify(name)}"

    def graph(self, name: str) -> str:
        """Named graph IRI: ``ontology``, ``reference`` or ``article/{id}``."""
        return f"{self.base}graph/{name}"

    def article_graph(self, article_id: str) -> str:
        return self.graph(f"article/{article_id}")

    def page(self, kind: str, slug: str) -> str:
        return f"{self.base}page/{kind}/{slug}"

    def data(self, kind: str, slug: str, ext: str) -> str:
        if ext not in RDF_EXTENSIONS:
            raise ValueError(f"unknown data extension {ext!r}; expected one of {RDF_EXTENSIONS}")
        return f"{self.base}data/{kind}/{slug}.{ext}"

    def split(self, iri: str) -> tuple[str, str] | None:
        """``(kind, slug)`` of an instance IRI under this base, else ``None``."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            return None
        kind, _, slug = iri[len(prefix) :].partition("/")
        if kind not in KINDS or not slug or "/" in slug:
            return None
        return kind, slug
