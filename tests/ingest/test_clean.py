from __future__ import annotations

import pytest

from ingest.clean import clean, removed_lines_by_rule
from ingest.model import ArticleMeta
from kg.text import nfc
from tests.ingest._ingest_helpers import ARTICLES, SEEDS

META = ArticleMeta()


def test_breadcrumb_footer_and_related_block_are_cut() -> None:
    raw = (
        "Trang chủVăn hóa - Xã hộiGiáo dụcCần Thơ học tập...\n\nCần Thơ xây dựng thành phố học tập.\n"
        "Nguồn: https://example.org/a\n\nCùng chủ đề\n\nÔng Nguyễn Văn A nói.\n\nMới nhất\nTin khác."
    )
    article = clean("x", raw, META)
    assert article.text == "Cần Thơ xây dựng thành phố học tập."
    assert removed_lines_by_rule(article) == {
        "breadcrumb": 1,
        "related-block": 4,
        "source-footer": 1,
    }


def test_near_duplicate_captions_keep_the_first() -> None:
    raw = (
        "Đoàn đại biểu của thành phố Vinh tham dự Hội nghị.\n"
        "Các đại biểu của thành phố Vinh tham dự Hội nghị.\n\nThân bài khác hẳn."
    )
    article = clean("x", raw, META)
    assert article.text.splitlines() == [
        "Đoàn đại biểu của thành phố Vinh tham dự Hội nghị.",
        "Thân bài khác hẳn.",
    ]
    assert removed_lines_by_rule(article) == {"duplicate-caption": 1}


def test_duplicates_compare_tone_placement_insensitively() -> None:
    article = clean("x", "Bí thư thành uỷ phát biểu.\nBí thư thành ủy phát biểu.", META)
    assert article.text == "Bí thư thành uỷ phát biểu."


def test_nfc_and_offset_map_point_back_to_raw() -> None:
    raw = "  Tha\u0300nh phố Hu\u1ebf.\n\nNguồn\n"
    article = clean("x", raw, META)
    assert article.text == nfc("Thành phố Huế.")
    assert (
        article.raw[article.raw_offset(0) : article.raw_offset(len(article.text))] == article.text
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_every_kept_segment_is_a_verbatim_copy(seed: str) -> None:
    article = clean(seed, (ARTICLES / f"{seed}.txt").read_text(encoding="utf-8"), META)
    for seg in article.segments:
        assert (
            article.raw[seg.raw_begin : seg.raw_begin + seg.length]
            == article.text[seg.clean_begin : seg.clean_begin + seg.length]
        )
    for removal in article.removals:
        assert article.raw[removal.raw_begin : removal.raw_end] == removal.text


def test_seed_related_blocks_are_gone() -> None:
    article = clean(SEEDS[1], (ARTICLES / f"{SEEDS[1]}.txt").read_text(encoding="utf-8"), META)
    for name in ("Tô Lâm", "Bùi Thị Lan Phương", "Baoquocte.vn", "Trang chủ", "Cùng chủ đề"):
        assert name not in article.text
    assert article.text.count("Ông Hà Trung Chiến, Bí thư thành uỷ") == 1
    counts = removed_lines_by_rule(article)
    assert counts["related-block"] > 40 and counts["duplicate-caption"] >= 5


def test_near_duplicate_bounds_agree_with_difflib() -> None:
    """The cheap bounds in front of difflib's ratio never change its verdict."""
    import random
    from difflib import SequenceMatcher

    from ingest.clean import _lcs_length, _similar
    from ingest.rules.clean import NEAR_DUPLICATE_RATIO

    rng = random.Random(7)
    for _ in range(2000):
        a = "".join(rng.choice("aăbc ") for _ in range(rng.randint(1, 24)))
        b = "".join(rng.choice("aăbc ") for _ in range(rng.randint(1, 24)))
        ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert _similar(a, b) == (a == b or ratio >= NEAR_DUPLICATE_RATIO), (a, b)
        table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                table[i + 1][j + 1] = (
                    table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
                )
        assert _lcs_length(a, b) == table[-1][-1], (a, b)


def test_text_key_is_tone_key() -> None:
    from ingest.tokens import text_key
    from kg.text import tone_key

    for seed in SEEDS:
        for line in (ARTICLES / f"{seed}.txt").read_text(encoding="utf-8").splitlines():
            assert text_key(line) == tone_key(line)
