"""The export flow: tables as date-partitioned Parquet or CSV (see ``ingest/export.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flows  # noqa: F401  (telemetry off before Prefect is imported)
from prefect import flow
from prefect.artifacts import acreate_table_artifact

from ingest.config import load_settings
from ingest.export import export_tables


@flow(name="export", log_prints=True)
async def export(out_dir: str = "exports", fmt: str = "parquet", tables: list[str] | None = None,
                 config: str | None = None, settings: dict[str, Any] | None = None) -> dict[str, int]:
    """Write every table (or ``tables``) under ``out_dir`` as ``fmt`` (parquet or csv), partitioned by date."""
    s = load_settings(config, **(settings or {}))
    counts = export_tables(s.db, Path(out_dir), fmt, tables, lock_timeout=s.lock_timeout)
    await acreate_table_artifact(key="export-summary", description=f"exported to {out_dir} as {fmt}",
                                 table=[{"table": t, "rows": n} for t, n in counts.items()])
    return counts
