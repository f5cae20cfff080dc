"""Jinja2 environment for the HTML pages (autoescaping on everywhere).

Globals available to every template, including those of other route modules:
``msg(key, lang)`` (the UI message table), ``ui_lang(request)`` (the request's language) and
``not_found_hint(request)`` (search suggestions for a 404 page).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fastapi import Request
from fastapi.templating import Jinja2Templates

from kg.config import Settings
from kg.errors import KGError
from kg.i18n import MESSAGES, choose_lang
from kg.markup import fact_list, source_list, value_list

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"


def msg(key: str, lang: str = "en") -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "vi" else pair[1]


def ui_lang(request: Request) -> str:
    return choose_lang(
        request.query_params.get("lang"),
        request.cookies.get("lang"),
        request.headers.get("accept-language"),
    )


def not_found_hint(request: Request) -> dict[str, Any]:
    """A search query made from the missing path, and what the search index finds for it."""
    last = unquote(request.url.path.rstrip("/").rpartition("/")[2]).rpartition(".")
    words = (last[0] or last[2]).replace("-", " ").replace("_", " ").strip()
    hint: dict[str, Any] = {"query": words, "hits": []}
    store = getattr(request.app.state, "store", None)
    if not words or store is None:
        return hint
    from kg.web import get_search, page_path

    lang = ui_lang(request)
    try:
        hits = get_search(request, store).search(words, limit=5, kind="entity").hits
    except (KGError, OSError, sqlite3.Error, ValueError) as exc:
        log.warning("no suggestions for %s: %s", request.url.path, exc)
        return hint
    iris = request.app.state.iris
    hint["hits"] = [
        {
            "href": page_path(h.iri, iris) or h.iri,
            "label": h.label(lang),
            "type": (h.type or "").rpartition("#")[2],
        }
        for h in hits
    ]
    return hint


def make_templates(settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.autoescape = True
    # Templates ship with the package: no file-modification check on every render.
    templates.env.auto_reload = False
    templates.env.globals["base"] = settings.base
    templates.env.globals["msg"] = msg
    templates.env.globals["ui_lang"] = ui_lang
    templates.env.globals["not_found_hint"] = not_found_hint
    templates.env.filters["value_list"] = value_list
    templates.env.filters["fact_list"] = fact_list
    templates.env.filters["source_list"] = source_list
    return templates
