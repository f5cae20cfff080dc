"""Abbreviations an article defines in parentheses stand for what they were defined for."""

from __future__ import annotations

from ingest.clean import clean
from ingest.link import Linked
from ingest.model import ArticleMeta
from ingest.segment import segment
from tests.ingest._ingest_helpers import BASE
from tests.ingest.test_facts import facts, of, project_gazetteer
from tests.ingest.test_link import link
from tests.ingest.test_mentions import find_mentions

TEXT = (
    "Viện Nghiên cứu Giáo dục thường xuyên (VNCGDTX) tổ chức hội thảo về học tập suốt đời. "
    "Ông Lê Văn An, Viện trưởng VNCGDTX, phát biểu. Theo VNCGDTX, TP Vinh có 120 câu lạc bộ học "
    "tập. Mã VNCGDTX-2 không phải là viện."
)
FULL = "organization/vien-nghien-cuu-giao-duc-thuong-xuyen"


def linked(text: str) -> Linked:
    gaz = project_gazetteer()
    article = clean("x", text, ArticleMeta(date_reference="2025-03"))
    sentences = segment(article)
    return link(article, find_mentions(article, sentences, gaz), gaz, BASE)


def test_a_name_runs_on_to_its_abbreviation_when_the_abbreviation_spells_it() -> None:
    found = linked(TEXT)
    orgs = [m for m in found.mentions if m.kind == "organization"]
    assert orgs[0].text == "Viện Nghiên cứu Giáo dục thường xuyên"
    # every later use of the abbreviation is the institute; "VNCGDTX-2" is another word
    assert [m.text for m in orgs[1:]] == ["VNCGDTX", "VNCGDTX"]
    assert {(m.entity or "").split("/id/")[-1] for m in orgs} == {FULL}
    [entity] = [e for e in found.entities if e.iri.endswith(FULL)]
    assert entity.alt_names == ("VNCGDTX",)


def test_a_post_in_the_abbreviated_organisation_is_a_post_in_the_organisation() -> None:
    posts = [
        p
        for p in of(facts(TEXT, gaz=project_gazetteer()), "membership")
        if "person/" in p["member"]
    ]
    assert posts == [{"member": "person/le-van-an", "organization": FULL, "role": "Viện trưởng"}]


def test_without_a_definition_an_abbreviation_is_nothing_and_lower_case_words_are_not_taken() -> (
    None
):
    found = linked(
        "Viện Nghiên cứu Giáo dục tổ chức hội thảo thường niên (HTTN) tại Huế. HTTN có 300 đại biểu."
    )
    orgs = [m.text for m in found.mentions if m.kind == "organization"]
    assert orgs == ["Viện Nghiên cứu Giáo dục"]


def test_a_department_is_part_of_the_committee_of_its_place_when_the_article_names_it() -> None:
    found = facts(
        "UBND tỉnh Quảng Trị tổ chức hội nghị. Sở GD-ĐT Quảng Trị báo cáo kết quả. Sở Y tế "
        "Quảng Bình cũng dự.",
        gaz=project_gazetteer(),
    )
    parents = {f.subject.split("/id/")[-1]: f.slots for f in found if f.kind == "organization"}
    assert list(parents) == ["organization/so-giao-duc-va-dao-tao-quang-tri"]
    [(name, value)] = parents["organization/so-giao-duc-va-dao-tao-quang-tri"]
    assert (name, (value.iri or "").split("/id/")[-1]) == (
        "parent",
        "organization/ubnd-tinh-quang-tri",
    )


def test_a_list_of_the_provinces_bodies_named_without_their_place_is_the_articles_provinces() -> (
    None
):
    found = linked(
        "UBND tỉnh Quảng Trị tổ chức lễ phát động. Dự lễ có đại diện Sở GD-ĐT, Hội Khuyến học "
        "tỉnh, Tỉnh đoàn và Hội Liên hiệp Phụ nữ tỉnh Quảng Trị."
    )
    orgs = [(m.entity or "").split("/id/")[-1] for m in found.mentions if m.kind == "organization"]
    assert orgs == [
        "organization/ubnd-tinh-quang-tri",
        "organization/so-giao-duc-va-dao-tao-quang-tri",
        "organization/hoi-khuyen-hoc-tinh-quang-tri",
        "organization/tinh-doan-quang-tri",
        "organization/hoi-lien-hiep-phu-nu-tinh-quang-tri",
    ]
