from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kg.config import Settings


def test_defaults_match_the_design() -> None:
    settings = Settings()
    assert settings.data_dir == Path("var")
    assert settings.base == "http://localhost:8000/"
    assert settings.port == 8000
    assert settings.query_timeout == 30
    assert settings.update_token is None
    assert settings.service_allow == []


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PORT", "8123")
    monkeypatch.setenv("KG_BASE", "https://kg.example.org/")
    monkeypatch.setenv("KG_SERVICE_ALLOW", "https://query.wikidata.org/sparql, http://x/sparql")
    monkeypatch.setenv("KG_NETWORK_ISOLATION", "off")  # an allow-list needs a network
    settings = Settings()
    assert settings.port == 8123
    assert settings.base == "https://kg.example.org/"
    assert settings.service_allow == ["https://query.wikidata.org/sparql", "http://x/sparql"]


def test_bad_base_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_BASE", "example.org")
    with pytest.raises(ValidationError, match="KG_BASE"):
        Settings()


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [
        f"KG_{name.upper()}" for name in Settings.model_fields if f"KG_{name.upper()}" not in readme
    ]
    assert missing == []
