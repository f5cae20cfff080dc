"""Real servers for the hostile-input tests (``lckg serve`` in a subprocess, loopback only)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "sparql")]
