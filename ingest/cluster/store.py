"""The database side: read pending mentions and reachable clusters back from DuckDB, write
``events.cluster_id`` and ``event_clusters`` through Arrow (``update_clusters``)."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from ingest.cluster.matching import Matcher, mention_order, new_cluster_id
from ingest.cluster.rules import (  # noqa: F401
    ClusterConfig,
    EVENT_COLUMNS,
    Mention,
    Source,
    ALL_TYPES,
    date_span,
    types_compatible,
)
from ingest.cluster.summary import summarize
from ingest.store.tables import schema_of


# ---------------------------------------------------------------- the database side

@contextlib.contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def _keys(values: Iterable[str]) -> pa.Table:
    return pa.table({"k": pa.array(sorted(set(values)), pa.string())})


_SELECT_MENTIONS = ("SELECT " + ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
                    + ", a.first_seen_at, a.published_at FROM events e JOIN articles a ON a.article_id = e.article_id")


def _mentions(rows: list[tuple]) -> tuple[list[Mention], dict[str, tuple]]:
    n = len(EVENT_COLUMNS)
    ms, seen = [], {}
    for r in rows:
        m = Mention(**dict(zip(EVENT_COLUMNS, r[:n])))
        ms.append(m)
        seen[m.article_id] = (r[n], r[n + 1])
    return ms, seen


def _members_of(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, list[Mention]]:
    ids = set(ids)
    if not ids:
        return {}
    with _registered(con, "_ew_cids", _keys(ids)):
        rows = con.execute(_SELECT_MENTIONS + " WHERE e.cluster_id IN (SELECT k FROM _ew_cids)").fetchall()
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in _mentions(rows)[0]:
        out[m.cluster_id].append(m)
    return out


def _copies_of(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> tuple[dict[str, Source], dict[str, list[Source]]]:
    """The articles themselves, and their syndicated copies by original."""
    ids = set(article_ids)
    if not ids:
        return {}, {}
    with _registered(con, "_ew_aids", _keys(ids)):
        rows = con.execute(
            "SELECT article_id, duplicate_of, domain, url, published_at, first_seen_at FROM articles"
            " WHERE article_id IN (SELECT k FROM _ew_aids) OR duplicate_of IN (SELECT k FROM _ew_aids)"
        ).fetchall()
    own: dict[str, Source] = {}
    copies: dict[str, list[Source]] = defaultdict(list)
    for aid, dup, domain, url, pub, seen in rows:
        s = Source(aid, domain, url, pub, seen)
        if aid in ids:
            own[aid] = s
        if dup in ids and aid not in ids:
            copies[dup].append(s)
    return own, copies


def cluster_row(cluster_id: str, members: list[Mention], own: dict[str, Source],
                copies: dict[str, list[Source]], config: ClusterConfig) -> dict[str, Any]:
    """One ``event_clusters`` row (without ``updated_at``)."""
    row = {"cluster_id": cluster_id, **summarize(members, config)}
    sources: dict[str, Source] = {}
    mentions = 0
    for m in members:
        cs = copies.get(m.article_id, [])
        mentions += 1 + len(cs)
        for s in ([own[m.article_id]] if m.article_id in own else []) + cs:
            sources[s.article_id] = s
    far = datetime.max.replace(tzinfo=timezone.utc)
    arts = sorted(sources.values(), key=lambda s: (s.published_at or s.first_seen_at or far,
                                                  s.first_seen_at or far, s.article_id))
    seen = [s.first_seen_at for s in arts if s.first_seen_at is not None]
    row.update(
        num_events=len(members), num_mentions=mentions, num_articles=len(arts),
        num_sources=len({s.domain or s.article_id for s in arts}),
        first_article_id=arts[0].article_id if arts else None,
        first_source_url=arts[0].url if arts else None,
        first_published_at=arts[0].published_at if arts else None,
        first_seen_at=min(seen) if seen else None, last_seen_at=max(seen) if seen else None,
    )
    return row


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def update_clusters(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None,
                    config: ClusterConfig = ClusterConfig(), recount: bool = False) -> dict[str, int]:
    """Cluster every mention not clustered yet, and refresh the clusters that changed.

    Call after a batch is loaded, on the loader's write connection (not inside an open
    transaction: this runs its own). ``article_ids`` are the batch's articles, originals and
    copies: a copy whose original was loaded earlier refreshes the original's clusters. With
    ``None`` every cluster is recomputed (after a reprocess, or to repair). Mentions left
    unclustered by an earlier failure are picked up either way. ``recount`` also refreshes
    every cluster whose stored count no longer matches its events — needed after events were
    *replaced* (a reprocess), and a scan of every event, so the loader's per-batch call leaves
    it off: its cost then follows the batch, not the table. Returns counts:
    ``mentions`` clustered, ``new_clusters``, mentions that ``joined_existing`` clusters, clusters ``written``
    (changed rows only) and ``deleted`` (left without mentions).
    """
    from ingest.store.connection import transaction

    pending, seen = _mentions(con.execute(_SELECT_MENTIONS + " WHERE e.cluster_id IS NULL").fetchall())
    matcher = Matcher(config)
    if pending:
        # stored clusters a pending mention could join: a compatible type and a date span within
        # reach of the mention's (one window per mention, not one for the whole batch, so a batch
        # spanning months does not load every cluster of those months)
        window = timedelta(days=config.day_window)
        reach = {(t, span[0] - window, span[1] + window)
                 for m in pending if (span := date_span(m.event_date, m.date_precision, config))
                 for t in ALL_TYPES | {m.event_type} if types_compatible(t, m.event_type)}
        if reach:
            spans = pa.table({"t": pa.array([r[0] for r in reach], pa.string()),
                              "lo": pa.array([r[1] for r in reach], pa.date32()),
                              "hi": pa.array([r[2] for r in reach], pa.date32())})
            with _registered(con, "_ew_reach", spans):
                ids = [r[0] for r in con.execute(
                    "SELECT c.cluster_id FROM event_clusters c WHERE c.num_events > 0 AND EXISTS (SELECT 1 FROM"
                    " _ew_reach s WHERE s.t = c.event_type AND c.date_end >= s.lo AND c.date_start <= s.hi)"
                    " ORDER BY c.first_seen_at, c.cluster_id").fetchall()]
            members = _members_of(con, ids)
            for cid in ids:
                if members.get(cid):
                    matcher.add_existing(cid, members[cid])
    if pending:  # a founding id some other cluster already has: found under another id
        with _registered(con, "_ew_new", _keys(new_cluster_id(m.event_id) for m in pending)):
            matcher.reserve(r[0] for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IN (SELECT k FROM _ew_new)").fetchall())
    before = set(matcher.clusters)
    assigned: dict[str, str] = {}
    new: set[str] = set()
    for m in sorted(pending, key=lambda m: mention_order(m, seen)):
        cid, is_new = matcher.assign(m)
        assigned[m.event_id] = cid
        if is_new:
            new.add(cid)
    with transaction(con):
        if assigned:
            batch = pa.table({"event_id": pa.array(list(assigned), pa.string()),
                              "cluster_id": pa.array(list(assigned.values()), pa.string())})
            with _registered(con, "_ew_assign", batch):
                con.execute("UPDATE events SET cluster_id = _ew_assign.cluster_id FROM _ew_assign"
                            " WHERE events.event_id = _ew_assign.event_id")
        touched = set(assigned.values())
        if article_ids is None:
            touched |= {r[0] for r in con.execute("SELECT cluster_id FROM event_clusters").fetchall()}
            touched |= {r[0] for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL").fetchall()}
        else:
            with _registered(con, "_ew_aids", _keys(article_ids)):
                touched |= {r[0] for r in con.execute(
                    "SELECT DISTINCT e.cluster_id FROM events e WHERE e.cluster_id IS NOT NULL AND (e.article_id IN"
                    " (SELECT k FROM _ew_aids) OR e.article_id IN (SELECT duplicate_of FROM articles"
                    " WHERE article_id IN (SELECT k FROM _ew_aids)))").fetchall()}
        if article_ids is not None and recount:
            # clusters whose stored count no longer matches events (events replaced by a reprocess)
            touched |= {r[0] for r in con.execute(
                "SELECT c.cluster_id FROM event_clusters c LEFT JOIN (SELECT cluster_id, count(*) AS n FROM events"
                " WHERE cluster_id IS NOT NULL GROUP BY cluster_id) m ON m.cluster_id = c.cluster_id"
                " WHERE c.num_events <> coalesce(m.n, 0)").fetchall()}
        written, deleted = _write_clusters(con, touched, config)
    return {"mentions": len(assigned), "new_clusters": len(new),
            "joined_existing": sum(1 for c in assigned.values() if c in before),
            "written": written, "deleted": deleted}


def _write_clusters(con: duckdb.DuckDBPyConnection, touched: set[str], config: ClusterConfig) -> tuple[int, int]:
    if not touched:
        return 0, 0
    members = _members_of(con, touched)
    own, copies = _copies_of(con, {m.article_id for ms in members.values() for m in ms})
    schema = schema_of("event_clusters")  # the DDL's columns and types (one source: schemas/*.sql)
    cols = [n for n in schema.names if n != "updated_at"]
    with _registered(con, "_ew_cids", _keys(touched)):
        stored = {r[0]: dict(zip(cols, r)) for r in con.execute(
            f"SELECT {', '.join(cols)} FROM event_clusters WHERE cluster_id IN (SELECT k FROM _ew_cids)").fetchall()}
    now = datetime.now(timezone.utc)
    rows = []
    for cid in sorted(members):
        row = cluster_row(cid, members[cid], own, copies, config)
        old = stored.get(cid)
        if old is not None and all(_same(row[c], old[c]) for c in cols):
            continue
        row["updated_at"] = now
        rows.append(row)
    gone = sorted(set(stored) - set(members))
    if rows:
        table = pa.Table.from_pydict({n: [r.get(n) for r in rows] for n in schema.names}, schema=schema)
        sets = ", ".join(f"{c} = excluded.{c}" for c in schema.names if c != "cluster_id")
        with _registered(con, "_ew_clusters", table):
            con.execute("INSERT INTO event_clusters BY NAME SELECT * FROM _ew_clusters"
                        f" ON CONFLICT (cluster_id) DO UPDATE SET {sets}")
    if gone:
        with _registered(con, "_ew_gone", _keys(gone)):
            con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT k FROM _ew_gone)")
    return len(rows), len(gone)
