"""State shared by the W3C test modules and their conftest (a plain module, not a conftest)."""

from __future__ import annotations

TOKEN = "w3c-test-token"
SUMMARY: list[str] = []
