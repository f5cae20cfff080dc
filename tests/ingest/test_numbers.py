"""Roles, values, qualifiers, measures and links of :func:`ingest.numbers.classify_numbers`."""

from __future__ import annotations

import doctest

import pytest

import ingest.numbers
from ingest.numbers import NumberSpan, classify_numbers, figures


def _role(sentence: str, text: str, lang: str = "vi") -> str:
    spans = classify_numbers(sentence, lang=lang)
    found = [s for s in spans if s.text == text]
    assert found, f"{text!r} not in {[s.text for s in spans]}"
    return found[0].role


def _figure(sentence: str, text: str, lang: str = "vi") -> NumberSpan:
    spans = classify_numbers(sentence, lang=lang)
    found = [s for s in spans if s.text == text]
    assert found, f"{text!r} not in {[s.text for s in spans]}"
    assert found[0].role == "figure", found[0]
    return found[0]


ROLES = [
    # times
    ("vi", "Lúc 8h30, đại biểu có mặt.", "8h30", "time"),
    ("vi", "Khai mạc 8 giờ 30 tại hội trường.", "8 giờ 30", "time"),
    ("vi", "Phiên họp bắt đầu 14:30 cùng ngày.", "14:30", "time"),
    ("vi", "Đúng 9 giờ sáng, buổi lễ bắt đầu.", "9 giờ", "time"),
    ("en", "The session opened at 9 a.m. sharp.", "9 a.m.", "time"),
    ("en", "Talks resumed at 14:30 on Monday.", "14:30", "time"),
    # document codes
    ("vi", "Theo Kế hoạch số 1256/KH-UBND của thành phố.", "1256/KH-UBND", "code"),
    ("vi", "Quyết định 89/QĐ-TTg phê duyệt đề án.", "89/QĐ-TTg", "code"),
    ("vi", "Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị.", "05-CT/TW", "code"),
    ("vi", "Thông tư 12/2024/TT-BGDĐT có hiệu lực.", "12/2024/TT-BGDĐT", "code"),
    ("vi", "Căn cứ Nghị quyết số 29 của Trung ương.", "29", "code"),
    ("en", "Under Plan No. 1256/KH-UBND the city acts.", "1256/KH-UBND", "code"),
    ("en", "Decision 89/QD-TTg approved the scheme.", "89/QD-TTg", "code"),
    ("en", "Article 5 of the law applies.", "5", "code"),
    # names
    ("vi", "Hợp tác ASEAN+3 về giáo dục.", "ASEAN+3", "name"),
    ("vi", "Thực hiện SDG 4 về giáo dục.", "4", "name"),
    ("vi", "Thực hiện SDG4 về giáo dục.", "SDG4", "name"),
    ("vi", "Thực hiện Mục tiêu 4 về giáo dục chất lượng.", "4", "name"),
    ("vi", "Các nước G20 cam kết.", "G20", "name"),
    ("vi", "Đại dịch COVID-19 ảnh hưởng việc học.", "COVID-19", "name"),
    ("vi", "Hội nghị ICLC6 diễn ra tại Incheon.", "ICLC6", "name"),
    ("vi", "Hướng tới Chương trình nghị sự 2030 của LHQ.", "2030", "name"),
    ("vi", "Cuộc cách mạng Công nghiệp 4.0 đặt ra yêu cầu mới.", "4.0", "name"),
    ("vi", "Kỷ nguyên 4.0 mở ra cơ hội.", "4.0", "name"),
    ("vi", "Đại biểu Quốc hội khóa XV phát biểu.", "XV", "name"),
    ("vi", "Đại biểu Quốc hội khoá XV phát biểu.", "XV", "name"),
    ("vi", "Trường Tiểu học số 10 tổ chức lễ khai giảng.", "10", "name"),
    ("vi", "Người dân Quận 1 tham gia.", "1", "name"),
    ("en", "Cities pursue SDG 4 and the Agenda 2030.", "2030", "name"),
    ("en", "Industry 4.0 skills matter.", "4.0", "name"),
    ("en", "The G20 summit met.", "G20", "name"),
    ("en", "The 5G network covers the city.", "5G", "name"),
    # captions
    ("vi", "Ảnh 1: Lễ đón nhận danh hiệu.", "1", "caption"),
    ("vi", "Ảnh: Minh Anh 2", "2", "caption"),
    ("vi", "Các đại biểu dự hội nghị (ảnh 3).", "3", "caption"),
    ("en", "Photo 2: delegates at the forum.", "2", "caption"),
    # ordinals
    ("vi", "Hội nghị quốc tế về Thành phố học tập lần thứ 6 khai mạc.", "6", "ordinal"),
    ("vi", "Đây là năm thứ 6 liên tiếp.", "6", "ordinal"),
    ("vi", "Đây là lần thứ sáu thành phố tổ chức.", "sáu", "ordinal"),
    ("vi", "Thành phố xếp hạng 2 toàn quốc.", "2", "ordinal"),
    ("en", "The 6th conference was held in Korea.", "6th", "ordinal"),
    ("en", "This is the sixth conference.", "sixth", "ordinal"),
    # population ranges and ages
    ("vi", "Người từ 15 đến 60 tuổi được học.", "15 đến 60", "range"),
    ("vi", "Nhóm người 15-60 tuổi biết chữ.", "15-60", "range"),
    ("vi", "Huy động trẻ em dưới 6 tuổi đến trường.", "6", "range"),
    ("vi", "Người từ 60 tuổi trở lên tham gia.", "60", "range"),
    ("en", "Learners aged 15 to 60 enrolled.", "15 to 60", "range"),
    ("en", "Children under 6 years old attend.", "6", "range"),
    ("vi", "Cụ bà 80 tuổi vẫn đi học.", "80", "other"),
    # ratios and fractions
    ("vi", "Đã có 63/63 địa phương triển khai.", "63/63", "ratio"),
    ("vi", "Có 10/10 xã đạt chuẩn.", "10/10", "ratio"),
    ("vi", "Có 2/5 thành phố đạt chuẩn.", "2/5", "fraction"),
    ("vi", "Có 3 trên 5 thành phố đạt chuẩn.", "3 trên 5", "fraction"),
    ("en", "Some 3 out of 5 cities agreed.", "3 out of 5", "fraction"),
    # years
    ("vi", "Tầm nhìn đến 2030, thành phố phấn đấu.", "2030", "year"),
    ("vi", "Giai đoạn 2021-2030 là giai đoạn quan trọng.", "2021-2030", "year"),
    ("en", "By 2030 the city will change.", "2030", "year"),
    # page numbers, phone numbers, scores, versions, list numbering
    ("vi", "Xem chi tiết ở trang 5 của báo cáo.", "5", "other"),
    ("vi", "Liên hệ số điện thoại 0912 345 678 để đăng ký.", "0912 345 678", "other"),
    ("vi", "Đội tuyển thắng 3-1 trong trận chung kết.", "3-1", "other"),
    ("en", "The app version 2.1 was released.", "2.1", "other"),
    ("vi", "1. Tổ chức các lớp học cho người dân.", "1", "other"),
    ("en", "2) Train all teachers in the city.", "2", "other"),
    # a number without measure or unit
    ("vi", "Con số 300 là rất lớn.", "300", "other"),
]


@pytest.mark.parametrize(("lang", "sentence", "text", "role"), ROLES)
def test_role(lang: str, sentence: str, text: str, role: str) -> None:
    assert _role(sentence, text, lang) == role


FIGURES = [
    # (lang, sentence, span text, value, qualifier, unit, measure)
    (
        "vi",
        "Hơn 1.200 đại biểu tham dự hội nghị.",
        "Hơn 1.200",
        "1200",
        "over",
        "đại biểu",
        "đại biểu",
    ),
    ("vi", "Khoảng 300 người dân có mặt.", "Khoảng 300", "300", "about", "người dân", "người dân"),
    (
        "vi",
        "Tổng kinh phí là 12.500.000 đồng.",
        "12.500.000",
        "12500000",
        "exactly",
        "đồng",
        "đồng",
    ),
    (
        "vi",
        "Tăng trưởng 8,2 điểm phần trăm mỗi năm.",
        "8,2",
        "8.2",
        "exactly",
        "điểm",
        "điểm phần trăm",
    ),
    ("vi", "Dự án có 12 tỷ đồng để xây thư viện.", "12", "12", "exactly", "tỷ đồng", "tỷ đồng"),
    (
        "vi",
        "Có 1,5 triệu người tham gia học trực tuyến.",
        "1,5 triệu",
        "1500000",
        "exactly",
        "người",
        "người",
    ),
    ("vi", "Gần 500 học viên đã tốt nghiệp.", "Gần 500", "500", "nearly", "học viên", "học viên"),
    (
        "vi",
        "Thành phố đã có tới 40 câu lạc bộ.",
        "có tới 40",
        "40",
        "up to",
        "câu lạc bộ",
        "câu lạc bộ",
    ),
    ("vi", "Có dưới 20 lớp học được mở.", "dưới 20", "20", "under", "lớp học", "lớp học"),
    (
        "vi",
        "Ước tính khoảng 50 cuốn sách được tặng.",
        "Ước tính khoảng 50",
        "50",
        "about",
        "cuốn sách",
        "cuốn sách",
    ),
    ("vi", "Có xấp xỉ 90% hộ gia đình đạt chuẩn.", "xấp xỉ 90%", "90", "about", "%", "hộ gia đình"),
    (
        "vi",
        "Đà Nẵng có 30 mô hình “Gia đình học tập”.",
        "30",
        "30",
        "exactly",
        "mô hình",
        "mô hình “Gia đình học tập”",
    ),
    (
        "vi",
        "Tỷ lệ người biết chữ đạt 99,4%.",
        "99,4%",
        "99.4",
        "exactly",
        "%",
        "Tỷ lệ người biết chữ",
    ),
    (
        "vi",
        "Hiện nay, tỷ lệ trẻ em đến trường đạt 98,5%.",
        "98,5%",
        "98.5",
        "exactly",
        "%",
        "tỷ lệ trẻ em đến trường",
    ),
    ("vi", "Trong đó nữ chiếm 67%.", "67%", "67", "exactly", "%", "nữ"),
    ("vi", "Có 67% người dân tham gia học tập.", "67%", "67", "exactly", "%", "người dân"),
    ("vi", "Có 45 phần trăm học sinh đạt giỏi.", "45 phần trăm", "45", "exactly", "%", "học sinh"),
    ("vi", "Thành phố đón 2000 người đến học.", "2000", "2000", "exactly", "người", "người"),
    ("vi", "Xây dựng 20km đường.", "20", "20", "exactly", "km", "km đường"),
    (
        "en",
        "The province has five learning cities.",
        "five",
        "5",
        "exactly",
        "learning cities",
        "learning cities",
    ),
    (
        "vi",
        "Tỷ lệ người dân tham gia ít nhất một hoạt động học tập cộng đồng trong năm đạt 72,5%.",
        "72,5%",
        "72.5",
        "exactly",
        "%",
        "Tỷ lệ người dân tham gia ít nhất một hoạt động học tập cộng đồng trong năm",
    ),
    ("vi", "Có 1,200 người tham gia.", "1,200", "1.2", "exactly", "người", "người"),
    ("vi", "Thành phố có 64 mô hình.", "64", "64", "exactly", "mô hình", "mô hình"),
    ("vi", "Số đại biểu tham dự là 300.", "300", "300", "exactly", "", "Số đại biểu tham dự"),
    (
        "en",
        "More than 1,200 participants attended the forum.",
        "More than 1,200",
        "1200",
        "over",
        "participants",
        "participants",
    ),
    (
        "en",
        "The network has 390 million people in total.",
        "390 million",
        "390000000",
        "exactly",
        "people",
        "people",
    ),
    (
        "en",
        "About 3.5 million learners enrolled.",
        "About 3.5 million",
        "3500000",
        "about",
        "learners",
        "learners",
    ),
    (
        "en",
        "Nearly 8.2 percent of residents were reached.",
        "Nearly 8.2 percent",
        "8.2",
        "nearly",
        "%",
        "residents",
    ),
    ("en", "The literacy rate reached 95%.", "95%", "95", "exactly", "%", "literacy rate"),
    ("en", "They achieved a rate of 95% this year.", "95%", "95", "exactly", "%", "rate"),
    (
        "en",
        "Women, accounting for 67% of participants, spoke.",
        "67%",
        "67",
        "exactly",
        "%",
        "participants",
    ),
    (
        "en",
        "Up to 40 community learning centres opened.",
        "Up to 40",
        "40",
        "up to",
        "community learning centres",
        "community learning centres",
    ),
    (
        "en",
        "At least 12 libraries were built.",
        "At least 12",
        "12",
        "over",
        "libraries",
        "libraries",
    ),
    ("en", "Fewer than 10 schools closed.", "Fewer than 10", "10", "under", "schools", "schools"),
    ("en", "Two cities joined the network.", "Two", "2", "exactly", "cities", "cities"),
    (
        "en",
        "The fund holds 5 million USD for training.",
        "5",
        "5",
        "exactly",
        "million USD",
        "million USD",
    ),
    (
        "en",
        "Around 1.200 volunteers helped.",
        "Around 1.200",
        "1.2",
        "about",
        "volunteers",
        "volunteers",
    ),
]


@pytest.mark.parametrize(
    ("lang", "sentence", "text", "value", "qualifier", "unit", "measure"), FIGURES
)
def test_figure(
    lang: str, sentence: str, text: str, value: str, qualifier: str, unit: str, measure: str
) -> None:
    span = _figure(sentence, text, lang)
    assert (span.value, span.qualifier, span.unit, span.measure) == (
        value,
        qualifier,
        unit,
        measure,
    )
    assert span in figures(classify_numbers(sentence, lang=lang))


def test_measure_stops_at_stop_words() -> None:
    span = _figure("Có 300 đại biểu đến từ 20 nước tham dự.", "300")
    assert span.measure == "đại biểu"
    span = _figure("Some 300 delegates from 20 countries attended.", "Some 300", "en")
    assert span.measure == "delegates"
    span = _figure("Some 300 learners registered online.", "Some 300", "en")
    assert span.measure == "learners"


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("vi", "Mạng lưới có 64 thành phố thuộc 35 quốc gia."),
        ("vi", "Mạng lưới có 64 thành phố đến từ 35 quốc gia."),
        ("en", "The network has 64 cities from 35 countries."),
        ("en", "The network has 64 cities in 35 countries."),
    ],
)
def test_set_of(lang: str, sentence: str) -> None:
    spans = classify_numbers(sentence, lang=lang)
    first, second = figures(spans)
    assert first.set_of is None
    assert second.set_of == spans.index(first)


def test_set_of_points_to_the_first_of_a_chain() -> None:
    spans = classify_numbers("Có 1.000 đại biểu từ 64 thành phố thuộc 35 quốc gia.")
    assert [s.set_of for s in spans] == [None, 0, 0]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("vi", "Toàn thành phố có 6.900 dòng họ học tập (59%)."),
        ("vi", "Toàn thành phố có 6.900 dòng họ học tập (chiếm 59%)."),
        ("vi", "Toàn thành phố có 6.900 dòng họ học tập, chiếm 59%."),
        ("en", "The city has 6,900 learning families (59%)."),
    ],
)
def test_percent_of(lang: str, sentence: str) -> None:
    spans = classify_numbers(sentence, lang=lang)
    count, share = figures(spans)
    assert share.unit == "%"
    assert share.value == "59"
    assert share.percent_of == spans.index(count)
    assert count.value == "6900"


def test_no_links_without_a_joining_word() -> None:
    spans = classify_numbers("Có 64 thành phố, 35 quốc gia và 20%.")
    assert all(s.set_of is None and s.percent_of is None for s in spans)


def test_numbers_in_given_dates_are_dates() -> None:
    sentence = "Ngày 30/10/2024, 300 đại biểu dự hội nghị."
    spans = classify_numbers(sentence, dates=[(0, 15)])
    assert [(s.text, s.role) for s in spans] == [
        ("30", "date"),
        ("10", "date"),
        ("2024", "date"),
        ("300", "figure"),
    ]


def test_numbers_in_given_names_are_names() -> None:
    sentence = "Trường THCS Nguyễn Du 2 có 300 học sinh."
    begin = sentence.index("Trường")
    end = sentence.index(" có")
    spans = classify_numbers(sentence, names=[(begin, end)])
    assert [(s.text, s.role) for s in spans] == [("2", "name"), ("300", "figure")]


def test_given_spans_win_over_figures() -> None:
    sentence = "Có 300 đại biểu tham dự."
    b = sentence.index("300")
    assert [s.role for s in classify_numbers(sentence, names=[(b, b + 3)])] == ["name"]
    assert [s.role for s in classify_numbers(sentence, dates=[(b, b + 3)])] == ["date"]
    assert figures(classify_numbers(sentence, names=[(b, b + 3)])) == []


def test_date_fallback() -> None:
    assert _role("Hạn chót 31/12/2024 cho tất cả.", "31/12/2024") == "date"


def test_spelled_numbers_need_a_unit() -> None:
    assert classify_numbers("Năm nay thành phố trở thành một thành phố học tập.") == []
    assert classify_numbers("Ba nói với con.") == []


def test_words_alone_are_not_numbers() -> None:
    assert figures(classify_numbers("Hàng nghìn người dân tham gia.")) == []
    assert figures(classify_numbers("Thousands of people joined.", lang="en")) == []


def test_sentence_without_numbers() -> None:
    assert classify_numbers("Thành phố đẩy mạnh xây dựng xã hội học tập.") == []


def test_tone_placement_and_case_are_ignored() -> None:
    assert _role("Đại biểu Quốc hội KHÓA XV phát biểu.", "XV") == "name"
    assert _figure("Có 5 khoá học mới.", "5").unit == "khoá học"


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="language"):
        classify_numbers("1", lang="fr")


OFFSET_SENTENCES = (
    [s for _, s, *_ in ROLES]
    + [s for _, s, *_ in FIGURES]
    + [
        "Hội nghị lần thứ 6 thu hút hơn 1.200 đại biểu từ 64 thành phố thuộc 35 quốc gia.",
        "Theo Kế hoạch số 1256/KH-UBND, đến năm 2030 có 6.900 dòng họ học tập (59%).",
        "  Khoảng   300    người,  (hơn 20%) và 15,5 triệu đồng.",
    ]
)


@pytest.mark.parametrize("sentence", OFFSET_SENTENCES)
def test_offsets(sentence: str) -> None:
    lang = "en" if sentence.isascii() else "vi"
    spans = classify_numbers(sentence, lang=lang)
    for span in spans:
        assert span.text == sentence[span.begin : span.end]
        if span.measure:
            assert span.measure == sentence[span.measure_begin : span.measure_end]
        else:
            assert (span.measure_begin, span.measure_end) == (-1, -1)
        if span.role != "figure":
            assert span.value == ""
        for link in (span.percent_of, span.set_of):
            assert link is None or spans[link].role == "figure"
    assert [s.begin for s in spans] == sorted(s.begin for s in spans)


def test_doctest() -> None:
    assert doctest.testmod(ingest.numbers).failed == 0


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("vi", "Thành phố có hai thành phố kết nghĩa."),  # Vietnamese spelled numbers: a manner
        ("vi", "Trung tâm có 30 năm hoạt động."),  # a duration
        ("vi", "Số học viên tăng gấp 1,3 lần."),  # a multiple
        ("en", "Members report every two years."),
    ],
)
def test_durations_multiples_and_vietnamese_spelled_numbers_are_no_figures(
    lang: str, sentence: str
) -> None:
    assert figures(classify_numbers(sentence, lang=lang)) == []


def test_a_digit_one_standing_for_the_article_is_no_figure() -> None:
    assert figures(classify_numbers("Tỉnh đặt mục tiêu xây dựng 1 cộng đồng học tập mẫu.")) == []
    # a one with a percent or a qualifier still counts
    assert _figure("Tỷ lệ tăng thêm 1% so với năm trước.", "1%").value == "1"


def test_a_quoted_name_can_be_what_is_counted() -> None:
    found = _figure("Toàn tỉnh có 112 “Ngôi nhà trí tuệ” phục vụ người dân.", "112")
    assert found.measure.startswith("“Ngôi nhà trí tuệ”"), found
