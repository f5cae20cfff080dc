"""A small SPARQL tokenizer: enough to see keywords the way the parser does.

It skips string literals, comments and IRIs, so ``"SERVICE"`` in a string, ``# SERVICE`` in a
comment or ``<http://e/SERVICE>`` are never mistaken for the keyword; prefixed names
(``ex:service``) and variables (``?service``) are tokens of their own. It does not validate:
the query engine does that and reports syntax errors with line and column.

>>> [t.text for t in tokenize('SELECT * { ?s ?p "SERVICE" } # SERVICE')]
['SELECT', '*', '{', '?s', '?p', '"SERVICE"', '}']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["keyword", "iri", "pname", "var", "string", "punct", "other"]

_SPEC: list[tuple[str, str]] = [
    ("ws", r"\s+"),
    ("comment", r"#[^\r\n]*"),
    (
        "string",
        r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
        r'|"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\'',
    ),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("var", r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+"),
    ("pname", r"(?:[^\W\d][\w.\-]*)?:(?:[\w\-:%.]|\\.)*"),
    ("keyword", r"[^\W\d]\w*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*+/<>=!|^@-]"),
    ("other", r"."),
]
_PATTERN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _SPEC), re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper()

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "keyword" and self.upper in words


def tokens_of(text: str) -> tuple[Token, ...]:
    """All of :func:`tokenize`, remembered for short texts: the same queries come back (a
    dashboard, a linked page), and tokenizing is a noticeable part of a small request."""
    if len(text) > _CACHED_TEXT:
        return tuple(tokenize(text))
    return _cached_tokens(text)


_CACHED_TEXT = 4096


@functools.lru_cache(maxsize=512)
def _cached_tokens(text: str) -> tuple[Token, ...]:
    return tuple(tokenize(text))


def tokenize(text: str) -> Iterator[Token]:
    """Significant tokens of ``text`` (whitespace and comments dropped)."""
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment") or kind is None:
            continue
        value = match.group()
        if kind == "pname" and value.endswith("."):
            # A prefixed name cannot end in '.'; the dot ends the triple.
            value = value.rstrip(".")
        start = match.start()
        yield Token(kind, value, start, start + len(value))  # type: ignore[arg-type]


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)
Form = Literal["select", "ask", "construct", "describe", "update"]


def prefixes(tokens: Sequence[Token]) -> dict[str, str]:
    """``PREFIX p: <iri>`` declarations, anywhere in the text (updates may repeat them)."""
    found: dict[str, str] = {}
    for i, tok in enumerate(tokens[:-2]):
        name, iri = tokens[i + 1], tokens[i + 2]
        if tok.is_keyword("PREFIX") and name.kind == "pname" and iri.kind == "iri":
            found[name.text[:-1]] = iri.text[1:-1]
    return found


def form_of(tokens: Sequence[Token]) -> Form | None:
    """The operation the text asks for: the first form keyword after the prologue."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_keyword("PREFIX"):
            i += 3
            continue
        if tok.is_keyword("BASE"):
            i += 2
            continue
        if tok.is_keyword(*QUERY_FORMS):
            return tok.upper.lower()  # type: ignore[return-value]
        if tok.is_keyword(*UPDATE_FORMS):
            return "update"
        return None
    return None


def top_level_keywords(tokens: Sequence[Token], *words: str) -> list[int]:
    """Indexes of ``words`` outside any ``{ }`` block."""
    depth = 0
    found: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth -= 1
        elif depth == 0 and tok.is_keyword(*words):
            found.append(i)
    return found


def resolve_iri(tokens: Sequence[Token], index: int, declared: dict[str, str]) -> str | None:
    """The IRI a token names (``<iri>`` or a declared ``p:local``), else ``None``."""
    tok = tokens[index]
    if tok.kind == "iri":
        return tok.text[1:-1]
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix in declared:
            return declared[prefix] + local.replace("\\", "")
    return None


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """``text`` with ``\\uXXXX`` / ``\\UXXXXXXXX`` replaced by their characters, as SPARQL
    1.1 (§19.2) says a parser may read the whole query; unpaired or invalid code points stay."""

    def char(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return match.group()
        return chr(value)

    return _CODEPOINT.sub(char, text)


def nesting_depth(tokens: Sequence[Token]) -> int:
    """The deepest nesting of ``{ }``, ``( )`` and ``[ ]`` in ``tokens`` (what makes the engine's
    parser and planner recurse); an unbalanced closer counts nothing."""
    depth = deepest = 0
    for tok in tokens:
        if tok.kind != "punct":
            continue
        if tok.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif tok.text in "})]":
            depth = max(0, depth - 1)
    return deepest


def unsure_iris(tokens: Sequence[Token]) -> list[Token]:
    """IRIs that the engine may read as something else: inside parentheses (where ``<`` can be
    a comparison), an IRI token holding ``'`` or ``#`` or starting with ``=`` may be ``<``,
    ``<=`` followed by a string or a comment, which would end elsewhere than this reading says
    (``BIND(1<'>' AS ?x) … #'``)."""
    depth = 0
    found: list[Token] = []
    for tok in tokens:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif tok.kind == "iri" and depth > 0:
            inner = tok.text[1:-1]
            if "'" in inner or "#" in inner or inner.startswith("="):
                found.append(tok)
    return found
