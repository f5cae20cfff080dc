"""Tables for the date grammar (:mod:`ingest.dates`).

Words are written once, in lower case and in one tone placement; the grammar matches them
case-insensitively and in every tone placement (``ngoái``/``ngóai``, ``bảy``/``bẩy`` are listed
where the spelling itself differs). Multi-word entries match any run of whitespace.
"""

from __future__ import annotations

# --- month names ---------------------------------------------------------------------------
# "tháng Tám năm 1945". Capitalised only (see ingest.dates): lower-case "tháng năm" is "months
# and years". "tháng Giêng"/"tháng Chạp" are lunar months, so they are not here.
VI_MONTH_WORDS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}
# Capitalised (or upper case) only: "may" and "march" are also verbs.
EN_MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# --- words kept inside a date's span ------------------------------------------------------
PARTS_OF_DAY_VI: tuple[str, ...] = (
    "sáng",
    "sáng sớm",
    "rạng sáng",
    "trưa",
    "chiều",
    "chiều tối",
    "tối",
    "đêm",
    "khuya",
    "đêm khuya",
)
# "hôm 4/12", "ngày 12/9" (and "sáng hôm", "sáng ngày").
DAY_WORDS_VI: tuple[str, ...] = ("hôm", "ngày")
# Monday = 0, as datetime.weekday().
WEEKDAYS_VI: dict[str, int] = {
    "thứ hai": 0,
    "thứ 2": 0,
    "thứ ba": 1,
    "thứ 3": 1,
    "thứ tư": 2,
    "thứ 4": 2,
    "thứ năm": 3,
    "thứ 5": 3,
    "thứ sáu": 4,
    "thứ 6": 4,
    "thứ bảy": 5,
    "thứ bẩy": 5,
    "thứ 7": 5,
    "chủ nhật": 6,
}
WEEKDAYS_EN: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
# "cuối năm 2023", "đầu tháng 7/2024": the value stays the year or month.
EDGES_VI: tuple[str, ...] = ("đầu", "cuối", "giữa", "thượng tuần", "trung tuần", "hạ tuần")
EDGES_EN: tuple[str, ...] = (
    "early",
    "late",
    "mid",
    "mid-",
    "the end of",
    "end of",
    "the beginning of",
    "beginning of",
    "the start of",
    "the middle of",
)
# An English bare year is a date only after one of these ("in 2023"); the cue stays outside the
# span. Vietnamese needs "năm" ("năm 2023"), which is inside it.
YEAR_CUES_EN: tuple[str, ...] = (
    "in",
    "since",
    "by",
    "until",
    "till",
    "during",
    "before",
    "after",
    "from",
    "the year",
)

# --- relative expressions: (unit, offset) against the article's date ----------------------
RELATIVE_VI: dict[str, tuple[str, int]] = {
    "hôm nay": ("day", 0),
    "hôm qua": ("day", -1),
    "hôm kia": ("day", -2),
    "ngày mai": ("day", 1),
    "năm nay": ("year", 0),
    "năm ngoái": ("year", -1),
    "năm trước": ("year", -1),
    "năm tới": ("year", 1),
    "năm sau": ("year", 1),
    "sang năm": ("year", 1),
    "tháng này": ("month", 0),
    "tháng trước": ("month", -1),
    "tháng tới": ("month", 1),
    "tháng sau": ("month", 1),
}
# A part of day + one of these is a day: "tối nay", "chiều qua", "sáng mai".
DEICTIC_DAY_VI: dict[str, int] = {"nay": 0, "qua": -1, "mai": 1}
RELATIVE_EN: dict[str, tuple[str, int]] = {
    "today": ("day", 0),
    "tonight": ("day", 0),
    "yesterday": ("day", -1),
    "tomorrow": ("day", 1),
    "last night": ("day", -1),
    "this morning": ("day", 0),
    "this afternoon": ("day", 0),
    "this evening": ("day", 0),
    "this year": ("year", 0),
    "last year": ("year", -1),
    "next year": ("year", 1),
    "this month": ("month", 0),
    "last month": ("month", -1),
    "next month": ("month", 1),
}
# "3 năm trước", "two years ago": unit words and the word after them.
AGO_UNITS: dict[str, str] = {
    "năm": "year",
    "tháng": "month",
    "ngày": "day",
    "year": "year",
    "years": "year",
    "month": "month",
    "months": "month",
    "day": "day",
    "days": "day",
}
AGO_WORDS: tuple[str, ...] = ("trước", "ago")
NUMBER_WORDS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
}
# After a year-less day-month or month: which occurrence is meant (-1 the latest not after the
# article, +1 the first not before it, 0 the nearest).
DIRECTION_SUFFIXES: dict[str, int] = {
    "vừa qua": -1,
    "vừa rồi": -1,
    "mới đây": -1,
    "sắp tới": 1,
    "tới": 1,
    "này": 0,
}

# --- ranges and periods -------------------------------------------------------------------
RANGE_FRAMES_VI: tuple[str, ...] = ("từ",)
RANGE_CONNECTORS_VI: tuple[str, ...] = ("đến", "tới", "đến hết", "-", "–", "—")
RANGE_FRAMES_EN: tuple[str, ...] = ("from", "between")
RANGE_CONNECTORS_EN: tuple[str, ...] = ("to", "until", "till", "through", "and", "-", "–", "—")
# Dashes join two numbers without a frame word ("12–13/9", "2021-2030").
DASHES: tuple[str, ...] = ("-", "–", "—")
PERIOD_CUES_VI: tuple[str, ...] = (
    "giai đoạn",
    "nhiệm kỳ",
    "thời kỳ",
    "năm học",
    "niên khóa",
    "niên học",
)
# A period's years are at most this far apart ("1945-2045" is a centenary, "2012-2020" a plan).
PERIOD_MAX_YEARS = 100

# --- not dates ----------------------------------------------------------------------------
# A bare "2/5", "12-13" followed by one of these counts things ("2/5 thành phố").
COUNTED_NOUNS: tuple[str, ...] = (
    "%",
    "phần trăm",
    "thành phố",
    "địa phương",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "thị xã",
    "trường",
    "quốc gia",
    "nước",
    "đơn vị",
    "người",
    "học sinh",
    "sinh viên",
    "giáo viên",
    "hộ",
    "gia đình",
    "tiêu chí",
    "chỉ tiêu",
    "câu",
    "điểm",
    "ngành",
    "lớp",
    "thành viên",
    "tuổi",
    "triệu",
    "tỷ",
    "tỉ",
    "nghìn",
    "ngàn",
    "lần",
    "cities",
    "countries",
    "members",
    "people",
    "percent",
    "million",
    "billion",
    "per cent",
)
# Before a bare number form: a share ("trong số 2/5"), a document code ("Quyết định 89/…"),
# a page, a photo, a score ("thắng 3-1"), a class or an article of law.
NOT_DATE_BEFORE: tuple[str, ...] = (
    "trong số",
    "tỷ lệ",
    "tỉ lệ",
    "chiếm",
    "số",
    "quyết định",
    "kế hoạch",
    "chỉ thị",
    "nghị quyết",
    "nghị định",
    "thông tư",
    "công văn",
    "thông báo",
    "luật",
    "no.",
    "no",
    "decision",
    "plan",
    "resolution",
    "decree",
    "circular",
    "trang",
    "page",
    "pages",
    "pp.",
    "ảnh",
    "photo",
    "hình",
    "lớp",
    "điều",
    "khoản",
    "mục",
    "chương",
    "phiên bản",
    "version",
    "v",
    "tỷ số",
    "tỉ số",
    "thắng",
    "thua",
    "hòa",
    "score",
    "won",
    "beat",
    "lost",
    "iso",
    "sdg",
    # places named after a day ("Quảng trường 30/10", "đường 3/2", "Cầu 30/4", "Cung văn hóa
    # Lao động 1/5"): the date is part of the name
    "quảng trường",
    "đường",
    "cầu",
    "công viên",
    "lao động",
    "cung văn hóa",
    "nhà văn hóa",
)
# Bare forms that are idioms, not dates ("phục vụ 24/7"); "ngày 24/7" is still a date.
NOT_DATE_LITERALS: frozenset[str] = frozenset({"24/7", "24/24", "24-7"})
# "những năm trước", "các năm tới", "the last year": no one year meant.
RELATIVE_BLOCKERS_BEFORE: tuple[str, ...] = (
    "những",
    "các",
    "nhiều",
    "mấy",
    "vài",
    "hàng",
    "mỗi",
    "từng",
    "the",
    "every",
)
# "năm trước đó", "năm sau nữa": relative to the story, not to the article.
RELATIVE_BLOCKERS_AFTER: tuple[str, ...] = ("đó", "ấy", "nữa", "kia")

# --- the grammar ----------------------------------------------------------------------------
# (rule, kind, gate, bare, pattern). <NAME> is a fragment that ingest.dates builds from the
# tables above (<D1> a day, <M> a day-or-month checked later, <MON> a month 1-12, <Y1> a year,
# <PRE_VI> a part of day/weekday kept in the span, <CLOSE> its ")", <DIR> "vừa qua", ...).
# "gate" names a cheap test the sentence must pass first; "bare" rules are number forms that
# may be fractions, codes or scores unless a prefix or frame word comes with them.
# fmt: off
GRAMMAR: tuple[tuple[str, str, str, bool, str], ...] = (
    ("date-dmy-{sep}", "date", "d-d", True, r"<PRE_VI><START><D1><SEP><M>(?P=sep)<Y1><END><CLOSE>"),
    ("date-dm-{sep}", "date", "d-d", True, r"<PRE_VI><START><D1><SEP><M><END><CLOSE><DIR>"),
    ("date-words", "date", "tháng", False,
     r"<PRE_VI>ngày\s+<D1>\s+tháng\s+<MON>(?:\s+năm\s+<Y1>)?<END><CLOSE><DIR>"),
    ("date-month-year", "date", "tháng", False,
     r"<EDGE_VI>tháng\s+<MON>(?:\s*[/.-]\s*|\s+năm\s+)<Y1><END>"),
    ("date-month", "date", "tháng", False, r"<EDGE_VI>tháng\s+<MON><END><DIR>"),
    ("date-month-word", "date", "tháng-word", False,
     r"<EDGE_VI>tháng\s+(?P<mw><MONTH_VI>)(?:\s+năm\s+<Y1>)?<DIR>"),
    ("date-year", "date", "year", False, r"<EDGE_VI>năm\s+<Y1><END>"),
    ("period-years", "period", "year", True,
     r"(?:<PERIOD_CUE>\s+)?<START><Y1>\s*<DASH>\s*<Y2><END>"),
    ("period-from-to", "period", "year", False,
     r"(?:từ\s+(?:năm\s+)?|năm\s+)<Y1>\s+(?:đến|tới)(?:\s+hết)?\s+(?:năm\s+)?<Y2><END>"),
    ("range-days-{sep}", "range", "d-d", True,
     r"<FR_VI><PRE_VI><START><D1><CONN_VI>(?:ngày\s+)?<D2><SEP><M2>(?:(?P=sep)<Y2>)?<END><CLOSE>"),
    ("range-dates-{sep}", "range", "d-d", True,
     r"<FR_VI><PRE_VI><START><D1><SEP><M>(?:(?P=sep)<Y1>)?<CONN_VI>(?:ngày\s+)?"
     r"<D2>(?P<sep2>[/.-])<M2>(?:(?P=sep2)<Y2>)?<END><CLOSE>"),
    ("range-months", "range", "tháng", False,
     r"<FR_VI>tháng\s+<MON>(?:\s*[/.-]\s*<Y1>)?<CONN_VI>(?:hết\s+)?(?:tháng\s+)?"
     r"<MON2>(?:(?:\s*[/.-]\s*|\s+năm\s+)<Y2>)?<END>"),
    # English; an English cue before a bare year stays outside the span (group "core").
    ("date-dmy-en", "date", "en", False,
     r"<PRE_EN><D1><ORD>(?:\s+of)?\s+<MN>(?:,?\s+<Y1>)?(?!\d)<CLOSE>"),
    ("date-mdy-en", "date", "en", False, r"<PRE_EN><MN>\s+<D1><ORD>(?:,?\s+<Y1>)?(?![\d:])<CLOSE>"),
    ("date-month-year-en", "date", "en", False, r"(?:<EDGE_EN>\s*)?<MN>,?\s+<Y1>"),
    ("date-year-en", "date", "year", False,
     r"<YEAR_CUE_EN>\s+(?P<core><Y1>)(?!\w|[.,]\d|\s*<DASH>\s*\d)"),
    ("date-year-edge-en", "date", "year", False, r"<EDGE_EN>\s*<Y1>"),
    ("range-days-en", "range", "en", False,
     r"<FR_EN><PRE_EN><D1><ORD><CONN_EN><D2><ORD>(?:\s+of)?\s+<MN2>(?:,?\s+<Y2>)?(?!\d)"),
    ("range-month-days-en", "range", "en", False,
     r"<FR_EN><PRE_EN><MN>\s+<D1><ORD><CONN_EN><D2><ORD>(?:,?\s+<Y2>)?(?![\d:])"),
    ("range-dates-en", "range", "en", False,
     r"<FR_EN><D1><ORD>\s+<MN>(?:,?\s+<Y1>)?<CONN_EN><D2><ORD>\s+<MN2>(?:,?\s+<Y2>)?(?!\d)"),
    ("range-mdmd-en", "range", "en", False,
     r"<FR_EN><MN>\s+<D1><ORD>(?:,?\s+<Y1>)?<CONN_EN><MN2>\s+<D2><ORD>(?:,?\s+<Y2>)?(?![\d:])"),
    ("range-months-en", "range", "en", False, r"<FR_EN><MN><CONN_EN><MN2>,?\s+<Y2>"),
    ("period-from-to-en", "period", "year", False,
     r"(?:from|between)\s+<Y1>\s+(?:to|until|till|through|and)\s+<Y2>(?!\d)"),
    # Relative to the article's date.
    ("relative", "relative", "words", False, r"(?P<rel><RELATIVE>)(?!\w)<REL_TAIL>"),
    ("relative-ago", "relative", "words", False,
     r"(?P<n>\d{1,2}|<NUMBER_WORD>)\s+(?P<unit><AGO_UNIT>)\s+<AGO_WORD>(?!\w)"),
)
# fmt: on
