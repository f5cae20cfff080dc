"""Run ``lckg`` as a user would: a separate process, stdout and stderr kept apart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_lckg(
    *args: str, data_dir: Path, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    """``lckg ARGS`` with ``KG_DATA_DIR=data_dir`` and any other ``KG_*`` given as keywords."""
    environ = {**os.environ, "KG_DATA_DIR": str(data_dir), **env}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
