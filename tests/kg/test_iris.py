from __future__ import annotations

import pytest

from kg.iris import IRIs, slugify, validate_base


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sơn La", "son-la"),
        ("Đà Nẵng", "da-nang"),
        ("Hà Trung Chiến", "ha-trung-chien"),
        ("Lê Thụy Mỵ Châu", "le-thuy-my-chau"),
        ("Thành uỷ thành phố Sơn La", "thanh-uy-thanh-pho-son-la"),
        ("TP.HCM", "tp-hcm"),
        ("ASEAN+3", "asean-3"),
        ("  Bà Rịa – Vũng Tàu ", "ba-ria-vung-tau"),
        ("ĐẮK LẮK", "dak-lak"),
    ],
)
def test_slugify_table(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["Sơn La", "Đà Nẵng", "Hà Trung Chiến", "ASEAN+3", "x--y"])
def test_slugify_is_idempotent(name: str) -> None:
    assert slugify(slugify(name)) == slugify(name)


def test_slugify_rejects_text_without_letters() -> None:
    with pytest.raises(ValueError, match="cannot make a slug"):
        slugify(" – ")


def test_minting_is_deterministic_and_follows_base() -> None:
    a = IRIs("http://localhost:8000/")
    b = IRIs("https://example.org/kg/")
    assert a.entity("city", "Sơn La") == "http://localhost:8000/id/city/son-la"
    assert b.entity("city", "Sơn La") == "https://example.org/kg/id/city/son-la"
    assert a.entity("person", "Hà Trung Chiến") == a.entity("person", "ha-trung-chien")
    assert a.article_graph("000_x") == "http://localhost:8000/graph/article/000_x"
    assert a.split(a.entity("event", "Hội nghị")) == ("event", "hoi-nghi")
    assert b.split(a.entity("event", "x")) is None


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind 'town'"):
        IRIs().entity("town", "x")


@pytest.mark.parametrize(
    ("base", "problem"),
    [
        ("localhost:8000/", "absolute"),
        ("http://localhost:8000", "end with '/'"),
        ("ftp://example.org/", "absolute"),
        ("http://example.org/a b/", "must not contain"),
        ("http://example.org/?x=1/", "must not contain"),
    ],
)
def test_bad_base_is_refused(base: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        validate_base(base)
