"""Scoring the automatic extractor against gold written by reading (``lckg evaluate``).

A gold file (format: ``tests/devset/README.md``) lists the facts a reader finds in one article.
The article is built without curation; its graph is flattened into the same tuples
``(kind, subject, predicate, object)``; minted entities are aligned to the gold's by their slug
words; statistics are matched by sentence, value, qualifier and measure. Scores are per fact type
(:data:`TYPES`), per article and overall, with every miss and false positive and its sentence.

>>> s = Score(tp=8, fp=1, fn=2)
>>> round(s.precision, 3), round(s.recall, 3)
(0.889, 0.8)
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ingest.errors import IngestError
from ingest.rdf import ITSRDF, NIF, PROV
from kg.iris import LC, IRIs, slugify
from kg.text import fold, tone_key

Fact = tuple[str, str, str, str]
TYPES = (
    "statistic",
    "statistic-about",
    "date",
    "statistic-date",
    "event",
    "membership",
    "post",
    "person",
    "participation",
    "initiative",
    "organization",
)
_DATE_PREDICATES = frozenset({"schema:startDate", "schema:endDate", "lc:since"})
_INITIATIVE_CLASSES = frozenset(
    {"Programme", "LearningSpaceModel", "Method", "Policy", "Movement", "ContestInitiative"}
)
_CURIE = {
    "http://www.w3.org/ns/org#": "org:",
    "https://schema.org/": "schema:",
    LC: "lc:",
    str(RDF): "rdf:",
}
# Minted kinds whose IRIs a reader cannot predict to the letter: aligned by slug words.
_ALIGNED_KINDS = frozenset({"event", "initiative", "organization", "person", "city"})
_WORD = re.compile(r"\w+")
_ALIGN_SHORT, _ALIGN_LONG = 0.6, 0.3  # share of the shorter / longer slug's words in common


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass(frozen=True)
class Item:
    """A miss or a false positive: the tuple and the sentence it is (or should be) stated in."""

    article: str
    type: str
    fact: Fact
    sentence: str


@dataclass
class ArticleResult:
    article: str
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[Item] = field(default_factory=list)
    false_positives: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Stat:
    """A statistic, gold or extracted, as the matcher compares it."""

    sentence: str
    qualifier: str
    value: str
    unit: str
    measure: str
    about: frozenset[str]


def curie(iri: str) -> str:
    return next((p + iri[len(ns) :] for ns, p in _CURIE.items() if iri.startswith(ns)), iri)


def norm(term: object, base: str) -> str:
    """An entity as ``kind/slug``, a class as ``lc:Name``, a literal by its tone key."""
    if isinstance(term, URIRef):
        split = IRIs(base).split(str(term))
        return f"{split[0]}/{split[1]}" if split else curie(str(term))
    return tone_key(str(term)).strip()


def fact_type(fact: Fact) -> str:
    kind, subject, predicate, _ = fact
    if predicate == "lc:refDate":
        return "statistic-date"
    if predicate in _DATE_PREDICATES and kind in ("event", "membership"):
        return "date"
    if kind == "membership":
        return "post" if subject.startswith("person/") else "membership"
    return kind


N_ARY_QUERY = """
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
SELECT ?node ?kind ?p ?o WHERE {
  VALUES (?cls ?kind) { (lc:Membership "membership") (lc:Participation "participation")
                        (lc:Statistic "statistic") }
  ?node a ?cls ; ?p ?o .
}
"""
ATTRIBUTES_QUERY = """
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?s ?kind ?p ?o WHERE {
  VALUES (?p ?kind) { (schema:startDate "?") (schema:endDate "?") (schema:location "event")
    (schema:organizer "event") (schema:superEvent "event") (lc:addresses "event")
    (lc:ledBy "initiative") (lc:origin "initiative") (schema:jobTitle "person")
    (schema:honorificPrefix "person") }
  ?s ?p ?o .
}
"""


def _sentence_of(graph: Graph, node: object) -> str:
    passages = sorted(str(p) for p in graph.objects(node, PROV.wasDerivedFrom))  # type: ignore[arg-type]
    if not passages:
        return ""
    return str(graph.value(URIRef(passages[0]), NIF.anchorOf) or "")


def graph_facts(graph: Graph, base: str) -> tuple[dict[Fact, str], list[Stat]]:
    """Every scored fact of an article graph with its sentence, and its statistics."""
    out: dict[Fact, str] = {}
    nodes: dict[str, dict[str, list[object]]] = {}
    kinds: dict[str, str] = {}
    for node, kind, p, o in graph.query(N_ARY_QUERY):  # type: ignore[misc]
        nodes.setdefault(str(node), {}).setdefault(curie(str(p)), []).append(o)
        kinds[str(node)] = str(kind)
    stats: list[Stat] = []
    for node, props in nodes.items():
        kind, one = kinds[node], {k: v[0] for k, v in props.items()}
        sentence = _sentence_of(graph, URIRef(node))
        if kind == "membership":
            a, b = norm(one["org:member"], base), norm(one["org:organization"], base)
            out[(kind, a, "org:organization", b)] = sentence
            for p in ("lc:roleLabel", "lc:since", "lc:ordinal"):
                out.update(
                    {(kind, f"{a}@{b}", p, norm(o, base)): sentence for o in props.get(p, [])}
                )
        elif kind == "participation":
            a, b = norm(one["lc:agent"], base), norm(one["lc:event"], base)
            out[(kind, a, "lc:event", b)] = sentence
            for p in ("lc:roleLabel", "lc:represents"):
                out.update(
                    {(kind, f"{a}@{b}", p, norm(o, base)): sentence for o in props.get(p, [])}
                )
        else:
            value = norm(one["schema:value"], base)
            abouts = frozenset(norm(a, base) for a in props.get("lc:about", []))
            stats.append(
                Stat(
                    sentence,
                    norm(one.get("lc:qualifier", "exactly"), base),
                    value,
                    norm(one.get("schema:unitText", ""), base),
                    norm(one.get("lc:measure", ""), base),
                    abouts,
                )
            )
            for about in abouts:
                out.update(
                    {
                        (kind, f"{about}@{value}", "lc:refDate", norm(o, base)): sentence
                        for o in props.get("lc:refDate", [])
                    }
                )
    for s, kind, p, o in graph.query(ATTRIBUTES_QUERY):  # type: ignore[misc]
        subject = norm(s, base)
        k = subject.split("/")[0] if str(kind) == "?" else str(kind)
        out.setdefault((k, subject, curie(str(p)), norm(o, base)), _sentence_of(graph, s))
    for s, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(LC) and str(cls)[len(LC) :] in _INITIATIVE_CLASSES:
            out.setdefault(
                ("initiative", norm(s, base), "rdf:type", curie(str(cls))), _sentence_of(graph, s)
            )
    return out, stats


def mentioned_organizations(graph: Graph, base: str) -> set[str]:
    """Every organisation the article graph links a mention to (reference or minted)."""
    found = {norm(o, base) for o in graph.objects(None, ITSRDF.taIdentRef)}
    return {e for e in found if e.startswith("organization/")}


@dataclass(frozen=True)
class Gold:
    path: Path
    facts: tuple[dict[str, str], ...]
    entities: tuple[dict[str, str], ...]
    negatives: tuple[str, ...]
    meta: dict[str, Any]

    def tuples(self) -> set[Fact]:
        return {gold_tuple(f) for f in self.facts if not _is_value(f)}


def _is_value(f: dict[str, str]) -> bool:
    return f["kind"] == "statistic" and f["predicate"] == "schema:value"


def gold_tuple(f: dict[str, str]) -> Fact:
    obj = f["object"]
    if not ("/" in obj or obj.startswith("lc:")):
        obj = tone_key(obj).strip()
    return (f["kind"], f["subject"], f["predicate"], obj)


_GOLD_KEYS = frozenset({"genre", "phenomena", "negatives", "fact", "entity", "article"})
_FACT_KEYS = frozenset(
    {"kind", "subject", "predicate", "object", "quote", "measure", "unit", "note"}
)


def read_gold(path: Path) -> Gold:
    """A gold file, checked: known keys, every fact with kind, subject, predicate, object, quote."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{path}: cannot read the gold file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"{path}: not TOML: {exc}") from exc
    unknown = set(data) - _GOLD_KEYS
    if unknown:
        raise IngestError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    facts = data.get("fact", [])
    for n, f in enumerate(facts, start=1):
        missing = {"kind", "subject", "predicate", "object", "quote"} - set(f)
        if missing or set(f) - _FACT_KEYS:
            problem = f"missing {', '.join(sorted(missing))}" if missing else "unknown keys"
            raise IngestError(f"{path}: fact {n}: {problem}")
    return Gold(
        path,
        tuple(facts),
        tuple(data.get("entity", [])),
        tuple(data.get("negatives", [])),
        {k: v for k, v in data.items() if k not in ("fact", "entity")},
    )


def article_for(gold: Path, articles_dir: Path | None) -> Path:
    """``<stem>.txt`` beside ``<stem>.gold.toml``, else ``articles_dir/<stem>.txt``."""
    stem = gold.name.removesuffix(".toml").removesuffix(".gold")
    for candidate in (gold.with_name(f"{stem}.txt"), (articles_dir or gold.parent) / f"{stem}.txt"):
        if candidate.is_file():
            return candidate
    raise IngestError(f"{gold}: no article {stem}.txt beside it or in {articles_dir}")


def _words(entity: str) -> set[str]:
    return set(entity.split("/", 1)[-1].split("-"))


def align(
    extracted: Iterable[str],
    gold: Iterable[str],
    reference: set[str],
    names: dict[str, list[set[str]]] | None = None,
) -> dict[str, str]:
    """Minted extracted entities → gold entities of the same kind, by the words of their slugs
    (or of their labels, ``names``: an event minted from its acronym, ``event/iclc6``, is still
    "Hội nghị quốc tế … lần thứ 6"): a pair shares ≥ 60 % of the shorter slug's words and ≥ 30 %
    of the longer's; best pairs first, one to one. Reference entities and exact matches are left
    as they are."""
    ex = sorted({e for e in extracted if e not in reference} - set(gold))
    gd = sorted(set(gold) - set(extracted))
    pairs = []
    for e in ex:
        kind = e.split("/", 1)[0]
        if kind not in _ALIGNED_KINDS:
            continue
        for g in gd:
            if g.split("/", 1)[0] != kind:
                continue
            b = _words(g)
            best = None
            for a in (_words(e), *(names or {}).get(e, [])):
                shared = len(a & b)
                short, long_ = min(len(a), len(b)), max(len(a), len(b))
                if shared >= _ALIGN_SHORT * short and shared >= _ALIGN_LONG * long_:
                    best = max(best or 0.0, shared / long_)
            if best is not None:
                pairs.append((best, e, g))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _, e, g in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if e not in mapping and g not in used:
            mapping[e] = g
            used.add(g)
    return mapping


def _label_words(graph: Graph, base: str, entities: set[str]) -> dict[str, list[set[str]]]:
    """The words of each entity's labels (``rdfs:label``, ``skos:altLabel``), as slug words."""
    out: dict[str, list[set[str]]] = {}
    for e in entities:
        iri = URIRef(f"{base}id/{e}")
        for p in (RDFS.label, SKOS.altLabel):
            for label in graph.objects(iri, p):
                try:
                    out.setdefault(e, []).append(set(slugify(str(label)).split("-")))
                except ValueError:
                    continue  # a label with no letter or digit
    return out


def _rename(entity: str, mapping: dict[str, str]) -> str:
    return "@".join(mapping.get(part, part) for part in entity.split("@"))


def _entities_of(facts: Iterable[Fact]) -> set[str]:
    out: set[str] = set()
    for _, subject, _, obj in facts:
        for part in [*subject.split("@"), obj]:
            if "/" in part and not part.startswith("lc:") and part.split("/", 1)[0].isalpha():
                out.add(part)
    return out


def _gold_stats(gold: Gold, sentences: Sequence[str]) -> list[tuple[Stat, dict[str, str]]]:
    """The gold statistics; one figure about several things (one record each) is one statistic."""
    grouped: dict[tuple[str, str, str, str, str], tuple[set[str], dict[str, str]]] = {}
    for f in gold.facts:
        if not _is_value(f):
            continue
        parts = tone_key(f["object"]).split()
        qualifier, value = (parts[0], parts[1]) if len(parts) >= 2 else ("exactly", parts[0])
        rest = " ".join(parts[2:])
        unit = "%" if rest == "%" else tone_key(f.get("unit", ""))
        measure = tone_key(f.get("measure", "")) or ("" if unit else rest)
        sentence = next((s for s in sentences if f["quote"] in s), f["quote"])
        key = (sentence, qualifier, value, unit, measure)
        grouped.setdefault(key, (set(), f))[0].add(f["subject"])
    return [(Stat(*key, frozenset(abouts)), f) for key, (abouts, f) in grouped.items()]


def _measure_ok(gold: Stat, ex: Stat) -> bool:
    if gold.unit and fold(gold.unit) != fold(ex.unit):
        return False
    if not gold.measure:
        return True
    head = _WORD.findall(fold(gold.measure))[:1]
    words = _WORD.findall(fold(ex.measure))[:3] + _WORD.findall(fold(ex.unit))[:1]
    return bool(head) and head[0] in words


def _same_sentence(a: str, b: str) -> bool:
    return bool(a) and (a == b or a in b or b in a)


def score_article(
    gold: Gold, graph: Graph, sentences: Sequence[str], base: str, reference: set[str]
) -> ArticleResult:
    """One article's scores; ``sentences`` are its sentence texts (to place gold quotes)."""
    name = gold.path.name.removesuffix(".toml").removesuffix(".gold")
    result = ArticleResult(name)
    facts, stats = graph_facts(graph, base)
    gold_set = gold.tuples()
    gold_entities = _entities_of(gold_set) | {e["iri"] for e in gold.entities}
    gold_entities |= {f["subject"] for f in gold.facts if _is_value(f)}
    extracted_entities = _entities_of(facts) | {a for s in stats for a in s.about}
    orgs = mentioned_organizations(graph, base)
    mapping = align(
        extracted_entities | orgs,
        gold_entities,
        reference,
        _label_words(graph, base, extracted_entities | orgs),
    )
    renamed = {
        (k, _rename(s, mapping), p, _rename(o, mapping)): text
        for (k, s, p, o), text in facts.items()
    }
    quote_of = {gold_tuple(f): f["quote"] for f in gold.facts}
    for t in gold_set | set(renamed):
        kind = fact_type(t)
        if t in gold_set and t in renamed:
            result.scores[kind].tp += 1
        elif t in gold_set:
            result.scores[kind].fn += 1
            sentence = next((s for s in sentences if quote_of[t] in s), quote_of[t])
            result.misses.append(Item(name, kind, t, sentence))
        else:
            result.scores[kind].fp += 1
            result.false_positives.append(Item(name, kind, t, renamed[t]))
    _score_stats(result, _gold_stats(gold, sentences), stats, mapping)
    if not gold.entities:  # older gold lists no entities: organisations are not scored
        return result
    gold_orgs = {e["iri"] for e in gold.entities if e["iri"].startswith("organization/")}
    found_orgs = {mapping.get(o, o) for o in orgs}
    org_score = result.scores["organization"]
    org_score.tp += len(gold_orgs & found_orgs)
    for o in sorted(gold_orgs - found_orgs):
        org_score.fn += 1
        result.misses.append(Item(name, "organization", ("organization", o, "", ""), ""))
    for o in sorted(found_orgs - gold_orgs):
        org_score.fp += 1
        result.false_positives.append(Item(name, "organization", ("organization", o, "", ""), ""))
    return result


def _score_stats(
    result: ArticleResult,
    gold: list[tuple[Stat, dict[str, str]]],
    extracted: list[Stat],
    mapping: dict[str, str],
) -> None:
    free = list(range(len(extracted)))
    stat, about = result.scores["statistic"], result.scores["statistic-about"]
    for g, f in gold:
        hit = next(
            (
                i
                for i in free
                if _same_sentence(g.sentence, extracted[i].sentence)
                and extracted[i].value == g.value
                and extracted[i].qualifier == g.qualifier
                and _measure_ok(g, extracted[i])
            ),
            None,
        )
        fact = ("statistic", f["subject"], "schema:value", tone_key(f["object"]))
        if hit is None:
            stat.fn += 1
            about.fn += 1
            result.misses.append(Item(result.article, "statistic", fact, g.sentence))
            continue
        free.remove(hit)
        stat.tp += 1
        abouts = {mapping.get(a, a) for a in extracted[hit].about}
        if g.about <= abouts:
            about.tp += 1
        else:
            about.fn += 1
            about.fp += 1
            # the figure, then what the gold says it is about
            wrong = (
                "statistic",
                ",".join(sorted(abouts)),
                "lc:about",
                f"{g.value} (gold: {','.join(sorted(g.about))})",
            )
            result.false_positives.append(
                Item(result.article, "statistic-about", wrong, g.sentence)
            )
    for i in free:
        s = extracted[i]
        stat.fp += 1
        about.fp += 1
        fact = ("statistic", ",".join(sorted(s.about)), "schema:value", f"{s.qualifier} {s.value}")
        result.false_positives.append(
            Item(
                result.article,
                "statistic",
                (*fact[:3], f"{fact[3]} [{s.measure or s.unit}]"),
                s.sentence,
            )
        )


def reference_entities(reference: Graph, base: str) -> set[str]:
    return {norm(s, base) for s in reference.subjects() if isinstance(s, URIRef)}


def totals(results: Iterable[ArticleResult]) -> dict[str, Score]:
    out: dict[str, Score] = {t: Score() for t in TYPES}
    for r in results:
        for t, s in r.scores.items():
            out[t].add(s)
    return out


def as_json(results: Sequence[ArticleResult]) -> dict[str, Any]:
    def items(xs: Iterable[Item]) -> list[dict[str, Any]]:
        return [
            {"article": x.article, "type": x.type, "fact": list(x.fact), "sentence": x.sentence}
            for x in xs
        ]

    return {
        "overall": {t: s.as_dict() for t, s in totals(results).items() if s.tp + s.fp + s.fn},
        "articles": {
            r.article: {t: s.as_dict() for t, s in sorted(r.scores.items())} for r in results
        },
        "misses": items(x for r in results for x in r.misses),
        "false_positives": items(x for r in results for x in r.false_positives),
    }


def evaluate(
    golds: Sequence[Path], *, ontology_dir: Path, base: str, articles_dir: Path | None = None
) -> list[ArticleResult]:
    """Build each gold file's article (no curation, no SHACL) and score it."""
    from ingest.api import _reference, _stamp, build_article
    from ingest.segment import segment

    reference, _ = _reference(str(ontology_dir), base, _stamp(ontology_dir))
    known = reference_entities(reference, base)
    results = []
    for path in golds:
        gold = read_gold(Path(path))
        built = build_article(
            article_for(gold.path, articles_dir), ontology_dir=ontology_dir, base=base
        )
        sentences = [s.text for s in segment(built.article)]
        results.append(score_article(gold, built.graph, sentences, base, known))
    return results


def report_text(results: Sequence[ArticleResult], *, items: bool = True) -> str:
    """The scores as a plain-text table per fact type, then each article, misses and false
    positives with their sentences."""
    lines = [f"{'type':<16} {'gold':>5} {'found':>5} {'right':>5} {'precision':>9} {'recall':>7}"]
    for t, s in totals(results).items():
        if s.tp + s.fp + s.fn:
            lines.append(
                f"{t:<16} {s.tp + s.fn:>5} {s.tp + s.fp:>5} {s.tp:>5} "
                f"{s.precision:>9.3f} {s.recall:>7.3f}"
            )
    if not items:
        return "\n".join(lines) + "\n"
    for r in results:
        lines.append(f"\n{r.article}")
        for t, s in sorted(r.scores.items()):
            if s.tp + s.fp + s.fn:
                lines.append(
                    f"  {t:<16} P {s.precision:.2f} R {s.recall:.2f} ({s.tp}/{s.tp + s.fn})"
                )
        for label, xs in (("missed", r.misses), ("false positive", r.false_positives)):
            for x in xs:
                lines.append(f"  {label}: {x.type} {' | '.join(p for p in x.fact if p)}")
                if x.sentence:
                    lines.append(f"      in: {x.sentence}")
    return "\n".join(lines) + "\n"
