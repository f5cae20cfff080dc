"""Expected answers of the research questions, and how an actual answer is compared with them.

An expected file ``expected/NN-name[--variant].tsv`` is written by reading the articles, never by
pasting the program's output. It starts with ``#`` lines::

    # query: 02-gnlc-members          the question (file stem)
    # param: country=id/country/vietnam   a parameter value (relative IRIs resolve against the base)
    # mode: exact                     exact: every actual row matches an expected row and back;
    #                                 subset: every expected row matches some actual row
    # absent: city=city/bangkok       no actual row may match these column patterns
    # why: free text                  the sentence of the article that says so (ignored)

then a tab-separated header naming some of the query's variables, then rows of cell patterns:

====================  =========================================================================
``*``                 anything, unbound included
``+``                 anything bound
(empty)               unbound (or the empty string)
``~text``             contains ``text``, ignoring case, diacritics, spaces and punctuation
``>n``                a number greater than ``n``
``a|b``               one of the alternatives
other                 equal, ignoring case, diacritics and punctuation; numbers compared as numbers
====================  =========================================================================

Actual IRIs are compared base-independently: ``{BASE}id/city/son-la`` becomes ``city/son-la``,
ontology terms become ``lc:City``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

NAMESPACES = {
    "https://w3id.org/learning-cities/ontology#": "lc:",
    "https://w3id.org/learning-cities/rules#": "rules:",
    "https://schema.org/": "schema:",
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass
class Expected:
    path: Path
    query: str
    params: dict[str, str] = field(default_factory=dict)
    mode: str = "exact"
    absent: list[dict[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def load_expected(path: Path) -> Expected:
    expected = Expected(path, query="")
    lines = path.read_text(encoding="utf-8").splitlines()
    body: list[str] = []
    for line in lines:
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(":")
            value = value.strip()
            if key == "query":
                expected.query = value
            elif key == "param":
                name, _, val = value.partition("=")
                expected.params[name.strip()] = val.strip()
            elif key == "mode":
                if value not in {"exact", "subset"}:
                    raise ValueError(f"{path.name}: mode {value!r}; expected exact or subset")
                expected.mode = value
            elif key == "absent":
                expected.absent.append(
                    dict(pair.split("=", 1) for pair in value.split() if "=" in pair)
                )
        elif line.strip():
            body.append(line)
    if not expected.query or not body:
        raise ValueError(f"{path.name}: needs a '# query:' line and a header row")
    expected.columns = body[0].split("\t")
    for number, line in enumerate(body[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(expected.columns):
            raise ValueError(f"{path.name}: row {number} has more cells than the header")
        expected.rows.append(cells + [""] * (len(expected.columns) - len(cells)))
    return expected


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, punctuation and spaces collapsed to one space."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", text).strip()


def show(term: dict[str, str] | None, base: str) -> str:
    """An actual value (a SPARQL JSON results term) as the expected files write it."""
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        if value.startswith(base):
            return value[len(base) :].removeprefix("id/")
        for namespace, prefix in NAMESPACES.items():
            if value.startswith(namespace):
                return prefix + value[len(namespace) :]
    return value


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


def cell_matches(pattern: str, actual: str) -> bool:
    if pattern == "*":
        return True
    if "|" in pattern:
        return any(cell_matches(alt, actual) for alt in pattern.split("|"))
    if pattern == "+":
        return actual != ""
    if pattern == "":
        return actual == ""
    if pattern.startswith("~"):
        return fold(pattern[1:]).replace(" ", "") in fold(actual).replace(" ", "")
    if pattern.startswith(">"):
        bound, value = _number(pattern[1:]), _number(actual)
        return bound is not None and value is not None and value > bound
    wanted, value = _number(pattern), _number(actual)
    if wanted is not None and value is not None:
        return wanted == value
    return fold(pattern) == fold(actual)


def row_matches(patterns: list[str], values: list[str]) -> bool:
    return all(cell_matches(p, v) for p, v in zip(patterns, values, strict=True))


def compare(
    expected: Expected, rows: list[dict[str, dict[str, str]]], variables: list[str], base: str
) -> list[str]:
    """Problems found (empty when the answer is as expected), each a readable line."""
    missing = [c for c in expected.columns if c not in variables]
    if missing:
        return [f"the query has no variable {', '.join(missing)} (it has {', '.join(variables)})"]
    actual = sorted({tuple(show(row.get(c), base) for c in expected.columns) for row in rows})
    problems = []
    for pattern in expected.rows:
        if not any(row_matches(pattern, list(values)) for values in actual):
            problems.append(
                f"expected row not found: {dict(zip(expected.columns, pattern, strict=False))}"
            )
    if expected.mode == "exact":
        for values in actual:
            if not any(row_matches(pattern, list(values)) for pattern in expected.rows):
                problems.append(
                    f"unexpected row: {dict(zip(expected.columns, values, strict=False))}"
                )
    for absent in expected.absent:
        for row in rows:
            if all(cell_matches(p, show(row.get(c), base)) for c, p in absent.items()):
                problems.append(f"row that must not be there: {absent}")
                break
    return problems
