"""The ``runs`` table: a run recorded as running, then completed, failed or abandoned."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ingest.store.connection import writer

def start_run(con: duckdb.DuckDBPyConnection, run_id: str, flow: str, parameters: str | None = None) -> None:
    """Record a run as running (with its pid and host), after marking runs that died as such."""
    import os
    import socket

    mark_abandoned(con)
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, status, parameters, pid, host)"
        " VALUES (?, ?, ?, 'running', ?, ?, ?) ON CONFLICT DO NOTHING",
        [run_id, flow, datetime.now(timezone.utc), parameters, os.getpid(), socket.gethostname()],
    )


def mark_abandoned(con: duckdb.DuckDBPyConnection) -> int:
    """Runs still 'running' whose process on this host is gone become 'abandoned'.

    A run killed mid-way (SIGKILL, power loss) cannot record its own end. Whatever it
    committed stays — every batch is a transaction — and the next run re-does the rest.
    """
    import os
    import socket

    rows = con.execute("SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ?",
                       [socket.gethostname()]).fetchall()
    dead = []
    for run_id, pid in rows:
        if pid is None or pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            dead.append(run_id)
        except PermissionError:
            pass
    for run_id in dead:
        con.execute("UPDATE runs SET status = 'abandoned', error = 'process ended before the run finished'"
                    " WHERE run_id = ?", [run_id])
    return len(dead)


RUN_COUNTS = ("sources_unchanged", "candidates", "skipped_known", "fetched", "fetch_errors", "extracted",
              "extract_errors", "duplicates", "articles_new", "events_new")


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict[str, int],
               error: str | None = None) -> None:
    sets = ", ".join(f"{k} = ?" for k in RUN_COUNTS)
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {sets} WHERE run_id = ?",
        [datetime.now(timezone.utc), status, error, *[int(counts.get(k, 0)) for k in RUN_COUNTS], run_id],
    )


def end_run(path: Path | str, lock_timeout: float, run_id: str, counts: dict[str, int],
            error: BaseException | None = None) -> None:
    """Record a run's end on a short write connection: completed, or failed with the error."""
    status = "completed" if error is None else "failed"
    message = None if error is None else f"{type(error).__name__}: {error}"
    with writer(path, lock_timeout) as con:
        finish_run(con, run_id, status, counts, error=message)
