"""Official documents named by number, and plans named by what they do, as initiatives."""

from __future__ import annotations

import pytest

from ingest.documents import document_matches
from ingest.model import Fact
from tests.ingest.test_facts import facts, project_gazetteer, slots


def initiatives(found: list[Fact]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in found:
        if f.kind == "initiative":
            out.setdefault(f.subject.split("/id/")[-1], {}).update(slots(f))
    return out


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("ban hành Kế hoạch số 77/KH-UBND về", "vi", ["Kế hoạch số 77/KH-UBND"]),
        ("theo kế hoạch số 12/KH-UBND của", "vi", ["kế hoạch số 12/KH-UBND"]),
        ("gắn với Chỉ thị 11-CT/TW và", "vi", ["Chỉ thị 11-CT/TW"]),
        ("Nghị định số 24/2021/NĐ-CP quy định", "vi", ["Nghị định số 24/2021/NĐ-CP"]),
        ("Công văn 4410/BGDĐT-GDTX hướng dẫn", "vi", ["Công văn 4410/BGDĐT-GDTX"]),
        ("under Decision 1500/QD-TTg of", "en", ["Decision 1500/QD-TTg"]),
        ("issued Plan No. 31/KH-UBND on", "en", ["Plan No. 31/KH-UBND"]),
        (
            "the Official Dispatch No. 90/BGDDT-GDTX dated",
            "en",
            ["Official Dispatch No. 90/BGDDT-GDTX"],
        ),
        # a date, a score and a bare number are no documents
        ("Kế hoạch năm 2024 có 12/9 chỉ tiêu", "vi", []),
        ("the Plan 2030 targets 25 cities", "en", []),
    ],
)
def test_documents_are_named_by_kind_number_and_code(
    text: str, language: str, found: list[str]
) -> None:
    assert [m.group(0) for m in document_matches(text, language)] == found


def test_a_plan_by_number_with_its_issuer_and_period_and_no_organisation_in_its_code() -> None:
    found = facts(
        "Ngày 3 tháng 5 năm 2024, UBND tỉnh Quảng Trị ban hành Kế hoạch số 77/KH-UBND về xây "
        "dựng TP Đông Hà trở thành thành phố học tập, giai đoạn 2024–2030.",
        gaz=project_gazetteer(),
    )
    plan = initiatives(found)["initiative/ke-hoach-so-77-kh-ubnd"]
    assert plan == {"led_by": "organization/ubnd-tinh-quang-tri", "start": "2024", "end": "2030"}
    # "…/KH-UBND về xây dựng TP Đông Hà" is no organisation
    orgs = {s for f in found for _, v in f.slots if (s := v.iri or "") and "/organization/" in s}
    assert all("ve-xay-dung" not in o for o in orgs)


def test_an_approved_plan_has_the_issuer_of_the_decision_and_its_own_period() -> None:
    found = facts(
        "UBND tỉnh Quảng Trị vừa ban hành Quyết định số 15/QĐ-UBND phê duyệt Đề án phát triển "
        "thư viện cộng đồng TP Đông Hà giai đoạn 2025–2030 và giao Sở Giáo dục và Đào tạo "
        "hướng dẫn thực hiện.",
        gaz=project_gazetteer(),
    )
    found_initiatives = initiatives(found)
    assert found_initiatives["initiative/quyet-dinh-so-15-qd-ubnd"]["led_by"] == (
        "organization/ubnd-tinh-quang-tri"
    )
    programme = found_initiatives[
        "initiative/de-an-phat-trien-thu-vien-cong-dong-tp-dong-ha-giai-doan-2025-2030"
    ]
    assert programme == {
        "led_by": "organization/ubnd-tinh-quang-tri",
        "start": "2025",
        "end": "2030",
    }


def test_a_decision_dated_after_its_number_and_issued_by_the_owner_after_cua() -> None:
    """Also inside an event's name ("Hội nghị triển khai Quyết định …")."""
    found = facts(
        "Hội nghị triển khai Quyết định số 8/QĐ-UBND ngày 14/2/2023 của UBND tỉnh Quảng Trị.",
        gaz=project_gazetteer(),
    )
    assert initiatives(found)["initiative/quyet-dinh-so-8-qd-ubnd"] == {
        "led_by": "organization/ubnd-tinh-quang-tri",
        "start": "2023-02-14",
    }
    # the decision's date is not the conference's
    assert [f for f in found if f.kind == "event" and "start" in slots(f)] == []


def test_a_scoped_committee_is_the_one_named_before_with_the_short_form() -> None:
    """ "UBND TP Hà Nội" then "UBND thành phố": one organisation, one IRI."""
    found = facts(
        "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh dự lễ. Buổi lễ được tổ chức theo Kế hoạch số "
        "9/KH-UBND của UBND thành phố.",
        gaz=project_gazetteer(),
    )
    plan = initiatives(found)["initiative/ke-hoach-so-9-kh-ubnd"]
    posts = [
        s
        for f in found
        if f.kind == "membership" and (s := slots(f))["member"].startswith("person/")
    ]
    assert plan["led_by"] == "organization/ubnd-tp-ha-noi"
    assert {p["organization"] for p in posts} == {"organization/ubnd-tp-ha-noi"}
