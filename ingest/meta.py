"""An article's metadata file ``<id>.toml``, checked field by field.

Every value is a quoted, non-empty, one-line string::

    url = "https://tuoitre.vn/…"        # optional: an absolute http(s) URL, no spaces
    publisher = "Tuổi Trẻ"              # optional
    headline = "TP.HCM chia sẻ …"       # required (every article graph has a schema:headline)
    date_published = "2024-10-29"       # optional: a calendar date YYYY-MM-DD
    date_reference = "2024-10"          # optional: YYYY, YYYY-MM or YYYY-MM-DD; resolves
                                        # year-less dates when there is no date_published
    language = "vi"                     # optional (default "vi"): a language tag

The file is at most 64 KiB. Text is NFC-normalised; a UTF-8 byte order mark is allowed. Anything
else wrong is an :class:`~ingest.errors.IngestError` naming the file, the line where there is
one, and the field.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ingest.errors import IngestError
from ingest.model import ArticleMeta
from kg.text import nfc

META_KEYS = ("url", "publisher", "headline", "date_published", "date_reference", "language")
REQUIRED_META = ("headline",)
# A metadata file is a handful of one-line fields; anything this large is not one.
MAX_META_BYTES = 64 * 1024
# ASCII digits, and \Z (not $, which allows a final newline): the value is written as it is.
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
_NOT_IN_URL = re.compile(r'[\s<>"{}|\\^`]')


def is_date(raw: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a day of the calendar (no 2023-02-30)."""
    m = _DATE.match(raw)
    try:
        return m is not None and bool(date(int(m[1]), int(m[2] or 1), int(m[3] or 1)))
    except ValueError:  # month 13, 30 February, year 0
        return False


def _url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or _NOT_IN_URL.search(value):
        return "is not an absolute http(s) URL without spaces"
    return None


def _date_published(value: str) -> str | None:
    if not (_FULL_DATE.match(value) and is_date(value)):
        return "is not YYYY-MM-DD (a day of the calendar)"
    return None


def _date_reference(value: str) -> str | None:
    return None if is_date(value) else "is not YYYY, YYYY-MM or YYYY-MM-DD (of the calendar)"


def _language(value: str) -> str | None:
    return None if _LANGUAGE.match(value) else "is not a language tag like 'vi'"


# The format check of each field (text fields have none beyond being one line of text).
_FORMATS: dict[str, Callable[[str], str | None]] = {
    "url": _url,
    "date_published": _date_published,
    "date_reference": _date_reference,
    "language": _language,
}


def _line(text: str, key: str) -> str:
    """``:n``, the line where ``key`` is set, or nothing when it cannot be told."""
    k = re.escape(key)
    name = rf"""(?:{k}|"{k}"|'{k}')"""
    pattern = re.compile(rf"^\s*(?:{name}\s*[=.]|\[+\s*{name}\s*[\].])")
    n = next((n for n, ln in enumerate(text.splitlines(), 1) if pattern.match(ln)), None)
    return f":{n}" if n else ""


def read_limited(path: Path, max_bytes: int, error: type[IngestError] = IngestError) -> bytes:
    """``path``'s bytes; ``error`` names the file when it cannot be read or is larger than
    ``max_bytes`` (checked before reading it)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{path}: file is {size} bytes, over the {max_bytes}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from exc


def read_utf8(path: Path, *, max_bytes: int, error: type[IngestError] = IngestError) -> str:
    """``path``'s text (a byte order mark dropped); ``error`` names the file when it cannot be
    read, is larger than ``max_bytes`` or is not UTF-8."""
    return decode_utf8(path, read_limited(path, max_bytes, error), error)


def decode_utf8(path: Path, data: bytes, error: type[IngestError] = IngestError) -> str:
    """``data`` (read from ``path``) as UTF-8 without a byte order mark; else ``error`` with the
    line, the byte and its offset."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def _checked(path: Path, text: str, key: str, value: object) -> str:
    """The field's value, NFC, once its type and format are checked."""
    where = f"{path}{_line(text, key)}"
    if key not in META_KEYS:
        raise IngestError(f"{where}: unknown key {key!r}; expected one of {', '.join(META_KEYS)}")
    if not isinstance(value, str):
        raise IngestError(f"{where}: {key} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise IngestError(f"{where}: {key} is empty")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise IngestError(f"{where}: {key} {value!r} has a control character (one line of text)")
    value = nfc(value)
    problem = _FORMATS[key](value) if key in _FORMATS else None
    if problem:
        raise IngestError(f"{where}: {key} {value!r} {problem}")
    return value


def read_meta(path: Path) -> ArticleMeta:
    """The article's metadata: :data:`META_KEYS` only, each checked (see the module docstring)."""
    if not path.is_file():
        raise IngestError(
            f"{path}: metadata file missing (url, publisher, headline, date_published, ...)"
        )
    text = read_utf8(path, max_bytes=MAX_META_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"{path}: malformed TOML: {exc}") from exc
    fields = {key: _checked(path, text, key, value) for key, value in data.items()}
    for key in REQUIRED_META:
        if key not in fields:
            raise IngestError(f"{path}: {key} is required")
    return ArticleMeta(
        **{k: fields.get(k) for k in META_KEYS if k != "language"},
        language=fields.get("language", "vi"),
    )
