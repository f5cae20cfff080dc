"""Tables for :mod:`ingest.facts`: the cue words of relation patterns."""

from __future__ import annotations

# A city joins a network: "gia nhập Mạng lưới", "thành viên của mạng lưới", "tham gia Mạng lưới".
MEMBERSHIP_CUES: tuple[str, ...] = ("gia nhập", "tham gia", "thành viên", "kết nạp", "công nhận")
ORDINAL = (
    r"\bthành phố thứ\s+(?P<n>\d+)"
    r"(?:\s+(?:của|tại|ở)\s+(?P<scope>cả nước|Việt Nam|[\w ]+?))?(?=[\s,.;]|$)"
)
FIRST_OF_KIND = r"\blà\s+(?P<kind>thành phố[^,.;]*?\sđầu tiên)"

# Attendance verbs and the role label each one gives ("" = attendance without a role).
PARTICIPATION_CUES: tuple[tuple[str, str], ...] = (
    ("tham dự", ""),
    ("tham gia", ""),
    ("dự", ""),
    ("có mặt", ""),
    ("dẫn đầu", "trưởng đoàn"),
    ("trưởng đoàn", "trưởng đoàn"),
    ("báo cáo", "báo cáo"),
    ("trình bày", "trình bày"),
    ("thuyết trình", "trình bày"),
    ("chia sẻ", "chia sẻ"),
    ("phát biểu", "phát biểu"),
    ("phát biểu khai mạc", "phát biểu khai mạc"),
    ("phát biểu bế mạc", "phát biểu bế mạc"),
    ("chủ trì", "chủ trì"),
    ("đồng chủ trì", "đồng chủ trì"),
    ("giới thiệu", "giới thiệu"),
    ("trao chứng nhận", "trao chứng nhận"),
)
# In an article about one event, a person who speaks, presents or attends in a sentence that names
# no event is at that event ("Phát biểu bế mạc, bà …", "Dự lễ có ông …; bà …").
MAIN_EVENT_FALLBACK = True
# Words that make a participation cue a noun: "với sự tham gia của khoảng 300 đại biểu" names no
# participant unless a person is named.
NOMINALISERS: frozenset[str] = frozenset({"sự"})
# "đại diện": a role only next to its agent ("Thành phố Sơn La đại diện …", "đại diện là bà …").
REPRESENT_WORD = "đại diện"
REPRESENT_ROLE = "đại diện"
# Within this many tokens after "đại diện (cho)" a country is what the agent represents.
REPRESENTS_WINDOW = 10

# "X tổ chức Hội nghị …", "X phối hợp Y tổ chức …": the organisers come before the verb.
ORGANIZER_CUES: tuple[str, ...] = (
    "tổ chức",
    "đăng cai",
    "đồng tổ chức",
    "phối hợp tổ chức",
    "khai mạc",
)
# "Hội nghị … (ICLC6) do Viện … phối hợp với thành phố Jubail đồng tổ chức": the organisers stand
# between "do" and the verb, the event before "do".
PASSIVE_AGENT_WORDS: tuple[str, ...] = ("do",)
# Within this many tokens after the event (a short name in parentheses between).
PASSIVE_AFTER_EVENT_TOKENS = 6
# "tại Quảng trường Hồ Chí Minh (TP Vinh)", "tại Trung tâm Văn hóa - Thể thao TP Cao Lãnh": a venue
# named after the cue, with the city it is in, gives that city; at most this many tokens, no comma.
VENUE_MAX_TOKENS = 9
# "tại Bangkok", "diễn ra ở …", "tại các quốc gia Saudi Arabia": the event's place.
LOCATION_CUES: tuple[str, ...] = ("tại", "ở", "in", "at", "held in")
LOCATION_GAP_TOKENS = 3
# A date after these words ends an event: "diễn ra đến hết ngày 30 tháng 10".
END_DATE_CUES: tuple[str, ...] = (
    "đến hết",
    "đến",
    "kết thúc",
    "bế mạc",
    "until",
    "ended on",
    "closed on",
)
# A date right after an event named after these words ends it: "Ngày cuối hội nghị (5/12)".
END_DATE_CUES_BEFORE_EVENT: tuple[str, ...] = (
    "ngày cuối",
    "ngày cuối cùng của",
    "ngày bế mạc",
    "ngày kết thúc",
    "the last day of",
    "the final day of",
    "the closing day of",
)
# A single date right after an event's name or after these words starts it.
START_DATE_CUES: tuple[str, ...] = (
    "khai mạc",
    "diễn ra",
    "tổ chức",
    "bắt đầu",
    "opened on",
    "held on",
    "took place on",
    "kicked off on",
)
START_DATE_GAP_TOKENS = 1
# A month within this many tokens after an event (its place between) is when it began.
MONTH_AFTER_EVENT_TOKENS = 12

# Initiatives: the verb nearest before the name says whether the subject leads it or carries out
# someone else's ("triển khai thực hiện đề án …" of the state: no lc:ledBy).
LEAD_VERBS: tuple[str, ...] = (
    "triển khai",
    "xây dựng",
    "tổ chức",
    "đưa ra",
    "phát động",
    "thành lập",
    "thí điểm",
    "khởi động",
    "ra mắt",
    "tiên phong",
    "sáng lập",
    "áp dụng",
)
IMPLEMENT_VERBS: tuple[str, ...] = ("thực hiện", "hưởng ứng", "tham gia")
START_VERBS: tuple[str, ...] = (
    "bắt đầu",
    "tổ chức",
    "phát động",
    "khởi động",
    "ra mắt",
    "khai trương",
    "thành lập",
)
ORIGIN_CUES: tuple[str, ...] = ("từ", "của", "đến từ")
ORIGIN_GAP_TOKENS = 2
# A figure is about the initiatives named right after it: "112 “Ngôi nhà trí tuệ” và “…”".
FIGURE_OBJECT_WINDOW = 12

# --- English -------------------------------------------------------------------------------------
# Words between a title and its organisation: "Head of the Permanent Delegation …", "Director of
# UNESCO Bangkok" ("" = right after, as in Vietnamese "Giám đốc Sở …"). A chain "Head of the
# Education Section of the UNESCO Office in Viet Nam" ends with the organisation of the post; the
# units before it are part of the role.
TITLE_ORG_LINKS: tuple[str, ...] = ("", "of", "of the", "at", "at the")
# Words after a post's organisation that continue the job title, not the organisation:
# "… Department of Cultural Diplomacy and UNESCO Affairs under the Ministry of Foreign Affairs".
JOB_TAIL_LINKS: tuple[str, ...] = ("under", "under the")

# English attendance cues and the role each gives (roles are English labels).
PARTICIPATION_CUES_EN: tuple[tuple[str, str], ...] = (
    ("attended", ""),
    ("attending", ""),
    ("took part in", ""),
    ("take part in", ""),
    ("taking part in", ""),
    ("participated in", ""),
    ("joined", ""),
    ("spoke at", "speaker"),
    ("speaking at", "speaker"),
    ("addressed", "speaker"),
    ("addressing", "speaker"),
    ("presented", "presenter"),
    ("led the delegation", "head of the delegation"),
    ("head of the delegation", "head of the delegation"),
    ("was attended by", ""),
    ("were attended by", ""),
    ("opening the meeting", ""),
    ("opening the conference", ""),
    ("opening the workshop", ""),
    ("opened the meeting", ""),
    ("opened the conference", ""),
    ("told participants", ""),
    ("told delegates", ""),
    ("told the conference", ""),
    ("told the meeting", ""),
)
# An English cue this many tokens before a network is a membership ("joined the UNESCO GNLC").
NETWORK_CUE_GAP_TOKENS = 3
# "The conference was organised by X and Y": the organisers come after these words.
ORGANIZER_AFTER_CUES: tuple[str, ...] = (
    "organised by",
    "organized by",
    "co-organised by",
    "co-organized by",
    "hosted by",
    "coordinated by",
)
# Words allowed between two organisers of one cue ("X and the city's Y"); a parenthesis is an
# organiser's short name.
ORGANIZER_JOIN_WORDS: frozenset[str] = frozenset({"and", "the", "as", "well", "&"})
