"""The lookup lane: single-pattern queries answered in the HTTP process, without a worker.

Queries run in worker processes so that a query past its deadline can be stopped: pyoxigraph
cannot cancel one, so only ending its process stops it. Most traffic, though, is lookups such as
``SELECT ?p ?o WHERE { <iri> ?p ?o }``, and the hop to a worker and back costs more than the
lookup itself.

A query has a *bounded* cost when the engine can only scan an index for one triple pattern and
every entry it visits is a row of the result: one pattern, no repeated variable, no FILTER,
DISTINCT, ORDER BY, GROUP BY, OPTIONAL, UNION, property path, sub-query, BIND or VALUES, and the
union default graph. Writing at most ``rows`` rows then costs at most ``rows`` index steps, so
such a query is answered in the HTTP process with the row cap as its deadline; if it has more
rows than the cap (and the cap is below ``KG_MAX_ROWS``) the partial answer is dropped and the
query goes to a worker like any other. Everything else goes to a worker at once.

>>> bounded_lookup("SELECT ?p ?o WHERE { <http://e/s> ?p ?o }", 1000)
True
>>> bounded_lookup("SELECT ?o { <http://e/s> ?p ?o FILTER(?o > 1) }", 1000)
False
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from kg.sparql.pool import QueryResult
from kg.sparql.service import mentions_remote
from kg.sparql.tokens import Token, tokens_of
from kg.sparql.worker import Job, run_job
from kg.store import Store

# Terms allowed in each position of the pattern (by token kind); ``a`` is a keyword token.
# A blank node label (``_:b``) tokenizes as a prefixed name but is a variable: not accepted.
_NODE = ("iri", "pname", "var")
_LONGEST = 4096  # a single-pattern query is short; longer texts are not looked at


def _node(tok: Token | None) -> bool:
    return tok is not None and tok.kind in _NODE and not tok.text.startswith("_:")


def bounded_lookup(text: str, rows: int) -> bool:
    """Whether ``text`` is a single-pattern SELECT or ASK over the default graph whose
    evaluation visits only result rows (see the module docstring); an OFFSET above ``rows``
    is not (the skipped rows are visited too). Remembered for short texts, like their tokens;
    a longer text is never a single pattern."""
    # A text naming SERVICE or LOAD anywhere goes to a (sealed) worker, never runs here.
    return len(text) <= _LONGEST and not mentions_remote(text) and _bounded(text, rows)


@functools.lru_cache(maxsize=512)
def _bounded(text: str, rows: int) -> bool:
    return _Shape(tokens_of(text), rows).matches()


def answer_here(store: Store, job: Job, max_rows: int) -> QueryResult | None:
    """Run a bounded lookup in this process. ``job.max_rows`` is the lane's cap (at most the
    endpoint's ``max_rows``); ``None`` when the result has more rows than the cap and the cap is
    below ``max_rows``: the partial answer is dropped and a worker must answer."""
    reply = run_job(store, job)
    if reply.error is not None or (reply.truncated and job.max_rows < max_rows):
        Path(job.output).unlink(missing_ok=True)
        if reply.error is None:
            return None
    return QueryResult(job.output, reply)


class _Shape:
    """A recursive-descent check of the one grammar the lane accepts."""

    def __init__(self, tokens: Sequence[Token], rows: int) -> None:
        self.tokens, self.rows, self.i = tokens, rows, 0

    def peek(self, offset: int = 0) -> Token | None:
        at = self.i + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self, text: str) -> bool:
        tok = self.peek()
        if tok is not None and (tok.text == text or tok.is_keyword(text)):
            self.i += 1
            return True
        return False

    def matches(self) -> bool:
        self.prologue()
        if self.take("SELECT"):
            if not self.projection():
                return False
        elif not self.take("ASK"):
            return False
        self.take("WHERE")
        if not (self.take("{") and self.pattern()):
            return False
        self.take(".")
        if not self.take("}"):
            return False
        return self.modifiers() and self.peek() is None

    def prologue(self) -> None:
        while True:
            tok, name, iri = self.peek(), self.peek(1), self.peek(2)
            if tok is None:
                return
            if tok.is_keyword("PREFIX") and name and iri and name.kind == "pname":
                if iri.kind != "iri":
                    return
                self.i += 3
            elif tok.is_keyword("BASE") and name and name.kind == "iri":
                self.i += 2
            else:
                return

    def projection(self) -> bool:
        if self.take("*"):
            return True
        count = 0
        while (tok := self.peek()) is not None and tok.kind == "var":
            self.i += 1
            count += 1
        return count > 0

    def pattern(self) -> bool:
        subject, predicate, obj = self.peek(), self.peek(1), self.peek(2)
        if not (_node(subject) and (_node(predicate) or (predicate and predicate.text == "a"))):
            return False
        assert subject is not None and predicate is not None
        self.i += 2
        if obj is None:
            return False
        if _node(obj):
            self.i += 1
        elif not self.literal():
            return False
        names = [t.text[1:] for t in (subject, predicate, obj) if t.kind == "var"]
        return len(names) == len(set(names))

    def literal(self) -> bool:
        """A string, optionally with a language tag (no subtags) or a datatype IRI."""
        tok = self.peek()
        if tok is None or tok.kind != "string":
            return False
        self.i += 1
        after = self.peek()
        if after is not None and after.text == "@":
            tag = self.peek(1)
            if tag is None or tag.kind != "keyword" or tag.start != after.end:
                return False
            following = self.peek(2)
            if following is not None and following.text == "-" and following.start == tag.end:
                return False
            self.i += 2
        elif after is not None and after.text == "^^":
            datatype = self.peek(1)
            if datatype is None or datatype.kind not in ("iri", "pname"):
                return False
            self.i += 2
        return True

    def modifiers(self) -> bool:
        seen: set[str] = set()
        while (tok := self.peek()) is not None:
            word = tok.upper
            if tok.kind != "keyword" or word not in ("LIMIT", "OFFSET") or word in seen:
                return False
            seen.add(word)
            self.i += 1
            value = self.integer()
            if value is None or (word == "OFFSET" and value > self.rows):
                return False
        return True

    def integer(self) -> int | None:
        """Adjacent digit tokens (the tokenizer splits numbers into single characters)."""
        digits = ""
        end = None
        while (tok := self.peek()) is not None and tok.text.isdigit():
            if end is not None and tok.start != end:
                break
            digits += tok.text
            end = tok.end
            self.i += 1
        return int(digits) if digits else None
