from __future__ import annotations

from functools import cache

import pytest

from ingest.api import load_reference
from ingest.clean import clean
from ingest.gazetteer import Gazetteer, build_gazetteer
from ingest.mentions import find_mentions
from ingest.model import ArticleMeta, Mention
from ingest.segment import segment
from tests.ingest._ingest_helpers import BASE, FIXTURE_ONTOLOGY


@cache
def gazetteer() -> Gazetteer:
    return build_gazetteer(load_reference(FIXTURE_ONTOLOGY, BASE), BASE)


def mentions(text: str, ref: str | None = "2024-10") -> list[Mention]:
    article = clean("x", text, ArticleMeta(date_reference=ref))
    found = find_mentions(article, segment(article), gazetteer())
    for m in found:
        assert article.text[m.begin : m.end] == m.text
    return list(found)


def kinds(text: str, kind: str) -> list[str]:
    return [m.text for m in mentions(text) if m.kind == kind]


def test_gazetteer_is_built_from_the_reference_graph() -> None:
    assert [c.kind for c in gazetteer().lookup("Sơn La")] == ["city", "province"]
    assert gazetteer().lookup("THÀNH PHỐ HỒ CHÍ MINH")[0].iri.endswith("/id/city/ho-chi-minh")


def test_gazetteer_longest_match_case_and_tone_placement() -> None:
    found = mentions("Đoàn của thành phố sơn la và TP.HCM đến Băng Cốc.")
    assert [(m.text, m.kind) for m in found if m.rule == "gazetteer"] == [
        ("thành phố sơn la", "city"),
        ("TP.HCM", "city"),
        ("Băng Cốc", "city"),
    ]


def test_people_from_honorifics_and_titles() -> None:
    assert kinds("Bà Nguyễn Thị Mai và ông Lê Văn Tám dự lễ.", "person") == [
        "Nguyễn Thị Mai",
        "Lê Văn Tám",
    ]
    assert kinds("Giám đốc Sở Giáo dục và Đào tạo Cần Thơ Trần Thị Thu phát biểu.", "person") == [
        "Trần Thị Thu"
    ]
    assert kinds("Phó Chủ tịch UBND quận Ninh Kiều Võ Văn Hoàng dự.", "person") == ["Võ Văn Hoàng"]


def test_organisations_with_their_extent() -> None:
    text = "Ông Lê Văn Tám, Bí thư Thành uỷ Vinh, làm việc với Sở Giáo dục và Đào tạo Cần Thơ và Ban chỉ đạo xây dựng xã hội học tập Sa Đéc."
    assert kinds(text, "organization") == [
        "Thành uỷ Vinh",
        "Sở Giáo dục và Đào tạo Cần Thơ",
        "Ban chỉ đạo xây dựng xã hội học tập Sa Đéc",
    ]


def test_events_named_bare_and_generic() -> None:
    found = [
        (m.text, m.cls, m.attr("bare"))
        for m in mentions(
            "Hội nghị Học tập suốt đời khu vực ASEAN+3 đang diễn ra. Hội nghị quy tụ các đại biểu. "
            "Ông A trình bày tại phiên thảo luận song song. Các phiên thảo luận sôi nổi."
        )
        if m.kind == "event"
    ]
    assert found == [
        ("Hội nghị Học tập suốt đời khu vực ASEAN+3", "Conference", ""),
        ("Hội nghị", "Conference", "1"),
        ("phiên thảo luận song song", "Session", ""),
    ]


def test_initiatives_quoted_and_unquoted() -> None:
    text = (
        "Thành phố triển khai mô hình “Gia đình học tập” và “Dòng họ học tập”, "
        "áp dụng phương pháp dạy học Montessori Learning từ Phần Lan."
    )
    assert kinds(text, "initiative") == [
        "Gia đình học tập",
        "Dòng họ học tập",
        "Montessori Learning",
    ]


def test_honorific_is_kept_on_the_person_mention() -> None:
    found = [
        (m.text, m.attr("honorific"))
        for m in mentions(
            "Dự lễ có đồng chí Võ Văn Hoàng. Ông Võ Văn Hoàng phát biểu. TS. Nguyễn Thị Mai trình bày."
        )
        if m.kind == "person"
    ]
    assert found == [
        ("Võ Văn Hoàng", "đồng chí"),
        ("Võ Văn Hoàng", "Ông"),
        ("Nguyễn Thị Mai", "TS."),
    ]


def test_a_counted_club_the_city_founds_is_an_initiative_referred_back_to() -> None:
    found = [
        (m.text, m.name, m.cls, m.rule)
        for m in mentions(
            "Năm 2023, thành phố Cần Thơ đã thành lập được 12 câu lạc bộ đọc sách tại các phường. "
            "Mô hình câu lạc bộ này thu hút người dân. Các câu lạc bộ đó hoạt động đều đặn. "
            "Các câu lạc bộ trên địa bàn đều mở cửa."
        )
        if m.kind == "initiative"
    ]
    assert found == [
        ("câu lạc bộ đọc sách", "câu lạc bộ đọc sách", "LearningSpaceModel", "initiative-founded"),
        (
            "Mô hình câu lạc bộ này",
            "câu lạc bộ đọc sách",
            "LearningSpaceModel",
            "initiative-back-reference",
        ),
        ("câu lạc bộ đó", "câu lạc bộ đọc sách", "LearningSpaceModel", "initiative-back-reference"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hiện thành phố có khoảng 120 câu lạc bộ học tập.",  # counted, not founded
        "Thành phố đã thành lập 35 câu lạc bộ để giữ gìn tiếng nói.",  # a bare head names nothing
        "Mọi người giúp nhau xây dựng 1 cộng đồng bền vững.",  # not a head of an initiative
        "Câu lạc bộ này thu hút người dân.",  # nothing founded before it
    ],
)
def test_no_founded_initiative(text: str) -> None:
    assert kinds(text, "initiative") == []


def test_sdgs() -> None:
    found = [
        (m.text, m.value, m.candidates)
        for m in mentions("Hướng tới SDG 4 và SDG 11.")
        if m.kind == "sdg"
    ]
    assert [f[0] for f in found] == ["SDG 4", "SDG 11"]
    assert found[0][2][0].endswith("/id/sdg/4")


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("Từ ngày 29 đến 30-10, hội nghị diễn ra.", "2024-10-29", "2024-10-30"),
        ("Phiên họp ngày 29/10 kết thúc.", "2024-10-29", ""),
        ("Tháng 2/2024, thành phố gia nhập.", "2024-02", ""),
        ("Đề án giai đoạn 2021 – 2030 được duyệt.", "2021", "2030"),
        ("Hội nghị kéo dài đến hết ngày 30 tháng 10.", "2024-10-30", ""),
        ("Sáng 5/3/2025, lễ khai mạc.", "2025-03-05", ""),
    ],
)
def test_dates(text: str, value: str, end: str) -> None:
    dates = [m for m in mentions(text) if m.kind == "date"]
    assert [(d.value, d.attr("end")) for d in dates] == [(value, end)]


def test_year_less_dates_without_a_reference() -> None:
    dates = [m for m in mentions("Phiên họp ngày 29/10 kết thúc.", ref=None) if m.kind == "date"]
    assert dates[0].value == "--10-29"


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("Có khoảng 200 đại biểu dự.", "200", "about", "đại biểu"),
        ("Có hơn 1.200 học viên.", "1200", "over", "học viên"),
        ("Có gần 500 sản phẩm dự thi.", "500", "nearly", "sản phẩm"),
        ("Thành phố dành 15,5% ngân sách.", "15.5", "exactly", "%"),
        ("Thành lập 35 câu lạc bộ văn hóa.", "35", "exactly", "câu lạc bộ"),
    ],
)
def test_figures(text: str, value: str, qualifier: str, unit: str) -> None:
    figures = [m for m in mentions(text) if m.kind == "figure"]
    assert [(f.value, f.attr("qualifier"), f.attr("unit")) for f in figures] == [
        (value, qualifier, unit)
    ]


def test_ordinals_years_and_sdg_numbers_are_not_figures() -> None:
    assert (
        kinds(
            "Thành phố thứ 5 của cả nước, lần thứ 6, SDG 4, chương trình giáo dục 2030.", "figure"
        )
        == []
    )


def test_a_place_is_a_word_of_its_own_never_part_of_a_longer_one() -> None:
    found = mentions(
        "Lễ vinh danh thành phố Vinh diễn ra sáng nay. Hội nghị châu Á - Thái Bình Dương vì hòa "
        "bình họp tại Đà Nẵng. Ông Trần Văn Hải Phòng phát biểu. Chủ tịch UBND TP Cần Thơ Võ Minh "
        "Thạnh dự lễ."
    )
    places = [(m.text, m.kind) for m in found if m.rule == "gazetteer" and m.kind != "organization"]
    assert places == [
        ("Vinh", "city"),
        ("Đà Nẵng", "city"),
        ("Cần Thơ", "city"),
    ], "not 'vinh danh', 'Thái Bình Dương', 'hòa bình' or a man named Hải Phòng"
