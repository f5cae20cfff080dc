"""Namespaces, prefixes and the term lists the browsing layer relies on.

The label predicates are an *ordered, configurable* list (never one hard-coded predicate):
:class:`kg.labels.Labeler` takes them as an argument and these are only the defaults.

>>> curie("https://w3id.org/learning-cities/ontology#City")
'lc:City'
>>> curie("http://example.org/x") is None
True
"""

from __future__ import annotations

from rdflib import URIRef

LC = "https://w3id.org/learning-cities/ontology#"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
VANN = "http://purl.org/vocab/vann/"
SD = "http://www.w3.org/ns/sparql-service-description#"
RULES = "https://w3id.org/learning-cities/rules#"

PREFIXES: dict[str, str] = {
    "lc": LC,
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "org": ORG,
    "prov": PROV,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "foaf": FOAF,
    "vann": VANN,
    "sd": SD,
    "rule": RULES,
}


def term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


RDF_TYPE = term(RDF, "type")
OWL_SAMEAS = term(OWL, "sameAs")
SKOS_EXACTMATCH = term(SKOS, "exactMatch")
PROV_DERIVED = term(PROV, "wasDerivedFrom")
LC_EXTRACTED_BY = term(LC, "extractedBy")
NIF_ANCHOR = term(NIF, "anchorOf")
NIF_BEGIN = term(NIF, "beginIndex")
NIF_END = term(NIF, "endIndex")
NIF_CONTEXT = term(NIF, "referenceContext")
NIF_STRING = term(NIF, "isString")
ITS_IDENT = term(ITSRDF, "taIdentRef")
LC_IN_PASSAGE = term(LC, "inPassage")
LC_REMOVAL = term(LC, "removal")
LC_REMOVED_BY = term(LC, "removedBy")
LC_LINE_COUNT = term(LC, "lineCount")
LC_SET_ASIDE = term(LC, "setAside")
LC_SET_ASIDE_ACTION = term(LC, "setAsideAction")
LC_FACT_KIND = term(LC, "factKind")
LC_VIOLATES = term(LC, "violates")
RDFS_COMMENT = term(RDFS, "comment")
RDF_VALUE = term(RDF, "value")
RDFS_DOMAIN = term(RDFS, "domain")
RDFS_RANGE = term(RDFS, "range")
RDFS_SUBCLASS = term(RDFS, "subClassOf")

# Default label predicates, most preferred first; each is tried in the user's language, then
# the other language, then without a language tag.
LABEL_PROPERTIES: tuple[str, ...] = (
    SKOS + "prefLabel",
    RDFS + "label",
    SCHEMA + "name",
    SCHEMA + "headline",
)
ALT_LABEL_PROPERTIES: tuple[str, ...] = (SKOS + "altLabel", SCHEMA + "alternateName")
DESCRIPTION_PROPERTIES: tuple[str, ...] = (
    SCHEMA + "description",
    RDFS + "comment",
    SKOS + "definition",
    DCTERMS + "description",
)
SAME_AS_PROPERTIES: tuple[str, ...] = (OWL + "sameAs", SKOS + "exactMatch", SKOS + "closeMatch")

# n-ary fact nodes: shown with their source sentence on the pages of what they link.
FACT_CLASSES: frozenset[str] = frozenset(
    {LC + "Membership", LC + "Participation", LC + "Statistic"}
)
# Text-annotation nodes: counted on entity pages, not listed one by one as incoming links.
ANNOTATION_CLASSES: frozenset[str] = frozenset({LC + "Mention", LC + "Passage"})
PASSAGE_CLASS = LC + "Passage"
MENTION_CLASS = LC + "Mention"
ARTICLE_CLASS = LC + "Article"
SDG_CLASS = LC + "SustainableDevelopmentGoal"
# Classes whose instances are listed on the home page and indexed for search (in this order).
MAIN_CLASSES: tuple[str, ...] = (
    LC + "City",
    LC + "Province",
    LC + "Country",
    LC + "Region",
    LC + "Organization",
    LC + "Network",
    LC + "Person",
    LC + "Event",
    LC + "Initiative",
    SDG_CLASS,
    LC + "Membership",
    LC + "Participation",
    LC + "Statistic",
    ARTICLE_CLASS,
)


def curie(iri: str) -> str | None:
    """``prefix:local`` for a known namespace, else ``None``."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            if "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
    return None


def local_name(iri: str) -> str:
    """The last path segment or fragment of an IRI (a readable fallback label)."""
    for sep in ("#", "/"):
        head, _, tail = iri.rstrip("/").rpartition(sep)
        if head and tail:
            return tail
    return iri
