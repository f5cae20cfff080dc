"""A built-in article graph, used as the scaler's template while the pipeline is not available.

It follows the vocabulary of DESIGN §5 (article, passages, mentions, people, events, initiatives,
memberships, participations, statistics, provenance) with the proportions of the bundled corpus:
about 40 passages, 120 mentions and 30 fact nodes per article.
"""

from __future__ import annotations

import random

from bench.corpus import EVENTS, GIVEN, INITIATIVES, MIDDLE, POSTS, SURNAMES

LC = "https://w3id.org/learning-cities/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITS = "http://www.w3.org/2005/11/its/rdf#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CITIES = ["son-la", "ho-chi-minh-city", "ha-noi", "da-nang", "hue"]
SDGS = ["4", "11", "17"]


def _lit(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


class _Writer:
    def __init__(self, graph: str) -> None:
        self.graph = graph
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o} <{self.graph}> .")

    def iri(self, s: str, p: str, o: str) -> None:
        self.add(s, p, f"<{o}>")


def _article(base: str, article_id: str, rng: random.Random, *, passages: int) -> list[str]:
    w = _Writer(f"{base}graph/article/{article_id}")
    art = f"{base}id/article/{article_id}"
    rule = f"https://w3id.org/learning-cities/rules#r{rng.randint(1, 9)}"
    w.iri(art, RDF_TYPE, LC + "Article")
    w.add(art, SCHEMA + "headline", _lit("Thành phố học tập: chia sẻ kinh nghiệm", lang="vi"))
    w.iri(art, SCHEMA + "url", f"https://news.example/{article_id}.htm")
    w.add(art, SCHEMA + "datePublished", _lit("2024-10-29", datatype=XSD + "date"))
    w.add(art, SCHEMA + "inLanguage", _lit("vi"))
    people = []
    for i in range(max(2, passages // 8)):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        person = f"{base}id/person/p{i}-{article_id[:6]}"
        people.append(person)
        w.iri(person, RDF_TYPE, LC + "Person")
        w.add(person, SCHEMA + "name", _lit(name, lang="vi"))
        w.add(person, RDFS + "label", _lit(name, lang="vi"))
        w.add(person, SCHEMA + "honorificPrefix", _lit(rng.choice(["ông", "bà"]), lang="vi"))
        w.iri(art, SCHEMA + "about", person)
    for i in range(max(1, passages // 12)):
        event = f"{base}id/event/e{i}-{article_id[:6]}"
        city = f"{base}id/city/{rng.choice(CITIES)}"
        w.iri(event, RDF_TYPE, LC + "Conference")
        w.add(event, RDFS + "label", _lit(rng.choice(EVENTS), lang="vi"))
        w.add(event, SCHEMA + "startDate", _lit("2024-10-29", datatype=XSD + "date"))
        w.iri(event, SCHEMA + "location", city)
        w.iri(art, SCHEMA + "about", event)
        for j, person in enumerate(people):
            part = f"{base}id/participation/e{i}-{j}-{article_id[:6]}"
            w.iri(part, RDF_TYPE, LC + "Participation")
            w.iri(part, LC + "agent", person)
            w.iri(part, LC + "event", event)
            w.iri(part, LC + "represents", city)
            w.iri(event, SCHEMA + "attendee", person)
            w.add(part, LC + "roleLabel", _lit(rng.choice(POSTS), lang="vi"))
            w.iri(part, LC + "extractedBy", rule)
    for i in range(max(1, passages // 10)):
        ini = f"{base}id/initiative/i{i}-{article_id[:6]}"
        w.iri(ini, RDF_TYPE, LC + "LearningSpaceModel")
        w.add(ini, RDFS + "label", _lit(rng.choice(INITIATIVES), lang="vi"))
        w.iri(ini, LC + "addresses", f"{base}id/sdg/{rng.choice(SDGS)}")
        w.iri(ini, LC + "ledBy", f"{base}id/city/{rng.choice(CITIES)}")
        stat = f"{base}id/statistic/s{i}-{article_id[:6]}"
        w.iri(stat, RDF_TYPE, LC + "Statistic")
        w.iri(stat, LC + "about", ini)
        w.add(stat, LC + "measure", _lit("số mô hình", lang="vi"))
        w.add(stat, SCHEMA + "value", _lit(str(rng.randint(10, 400)), datatype=XSD + "integer"))
        w.add(stat, LC + "qualifier", _lit("about"))
    member = f"{base}id/membership/m-{article_id[:6]}"
    w.iri(member, RDF_TYPE, LC + "Membership")
    w.iri(member, ORG + "member", f"{base}id/city/{rng.choice(CITIES)}")
    w.iri(member, ORG + "organization", f"{base}id/organization/gnlc")
    w.add(member, LC + "since", _lit("2024-02", datatype=XSD + "gYearMonth"))
    w.add(member, LC + "ordinal", _lit("5", datatype=XSD + "integer"))
    facts = [*people, member]
    offset = 0
    for i in range(passages):
        text = f"Câu số {i} của bài viết về thành phố học tập và học tập suốt đời."
        passage = f"{base}id/passage/{article_id}-{i}"
        w.iri(passage, RDF_TYPE, LC + "Passage")
        w.iri(passage, NIF + "referenceContext", art)
        w.add(passage, NIF + "beginIndex", _lit(str(offset), datatype=XSD + "nonNegativeInteger"))
        w.add(
            passage,
            NIF + "endIndex",
            _lit(str(offset + len(text)), datatype=XSD + "nonNegativeInteger"),
        )
        w.add(passage, NIF + "anchorOf", _lit(text))
        for j in range(3):
            mention = f"{base}id/mention/{article_id}-{i}-{j}"
            w.iri(mention, RDF_TYPE, LC + "Mention")
            w.iri(mention, LC + "inPassage", passage)
            w.add(mention, NIF + "anchorOf", _lit(text[j * 5 : j * 5 + 4]))
            w.add(
                mention,
                NIF + "beginIndex",
                _lit(str(offset + j * 5), datatype=XSD + "nonNegativeInteger"),
            )
            w.iri(mention, ITS + "taIdentRef", rng.choice(facts))
        w.iri(rng.choice(facts), PROV + "wasDerivedFrom", passage)
        offset += len(text) + 1
    return w.lines


def builtin_template(base: str) -> str:
    """Two article graphs (a short and a long article) as N-Quads text."""
    rng = random.Random(7)
    lines = _article(base, "000_template_short", rng, passages=15)
    lines += _article(base, "002_template_long", rng, passages=70)
    return "\n".join(lines) + "\n"
