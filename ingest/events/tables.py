"""The shipped lexicon tables (``ingest/events/data/*.tsv``), read once each."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_pairs(name: str) -> dict[str, str]:
    """First column → second column of a tab-separated table; ``#`` lines are comments.

    A missing file gives an empty table, so a trimmed install degrades to the hand lexicon
    instead of failing at import."""
    out: dict[str, str] = {}
    path = DATA / name
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) >= 2 and not row[0].startswith("#"):
                    out[row[0]] = row[1]
    return out
