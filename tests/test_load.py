import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from ingest import load
from ingest.errors import DatabaseLocked, EventwireError
from ingest.query import run_query
from tests.helpers import hold_lock


def test_migrations_apply_once_and_are_recorded(db: Path):
    with load.writer(db) as con:
        names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY version").fetchall()]
        assert names[0] == "001_core.sql"
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "events", "runs", "fetches", "failures"} <= tables
    with load.writer(db) as con:
        assert load.migrate(con) == []  # nothing applied twice


def test_batches_are_idempotent_and_atomic(db: Path, seed_dir: Path):
    from ingest.extract import extract_article

    a = extract_article((seed_dir / "lyman_article.html").read_bytes(), "https://wire.example/world/lyman-retreat")
    with load.writer(db) as con:
        assert load.load_batch(con, "r1", articles=[a, a])["articles"] == 1
        assert load.load_batch(con, "r2", articles=[a])["articles"] == 0
        # a batch that fails half-way leaves nothing behind: the first insert succeeds (a valid
        # row, seen inside the transaction), the second fails, and the first is rolled back
        now = datetime.now(timezone.utc)
        with pytest.raises(duckdb.CatalogException):
            with load.transaction(con):
                assert load.insert_rows(con, "failures", [{"run_id": "r3", "stage": "x", "error": "E",
                                                           "failed_at": now}]) == 1
                assert con.execute("SELECT count(*) FROM failures").fetchall()[0][0] == 1
                con.execute("INSERT INTO nonexistent VALUES (1)")
        assert con.execute("SELECT count(*) FROM failures").fetchall()[0][0] == 0
        row = con.execute("SELECT title, published_at, run_id FROM articles").fetchall()
    assert row[0][0].startswith("Russian troops") and row[0][2] == "r1"


def test_second_writer_gets_a_clear_error(db: Path):
    p = hold_lock(db, 5)
    try:
        t0 = time.monotonic()
        with pytest.raises(DatabaseLocked, match=rf"locked by process {p.pid}"):
            load.connect(db, lock_timeout=0.5)
        assert time.monotonic() - t0 < 3
    finally:
        p.kill()
        p.wait()


def test_writer_waits_for_a_short_lock(db: Path):
    p = hold_lock(db, 1.0)
    try:
        with load.writer(db, lock_timeout=20) as con:
            assert con.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        p.kill()
        p.wait()


def test_query_is_read_only_and_cannot_touch_files(db: Path, tmp_path: Path):
    with load.writer(db):
        pass
    cols, rows = run_query(db, "SELECT count(*) AS n FROM articles")
    assert cols == ["n"] and rows == [(0,)]
    with pytest.raises(EventwireError):
        run_query(db, "DELETE FROM articles")
    with pytest.raises(EventwireError, match="--allow-external"):
        run_query(db, f"COPY articles TO '{tmp_path / 'out.csv'}'")
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(EventwireError, match="--allow-external"):
        run_query(db, "SELECT * FROM read_csv('/etc/passwd')")
    with pytest.raises(EventwireError, match="does not exist"):
        run_query(tmp_path / "nope.duckdb", "SELECT 1")
