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
)

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
)
BLOCK_RULE = "related-block"

# Consecutive captions that say the same thing: ratio over tone keys (difflib).
NEAR_DUPLICATE_RATIO = 0.8
NEAR_DUPLICATE_RULE = "duplicate-caption"
# A line that repeats an earlier kept line word for word (a title reused as a photo caption).
REPEATED_LINE_RULE = "repeated-line"
