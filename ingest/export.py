"""Tables as Parquet or CSV files partitioned by date, for DuckDB, pandas, Spark or a warehouse.

DuckDB writes them itself (``COPY … TO … (PARTITION_BY …)``) from a read-only
connection, so exporting never blocks on or competes with the writer for longer than the
copy takes. Layout: ``DIR/<table>/date=YYYY-MM-DD/data_0.parquet`` (Hive partitioning:
``read_parquet('DIR/articles/**/*.parquet', hive_partitioning = true)`` reads it back).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.errors import ConfigError, EventwireError
from ingest.load import connect

# table → the expression that dates a row
PARTITIONS = {
    "articles": "CAST(coalesce(published_at, first_seen_at) AS DATE)",
    "events": "coalesce(event_date, CAST(NULL AS DATE))",
    "runs": "CAST(started_at AS DATE)",
    "fetches": "CAST(fetched_at AS DATE)",
    "failures": "CAST(failed_at AS DATE)",
    "event_clusters": "CAST(first_seen_at AS DATE)",
    "v_events": "event_date",
}


def export_tables(db: Path, out_dir: Path, fmt: str = "parquet", tables: list[str] | None = None,
                  lock_timeout: float = 5.0) -> dict[str, int]:
    """Export each table (those that exist) to ``out_dir``; returns rows written per table."""
    if fmt not in ("parquet", "csv"):
        raise ConfigError(f"unknown export format {fmt!r}: use parquet or csv")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True, lock_timeout=lock_timeout)
    try:
        existing = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        wanted = tables or list(PARTITIONS)
        unknown = [t for t in wanted if t not in PARTITIONS]
        if unknown:
            raise ConfigError(f"cannot export {', '.join(unknown)}: known tables are {', '.join(PARTITIONS)}")
        counts: dict[str, int] = {}
        for table in wanted:
            if table not in existing:
                continue
            target = out_dir / table
            opts = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
            sql = (f"COPY (SELECT *, {PARTITIONS[table]} AS date FROM {table}) TO '{_quote(target)}' "
                   f"({opts}, PARTITION_BY (date), OVERWRITE true)")
            try:
                con.execute(sql).fetchall()
            except duckdb.Error as e:
                raise EventwireError(f"export of {table} failed: {e}") from None
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        return counts
    finally:
        con.close()


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
