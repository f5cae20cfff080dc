from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.model import ArticleMeta
from ingest.segment import segment
from tests.ingest._ingest_helpers import ARTICLES, SEEDS


def _split(text: str) -> list[str]:
    return [s.text for s in segment(clean("x", text, ArticleMeta()))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TP.HCM có 99,40% học sinh đỗ. Đà Nẵng cũng vậy.",
            ["TP.HCM có 99,40% học sinh đỗ.", "Đà Nẵng cũng vậy."],
        ),
        ("Tại TP. Hồ Chí Minh, hơn 1.200 người dự.", ["Tại TP. Hồ Chí Minh, hơn 1.200 người dự."]),
        ("Ông nói: “Rất tốt.” Sau đó ông về.", ["Ông nói: “Rất tốt.”", "Sau đó ông về."]),
        (
            "Tiêu đề không có dấu chấm\nThân bài. Câu hai!",
            ["Tiêu đề không có dấu chấm", "Thân bài.", "Câu hai!"],
        ),
        ("Theo PGS. Trần Văn A, con số là 15,5%.", ["Theo PGS. Trần Văn A, con số là 15,5%."]),
        (
            "Chiều 12/9, PGS.TS. Trần Văn A trình bày.",  # stacked academic titles
            ["Chiều 12/9, PGS.TS. Trần Văn A trình bày."],
        ),
        ("Đến năm 2030. giai đoạn sau còn dài.", ["Đến năm 2030. giai đoạn sau còn dài."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_offsets_are_exact_over_the_seeds(seed: str) -> None:
    article = clean(seed, (ARTICLES / f"{seed}.txt").read_text(encoding="utf-8"), ArticleMeta())
    sentences = segment(article)
    assert len(sentences) > 10
    for s in sentences:
        assert article.text[s.begin : s.end] == s.text and s.text == s.text.strip()
    assert [s.index for s in sentences] == list(range(len(sentences)))
