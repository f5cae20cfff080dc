"""Tables for :mod:`ingest.clean`: site chrome and blocks that are not the article."""

from __future__ import annotations

# (rule id, regular expression over one stripped line): the line alone is removed.
LINE_RULES: tuple[tuple[str, str], ...] = (
    # "Trang chủVăn hóa - Xã hội…": a breadcrumb glued to the first line of the page.
    ("breadcrumb", r"^Trang chủ(?:\S|\s*[›»>/|])"),
    ("breadcrumb", r"^Trang chủ$"),
    # "Nguồn", "Nguồn: https://…", "Nguồn: Báo …" footers.
    ("source-footer", r"^Nguồn\s*(?::.*)?$"),
    ("source-footer", r"^(?:Theo|Source)\s*:?\s*https?://\S+$"),
    ("photo-credit", r"^(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Video)\s*:\s*\S.{0,60}$"),
    ("share-buttons", r"^(?:Chia sẻ|Bình luận|Theo dõi|Lưu bài|In bài|Gửi bài)(?:\s*\(\d+\))?$"),
    # ">> Hà Nội công bố …", "» Kiến An ra mắt …", "XEM THÊM: …", "Read more: …": a link to
    # another story between paragraphs.
    ("teaser", r"^(?:>>|»|►|▶|→|■|\+\+)\s*\S"),
    (
        "teaser",
        r"^(?i:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more|related|see also|also read)"
        r"\s*[:：>»]",
    ),
    # A photo caption: "Ông X phát biểu tại buổi lễ. Ảnh: Báo Y", "… (Ảnh: Minh Anh)",
    # "Delegates at the opening. Photo: VNA", "Ảnh 2: …".
    (
        "photo-caption",
        r"(?:^|[\s(.])(?:Ảnh|Photo|Photos|Nguồn ảnh|Ảnh minh họa)\s*:\s*[^.:]{1,60}\)?\s*$",
    ),
    ("photo-caption", r"^(?:Ảnh|Photo|Hình)\s+\d+\s*[:.–-]"),
    ("tags", r"^(?i:tags?|từ khóa|từ khoá|chủ đề)\s*:"),
)
# A short line between paragraphs with no closing punctuation is a teaser headline, a subheading
# or a byline, never a sentence of the story: at most this many words.
HEADLINE_MAX_WORDS = 22
HEADLINE_RULE = "headline-line"
# The punctuation a sentence of the story ends with.
SENTENCE_END = '.!?…"”’»)'
# Headings of a box of links set inside the story ("Tin liên quan" and two or three headlines):
# the first of two lines in a row of at least BODY_MIN_WORDS words, ending as a sentence does,
# is the story again if the box has at most INLINE_BLOCK_MAX_LINES lines (a teaser's summary
# under its headline is one such line, not two). Every other heading opens the
# page's own blocks of other stories, which run to the end.
INLINE_BLOCK_HEADINGS: tuple[str, ...] = (
    "Tin liên quan",
    "Bài liên quan",
    "Bài viết liên quan",
    "Xem thêm",
    "Đọc thêm",
    "Related",
    "Read more",
    "Related news",
    "See also",
)
BODY_MIN_WORDS = 20
INLINE_BLOCK_MAX_LINES = 5

# Headings that open a block of other stories: the heading and everything after it is cut.
BLOCK_HEADINGS: tuple[str, ...] = (
    "Cùng chủ đề",
    "Cùng chuyên mục",
    "Cùng tác giả",
    "Tin cùng chuyên mục",
    "Tin liên quan",
    "Tin khác",
    "Bài viết liên quan",
    "Bài liên quan",
    "Nổi bật",
    "Tin nổi bật",
    "Mới nhất",
    "Tin mới nhất",
    "Bài đọc nhiều",
    "Đọc nhiều",
    "Xem nhiều",
    "Xem thêm",
    "Đọc thêm",
    "Có thể bạn quan tâm",
    "Tin đọc nhiều",
    "Related",
    "Read more",
    "Related news",
    "See also",
    "Most read",
    "Latest news",
    "More news",
)
BLOCK_RULE = "related-block"

# Consecutive captions that say the same thing: ratio over tone keys (difflib).
NEAR_DUPLICATE_RATIO = 0.8
NEAR_DUPLICATE_RULE = "duplicate-caption"
# A line that repeats an earlier kept line word for word (a title reused as a photo caption).
REPEATED_LINE_RULE = "repeated-line"
