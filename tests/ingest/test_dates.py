"""The date grammar (:mod:`ingest.dates`): a table of sentences and what must be found in them."""

from __future__ import annotations

import doctest
import itertools

import pytest

import ingest.dates
from ingest.dates import DateSpan, find_dates, xsd_type

REF = "2024-09-14"

# (sentence, ref, lang, [(span text, value, end_value, kind), ...])
Case = tuple[str, str | None, str, list[tuple[str, str, str | None, str]]]
# One case a line: the table is read as a table.
# fmt: off
POSITIVE: list[Case] = [
    # Vietnamese numeric day-month(-year), three separators.
    ("Hội nghị diễn ra 12/9.", REF, "vi", [("12/9", "2024-09-12", None, "date")]),
    ("Hội nghị diễn ra 12/9/2024.", None, "vi", [("12/9/2024", "2024-09-12", None, "date")]),
    ("Khai mạc ngày 12-9.", REF, "vi", [("ngày 12-9", "2024-09-12", None, "date")]),
    ("Khai mạc ngày 12-9-2024.", None, "vi", [("ngày 12-9-2024", "2024-09-12", None, "date")]),
    ("Khai mạc ngày 12.9.", REF, "vi", [("ngày 12.9", "2024-09-12", None, "date")]),
    ("Khai mạc ngày 12.9.2024, tại Hà Nội.", None, "vi", [("ngày 12.9.2024", "2024-09-12", None, "date")]),
    ("Khai mạc ngày 12/9.", None, "vi", [("ngày 12/9", "--09-12", None, "date")]),
    ("Thứ Sáu, 05/12/2025 - 09:14", None, "vi", [("Thứ Sáu, 05/12/2025", "2025-12-05", None, "date")]),
    ("15/02/2024 10:32 GMT+7", None, "vi", [("15/02/2024", "2024-02-15", None, "date")]),
    ("Ngày 29/2 là ngày nhuận.", "2024-03-01", "vi", [("Ngày 29/2", "2024-02-29", None, "date")]),
    # Year-less: the year nearest to the article.
    ("Hôm 28/12, thành phố công bố.", "2025-01-05", "vi", [("Hôm 28/12", "2024-12-28", None, "date")]),
    ("Ngày 3/1 tới, lễ trao giải diễn ra.", "2024-12-20", "vi", [("Ngày 3/1 tới", "2025-01-03", None, "date")]),
    # Words.
    ("ngày 05 tháng 6 năm 2023", None, "vi", [("ngày 05 tháng 6 năm 2023", "2023-06-05", None, "date")]),
    ("tổ chức ngày 14 tháng 2 năm 2024, UNESCO", None, "vi", [("ngày 14 tháng 2 năm 2024", "2024-02-14", None, "date")]),
    ("Vào ngày 5 tháng 6, trường khai giảng.", REF, "vi", [("ngày 5 tháng 6", "2024-06-05", None, "date")]),
    ("Tháng Tám năm 1945 là mốc lịch sử.", None, "vi", [("Tháng Tám năm 1945", "1945-08", None, "date")]),
    # Months and years.
    ("Từ tháng 7/2023, chương trình mở rộng.", None, "vi", [("tháng 7/2023", "2023-07", None, "date")]),
    ("tháng 7.2023", None, "vi", [("tháng 7.2023", "2023-07", None, "date")]),
    ("tháng 7-2023", None, "vi", [("tháng 7-2023", "2023-07", None, "date")]),
    ("Trong tháng 7 năm 2023, có 20 lớp.", None, "vi", [("tháng 7 năm 2023", "2023-07", None, "date")]),
    ("Đến tháng 7, kế hoạch hoàn thành.", REF, "vi", [("tháng 7", "2024-07", None, "date")]),
    ("Đến tháng 7, kế hoạch hoàn thành.", None, "vi", [("tháng 7", "--07", None, "date")]),
    ("Cuối tháng 12 kế hoạch xong.", "2025-01-05", "vi", [("Cuối tháng 12", "2024-12", None, "date")]),
    ("Hà Nội gia nhập mạng lưới năm 2023.", None, "vi", [("năm 2023", "2023", None, "date")]),
    ("Năm 2019, Thủ đô được kết nạp.", None, "vi", [("Năm 2019", "2019", None, "date")]),
    ("Dự kiến cuối năm 2023 hoàn thành.", None, "vi", [("cuối năm 2023", "2023", None, "date")]),
    ("Từ đầu năm 2024, thành phố triển khai.", None, "vi", [("đầu năm 2024", "2024", None, "date")]),
    ("Mục tiêu đến năm 2030 đạt 100%.", None, "vi", [("năm 2030", "2030", None, "date")]),
    # Ranges.
    ("Tuần lễ diễn ra 12 - 13.9.", REF, "vi", [("12 - 13.9", "2024-09-12", "2024-09-13", "range")]),
    ("Diễn đàn 12–13/9/2024 tại Huế.", None, "vi", [("12–13/9/2024", "2024-09-12", "2024-09-13", "range")]),
    ("Diễn đàn 12-13/9 tại Huế.", REF, "vi", [("12-13/9", "2024-09-12", "2024-09-13", "range")]),
    ("từ ngày 12 đến 13-9", REF, "vi", [("từ ngày 12 đến 13-9", "2024-09-12", "2024-09-13", "range")]),
    ("triển khai từ ngày 1 đến 7-10.", "2024-10-01", "vi", [("từ ngày 1 đến 7-10", "2024-10-01", "2024-10-07", "range")]),
    ("từ 12/9 đến 15/9", REF, "vi", [("từ 12/9 đến 15/9", "2024-09-12", "2024-09-15", "range")]),
    ("từ ngày 29/10 đến ngày 1/11/2024", None, "vi", [("từ ngày 29/10 đến ngày 1/11/2024", "2024-10-29", "2024-11-01", "range")]),
    ("từ ngày 29/12 đến ngày 2/1/2025", None, "vi", [("từ ngày 29/12 đến ngày 2/1/2025", "2024-12-29", "2025-01-02", "range")]),
    ("từ 29/12 đến 2/1", "2024-12-20", "vi", [("từ 29/12 đến 2/1", "2024-12-29", "2025-01-02", "range")]),
    ("từ tháng 3 đến tháng 5/2024", None, "vi", [("từ tháng 3 đến tháng 5/2024", "2024-03", "2024-05", "range")]),
    # Part of day and weekday prefixes.
    ("Sáng 12/9, hội nghị khai mạc.", REF, "vi", [("Sáng 12/9", "2024-09-12", None, "date")]),
    ("Chiều 12-9, đoàn đến thăm.", REF, "vi", [("Chiều 12-9", "2024-09-12", None, "date")]),
    ("Tối 12.9, chương trình nghệ thuật.", REF, "vi", [("Tối 12.9", "2024-09-12", None, "date")]),
    ("Hôm 4/12, UNESCO công bố.", "2025-12-05", "vi", [("Hôm 4/12", "2025-12-04", None, "date")]),
    ("Chủ nhật (12/9), lễ hội mở màn.", REF, "vi", [("Chủ nhật (12/9)", "2024-09-12", None, "date")]),
    ("thứ Hai, 12/9, đoàn về nước", REF, "vi", [("thứ Hai, 12/9", "2024-09-12", None, "date")]),
    ("Vào sáng thứ Bảy 14/9 tại nhà văn hoá", REF, "vi", [("sáng thứ Bảy 14/9", "2024-09-14", None, "date")]),
    ("Hội kéo dài đến hết thứ Năm (3/10).", "2024-10-01", "vi", [("thứ Năm (3/10)", "2024-10-03", None, "date")]),
    ("Tối nay (1/10), Ngày hội đọc sách khai mạc.", "2024-10-01", "vi", [("Tối nay (1/10)", "2024-10-01", None, "date")]),
    # Relative.
    ("Tối nay, Ngày hội đọc sách khai mạc.", "2024-10-01", "vi", [("Tối nay", "2024-10-01", None, "relative")]),
    ("Trưa nay đoàn đã về.", REF, "vi", [("Trưa nay", "2024-09-14", None, "relative")]),
    ("Hôm nay thành phố đón đoàn.", REF, "vi", [("Hôm nay", "2024-09-14", None, "relative")]),
    ("hôm qua", "2024-03-01", "vi", [("hôm qua", "2024-02-29", None, "relative")]),
    ("Sáng nay, lễ khai mạc diễn ra.", REF, "vi", [("Sáng nay", "2024-09-14", None, "relative")]),
    ("Chiều qua, đoàn đã đến.", REF, "vi", [("Chiều qua", "2024-09-13", None, "relative")]),
    ("Năm nay, tỉnh chọn TP Vinh.", REF, "vi", [("Năm nay", "2024", None, "relative")]),
    ("TP Sơn La gia nhập năm ngoái.", "2025-12-05", "vi", [("năm ngoái", "2024", None, "relative")]),
    ("So với năm trước, số lớp tăng.", REF, "vi", [("năm trước", "2023", None, "relative")]),
    ("Năm tới, thành phố sẽ mở rộng.", REF, "vi", [("Năm tới", "2025", None, "relative")]),
    ("Năm sau sẽ tổ chức lại.", REF, "vi", [("Năm sau", "2025", None, "relative")]),
    ("Tháng trước, hội nghị đã họp.", "2024-01-10", "vi", [("Tháng trước", "2023-12", None, "relative")]),
    ("Trong tháng này sẽ có kết quả.", REF, "vi", [("tháng này", "2024-09", None, "relative")]),
    ("Tháng tới sẽ khai trương.", "2024-12-01", "vi", [("Tháng tới", "2025-01", None, "relative")]),
    ("Cách đây 3 năm trước, thành phố bắt đầu.", REF, "vi", [("3 năm trước", "2021", None, "relative")]),
    ("ngày 12/9 vừa qua", "2024-09-10", "vi", [("ngày 12/9 vừa qua", "2023-09-12", None, "date")]),
    ("ngày 12/9 vừa qua", REF, "vi", [("ngày 12/9 vừa qua", "2024-09-12", None, "date")]),
    ("Trong tháng 9 vừa qua, có 10 lớp.", "2024-08-01", "vi", [("tháng 9 vừa qua", "2023-09", None, "date")]),
    # Periods.
    ("Đề án giai đoạn 2021–2030 được phê duyệt.", None, "vi", [("giai đoạn 2021–2030", "2021", "2030", "period")]),
    ("giai đoạn 2021 - 2025", None, "vi", [("giai đoạn 2021 - 2025", "2021", "2025", "period")]),
    ("Chiến lược 2012 - 2020 đã hoàn thành.", None, "vi", [("2012 - 2020", "2012", "2020", "period")]),
    ("Kế hoạch cho 2021-2030.", None, "vi", [("2021-2030", "2021", "2030", "period")]),
    ("Ban chấp hành nhiệm kỳ 2020-2025", None, "vi", [("nhiệm kỳ 2020-2025", "2020", "2025", "period")]),
    ("từ năm 2015 đến năm 2020", None, "vi", [("từ năm 2015 đến năm 2020", "2015", "2020", "period")]),
    ("năm học 2023-2024", None, "vi", [("năm học 2023-2024", "2023", "2024", "period")]),
    # English.
    ("Paris, 14 February 2024 – A total of 64 cities", None, "en", [("14 February 2024", "2024-02-14", None, "date")]),
    ("on 14 Feb 2024 the list", None, "en", [("14 Feb 2024", "2024-02-14", None, "date")]),
    ("It was announced on February 14, 2024.", None, "en", [("February 14, 2024", "2024-02-14", None, "date")]),
    ("It opens on February 14.", "2024-02-01", "en", [("February 14", "2024-02-14", None, "date")]),
    ("The ceremony on 4 December drew 300 guests.", "2025-12-05", "en", [("4 December", "2025-12-04", None, "date")]),
    ("The forum on 12–13 September 2024 in Hue", None, "en", [("12–13 September 2024", "2024-09-12", "2024-09-13", "range")]),
    ("held 12-13 September", REF, "en", [("12-13 September", "2024-09-12", "2024-09-13", "range")]),
    ("held September 12–13, 2024", None, "en", [("September 12–13, 2024", "2024-09-12", "2024-09-13", "range")]),
    ("from 12 to 15 September 2024", None, "en", [("from 12 to 15 September 2024", "2024-09-12", "2024-09-15", "range")]),
    ("29 October – 1 November 2024", None, "en", [("29 October – 1 November 2024", "2024-10-29", "2024-11-01", "range")]),
    ("It joined in March 2024.", None, "en", [("March 2024", "2024-03", None, "date")]),
    ("March 2024 saw growth.", None, "en", [("March 2024", "2024-03", None, "date")]),
    ("The city joined in 2023.", None, "en", [("2023", "2023", None, "date")]),
    ("Work began in early 2024.", None, "en", [("early 2024", "2024", None, "date")]),
    ("Last year the city joined.", REF, "en", [("Last year", "2023", None, "relative")]),
    ("this year", REF, "en", [("this year", "2024", None, "relative")]),
    ("next year", REF, "en", [("next year", "2025", None, "relative")]),
    ("Yesterday the mayor spoke.", REF, "en", [("Yesterday", "2024-09-13", None, "relative")]),
    ("today", REF, "en", [("today", "2024-09-14", None, "relative")]),
    ("last month", "2024-01-03", "en", [("last month", "2023-12", None, "relative")]),
    ("two years ago", REF, "en", [("two years ago", "2022", None, "relative")]),
    ("the plan for 2021–2030", None, "en", [("2021–2030", "2021", "2030", "period")]),
    ("the 2021-2030 period", None, "en", [("2021-2030", "2021", "2030", "period")]),
    ("from 2015 to 2020", None, "en", [("from 2015 to 2020", "2015", "2020", "period")]),
    ("on Tuesday, 12 September", REF, "en", [("Tuesday, 12 September", "2024-09-12", None, "date")]),
    ("Monday (Sept 12)", REF, "en", [("Monday (Sept 12)", "2024-09-12", None, "date")]),
    ("on 09/12/2024", None, "en", [("09/12/2024", "2024-09-12", None, "date")]),
    ("on 25/12/2024", None, "en", [("25/12/2024", "2024-12-25", None, "date")]),
    # Several in one sentence; the language of the sentence does not hide the other grammar.
    ("Sáng 12/9 và chiều 13/9", REF, "vi", [("Sáng 12/9", "2024-09-12", None, "date"), ("chiều 13/9", "2024-09-13", None, "date")]),
    ("Hội thảo ngày 14 February 2024 tại Paris", None, "vi", [("14 February 2024", "2024-02-14", None, "date")]),
]
# fmt: on

NEGATIVE: list[tuple[str, str]] = [
    ("Có 2/5 thành phố đạt chuẩn.", "vi"),
    ("63/63 địa phương đã triển khai.", "vi"),
    ("Triển khai tại 21/21 huyện, thị xã.", "vi"),
    ("12/12 huyện đạt chuẩn.", "vi"),
    ("Trong số 3/4 trường được khảo sát.", "vi"),
    ("Tỷ lệ 3/4 đạt yêu cầu.", "vi"),
    ("Thư viện phục vụ 24/7.", "vi"),
    ("Ngày hội diễn ra tại Quảng trường 30/10 của thành phố.", "vi"),  # a place named by a day
    ("Thư viện nằm trên đường 3/2.", "vi"),
    ("Kế hoạch 1256/KH-UBND của UBND tỉnh.", "vi"),
    ("Quyết định 89/QĐ-TTg của Thủ tướng.", "vi"),
    ("Chỉ thị 05-CT/TW của Bộ Chính trị.", "vi"),
    ("Số 12/2024/TT-BGDĐT", "vi"),
    ("Kế hoạch số 12/9 của Sở.", "vi"),
    ("Phiên bản 2.0 của ứng dụng.", "vi"),
    ("phiên bản 3.1 mới", "vi"),
    ("version 3.1 of the app", "en"),
    ("Việt Nam thắng 3-1.", "vi"),
    ("với tỷ số 3-1", "vi"),
    ("Lúc 8h30, đoàn đến.", "vi"),
    ("Lúc 14:30 đoàn đến.", "vi"),
    ("Liên hệ 0912.345.678 hoặc 024-3825-1234.", "vi"),
    ("Tăng 8,2% so với cùng kỳ.", "vi"),
    ("Tỷ lệ đạt 99.40%.", "vi"),
    ("Có 1.200 học viên tham gia.", "vi"),
    ("Hội nghị ASEAN+3 về giáo dục.", "vi"),
    ("Mục tiêu SDG 4 về giáo dục.", "vi"),
    ("Hội nghị ICLC6 tại Jubail.", "en"),
    ("Xem trang 12-13 của báo cáo.", "vi"),
    ("Ảnh 1/3: lễ khai mạc.", "vi"),
    ("Chương trình nghị sự giáo dục 2030 của UNESCO.", "vi"),
    ("the Education 2030 Agenda", "en"),
    ("Agenda 2030 is the frame.", "en"),
    ("Lần thứ hai, thành phố đăng cai.", "vi"),
    ("Học sinh lớp 10-12 tham gia.", "vi"),
    ("Có 2-3 thành phố đăng ký.", "vi"),
    ("Ngày 31/2 không có.", "vi"),
    ("tháng 13/2024", "vi"),
    ("3.5 triệu người tham gia.", "vi"),
    ("2/5 of the cities", "en"),
    ("scored 8.2 points", "en"),
    ("Hiện nay thành phố có 30 trung tâm.", "vi"),
    ("Trong những năm trước, thành phố chưa có.", "vi"),
    ("Trong 5 năm tới, thành phố sẽ mở.", "vi"),
    ("Năm trước đó, dự án bắt đầu.", "vi"),
]


@pytest.mark.parametrize(("text", "ref", "lang", "expected"), POSITIVE)
def test_finds(
    text: str, ref: str | None, lang: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    got = [(s.text, s.value, s.end_value, s.kind) for s in find_dates(text, ref=ref, lang=lang)]
    assert got == expected


@pytest.mark.parametrize(("text", "lang"), NEGATIVE)
def test_not_a_date(text: str, lang: str) -> None:
    assert find_dates(text, ref=REF, lang=lang) == []


@pytest.mark.parametrize(("text", "ref", "lang", "expected"), POSITIVE)
def test_span_text_is_the_slice(text: str, ref: str | None, lang: str, expected: object) -> None:
    spans = find_dates(text, ref=ref, lang=lang)
    assert all(s.text == text[s.begin : s.end] for s in spans)
    assert all(a.end <= b.begin for a, b in itertools.pairwise(spans))
    assert all(xsd_type(s.value) and (s.end_value is None or xsd_type(s.end_value)) for s in spans)


def test_relative_needs_a_ref() -> None:
    assert find_dates("Năm ngoái thành phố gia nhập.") == []


def test_tone_placement_and_case_do_not_matter() -> None:
    for text in ("năm ngoái", "NĂM NGOÁI", "năm ngóai"):
        assert [s.value for s in find_dates(text, ref=REF)] == ["2023"], text
    assert find_dates("THỨ HAI, 12/9", ref=REF)[0].text == "THỨ HAI, 12/9"


def test_rule_names() -> None:
    assert [s.rule for s in find_dates("12/9/2024, 12-9, tháng 7/2023", ref=REF)] == [
        "date-dmy-slash",
        "date-dm-dash",
        "date-month-year",
    ]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2024-09-12", "date"),
        ("2024-09", "gYearMonth"),
        ("2024", "gYear"),
        ("--09-12", "gMonthDay"),
        ("--09", "gMonth"),
    ],
)
def test_xsd_type(value: str, kind: str) -> None:
    assert xsd_type(value) == kind


@pytest.mark.parametrize("bad", ["12/9", "2024-9", ""])
def test_xsd_type_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="Unexpected date value"):
        xsd_type(bad)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="language"):
        find_dates("12/9", lang="fr")
    with pytest.raises(ValueError, match="ref"):
        find_dates("12/9", ref="yesterday")


def test_span_is_frozen() -> None:
    span = find_dates("năm 2023")[0]
    assert span == DateSpan(0, 8, "năm 2023", "2023", None, "date", "date-year")
    with pytest.raises(AttributeError):
        span.value = "2024"  # type: ignore[misc]


def test_doctests() -> None:
    result = doctest.testmod(ingest.dates)
    assert result.attempted > 0
    assert result.failed == 0
