"""The words of a search query, cut exactly as the search index's FTS5 tokenizer cuts text.

A query is plain text, never FTS5 syntax: quotes, ``*``, ``NEAR``, ``-``, ``:`` and ``_`` are
separators, and each word is quoted on its own, since a quoted string that the tokenizer made
two words of would be a phrase, which the index (``detail='none'``) cannot answer.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from kg.text import fold

TOKENIZE = "unicode61 remove_diacritics 2"  # the index's and the queries' tokenizer
MAX_QUERY_TOKENS = 12


def match_expression(query: str) -> str | None:
    """FTS5 expression for a user query: every folded word, as a prefix, all required.

    The query is plain text, never FTS5 syntax: it is cut into words exactly as the index's
    tokenizer cuts text (:func:`query_words`), so quotes, ``*``, ``NEAR``, ``-``, ``:`` and
    ``_`` are separators, and each word is quoted on its own (a quoted string that the tokenizer
    made two words of would be a phrase, which this index cannot answer).

    >>> match_expression("Sơn  LA!")
    '"son"* "la"*'
    >>> match_expression('son_la "NEAR(x)"')
    '"son"* "la"* "near"* "x"*'
    >>> match_expression("  ") is None
    True
    """
    tokens = query_words(query)[:MAX_QUERY_TOKENS]
    if not tokens:
        return None
    return " ".join('"' + tok.replace('"', '""') + '"*' for tok in tokens)


def plain_text(text: str) -> str:
    """``text`` with what SQLite cannot store as text replaced: lone surrogates and NULs."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\0", " ")


_ASCII_WORD = re.compile(r"[a-z0-9]+")
_TOKENIZER = threading.local()


def query_words(query: str) -> list[str]:
    """The words FTS5's ``unicode61`` tokenizer finds in the folded ``query``.

    ASCII text is cut here (the tokenizer's words are its letters and digits); other text is
    handed to the tokenizer itself, in a scratch table of a private in-memory database (its
    character classes follow its own Unicode tables, which are not Python's).

    >>> query_words("Hồ_Chí-Minh*")
    ['ho', 'chi', 'minh']
    """
    folded = fold(plain_text(query))
    if folded.isascii():
        return _ASCII_WORD.findall(folded)
    conn: sqlite3.Connection | None = getattr(_TOKENIZER, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript(
            f"CREATE VIRTUAL TABLE words USING fts5(text, tokenize='{TOKENIZE}');"
            "CREATE VIRTUAL TABLE word_list USING fts5vocab(words, 'instance');"
        )
        _TOKENIZER.conn = conn
    conn.execute("BEGIN")
    try:
        conn.execute("INSERT INTO words (rowid, text) VALUES (1, ?)", (folded,))
        return [row[0] for row in conn.execute("SELECT term FROM word_list ORDER BY offset")]
    finally:
        conn.execute("ROLLBACK")
