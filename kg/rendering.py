"""Jinja2 environment for the HTML pages (autoescaping on everywhere)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from kg.config import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"


def make_templates(settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.autoescape = True
    templates.env.globals["base"] = settings.base
    return templates
