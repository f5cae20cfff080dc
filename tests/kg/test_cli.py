"""``lckg query/export/stats`` against a real build; machine formats keep stdout clean."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.config import Settings
from tests.cli_runner import ROOT, run_lckg


def lckg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_lckg(*args, data_dir=settings.data_dir)


def test_query_csv_prints_only_csv(built_settings: Settings) -> None:
    proc = lckg(
        built_settings,
        "query",
        "--format",
        "csv",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?n WHERE { ?g skos:notation ?n FILTER(?n IN ('4', '11')) } ORDER BY ?n",
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows == [["n"], ["11"], ["4"]]


def test_query_json_is_sparql_json(built_settings: Settings) -> None:
    proc = lckg(built_settings, "query", "--format", "json", "ASK { ?s ?p ?o }")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["boolean"] is True


def test_query_syntax_error_exits_1_with_the_position(built_settings: Settings) -> None:
    proc = lckg(built_settings, "query", "SELECT * WHERE { ?s ?p }")
    assert proc.returncode == 1  # bad input, as the README says (2 is bad usage)
    assert "1:" in proc.stderr and proc.stdout == ""


def test_query_needs_text_or_name(built_settings: Settings) -> None:
    proc = lckg(built_settings, "query")
    assert proc.returncode == 2
    assert "--name" in proc.stderr


def test_export_nquads_round_trips(built_settings: Settings) -> None:
    proc = lckg(built_settings, "export", "--format", "nq")
    assert proc.returncode == 0, proc.stderr
    dataset = Dataset()
    dataset.parse(data=proc.stdout, format="nquads")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert f"{built_settings.base}graph/reference" in names
    assert any("/graph/article/" in n for n in names)


def test_export_to_file_as_trig(built_settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "all.trig"
    proc = lckg(built_settings, "export", "-o", str(target), "--format", "trig")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    dataset = Dataset()
    dataset.parse(target, format="trig")
    assert len(dataset) > 1000


@pytest.mark.parametrize("fmt", ["ttl2", "json"])
def test_export_rejects_other_formats(built_settings: Settings, fmt: str) -> None:
    proc = lckg(built_settings, "export", "--format", fmt)
    assert proc.returncode == 2
    assert "--format" in proc.stderr


def test_stats_json_counts_classes(built_settings: Settings) -> None:
    proc = lckg(built_settings, "stats", "--json")
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    lc = "https://w3id.org/learning-cities/ontology#"
    assert stats["classes"][f"{lc}SustainableDevelopmentGoal"] == 17
    assert stats["triples"] > 1000
    assert len(stats["graphs"]) >= 4


def test_commands_without_a_build_say_so(tmp_path: Path) -> None:
    proc = lckg(Settings(data_dir=tmp_path), "stats")
    assert proc.returncode == 1
    assert "lckg build" in proc.stderr


ARTICLE = ROOT / "ingest" / "articles" / "002_f9704879dbee1189.txt"


def _extract(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_lckg("extract", *args, data_dir=tmp_path / "var")


def test_extract_prints_trig_and_leaves_the_store_alone(tmp_path: Path) -> None:
    proc = _extract(tmp_path, str(ARTICLE))
    assert proc.returncode == 0, proc.stderr
    dataset = Dataset()
    dataset.parse(data=proc.stdout, format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {"http://localhost:8000/graph/article/002_f9704879dbee1189"}
    assert "Hà Trung Chiến" in proc.stdout
    assert not (tmp_path / "var").exists()


def test_extract_without_curation_drops_curated_facts(tmp_path: Path) -> None:
    curated = _extract(tmp_path, str(ARTICLE), "-o", str(tmp_path / "with.trig"))
    plain = _extract(tmp_path, str(ARTICLE), "--no-curation", "-o", str(tmp_path / "without.trig"))
    assert curated.returncode == plain.returncode == 0, curated.stderr + plain.stderr
    assert curated.stdout == plain.stdout == ""
    with_text = (tmp_path / "with.trig").read_text(encoding="utf-8")
    without_text = (tmp_path / "without.trig").read_text(encoding="utf-8")
    assert "CurationRecord" in with_text
    assert "CurationRecord" not in without_text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("Thành phố Sơn La".encode() + b"\xff\xfe" + " tham dự".encode(), "UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (b"", "empty"),
    ],
)
def test_extract_bad_input_names_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    (tmp_path / "bad.toml").write_text('language = "vi"\n', encoding="utf-8")
    proc = _extract(tmp_path, str(bad))
    assert proc.returncode == 1
    assert "bad.txt" in proc.stderr
    assert problem.lower() in proc.stderr.lower()
    assert proc.stdout == ""


CURATED = (
    'kind = "event"\n'
    'quote = "sắp tới trong năm nay như Hội nghị quốc tế về thành phố học tập toàn cầu lần thứ 6"\n'
    'subject = "event/hoi-nghi-quoc-te-ve-thanh-pho-hoc-tap-toan-cau-lan-thu-6"\n'
)


@pytest.mark.parametrize(
    ("curation", "problem"),
    [
        ("[[add]]\n" + CURATED + 'start = "2024-13-45"\n', "start '2024-13-45' is not a date"),
        ("[[add]]\n" + CURATED + 'start = "not-a-date"\n', "start 'not-a-date' is not a date"),
        ("[add]\n" + CURATED, "add must be [[add]] tables"),
    ],
    ids=["month-13", "not-a-date", "table-not-array"],
)
def test_extract_bad_curation_names_the_file_and_the_field(
    tmp_path: Path, curation: str, problem: str
) -> None:
    bad = tmp_path / "curation" / f"{ARTICLE.stem}.toml"
    bad.parent.mkdir()
    bad.write_text(curation, encoding="utf-8")
    proc = run_lckg(
        "extract", str(ARTICLE), data_dir=tmp_path / "var", KG_CURATION_DIR=str(bad.parent)
    )
    assert proc.returncode == 1
    assert f"error: {bad}" in proc.stderr and problem in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_extract_is_byte_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    """rdflib names unbound namespaces in set order; the TriG must not depend on it."""
    outputs = []
    for seed in ("0", "1"):
        target = tmp_path / f"seed-{seed}.trig"
        proc = run_lckg(
            "extract", str(ARTICLE), "-o", str(target), data_dir=tmp_path, PYTHONHASHSEED=seed
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"@prefix lc: <https://w3id.org/learning-cities/ontology#> ." in outputs[0]


def _rows(proc: subprocess.CompletedProcess[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(proc.stdout)))[1:]


@pytest.mark.parametrize("value", ["city/son-la", "son-la", "id/city/son-la"])
def test_query_param_takes_the_short_forms_the_site_shows(
    built_settings: Settings, value: str
) -> None:
    full = lckg(built_settings, "query", "--name", "03", "--format", "csv")
    short = lckg(
        built_settings, "query", "--name", "03", "--param", f"city={value}", "--format", "csv"
    )
    assert short.returncode == 0, short.stderr
    assert _rows(short) and _rows(short) == _rows(full)  # 03's default city is id/city/son-la


@pytest.mark.parametrize("value", ["son-laa", "city/son-laa"])
def test_query_param_naming_nothing_is_refused(built_settings: Settings, value: str) -> None:
    proc = lckg(built_settings, "query", "--name", "03", "--param", f"city={value}")
    assert proc.returncode == 1
    assert "--param city" in proc.stderr and value in proc.stderr
    assert proc.stdout == ""


def test_query_table_shows_prefixed_names(built_settings: Settings) -> None:
    proc = lckg(
        built_settings,
        "query",
        "PREFIX lc: <https://w3id.org/learning-cities/ontology#> "
        "SELECT ?city ?type WHERE { BIND(<http://localhost:8000/id/city/son-la> AS ?city) "
        "BIND(lc:City AS ?type) }",
    )
    assert proc.returncode == 0, proc.stderr
    assert "city/son-la" in proc.stdout and "lc:City" in proc.stdout
    assert "http://l…" not in proc.stdout and "…" not in proc.stdout
