"""View models for entity pages: a :class:`kg.describe.Description` in the user's language.

Properties are named by their ontology labels, linked things by their labels; facts carry the
sentence they come from and a link to it in the article reader.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.describe import Description, Passage
from kg.iris import IRIs
from kg.labels import Labeler, pick
from kg.markup import Fact, PropertyGroup, Source, Value
from kg.pagedata import MENTION_COUNT_CAP, NodeCache
from kg.sections import cut_fact_types, sections
from kg.store import Store
from kg.vocab import (
    ANNOTATION_CLASSES,
    LC,
    LC_EXTRACTED_BY,
    NIF_STRING,
    PROV_DERIVED,
    RDF_TYPE,
    SAME_AS_PROPERTIES,
    SCHEMA,
    curie,
)
from kg.web import href

log = logging.getLogger(__name__)

# Shown elsewhere on the page (types, sources, sameAs, the reader) rather than as properties.
_HIDDEN = {
    str(RDF_TYPE),
    str(PROV_DERIVED),
    str(LC_EXTRACTED_BY),
    str(NIF_STRING),
    *SAME_AS_PROPERTIES,
}
_EXTRACTED_BY = str(LC_EXTRACTED_BY)
_DATE_PROPERTIES = (LC + "since", SCHEMA + "startDate", LC + "refDate")  # of a fact, first wins
_SCHEMA_TYPES = {
    "city": "City",
    "province": "AdministrativeArea",
    "country": "Country",
    "place": "Place",
    "organization": "Organization",
    "person": "Person",
    "event": "Event",
    "initiative": "CreativeWork",
    "article": "NewsArticle",
    "statistic": "Observation",
}


class ValueCache:
    """The :class:`Value` and label of terms in each language, kept across pages.

    Pages name the same things over and over (a city in each of its facts, a network in each
    membership, an article in each source). What a term shows depends only on the labels the
    :class:`kg.labels.Labeler` read, so the cache lives as long as that labeler: one store
    generation (see :func:`kg.routes.entities.page_caches`). Each table holds at most
    ``limit`` terms; a full one starts over.
    """

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self._values: dict[str, dict[Node, Value]] = {}
        self._labels: dict[str, dict[Node, str]] = {}

    def tables(self, lang: str) -> tuple[dict[Node, Value], dict[Node, str]]:
        return self._values.setdefault(lang, {}), self._labels.setdefault(lang, {})


class PageBuilder:
    """Turns terms into :class:`Value` objects, with labels in one language.

    Values and labels are looked up once per page, or once per ``cache`` when one is given;
    what it reads of other resources is kept in ``nodes`` when one is given.
    """

    def __init__(
        self,
        store: Store,
        labeler: Labeler,
        iris: IRIs,
        lang: str,
        cache: ValueCache | None = None,
        nodes: NodeCache | None = None,
    ) -> None:
        self.store, self.labeler, self.iris, self.lang = store, labeler, iris, lang
        self.nodes = nodes
        self._limit = cache.limit if cache is not None else 0
        self._values, self._labels = (cache or ValueCache()).tables(lang)
        self._type_labels: dict[Node, str] = {}

    def value(self, node: Node) -> Value:
        found = self._values.get(node)
        if found is None:
            found = self._value(node)
            if self._limit and len(self._values) >= self._limit:
                self._values.clear()
            self._values[node] = found
        return found

    def _value(self, node: Node) -> Value:
        if isinstance(node, Literal):
            datatype = curie(str(node.datatype)) if node.datatype else None
            return Value(str(node), lang=node.language, datatype=datatype)
        if isinstance(node, BNode):
            return Value("_:" + str(node))
        text = str(node)
        link = href(node, self.iris)
        external = link == text
        label = self.labeler.info(node).label(self.lang)
        if label is not None:
            name = str(label)
        elif external:
            name = curie(text) or text  # an outside IRI without a label reads best in full
        else:
            name = self.labeler.label(node, self.lang)
        return Value(name, link, iri=text, external=external)

    def label(self, node: Node) -> str:
        """:meth:`kg.labels.Labeler.label` in this page's language."""
        found = self._labels.get(node)
        if found is None:
            found = self.labeler.label(node, self.lang)
            if self._limit and len(self._labels) >= self._limit:
                self._labels.clear()
            self._labels[node] = found
        return found

    prop_label = label

    def first_object(self, node: Node, prop: URIRef) -> Node | None:
        """The first object of ``prop`` on ``node``, in index order."""
        if self.nodes is not None:
            return self.nodes.first_object(node, prop)
        return next((o for _, _, o, _ in self.store.triples(node, prop, None)), None)

    def type_label(self, node: Node) -> str:
        found = self._type_labels.get(node)
        if found is None:
            types = self.labeler.info(node).types
            own = [t for t in types if str(t).startswith(LC)] or list(types)
            found = self._type_labels[node] = ", ".join(self.label(t) for t in own[:2])
        return found

    def groups(self, pairs: list[tuple[URIRef, Node]]) -> list[PropertyGroup]:
        groups: dict[URIRef, PropertyGroup] = {}
        for p, o in pairs:
            if str(p) in _HIDDEN:
                continue
            group = groups.get(p)
            if group is None:
                group = groups[p] = PropertyGroup(self.prop_label(p), str(p), href(p, self.iris))
            group.values.append(self.value(o))
        for group in groups.values():
            group.values.sort(key=lambda v: (v.lang not in (None, self.lang), v.text))
        return sorted(groups.values(), key=lambda g: g.label.casefold())

    def source(self, passage: Passage) -> Source:
        article = passage.article
        link = href(article, self.iris) if article is not None else "#"
        if passage.anchor:
            link = f"{link}#{passage.anchor}"
        title = self.label(article) if article is not None else ""
        return Source(passage.text, link, title)

    def fact(self, desc: Description, node: Node, pairs: list[tuple[URIRef, Node]]) -> Fact:
        """The fact ``node`` as the page of ``desc.iri`` shows it (without its link back)."""
        own = str(desc.iri)
        rows: list[tuple[str, Value]] = []
        rule = date = None
        for p, o in pairs:
            name = str(p)
            if rule is None and name == _EXTRACTED_BY:
                rule = curie(str(o)) or str(o)
            if date is None and name in _DATE_PROPERTIES:
                date = str(o)
            if name not in _HIDDEN and not (isinstance(o, URIRef) and str(o) == own):
                rows.append((self.prop_label(p), self.value(o)))
        types = self.labeler.info(node).types
        type_iri = next((str(t) for t in types if str(t).startswith(LC)), "")
        return Fact(
            self.value(node),
            self.type_label(node),
            type_iri,
            rows,
            [self.source(p) for p in desc.fact_passages(node)],
            rule,
            date,
        )


def entity_view(desc: Description, builder: PageBuilder, kind: str) -> dict[str, Any]:
    """Everything an entity template shows."""
    lang, labeler = builder.lang, builder.labeler
    info = labeler.info(desc.iri)
    label = info.label(lang)
    other = pick(
        [lit for lit in info.labels if lit.language != (label.language if label else None)], "en"
    )
    facts = [builder.fact(desc, node, pairs) for node, pairs in desc.facts.items()]
    incoming: dict[URIRef, PropertyGroup] = {}
    for s, p in desc.incoming:
        if s in desc.facts or any(str(t) in ANNOTATION_CLASSES for t in labeler.info(s).types):
            continue
        group = incoming.get(p)
        if group is None:
            group = incoming[p] = PropertyGroup(
                builder.prop_label(p), str(p), href(p, builder.iris), more=p in desc.more
            )
        group.values.append(builder.value(s))
    mention_articles: Counter[URIRef] = Counter()
    for _, in_passage in desc.mentions:
        source = desc.passages.get(in_passage) if in_passage is not None else None
        if source is not None and source.article is not None:
            mention_articles[source.article] += 1
    same_as = [
        builder.value(o)
        for p, o in desc.out
        if str(p) in SAME_AS_PROPERTIES and isinstance(o, URIRef)
    ]
    description = labeler.description_in(desc.out, lang)
    view: dict[str, Any] = {
        "label": str(label) if label is not None else labeler.label(desc.iri, lang),
        "label_lang": label.language if label is not None else None,
        "other_label": str(other) if other is not None and other != label else None,
        "alt_labels": [str(a) for a in info.alt_labels],
        "types": [builder.value(t) for t in info.types],
        "description": str(description) if description is not None else None,
        "groups": builder.groups(desc.out),
        "incoming": sorted(incoming.values(), key=lambda g: g.label.casefold()),
        "facts": facts,
        "own_sources": [builder.source(p) for p in desc.fact_passages(desc.iri)],
        "same_as": same_as,
        "mention_count": (
            f"{MENTION_COUNT_CAP}+"
            if desc.mention_count > MENTION_COUNT_CAP
            else desc.mention_count
        ),
        "mention_articles": [(builder.value(a), n) for a, n in mention_articles.most_common()],
        "mention_sources": _mention_sources(desc, builder),
        "more_mentions": desc.more_mentions,
        "facts_more": bool(cut_fact_types(desc)),
    }
    view["sections"] = sections(desc, builder, kind, facts, incoming)
    view["more"] = bool(desc.more or desc.more_mentions)
    return view


def _mention_sources(desc: Description, builder: PageBuilder) -> list[Source]:
    """The sentences of this page's sample of mentions, each once, in the sample's order."""
    seen: dict[Node, Source] = {}
    for _, in_passage in desc.mentions:
        passage = desc.passages.get(in_passage) if in_passage is not None else None
        if passage is not None and in_passage not in seen:
            seen[in_passage] = builder.source(passage)
    return list(seen.values())


def schema_jsonld(
    desc: Description, view: dict[str, Any], kind: str, page_url: str
) -> dict[str, Any]:
    """A schema.org description embedded in the page for search engines."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES.get(kind, "Thing"),
        "@id": str(desc.iri),
        "name": view["label"],
        "url": page_url,
    }
    if view["other_label"]:
        data["alternateName"] = view["other_label"]
    if view["description"]:
        data["description"] = view["description"]
    if view["same_as"]:
        data["sameAs"] = [v.iri for v in view["same_as"]]
    return data


__all__ = ["PageBuilder", "Value", "ValueCache", "entity_view", "schema_jsonld"]
