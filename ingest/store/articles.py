"""Articles, events, fetches and failures: Arrow batches in, one transaction per batch.

Rows go in as Arrow tables (``INSERT ... BY NAME SELECT * FROM batch``), never
row-by-row, and with ``ON CONFLICT DO NOTHING`` on stable keys, so loading the same
batch twice adds nothing.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date, datetime, timezone
from typing import Any, Iterable, Sequence

import duckdb
import pyarrow as pa

from ingest.store.connection import transaction
from ingest.store.tables import columns, dedupe_keys, to_arrow
from schemas.models import Article, Event, Fetched

@functools.lru_cache(maxsize=None)
def row_fields(row_type: type, table: str) -> tuple[str, ...]:
    """The fields of a row type (``Article``, ``Event``) that are columns of ``table``; the
    others (``Article.fetched_at``) are for the stages only. Both come from one place each:
    the dataclass, and the DDL (``ingest.store.tables``)."""
    cols = set(columns(table))
    return tuple(f.name for f in dataclasses.fields(row_type) if f.name in cols)


def article_rows(articles: Iterable[Article], run_id: str, now: datetime, extractor_version: str) -> list[dict]:
    """``articles`` rows: the ``Article`` fields, plus the loader's bookkeeping columns."""
    names = row_fields(Article, "articles")
    return [{**{n: getattr(a, n) for n in names}, "first_seen_at": now, "run_id": run_id,
             "extractor_version": extractor_version} for a in articles]


def event_rows(events: Iterable[Event], run_id: str) -> list[dict]:
    """``events`` rows: the ``Event`` fields, plus ``run_id``."""
    names = row_fields(Event, "events")
    rows = []
    for e in events:
        d = {n: getattr(e, n) for n in names}
        d["run_id"] = run_id
        if isinstance(d.get("event_date"), datetime):
            d["event_date"] = d["event_date"].date()
        rows.append(d)
    return rows


def fetch_rows(fetched: Iterable[Fetched], run_id: str) -> list[dict]:
    """``fetches`` rows: one per request made (``bytes`` is the decoded body's length)."""
    return [{
        "run_id": run_id, "url": f.url, "final_url": f.final_url, "status_code": f.status_code,
        "content_type": f.content_type, "bytes": len(f.body) if f.body is not None else None,
        "elapsed_ms": f.elapsed_ms, "attempt": f.attempt, "error": f.error,
        "error_message": f.error_message, "fetched_at": f.fetched_at, "source": f.candidate.source,
    } for f in fetched]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], key: str | None = None) -> int:
    """Insert ``rows`` through Arrow (typed by the table's DDL); with ``key``, rows whose key
    exists are skipped.

    Returns how many rows were new. Call inside a transaction to make a batch atomic.
    """
    if not rows:
        return 0
    if key:
        rows = dedupe_keys(rows, key)
    batch = to_arrow(rows, table)
    before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    con.register("_ew_batch", batch)
    try:
        conflict = " ON CONFLICT DO NOTHING" if key else ""
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ew_batch{conflict}")
    finally:
        con.unregister("_ew_batch")
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] - before


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))


def lookup_existing(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], text_hashes: Sequence[str]
                    ) -> tuple[set[str], dict[str, str]]:
    """(ids already stored, text_hash → first-seen article_id) for a batch's keys."""
    ids: set[str] = set()
    hashes: dict[str, str] = {}
    if article_ids:
        t = pa.table({"k": pa.array(list(set(article_ids)), pa.string())})
        con.register("_ew_keys", t)
        ids = {r[0] for r in con.execute("SELECT article_id FROM articles JOIN _ew_keys ON article_id = k").fetchall()}
        con.unregister("_ew_keys")
    if text_hashes:
        t = pa.table({"k": pa.array(list(set(text_hashes)), pa.string())})
        con.register("_ew_keys", t)
        rows = con.execute(
            "SELECT text_hash, arg_min(article_id, first_seen_at) FROM articles JOIN _ew_keys ON text_hash = k"
            " WHERE duplicate_of IS NULL GROUP BY text_hash"
        ).fetchall()
        con.unregister("_ew_keys")
        hashes = {h: i for h, i in rows}
    return ids, hashes


def known_urls(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> set[str]:
    """Which of ``urls`` (canonicalised) are already stored as an article's url or canonical_url."""
    if not urls:
        return set()
    t = pa.table({"k": pa.array(list(set(urls)), pa.string())})
    con.register("_ew_keys", t)
    try:
        rows = con.execute(
            "SELECT k FROM _ew_keys WHERE k IN (SELECT canonical_url FROM articles)"
            " OR k IN (SELECT url FROM articles)"
        ).fetchall()
    finally:
        con.unregister("_ew_keys")
    return {r[0] for r in rows}


def load_batch(con: duckdb.DuckDBPyConnection, run_id: str, *, articles: Sequence[Article] = (),
               events: Sequence[Event] = (), fetched: Sequence[Fetched] = (),
               failures: Sequence[dict] = (), extractor_version: str = "") -> dict[str, int]:
    """Write one batch in one transaction: all of it lands, or none of it."""
    now = datetime.now(timezone.utc)
    with transaction(con):
        n_fetch = insert_rows(con, "fetches", fetch_rows(fetched, run_id))
        n_fail = 0
        if failures:
            rows = [{"run_id": run_id, "stage": f["stage"], "url": f.get("url"), "error": f["error"],
                     "error_message": f.get("error_message"), "failed_at": now} for f in failures]
            n_fail = insert_rows(con, "failures", rows)
        n_art = insert_rows(con, "articles", article_rows(articles, run_id, now, extractor_version),
                            key="article_id")
        n_ev = insert_rows(con, "events", event_rows(events, run_id), key="event_id")
    return {"fetches": n_fetch, "failures": n_fail, "articles": n_art, "events": n_ev}


STORED_COLUMNS = ("article_id", "url", "canonical_url", "domain", "duplicate_of", "published_at",
                  "date_method", "warc_file", "warc_offset")
"""What reprocessing needs of a stored article: its identity and where its raw page is."""


def stored_for_reprocess(con: duckdb.DuckDBPyConnection, since: datetime | None = None) -> list[dict]:
    """Articles whose raw page is archived (first seen on or after ``since``), oldest first."""
    where = "warc_file IS NOT NULL" + (" AND first_seen_at >= ?" if since else "")
    rows = con.execute(
        f"SELECT {', '.join(STORED_COLUMNS)} FROM articles WHERE {where} ORDER BY first_seen_at, article_id",
        [since] if since else [],
    ).fetchall()
    return [dict(zip(STORED_COLUMNS, r)) for r in rows]


_CONTENT_COLUMNS = ("title", "author", "published_at", "date_method", "language", "description",
                    "site_name", "text", "text_hash", "word_count", "extractor_version", "section", "events_gate",
                    "modified_at")


def replace_articles(con: duckdb.DuckDBPyConnection, run_id: str, articles: Sequence[Article],
                     events: Sequence[Event], extractor_version: str) -> dict[str, int]:
    """Reprocessing: refresh the content columns of stored articles and replace their
    events, in one transaction. Identity columns and ``first_seen_at`` stay as they were."""
    if not articles:
        return {"articles": 0, "events": 0}
    now = datetime.now(timezone.utc)
    rows = dedupe_keys(article_rows(articles, run_id, now, extractor_version), "article_id")
    batch = to_arrow(rows, "articles")
    ids = pa.table({"k": pa.array([r["article_id"] for r in rows], pa.string())})
    sets = ", ".join(f"{c} = _ew_batch.{c}" for c in _CONTENT_COLUMNS)
    with transaction(con):
        con.register("_ew_batch", batch)
        con.register("_ew_ids", ids)
        try:
            con.execute(f"UPDATE articles SET {sets} FROM _ew_batch WHERE articles.article_id = _ew_batch.article_id")
            con.execute("DELETE FROM events WHERE article_id IN (SELECT k FROM _ew_ids)")
        finally:
            con.unregister("_ew_batch")
            con.unregister("_ew_ids")
        n_ev = insert_rows(con, "events", event_rows(events, run_id), key="event_id")
    return {"articles": len(rows), "events": n_ev}
