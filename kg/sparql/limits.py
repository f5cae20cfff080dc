"""Limits a query cannot exceed besides its deadline: nesting (checked on the text, 400) and
memory (a worker's resident set, watched while it works, 503).

Nesting is what makes the engine's parser and planner recurse; a text nested deeper than
``KG_MAX_NESTING`` is refused before any engine sees it, and the workers' stack
(:data:`kg.sparql.worker.STACK_SIZE`) is large enough for any nesting a text within
``KG_MAX_QUERY_LENGTH`` can write, so an accepted text cannot overflow it either.

Memory is watched from the parent (``/proc/<pid>/statm``) every :data:`MEMORY_POLL` seconds
while a worker runs a job: past ``KG_QUERY_MEMORY`` the worker is killed (the memory goes back
to the system at once) and replaced, and the client gets 503 naming the setting.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import BadQuery, Unavailable
from kg.sparql.tokens import nesting_depth, tokens_of

MEMORY_POLL = 0.1  # seconds between two looks at a busy worker's memory
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def check_nesting(text: str, limit: int, *, what: str = "query") -> None:
    """Raise :class:`BadQuery` if ``text`` nests ``{ }``, ``( )`` or ``[ ]`` deeper than
    ``limit``."""
    depth = nesting_depth(tokens_of(text))
    if depth > limit:
        raise BadQuery(
            f"the {what} nests brackets {depth} levels deep; the limit is {limit} "
            "(KG_MAX_NESTING): flatten it (fewer nested groups or parentheses)"
        )


def resident_bytes(pid: int) -> int | None:
    """The resident set of process ``pid`` in bytes; ``None`` if it cannot be read (gone, or
    no ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    return int(fields[1]) * _PAGE if len(fields) > 1 else None


def memory_error(limit: int, used: int, *, what: str = "query") -> Unavailable:
    mib = 1 << 20
    advice = {
        "query": "narrow it down (LIMIT, fewer joins, no large GROUP BY or ORDER BY)",
        "update": "split it into smaller updates",
        "upload": "send it in smaller parts or as N-Triples (JSON-LD nested deeply costs "
        "memory in the square of its depth)",
    }[what]
    return Unavailable(
        f"the {what} used more than the {limit / mib:g} MiB a query worker may use "
        f"(KG_QUERY_MEMORY; it reached {used / mib:.1f} MiB) and was stopped; {advice} "
        "or ask for a higher limit"
    )
