"""Opening the DuckDB file: one writer at a time, short-lived connections, transactions.

DuckDB lets exactly one process open a file read-write, and while it does no other
process may open it at all, not even read-only. So eventwire opens the file only for
the moment it needs it: a stage reads what it must know and closes; the loader opens,
writes one batch in one transaction (all or nothing) and closes. Another process that
finds the file locked waits up to ``lock_timeout`` seconds and then gets a
``DatabaseLocked`` error naming the process that holds it.
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from typing import Any, Iterator

import duckdb

from ingest.errors import DatabaseLocked, EventwireError
from ingest.store.migrations import migrate

_LOCK_RE = re.compile(r"Conflicting lock is held in (?P<prog>.+?) \(PID (?P<pid>\d+)\)")


def _lock_message(path: Path, err: Exception) -> str:
    m = _LOCK_RE.search(str(err))
    holder = f"process {m['pid']} ({m['prog']})" if m else "another process"
    return (
        f"database {path} is locked by {holder}, probably a running eventwire run or an open "
        "DuckDB session; wait for it to finish or close it, or raise --lock-timeout"
    )


def _is_lock_error(err: Exception) -> bool:
    s = str(err)
    return "Could not set lock" in s or "Conflicting lock" in s


def connect(path: Path | str, *, read_only: bool = False, lock_timeout: float = 0.0,
            config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting up to ``lock_timeout`` s while another process holds it.

    ``config`` is passed to DuckDB (e.g. ``enable_external_access`` for user queries)."""
    path = Path(path)
    if read_only and not path.exists():
        raise EventwireError(f"database {path} does not exist yet: run `eventwire run` or `eventwire demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config or {})
            con.execute("SET TimeZone = 'UTC'")
            return con
        except duckdb.IOException as e:
            if not _is_lock_error(e):
                raise EventwireError(f"cannot open database {path}: {e}") from None
            if time.monotonic() >= deadline:
                raise DatabaseLocked(_lock_message(path, e)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


@contextlib.contextmanager
def writer(path: Path | str, lock_timeout: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-write connection with the schema up to date."""
    con = connect(path, lock_timeout=lock_timeout)
    try:
        migrate(con)
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def reader(path: Path | str, lock_timeout: float = 5.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; retries for a few seconds while a writer holds the file."""
    con = connect(path, read_only=True, lock_timeout=lock_timeout)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a batch either lands whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
