"""IRIs given in a request (``graph=``, ``default-graph-uri=``, ``named-graph-uri=``, …) checked
as the engine checks them, so that a value the engine would refuse gets a 400 naming the
parameter, never an error from deep inside a query or a write.

>>> absolute_iri("http://example.org/g", "graph")
'http://example.org/g'
>>> absolute_iri("http://x/#a#b", "graph")
Traceback (most recent call last):
...
kg.errors.BadRequest: graph='http://x/#a#b' is not an absolute IRI: Invalid IRI code point '#'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import BadRequest


def absolute_iri(value: str, param: str) -> str:
    """``value`` if the engine takes it as an absolute IRI; :class:`BadRequest` naming ``param``
    and the problem otherwise (no scheme, a bad percent escape, a character IRIs cannot hold)."""
    try:
        ox.NamedNode(value)
    except (ValueError, UnicodeError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "it is not valid Unicode text"
        raise BadRequest(f"{param}={value!r} is not an absolute IRI: {reason}") from None
    return value


def absolute_iris(values: Iterable[str], param: str) -> list[str]:
    """Every value of a repeated parameter through :func:`absolute_iri`."""
    return [absolute_iri(value, param) for value in values]
