"""The ingest flow: discover → fetch → extract → dedup → events → load.

Each task wires one library stage; no logic lives here. The flow is idempotent: a
re-run over the same input adds no rows (known URLs are not fetched again, articles
and events have stable keys), which matters because a Prefect worker catches up
missed scheduled runs.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

import flows  # noqa: F401  (telemetry off before Prefect is imported)
from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_markdown_artifact, acreate_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from ingest import dedup as dedup_mod
from ingest import extract as extract_mod
from ingest import archive, cluster, events_stage, load, progress
from ingest.config import Settings, load_settings
from ingest.errors import ConfigError
from ingest.discover import Discovery, settle_sources
from ingest.discover import discover as discover_all
from ingest.fetch import Fetcher, read_local
from schemas.models import Article, Candidate, Event, Fetched

@task(cache_policy=NO_CACHE)
async def discover(fetcher: Fetcher, s: Settings) -> Discovery:
    """Candidates from every source; feeds and sitemaps asked conditionally (``sources`` table)."""
    known = {}
    if s.db.exists():
        with load.writer(s.db, s.lock_timeout) as con:
            known = load.source_states(con)
    return await discover_all(fetcher, feeds=s.feeds, sitemaps=s.sitemaps, urls=s.urls, files=s.files,
                              known=known)


@task(cache_policy=NO_CACHE)
def skip_known(s: Settings, candidates: list[Candidate]) -> tuple[list[Candidate], int]:
    """Drop candidates whose URL is already stored, before spending a request on them."""
    if not s.db.exists():
        return candidates, 0
    keys = {c.url: dedup_mod.canonicalize_url(c.url) for c in candidates}
    with load.writer(s.db, s.lock_timeout) as con:
        known = load.known_urls(con, list(keys.values()))
    fresh = [c for c in candidates if keys[c.url] not in known]
    return fresh, len(candidates) - len(fresh)


@task(cache_policy=NO_CACHE)
async def fetch(fetcher: Fetcher, candidates: list[Candidate]) -> list[Fetched]:
    local = [read_local(c) for c in candidates if c.local_path]
    remote = [c for c in candidates if not c.local_path]
    with progress.bar("fetching", len(remote), mode=fetcher.s.progress) as advance:
        fetched = await fetcher.fetch_all(remote, progress=advance)
    return local + fetched


@task(cache_policy=NO_CACHE)
def archive_pages(s: Settings, run_id: str, fetched: list[Fetched]) -> dict[str, archive.Pointer]:
    if not s.archive:
        return {}
    return archive.write_run(s.archive_path, run_id, fetched)


@task(cache_policy=NO_CACHE)
def extract(s: Settings, fetched: list[Fetched]) -> tuple[list[Article], list[dict]]:
    return extract_mod.extract_fetched(fetched, trust_canonical=s.trust_canonical, min_words=s.min_words)


@task(cache_policy=NO_CACHE)
def dedup(s: Settings, articles: list[Article]) -> tuple[list[Article], int]:
    with load.writer(s.db, s.lock_timeout) as con:
        ids, hashes = load.lookup_existing(con, [a.article_id for a in articles], [a.text_hash for a in articles])
        result = dedup_mod.dedup_articles(articles, ids, hashes, near_dup_threshold=s.near_dup_threshold,
                                          lookup=lambda keys: load.lookup_signatures(con, keys))
        load.store_signatures(con, result.signed)
    return result.articles, result.copies


@task(cache_policy=NO_CACHE)
def code_events(coder: Any, articles: list[Article]) -> tuple[list[Event], list[dict]]:
    if coder is None:
        return [], []
    return events_stage.code_articles(coder, articles)


@task(cache_policy=NO_CACHE)
def load_batch(s: Settings, run_id: str, articles: list[Article], events: list[Event],
               fetched: list[Fetched], failures: list[dict]) -> dict[str, int]:
    with load.writer(s.db, s.lock_timeout) as con:
        written = load.load_batch(con, run_id, articles=articles, events=events, fetched=fetched,
                                  failures=failures, extractor_version=extract_mod.EXTRACT_VERSION)
        # copies too: they add mentions and sources to their original's clusters
        cluster.update_clusters(con, [a.article_id for a in articles])
        return written


def _publication_order(a: Article) -> tuple:
    return (a.published_at is None, a.published_at.timestamp() if a.published_at else 0.0, a.url)


def _with_pointer(a: Article, p: archive.Pointer | None) -> Article:
    return a if p is None else dataclasses.replace(a, warc_file=p.warc_file, warc_offset=p.warc_offset)


def _summary_markdown(run_id: str, counts: dict[str, int], errors: dict[str, int], titles: list[Article],
                      events: list[Event] = ()) -> str:
    lines = [f"# eventwire ingest run `{run_id}`", "", "| stage | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in counts.items()]
    if errors:
        lines += ["", "## Failures by class", "", "| error | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(errors.items(), key=lambda kv: -kv[1])]
    if events:
        by_type: dict[str, int] = {}
        for e in events:
            by_type[e.event_type] = by_type.get(e.event_type, 0) + 1
        lines += ["", "## Events by type", "", "| type | count |", "|---|---|"]
        lines += [f"| {t} | {n} |" for t, n in sorted(by_type.items(), key=lambda kv: -kv[1])]
        top = sorted(events, key=lambda e: -(e.confidence or 0))[:10]
        lines += ["", "## Top events", ""] + [
            f"- **{e.event_type}** {e.actor_name or '?'} → {e.target_name or ''} at {e.location_name or '?'} "
            f"({e.event_date or 'undated'}): {e.evidence[:160]}" for e in top]
    if titles:
        lines += ["", "## New articles", ""] + [f"- {a.title} ({a.domain})" for a in titles[:20]]
    return "\n".join(lines)


@flow(name="ingest", log_prints=True)
async def ingest(config: str | None = None, settings: dict[str, Any] | None = None,
                 run_id: str | None = None) -> dict[str, Any]:
    """One ingest run.

    ``config`` names a TOML config file (default: ``$EVENTWIRE_CONFIG`` or
    ``./eventwire.toml`` in the worker's working directory); ``settings`` overrides single
    ``Settings`` fields, e.g. ``{"db": "/data/events.duckdb", "feeds": ["https://…/rss"]}``.
    ``EVENTWIRE_*`` environment variables of the process running the flow apply too.
    Returns the run's counts; per-item failures are recorded in ``fetches`` and
    ``failures`` and do not fail the run.
    """
    s = load_settings(config, **(settings or {}))
    run_id = run_id or (flow_run.get_id() or uuid.uuid4().hex)
    run_id = str(run_id)
    logger = get_run_logger()
    with load.writer(s.db, s.lock_timeout) as con:
        load.start_run(con, run_id, "ingest", json.dumps(s.to_dict()))
    counts = {k: 0 for k in load.RUN_COUNTS}
    errors: dict[str, int] = {}
    new_articles: list[Article] = []
    new_events: list[Event] = []
    coder = None
    if s.events:
        try:
            coder = events_stage.load_coder(s)
        except ConfigError as e:
            logger.warning("events stage off: %s", e)
    try:
        async with Fetcher(s, run_id) as fetcher:
            discovery = await discover(fetcher, s)
            candidates = discovery.candidates
            counts["candidates"] = len(candidates)
            counts["sources_unchanged"] = discovery.unchanged
            candidates, counts["skipped_known"] = skip_known(s, candidates)
            fetched = await fetch(fetcher, candidates)
            if discovery.sources:  # validators are stored now but only trusted once this run completes
                with load.writer(s.db, s.lock_timeout) as con:
                    load.save_sources(con, run_id, settle_sources(discovery.sources, fetched))
            # the fetches table gets every request made: feeds, robots.txt, retries, pages
            pending_log: list[Fetched] = list(fetcher.log)
        counts["fetched"] = sum(1 for f in fetched if f.ok)
        counts["fetch_errors"] = sum(1 for f in fetched if not f.ok)
        for f in fetched:
            if f.error:
                errors[f.error] = errors.get(f.error, 0) + 1
        for start in range(0, max(len(fetched), 1), s.batch_size):
            chunk = fetched[start:start + s.batch_size]
            pointers = archive_pages(s, run_id, chunk)
            articles, failures = extract(s, chunk)
            articles = [_with_pointer(a, pointers.get(a.url)) for a in articles]
            # copies point at the first-seen article; within one batch, the earliest published
            articles.sort(key=_publication_order)
            counts["extracted"] += len(articles)
            counts["extract_errors"] += len(failures)
            for fl in failures:
                errors[fl["error"]] = errors.get(fl["error"], 0) + 1
            articles, dups = dedup(s, articles)
            counts["duplicates"] += dups
            events, skipped = code_events(coder, articles)
            failures += skipped
            written = load_batch(s, run_id, articles, events, pending_log, failures)
            pending_log = []
            counts["articles_new"] += written["articles"]
            counts["events_new"] += written["events"]
            new_articles.extend(articles)
            new_events.extend(events)
    except BaseException as e:
        with load.writer(s.db, s.lock_timeout) as con:
            load.finish_run(con, run_id, "failed", counts, error=f"{type(e).__name__}: {e}")
        raise
    with load.writer(s.db, s.lock_timeout) as con:
        load.finish_run(con, run_id, "completed", counts)
    logger.info("run %s: %s", run_id, counts)
    await acreate_markdown_artifact(markdown=_summary_markdown(run_id, counts, errors, new_articles, new_events),
                                   key="ingest-summary", description="eventwire ingest run summary")
    if new_events:
        await acreate_table_artifact(
            table=[{"event_type": e.event_type, "actor": e.actor_name, "target": e.target_name,
                    "location": e.location_name, "admin1": e.admin1, "country": e.country,
                    "event_date": e.event_date.isoformat() if e.event_date else None,
                    "killed": e.killed, "injured": e.injured, "amount_usd": e.amount_usd,
                    "evidence": e.evidence[:200]} for e in new_events[:500]],
            key="ingest-new-events", description="events loaded by this run")
    if new_articles:
        await acreate_table_artifact(
            table=[{"title": a.title, "domain": a.domain,
                    "published_at": a.published_at.isoformat() if a.published_at else None,
                    "duplicate_of": a.duplicate_of} for a in new_articles[:200]],
            key="ingest-new-articles", description="articles loaded by this run")
    return {"run_id": run_id, "counts": counts, "errors": errors}
