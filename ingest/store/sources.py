"""The ``sources`` table: what each feed, sitemap or robots.txt answered, and its validators."""

from __future__ import annotations

from typing import Any, Iterable

import duckdb

from ingest.store.connection import transaction
from ingest.store.tables import dedupe_keys, to_arrow
from schemas.models import SourceState

_SOURCE_FIELDS = ("url", "kind", "parent", "etag", "last_modified", "last_status", "last_error", "items",
                  "checked_at", "changed_at")  # the SourceState fields that are columns (with run_id)


def source_states(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """url → ``SourceState`` for every stored source.

    Validators (ETag, Last-Modified) are handed back only when the run that stored them
    completed: after a crash or failure the next run reads the feed in full rather than
    being told "304, nothing new" about items it never loaded.
    """
    rows = con.execute(
        "SELECT s.url, s.kind, s.parent,"
        " CASE WHEN r.status = 'completed' THEN s.etag END,"
        " CASE WHEN r.status = 'completed' THEN s.last_modified END,"
        " s.last_status, s.last_error, s.items, s.checked_at, s.changed_at"
        " FROM sources s LEFT JOIN runs r ON r.run_id = s.run_id"
    ).fetchall()
    return {r[0]: SourceState(*r) for r in rows}


def save_sources(con: duckdb.DuckDBPyConnection, run_id: str, states: Iterable[Any]) -> int:
    """Upsert ``SourceState``s (one Arrow batch, one transaction); returns how many rows."""
    rows = dedupe_keys([{**{n: getattr(st, n) for n in _SOURCE_FIELDS}, "run_id": run_id} for st in states],
                       "url")
    if not rows:
        return 0
    sets = ", ".join(f"{c} = excluded.{c}" for c in rows[0] if c != "url")
    with transaction(con):
        con.register("_ew_sources", to_arrow(rows, "sources"))
        try:
            con.execute(f"INSERT INTO sources BY NAME SELECT * FROM _ew_sources ON CONFLICT (url) DO UPDATE SET {sets}")
        finally:
            con.unregister("_ew_sources")
    return len(rows)
