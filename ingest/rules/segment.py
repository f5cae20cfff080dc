"""Tables for :mod:`ingest.segment`."""

from __future__ import annotations

# Words that end with a period without ending the sentence (compared case-sensitively).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "TP",
        "Tp",
        "tp",
        "Q",
        "P",
        "TX",
        "TT",
        "ThS",
        "TS",
        "PGS",
        "GS",
        "BS",
        "KS",
        "CN",
        "NXB",
        "St",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "No",
        "Tr",
        "tr",
        "v.v",
        "vs",
        "Co",
        "Ltd",
        "Inc",
        "CHLB",
        "TW",
        "UBND",
        "HĐND",
        "Th",
        "Nxb",
    }
)
# Sentence-final punctuation.
TERMINATORS = ".!?…"
# Characters that may follow the terminator and still belong to the sentence.
CLOSERS = "\"'”’»)]"
# A sentence starts with one of these (after an opening quote or bracket).
OPENERS = "\"'“‘«(["
