"""Table shapes, from one source: the DDL in ``schemas/NNN_*.sql``.

The columns of each table are written once, in its ``CREATE TABLE``/``ALTER TABLE``
statements. The Arrow schema a batch is loaded with is *read* from that DDL (the
migrations applied to an in-memory DuckDB, once per process), never written by hand, so
the two cannot drift; the row types (``schemas.models``) name their fields as the
columns, and ``tests/test_tables.py`` checks each field against the DDL.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

import duckdb
import pyarrow as pa

from ingest.store.migrations import migrate

TS = pa.timestamp("us", tz="UTC")


@functools.lru_cache(maxsize=1)
def _ddl() -> dict[str, pa.Schema]:
    """Every table's Arrow schema, as DuckDB exports it after all migrations ran."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        migrate(con)
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
        return {n: con.sql(f'SELECT * FROM "{n}" LIMIT 0').to_arrow_table().schema for n in names}
    finally:
        con.close()


def columns(table: str) -> tuple[str, ...]:
    """The column names of ``table``, in DDL order."""
    return tuple(_ddl()[table].names)


def schema_of(table: str, names: Sequence[str] | None = None) -> pa.Schema:
    """The Arrow schema of ``table`` (or of its columns ``names``, in that order), from the DDL.

    A name that is not a column is a ``KeyError`` naming it: a row type that drifted from
    the table fails here, at its first load, not with a silent NULL.
    """
    full = _ddl()[table]
    if names is None:
        return full
    missing = [n for n in names if full.get_field_index(n) < 0]
    if missing:
        raise KeyError(f"not columns of {table}: {', '.join(missing)}")
    return pa.schema([full.field(n) for n in names])


def to_arrow(rows: Sequence[dict[str, Any]], table: str, names: Sequence[str] | None = None) -> pa.Table:
    """Rows (dicts keyed by column) → an Arrow table typed by ``table``'s DDL.

    Only the columns the rows carry (``names``, default the first row's keys) are sent, so
    columns with a ``DEFAULT`` that a row type does not set keep their default.
    """
    if names is None:
        names = list(rows[0]) if rows else []
    schema = schema_of(table, names)
    return pa.Table.from_pydict({n: [r.get(n) for r in rows] for n in names}, schema=schema)


def dedupe_keys(rows: list[dict], key: str) -> list[dict]:
    """Keep the first row per key: DuckDB refuses to touch one key twice in a statement."""
    seen: set = set()
    out = []
    for r in rows:
        if r[key] in seen:
            continue
        seen.add(r[key])
        out.append(r)
    return out
