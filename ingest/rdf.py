"""Stage 6 — rdf: one named graph per article (the only stage that knows RDF)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ingest.link import Linked
from ingest.model import Article, Fact, Sentence, Value
from kg.iris import LC, IRIs

LCNS = Namespace(LC)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
RULES = "https://w3id.org/learning-cities/rules#"

# Slot name → predicate: the facts stage speaks of slots, this table maps them to the vocabulary.
SLOTS: dict[str, URIRef] = {
    "member": ORG.member,
    "organization": ORG.organization,
    "role": LCNS.roleLabel,
    "since": LCNS.since,
    "ordinal": LCNS.ordinal,
    "ordinal_scope": LCNS.ordinalScope,
    "first_of_kind": LCNS.firstOfKind,
    "agent": LCNS.agent,
    "event": LCNS.event,
    "represents": LCNS.represents,
    "value": SCHEMA.value,
    "unit": SCHEMA.unitText,
    "qualifier": LCNS.qualifier,
    "about": LCNS.about,
    "measure": LCNS.measure,
    "ref_date": LCNS.refDate,
    "start": SCHEMA.startDate,
    "end": SCHEMA.endDate,
    "location": SCHEMA.location,
    "organizer": SCHEMA.organizer,
    "super_event": SCHEMA.superEvent,
    "led_by": LCNS.ledBy,
    "origin": LCNS.origin,
    "addresses": LCNS.addresses,
    "job_title": SCHEMA.jobTitle,
    "honorific": SCHEMA.honorificPrefix,
}
# Fact kind → (class, IRI kind) for n-ary fact nodes; other kinds are attributes of ``subject``.
NODE_KINDS: dict[str, tuple[URIRef, str]] = {
    "membership": (LCNS.Membership, "membership"),
    "participation": (LCNS.Participation, "participation"),
    "statistic": (LCNS.Statistic, "statistic"),
}
# Binary shortcuts materialised next to n-ary nodes: kind → (subject slot, predicate, object slot).
SHORTCUTS: dict[str, tuple[str, URIRef, str]] = {
    "membership": ("member", SCHEMA.memberOf, "organization"),
    "participation": ("event", SCHEMA.attendee, "agent"),
}
ENTITY_CLASSES_FROM_KIND = {"person": "Person", "organization": "Organization"}
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay),
    (re.compile(r"^--\d{2}$"), XSD.gMonth),
)


def date_literal(iso: str) -> Literal:
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(iso):
            return Literal(iso, datatype=datatype)
    raise ValueError(f"Unexpected date: {iso!r}")


def _term(value: Value) -> URIRef | Literal:
    if value.iri is not None:
        return URIRef(value.iri)
    if value.text is None:
        raise ValueError(f"Unexpected value: {value!r}")
    if value.datatype == "date":
        return date_literal(value.text)
    if value.datatype is not None:
        return Literal(value.text, datatype=XSD[value.datatype])
    return Literal(value.text, lang=value.lang)


def rule_iri(rule: str) -> URIRef:
    return URIRef(RULES + rule)


def passage_iri(iris: IRIs, article: Article, s: Sentence) -> URIRef:
    return URIRef(iris.entity("passage", f"{article.article_id}-{s.begin}-{s.end}"))


def fact_node(iris: IRIs, fact: Fact) -> URIRef:
    return URIRef(iris.entity(NODE_KINDS[fact.kind][1], fact.key))


def build_graph(
    article: Article,
    sentences: tuple[Sentence, ...],
    linked: Linked,
    facts: tuple[Fact, ...],
    base: str,
    curation_labels: dict[int, str] | None = None,
) -> Graph:
    """The article's named graph as an rdflib Graph (identifier = the article graph IRI)."""
    iris = IRIs(base)
    g = Graph(identifier=URIRef(iris.article_graph(article.article_id)))
    art = URIRef(iris.entity("article", article.article_id))
    _article(g, art, article)
    used_sentences = {m.sentence for m in linked.mentions if m.entity} | {
        i for f in facts for i in f.sentences
    }
    passages = {
        s.index: passage_iri(iris, article, s) for s in sentences if s.index in used_sentences
    }
    for s in sentences:
        if s.index in passages:
            p = passages[s.index]
            g.add((p, RDF.type, LCNS.Passage))
            g.add((p, NIF.referenceContext, art))
            g.add((p, NIF.beginIndex, Literal(s.begin, datatype=XSD.nonNegativeInteger)))
            g.add((p, NIF.endIndex, Literal(s.end, datatype=XSD.nonNegativeInteger)))
            g.add((p, NIF.anchorOf, Literal(s.text)))
    rules: set[str] = set()
    for m in linked.mentions:
        if not m.entity:
            continue
        node = URIRef(iris.entity("mention", f"{article.article_id}-{m.begin}-{m.end}"))
        g.add((node, RDF.type, LCNS.Mention))
        g.add((node, NIF.anchorOf, Literal(m.text)))
        g.add((node, NIF.beginIndex, Literal(m.begin, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.referenceContext, art))
        g.add((node, ITSRDF.taIdentRef, URIRef(m.entity)))
        g.add((node, LCNS.inPassage, passages[m.sentence]))
        g.add((art, SCHEMA.mentions, URIRef(m.entity)))
    for e in linked.entities:
        if e.minted:
            node = URIRef(e.iri)
            g.add((node, RDF.type, LCNS[e.cls]))
            g.add((node, RDFS.label, Literal(e.name, lang="vi")))
            g.add((node, SCHEMA.name, Literal(e.name, lang="vi")))
            g.add((node, LCNS.extractedBy, rule_iri(e.rule)))
            rules.add(e.rule)
            for i in e.sentences:
                g.add((node, PROV.wasDerivedFrom, passages[i]))
    about = linked.main_event
    if about:
        g.add((art, SCHEMA.about, URIRef(about)))
    for fact in facts:
        rules.add(_fact(g, iris, fact, [passages[i] for i in fact.sentences], art, curation_labels))
    for rule in sorted(r for r in rules if r):
        g.add((rule_iri(rule), RDF.type, LCNS.ExtractionRule))
        g.add((rule_iri(rule), RDFS.label, Literal(rule.replace("-", " "), lang="en")))
    return g


def _fact(
    g: Graph,
    iris: IRIs,
    fact: Fact,
    sources: Iterable[URIRef],
    art: URIRef,
    curation_labels: dict[int, str] | None,
) -> str:
    if fact.curation is not None:
        by: URIRef = URIRef(f"{art}#curation-{fact.curation}")
        g.add((by, RDF.type, LCNS.CurationRecord))
        if curation_labels and fact.curation in curation_labels:
            g.add((by, RDFS.comment, Literal(curation_labels[fact.curation], lang="en")))
        rule = ""
    else:
        by, rule = rule_iri(fact.rule), fact.rule
    if fact.kind in NODE_KINDS:
        node = fact_node(iris, fact)
        g.add((node, RDF.type, NODE_KINDS[fact.kind][0]))
        g.add((node, LCNS.extractedBy, by))
        for source in sources:
            g.add((node, PROV.wasDerivedFrom, source))
        slots = dict(fact.slots)
        for name, value in fact.slots:
            g.add((node, SLOTS[name], _term(value)))
        if fact.kind in SHORTCUTS:
            s_slot, pred, o_slot = SHORTCUTS[fact.kind]
            g.add((_term(slots[s_slot]), pred, _term(slots[o_slot])))
    else:
        subject = URIRef(fact.subject)
        for name, value in fact.slots:
            g.add((subject, SLOTS[name], _term(value)))
        for source in sources:
            g.add((subject, PROV.wasDerivedFrom, source))
            if fact.curation is not None:  # the record says what it added, and where it is stated
                g.add((by, PROV.wasDerivedFrom, source))
        if fact.curation is not None:
            g.add((by, SCHEMA.about, subject))
    return rule


def _article(g: Graph, art: URIRef, article: Article) -> None:
    meta = article.meta
    g.add((art, RDF.type, LCNS.Article))
    g.add((art, RDF.type, NIF.Context))
    g.add((art, NIF.isString, Literal(article.text)))
    g.add((art, SCHEMA.inLanguage, Literal(meta.language or "vi")))
    if meta.url:
        g.add((art, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI)))
    if meta.headline:
        g.add((art, SCHEMA.headline, Literal(meta.headline, lang="vi")))
    if meta.publisher:
        g.add((art, SCHEMA.publisher, Literal(meta.publisher)))
    if meta.date_published:
        g.add((art, SCHEMA.datePublished, date_literal(meta.date_published)))
    for n, removal in enumerate(article.removals, start=1):
        node = URIRef(f"{art}#removal-{n}")
        g.add((art, LCNS.removal, node))
        g.add((node, RDF.type, LCNS.Removal))
        g.add((node, LCNS.removedBy, Literal(removal.rule)))
        g.add((node, LCNS.lineCount, Literal(removal.line_count, datatype=XSD.integer)))
        g.add((node, NIF.anchorOf, Literal(removal.text)))


def to_nquads(graph: Graph) -> str:
    """Sorted N-Quads of ``graph`` in its own named graph: byte-identical for equal input."""
    ds = Dataset()
    target = ds.graph(graph.identifier)
    for triple in graph:
        target.add(triple)
    data = ds.serialize(format="nquads")
    lines = sorted(line for line in data.splitlines() if line.strip())
    return "\n".join(lines) + "\n"
