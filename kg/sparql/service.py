"""The federation guard's text layer: ``SERVICE`` in queries and ``LOAD`` in updates make the
engine fetch a URL of the client's choosing (including private addresses), so both are refused
unless the endpoint is on the ``KG_SERVICE_ALLOW`` list.

The text is not the boundary: query workers and the write thread are sealed off the network
(:mod:`kg.sparql.seal`), so a query that this layer reads differently from the engine still
reaches nothing. This layer answers early and clearly (400 naming the setting), and fails
closed:

* :func:`check_federation` works on tokens (:mod:`kg.sparql.tokens`), so the keyword inside a
  string, a comment, an IRI or a prefixed name is not a match, and ``SERVICE ?var`` (an endpoint
  chosen at run time) is always refused;
* :func:`check_remote` also reads the text with its ``\\u`` escapes resolved, looks for the
  words in any case anywhere, and refuses a text where such a word sits in a string, comment or
  IRI while the tokenizer's reading is unsure (an IRI that may be a comparison, see
  :func:`kg.sparql.tokens.unsure_iris`); when the seal could not be applied it refuses every
  text that contains the words at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kg.errors import BadQuery
from kg.sparql.tokens import (
    Token,
    prefixes,
    resolve_iri,
    tokenize,
    unescape_codepoints,
    unsure_iris,
)

_SETTING = "KG_SERVICE_ALLOW"
_ISOLATION = "KG_NETWORK_ISOLATION"
# Any case, any script that folds to these letters; only whole words (``download`` is not one).
_REMOTE_WORD = re.compile(r"(?<![\w])(service|load)(?![\w])", re.IGNORECASE)

Isolation = Literal["sealed", "unsealed", "off"]


def remote_targets(tokens: Sequence[Token], keyword: str) -> list[str | None]:
    """The IRIs that each ``keyword`` (``SERVICE`` or ``LOAD``) names; ``None`` if not an IRI."""
    targets: list[str | None] = []
    declared: dict[str, str] | None = None
    for i, tok in enumerate(tokens):
        if not tok.is_keyword(keyword):
            continue
        if declared is None:
            declared = prefixes(tokens)
        j = i + 1
        if j < len(tokens) and tokens[j].is_keyword("SILENT"):
            j += 1
        targets.append(resolve_iri(tokens, j, declared) if j < len(tokens) else None)
    return targets


def is_allowed(iri: str, allow: Sequence[str]) -> bool:
    """An allow-list entry matches the IRI exactly, or as a prefix if it ends in ``/`` or ``*``."""
    for entry in allow:
        if entry.endswith("*"):
            if iri.startswith(entry[:-1]):
                return True
        elif iri == entry or (entry.endswith("/") and iri.startswith(entry)):
            return True
    return False


def check_federation(tokens: Sequence[Token], allow: Sequence[str], *, update: bool) -> None:
    """Raise :class:`BadQuery` (400) if the operation would fetch a URL that is not allowed.

    Queries are checked for ``SERVICE``; updates for ``SERVICE`` (in ``WHERE``) and ``LOAD``.
    """
    for keyword in ("SERVICE", "LOAD") if update else ("SERVICE",):
        for target in remote_targets(tokens, keyword):
            if target is None:
                raise BadQuery(
                    f"{keyword} with a variable or unresolvable endpoint is not allowed here; "
                    f"only endpoints listed in {_SETTING} may be used"
                )
            if not is_allowed(target, allow):
                what = "LOAD of" if keyword == "LOAD" else "federated query (SERVICE) to"
                raise BadQuery(
                    f"{what} <{target}> refused: this endpoint only contacts endpoints listed "
                    f"in {_SETTING}" + ("" if allow else " (the list is empty)")
                )


def mentions_remote(text: str) -> bool:
    """Whether ``text`` (or its ``\\u``-unescaped reading) contains ``SERVICE`` or ``LOAD`` as a
    word anywhere, strings and comments included."""
    return bool(_REMOTE_WORD.search(text) or _REMOTE_WORD.search(unescape_codepoints(text)))


@dataclass(frozen=True)
class RemotePolicy:
    """What the text layer enforces: the allow-list and how the engine is isolated.

    ``sealed``: the seal holds (the default); ``unsealed``: the seal was asked for but the kernel
    refused it, so every text naming SERVICE or LOAD is refused; ``off``: the operator turned
    isolation off (``KG_NETWORK_ISOLATION=off``) and the allow-list is enforced by text alone.
    """

    allow: tuple[str, ...] = ()
    isolation: Isolation = "sealed"

    def check(self, text: str, *, update: bool) -> None:
        """Raise :class:`BadQuery` (400) if ``text`` may make the engine fetch a URL that is
        not allowed, or if this layer cannot tell."""
        check_remote(text, self.allow, isolation=self.isolation, update=update)


def check_remote(
    text: str, allow: Sequence[str], *, isolation: Isolation = "sealed", update: bool
) -> None:
    """The whole text layer; see the module docstring."""
    readings = [text]
    unescaped = unescape_codepoints(text)
    if unescaped != text:
        readings.append(unescaped)
    for reading in readings:
        words = len(_REMOTE_WORD.findall(reading))
        if not words:
            continue
        if isolation == "unsealed":
            raise BadQuery(
                "SERVICE and LOAD are refused here: the query workers could not be sealed off "
                f"the network on this machine (see the server log and {_ISOLATION}), so any "
                "text naming them, even in a string or comment, is refused"
            )
        tokens = list(tokenize(reading))
        check_federation(tokens, allow, update=update)
        keywords = sum(1 for t in tokens if t.is_keyword("SERVICE", "LOAD"))
        doubtful = unsure_iris(tokens)
        if words > keywords and doubtful:
            at = doubtful[0]
            raise BadQuery(
                f"the text can be read in two ways around {at.text} (offset {at.start}): as an "
                "IRI, or as a comparison followed by a string or comment that hides SERVICE or "
                "LOAD; write a comparison with spaces around '<' (or the IRI without quotes "
                "and '#') so that it reads one way"
            )
