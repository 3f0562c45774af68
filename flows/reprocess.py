"""The reprocess flow: stored pages (WARC) → extract → events → replace rows. No fetching."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import flows  # noqa: F401  (telemetry off before Prefect is imported)
from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from ingest import cluster, events_stage, load, reprocess as reprocess_mod
from ingest.config import Settings, load_settings
from ingest.errors import ConfigError
from ingest.extract import EXTRACT_VERSION
from ingest.timeparse import parse_datetime
from schemas.models import Article, Event

BATCH_SIZE = 200


@task(cache_policy=NO_CACHE)
def select_stored(s: Settings, since: datetime | None) -> list[dict]:
    with load.writer(s.db, s.lock_timeout) as con:
        return load.stored_for_reprocess(con, since)


@task(cache_policy=NO_CACHE)
def reextract(s: Settings, rows: list[dict]) -> tuple[list[Article], list[dict]]:
    return reprocess_mod.reextract(s.archive_path, rows, trust_canonical=s.trust_canonical, min_words=s.min_words,
                                   event_topics=s.event_topics)


@task(cache_policy=NO_CACHE)
def code_events(coder: Any, articles: list[Article]) -> tuple[list[Event], list[dict]]:
    return events_stage.code_articles(coder, articles) if coder is not None else ([], [])


@task(cache_policy=NO_CACHE)
def replace(s: Settings, run_id: str, articles: list[Article], events: list[Event], failures: list[dict]) -> dict:
    with load.writer(s.db, s.lock_timeout) as con:
        n = load.replace_articles(con, run_id, articles, events, EXTRACT_VERSION)
        load.store_signatures(con, reprocess_mod.refreshed_signatures(articles))
        load.load_batch(con, run_id, failures=failures)
        # replaced events re-cluster
        # events were replaced: clusters that lost some must be recounted too
        cluster.update_clusters(con, [a.article_id for a in articles], cluster.ClusterConfig.from_settings(s),
                                recount=True)
        return n


@flow(name="reprocess", log_prints=True)
async def reprocess(since: str | None = None, config: str | None = None,
                    settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Re-extract articles (first seen on or after ``since``, an ISO date) from their archived
    pages with the current extractor version, and replace their rows and events."""
    s = load_settings(config, **(settings or {}))
    since_dt = parse_datetime(since) if since else None
    if since and since_dt is None:
        raise ConfigError(f"since={since!r} is not an ISO date")
    run_id = str(flow_run.get_id() or uuid.uuid4().hex)
    with load.writer(s.db, s.lock_timeout) as con:
        load.start_run(con, run_id, "reprocess", json.dumps({"since": since, **s.to_dict()}))
    coder = None
    if s.events:
        try:
            coder = events_stage.load_coder(s)
        except ConfigError as e:
            get_run_logger().warning("events stage off: %s", e)
    counts = {k: 0 for k in load.RUN_COUNTS}
    try:
        rows = select_stored(s, since_dt)
        counts["candidates"] = len(rows)
        for start in range(0, len(rows), BATCH_SIZE):
            articles, failures = reextract(s, rows[start:start + BATCH_SIZE])
            events, skipped = code_events(coder, articles)
            n = replace(s, run_id, articles, events, failures + skipped)
            counts["extracted"] += len(articles)
            counts["extract_errors"] += len(failures)
            counts["events_new"] += n["events"]
    except BaseException as e:
        load.end_run(s.db, s.lock_timeout, run_id, counts, e)
        raise
    load.end_run(s.db, s.lock_timeout, run_id, counts)
    await acreate_markdown_artifact(
        key="reprocess-summary", description="eventwire reprocess summary",
        markdown=(f"# reprocess `{run_id}`\n\nextractor `{EXTRACT_VERSION}`; {counts['candidates']} stored pages, "
                  f"{counts['extracted']} re-extracted, {counts['extract_errors']} failed, "
                  f"{counts['events_new']} events."))
    return {"run_id": run_id, "counts": counts}
