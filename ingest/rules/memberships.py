"""Tables for :mod:`ingest.facts_membership`: how news says a city is (or is not) in the network.

Words compare by tone key (case and tone placement ignored), token by token.
"""

from __future__ import annotations

# A city joins, is admitted to, or is a member of the network.
CUES: tuple[str, ...] = (
    "gia nhập",
    "tham gia",
    "thành viên",
    "kết nạp",
    "công nhận",
    "ghi tên",
    "có tên",
    "góp mặt",
    "join",
    "joins",
    "joined",
    "joining",
    "admitted",
    "admission",
    "member",
    "members",
    "membership",
    "newcomers",
    "entered",
    "recognised as",
    "recognized as",
    "designated",
)
# Cues strong enough to state a membership of the article's network without naming it again
# ("TP Cao Lãnh gia nhập năm 2022", "Cao Lanh followed in 2022"), unless another organisation
# follows.
IMPLIED_NETWORK_CUES: tuple[str, ...] = (
    "gia nhập",
    "kết nạp",
    "được công nhận",
    "join",
    "joins",
    "joined",
    "admitted",
    "followed",
)
# A city group belongs to a cue within this many tokens of it (either side); further away it is
# something else ("đoàn của Bangkok … và năm thành phố thành viên mạng lưới").
CUE_REACH_TOKENS = 15
# A ceremony named before the cue ("tổ chức lễ trao chứng nhận thành viên …", "held a ceremony to
# receive recognition as a member"): the sentence's dates are the ceremony's.
CEREMONY_WORDS: tuple[str, ...] = (
    "lễ",
    "buổi lễ",
    "trao chứng nhận",
    "đón nhận",
    "ceremony",
    "certificate",
)
# A date after these words is a deadline or a target, not the day a city joined ("By 2030").
DEADLINE_WORDS: tuple[str, ...] = ("by", "until", "đến", "trước", "before", "tới")
# Between two cities of one list: "A và B", "A, B", "A (tỉnh X) và B", "A cùng B", "A and B".
LIST_JOINER = (
    r"^(?:\s*\([^()]*\))?(?:\s+(?:in|of|thuộc|tỉnh)\s*(?:province|Province)?\s*)?\s*(?:,|;)?\s*"
    r"(?:và|cùng với|cùng|and|together with|with|as well as|,)?"
    r"\s*(?:(?:TP\.?|Tp\.?|thành phố|Thành phố|Thủ đô|the city of|the cities of)\s*)?$"
)
# A date follows a group of cities as theirs within this many tokens ("A và B gia nhập năm 2020");
# the network's name counts as one token.
DATE_AFTER_TOKENS = 10
# A cue right after these words names a kind of city, not a named one: "các thành phố thành viên
# mạng lưới" (the member cities), "member cities".
CUE_NOT_AFTER: tuple[str, ...] = ("thành phố", "phố", "cities", "city")
# An article about learning cities: its bare "mạng lưới" / "the network" is the reference network.
LEARNING_CITY_WORDS: tuple[str, ...] = ("thành phố học tập", "learning city", "learning cities")
# The network when the text does not name it in full ("gia nhập mạng lưới", "the network").
NETWORK_SHORT_FORMS: tuple[str, ...] = ("mạng lưới", "network", "GNLC")
# Within this many tokens before the cue, a word of NOT_YET makes the clause a plan.
NOT_YET_WINDOW = 8
# The network is named within this many tokens after the cue ("gia nhập Mạng lưới …") or before it
# ("GNLC membership").
NETWORK_AFTER, NETWORK_BEFORE = 8, 3
# A clause with these words speaks of a city that is not (yet) a member: a plan, a bid, a hope.
NOT_YET: tuple[str, ...] = (
    "phấn đấu",
    "hướng tới",
    "hướng đến",
    "mục tiêu",
    "nộp hồ sơ",
    "hồ sơ đăng ký",
    "đăng ký",
    "chuẩn bị",
    "sẽ",
    "dự kiến",
    "chưa",
    "ứng cử",
    "đề nghị",
    "xét",
    "plans to",
    "plan to",
    "aims to",
    "aim to",
    "hopes to",
    "bid",
    "apply",
    "applying",
    "application",
    "yet to",
    "will",
    "would",
    "seeks",
    "prepare",
    "preparing",
)
# Other UNESCO titles: a city named with these in its clause (and no network there) is not thereby
# a member of the learning-cities network.
OTHER_TITLES: tuple[str, ...] = (
    "sáng tạo",
    "di sản",
    "vì hòa bình",
    "creative",
    "heritage",
    "city of peace",
    "city of design",
    "city of literature",
    "city of music",
    "city of gastronomy",
    "city of crafts",
    "city of film",
)
# A city right after these words is where something happens, not a member ("tại TP Cao Lãnh").
PLACE_BEFORE: tuple[str, ...] = ("tại", "ở", "in", "at", "to", "từ", "from", "visit", "visited")
# A later sentence naming cities after an announcement: "trong đó có Hà Nội", "the newcomers
# include Nanjing", "danh sách lần này có Bangkok".
LIST_CUES: tuple[str, ...] = (
    "trong đó",
    "trong số đó",
    "danh sách",
    "gồm",
    "bao gồm",
    "như",
    "include",
    "includes",
    "including",
    "among",
    "newcomers",
    "such as",
)
# Words that tie a membership stated without a date to the announcement ("vừa được kết nạp").
JUST: tuple[str, ...] = ("vừa", "mới", "chính thức", "newly", "new", "just", "latest")
# How many sentences after an announcement a list of its cities may come.
LIST_WINDOW = 4
# Clause boundaries for dates: a date belongs to the cities of its own clause.
CLAUSE_BREAKS = ";"
# After a city that opens the sentence: a dateline ("JUBAIL —", "Paris (VNA) –", "HÀ NỘI,").
DATELINE = r"\s*(?:\([^()]{1,12}\)\s*)?[—–-]"
# Ordinals of a city in its country ("thành phố thứ 6", "the fifth Vietnamese city").
ORDINAL_WORDS: tuple[tuple[str, int], ...] = (
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("nhất", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
)
# "thành phố thứ 6", "thành phố thứ 4 và thứ 5" (respectively, in the order of the cities).
ORDINAL_VI = r"(?i:thành phố|đô thị)\s+thứ\s+(?P<n>\w+)(?P<more>(?:\s*(?:,|và)\s*thứ\s+\w+)*)"
# "the fifth Vietnamese city to join", "its 5th member city".
ORDINAL_EN = (
    r"(?i:the|its)\s+(?P<n>\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth)\s+(?:[A-Z][a-z]+\s+)?(?:city|member)"
)
