"""The error every ingest stage raises on bad input (its own module: no stage imports the API)."""

from __future__ import annotations


class IngestError(ValueError):
    """Bad input: the message names the file (and line where there is one) and the problem."""
