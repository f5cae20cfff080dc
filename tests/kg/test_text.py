from __future__ import annotations

import unicodedata

import pytest

from kg.text import fold, nfc, tone_key


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("thành uỷ", "thành ủy"),
        ("Thuỵ", "Thụy"),
        ("hoà", "hòa"),
        ("Khánh Hoà", "KHÁNH HÒA"),
        ("văn hoá", "văn hóa"),
    ],
)
def test_old_and_new_tone_placement_compare_equal(old: str, new: str) -> None:
    assert tone_key(old) == tone_key(new)


@pytest.mark.parametrize(("a", "b"), [("Sơn", "Sờn"), ("ma", "má"), ("hoà", "hoa"), ("đa", "da")])
def test_tone_key_keeps_real_differences(a: str, b: str) -> None:
    assert tone_key(a) != tone_key(b)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Sơn La", "son la"),
        ("SƠN LA", "son la"),
        ("Đà Nẵng", "da nang"),
        ("thành uỷ", "thanh uy"),
        ("  Hà   Nội ", "ha noi"),
    ],
)
def test_fold_is_the_search_key(text: str, key: str) -> None:
    assert fold(text) == key


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Sơn La")
    assert decomposed != "Sơn La"
    assert nfc(decomposed) == "Sơn La"
    assert tone_key(decomposed) == tone_key("Sơn La")
