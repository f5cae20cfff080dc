"""The comparison used by the contract test: patterns, modes, base independence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.queries.gold import cell_matches, compare, fold, load_expected, show

BASE = "http://example.org/kg/"


@pytest.mark.parametrize(
    ("pattern", "actual", "ok"),
    [
        ("*", "", True),
        ("+", "", False),
        ("+", "x", True),
        ("", "", True),
        ("", "x", False),
        ("~Lau Lau Learning", "Laulau Learning", True),
        ("~bí thư thành ủy", "Bí thư thành uỷ", True),
        (">0", "3", True),
        (">3", "3", False),
        (">0", "n/a", False),
        ("5", "5.0", True),
        ("exactly|", "", True),
        ("exactly|", "about", False),
        ("Sơn La", "SON-LA", True),
        ("city/son-la", "city/son-la-2", False),
    ],
)
def test_cell_patterns(pattern: str, actual: str, ok: bool) -> None:
    assert cell_matches(pattern, actual) is ok


def test_fold() -> None:
    assert fold("Đà Nẵng – TP.HCM") == "da nang tp hcm"


def test_show_is_base_independent() -> None:
    assert show({"type": "uri", "value": BASE + "id/city/son-la"}, BASE) == "city/son-la"
    assert (
        show({"type": "uri", "value": "https://w3id.org/learning-cities/ontology#City"}, BASE)
        == "lc:City"
    )
    assert show(None, BASE) == ""


def _rows(*cities: str) -> list[dict[str, dict[str, str]]]:
    return [{"city": {"type": "uri", "value": BASE + "id/city/" + c}} for c in cities]


def test_compare_modes(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("# query: 99-x\n# mode: exact\ncity\ncity/son-la\n", encoding="utf-8")
    expected = load_expected(path)
    assert compare(expected, _rows("son-la"), ["city"], BASE) == []
    assert compare(expected, _rows("son-la", "hue"), ["city"], BASE)
    assert compare(expected, [], ["city"], BASE)
    assert compare(expected, _rows("son-la"), ["town"], BASE)
    expected.mode = "subset"
    assert compare(expected, _rows("son-la", "hue"), ["city"], BASE) == []
    expected.absent = [{"city": "city/hue"}]
    assert compare(expected, _rows("son-la", "hue"), ["city"], BASE)
