"""A route, command or setting that the README does not mention is a bug (Datasette's rule)."""

from __future__ import annotations

import warnings
from pathlib import Path

from kg.app import create_app
from kg.cli import app as cli_app
from kg.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_route_is_documented() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = create_app(Settings()).openapi()["paths"]
    missing = [p for p in paths if p not in README]
    assert missing == []


def test_every_command_is_documented() -> None:
    names = [
        c.name or (c.callback.__name__ if c.callback else "") for c in cli_app.registered_commands
    ]
    assert len(names) >= 7
    assert [n for n in names if f"lckg {n}" not in README] == []
