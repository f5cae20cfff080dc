"""Tables for figures (:mod:`ingest.quantities`); dates are :mod:`ingest.rules.dates`."""

from __future__ import annotations

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
