"""The article metadata file (``<id>.toml``) and the article text as they are read."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ingest.api import IngestError, extract_file, read_meta, read_text
from tests.ingest._ingest_helpers import BASE, FIXTURE_ONTOLOGY

HEADLINE = "Thành phố Vinh đón nhận danh hiệu"
TEXT = "Thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu."


def _meta(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "a1.toml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    meta = read_meta(_meta(tmp_path, f'\ufeffheadline = "{HEADLINE}"\ndate_reference = "2024"\n'))
    assert meta.headline == HEADLINE
    assert meta.date_reference == "2024"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # $ matches before a final newline: these passed the date check
        ('headline = "Tin"\ndate_reference = "2024\\n"\n', r"a1\.toml:2: date_reference '2024\\n'"),
        ('headline = "Tin"\ndate_published = "2024-10-29\\n"\n', r"a1\.toml:2: date_published"),
        # not days of the calendar, or not ASCII digits
        ('headline = "Tin"\ndate_reference = "2024-13"\n', r"a1\.toml:2: date_reference '2024-13'"),
        ('headline = "Tin"\ndate_published = "2023-02-30"\n', r"a1\.toml:2: date_published '2023"),
        (
            'headline = "Tin"\ndate_reference = "٢٠٢٤"\n',
            r"a1\.toml:2: date_reference '٢٠٢٤' is not",
        ),
        # the headline is required (SHACL: every article has one); values are not blank
        ('url = "https://example.org/a"\n', r"a1\.toml: headline is required"),
        ('headline = "  "\n', r"a1\.toml:1: headline is empty"),
        ('headline = "Tin"\nurl = ""\n', r"a1\.toml:2: url is empty"),
        # formats: an absolute http(s) URL, a language tag, one line of text
        ('headline = "Tin"\nurl = "tuoitre.vn/a b"\n', r"a1\.toml:2: url 'tuoitre.vn/a b' is not"),
        (
            'headline = "Tin"\nlanguage = "tiếng Việt"\n',
            r"a1\.toml:2: language 'tiếng Việt' is not",
        ),
        ('headline = "Tin\\nmới"\n', r"a1\.toml:1: headline 'Tin\\nmới' has a control character"),
        # the line is found for a table, and for the key, not a line of text starting with it
        ('headline = "Tin"\n\n[url]\nx = "a"\n', r"a1\.toml:3: url must be a string, not dict"),
        ('headline = """Tin \\\nurl mới"""\nurl = 3\n', r"a1\.toml:3: url must be a string, not"),
    ],
)
def test_bad_metadata_names_the_file_the_line_and_the_field(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        read_meta(_meta(tmp_path, content))


def test_metadata_not_utf8_names_the_line_and_the_byte(tmp_path: Path) -> None:
    path = _meta(tmp_path, b'headline = "Tin"\npublisher = "Tu\xf4i Tr\xea"\n')
    with pytest.raises(IngestError, match=r"a1\.toml:2: not UTF-8 \(byte 0xf4 at offset 32\)"):
        read_meta(path)


def test_an_oversized_metadata_file_is_refused_unread(tmp_path: Path) -> None:
    path = _meta(tmp_path, f'headline = "{HEADLINE}"\n' + "#" * 70_000 + "\n")
    with pytest.raises(IngestError, match=r"a1\.toml: file is 70\d{3} bytes, over the 65536-byte"):
        read_meta(path)


def test_metadata_text_is_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", HEADLINE)
    meta = read_meta(_meta(tmp_path, f'headline = "{nfd}"\npublisher = "{nfd}"\n'))
    assert meta.headline == meta.publisher == HEADLINE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbf", r"a1\.txt: empty article"),
        (b"\xef\xbb\xbf \n\n", r"a1\.txt: empty article"),
        (TEXT.encode("utf-16"), r"a1\.txt:1: UTF-16 or UTF-32 \(byte order mark\), not UTF-8"),
    ],
)
def test_bad_article_text(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "a1.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message):
        read_text(path)


def test_article_text_is_nfc_without_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", TEXT).encode())
    assert read_text(path) == TEXT


def test_an_nfd_article_with_byte_order_marks_gives_an_nfc_graph(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", TEXT).encode())
    path.with_suffix(".toml").write_bytes(
        f'\ufeffheadline = "{unicodedata.normalize("NFD", HEADLINE)}"\n'.encode()
    )
    nquads = extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE).nquads
    assert f'"{HEADLINE}"@vi' in nquads
    assert unicodedata.is_normalized("NFC", nquads)
    assert "\ufeff" not in nquads
