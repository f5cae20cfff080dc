"""Read what ``lckg add`` is given — a text file, a saved web page, a fetched page — into the text
and metadata of one corpus entry.

A web page goes through trafilatura: the main text without navigation, comments and blocks of
related stories, and the title, date, author, site name and URL from the page's metadata; the
language from ``<html lang>`` or the ``<meta>`` tags. When trafilatura finds no main text, the
page's visible text is taken (the pipeline's cleaner runs on it later anyway).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import decode_file

from ingest.errors import IngestError
from ingest.meta import read_meta, read_utf8
from ingest.model import ArticleMeta

HEADLINE_CHARS = 200
_LANGUAGE = re.compile(r"[a-z]{2,3}\Z")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Letters only Vietnamese writes among the languages of the corpus.
_VIETNAMESE = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_INVISIBLE = "//script|//style|//noscript|//template|//head|//svg|//iframe|//object"
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "main", "blockquote",
    "pre", "dd", "dt", "dl", "figure", "figcaption", "form", "hr",
)  # fmt: skip


class SourceError(IngestError):
    """A source that cannot make a corpus entry; the message names it and the problem."""


@dataclass(frozen=True)
class Found:
    """An article as read from its source, before it gets an id."""

    text: str  # one paragraph a line, ending in a newline
    meta: ArticleMeta  # language None: not known
    author: str | None = None
    extractor: str = "text file"  # "trafilatura", "visible text" or "text file"
    language_guessed: bool = False


def one_line(value: str | None) -> str | None:
    """``value`` with its runs of white space and control characters made one space."""
    if value is None:
        return None
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in value)
    return " ".join(cleaned.split()) or None


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "".join(f"{line}\n" for line in lines if line)


def guess_language(text: str) -> str | None:
    """``vi`` when the text writes Vietnamese letters, ``en`` when it is mostly ASCII letters."""
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if not letters:
        return None
    if sum(ch in _VIETNAMESE for ch in letters) / len(letters) > 0.02:
        return "vi"
    if sum(ch.isascii() for ch in letters) / len(letters) > 0.95:
        return "en"
    return None


def language_tag(value: str | None) -> str | None:
    """The primary language of a tag as pages write it (``vi-VN``, ``vi_VN``, ``EN``)."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if _LANGUAGE.match(primary) else None


def headline_from(text: str) -> str | None:
    """The first line of ``text``, cut at a word within :data:`HEADLINE_CHARS` characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > HEADLINE_CHARS:
        first = first[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return first or None


def _decode(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass  # an unknown charset name: let the page's own declaration decide
    return decode_file(data)


def _page_language(tree: lxml.html.HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in ("content-language", "language", "og:locale", "dc.language"):
            candidates.append(meta.get("content"))
    return next((tag for tag in map(language_tag, candidates) if tag), None)


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """The text a browser shows, one block a line (scripts, styles and the head left out)."""
    for element in tree.xpath(_INVISIBLE):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return _lines(tree.text_content())


def _without_headline(text: str, headline: str | None) -> str:
    """Pages repeat their title as the first line of the story; the entry has it in its
    metadata, as the corpus's articles do."""
    first, _, rest = text.partition("\n")
    if headline and " ".join(first.split()).casefold() == headline.casefold():
        return rest
    return text


def read_page(
    data: bytes, *, name: str, url: str | None = None, charset: str | None = None
) -> Found:
    """A web page's main text and metadata; ``name`` (its file or URL) is in any error."""
    html = _XML_DECLARATION.sub("", _decode(data, charset))
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"{name}: not an HTML page: {exc}") from exc
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=True, with_metadata=True
    )
    text = _lines(doc.text or "") if doc is not None else ""
    extractor = "trafilatura"
    if not text.strip():
        text, extractor = visible_text(tree), "visible text"
    if not text.strip():
        raise SourceError(f"{name}: the page has no text")
    headline = one_line(doc.title if doc is not None else None)
    text = _without_headline(text, headline)
    if not text.strip():
        raise SourceError(f"{name}: the page has a title ({headline!r}) and no text beside it")
    language = _page_language(tree)
    guessed = language is None and guess_language(text) is not None
    meta = ArticleMeta(
        url=one_line((doc.url if doc is not None else None) or url),
        publisher=one_line(doc.sitename or doc.hostname) if doc is not None else None,
        headline=headline or headline_from(text),
        date_published=doc.date if doc is not None else None,
        language=language or guess_language(text),
    )
    author = one_line(doc.author) if doc is not None else None
    return Found(_lines(text), meta, author, extractor, guessed)


def read_text(path: Path, *, max_bytes: int) -> Found:
    """A ``.txt`` article and, when there is one, the ``.toml`` beside it (checked as the build
    checks it); without one, the headline is the text's first line."""
    text = _lines(read_utf8(path, max_bytes=max_bytes, error=SourceError))
    if not text:
        raise SourceError(f"{path}: the file has no text")
    meta_path = path.with_suffix(".toml")
    if meta_path.exists():
        return Found(text, read_meta(meta_path))
    language = guess_language(text)
    return Found(
        text,
        ArticleMeta(headline=headline_from(text), language=language),
        language_guessed=language is not None,
    )
