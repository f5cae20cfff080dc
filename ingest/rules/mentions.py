"""Tables for :mod:`ingest.mentions`: heads, cues and titles of Vietnamese news language.

All words are compared by :func:`kg.text.tone_key` (case and tone placement ignored) unless a
row says ``cased``: then the first letter must be a capital (``Bộ`` a ministry, ``bộ`` a set).
"""

from __future__ import annotations

# Honorifics that introduce a person's name (2-4 capitalised syllables).
HONORIFICS: tuple[str, ...] = (
    "ông",
    "bà",
    "đồng chí",
    "TS",
    "TS.",
    "ThS",
    "ThS.",
    "PGS.TS",
    "PGS.TS.",
    "GS.TS",
    "GS.TS.",
    "PGS",
    "GS",
    "Tiến sĩ",
    "Thạc sĩ",
    "nhà giáo",
    "NGƯT",
    "NGND",
    "nghệ sĩ",
    # "Đại sứ Nguyễn Thị Vân Anh, Trưởng Phái đoàn …": the form of address; the post follows.
    "Đại sứ",
)

# Titles (posts): a person's role in an organisation. Longest match wins.
TITLES: tuple[str, ...] = (
    "Bí thư",
    "Phó Bí thư",
    "Tổng Bí thư",
    "Bí thư Thường trực",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Phó Chủ tịch Thường trực",
    "Giám đốc",
    "Phó Giám đốc",
    "Tổng Giám đốc",
    "Phó Tổng Giám đốc",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ tướng",
    "Phó Thủ tướng",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Viện trưởng",
    "Phó Viện trưởng",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Chủ nhiệm",
    "Phó Chủ nhiệm",
    "Trưởng đại diện",
    "Tổng Thư ký",
    "Tổng thư ký",
    "Giám đốc điều hành",
    "Giám đốc Quốc gia",
    "Phó Giám đốc Thường trực",
    "Phó Bí thư Thường trực",
    "Trợ lý Tổng Giám đốc",
    "Vụ trưởng",
    "Phó Vụ trưởng",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Trưởng Bộ phận",
    "Phó Trưởng Bộ phận",
    "Trưởng Phái đoàn",
    "Phó Trưởng Phái đoàn",
    "Trưởng Văn phòng",
    "Thị trưởng",
    "Phó Thị trưởng",
    "Ủy viên Thư ký",
    "Đại diện thường trực",
    # "bà X, đại diện UIL": one who speaks for an organisation (after a name only).
    "đại diện",
)
# Titles whose post is held in a city, not an organisation: "Phó Thị trưởng thành phố Okayama".
CITY_TITLES: frozenset[str] = frozenset({"Thị trưởng", "Phó Thị trưởng"})
# Titles read only in apposition, right after a name and a comma ("bà X, đại diện UIL"); before
# a name or elsewhere they are common words ("đại diện Sở GD-ĐT, …").
APPOSITION_ONLY_TITLES: frozenset[str] = frozenset({"đại diện"})
# A unit inside an organisation between a title and the organisation: "Trưởng Bộ phận Giáo dục,
# Văn phòng UNESCO tại Hà Nội", "Trưởng Ban Giáo dục Văn phòng UNESCO …": at most this many words,
# the first capitalised, none a word that ends names, with at most one comma.
POST_UNIT_MAX_WORDS = 4

# Organisation heads: (head, cased, may extend to a place: "Văn phòng khu vực UNESCO tại Bangkok").
ORG_HEADS: tuple[tuple[str, bool, bool], ...] = (
    ("Bộ", True, False),
    ("Sở", True, False),
    ("Phòng", True, False),
    ("Trường", True, False),
    ("Viện", True, False),
    ("Trung tâm", True, False),
    ("Hội", True, False),
    ("Hội đồng", True, False),
    ("Vụ", True, False),
    ("Cục", True, False),
    ("Học viện", True, False),
    ("Đại học", True, False),
    ("Phái đoàn", True, True),
    ("Văn phòng", False, True),
    ("Ủy ban nhân dân", False, True),
    ("UBND", False, True),
    ("HĐND", False, True),
    ("Ủy ban", True, True),
    ("Thành ủy", False, True),
    ("Tỉnh ủy", False, True),
    ("Tỉnh đoàn", True, True),
    ("Thành đoàn", True, True),
    ("Quận ủy", False, True),
    ("Huyện ủy", False, True),
    ("Ban chỉ đạo", False, True),
    ("Ban Thường vụ", True, True),
    ("Mạng lưới", False, False),
)

# Heads whose name may begin with a common-noun description before its place or proper name:
# (head, most lower-case words). "Ban Chỉ đạo xây dựng xã hội học tập TP Vinh", "Phái đoàn đại
# diện thường trực Việt Nam bên cạnh UNESCO".
ORG_DESCRIPTOR_WORDS: tuple[tuple[str, int], ...] = (("Ban chỉ đạo", 8), ("Phái đoàn", 4))
# "Văn phòng UNESCO tại Hà Nội": the place an office is in ends its name (heads marked so above).
ORG_AT_WORDS: tuple[str, ...] = ("tại",)
# "Phái đoàn … bên cạnh UNESCO": the organisation a delegation is accredited to.
ORG_BESIDE_WORDS: tuple[str, ...] = ("bên cạnh",)

# Abbreviations inside organisation names, with what they stand for: (abbreviation, expansion,
# expanded in the entity's own name). "Bộ GD-ĐT" is found in the reference as "Bộ Giáo dục và Đào
# tạo"; "Sở GD-ĐT Nghệ An", "Sở GDĐT Nghệ An" and "Sở GD&ĐT Nghệ An" are one organisation named
# "Sở Giáo dục và Đào tạo Nghệ An", each written form a skos:altLabel. UBND, HĐND and TP are
# the usual written form of their names and stay (their expansions are tried in the reference).
ORG_ABBREVIATIONS: tuple[tuple[str, str, bool], ...] = (
    ("GD-ĐT", "Giáo dục và Đào tạo", True),
    ("GD&ĐT", "Giáo dục và Đào tạo", True),
    ("GDĐT", "Giáo dục và Đào tạo", True),
    ("GD và ĐT", "Giáo dục và Đào tạo", True),
    ("VH-TT&DL", "Văn hóa, Thể thao và Du lịch", True),
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội", True),
    ("TT&TT", "Thông tin và Truyền thông", True),
    ("KH&CN", "Khoa học và Công nghệ", True),
    ("UBND", "Ủy ban nhân dân", False),
    ("HĐND", "Hội đồng nhân dân", False),
    ("TW", "Trung ương", False),
    ("TP", "thành phố", False),
)

# An organisation named without its place is the one of the place the article is about:
# "Chủ tịch UBND tỉnh" (the province's), "Phó Bí thư Thành ủy" (the city's). (head or admin word,
# kind of place). District words are left out: the reference has no districts.
ORG_SCOPES: tuple[tuple[str, str], ...] = (
    ("tỉnh", "province"),
    ("thành phố", "city"),
    ("TP", "city"),
    ("Thành ủy", "city"),
    ("Tỉnh ủy", "province"),
    ("Tỉnh đoàn", "province"),
    ("Thành đoàn", "city"),
)
# A department named without its place ("đại diện Sở GD-ĐT, …") is the article's province's:
# every Sở is a department of a province or a centrally-run city.
PLACELESS_SCOPES: tuple[tuple[str, str], ...] = (("Sở", "province"),)
# Words that introduce a place inside an organisation's name: "UBND thành phố Cần Thơ".
ADMIN_WORDS: tuple[str, ...] = ("thành phố", "tỉnh", "quận", "huyện", "thị xã", "TP", "TP.", "Tp")
# A connector inside a title-case name when a capitalised word follows: "Giáo dục và Đào tạo".
NAME_CONNECTORS: tuple[str, ...] = ("và", ",", "-", "&")
# "… của Thái Lan": an owner country after an organisation's name.
OWNER_WORDS: tuple[str, ...] = ("của",)

# Event heads: (head, class, cased, generic). A generic head ("phiên thảo luận song song")
# names a part of the article's main event; "Cuộc họp" is only ever a short form.
EVENT_HEADS: tuple[tuple[str, str, bool, bool], ...] = (
    ("Hội nghị", "Conference", False, False),
    ("hội nghị tổng kết", "Conference", False, False),
    ("hội nghị sơ kết", "Conference", False, False),
    ("Hội thảo", "Workshop", False, False),
    ("Diễn đàn", "Conference", False, False),
    ("Tọa đàm", "Workshop", False, False),
    ("Tuần lễ", "Campaign", False, False),
    ("Lễ hội", "Event", True, False),
    ("Lễ", "Ceremony", True, False),
    ("lễ khai mạc", "Ceremony", False, False),
    ("lễ bế mạc", "Ceremony", False, False),
    ("lễ phát động", "Ceremony", False, False),
    ("lễ trao", "Ceremony", False, False),
    ("lễ đón nhận", "Ceremony", False, False),
    ("lễ vinh danh", "Ceremony", False, False),
    ("lễ công bố", "Ceremony", False, False),
    ("lễ ra mắt", "Ceremony", False, False),
    ("lễ kỷ niệm", "Ceremony", False, False),
    ("lễ tuyên dương", "Ceremony", False, False),
    ("ngày hội", "Event", False, False),
    ("Cuộc họp", "Conference", False, False),
    ("buổi lễ", "Ceremony", False, False),
    ("Sự kiện", "Event", True, False),
    ("phiên thảo luận", "Session", False, True),
    ("phiên họp", "Session", False, True),
    ("phiên toàn thể", "Session", False, True),
)
# Heads that never carry a name of their own ("Cuộc họp quy tụ …" = the conference).
SHORT_FORM_EVENT_HEADS: frozenset[str] = frozenset({"cuộc họp", "buổi lễ", "sự kiện"})
# Short forms that stand for the article's main event whatever its class: "Sự kiện diễn ra …"
# (capitalised only: a lower-case "sự kiện trực tuyến" is an event not yet named).
MAIN_EVENT_SHORT_FORMS: frozenset[str] = frozenset({"sự kiện"})
# Lower-case words that end an event's name ("Hội nghị … đang diễn ra", "… tại Bangkok").
EVENT_NAME_STOPS: frozenset[str] = frozenset(
    {
        "tại",
        "ở",
        "được",
        "đã",
        "đang",
        "sẽ",
        "là",
        "nhằm",
        "với",
        "vào",
        "do",
        "cũng",
        "này",
        "đó",
        "có",
        "quy",
        "thu",
        "diễn",
        "khai",
        "bế",
        "kết",
        "bắt",
        "từ",
        "trong",
        "và",
        "để",
        "sau",
        "trước",
        "khi",
        "thì",
        "theo",
        "cho",
        "ngày",
        "năm",
        "tháng",
        "sáng",
        "chiều",
        "tối",
        "trình",
        "chia",
        "phát",
        "dẫn",
        "gồm",
        "như",
        "vừa",
        "hôm",
        "góp",
        "thực",
        "hướng",
        "đạt",
        "thúc",
        "tăng",
        "nâng",
        "đẩy",
        "tiếp",
        "bàn",
        "tạo",
        "mở",
        "kêu",
        "kéo",
        "đến",
        "chưa",
    }
)
# Punctuation allowed inside a name ("ASEAN+3", "ASEAN-Nhật Bản").
# Time words that stay inside an event's name after a number: a duration ("sơ kết ba năm thực
# hiện …", "tổng kết 10 năm …"), not a date ("năm 2024" ends it).
EVENT_NAME_DURATION_WORDS: frozenset[str] = frozenset({"năm", "tháng"})
# and what the duration was spent on, though these words end a name elsewhere.
EVENT_NAME_AFTER_DURATION: frozenset[str] = frozenset({"thực", "triển", "khai"})
NAME_PUNCT: frozenset[str] = frozenset({"+", "-", "&"})
EVENT_NAME_MAX_TOKENS = 20
# A lower-case modifier of a generic head: "phiên thảo luận song song", "phiên họp toàn thể".
GENERIC_MODIFIER_MAX_TOKENS = 2
# Plural or quantifying words before a head: "các phiên thảo luận" is not one event.
PLURAL_WORDS: frozenset[str] = frozenset(
    {"các", "những", "nhiều", "mọi", "mỗi", "một", "hai", "ba"}
)

# Initiative cues: (cue, class, unquoted capitalised names allowed after it).
INITIATIVE_CUES: tuple[tuple[str, str, bool], ...] = (
    ("cuộc thi", "ContestInitiative", False),
    ("mô hình", "LearningSpaceModel", True),
    ("phương pháp", "Method", True),
    ("đề án", "Programme", False),
    ("chương trình", "Programme", False),
    ("dự án", "Programme", False),
    ("sáng kiến", "Programme", False),
    ("phong trào", "Movement", False),
    ("cuộc vận động", "Movement", False),
    ("chính sách", "Policy", False),
)
# Words allowed between a cue and its quoted name: "phong trào thi đua “…”".
CUE_FILLER_MAX_TOKENS = 3
# Window after a cue in which an unquoted capitalised name is looked for.
CUE_WINDOW_TOKENS = 12
# Words that end an unquoted initiative name: "Lau Lau Learning từ Phần Lan".
INITIATIVE_NAME_STOPS: frozenset[str] = frozenset(
    {"từ", "tại", "của", "với", "để", "do", "được", "trong", "ở", "cho", "đã", "đang", "sẽ", "là"}
)
# "Thành phố đã thành lập 35 câu lạc bộ văn hóa Thái": a counted thing a city sets up is an
# initiative when its head is one of these (head, class); its name is the head and the words after
# it, up to a stop word. A club or a model is a place where people meet to learn.
FOUNDED_HEADS: tuple[tuple[str, str], ...] = (
    ("câu lạc bộ", "LearningSpaceModel"),
    ("mô hình", "LearningSpaceModel"),
    ("tủ sách", "LearningSpaceModel"),
    ("thư viện", "LearningSpaceModel"),
    ("điểm đọc sách", "LearningSpaceModel"),
)
FOUNDING_VERBS: tuple[str, ...] = ("thành lập", "ra mắt", "khai trương", "xây dựng")
# Words allowed between the verb and the count: "thành lập được 35", "thành lập thêm 12",
# "xây dựng hơn 20".
FOUNDING_FILLERS: frozenset[str] = frozenset(
    {"được", "mới", "thêm", "hơn", "gần", "khoảng", "trên", "tổng", "cộng"}
)
# At least one and at most this many words name the thing after its head ("văn hóa Thái").
FOUNDED_NAME_MAX_TOKENS = 4
# Words that end the name of a founded thing: "câu lạc bộ văn hóa Thái để giữ gìn …".
FOUNDED_NAME_STOPS: frozenset[str] = frozenset(
    {
        "để",
        "nhằm",
        "và",
        "hoặc",
        "tại",
        "ở",
        "với",
        "cho",
        "của",
        "thuộc",
        "trên",
        "trong",
        "từ",
        "này",
        "đó",
        "mới",
        "giúp",
        "gồm",
        "có",
        "là",
        "được",
        "đã",
        "đang",
        "sẽ",
        "do",
        "khắp",
    }
)
# "Mô hình câu lạc bộ này", "các câu lạc bộ đó": a head and a demonstrative refer back to the
# thing founded earlier in the article with that head; the cue before the head is optional.
BACK_REFERENCE_CUES: tuple[str, ...] = ("mô hình",)
# ("trên" is left out: "câu lạc bộ trên địa bàn" is "in the area", not "the clubs above").
DEMONSTRATIVES: frozenset[str] = frozenset({"này", "đó"})

QUOTES: tuple[tuple[str, str], ...] = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))

# Short forms that refer back to an entity already named in the article.
# (words, kind): bare "thành phố" = the article's city, bare "Mạng lưới" = the network named.
SHORT_FORMS: tuple[tuple[str, str], ...] = (("thành phố", "city"), ("TP", "city"))
# A short form is not a reference when preceded or followed by these words
# ("các thành phố", "thành phố học tập", "thành phố thứ 5", "cấp thành phố").
SHORT_FORM_NOT_AFTER: frozenset[str] = frozenset(
    {
        "các",
        "những",
        "một",
        "mọi",
        "mỗi",
        "cấp",
        "nhiều",
        "giữa",
        "hai",
        "ba",
        "vài",
        "trở",
        "thành",
        "thủ",
        "đô",
        "tỉnh",
    }
)
SHORT_FORM_NOT_BEFORE: frozenset[str] = frozenset(
    {
        "học",
        "thứ",
        "đầu",
        "khu",
        "khác",
        "đồng",
        "trong",
        "lớn",
        "nhỏ",
        "trực",
        "thông",
        "xanh",
        "kết",
        "mới",
        "và",
        "hay",
        "hoặc",
        "của",
        "thuộc",
        "ở",
        "tại",
        "này",
        "đó",
        "sáng",
        "thân",
        "biển",
        "cảng",
        "du",
        "văn",
        "toàn",
        "đáng",
    }
)

# "SDG 4", "SDGs"; "Mục tiêu phát triển bền vững" = the goals in general.
SDG_PATTERN = r"\bSDG\s?(\d{1,2})\b"
SDG_GENERAL: tuple[str, ...] = ("Mục tiêu phát triển bền vững", "các Mục tiêu phát triển bền vững")

# Common Vietnamese family names: where a place name ends and a person's name begins in
# "UBND quận Tây Hồ Bùi Thị Lan Phương".
SURNAMES: frozenset[str] = frozenset(
    {
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Hà",
        "Đào",
        "Đinh",
        "Mai",
        "Trịnh",
        "Lương",
        "Tô",
        "Lâm",
        "Cao",
        "Kiều",
        "Tạ",
        "Triệu",
        "Chu",
        "Quách",
        "Đoàn",
        "Vương",
        "Tăng",
        "Lưu",
        "Hứa",
        "Tôn",
        "Nông",
        "Lò",
        "Mạc",
        "Khổng",
        "Thái",
        "Châu",
        "Văn",
        "Lại",
        "Giang",
        "Phùng",
        "Trương",
    }
)

# --- English news of the same genre (applied to articles whose language is "en") ------------------
# English rows are cased: an honorific, a title or an organisation head is written with a capital.

HONORIFICS_EN: tuple[str, ...] = (
    "Mr",
    "Mr.",
    "Ms",
    "Ms.",
    "Mrs",
    "Mrs.",
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Professor",
    "Assoc. Prof.",
    "Assoc Prof",
    "Associate Professor",
)

# Titles (posts), before a name ("UNESCO Director-General Audrey Azoulay") or in apposition after
# it ("Soohyun Kim, Director of UNESCO Bangkok"). Longest match wins.
TITLES_EN: tuple[str, ...] = (
    "Director-General",
    "Deputy Director-General",
    "Assistant Director-General",
    "Director General",
    "Deputy Director General",
    "Director",
    "Deputy Director",
    "Executive Director",
    "Chairman",
    "Vice Chairman",
    "Vice-Chairman",
    "Chairwoman",
    "Vice Chairwoman",
    "Vice-Chairwoman",
    "Chairperson",
    "President",
    "Vice President",
    "Vice-President",
    "Minister",
    "Deputy Minister",
    "Vice Minister",
    "Secretary",
    "Permanent Secretary",
    "Deputy Secretary",
    "Secretary-General",
    "Secretary General",
    "Ambassador",
    "Head",
    "Deputy Head",
    "Chief",
    "Mayor",
    "Deputy Mayor",
    "Vice Mayor",
    "Governor",
    "Deputy Governor",
    "Representative",
    "Chief Representative",
    "Permanent Delegate",
    "Rector",
    "Principal",
)

# Organisation heads: a run of capitalised words (joined by ORG_CONNECTORS_EN) that holds one of
# these is an organisation's name ("Son La City People's Committee", "Royal Commission for Jubail
# and Yanbu", "Department of Education and Training"). "Centre" is left out: a learning centre is
# where things happen, rarely an actor.
ORG_HEADS_EN: frozenset[str] = frozenset(
    {
        "Ministry",
        "Department",
        "Committee",
        "Commission",
        "Office",
        "Institute",
        "Delegation",
        "Unit",
        "Administration",
        "Library",
        "Association",
        "Council",
        "University",
        "College",
        "Bureau",
        "Agency",
        "Section",
        "Fund",
        "Foundation",
        "Federation",
        "Authority",
        "Secretariat",
        "Union",
    }
)
# Lower-case words inside an English name when a capitalised word follows ("Ministry of Foreign
# Affairs", "Permanent Delegation of Viet Nam to UNESCO").
ORG_CONNECTORS_EN: frozenset[str] = frozenset({"of", "and", "for", "on", "to", "&", "-"})
# "of the", "for the": an article allowed after a connector.
ORG_ARTICLES_EN: frozenset[str] = frozenset({"the"})
# "UNESCO Office in Viet Nam": a place after this word ends an organisation's name whose last head
# is one of ORG_PLACE_HEADS_EN ("the Ministry of Foreign Affairs in Hanoi" is where it met).
ORG_PLACE_WORDS_EN: frozenset[str] = frozenset({"in"})
ORG_PLACE_HEADS_EN: frozenset[str] = frozenset({"Office", "Bureau", "Delegation", "Embassy"})
# Words before an English name that are not part of it ("The Thua Thien Hue Provincial …").
NAME_ARTICLES_EN: frozenset[str] = frozenset({"the", "a", "an"})

# English event heads: (head, class, generic). A capitalised head inside a capitalised run names
# an event ("ASEAN+3 Regional Learning Cities Conference", "International Conference on Learning
# Cities", "Lifelong Learning Week 2024"); a lower-case one refers back ("the conference", "the
# week"), or, when generic, names a part of the main event by its modifiers ("a parallel session",
# "the opening ceremony").
EVENT_HEADS_EN: tuple[tuple[str, str, bool], ...] = (
    ("Conference", "Conference", False),
    ("Forum", "Conference", False),
    ("Summit", "Conference", False),
    ("Congress", "Conference", False),
    ("Meeting", "Conference", False),
    ("Workshop", "Workshop", True),
    ("Seminar", "Workshop", True),
    ("Webinar", "Workshop", True),
    ("Ceremony", "Ceremony", True),
    ("Week", "Campaign", False),
    ("Festival", "Event", False),
    ("Session", "Session", True),
)
# A quoted title right after these heads names the event: 'an online event, "Empowering …"'.
QUOTED_EVENT_HEADS_EN: tuple[tuple[str, str], ...] = (
    ("event", "Event"),
    ("conference", "Conference"),
    ("forum", "Conference"),
    ("webinar", "Workshop"),
)
# "the sixth International Conference on Learning Cities": an ordinal before a name is part of it.
ORDINAL_WORDS_EN: frozenset[str] = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)
# Connectors inside an English event name ("Conference on Learning Cities").
EVENT_CONNECTORS_EN: frozenset[str] = frozenset({"on", "of", "for", "and", "in", "&", "-", "+"})
# Words before a lower-case head that are not its modifiers ("held a ceremony", "a short
# ceremony", "one of the conference's parallel sessions").
EVENT_MODIFIER_STOPS_EN: frozenset[str] = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "its", "their", "his", "her", "our", "each",
        "every", "one", "such", "another", "which", "whose", "of", "at", "in", "on", "to", "by",
        "for", "from", "with", "and", "or", "s", "short", "brief", "small", "big", "large",
        "major", "solemn", "grand", "formal", "special", "online", "biennial", "annual", "recent",
        "next", "first", "latest", "same", "whole", "last", "high", "level", "held", "hold",
        "during", "after", "before", "international", "regional",
    }
)  # fmt: skip
EVENT_MODIFIER_MAX_TOKENS_EN = 2
# Capitalised words that end an English event name: "Lifelong Learning Week 2024 on October 1".
EVENT_NAME_STOPS_EN: frozenset[str] = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday",
    }
)  # fmt: skip
PLURAL_WORDS_EN: frozenset[str] = frozenset({"several", "many", "two", "three", "all", "both"})

# A department is part of the People's Committee of the place its name ends with: "Sở GD-ĐT Nghệ
# An" of "UBND tỉnh Nghệ An", "Phòng Giáo dục và Đào tạo TP Sa Đéc" of "UBND TP Sa Đéc", "the
# Department of Education and Training of Thua Thien Hue" of "the Thua Thien Hue Provincial People's
# Committee" (org:subOrganizationOf) — when the article names that committee too.
DEPARTMENT_HEADS: tuple[str, ...] = ("sở", "phòng", "department", "departments")
COMMITTEE_HEADS: tuple[str, ...] = (
    "ubnd",
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "people's committee",
    "people’s committee",
)
