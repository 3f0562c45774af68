"""Helpers the test modules share (so no test module imports another): running the flow,
reading a database, a free port, a process holding the DuckDB lock, event builders."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import socket
import subprocess
import sys
import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from ingest import load
from ingest.cluster import update_clusters
from ingest.config import Settings
from schemas.models import Article, Event


def rows(db: Path, sql: str) -> list[tuple]:
    """All rows of ``sql`` on a short read-only connection (closed, so the next run can write)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def run_ingest(s: Settings) -> dict:
    """One real ingest flow run (under whatever Prefect API the session set up)."""
    from flows.ingest_flow import ingest

    return asyncio.run(ingest(settings=s.to_dict()))


def free_port() -> int:
    """A port nothing listens on right now (on 127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HOLD = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE IF NOT EXISTS t (x INT)")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
""")


def hold_lock(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding ``db`` read-write for ``seconds`` (returned once it holds it)."""
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "locked"
    return p


# ---------------------------------------------------------------- event builders (clusters, report)

KHARKIV = dict(location_name="Kharkiv", admin1="Kharkiv", country="UKR", geonames_id=706483,
               latitude=49.98, longitude=36.25)
KHARKIV_REGION = dict(location_name="Kharkiv", admin1="Kharkiv", country="UKR", geonames_id=706482,
                      latitude=49.99, longitude=36.23)
CHUHUIV = dict(location_name="Chuhuiv", admin1="Kharkiv", country="UKR", geonames_id=711349,
               latitude=49.84, longitude=36.69)  # another city of the same oblast
ODESA = dict(location_name="Odesa", admin1="Odesa", country="UKR", geonames_id=698740,
             latitude=46.48, longitude=30.73)
RUSSIANS = dict(actor_name="Russian forces", actor_country="RUS", actor_sector="MIL")


def article(name: str, domain: str, published: str, duplicate_of: str | None = None) -> Article:
    url = f"https://{domain}/{name}"
    aid = hashlib.sha1(url.encode()).hexdigest()[:16]
    return Article(article_id=aid, url=url, canonical_url=url, domain=domain, title=name, author=None,
                   published_at=datetime.fromisoformat(published).replace(tzinfo=timezone.utc), language="en",
                   text=f"text of {name}", text_hash=hashlib.sha1(name.encode()).hexdigest(), word_count=100,
                   duplicate_of=duplicate_of)


def event(a: Article, sentence: int, on: str | None = None, precision: str = "day", *, type_: str = "ASSAULT",
          **fields) -> Event:
    """A mention in article ``a``; without ``on`` it is dated by publication (precision unknown)."""
    when = date.fromisoformat(on) if on else a.published_at.date()
    fields.setdefault("evidence", f"sentence {sentence} of {a.title}")
    e = Event(event_type=type_, event_date=when, date_precision=precision if on else "unknown",
              sentence_index=sentence, trigger="hit", confidence=0.8, article_id=a.article_id, **fields)
    return dataclasses.replace(e, event_id=hashlib.sha1(f"{a.article_id}|{sentence}|{type_}".encode()).hexdigest()[:16])


def load_and_cluster(db: Path, articles: list[Article], events: list[Event], run: str = "r1") -> dict:
    with load.writer(db) as con:
        load.load_batch(con, run, articles=articles, events=events)
        return update_clusters(con, [a.article_id for a in articles])


def clusters(db: Path) -> list[dict]:
    with load.reader(db) as con:
        cur = con.execute("SELECT * FROM event_clusters ORDER BY num_mentions DESC, cluster_id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
