"""The build: end to end, atomic swap, failures that leave the store in service untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg import build as build_module
from kg.build import run_build
from kg.build_layout import BuildInfo, current_build, stale_partials
from kg.config import Settings
from kg.errors import BuildError
from kg.store import Store
from tests.cli_runner import ROOT, run_lckg

SDG_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX lc: <https://w3id.org/learning-cities/ontology#>
SELECT ?n ?un WHERE {
  ?goal a lc:SustainableDevelopmentGoal ; skos:notation ?n ; skos:exactMatch ?un .
  FILTER(STRSTARTS(STR(?un), "http://metadata.un.org/sdg/"))
}"""


def _sdgs(info: BuildInfo) -> dict[str, str]:
    store = Store(info.store_dir, read_only=True)
    return {str(r["n"]): str(r["un"]) for r in store.select(SDG_QUERY)}


def test_the_17_sdgs_and_their_un_iris_are_queryable(built: BuildInfo) -> None:
    sdgs = _sdgs(built)
    assert sorted(sdgs, key=int) == [str(n) for n in range(1, 18)]
    assert all(sdgs[n] == f"http://metadata.un.org/sdg/{n}" for n in sdgs)


def test_build_has_every_graph_and_a_report(built: BuildInfo, built_settings: Settings) -> None:
    store = Store(built.store_dir, read_only=True)
    graphs = store.named_graphs()
    base = built_settings.base
    assert f"{base}graph/ontology" in graphs
    assert f"{base}graph/reference" in graphs
    articles = sorted(p.stem for p in built_settings.articles_dir.glob("*.txt"))
    assert articles, "the corpus is empty"
    assert [g for g in graphs if "/graph/article/" in g] == [
        f"{base}graph/article/{a}" for a in articles
    ]
    report = built.report_path.read_text(encoding="utf-8")
    assert '"conforms": true' in report
    assert built.search_path.is_file()


def _small_settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(data_dir=tmp_path / "var", **overrides)  # type: ignore[arg-type]


def test_a_failing_phase_leaves_the_store_in_service(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = _small_settings(tmp_path)
    first = run_build(settings, quiet=True, validate=False)

    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("search index phase failed")

    monkeypatch.setattr(build_module, "phase_search", boom)
    with pytest.raises(RuntimeError, match="search index phase failed"):
        run_build(settings, quiet=True, validate=False)
    current = current_build(settings)
    assert current is not None and current.build_id == first.build_id
    assert stale_partials(settings) == []
    assert len(_sdgs(current)) == 17


def test_a_killed_build_leaves_the_store_in_service(tmp_path: Path) -> None:
    settings = _small_settings(tmp_path)
    first = run_build(settings, quiet=True, validate=False)
    # A separate process starts a build and is killed (SIGKILL) in the middle of its load phase.
    script = textwrap.dedent(f"""
        import os, signal
        from kg import build
        from kg.config import Settings
        real = build.phase_search
        def die(*a, **k):
            os.kill(os.getpid(), signal.SIGKILL)
        build.phase_search = die
        build.run_build(Settings(data_dir={str(settings.data_dir)!r}), quiet=True, validate=False)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=300, check=False
    )
    assert proc.returncode == -9, proc.stderr.decode()
    assert len(stale_partials(settings)) == 1  # the killed build's directory is left behind...
    current = current_build(settings)
    assert current is not None and current.build_id == first.build_id
    assert len(_sdgs(current)) == 17  # ...and the store in service is intact and readable
    second = run_build(settings, quiet=True, validate=False)
    assert stale_partials(settings) == []  # the next build cleans it up
    assert current_build(settings) == second


def test_rebuild_is_isomorphic(tmp_path: Path, built: BuildInfo) -> None:
    from rdflib.compare import isomorphic

    from kg.build import load_dataset

    settings = _small_settings(tmp_path)
    again = run_build(settings, quiet=True)
    first = load_dataset(Store(built.store_dir, read_only=True))
    second = load_dataset(Store(again.store_dir, read_only=True))
    assert len(first) == len(second)
    for graph in first.graphs():
        assert isomorphic(graph, second.graph(graph.identifier)), graph.identifier


def _copy_ontology(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", target)
    return target


def test_turtle_error_in_reference_names_file_line_and_problem(tmp_path: Path) -> None:
    ontology = _copy_ontology(tmp_path)
    bad = ontology / "reference" / "places.ttl"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(5, '<id/city/broken> <http://www.w3.org/2000/01/rdf-schema#label> "unclosed .')
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = _small_settings(tmp_path, ontology_dir=ontology)
    with pytest.raises(BuildError) as info:
        run_build(settings, quiet=True)
    message = str(info.value)
    assert "places.ttl" in message
    assert "line 6" in message
    assert current_build(settings) is None
    assert stale_partials(settings) == []


def test_cli_build_with_a_bad_base_fails_with_a_message(tmp_path: Path) -> None:
    proc = run_lckg("build", "--base", "localhost:8000", data_dir=tmp_path / "var")
    assert proc.returncode != 0
    assert "localhost:8000" in proc.stderr
    assert "absolute" in proc.stderr
    assert not (tmp_path / "var" / "current").exists()


def test_cli_build_with_bad_reference_exits_non_zero(tmp_path: Path) -> None:
    ontology = _copy_ontology(tmp_path)
    bad = "@prefix x: <http://x/> .\nx:a x:b x:c x:d .\n"
    (ontology / "reference" / "zz-bad.ttl").write_text(bad, encoding="utf-8")
    proc = run_lckg("build", "--quiet", data_dir=tmp_path / "var", KG_ONTOLOGY_DIR=str(ontology))
    assert proc.returncode == 1
    assert "zz-bad.ttl" in proc.stderr
    assert "line 2" in proc.stderr


def test_a_build_with_another_base_is_served_and_queried_with_that_base(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from kg.app import create_app

    settings = _small_settings(tmp_path, base="https://kg.example.org/lc/")
    run_build(settings, quiet=True, validate=False)
    reader = Settings(data_dir=settings.data_dir)  # default base in the environment
    with TestClient(create_app(reader)) as client:
        response = client.get(
            "/id/city/son-la", headers={"Accept": "text/turtle"}, follow_redirects=False
        )
        assert response.status_code == 303
        data = client.get(response.headers["location"])
        assert "<https://kg.example.org/lc/id/city/son-la>" in data.text
    # a parameter given relative to the base resolves against the build's base
    proc = run_lckg(
        "query",
        "--format",
        "csv",
        "--name",
        "04",
        "--param",
        "city=id/city/son-la",
        data_dir=settings.data_dir,
    )
    assert proc.returncode == 0, proc.stderr
    assert "34" in proc.stdout  # "dành 34% tổng ngân sách dành cho giáo dục"


def test_the_ingest_phase_writes_each_article_out_and_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat in the corpus size: when an article is extracted, the ones before it are
    already in the staged file inside the partial build, and none but the last is still alive."""
    import weakref

    import ingest.api
    from bench.corpus import generate_corpus

    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 6, seed=3)
    settings = _small_settings(tmp_path, articles_dir=corpus)
    made: list[weakref.ref[ingest.api.ArticleOutput]] = []
    staged_during: list[bool] = []
    real = ingest.api._extract_one

    def extract_one(job: tuple[Path, Path, str, Path | None, bool]) -> ingest.api.ArticleOutput:
        alive = [ref for ref in made if ref() is not None]
        assert len(alive) <= 1, f"{len(alive)} earlier article outputs are still held"
        staged_during.append((stale_partials(settings)[0] / build_module.STAGED_FILE).is_file())
        output = real(job)
        made.append(weakref.ref(output))
        return output

    monkeypatch.setattr(ingest.api, "_extract_one", extract_one)
    info = run_build(settings, quiet=True, validate=False)
    assert len(made) == 6 and all(staged_during)
    report = json.loads(info.report_path.read_text(encoding="utf-8"))
    assert report["counts"]["articles"] == 6
    assert [a["id"] for a in report["articles"]] == sorted(p.stem for p in corpus.glob("*.txt"))
    assert not (info.root / build_module.STAGED_FILE).exists()
    graphs = Store(info.store_dir, read_only=True).named_graphs()
    assert len([g for g in graphs if "/graph/article/" in g]) == 6


def test_a_bad_article_fails_the_build_leaving_no_staged_file(tmp_path: Path) -> None:
    from bench.corpus import generate_corpus

    corpus = tmp_path / "corpus"
    paths = generate_corpus(corpus, 4, seed=3)
    paths[2].write_bytes(b"\xff\xfe")  # a UTF-16 byte order mark: the third article is refused
    settings = _small_settings(tmp_path, articles_dir=corpus)
    with pytest.raises(BuildError, match=paths[2].name):
        run_build(settings, quiet=True, validate=False)
    assert current_build(settings) is None
    assert stale_partials(settings) == []
    assert list(settings.data_dir.rglob(build_module.STAGED_FILE)) == []
