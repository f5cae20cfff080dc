"""Real servers for the hostile-input tests (``lckg serve`` in a subprocess, loopback only)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sparql"))
