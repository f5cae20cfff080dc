"""The federation guard: ``SERVICE`` in queries and ``LOAD`` in updates make the engine fetch
a URL of the client's choosing (including private addresses), so both are refused unless the
endpoint is on the ``KG_SERVICE_ALLOW`` list.

The check works on tokens (:mod:`kg.sparql.tokens`), so the keyword inside a string, a comment,
an IRI or a prefixed name is not a match, and ``SERVICE ?var`` (an endpoint chosen at run time)
is always refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.errors import BadQuery
from kg.sparql.tokens import Token, prefixes, resolve_iri

_SETTING = "KG_SERVICE_ALLOW"


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
