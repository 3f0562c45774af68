"""Read-only SQL for users: the ``query`` command's engine.

The connection is read-only *and* has DuckDB's ``enable_external_access`` switched off
unless the user asks for it, so a query can neither change the database nor read or
write other files (``COPY … TO``, ``ATTACH``, ``read_csv('/etc/passwd')``, ``INSTALL``).
While a run holds the file for writing no other process can open it at all, so we
retry for ``wait`` seconds (runs hold it only for the moment they load a batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ingest.errors import DatabaseLocked, EventwireError, InvalidQuery
from ingest.load import connect


# DuckDB's errors that mean the SQL itself is wrong, not the database or the machine
_USER_ERRORS = (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
                duckdb.ConversionException, duckdb.InvalidInputException, duckdb.NotImplementedException)


def run_query(db: Path, sql: str, *, allow_external: bool = False, wait: float = 5.0) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(column names, rows) of ``sql``; ``([], [])`` for statements that return nothing.

    Raises ``InvalidQuery`` when the SQL is wrong (syntax, unknown name, type: exit status 2),
    ``DatabaseLocked`` while a writer holds the file past ``wait`` seconds, ``EventwireError``
    for other DuckDB failures."""
    if not sql.strip():
        raise InvalidQuery("no SQL given")
    try:
        con = connect(db, read_only=True, lock_timeout=wait,
                      config={"enable_external_access": bool(allow_external)})
    except DatabaseLocked as e:
        raise DatabaseLocked(f"{e}; queries retry for --wait seconds") from None
    try:
        try:
            cur = con.execute(sql)
        except duckdb.PermissionException as e:
            raise InvalidQuery(f"{e}. `query` is read-only and cannot touch other files; "
                               "pass --allow-external to allow reading/writing files") from None
        except _USER_ERRORS as e:
            raise InvalidQuery(f"{str(e).strip()} (tables and views: see README, Schema)") from None
        except duckdb.Error as e:
            raise EventwireError(str(e).strip()) from None
        if cur.description is None:
            return [], []
        columns = [d[0] for d in cur.description]
        return columns, cur.fetchall()
    finally:
        con.close()
