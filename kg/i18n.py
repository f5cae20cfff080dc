"""UI language: the message table (vi/en) and how a request's language is chosen.

Order: a valid ``?lang=`` parameter (remembered in a cookie), then the ``lang`` cookie, then
``Accept-Language``, then Vietnamese (the language of the sources).

>>> choose_lang(None, None, "en-GB,en;q=0.8")
'en'
>>> choose_lang("xx", None, "vi")
'vi'
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
COOKIE = "lang"

MESSAGES: dict[str, tuple[str, str]] = {  # key: (vi, en)
    "site": ("Đồ thị tri thức Thành phố học tập", "Learning Cities Knowledge Graph"),
    "search": ("Tìm kiếm", "Search"),
    "search_placeholder": ("Tìm thành phố, người, sự kiện…", "Search cities, people, events…"),
    "types": ("Loại", "Types"),
    "properties": ("Thuộc tính", "Properties"),
    "incoming": ("Liên kết đến", "Incoming links"),
    "facts": ("Dữ kiện và nguồn", "Facts and sources"),
    "source": ("Nguồn", "Source"),
    "read_in_article": ("Đọc trong bài", "Read in the article"),
    "same_as": ("Cùng thực thể ở nơi khác", "Same thing elsewhere"),
    "downloads": ("Tải về", "Downloads"),
    "query_sparql": ("Truy vấn bằng SPARQL", "Query this in SPARQL"),
    "mentioned": ("Được nhắc đến", "Mentioned"),
    "times_in": ("lần, trong", "times, in"),
    "memberships": ("Tư cách thành viên", "Memberships"),
    "events": ("Sự kiện", "Events"),
    "initiatives": ("Sáng kiến", "Initiatives"),
    "statistics": ("Số liệu", "Statistics"),
    "timeline": ("Dòng thời gian", "Timeline"),
    "timeline_none_here": (
        "Trang này không có thêm mốc thời gian nào.",
        "No further dated items on this page.",
    ),
    "participations": ("Tham dự", "Participations"),
    "posts": ("Chức vụ", "Posts"),
    "date": ("Thời gian", "Date"),
    "place": ("Địa điểm", "Place"),
    "organisers": ("Đơn vị tổ chức", "Organisers"),
    "participants": ("Người tham dự", "Participants"),
    "sub_events": ("Sự kiện con", "Sub-events"),
    "part_of": ("Thuộc sự kiện", "Part of"),
    "addressed_by": ("Được hướng tới bởi", "Addressed by"),
    "article_text": ("Nội dung (đã làm sạch)", "Cleaned text"),
    "facts_here": ("Dữ kiện từ câu này", "Facts from this sentence"),
    "removed": ("Phần bộ làm sạch đã lược bỏ", "What the cleaner removed"),
    "lines": ("dòng", "lines"),
    "set_aside": ("Dữ kiện bị gạt ra", "Facts set aside"),
    "set_aside_note": (
        "Bộ trích xuất tìm thấy các dữ kiện này nhưng không đưa vào đồ thị vì chúng vi phạm một "
        "ràng buộc (hoặc đã sửa bằng cách bỏ một giá trị).",
        "The extractor found these facts but kept them out of the graph because they break a "
        "shape (or repaired them by taking one value off).",
    ),
    "dropped": ("đã bỏ", "dropped"),
    "repaired": ("đã sửa", "repaired"),
    "published": ("Ngày đăng", "Published"),
    "original": ("Bài gốc", "Original article"),
    "results": ("kết quả", "results"),
    "no_results": ("Không có kết quả.", "No results."),
    "search_stale": (
        "Chỉ mục tìm kiếm đang được cập nhật sau một thay đổi gần đây; kết quả có thể chưa "
        "phản ánh thay đổi đó.",
        "The search index is being updated after a recent change; the results may not "
        "reflect it yet.",
    ),
    "previous": ("Trước", "Previous"),
    "next": ("Sau", "Next"),
    "page": ("Trang", "Page"),
    "passage": ("Câu", "Passage"),
    "home_intro": (
        "Các thành phố học tập của UNESCO ở Đông Nam Á, rút ra từ báo chí tiếng Việt: "
        "thành phố, sự kiện, con người, sáng kiến và Mục tiêu phát triển bền vững, mỗi dữ kiện "
        "dẫn về câu văn nêu ra nó.",
        "UNESCO learning cities in South-East Asia, drawn from Vietnamese news: cities, events, "
        "people, initiatives and the Sustainable Development Goals, every fact traceable to the "
        "sentence that states it.",
    ),
    "counts": ("Số lượng theo loại", "Counts per class"),
    "articles": ("Bài báo", "Articles"),
    "sdg_coverage": ("Các SDG được đề cập", "SDG coverage"),
    "tools": ("Công cụ", "Tools"),
    "editor": ("Trình soạn SPARQL", "SPARQL editor"),
    "examples": ("Truy vấn mẫu", "Example queries"),
    "void": ("Mô tả tập dữ liệu (VoID)", "Dataset description (VoID)"),
    "dumps": ("Bản tải toàn bộ", "Dumps"),
    "ontology": ("Bộ từ vựng", "Ontology"),
    "classes": ("Lớp", "Classes"),
    "property_list": ("Thuộc tính", "Properties"),
    "uses": ("lượt dùng", "uses"),
    "domain": ("Miền", "Domain"),
    "range": ("Miền giá trị", "Range"),
    "or": ("hoặc", "or"),
    "label": ("Nhãn", "Label"),
    "comment": ("Chú thích", "Comment"),
    "instances": ("thực thể", "instances"),
    "not_found_hint": ("Có thể bạn tìm:", "Perhaps you meant:"),
    "language": ("Ngôn ngữ", "Language"),
    "more": ("và còn nữa…", "and more…"),
}


def choose_lang(param: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The UI language for a request; an unknown value is ignored, never an error."""
    for value in (param, cookie):
        if value and value.strip().lower() in LANGS:
            return value.strip().lower()
    best, best_q = None, -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = primary, q
    return best or DEFAULT_LANG


def translator(lang: str) -> Callable[[str], str]:
    index = 0 if lang == "vi" else 1

    def t(key: str) -> str:
        pair = MESSAGES.get(key)
        return pair[index] if pair else key

    return t
