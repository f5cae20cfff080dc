"""The automatic extractor (no curation) against the hand-written gold standard."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.api import read_text
from kg.text import nfc
from tests.ingest._ingest_helpers import (
    ARTICLES,
    FIXTURES,
    GOLD,
    SEEDS,
    build,
    fact_tuples,
    gold_tuples,
    score,
    visible_texts,
)

MIN_RECALL, MIN_PRECISION = 0.90, 0.95


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[set[tuple[str, str, str, str]], set[tuple[str, str, str, str]]]]:
    out = {}
    for seed in SEEDS:
        gold, _, _ = gold_tuples(GOLD / f"{seed}.toml")
        out[seed] = (fact_tuples(build(ARTICLES / f"{seed}.txt")), gold)
    return out


def test_gold_is_large_enough_and_covers_every_kind() -> None:
    facts = [f for seed in SEEDS for f in gold_tuples(GOLD / f"{seed}.toml")[1]]
    assert len(facts) >= 45
    assert {f["kind"] for f in facts} >= {
        "membership",
        "participation",
        "statistic",
        "event",
        "initiative",
        "person",
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_gold_quotes_are_in_the_article(seed: str) -> None:
    text = nfc(read_text(ARTICLES / f"{seed}.txt"))
    for fact in gold_tuples(GOLD / f"{seed}.toml")[1]:
        assert fact["quote"] in text, fact


def test_precision_and_recall_on_the_seeds(
    results: dict[str, tuple[set[tuple[str, str, str, str]], set[tuple[str, str, str, str]]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    extracted = {(seed, *f) for seed, (ex, _) in results.items() for f in ex}
    gold = {(seed, *f) for seed, (_, g) in results.items() for f in g}
    precision, recall = score(extracted, gold)  # type: ignore[arg-type]
    with capsys.disabled():
        for seed, (ex, g) in results.items():
            p, r = score(ex, g)
            print(
                f"\n{seed}: precision {p:.3f} recall {r:.3f} ({len(ex & g)}/{len(ex)} extracted, {len(g)} gold)"
            )
            for miss in sorted(g - ex):
                print("  missed:", miss)
            for extra in sorted(ex - g):
                print("  extra: ", extra)
        print(f"seeds: precision {precision:.3f} recall {recall:.3f}")
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION


@pytest.mark.parametrize("seed", SEEDS)
def test_negatives_never_reach_the_graph(seed: str) -> None:
    texts = visible_texts(build(ARTICLES / f"{seed}.txt"))
    assert texts
    for name in gold_tuples(GOLD / f"{seed}.toml")[2]:
        assert not any(name in t for t in texts), name


FIXTURE_ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


@pytest.mark.parametrize("path", FIXTURE_ARTICLES, ids=lambda p: p.stem)
def test_held_out_articles(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hand-written articles that are not in the corpus keep the rules general."""
    gold, facts, negatives = gold_tuples(FIXTURES / "gold" / f"{path.stem}.toml")
    text = nfc(read_text(path))
    assert all(f["quote"] in text for f in facts)
    graph = build(path)
    extracted = fact_tuples(graph)
    precision, recall = score(extracted, gold)
    with capsys.disabled():
        print(f"\n{path.stem}: precision {precision:.3f} recall {recall:.3f}")
        for miss in sorted(gold - extracted):
            print("  missed:", miss)
        for extra in sorted(extracted - gold):
            print("  extra: ", extra)
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION
    assert not [n for n in negatives if any(n in t for t in visible_texts(graph))]
