"""Normalised text and its hash, below the stages: extraction stamps each article with
``text_hash`` and deduplication compares them, so both read this one definition."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalize_text(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form for exact matching."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _PUNCT.sub(" ", t)
    return _WS.sub(" ", t).strip()


def text_hash(text: str) -> str:
    """sha1 (hex, 40 chars) of ``normalize_text(text)``: equal for texts that differ only
    in case, punctuation or spacing (an exact copy, see ``ingest.dedup``)."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()
