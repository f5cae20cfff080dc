"""Benchmarks: the project measured side by side with peer systems, and how cost grows with size.

``python -m bench.run [--quick] [--only NAME]`` runs them; see ``bench/README.md``.
Every server binds to 127.0.0.1 and every request goes to 127.0.0.1 only.
"""

from __future__ import annotations

import math
import socket
import statistics
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / "work"
RESULTS_DIR = BENCH_DIR / "results"
LOCAL_HOST = "127.0.0.1"
DEFAULT_SEED = 20241029


class BenchError(RuntimeError):
    """A benchmark could not run as asked (a peer failed to start, a build failed, ...)."""


class Missing(BenchError):
    """A part the benchmark needs does not exist yet; the benchmark is reported as not run."""


def require_local(url: str) -> str:
    """Return ``url`` if it points at 127.0.0.1, else raise ``ValueError`` (the network rule)."""
    host = urlsplit(url).hostname
    if host != LOCAL_HOST:
        raise ValueError(f"{url}: benchmarks only talk to {LOCAL_HOST}")
    return url


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return int(sock.getsockname()[1])


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median and range of repeated measurements."""
    if not values:
        return {"median": math.nan, "min": math.nan, "max": math.nan, "n": 0}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def ratio(numerators: Sequence[float], denominators: Sequence[float]) -> dict[str, float]:
    """Per-round ratios (paired by index, so noise that hits both sides cancels), summarised."""
    pairs = [a / b for a, b in zip(numerators, denominators, strict=False) if b > 0]
    return spread(pairs)
