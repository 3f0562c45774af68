"""The one DuckDB writer: migrations, Arrow batch loads, runs and fetch records.

DuckDB lets exactly one process open a file read-write, and while it does no other
process may open it at all, not even read-only. So eventwire opens the file only for
the moment it needs it: a stage reads what it must know and closes; the loader opens,
writes one batch in one transaction (all or nothing) and closes. Another process that
finds the file locked waits up to ``lock_timeout`` seconds and then gets a
``DatabaseLocked`` error naming the process that holds it.

Rows go in as Arrow tables (``INSERT ... BY NAME SELECT * FROM batch``), never
row-by-row, and with ``ON CONFLICT DO NOTHING`` on stable keys, so loading the same
batch twice adds nothing.
"""

from __future__ import annotations

import contextlib
import re
import time
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from ingest.errors import DatabaseLocked, EventwireError
from schemas.models import Article, Event, Fetched

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


# ---------------------------------------------------------------- migrations

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


# ---------------------------------------------------------------- Arrow schemas

_TS = pa.timestamp("us", tz="UTC")

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()),
    ("domain", pa.string()), ("title", pa.string()), ("author", pa.string()),
    ("published_at", _TS), ("date_method", pa.string()), ("language", pa.string()),
    ("description", pa.string()), ("site_name", pa.string()), ("text", pa.string()),
    ("text_hash", pa.string()), ("word_count", pa.int32()), ("duplicate_of", pa.string()),
    ("first_seen_at", _TS), ("run_id", pa.string()), ("extractor_version", pa.string()),
    ("warc_file", pa.string()), ("warc_offset", pa.int64()),
    ("section", pa.string()), ("events_gate", pa.string()), ("modified_at", _TS),
])

EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("actor_name", pa.string()), ("actor_country", pa.string()),
    ("actor_sector", pa.string()), ("target_name", pa.string()), ("target_country", pa.string()),
    ("target_sector", pa.string()), ("location_name", pa.string()), ("admin1", pa.string()),
    ("country", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("geonames_id", pa.int64()), ("event_date", pa.date32()), ("date_precision", pa.string()),
    ("killed", pa.int32()), ("injured", pa.int32()), ("amount_usd", pa.float64()),
    ("personnel", pa.int32()), ("evidence", pa.string()), ("confidence", pa.float64()),
    ("cameo_code", pa.string()), ("acled_event_type", pa.string()), ("trigger", pa.string()),
    ("sentence_index", pa.int32()), ("cluster_id", pa.string()),
    ("extractor_version", pa.string()), ("run_id", pa.string()),
    ("modality", pa.string()), ("intended_type", pa.string()), ("date_end", pa.date32()),
    ("currency", pa.string()), ("amount", pa.float64()), ("geo_precision", pa.string()),
])

FETCH_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("url", pa.string()), ("final_url", pa.string()),
    ("status_code", pa.int32()), ("content_type", pa.string()), ("bytes", pa.int64()),
    ("elapsed_ms", pa.float64()), ("attempt", pa.int32()), ("error", pa.string()),
    ("error_message", pa.string()), ("fetched_at", _TS), ("source", pa.string()),
])


def _table(rows: Sequence[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    cols = {name: [r.get(name) for r in rows] for name in schema.names}
    return pa.Table.from_pydict(cols, schema=schema)


def article_rows(articles: Iterable[Article], run_id: str, now: datetime, extractor_version: str) -> list[dict]:
    rows = []
    for a in articles:
        rows.append({
            "article_id": a.article_id, "url": a.url, "canonical_url": a.canonical_url,
            "domain": a.domain, "title": a.title, "author": a.author,
            "published_at": a.published_at, "date_method": a.date_method,
            "language": a.language, "description": a.description, "site_name": a.site_name,
            "text": a.text, "text_hash": a.text_hash, "word_count": a.word_count,
            "duplicate_of": a.duplicate_of, "first_seen_at": now, "run_id": run_id,
            "extractor_version": extractor_version,
            "warc_file": a.warc_file, "warc_offset": a.warc_offset,
            "section": a.section, "events_gate": a.events_gate, "modified_at": a.modified_at,
        })
    return rows


def event_rows(events: Iterable[Event], run_id: str) -> list[dict]:
    rows = []
    for e in events:
        d = {name: getattr(e, name, None) for name in EVENT_SCHEMA.names if name != "run_id"}
        d["run_id"] = run_id
        if isinstance(d.get("event_date"), datetime):
            d["event_date"] = d["event_date"].date()
        rows.append(d)
    return rows


def fetch_rows(fetched: Iterable[Fetched], run_id: str) -> list[dict]:
    return [{
        "run_id": run_id, "url": f.url, "final_url": f.final_url, "status_code": f.status_code,
        "content_type": f.content_type, "bytes": len(f.body) if f.body is not None else None,
        "elapsed_ms": f.elapsed_ms, "attempt": f.attempt, "error": f.error,
        "error_message": f.error_message, "fetched_at": f.fetched_at, "source": f.candidate.source,
    } for f in fetched]


def _dedupe_keys(rows: list[dict], key: str) -> list[dict]:
    """Keep the first row per key: DuckDB refuses to touch one key twice in a statement."""
    seen: set = set()
    out = []
    for r in rows:
        if r[key] in seen:
            continue
        seen.add(r[key])
        out.append(r)
    return out


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], schema: pa.Schema,
                key: str | None = None) -> int:
    """Insert ``rows`` through Arrow; with ``key``, rows whose key exists are skipped.

    Returns how many rows were new. Call inside a transaction to make a batch atomic.
    """
    if not rows:
        return 0
    if key:
        rows = _dedupe_keys(rows, key)
    batch = _table(rows, schema)
    before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    con.register("_ew_batch", batch)
    try:
        conflict = " ON CONFLICT DO NOTHING" if key else ""
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ew_batch{conflict}")
    finally:
        con.unregister("_ew_batch")
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] - before


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


# ---------------------------------------------------------------- runs

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
        n_fetch = insert_rows(con, "fetches", fetch_rows(fetched, run_id), FETCH_SCHEMA)
        n_fail = 0
        if failures:
            rows = [{"run_id": run_id, "stage": f["stage"], "url": f.get("url"), "error": f["error"],
                     "error_message": f.get("error_message"), "failed_at": now} for f in failures]
            n_fail = insert_rows(con, "failures", rows, FAILURE_SCHEMA)
        n_art = insert_rows(con, "articles", article_rows(articles, run_id, now, extractor_version),
                            ARTICLE_SCHEMA, key="article_id")
        n_ev = insert_rows(con, "events", event_rows(events, run_id), EVENT_SCHEMA, key="event_id")
    return {"fetches": n_fetch, "failures": n_fail, "articles": n_art, "events": n_ev}


FAILURE_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("stage", pa.string()), ("url", pa.string()), ("error", pa.string()),
    ("error_message", pa.string()), ("failed_at", _TS),
])


def stored_for_reprocess(con: duckdb.DuckDBPyConnection, since: datetime | None = None) -> list[dict]:
    """Articles whose raw page is archived (first seen on or after ``since``), oldest first."""
    from ingest.reprocess import STORED_COLUMNS

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
    rows = _dedupe_keys(article_rows(articles, run_id, now, extractor_version), "article_id")
    batch = _table(rows, ARTICLE_SCHEMA)
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
        n_ev = insert_rows(con, "events", event_rows(events, run_id), EVENT_SCHEMA, key="event_id")
    return {"articles": len(rows), "events": n_ev}


# ---------------------------------------------------------------- sources (conditional GET)

SOURCE_SCHEMA = pa.schema([
    ("url", pa.string()), ("kind", pa.string()), ("parent", pa.string()), ("etag", pa.string()),
    ("last_modified", pa.string()), ("last_status", pa.int32()), ("last_error", pa.string()),
    ("items", pa.int32()), ("checked_at", _TS), ("changed_at", _TS), ("run_id", pa.string()),
])
_SOURCE_COLUMNS = tuple(n for n in SOURCE_SCHEMA.names if n != "url")


def source_states(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """url → ``SourceState`` for every stored source.

    Validators (ETag, Last-Modified) are handed back only when the run that stored them
    completed: after a crash or failure the next run reads the feed in full rather than
    being told "304, nothing new" about items it never loaded.
    """
    from ingest.discover import SourceState

    rows = con.execute(
        "SELECT s.url, s.kind, s.parent,"
        " CASE WHEN r.status = 'completed' THEN s.etag END,"
        " CASE WHEN r.status = 'completed' THEN s.last_modified END,"
        " s.last_status, s.last_error, s.items, s.checked_at, s.changed_at"
        " FROM sources s LEFT JOIN runs r ON r.run_id = s.run_id"
    ).fetchall()
    return {r[0]: SourceState(*r) for r in rows}


def save_sources(con: duckdb.DuckDBPyConnection, run_id: str, states: Iterable[Any]) -> int:
    """Upsert ``SourceState``s (one Arrow batch, one transaction); returns how many rows."""
    rows = _dedupe_keys([{
        "url": st.url, "kind": st.kind, "parent": st.parent, "etag": st.etag,
        "last_modified": st.last_modified, "last_status": st.last_status, "last_error": st.last_error,
        "items": st.items, "checked_at": st.checked_at, "changed_at": st.changed_at, "run_id": run_id,
    } for st in states], "url")
    if not rows:
        return 0
    sets = ", ".join(f"{c} = excluded.{c}" for c in _SOURCE_COLUMNS)
    with transaction(con):
        con.register("_ew_sources", _table(rows, SOURCE_SCHEMA))
        try:
            con.execute(f"INSERT INTO sources BY NAME SELECT * FROM _ew_sources ON CONFLICT (url) DO UPDATE SET {sets}")
        finally:
            con.unregister("_ew_sources")
    return len(rows)


# ---------------------------------------------------------------- near-duplicate signatures

def lookup_signatures(con: duckdb.DuckDBPyConnection, band_keys: Any, params: str | None = None,
                      unloaded: Collection[str] = frozenset()) -> Any:
    """Stored articles sharing an LSH band key with ``band_keys`` (int64s), as a
    ``neardup.Stored``: one join, whatever the size of the batch.

    Signatures made with other parameters are ignored, and so are those of articles that
    never reached ``articles`` (their batch failed to load after deduplication), except
    ``unloaded``: articles of this run deduplicated and on their way to the loader.
    """
    import numpy as np

    from ingest.neardup import PARAMS, Stored

    out = Stored()
    keys = np.asarray(band_keys, dtype=np.int64).ravel()
    if len(keys) == 0:
        return out
    con.register("_ew_band_keys", pa.table({"k": pa.array(keys, pa.int64())}))
    try:
        found = con.execute(
            "SELECT b.band_key, m.article_id, m.story_id, m.signature"
            " FROM _ew_band_keys q JOIN article_lsh_bands b ON b.band_key = q.k"
            " JOIN article_minhash m ON m.article_id = b.article_id"
            " WHERE m.params = ?",
            [params or PARAMS],
        ).fetchall()
    finally:
        con.unregister("_ew_band_keys")
    if found:  # only candidates that reached `articles` (few rows: a join on them is cheap)
        con.register("_ew_cand", pa.table({"k": pa.array(list({r[1] for r in found}), pa.string())}))
        try:
            loaded = {r[0] for r in con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT k FROM _ew_cand)").fetchall()}
        finally:
            con.unregister("_ew_cand")
        found = [r for r in found if r[1] in loaded or r[1] in unloaded]
    for key, aid, story, sig in found:
        out.by_key.setdefault(key, []).append(aid)
        if aid not in out.signature:
            out.signature[aid] = np.frombuffer(sig, dtype="<u4")
            out.story[aid] = story
    return out


def store_signatures(con: duckdb.DuckDBPyConnection, signed: Sequence[Any], params: str | None = None) -> int:
    """Keep a batch's MinHash signatures and band keys (``neardup.Signed``) for later runs,
    in one transaction, as two Arrow batches. Storing an article again replaces its rows
    (a batch whose load failed is deduplicated again in the next run)."""
    import numpy as np

    from ingest.neardup import PARAMS

    signed = _dedupe_keys([{"article_id": s.article_id, "s": s} for s in signed], "article_id")
    if not signed:
        return 0
    items = [r["s"] for r in signed]
    now = datetime.now(timezone.utc)
    sigs = pa.table({
        "article_id": pa.array([s.article_id for s in items], pa.string()),
        "story_id": pa.array([s.story_id for s in items], pa.string()),
        "signature": pa.array([np.asarray(s.signature, dtype="<u4").tobytes() for s in items], pa.binary()),
        "params": pa.array([params or PARAMS] * len(items), pa.string()),
        "first_seen_at": pa.array([now] * len(items), _TS),
    })
    keys = [np.asarray(s.keys, dtype=np.int64) for s in items]
    bands = pa.table({
        "band_key": pa.array(np.concatenate(keys), pa.int64()),
        "article_id": pa.array(np.repeat([s.article_id for s in items], [len(k) for k in keys]).tolist(), pa.string()),
    })
    with transaction(con):
        con.register("_ew_sigs", sigs)
        con.register("_ew_bands", bands)
        try:
            again = con.execute("SELECT count(*) FROM article_minhash WHERE article_id IN"
                                " (SELECT article_id FROM _ew_sigs)").fetchall()[0][0]
            if again:  # only then scan the band keys for the old rows
                con.execute("DELETE FROM article_lsh_bands WHERE article_id IN (SELECT article_id FROM _ew_sigs)")
            con.execute(
                "INSERT INTO article_minhash BY NAME SELECT * FROM _ew_sigs ON CONFLICT (article_id) DO UPDATE"
                " SET story_id = excluded.story_id, signature = excluded.signature, params = excluded.params")
            con.execute("INSERT INTO article_lsh_bands BY NAME SELECT * FROM _ew_bands")
        finally:
            con.unregister("_ew_sigs")
            con.unregister("_ew_bands")
    return len(items)
