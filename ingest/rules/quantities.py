"""Tables for dates and figures (:mod:`ingest.quantities`).

Date patterns are tried in order; the first one that matches at a position wins and the
spans it covers are not matched again. Named groups: ``d`` day, ``m`` month, ``y`` year, and
``d2``/``m2``/``y2`` for the end of a range; a missing year comes from the article's date.
"""

from __future__ import annotations

_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"

DATE_PATTERNS: tuple[tuple[str, str], ...] = (
    # "Từ ngày 29 đến 30-10", "từ ngày 29 đến ngày 30/10/2024"
    (
        "date-range-days",
        rf"\b[Tt]ừ\s+ngày\s+{_D}\s*(?:đến|-|–)\s*(?:ngày\s+)?(?P<d2>[0-3]?\d)[-/.]{_M}(?:[-/.]{_Y})?",
    ),
    # "từ ngày 29/10 đến ngày 1/11/2024"
    (
        "date-range-full",
        rf"\b[Tt]ừ\s+(?:ngày\s+)?{_D}[-/]{_M}(?:[-/]{_Y})?\s*(?:đến|-|–)\s*(?:ngày\s+)?"
        rf"(?P<d2>[0-3]?\d)[-/](?P<m2>[01]?\d)(?:[-/](?P<y2>(?:19|20)\d\d))?",
    ),
    # "ngày 30 tháng 10", "ngày 30 tháng 10 năm 2024"
    ("date-words", rf"\b(?:[Nn]gày\s+){_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?"),
    # "ngày 29/10/2024", "31/10/2024"
    (
        "date-full",
        rf"\b(?:(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+(?:ngày\s+)?)?{_D}[-/]{_M}[-/]{_Y}\b",
    ),
    # "ngày 29/10", "sáng 31-10"
    (
        "date-day-month",
        rf"\b(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+(?:ngày\s+)?{_D}[-/]{_M}\b(?![-/]\d)",
    ),
    # "tháng 2/2024", "tháng 10 năm 2024"
    ("date-month", rf"\b[Tt]háng\s+{_M}(?:/|\s+năm\s+){_Y}\b"),
    # "giai đoạn 2021 – 2030", "2021-2030"
    (
        "date-year-range",
        rf"\b(?:[Gg]iai đoạn|[Tt]ừ năm|[Nn]hiệm kỳ)\s+{_Y}\s*"
        r"(?:[-–—]|đến)\s*(?P<y2>(?:19|20)\d\d)\b",
    ),
    # "năm 2024", "Trong năm 2024"
    ("date-year", rf"\b[Nn]ăm\s+{_Y}\b"),
)

# Qualifiers before a figure → lc:qualifier.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("khoảng", "about"),
    ("chừng", "about"),
    ("xấp xỉ", "about"),
    ("ước tính", "about"),
    ("hơn", "over"),
    ("trên", "over"),
    ("hơn một", "over"),
    ("vượt", "over"),
    ("gần", "nearly"),
    ("gần như", "nearly"),
    ("suýt", "nearly"),
)
DEFAULT_QUALIFIER = "exactly"
# A Vietnamese number: "1.200" (thousands), "15,5" and "99,40" (decimals), "112".
NUMBER = r"(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
PERCENT = r"(?P<pct>\s?%|\s+phần trăm)?"
# Words before a number that make it something else than a figure.
NOT_A_FIGURE_AFTER: frozenset[str] = frozenset(
    {"thứ", "lần", "cộng", "số", "khóa", "khoá", "SDG", "kỳ", "lớp"}
)

# Counted nouns (longest first is not needed: the longest matching row wins).
UNITS: tuple[str, ...] = (
    "đại biểu",
    "đại diện",
    "sản phẩm",
    "câu lạc bộ",
    "thành phố",
    "quốc gia",
    "nước",
    "người",
    "học viên",
    "học sinh",
    "sinh viên",
    "giáo viên",
    "thư viện",
    "tủ sách",
    "mô hình",
    "trường",
    "lớp",
    "hộ",
    "điểm",
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "đồng",
    "lượt",
    "cuốn",
    "đầu sách",
    "tác phẩm",
    "bài dự thi",
    "đội",
    "đơn vị",
    "xã",
    "phường",
    "tổ",
    "bản",
    "công dân",
    "gia đình",
    "dòng họ",
    "thành viên",
    "trung tâm",
    "cộng đồng",
    "hoạt động",
    "chương trình",
    "đề tài",
    "dự án",
)
# Words that end a statistic's measure phrase ("34% tổng ngân sách … bao gồm …").
MEASURE_STOPS: frozenset[str] = frozenset(
    {
        "để",
        "từ",
        "với",
        "bao",
        "tại",
        "đến",
        "và",
        "nhằm",
        "trong",
        "của",
        "thuộc",
        "ở",
        "được",
        "đã",
        "là",
        "khi",
        "nhưng",
        "trên",
        "gồm",
        "so",
        "tham",
    }
)
MEASURE_MAX_TOKENS = 8
