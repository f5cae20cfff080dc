"""Stage 6 — rdf: one named graph per article (the only stage that knows RDF).

The graph is kept as N-Triples terms (``<iri>``, ``"text"@vi``, ``"12"^^<…#integer>``) and
written as sorted N-Quads without building an rdflib graph; :meth:`ArticleGraph.graph` gives
one where rdflib is needed (SHACL, tests).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib.util import from_n3

from ingest.link import Linked
from ingest.model import Article, Fact, Sentence, SetAside, Value
from kg.iris import LC, IRIs
from kg.vocab import PREFIXES

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
    "parent": ORG.subOrganizationOf,
    "share_of": LCNS.shareOf,
    "same_set": LCNS.sameSet,
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


# N-Triples terms. Literals are escaped as rdflib's N-Triples writer escapes them.
Triple = tuple[str, str, str]
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", '"': '\\"', "\r": "\\r"})


@lru_cache(maxsize=1 << 14)
def iri_term(iri: str) -> str:
    """``<iri>``; an IRI that N-Triples cannot write raises :class:`ValueError`."""
    if _NOT_IN_IRI.search(iri):
        raise ValueError(f"{iri!r} is not an IRI that N-Quads can write")
    return f"<{iri}>"


def text_term(text: str, lang: str | None = None) -> str:
    """A plain or language-tagged literal."""
    quoted = f'"{text.translate(_ESCAPES)}"'
    return f"{quoted}@{lang}" if lang else quoted


@lru_cache(maxsize=1 << 14)
def typed_term(value: int | str, datatype: str) -> str:
    """A typed literal in rdflib's canonical lexical form (``"01"`` → ``"1"`` for integers)."""
    return _n3(Literal(value, datatype=URIRef(datatype)))


@lru_cache(maxsize=1 << 12)
def _date_term(iso: str) -> str:
    return _n3(date_literal(iso))


def _term(value: Value) -> str:
    if value.iri is not None:
        return iri_term(value.iri)
    if value.text is None:
        raise ValueError(f"Unexpected value: {value!r}")
    if value.datatype == "date":
        return _date_term(value.text)
    if value.datatype is not None:
        return typed_term(value.text, XSD[value.datatype])
    return text_term(value.text, value.lang)


def _n3(term: object) -> str:
    """An rdflib term as :func:`iri_term` / :func:`text_term` / :func:`typed_term` write it."""
    if isinstance(term, Literal):
        if term.datatype is not None:
            return f"{text_term(str(term))}^^<{term.datatype}>"
        return text_term(str(term), term.language)
    if isinstance(term, URIRef):
        return iri_term(str(term))
    raise ValueError(f"{term!r}: the article graphs have no blank nodes")


def _p(term: URIRef) -> str:
    return iri_term(str(term))


# The predicates and classes the writer uses, as terms.
_TYPE, _LABEL, _COMMENT, _DERIVED = (
    _p(RDF.type),
    _p(RDFS.label),
    _p(RDFS.comment),
    _p(PROV.wasDerivedFrom),
)
_BEGIN, _END, _ANCHOR = _p(NIF.beginIndex), _p(NIF.endIndex), _p(NIF.anchorOf)
_CONTEXT, _IS_STRING = _p(NIF.referenceContext), _p(NIF.isString)
_EXTRACTED_BY, _IN_PASSAGE, _IDENT_REF = (
    _p(LCNS.extractedBy),
    _p(LCNS.inPassage),
    _p(ITSRDF.taIdentRef),
)
_MENTIONS, _ABOUT, _NAME = _p(SCHEMA.mentions), _p(SCHEMA.about), _p(SCHEMA.name)
_ALT_LABEL = _p(SKOS.altLabel)
_SLOTS = {name: _p(pred) for name, pred in SLOTS.items()}
_NODE_CLASSES = {kind: _p(cls) for kind, (cls, _) in NODE_KINDS.items()}
_SHORTCUTS = {kind: (s, _p(pred), o) for kind, (s, pred, o) in SHORTCUTS.items()}
_OFFSET = str(XSD.nonNegativeInteger)


def _offset(n: int) -> str:
    return typed_term(n, _OFFSET)


def rule_iri(rule: str) -> str:
    return RULES + rule


def span_iris(iris: IRIs, kind: str, article_id: str) -> Callable[[int, int], str]:
    """The IRI of a passage or mention of one article by its offsets:
    ``iris.entity(kind, f"{article_id}-{begin}-{end}")``, with the article id slugified once
    (the offsets only add slug characters)."""
    prefix = iris.entity(kind, article_id)
    return lambda begin, end: f"{prefix}-{begin}-{end}"


def fact_node(iris: IRIs, fact: Fact) -> str:
    return iris.entity(NODE_KINDS[fact.kind][1], fact.key)


@dataclass(frozen=True)
class ArticleGraph:
    """An article's named graph: its IRI and its triples as N-Triples terms."""

    iri: str
    triples: frozenset[Triple]

    def nquads(self) -> str:
        """Sorted N-Quads: byte-identical for equal input."""
        g = iri_term(self.iri)
        return "\n".join(sorted(f"{s} {p} {o} {g} ." for s, p, o in self.triples)) + "\n"

    def made_by_curation(self, node: str) -> bool:
        """Whether a curation record stated ``node`` (``lc:extractedBy`` or ``schema:about``)."""
        term = iri_term(node)
        return any(
            ("#curation-" in o and s == term and p == _EXTRACTED_BY)
            or ("#curation-" in s and o == term and p == _ABOUT)
            for s, p, o in self.triples
        )

    def source_text(self, node: str) -> str:
        """The sentence a node was derived from (the first, by offset), or ``""``."""
        term = iri_term(node)
        passages = sorted(o for s, p, o in self.triples if s == term and p == _DERIVED)
        anchors = [o for s, p, o in self.triples if passages and s == passages[0] and p == _ANCHOR]
        return str(from_n3(anchors[0])) if anchors else ""

    def without(
        self,
        nodes: set[str],
        aside: Iterable[SetAside],
        strip: Iterable[tuple[str, str]] = (),
    ) -> ArticleGraph:
        """The graph less every triple that has one of ``nodes`` as subject or object and every
        ``(subject, predicate)`` of ``strip``, with ``aside`` recorded on the article after the
        ones already there."""
        terms = {iri_term(n) for n in nodes}
        pairs = {(iri_term(s), iri_term(p)) for s, p in strip}
        kept = {
            t
            for t in self.triples
            if t[0] not in terms and t[2] not in terms and (t[0], t[1]) not in pairs
        }
        art = next(s for s, p, o in self.triples if p == _TYPE and o == _p(LCNS.Article))
        already = sum(1 for s, p, _ in self.triples if s == art and p == _p(LCNS.setAside))
        _set_aside(kept.add, art[1:-1], aside, start=already + 1)
        return ArticleGraph(self.iri, frozenset(kept))

    def graph(self) -> Graph:
        """The triples as an rdflib graph named by :attr:`iri` (parsed back from the N-Quads)."""
        dataset = Dataset()
        dataset.parse(data=self.nquads(), format="nquads")
        graph = Graph(identifier=URIRef(self.iri))
        for triple in dataset.graph(URIRef(self.iri)):
            graph.add(triple)
        return graph


def build_graph(
    article: Article,
    sentences: tuple[Sentence, ...],
    linked: Linked,
    facts: tuple[Fact, ...],
    base: str,
    curation_labels: dict[int, str] | None = None,
    set_aside: Iterable[SetAside] = (),
) -> ArticleGraph:
    """The article's named graph (identifier = the article graph IRI)."""
    iris = IRIs(base)
    triples: set[Triple] = set()
    add = triples.add
    art_iri = iris.entity("article", article.article_id)
    art = iri_term(art_iri)
    _article(add, art_iri, article)
    _set_aside(add, art_iri, set_aside)
    used_sentences = {m.sentence for m in linked.mentions if m.entity} | {
        i for f in facts for i in f.sentences
    }
    passage_iri = span_iris(iris, "passage", article.article_id)
    passages = {
        s.index: iri_term(passage_iri(s.begin, s.end))
        for s in sentences
        if s.index in used_sentences
    }
    for s in sentences:
        if s.index in passages:
            p = passages[s.index]
            add((p, _TYPE, _p(LCNS.Passage)))
            add((p, _CONTEXT, art))
            add((p, _BEGIN, _offset(s.begin)))
            add((p, _END, _offset(s.end)))
            add((p, _ANCHOR, text_term(s.text)))
    rules: set[str] = set()
    mention_iri = span_iris(iris, "mention", article.article_id)
    for m in linked.mentions:
        if not m.entity:
            continue
        node = iri_term(mention_iri(m.begin, m.end))
        entity = iri_term(m.entity)
        add((node, _TYPE, _p(LCNS.Mention)))
        add((node, _ANCHOR, text_term(m.text)))
        add((node, _BEGIN, _offset(m.begin)))
        add((node, _END, _offset(m.end)))
        add((node, _CONTEXT, art))
        add((node, _IDENT_REF, entity))
        add((node, _IN_PASSAGE, passages[m.sentence]))
        add((art, _MENTIONS, entity))
    language = article.meta.language or "vi"  # a name minted from an English article is English
    for e in linked.entities:
        if e.minted:
            node = iri_term(e.iri)
            add((node, _TYPE, _p(LCNS[e.cls])))
            add((node, _LABEL, text_term(e.name, language)))
            add((node, _NAME, text_term(e.name, language)))
            for alt in e.alt_names:
                add((node, _ALT_LABEL, text_term(alt, language)))
            add((node, _EXTRACTED_BY, iri_term(rule_iri(e.rule))))
            rules.add(e.rule)
            for i in e.sentences:
                add((node, _DERIVED, passages[i]))
    if linked.main_event:
        add((art, _ABOUT, iri_term(linked.main_event)))
    for fact in facts:
        sources = [passages[i] for i in fact.sentences]
        rules.add(_fact(add, iris, fact, sources, art_iri, curation_labels))
    for rule in sorted(r for r in rules if r):
        add((iri_term(rule_iri(rule)), _TYPE, _p(LCNS.ExtractionRule)))
        add((iri_term(rule_iri(rule)), _LABEL, text_term(rule.replace("-", " "), "en")))
    return ArticleGraph(iris.article_graph(article.article_id), frozenset(triples))


Add = Callable[[Triple], None]


def _fact(
    add: Add,
    iris: IRIs,
    fact: Fact,
    sources: Iterable[str],
    art_iri: str,
    curation_labels: dict[int, str] | None,
) -> str:
    if fact.curation is not None:
        by = iri_term(f"{art_iri}#curation-{fact.curation}")
        add((by, _TYPE, _p(LCNS.CurationRecord)))
        if curation_labels and fact.curation in curation_labels:
            add((by, _COMMENT, text_term(curation_labels[fact.curation], "en")))
        rule = ""
    else:
        by, rule = iri_term(rule_iri(fact.rule)), fact.rule
    if fact.kind in NODE_KINDS:
        node = iri_term(fact_node(iris, fact))
        add((node, _TYPE, _NODE_CLASSES[fact.kind]))
        add((node, _EXTRACTED_BY, by))
        for source in sources:
            add((node, _DERIVED, source))
        slots = dict(fact.slots)
        for name, value in fact.slots:
            if value.datatype == "node":  # another fact node of the article, by its key
                add(
                    (
                        node,
                        _SLOTS[name],
                        iri_term(iris.entity(NODE_KINDS[fact.kind][1], value.text or "")),
                    )
                )
            else:
                add((node, _SLOTS[name], _term(value)))
        if fact.kind in _SHORTCUTS:
            s_slot, pred, o_slot = _SHORTCUTS[fact.kind]
            add((_term(slots[s_slot]), pred, _term(slots[o_slot])))
    else:
        subject = iri_term(fact.subject)
        for name, value in fact.slots:
            add((subject, _SLOTS[name], _term(value)))
        for source in sources:
            add((subject, _DERIVED, source))
            if fact.curation is not None:  # the record says what it added, and where it is stated
                add((by, _DERIVED, source))
        if fact.curation is not None:
            add((by, _ABOUT, subject))
    return rule


def _article(add: Add, art_iri: str, article: Article) -> None:
    meta, art = article.meta, iri_term(art_iri)
    add((art, _TYPE, _p(LCNS.Article)))
    add((art, _TYPE, _p(NIF.Context)))
    add((art, _IS_STRING, text_term(article.text)))
    language = meta.language or "vi"
    add((art, _p(SCHEMA.inLanguage), text_term(language)))
    if meta.url:
        add((art, _p(SCHEMA.url), typed_term(meta.url, str(XSD.anyURI))))
    if meta.headline:
        add((art, _p(SCHEMA.headline), text_term(meta.headline, language)))
    if meta.publisher:
        add((art, _p(SCHEMA.publisher), text_term(meta.publisher)))
    if meta.date_published:
        add((art, _p(SCHEMA.datePublished), _date_term(meta.date_published)))
    for n, removal in enumerate(article.removals, start=1):
        node = iri_term(f"{art_iri}#removal-{n}")
        add((art, _p(LCNS.removal), node))
        add((node, _TYPE, _p(LCNS.Removal)))
        add((node, _p(LCNS.removedBy), text_term(removal.rule)))
        add((node, _p(LCNS.lineCount), typed_term(removal.line_count, str(XSD.integer))))
        add((node, _ANCHOR, text_term(removal.text)))


SHAPES = "https://w3id.org/learning-cities/shapes#"


def _set_aside(add: Add, art_iri: str, found: Iterable[SetAside], start: int = 1) -> None:
    """What the per-fact checks set aside, on the article: shape, reason, sentence, action."""
    art = iri_term(art_iri)
    for n, item in enumerate(found, start=start):
        node = iri_term(f"{art_iri}#set-aside-{n}")
        add((art, _p(LCNS.setAside), node))
        add((node, _TYPE, _p(LCNS.SetAsideFact)))
        add((node, _p(LCNS.violates), iri_term(SHAPES + item.shape)))
        add((node, _p(LCNS.setAsideAction), text_term(item.action)))
        add((node, _p(LCNS.factKind), text_term(f"{item.kind} {item.slot}".strip())))
        add((node, _COMMENT, text_term(item.message, "en")))
        if item.value:
            add((node, _p(RDF.value), text_term(item.value)))
        if item.text:
            add((node, _ANCHOR, text_term(item.text)))


def to_nquads(graph: Graph) -> str:
    """Sorted N-Quads of an rdflib ``graph`` in its own named graph, written as
    :meth:`ArticleGraph.nquads` writes them."""
    triples = frozenset((_n3(s), _n3(p), _n3(o)) for s, p, o in graph)
    return ArticleGraph(str(graph.identifier), triples).nquads()


def to_trig(nquads: str) -> str:
    """TriG of the N-Quads of one named graph, byte-identical for equal input (rdflib writes
    several graphs in set order, so their order is not).

    rdflib sorts subjects, predicates and objects, but names a namespace it has no prefix for
    (``ns1``, ``ns2``, ...) in the order it meets predicates, which is set order and so changes
    with ``PYTHONHASHSEED``: the project's prefixes are bound first, and any other predicate
    namespace gets its generated prefix in sorted order before rdflib writes.
    """
    dataset = Dataset()
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    dataset.parse(data=nquads, format="nquads")
    for predicate in sorted({str(p) for _, p, _, _ in dataset.quads()}):
        try:
            dataset.namespace_manager.compute_qname(predicate)
        except (KeyError, ValueError):  # no namespace to name: rdflib writes the full IRI
            continue
    return dataset.serialize(format="trig")
