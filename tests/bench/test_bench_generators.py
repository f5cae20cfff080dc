"""The benchmark generators: deterministic from a seed, output that parses, sizes as asked."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.corpus import generate_corpus, load_gazetteer, make_article
from bench.scale import BASE, parse_template, scale
from bench.template import builtin_template


def _read_all(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())}


def test_corpus_is_deterministic_from_the_seed(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 12, seed=5)
    generate_corpus(tmp_path / "b", 12, seed=5)
    generate_corpus(tmp_path / "c", 12, seed=6)
    assert _read_all(tmp_path / "a") == _read_all(tmp_path / "b")
    assert _read_all(tmp_path / "a") != _read_all(tmp_path / "c")


def test_corpus_articles_look_like_scraped_vietnamese_news(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 30, seed=1)
    assert len(paths) == 30
    texts = [p.read_text(encoding="utf-8") for p in paths]
    joined = "\n".join(texts)
    for marker in ("Cùng chủ đề", "Mới nhất", "thành phố học tập", "UNESCO", "%"):
        assert marker in joined
    for path in paths:
        meta = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))
        assert set(meta) == {"url", "publisher", "headline", "date_published"}
        assert len(meta["date_published"]) == 10


def test_corpus_names_come_from_the_reference_gazetteer() -> None:
    gaz = load_gazetteer()
    if gaz.source != "reference":
        pytest.skip("no reference data in this checkout")
    assert "Sơn La" in gaz.names["city"]
    _, text, _ = make_article(0, seed=1, gaz=gaz)
    assert any(city in text for city in gaz.names["city"])


def test_scaler_is_deterministic_and_parses(tmp_path: Path) -> None:
    template = parse_template(builtin_template(BASE), source="built-in")
    a = scale(template, 20_000, tmp_path / "a", seed=3)
    b = scale(template, 20_000, tmp_path / "b", seed=3)
    assert a.nquads.read_bytes() == b.nquads.read_bytes()
    store = ox.Store()
    store.bulk_load(path=str(a.nquads), format=ox.RdfFormat.N_QUADS)
    assert len(store) == a.triples
    assert len(list(store.named_graphs())) == a.articles


@pytest.mark.parametrize("target", [10_000, 50_000, 120_000])
def test_scaler_hits_the_requested_size(tmp_path: Path, target: int) -> None:
    template = parse_template(builtin_template(BASE), source="built-in")
    fixed = 1_000
    scaled = scale(template, target, tmp_path, seed=1, fixed_triples=fixed)
    store = ox.Store()
    store.bulk_load(path=str(scaled.nquads), format=ox.RdfFormat.N_QUADS)
    assert abs(len(store) + fixed - target) <= 0.05 * target


def test_scaler_renames_article_iris_but_keeps_reference_ones(tmp_path: Path) -> None:
    template = parse_template(builtin_template(BASE), source="built-in")
    scaled = scale(template, 3 * template.triples, tmp_path, seed=1)
    text = scaled.nquads.read_text(encoding="utf-8")
    assert f"<{BASE}graph/article/000_template_short-s2>" in text
    assert f"<{BASE}id/organization/gnlc>" in text  # reference IRIs are shared by the copies
    assert "-s0-s" not in text


def test_scaler_leaves_literals_alone(tmp_path: Path) -> None:
    person = f"{BASE}id/person/an"
    graph = f"{BASE}graph/article/a1"
    text = (
        f'<{person}> <https://schema.org/name> "An _:b1 <{person}>"@vi <{graph}> .\n'
        f"_:b1 <https://schema.org/about> <{person}> <{graph}> .\n"
    )
    scaled = scale(parse_template(text, source="test"), 8, tmp_path, seed=1)
    out = scaled.nquads.read_text(encoding="utf-8")
    assert f'"An _:b1 <{person}>"@vi' in out
    assert f"<{person}-s3>" in out
    assert "_:b1-s3 " in out
