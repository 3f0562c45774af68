"""Small helpers the flow-level tests share."""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb

from ingest.config import Settings


def rows(db: Path, sql: str) -> list[tuple]:
    """All rows of ``sql`` on a short read-only connection (closed, so the next run can write)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def run_ingest(s: Settings) -> dict:
    """One real ingest flow run (under whatever Prefect API the session set up)."""
    from flows.ingest import ingest

    return asyncio.run(ingest(settings=s.to_dict()))
