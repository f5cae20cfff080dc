"""``lckg add``: saved pages, URLs (a local server), text files and folders become corpus entries."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import ingest.sources
from ingest.fetch import FetchError, FetchLimits, address_problem, fetch
from ingest.meta import read_meta
from kg.add import add_one, add_sources, article_id
from tests.cli_runner import run_lckg

# A page written for these tests: navigation, a box of related stories and comments around the story.
PAGE = """<!DOCTYPE html>
<html lang="vi-VN">
<head>
<meta charset="utf-8">
<title>Phường Bình Yên mở lớp học buổi tối | Tin Làng Thử</title>
<meta property="og:title" content="Phường Bình Yên mở lớp học buổi tối">
<meta property="og:site_name" content="Tin Làng Thử">
<meta name="author" content="Lê Thị Hoa">
<meta property="article:published_time" content="2024-03-08T07:00:00+07:00">
<link rel="canonical" href="https://tinlangthu.example/binh-yen-lop-hoc-toi-42.html">
</head>
<body>
<header><nav><ul><li><a href="/">Trang nhất</a></li><li><a href="/xa-hoi">Xã hội</a></li>
<li><a href="/hoc-duong">Học đường</a></li></ul></nav></header>
<main><article>
<h1>Phường Bình Yên mở lớp học buổi tối</h1>
<p>Phường Bình Yên vừa mở hai lớp học buổi tối miễn phí cho người lao động muốn học thêm tin học.</p>
<p>Mỗi lớp nhận khoảng 30 học viên và học ba buổi một tuần tại nhà văn hóa của phường.</p>
<div class="related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/x.html">Xóm Đồi khánh thành tủ sách chung cho trẻ em</a></li>
<li><a href="/y.html">Làng Gốm tổ chức ngày hội kể chuyện mùa hè</a></li>
</ul></div>
<p>Ban tổ chức cho biết các lớp sẽ tiếp tục mở trong năm sau nếu người dân đăng ký đông.</p>
</article>
<section id="comments" class="comments"><h3>Bình luận</h3>
<div class="comment"><p>Quá tuyệt, tôi sẽ rủ cả nhà đi học cùng!</p></div></section>
</main>
<footer><p>Liên hệ đặt quảng cáo trên Tin Làng Thử.</p></footer>
</body></html>
"""
NOT_IN_TEXT = ("Trang nhất", "Tin liên quan", "Xóm Đồi", "Làng Gốm", "Quá tuyệt", "quảng cáo")

ENGLISH_PAGE = """<html><head>
<meta name="language" content="en">
<meta property="og:title" content="Riverside town opens a repair café">
<meta property="og:site_name" content="The Sample Courier">
<meta property="og:url" content="https://courier.example/news/repair-cafe">
<meta name="date" content="2023-11-20">
</head><body><article>
<p>The riverside town of Millbrook opened a repair café where volunteers teach residents to fix
lamps, bicycles and radios every Saturday morning.</p>
<p>Organisers said that more than 40 people came to the first session and brought their broken
toasters along.</p>
</article></body></html>
"""


class _Pages(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    _Pages.routes = {
        "/story": (200, html, PAGE.encode("utf-8")),
        "/moved": (302, {"Location": "/story"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big": (200, html, b"<html><body><p>" + b"a" * 50_000 + b"</p></body></html>"),
        # Says it is short and is not: the limit holds on what is read, not what is announced.
        "/lying": (200, {**html, "Content-Length": "100"}, b"<p>" + b"b" * 100),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchLimits(allow_private=True, timeout=10)


def _entry(folder: Path) -> tuple[str, dict[str, str], str]:
    (txt,) = folder.glob("*.txt")
    meta = tomllib.loads(txt.with_suffix(".toml").read_text(encoding="utf-8"))
    return txt.stem, meta, txt.read_text(encoding="utf-8")


def test_a_saved_page_gives_its_story_without_navigation_related_news_or_comments(
    tmp_path: Path,
) -> None:
    page = tmp_path / "in" / "binh-yen.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    (outcome,) = add_sources([str(page)], tmp_path / "corpus", limits=FetchLimits(), quiet=True)
    assert outcome.status == "added", outcome.reason
    article, meta, text = _entry(tmp_path / "corpus")
    assert article == article_id("https://tinlangthu.example/binh-yen-lop-hoc-toi-42.html", "")
    assert text.startswith("Phường Bình Yên vừa mở hai lớp học buổi tối")  # not the headline
    assert "tiếp tục mở trong năm sau" in text
    for words in NOT_IN_TEXT:
        assert words not in text
    assert meta == {
        "url": "https://tinlangthu.example/binh-yen-lop-hoc-toi-42.html",
        "publisher": "Tin Làng Thử",
        "headline": "Phường Bình Yên mở lớp học buổi tối",
        "date_published": "2024-03-08",
        "language": "vi",
    }
    toml = (tmp_path / "corpus" / f"{article}.toml").read_text(encoding="utf-8")
    assert "# author: Lê Thị Hoa" in toml
    assert read_meta(tmp_path / "corpus" / f"{article}.toml").headline == meta["headline"]
    assert not list((tmp_path / "corpus").glob(".*"))  # no temporary file left


def test_metadata_from_meta_tags(tmp_path: Path) -> None:
    page = tmp_path / "cafe.htm"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    outcome = add_one(str(page), tmp_path / "corpus", limits=FetchLimits())
    assert outcome.status == "failed" and "corpus" in str(outcome.reason)  # no folder yet
    (tmp_path / "corpus").mkdir()
    outcome = add_one(str(page), tmp_path / "corpus", limits=FetchLimits())
    assert outcome.entry is not None and not outcome.entry.language_guessed
    _, meta, text = _entry(tmp_path / "corpus")
    assert meta["language"] == "en"
    assert meta["headline"] == "Riverside town opens a repair café"
    assert meta["publisher"] == "The Sample Courier"
    assert meta["url"] == "https://courier.example/news/repair-cafe"
    assert meta["date_published"] == "2023-11-20"
    assert "more than 40 people" in text


def test_without_main_text_the_visible_text_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest.sources.trafilatura, "bare_extraction", lambda *a, **k: None)
    page = tmp_path / "bare.html"
    page.write_text(
        "<html><head><title>Tựa đề</title><script>var x = 1;</script></head>"
        "<body><div>Dòng thứ nhất của bài.</div><div>Dòng <b>thứ hai</b> của bài.</div></body>"
        "</html>",
        encoding="utf-8",
    )
    outcome = add_one(str(page), tmp_path, limits=FetchLimits())
    assert outcome.entry is not None and outcome.entry.extractor == "visible text"
    _, meta, text = _entry(tmp_path)
    assert text == "Dòng thứ nhất của bài.\nDòng thứ hai của bài.\n"
    assert meta["headline"] == "Dòng thứ nhất của bài."  # no title from trafilatura: first line
    assert "var x" not in text


def test_an_entry_already_there_is_left_alone_unless_forced(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    assert add_one(str(page), tmp_path, limits=FetchLimits()).status == "added"
    (txt,) = tmp_path.glob("*.txt")
    txt.write_text("sửa tay\n", encoding="utf-8")
    again = add_one(str(page), tmp_path, limits=FetchLimits())
    assert again.status == "exists" and txt.read_text(encoding="utf-8") == "sửa tay\n"
    forced = add_one(str(page), tmp_path, limits=FetchLimits(), force=True)
    assert forced.status == "replaced" and "Bình Yên" in txt.read_text(encoding="utf-8")


def test_text_files_with_and_without_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tiêu đề bài A\nNội dung của bài A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nội dung của bài B.\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text('headline = "Bài B"\ndate = "hôm qua"\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    outcomes = add_sources([str(tmp_path)], corpus, limits=FetchLimits(), quiet=True)
    by_name = {Path(o.source).name: o for o in outcomes}
    assert by_name["a.txt"].status == "added"
    assert by_name["a.txt"].entry is not None
    assert by_name["a.txt"].entry.meta.headline == "Tiêu đề bài A"
    assert by_name["a.txt"].entry.article_id.startswith("text-")
    assert by_name["b.txt"].status == "failed"
    assert "b.toml" in str(by_name["b.txt"].reason) and "unknown key 'date'" in str(
        by_name["b.txt"].reason
    )
    assert len(list(corpus.glob("*.txt"))) == 1


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.7", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "not a public address"),
        ("93.184.216.34", None),
    ],
)
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


def test_a_loopback_url_is_refused_without_allow_private(server: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        fetch(f"{server}/story")
    with pytest.raises(FetchError, match=r"localhost resolves to .*loopback"):
        fetch(f"{server.replace('127.0.0.1', 'localhost')}/story")


def test_fetch_limits(server: str) -> None:
    with pytest.raises(FetchError, match="over the 10000-byte limit"):
        fetch(f"{server}/big", FetchLimits(allow_private=True, max_bytes=10_000))
    assert len(fetch(f"{server}/big", LOCAL).body) > 50_000
    with pytest.raises(FetchError, match="over the 50-byte limit"):
        fetch(f"{server}/lying", FetchLimits(allow_private=True, max_bytes=50))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/loop", LOCAL)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/nowhere", LOCAL)
    moved = fetch(f"{server}/moved", LOCAL)
    assert moved.url == f"{server}/story" and moved.charset == "utf-8"
    with pytest.raises(ValueError, match="max_redirects"):
        FetchLimits(max_redirects=-1)


def test_cli_adds_a_url_then_extract_reads_the_entry(server: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    refused = run_lckg("add", f"{server}/moved", "--to", str(corpus), data_dir=tmp_path)
    assert refused.returncode == 1
    assert "refused" in refused.stderr and "--allow-private" in refused.stderr
    assert not list(corpus.glob("*.txt"))

    proc = run_lckg(
        "add", f"{server}/moved", "--allow-private", "--to", str(corpus), data_dir=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    article, meta, _ = _entry(corpus)
    assert f"added: {article}" in proc.stdout
    assert "date: 2024-03-08; language: vi; publisher: Tin Làng Thử" in proc.stdout
    assert meta["url"] == "https://tinlangthu.example/binh-yen-lop-hoc-toi-42.html"

    extracted = run_lckg(
        "extract", str(corpus / f"{article}.txt"), "--no-curation", data_dir=tmp_path
    )
    assert extracted.returncode == 0, extracted.stderr
    assert f"graph/article/{article}" in extracted.stdout
    assert "Phường Bình Yên mở lớp học buổi tối" in extracted.stdout


def test_cli_folder_with_a_broken_file_goes_on_and_exits_1(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "1-story.html").write_text(PAGE, encoding="utf-8")
    (folder / "2-broken.txt").write_bytes(b"Ti\xeau \xf0\xe8 sai m\xe3\n")  # not UTF-8
    (folder / "3-cafe.html").write_text(ENGLISH_PAGE, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    corpus = tmp_path / "corpus"
    proc = run_lckg(
        "add", str(folder), f"{server}/image", "--allow-private", "--to", str(corpus),
        data_dir=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "2-broken.txt" in proc.stderr and "not UTF-8" in proc.stderr
    assert "not a web page or text (Content-Type image/png)" in proc.stderr
    assert "2 added, 0 replaced, 0 already there, 2 failed" in proc.stderr
    assert len(list(corpus.glob("*.txt"))) == len(list(corpus.glob("*.toml"))) == 2
    assert proc.stdout.count("added: ") == 2
