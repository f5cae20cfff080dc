"""``lckg add``: text files, saved web pages, URLs and folders of them become corpus entries
(``<id>.txt`` + ``<id>.toml``) that ``lckg build`` reads like any other (DESIGN §10).

An entry's id is stable: from the article's URL when it has one (the page's canonical URL, else
the URL it was fetched from), else from its text; the same article added twice is the same entry.
An entry is written whole or not at all: both files go to temporary names in the corpus folder,
the metadata is read back as the build reads it, then the ``.toml`` and last the ``.txt`` are
renamed into place (the build looks for ``*.txt``, so it never sees half an entry).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from ingest.errors import IngestError
from ingest.fetch import FetchLimits, fetch
from ingest.meta import is_date, read_limited, read_meta
from ingest.model import ArticleMeta
from ingest.sources import (
    Found,
    SourceError,
    guess_language,
    headline_from,
    language_tag,
    one_line,
    read_page,
    read_text,
)
from kg.build import article_id_problem
from kg.iris import slugify
from kg.progress import Phases

PAGE_SUFFIXES = frozenset({".html", ".htm"})
SOURCE_SUFFIXES = PAGE_SUFFIXES | {".txt"}
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
Status = Literal["added", "replaced", "exists", "failed"]
_HOST_CHARS = 40


@dataclass(frozen=True)
class Entry:
    """One corpus entry, ready to be written."""

    article_id: str
    text: str
    meta: ArticleMeta
    source: str  # the file's name or the URL it came from
    author: str | None = None
    extractor: str = "text file"
    language_guessed: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one source."""

    source: str
    status: Status
    entry: Entry | None = None
    reason: str | None = None


def canonical_url(url: str) -> str:
    """``url`` as its id is made from: scheme and host lower-case, default port and fragment
    dropped.

    >>> canonical_url("HTTPS://Example.VN:443/a/b.html?x=1#top")
    'https://example.vn/a/b.html?x=1'
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{host}{port}{parts.path or '/'}{query}"


def article_id(url: str | None, text: str) -> str:
    """``<host>-<16 hex digits of the URL's hash>``, or ``text-<16 hex digits of the text's>``.

    >>> article_id("https://www.baomau.example/tin-1.html", "")
    'baomau-example-640acf63c855b766'
    """
    if url:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        digest = hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]
        try:
            slug = slugify(host)[:_HOST_CHARS].strip("-")
        except ValueError:
            slug = "web"
        return f"{slug or 'web'}-{digest}"
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _valid_url(value: str | None) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    ok = parts.scheme in ("http", "https") and parts.netloc and " " not in value
    return value if ok and not any(ch in value for ch in '<>"{}|\\^`') else None


def _dates(value: str | None) -> tuple[str | None, str | None]:
    """(date_published, date_reference): a full date is the first, a year or month the second."""
    value = one_line(value)
    if value is None or not is_date(value):
        return None, None
    return (value, None) if len(value) == 10 else (None, value)


def entry_for(found: Found, source: str, *, fallback_url: str | None = None) -> Entry:
    """The entry ``found`` makes, its metadata reduced to what the build's reader accepts."""
    meta = found.meta
    headline = one_line(meta.headline) or headline_from(found.text)
    if not headline:
        raise SourceError(f"{source}: no headline (no title, and no text to take one from)")
    published, reference = _dates(meta.date_published)
    url = _valid_url(one_line(meta.url)) or _valid_url(fallback_url)
    language = language_tag(meta.language)
    clean = ArticleMeta(
        url=url,
        publisher=one_line(meta.publisher),
        headline=headline,
        date_published=published,
        date_reference=one_line(meta.date_reference) or reference,
        language=language or guess_language(found.text),
    )
    entry = Entry(
        article_id=article_id(url, found.text),
        text=found.text,
        meta=clean,
        source=source,
        author=one_line(found.author),
        extractor=found.extractor,
        language_guessed=found.language_guessed or (language is None and bool(clean.language)),
    )
    problem = article_id_problem(entry.article_id)
    if problem:  # cannot happen with the ids made above; a guard for changes to either
        raise SourceError(f"{source}: {problem}")
    return entry


def toml_text(entry: Entry) -> str:
    """The entry's ``.toml``: the fields the build's reader accepts, the author as a comment."""
    lines = [f"# Added by `lckg add` from {one_line(entry.source)} ({entry.extractor})."]
    if entry.author:
        lines.append(f"# author: {entry.author}")
    meta = entry.meta
    for key in ("url", "publisher", "headline", "date_published", "date_reference", "language"):
        value = getattr(meta, key)
        if value is not None:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _temporary(folder: Path, article_id: str, suffix: str, text: str) -> Path:
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{article_id}{suffix}.", suffix=".part")
    # mkstemp makes the file private; an entry is read like the files the user writes.
    umask = os.umask(0o022)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


def write_entry(entry: Entry, folder: Path, *, force: bool = False) -> Status:
    """Write ``entry`` into ``folder`` whole; ``exists`` (nothing written) when an entry with its
    id is there and ``force`` is not given."""
    txt = folder / f"{entry.article_id}.txt"
    toml = folder / f"{entry.article_id}.toml"
    existed = txt.exists() or toml.exists()
    if existed and not force:
        return "exists"
    temporaries: list[Path] = []
    try:
        temporaries.append(_temporary(folder, entry.article_id, ".toml", toml_text(entry)))
        temporaries.append(_temporary(folder, entry.article_id, ".txt", entry.text))
        try:
            read_meta(temporaries[0])
        except IngestError as exc:
            raise SourceError(
                f"{entry.source}: the metadata written would not be read: {exc}"
            ) from exc
        toml_existed = toml.exists()
        temporaries[0].replace(toml)
        try:
            temporaries[1].replace(txt)
        except OSError:
            if not toml_existed:
                toml.unlink(missing_ok=True)
            raise
    finally:
        for path in temporaries:
            path.unlink(missing_ok=True)
    return "replaced" if existed else "added"


def expand(sources: Iterable[str]) -> list[str]:
    """Each source, a folder replaced by the ``.txt``, ``.html`` and ``.htm`` files in it and in
    its sub-folders (hidden ones left out), in name order."""
    result: list[str] = []
    for source in sources:
        path = Path(source)
        if is_url(source) or not path.is_dir():
            result.append(source)
            continue
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in SOURCE_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            result.append(source)  # reported as a folder without articles
        result.extend(str(p) for p in found)
    return result


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _read_url(url: str, limits: FetchLimits) -> tuple[Found, str]:
    fetched = fetch(url, limits)
    if fetched.content_type in PAGE_TYPES:
        page = read_page(fetched.body, name=url, url=fetched.url, charset=fetched.charset)
        return page, fetched.url
    if fetched.content_type == "text/plain":
        text = "".join(
            f"{' '.join(line.split())}\n"
            for line in fetched.body.decode(fetched.charset or "utf-8", "replace").splitlines()
            if line.strip()
        )
        if not text:
            raise SourceError(f"{url}: the page has no text")
        meta = ArticleMeta(headline=headline_from(text), language=None)
        return Found(text, meta), fetched.url
    raise SourceError(f"{url}: not a web page or text (Content-Type {fetched.content_type})")


def read_source(source: str, limits: FetchLimits) -> Entry:
    """The entry one source (a file or a URL) makes; an :class:`IngestError` says why not."""
    if is_url(source):
        found, final_url = _read_url(source, limits)
        return entry_for(found, source, fallback_url=final_url)
    path = Path(source)
    if path.is_dir():
        raise SourceError(f"{path}: a folder without .txt, .html or .htm files")
    if not path.exists():
        raise SourceError(f"{path}: no such file (nor an http:// or https:// URL)")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return entry_for(read_text(path, max_bytes=limits.max_bytes), path.name)
    if suffix in PAGE_SUFFIXES:
        data = read_limited(path, limits.max_bytes, SourceError)
        return entry_for(read_page(data, name=str(path)), path.name)
    raise SourceError(f"{path}: not a .txt, .html or .htm file")


def add_one(source: str, folder: Path, *, limits: FetchLimits, force: bool = False) -> Outcome:
    """Read ``source`` and write its entry; every failure becomes an outcome, not an exception."""
    try:
        entry = read_source(source, limits)
        status = write_entry(entry, folder, force=force)
    except IngestError as exc:  # SourceError, FetchError, and a bad .toml beside a .txt
        return Outcome(source, "failed", reason=_without_source(str(exc), source))
    except (OSError, ValueError) as exc:
        return Outcome(source, "failed", reason=f"{exc.__class__.__name__}: {exc}")
    return Outcome(source, status, entry)


def _without_source(message: str, source: str) -> str:
    """The reason alone: the report names the source already."""
    for prefix in (f"{source}: ", f"{Path(source).name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def add_sources(
    sources: Sequence[str],
    folder: Path,
    *,
    limits: FetchLimits,
    force: bool = False,
    quiet: bool = False,
    report: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Add every source (folders expanded) into ``folder``, one progress step each; a failing
    source is reported and the rest go on."""
    folder.mkdir(parents=True, exist_ok=True)
    todo = expand(sources)
    outcomes: list[Outcome] = []
    timings: dict[str, float] = {}
    with (
        Phases(quiet=quiet or len(todo) < 2) as phases,
        phases.phase("add", timings, len(todo)) as step,
    ):
        for source in todo:
            outcome = add_one(source, folder, limits=limits, force=force)
            outcomes.append(outcome)
            if report is not None:
                report(outcome)
            step()
    return outcomes


def describe(outcome: Outcome) -> str:
    """One line for the report: the entry's id and what was found, or why there is none."""
    if outcome.status == "failed" or outcome.entry is None:
        return f"failed: {outcome.source}: {outcome.reason}"
    entry = outcome.entry
    if outcome.status == "exists":
        return (
            f"already there: {entry.article_id} (from {outcome.source}); left alone, "
            "--force replaces it"
        )
    meta = entry.meta
    language = meta.language or "unknown"
    if entry.language_guessed:
        language += " (guessed from the text)"
    return (
        f"{outcome.status}: {entry.article_id} ← {outcome.source}\n"
        f"  headline: {meta.headline}\n"
        f"  date: {meta.date_published or meta.date_reference or 'not found'}; "
        f"language: {language}; publisher: {meta.publisher or 'not found'}; "
        f"{len(entry.text)} characters ({entry.extractor})"
    )


def summary(outcomes: Sequence[Outcome]) -> str:
    counts = {
        s: sum(o.status == s for o in outcomes) for s in ("added", "replaced", "exists", "failed")
    }
    return (
        f"{counts['added']} added, {counts['replaced']} replaced, "
        f"{counts['exists']} already there, {counts['failed']} failed"
    )
