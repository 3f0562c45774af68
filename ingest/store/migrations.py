"""Schema migrations: each numbered ``schemas/NNN_*.sql`` applied once, in one transaction
with its record in ``schema_migrations`` (the sqlite-utils way)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources

import duckdb

def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every ``schemas/NNN_*.sql``, in order."""
    out = []
    for entry in resources.files("schemas").iterdir():
        m = re.match(r"^(\d+)_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply each numbered ``.sql`` file once, each in one transaction with its record."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migration_files():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, datetime.now(timezone.utc)],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
