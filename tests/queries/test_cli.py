"""``lckg query --name NN`` runs a research question from the command line."""

from __future__ import annotations

import csv
import io
import subprocess

from kg.config import Settings
from tests.cli_runner import run_lckg


def lckg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_lckg(*args, data_dir=settings.data_dir, KG_BASE=settings.base)


def test_query_by_name_as_csv(built_settings: Settings) -> None:
    proc = lckg(built_settings, "query", "--name", "02", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert any(
        row["city"].endswith("/id/city/son-la") and row["since"] == "2024-02" for row in rows
    )


def test_query_by_name_with_a_parameter(built_settings: Settings) -> None:
    proc = lckg(
        built_settings,
        "query",
        "--name",
        "15-entity-sentences",
        "--format",
        "csv",
        "--param",
        "entity=id/city/son-la",
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows
    assert {row["entity"] for row in rows} == {built_settings.base + "id/city/son-la"}


def test_bad_parameter_is_a_clear_error(built_settings: Settings) -> None:
    proc = lckg(built_settings, "query", "--name", "06", "--param", "from=soon")
    assert proc.returncode == 1  # bad input (2 is bad usage)
    assert "from" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
