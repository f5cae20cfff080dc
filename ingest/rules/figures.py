"""Tables for :mod:`ingest.figure_about`: what a figure is about, by the words around it."""

from __future__ import annotations

# What a count of the network's members is counted in: "72 thành phố thuộc 46 quốc gia",
# "356 member cities", "21 thành viên mới". The first words of the figure's measure.
NETWORK_MEASURES: tuple[str, ...] = (
    "thành phố",
    "thành viên",
    "quốc gia",
    "nước",
    "đô thị",
    "city",
    "cities",
    "member",
    "members",
    "member cities",
    "new members",
    "new member cities",
    "other cities",
    "other members",
    "country",
    "countries",
    "UNESCO learning cities",
    "learning cities",
)
# Such a count is the network's when the sentence speaks of the network or of joining it.
NETWORK_CONTEXT: tuple[str, ...] = (
    "mạng lưới",
    "GNLC",
    "kết nạp",
    "gia nhập",
    "thành viên mới",
    "network",
    "admitted",
    "joined",
    "join",
    "new members",
)
# "Việt Nam đã có 5 thành viên", "South-East Asia currently has 19 UNESCO learning cities",
# "nâng tổng số thành viên của Việt Nam … lên 5": a place that has the members.
HAVE_WORDS: tuple[str, ...] = ("có", "đã có", "hiện có", "has", "have", "had", "counts", "now has")
HAVE_FILLERS: frozenset[str] = frozenset({"đã", "hiện", "nay", "currently", "now", "already"})
OWNER_WORDS: tuple[str, ...] = ("của", "of")

# Attendance: "1.200 đại biểu", "more than 250 participants", "Dự lễ khai mạc có … 1.500 cán bộ",
# "brought together about 1,200 delegates"; the figures of such a sentence are the event's.
ATTENDANCE_MEASURES: tuple[str, ...] = (
    "đại biểu",
    "khách mời",
    "người tham dự",
    "delegates",
    "participants",
    "attendees",
    "guests",
    "phiên",
    "diễn đàn",
    "hội thảo",
    "sessions",
    "plenary sessions",
    "forums",
    "workshops",
)
# Verbs that say so whatever is counted, when no city or province stands between the verb and the
# figure ("Các đại biểu tham dự … khi biết thành phố Sơn La dành 34% …" is the city's); the event
# is the sentence's, else the article's last.
ATTENDANCE_VERBS: tuple[str, ...] = (
    "quy tụ",
    "tham dự",
    "dự lễ",
    "dự hội nghị",
    "dự hội thảo",
    "dự buổi",
    "dự khai mạc",
    "tới dự",
    "đến dự",
    "về dự",
    "brought together",
    "bringing together",
    "brings together",
    "drew",
    "attended",
    "gathered",
)
# A count this close before the verb is its subject: "More than 1,500 officials, teachers, students
# and residents attended the opening ceremony".
ATTENDANCE_SUBJECT_TOKENS = 10
# Verbs that say so only of an event named in the sentence ("Lễ khai mạc thu hút hơn 3.000 …";
# "chương trình … thu hút hơn 7.000 em tham gia" counts a programme's pupils).
EVENT_ATTENDANCE_VERBS: tuple[str, ...] = (
    "thu hút",
    "với sự tham gia của",
    "có sự tham gia của",
    "attracted",
    "took part",
)

# Words that make a figure the whole of a place: "toàn tỉnh có …", "cả nước", "the country has".
SCOPE_WORDS: tuple[tuple[str, str], ...] = (
    ("toàn tỉnh", "province"),
    ("cả tỉnh", "province"),
    ("tỉnh", "province"),
    ("the province", "province"),
    ("province-wide", "province"),
    ("toàn thành phố", "city"),
    ("thành phố", "city"),
    ("toàn thị xã", "city"),
    ("the city", "city"),
    ("cả nước", "country"),
    ("toàn quốc", "country"),
    ("the country", "country"),
    ("nationwide", "country"),
    ("the region", "place"),
)
# Only a bare scope word counts: "thành phố" followed by a name is that city's mention.
SCOPE_WINDOW_TOKENS = 12

# A plan's target, said of the plan: "Theo kế hoạch, đến năm 2025 TP Vinh phấn đấu có 70% …",
# "Theo đó, đến năm 2027, 80% …" (after the plan was named).
PLAN_WORDS: tuple[str, ...] = (
    "theo kế hoạch",
    "theo đó",
    "kế hoạch đặt ra",
    "according to the plan",
    "under the plan",
)
# A target with no place before the figure ("Đến năm 2030, tỷ lệ … đạt trên 98,5%") is the plan's
# too; "Thành phố đặt mục tiêu …" is the city's.
TARGET_WORDS: tuple[str, ...] = (
    "phấn đấu",
    "mục tiêu",
    "chỉ tiêu",
    "aims",
    "aim",
    "target",
    "targets",
)
TARGET_YEAR = r"(?:\bđến năm|\btới năm|\bby)\s+(?:19|20)\d\d\b"

# Who said or reported a figure is not what it is about: "Theo báo cáo của Sở …", "X cho biết".
SOURCE_BEFORE: tuple[str, ...] = ("theo", "theo báo cáo của", "according to", "báo cáo của")
SOURCE_AFTER: tuple[str, ...] = (
    "cho biết",
    "công bố",
    "thông tin",
    "báo cáo",
    "nhấn mạnh",
    "said",
    "says",
    "announced",
    "reported",
    "noted",
)
# Clauses end at these. After a contrast ("…, còn chương trình … thu hút hơn 7.000 em") the figure
# is not about what the figure before it was about; after a list's ";" it may be.
CONTRAST_BREAKS: tuple[str, ...] = (", còn", ", trong khi", ", while", ", whereas")
CLAUSE_BREAKS: tuple[str, ...] = (";", *CONTRAST_BREAKS)

# The date a figure holds at (lc:refDate): the last date before it in its sentence, but not a
# target ("đến năm 2025", "by 2030"), a baseline ("so với năm 2023") or a day (an event's or an
# announcement's date: "Hôm 4/12, UNESCO công bố 72 …") unless the words say "as of".
REF_DATE_AS_OF: tuple[str, ...] = (
    "tính đến",
    "tính tới",
    "đến hết",
    "tới hết",
    "tính đến hết",
    "as of",
    "by the end of",
    "at the end of",
    "as at",
)
REF_DATE_NOT_AFTER: tuple[str, ...] = (
    "so với",
    "compared with",
    "compared to",
    "than",
    "since",
    "từ",
    "đến",
    "tới",
    "by",
    "until",
)
