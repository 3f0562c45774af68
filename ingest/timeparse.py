"""Timestamps as feeds, sitemaps and pages write them → aware UTC ``datetime``.

Below the stages: discovery reads feed and sitemap dates, extraction page dates; both use
this one reading.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601 (``Z`` or an offset; naive values are taken as UTC) or RFC 2822 (RSS
    ``pubDate``) → aware UTC datetime; ``None`` for anything else (never raises)."""
    if not value:
        return None
    v = value.strip()
    if v.endswith("Z"):
        v = v[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)
