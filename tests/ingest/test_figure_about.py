"""What a figure is about, and the date it holds at, by how news writes figures."""

from __future__ import annotations

from ingest.model import Fact
from tests.ingest.test_facts import facts, facts_en, project_gazetteer, slots


def abouts(text: str) -> dict[str, str]:
    """Each figure's value → what it is about (one entity each here)."""
    found: list[Fact] = facts(text, gaz=project_gazetteer())
    return {slots(f)["value"]: slots(f)["about"] for f in found if f.kind == "statistic"}


def ref_dates(text: str) -> dict[str, str]:
    found: list[Fact] = facts(text, gaz=project_gazetteer())
    return {slots(f)["value"]: slots(f).get("ref_date", "") for f in found if f.kind == "statistic"}


def test_counts_of_cities_and_countries_joining_are_the_networks() -> None:
    assert abouts(
        "Hôm 2/3, UNESCO công bố 58 thành phố thuộc 31 quốc gia được kết nạp vào Mạng lưới thành "
        "phố học tập toàn cầu (GNLC)."
    ) == {"58": "organization/gnlc", "31": "organization/gnlc"}


def test_members_a_country_has_are_the_countrys() -> None:
    found = abouts(
        "Đà Nẵng gia nhập Mạng lưới thành phố học tập toàn cầu. Như vậy, Việt Nam đã có 7 "
        "thành viên trong mạng lưới."
    )
    assert found == {"7": "country/vietnam"}


def test_who_came_to_an_event_is_the_events_even_counted_by_city() -> None:
    found = abouts(
        "Hội thảo quốc tế về thành phố học tập diễn ra tại Đà Nẵng. Hội thảo quy tụ gần 400 "
        "đại biểu đến từ 30 thành phố thuộc 12 quốc gia."
    )
    assert set(found.values()) == {"event/hoi-thao-quoc-te-ve-thanh-pho-hoc-tap"}
    assert set(found) == {"400", "30", "12"}


def test_a_city_between_an_attendance_verb_and_the_figure_has_the_figure() -> None:
    found = abouts(
        "Tại hội nghị, các đại biểu tham dự được biết thành phố Vinh dành 28% ngân sách cho giáo dục."
    )
    assert found == {"28": "city/vinh"}


def test_a_plans_targets_are_the_plans_and_a_target_the_city_sets_is_the_citys() -> None:
    found = abouts(
        "UBND tỉnh Quảng Trị ban hành Kế hoạch số 77/KH-UBND về xây dựng TP Đông Hà trở thành "
        "thành phố học tập. Theo kế hoạch, đến năm 2027 TP Đông Hà có 65% gia đình đạt danh hiệu "
        "gia đình học tập. Đến năm 2030, tỷ lệ người biết chữ đạt 99%."
    )
    assert found == {
        "65": "initiative/ke-hoach-so-77-kh-ubnd",
        "99": "initiative/ke-hoach-so-77-kh-ubnd",
    }
    assert abouts(
        "Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030” được triển khai ở Đông Hà. Thành "
        "phố Đông Hà đặt mục tiêu đến năm 2026 có 60% hộ đạt danh hiệu gia đình học tập."
    )["60"] == ("city/dong-ha")


def test_a_province_wide_figure_is_the_articles_province_not_the_reporting_office() -> None:
    found = abouts(
        "Tỉnh Quảng Trị tổng kết công tác khuyến học. Theo báo cáo của Sở Giáo dục và Đào tạo "
        "Quảng Trị, toàn tỉnh có 210 trung tâm học tập cộng đồng; 95 trung tâm được xếp loại tốt."
    )
    assert found == {"210": "province/quang-tri", "95": "province/quang-tri"}


def test_a_figure_after_a_clause_break_is_not_the_initiatives_before_it() -> None:
    found = abouts(
        "Hà Nội có nhiều mô hình học tập. Mô hình “Thư viện xanh” có mặt ở 300 trường, còn các "
        "lớp kỹ năng số thu hút hơn 5.000 người tham gia."
    )
    assert found == {"300": "initiative/thu-vien-xanh", "5000": "city/ha-noi"}


def test_the_reference_date_is_as_of_not_a_target_a_baseline_or_an_announcement() -> None:
    found = ref_dates(
        "Tính đến tháng 6/2025, TP Vinh có 180 câu lạc bộ học tập. So với năm 2023, số gia đình "
        "học tập của TP Vinh tăng 4.000 hộ. Đến năm 2030, TP Vinh phấn đấu có 90% gia đình học tập."
    )
    assert found == {"180": "2025-06", "4000": "", "90": ""}
    assert ref_dates(
        "Hôm 2/3/2025, UNESCO công bố 58 thành phố được kết nạp vào Mạng lưới thành phố học tập "
        "toàn cầu."
    ) == {"58": ""}


def test_english_counted_attendees_before_their_verb_and_a_share_of_its_budget() -> None:
    found: list[Fact] = facts_en(
        "Hue city opened the Lifelong Learning Forum 2025 on 12 May. More than 900 teachers and "
        "residents attended the forum. The city has set aside 21.5 percent of its total budget for "
        "education."
    )
    stats = {slots(f)["value"]: slots(f) for f in found if f.kind == "statistic"}
    assert stats["900"]["about"].startswith("event/lifelong-learning-forum-2025")
    assert stats["21.5"]["about"] == "city/hue"
    assert stats["21.5"]["measure"] == "total budget"
