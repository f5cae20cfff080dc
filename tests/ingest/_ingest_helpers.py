"""Shared by the ingest tests: paths, the pipeline without SHACL, and fact tuples for scoring."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ingest.api import build_article
from ingest.evaluate import ATTRIBUTES_QUERY, N_ARY_QUERY
from kg.iris import LC, IRIs
from kg.text import tone_key

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "ingest" / "articles"
ONTOLOGY = ROOT / "ontology"
CURATION = ROOT / "ingest" / "curation"
GOLD = ROOT / "tests" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_ONTOLOGY = FIXTURES / "ontology"
BASE = "http://localhost:8000/"
SEEDS = ("000_bc4ba419052e2653", "002_f9704879dbee1189")

Fact = tuple[str, str, str, str]
INITIATIVE_CLASSES = (
    "Programme",
    "LearningSpaceModel",
    "Method",
    "Policy",
    "Movement",
    "ContestInitiative",
)

CURIE = {
    "http://www.w3.org/ns/org#": "org:",
    "https://schema.org/": "schema:",
    LC: "lc:",
    str(RDF): "rdf:",
}


def build(path: Path, ontology: Path = ONTOLOGY, curation: Path | None = None) -> Graph:
    return build_article(path, ontology_dir=ontology, base=BASE, curation_dir=curation).graph


def curie(iri: str) -> str:
    return next((p + iri[len(ns) :] for ns, p in CURIE.items() if iri.startswith(ns)), iri)


def norm(term: object) -> str:
    """An entity as ``kind/slug``, a class as ``lc:Name``, a literal by its tone key."""
    if isinstance(term, URIRef):
        split = IRIs(BASE).split(str(term))
        return f"{split[0]}/{split[1]}" if split else curie(str(term))
    if isinstance(term, Literal):
        return tone_key(str(term)).strip()
    return tone_key(str(term)).strip()


def fact_tuples(graph: Graph) -> set[Fact]:
    """Every scored fact of an article graph, flattened as the gold standard is."""
    out: set[Fact] = set()
    nodes: dict[str, dict[str, list[object]]] = {}
    kinds: dict[str, str] = {}
    for node, kind, p, o in graph.query(N_ARY_QUERY):  # type: ignore[misc]
        nodes.setdefault(str(node), {}).setdefault(curie(str(p)), []).append(o)
        kinds[str(node)] = str(kind)
    for node, props in nodes.items():
        kind = kinds[node]
        one = {k: v[0] for k, v in props.items()}
        if kind == "membership":
            a, b = norm(one["org:member"]), norm(one["org:organization"])
            out.add((kind, a, "org:organization", b))
            for p in ("lc:roleLabel", "lc:since", "lc:ordinal"):
                out.update((kind, f"{a}@{b}", p, norm(o)) for o in props.get(p, []))
        elif kind == "participation":
            a, b = norm(one["lc:agent"]), norm(one["lc:event"])
            out.add((kind, a, "lc:event", b))
            for p in ("lc:roleLabel", "lc:represents"):
                out.update((kind, f"{a}@{b}", p, norm(o)) for o in props.get(p, []))
        else:
            value = norm(one["schema:value"])
            text = " ".join(
                x
                for x in (norm(one["lc:qualifier"]), value, norm(one.get("schema:unitText", "")))
                if x
            )
            for about in props["lc:about"]:
                out.add((kind, norm(about), "schema:value", text))
                out.update(
                    (kind, f"{norm(about)}@{value}", "lc:refDate", norm(o))
                    for o in props.get("lc:refDate", [])
                )
    for s, kind, p, o in graph.query(ATTRIBUTES_QUERY):  # type: ignore[misc]
        subject = norm(s)
        k = subject.split("/")[0] if str(kind) == "?" else str(kind)
        out.add((k, subject, curie(str(p)), norm(o)))
    for s, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(LC) and str(cls)[len(LC) :] in INITIATIVE_CLASSES:
            out.add(("initiative", norm(s), "rdf:type", curie(str(cls))))
    return out


def gold_tuples(path: Path) -> tuple[set[Fact], list[dict[str, str]], list[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    facts = data.get("fact", [])
    tuples = {
        (
            f["kind"],
            f["subject"],
            f["predicate"],
            f["object"]
            if "/" in f["object"] or f["object"].startswith("lc:")
            else tone_key(f["object"]).strip(),
        )
        for f in facts
    }
    return tuples, facts, data.get("negatives", [])


def visible_texts(graph: Graph) -> list[str]:
    """What a reader of the graph sees of the text: passages, mentions and labels (not the
    removed blocks the cleaner records)."""
    from rdflib.namespace import RDFS

    from ingest.rdf import NIF

    anchored = [str(graph.value(s, NIF.anchorOf)) for s in graph.subjects(NIF.beginIndex, None)]
    return anchored + [str(o) for o in graph.objects(None, RDFS.label)]


def score(extracted: set[Fact], gold: set[Fact]) -> tuple[float, float]:
    hits = len(extracted & gold)
    precision = hits / len(extracted) if extracted else 1.0
    recall = hits / len(gold) if gold else 1.0
    return precision, recall
