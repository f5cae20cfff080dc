"""Content negotiation as one pure function: suffix wins, then ``format=``, then ``Accept``.

>>> from kg.formats import HTML, TURTLE
>>> negotiate("text/turtle;q=0.9, text/html;q=0.5", (HTML, TURTLE)).name
'turtle'
>>> negotiate("*/*", (HTML, TURTLE)).name
'html'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import mimeparse

from kg.errors import BadRequest, NotAcceptable
from kg.formats import Format


def negotiate(
    accept: str | None,
    offered: Sequence[Format],
    *,
    suffix: str | None = None,
    format_param: str | None = None,
) -> Format:
    """Pick one of ``offered`` (in order of preference on ties).

    ``suffix`` is a file extension from the path (``ttl``); ``format_param`` a ``format=`` value
    (a name, extension or media type). Raises :class:`NotAcceptable` when nothing fits and
    :class:`BadRequest` for a malformed ``Accept`` header.
    """
    if not offered:
        raise ValueError("negotiate() needs at least one offered format")
    if suffix is not None:
        for fmt in offered:
            if fmt.extension == suffix:
                return fmt
        raise NotAcceptable(f"no format with extension .{suffix}", offered=_names(offered))
    if format_param:
        key = format_param.strip().lower()
        for fmt in offered:
            if key in {fmt.name, fmt.extension, fmt.media_type}:
                return fmt
        raise NotAcceptable(f"format={format_param!r} is not offered here", offered=_names(offered))
    if accept is None or not accept.strip():
        return offered[0]
    if len(accept) > _CACHED_ACCEPT:
        return _best.__wrapped__(accept, tuple(offered))
    return _best(accept, tuple(offered))


_CACHED_ACCEPT = 512  # longer headers are rare: matched each time, never kept


@functools.lru_cache(maxsize=1024)
def _best(accept: str, offered: tuple[Format, ...]) -> Format:
    """The ``Accept`` match, remembered: clients send the same few headers again and again,
    and parsing them is a noticeable part of a small request. Errors are not remembered."""
    # Primary media types first, then aliases; mimeparse lets the *last* entry win ties, so
    # the candidate list is reversed to make the first offered format win.
    candidates: list[tuple[str, Format]] = [(f.media_type, f) for f in offered]
    candidates += [(alias, f) for f in offered for alias in f.aliases]
    table = dict(reversed(candidates))
    try:
        best = mimeparse.best_match(list(table), accept)
    except (ValueError, IndexError) as exc:
        raise BadRequest(f"malformed Accept header {accept!r}: {exc}") from exc
    if not best:
        raise NotAcceptable(f"nothing offered matches Accept: {accept}", offered=_names(offered))
    return table[best]


def _names(offered: Sequence[Format]) -> list[str]:
    return [f.media_type for f in offered]
