"""Build and start-up hygiene: every broken corpus file reported in one run, file names that
cannot make an IRI, orphan metadata, and what killed servers and builds leave behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench.corpus import generate_corpus
from kg.app import create_app
from kg.build import corpus_problems, run_build
from kg.build_layout import current_build, stale_partials
from kg.config import Settings
from kg.errors import BuildError
from kg.store import Store
from tests.cli_runner import run_lckg


def _broken_corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Four good articles and five broken files, each broken its own way; the name of each
    broken file and a word of its reason."""
    corpus = tmp_path / "corpus"
    good = generate_corpus(corpus, 4, seed=5)
    spaced = corpus / "bài viết mới.txt"
    shutil.copy(good[0], spaced)
    shutil.copy(good[0].with_suffix(".toml"), spaced.with_suffix(".toml"))
    bidi = corpus / "abc\u202edcba.txt"
    shutil.copy(good[1], bidi)
    shutil.copy(good[1].with_suffix(".toml"), bidi.with_suffix(".toml"))
    (corpus / "lonely.toml").write_text('headline = "No article"\n', encoding="utf-8")
    good[2].write_bytes(b"\xff\xfeU\x00T\x00F\x00")  # UTF-16: refused
    good[3].with_suffix(".toml").write_text('headline = "x"\nheadline = "y"\n', encoding="utf-8")
    return corpus, {
        spaced.name: "cannot name an article",
        bidi.name: "cannot name an article",
        "lonely.toml": "no lonely.txt",
        good[2].name: "UTF-16",
        good[3].with_suffix(".toml").name: "TOML",
    }


def test_every_broken_file_is_reported_in_one_run(tmp_path: Path) -> None:
    corpus, broken = _broken_corpus(tmp_path)
    settings = Settings(data_dir=tmp_path / "var", articles_dir=corpus)
    with pytest.raises(BuildError) as caught:
        run_build(settings, quiet=True, validate=False)
    message = str(caught.value)
    assert message.startswith("5 broken corpus files:")
    lines = message.splitlines()[1:]
    assert len(lines) == 5, message
    for name, reason in broken.items():
        line = next((x for x in lines if name in x), None)
        assert line is not None, f"{name} is not reported:\n{message}"
        assert reason in line, line
    assert current_build(settings) is None and stale_partials(settings) == []


def test_a_bad_name_proposes_a_name_that_would_do(tmp_path: Path) -> None:
    corpus, _ = _broken_corpus(tmp_path)
    problems = corpus_problems(corpus)
    assert any("e.g. 'bai-viet-moi.txt'" in p for p in problems), problems
    assert len(problems) == 3  # two names and the orphan; the rest is read by the pipeline


def test_the_cli_lists_every_broken_file_without_a_traceback(tmp_path: Path) -> None:
    corpus, broken = _broken_corpus(tmp_path)
    result = run_lckg(
        "build", "--skip-shacl", data_dir=tmp_path / "var", KG_ARTICLES_DIR=str(corpus)
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    flat = " ".join(result.stderr.split())  # rich wraps long lines
    for name in broken:
        assert name.replace(" ", "") in flat.replace(" ", ""), (name, result.stderr)


def _leftovers(data_dir: Path) -> list[Path]:
    """What a killed server and a killed build leave."""
    work = data_dir / "tmp" / "sparql-deadbeef"
    (work / "results").mkdir(parents=True)
    (work / "results" / "result-1-2").write_bytes(b"x" * 100)
    build = data_dir / "stores" / "20260101T000000Z-abcdef"
    (build / "dumps").mkdir(parents=True)
    (build / "dumps" / ".kg.trig.x1y2.tmp").write_bytes(b"half a dump")
    (build / "search-live").mkdir()
    (build / "search-live" / "gen-3.sqlite.tmp").write_bytes(b"half an index")
    partial = data_dir / "stores" / "20260102T000000Z-123456.partial"
    partial.mkdir()
    swap = data_dir / ".current-1a2b3c4d"
    swap.symlink_to("stores/20260101T000000Z-abcdef")
    (data_dir / "build.lock").touch()
    return [
        work,
        build / "dumps" / ".kg.trig.x1y2.tmp",
        build / "search-live" / "gen-3.sqlite.tmp",
        partial,
        swap,
    ]


def test_a_starting_server_removes_what_killed_ones_left(tmp_path: Path) -> None:
    left = _leftovers(tmp_path)
    settings = Settings(data_dir=tmp_path, queries_dir=tmp_path / "queries")
    with TestClient(create_app(settings, store=Store())) as client:
        assert client.get("/health").status_code == 200
        assert [p for p in left if p.exists() or p.is_symlink()] == []
        mine = sorted((tmp_path / "tmp").glob("sparql-*"))
        assert len(mine) == 1  # this server's own work directory
        # A second server on the same data directory leaves the first one's alone.
        with TestClient(create_app(settings, store=Store())):
            assert mine[0].is_dir()
            assert len(list((tmp_path / "tmp").glob("sparql-*"))) == 2
        assert mine[0].is_dir()
    assert list((tmp_path / "tmp").glob("sparql-*")) == []  # each removed its own on stopping
