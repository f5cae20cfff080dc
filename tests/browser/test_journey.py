"""The reader's journey: home → search "son la" → city → a fact's source → the sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_search_to_source_sentence(browser: Any, browser_base: str, artifacts: Path) -> None:
    page = browser.new_page(locale="vi-VN", viewport={"width": 1200, "height": 900})
    page.goto(browser_base)
    assert page.locator("html").get_attribute("lang") == "vi"
    page.screenshot(path=str(artifacts / "01-home.png"), full_page=True)

    page.fill("#site-q", "son la")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=son+la*")
    first = page.locator("ol.results li a").first
    assert first.inner_text() == "Sơn La"
    page.screenshot(path=str(artifacts / "02-search.png"), full_page=True)

    first.click()
    page.wait_for_url("**/page/city/son-la")
    assert page.locator("h1").inner_text().startswith("Sơn La")
    assert page.locator(".description").inner_text().count("<script>") == 1  # shown as text
    page.screenshot(path=str(artifacts / "03-city.png"), full_page=True)

    page.locator("#facts a.source-link").first.click()
    page.wait_for_url("**/page/article/000_demo#s-0")
    target = page.evaluate(
        "document.querySelector(':target') && document.querySelector(':target').id"
    )
    assert target == "s-0"
    background = page.evaluate("getComputedStyle(document.getElementById('s-0')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    assert page.locator("#s-0 a.mention").first.inner_text() == "Sơn La"
    page.screenshot(path=str(artifacts / "04-article.png"), full_page=True)
    page.close()


def test_language_switch_is_remembered(browser: Any, browser_base: str, artifacts: Path) -> None:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(browser_base + "page/city/son-la")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1 span").first.inner_text() == "Son La"
    page.goto(browser_base + "page/person/ha-trung-chien")  # no ?lang: the cookie decides
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Facts and sources" in page.content()
    page.screenshot(path=str(artifacts / "05-person-en.png"), full_page=True)
    context.close()


def test_suggestions_under_the_search_box(browser: Any, browser_base: str) -> None:
    page = browser.new_page(locale="vi-VN")
    page.goto(browser_base + "ontology")
    page.type("#site-q", "da n")
    page.wait_for_selector("#site-suggest li a")
    assert "Đà Nẵng" in page.locator("#site-suggest").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/page/city/da-nang")
    page.close()


def test_pages_work_without_javascript(browser: Any, browser_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(browser_base)
    page.fill("#site-q", "da nang")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=da+nang*")
    assert page.locator("ol.results li a").first.inner_text() in ("Đà Nẵng", "Da Nang")
    context.close()
