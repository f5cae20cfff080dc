"""The development set (``tests/devset/``): well-formed, every article extracted, scored.

The figures asserted here are the ones the README reports for the development part; the
untouched test part is scored and printed, not asserted (it must not steer the rules).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ingest.api import ArticleOutput, extract_file, read_text
from ingest.dates import find_dates
from ingest.evaluate import ArticleResult, Score, evaluate, read_gold, totals
from ingest.rdf import NIF, PROV, SCHEMA
from ingest.rules import numbers as number_rules
from kg.iris import LC
from tests.ingest._ingest_helpers import BASE, FIXTURES, ONTOLOGY, ROOT, visible_texts

DEVSET = ROOT / "tests" / "devset"
DEV = sorted((DEVSET / "dev").glob("*.gold.toml"))
TEST = sorted((DEVSET / "test").glob("*.gold.toml"))
ARTICLES = sorted(p for part in ("dev", "test") for p in (DEVSET / part).glob("*.txt"))
README = (DEVSET / "README.md").read_text(encoding="utf-8")
# The tags of the README's "Phenomena" paragraph: every backquoted slug in it.
_PARAGRAPH = README[README.index("Phenomena (") :].split("\n\n", 1)[0]
PHENOMENA = {t for t in _PARAGRAPH.split("`")[1::2] if re.fullmatch(r"[a-z][a-z0-9-]*", t)}
# What the README reports for the development part, per fact type: (precision, recall).
DEV_FLOORS = {
    "statistic": (0.90, 0.90),
    "date": (0.90, 0.80),
    "membership": (0.95, 0.90),
    "organization": (0.90, 0.80),
    "post": (0.95, 0.90),
    "person": (0.90, 0.90),
    "statistic-about": (0.80, 0.80),
    "initiative": (0.75, 0.70),
}


@cache
def _scores(part: tuple[Path, ...]) -> tuple[ArticleResult, ...]:
    return tuple(evaluate(list(part), ontology_dir=ONTOLOGY, base=BASE))


def test_the_set_is_as_large_and_varied_as_the_readme_says() -> None:
    assert len(DEV) + len(TEST) >= 40 and len(TEST) >= 10
    languages = Counter(
        tomllib.loads(p.with_suffix("").with_suffix(".toml").read_text(encoding="utf-8")).get(
            "language"
        )
        for p in [*DEV, *TEST]
    )
    assert languages["en"] >= 8 and languages["vi"] >= 30


@pytest.mark.parametrize("gold", [*DEV, *TEST], ids=lambda p: p.name.split(".")[0])
def test_gold_is_well_formed_and_quotes_the_article(gold: Path) -> None:
    parsed = read_gold(gold)
    text = read_text(gold.with_name(gold.name.replace(".gold.toml", ".txt")))
    assert parsed.facts, gold
    for fact in parsed.facts:
        assert fact["quote"] in text, fact
    for name in parsed.negatives:
        assert name in text, name  # a negative names something the scraped page really has
    assert set(parsed.meta.get("phenomena", [])) <= PHENOMENA, gold


def test_every_phenomenon_is_in_two_articles() -> None:
    seen: Counter[str] = Counter()
    for gold in [*DEV, *TEST]:
        seen.update(set(read_gold(gold).meta.get("phenomena", [])))
    assert {p for p in PHENOMENA if seen[p] < 2} == set()


@pytest.mark.parametrize(
    "path", [*ARTICLES, *sorted((FIXTURES / "articles").glob("*.txt"))], ids=lambda p: p.stem
)
def test_extract_writes_every_article_and_reports_what_it_set_aside(path: Path) -> None:
    out = _extracted(path)
    assert out.nquads.strip()
    assert all({"node", "shape", "message", "action"} <= set(a) for a in out.report["set_aside"])


@cache
def _extracted(path: Path) -> ArticleOutput:
    """``lckg extract``'s result: SHACL per article, failing nodes set aside, never the article."""
    return extract_file(path, ontology_dir=ONTOLOGY, base=BASE)


@cache
def _graph(path: Path) -> Graph:
    """The article's triples (its one named graph) as a plain graph."""
    dataset = Dataset()
    dataset.parse(data=_extracted(path).nquads, format="nquads")
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    assert len(graph), path
    return graph


_CODE = re.compile(r"\d+(?:/\d+)*[/-][A-ZĐ]")
_NUMBER = re.compile(r"\d[\d.,]*")


_MULTIPLIER = re.compile(
    r"\s*(" + "|".join(re.escape(w) for w, _ in number_rules.MULTIPLIERS) + r")\b", re.I
)
_POWERS = {w.casefold(): p for w, p in number_rules.MULTIPLIERS}
_SPELLED = re.compile(
    r"\b(" + "|".join(re.escape(w) for w, _ in number_rules.SPELLED_EN) + r")\b", re.I
)
_SPELLED_VALUES = {w.casefold(): n for w, n in number_rules.SPELLED_EN}


def _numbers(text: str, lang: str) -> list[tuple[int, int, set[Decimal]]]:
    """Each number of the text with the values it can stand for: as written, multiplied out by
    the word after it ("2,1 triệu", "14.2 billion"), or spelled ("seven", English only)."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = _value(m.group(0).rstrip(".,"), lang)
        try:
            values = {Decimal(raw)}
        except InvalidOperation:
            continue
        after = _MULTIPLIER.match(text, m.end())
        if after:
            values.add(Decimal(raw) * 10 ** _POWERS[after.group(1).casefold()])
        out.append((m.start(), m.end(), values))
    if lang == "en":
        out += [
            (m.start(), m.end(), {Decimal(_SPELLED_VALUES[m.group(1).casefold()])})
            for m in _SPELLED.finditer(text)
        ]
    return out


def _value(raw: str, lang: str) -> str:
    if lang == "en":
        return raw.replace(",", "")
    return raw.replace(".", "").replace(",", ".")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_statistic_is_a_date_a_code_or_part_of_a_name(path: Path) -> None:
    """Every statistic's value occurs in its passage outside dates, document codes and the names
    the article links; otherwise it was read from one of them."""
    lang = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8")).get("language")
    graph = _graph(path)
    mentions = [
        (int(graph.value(m, NIF.beginIndex)), int(graph.value(m, NIF.endIndex)))  # type: ignore[arg-type]
        for m in graph.subjects(RDF.type, URIRef(LC + "Mention"))
    ]
    for stat in graph.subjects(RDF.type, URIRef(LC + "Statistic")):
        value = str(graph.value(stat, SCHEMA.value))
        for passage in graph.objects(stat, PROV.wasDerivedFrom):
            text = str(graph.value(passage, NIF.anchorOf))
            start = int(graph.value(passage, NIF.beginIndex))  # type: ignore[arg-type]
            dates = [(d.begin, d.end) for d in find_dates(text, lang=lang or "vi")]
            codes = [(m.start(), m.end()) for m in _CODE.finditer(text)]
            free = [
                (b, e)
                for b, e, values in _numbers(text, lang or "vi")
                if Decimal(value) in values
                if not any(db <= b < de for db, de in dates + codes)
                and not any(mb <= start + b < me for mb, me in mentions)
            ]
            assert free, f"{path.stem}: statistic {value} in {text!r}"


def _table(results: tuple[ArticleResult, ...]) -> dict[str, Score]:
    return {t: s for t, s in totals(results).items() if s.tp + s.fp + s.fn}


def test_the_development_part_scores_what_the_readme_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    table = _table(_scores(tuple(DEV)))
    with capsys.disabled():
        print("\ndevelopment part:")
        for t, s in table.items():
            print(f"  {t:<16} P {s.precision:.3f} R {s.recall:.3f} ({s.tp}/{s.tp + s.fn})")
    for kind, (precision, recall) in DEV_FLOORS.items():
        assert table[kind].precision >= precision, kind
        assert table[kind].recall >= recall, kind


def test_the_untouched_test_part_is_scored(capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(_scores(tuple(TEST)))
    with capsys.disabled():
        print("\ntest part (not tuned to):")
        for t, s in table.items():
            print(f"  {t:<16} P {s.precision:.3f} R {s.recall:.3f} ({s.tp}/{s.tp + s.fn})")
    assert table["statistic"].tp > 0 and table["date"].tp > 0


def _gold_people(path: Path) -> set[str]:
    gold = read_gold(path.with_name(path.name.replace(".txt", ".gold.toml")))
    return {
        e["name"]
        for e in gold.meta.get("entity", [])
        if str(e.get("iri", "")).startswith("person/")
    }


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_organisation_is_named_with_a_person(path: Path) -> None:
    """No organisation's label ends in the name of a person the article names (as the gold
    reads them, or as the extractor found them)."""
    graph = _graph(path)
    people = _gold_people(path) | {
        str(graph.value(p, SCHEMA.name)) for p in graph.subjects(RDF.type, URIRef(LC + "Person"))
    }
    for org in graph.subjects(RDF.type, URIRef(LC + "Organization")):
        label = str(graph.value(org, SCHEMA.name))
        assert not [p for p in people if p and label.endswith(p)], (path.stem, label)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_nothing_comes_from_teasers_captions_or_related_news(path: Path) -> None:
    """The names the gold lists from the page's clutter (teasers, captions, bylines, blocks of
    other stories) are in no passage, mention or label."""
    texts = visible_texts(_graph(path))
    gold = read_gold(path.with_name(path.name.replace(".txt", ".gold.toml")))
    assert texts and gold.negatives
    assert not [n for n in gold.negatives if any(n in t for t in texts)], path.stem


_PLACE_KINDS = ("city", "province", "country", "place")
_IDENT_REF = URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_place_is_read_from_inside_a_longer_word(path: Path) -> None:
    """Every place mention is capitalised (or follows its admin word), starts and ends at word
    boundaries of the cleaned text, and lies inside no person's name."""
    graph = _graph(path)
    text = str(next(graph.objects(None, NIF.isString)))
    spans = {}
    for m in graph.subjects(RDF.type, URIRef(LC + "Mention")):
        target = str(graph.value(m, _IDENT_REF))
        kind = target.removeprefix(f"{BASE}id/").split("/", 1)[0]
        begin, end = int(graph.value(m, NIF.beginIndex)), int(graph.value(m, NIF.endIndex))  # type: ignore[arg-type]
        spans[(begin, end)] = (kind, text[begin:end])
    people = [span for span, (kind, _) in spans.items() if kind == "person"]
    places = [(span, anchor) for span, (kind, anchor) in spans.items() if kind in _PLACE_KINDS]
    assert places
    for (begin, end), anchor in places:
        assert any(c.isupper() for c in anchor) or anchor.split()[0] in ("thành", "tỉnh"), anchor
        assert not any(pb <= begin and end <= pe for pb, pe in people), (path.stem, anchor)
        assert not text[begin - 1 : begin].isalnum(), (path.stem, anchor)
        assert not text[end : end + 1].isalnum(), (path.stem, anchor)
