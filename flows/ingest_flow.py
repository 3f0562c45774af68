"""The ingest flow: discover → fetch → extract → dedup → events → load.

Each task wires one library stage; no logic lives here: *when* each stage runs — batches,
extraction ahead, loading one batch behind, the events stage switched off when its model is
missing — is the library's batch scheduler (``ingest/batches.py``), given these tasks bound
to the run's executor (here, a process pool, or Dask). Large task arguments (pages,
articles, events) are wrapped in ``quote`` so Prefect does not walk every object of a batch
looking for futures (measured: ~2 % of a run's CPU time). Pages go through in batches
(``batch_size``), so a WARC input streams with flat memory. Extraction and event coding,
the CPU-heavy stages, run in ``workers`` processes or on Dask (``dask_address``);
deduplication and loading stay here, in the one DuckDB writer, batch by batch in order.
The flow is idempotent: a re-run over the same input adds no rows (known URLs are not
fetched or extracted again, articles and events have stable keys), which matters because
a Prefect worker catches up missed scheduled runs.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import multiprocessing
import uuid
from pathlib import Path
from typing import Any

import flows  # noqa: F401  (telemetry off before Prefect is imported)
from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_link_artifact, acreate_markdown_artifact, acreate_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from ingest import dedup as dedup_mod
from ingest import extract as extract_mod
from ingest import archive, batches, cluster, events_stage, load, parallel, progress, report
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
    return extract_mod.extract_fetched(fetched, trust_canonical=s.trust_canonical, min_words=s.min_words,
                                       event_topics=s.event_topics)


@task(cache_policy=NO_CACHE)
def dedup(s: Settings, articles: list[Article], unloaded: list[Article] = (),
          bands: load.BandIndex | None = None) -> tuple[list[Article], int]:
    """Copies of stored articles, of ``unloaded`` ones (deduplicated, not loaded yet) or within
    the batch; ``bands`` is the run's in-memory LSH index (lookups independent of the table's size)."""
    with load.writer(s.db, s.lock_timeout) as con:
        ids, hashes = load.lookup_existing(con, [a.article_id for a in articles], [a.text_hash for a in articles])
        pending = {a.article_id for a in unloaded}
        for a in unloaded:  # earlier batches count as seen first, as they will be once loaded
            if a.duplicate_of is None:
                hashes.setdefault(a.text_hash, a.article_id)
        result = dedup_mod.dedup_articles(articles, ids | pending, hashes, near_dup_threshold=s.near_dup_threshold,
                                          lookup=lambda keys: load.lookup_signatures(con, keys, unloaded=pending,
                                                                                     index=bands))
        load.store_signatures(con, result.signed, index=bands)
    return result.articles, result.copies


@task(cache_policy=NO_CACHE)
def code_events(s: Settings, articles: list[Article]) -> tuple[list[Event], list[dict]]:
    """Events of the English originals, by the coder loaded once in whichever process runs this."""
    return parallel.code_events(s, articles)


@task(cache_policy=NO_CACHE)
def load_batch(s: Settings, run_id: str, articles: list[Article], events: list[Event],
               fetched: list[Fetched], failures: list[dict]) -> dict[str, int]:
    with load.writer(s.db, s.lock_timeout) as con:
        written = load.load_batch(con, run_id, articles=articles, events=events, fetched=fetched,
                                  failures=failures, extractor_version=extract_mod.EXTRACT_VERSION)
        # copies too: they add mentions and sources to their original's clusters
        cluster.update_clusters(con, [a.article_id for a in articles], cluster.ClusterConfig.from_settings(s))
        return written


@task(cache_policy=NO_CACHE)
def write_report(s: Settings, run_id: str) -> Path | None:
    """The run's HTML report (``<db>.reports/<run_id>.html``). A report that cannot be written
    is logged and skipped: the run's data is loaded by then, and a page must not fail it."""
    try:
        return report.write_run_report(s.db, run_id, lock_timeout=s.lock_timeout)
    except Exception as e:  # noqa: BLE001 (any failure here is the page's, not the run's)
        get_run_logger().warning("report not written: %s: %s", type(e).__name__, e)
        return None


def _task_runner(s: Settings) -> Any:
    """Where the CPU-heavy stages run: ``None`` (here), a process pool, or Dask (local or remote)."""
    if s.dask_address:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ConfigError("dask_address needs prefect-dask: pip install prefect-dask") from None
        if s.dask_address == "local":
            parallel.prepare(s)
            return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs={
                "n_workers": s.workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None})
        return DaskTaskRunner(address=s.dask_address)
    if s.workers > 1:
        parallel.prepare(s)
        # A plain process pool, not Prefect's ProcessPoolTaskRunner: measured on 2 cores, a
        # task run per part (its state events, logs and API calls, relayed by the writer
        # process to the API server) cost as much CPU as the parallelism gained.
        # The initializer loads the event coder once per worker process.
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=s.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=parallel.warm, initargs=(s,))
    return None


_PLAIN = {"extract": parallel.extract_pages, "code_events": parallel.code_events}


def _submit(runner: Any, stage: Any, s: Settings, name: str, items: list, parts: int) -> list:
    """``items`` cut into ``parts``, one task each: on Dask (a Prefect task run each), in the
    process pool, or here and now."""
    chunks = parallel.split(items, parts)
    if runner is None:
        return [stage(s, quote(part)) for part in chunks]
    if isinstance(runner, concurrent.futures.Executor):
        return [runner.submit(_PLAIN[stage.name], s, part) for part in chunks]
    return [runner.submit(stage, {"s": s, name: part}) for part in chunks]  # (quote does not survive Dask)


def _gather(results: list) -> tuple[list, list]:
    """The parts' results, in order (waiting for those still running)."""
    return parallel.merge(r.result() if isinstance(r, (PrefectFuture, concurrent.futures.Future)) else r
                          for r in results)


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
    for w in s.warcs:
        if not Path(w).is_file():
            raise ConfigError(f"WARC file {w} does not exist")
    run_id = run_id or (flow_run.get_id() or uuid.uuid4().hex)
    run_id = str(run_id)
    logger = get_run_logger()
    with load.writer(s.db, s.lock_timeout) as con:
        load.start_run(con, run_id, "ingest", json.dumps(s.to_dict()))
    counts = {k: 0 for k in load.RUN_COUNTS}
    errors: dict[str, int] = {}
    warc_skipped: dict[str, int] = {}
    summary = batches.RunSummary()
    try:
        fetched: list[Fetched] = []
        pending_log: list[Fetched] | None = []
        discovery_failures: list[dict] = []
        if not s.warcs or s.feeds or s.sitemaps or s.urls or s.files:
            async with Fetcher(s, run_id) as fetcher:
                discovery = await discover(fetcher, s)
                candidates = discovery.candidates
                counts["candidates"] = len(candidates)
                counts["sources_unchanged"] = discovery.unchanged
                discovery_failures = discovery.failures  # malformed feeds, bombs: recorded, not fatal
                for fl in discovery_failures:
                    errors[fl["error"]] = errors.get(fl["error"], 0) + 1
                candidates, counts["skipped_known"] = skip_known(s, quote(candidates))
                fetched = await fetch(fetcher, quote(candidates))
                if discovery.sources:  # validators are stored now but only trusted once this run completes
                    with load.writer(s.db, s.lock_timeout) as con:
                        load.save_sources(con, run_id, settle_sources(discovery.sources, fetched))
                # the fetches table gets every request made: feeds, robots.txt, retries, pages
                pending_log = list(fetcher.log)
                # … and every local file that could not be read (a read is its "request")
                pending_log += [f for f in fetched if f.candidate.local_path and not f.ok]
        counts["fetched"] = sum(1 for f in fetched if f.ok)
        counts["fetch_errors"] = sum(1 for f in fetched if not f.ok)
        for f in fetched:
            if f.error:
                errors[f.error] = errors.get(f.error, 0) + 1
        runner = _task_runner(s)
        parts = 1 if runner is None else 2 * s.workers
        bands = load.BandIndex()  # stored band keys, read on the first lookup, kept for the run

        def load_one(articles: list[Article], events: list[Event], failures: list[dict]) -> dict[str, int]:
            nonlocal pending_log
            if pending_log is not None:  # the first batch also carries the run's request log
                failures = discovery_failures + failures
            written = load_batch(s, run_id, quote(articles), quote(events), quote(pending_log or []),
                                 quote(failures))
            pending_log = None
            bands.confirm([a.article_id for a in articles])  # loaded: their signatures count now
            parallel.release_memory()
            return written

        stages = batches.Stages(
            extract=lambda pages: _submit(runner, extract, s, "fetched", pages, parts),
            code=lambda articles: _submit(runner, code_events, s, "articles", articles, parts),
            gather=_gather,
            dedup=lambda articles, unloaded: dedup(s, quote(articles), quote(unloaded), quote(bands)),
            load=load_one,
        )
        with runner if runner is not None else contextlib.nullcontext():
            # with workers, extraction runs two batches ahead and loading one behind (ingest.batches)
            scheduler = batches.Scheduler(
                stages, counts, errors, summary, ahead=0 if runner is None else 2, lag=0 if runner is None else 1,
                events_on=s.events, on_events_off=lambda e: logger.warning("events stage off: %s", e))
            if s.events and runner is None:  # in this process: load the coder now (cached)
                try:
                    events_stage.load_coder(s)
                except ConfigError as e:
                    scheduler.events_off(e)
            for chunk, pointers in batches.batches(
                    s, fetched, counts, warc_skipped,
                    archive_pages=lambda pages: archive_pages(s, run_id, quote(pages)),
                    skip_known=lambda cands: skip_known(s, quote(cands))):
                # only the futures are kept: the pages' HTML (the bulk of a run's memory) is
                # dropped as soon as the workers have extracted it
                scheduler.feed(chunk, pointers)
                del chunk
            scheduler.finish()
            if pending_log is not None or scheduler.stage_failures:  # no page at all: record what was done
                load_batch(s, run_id, [], [], quote(pending_log or []),
                           quote((discovery_failures if pending_log is not None else []) + scheduler.stage_failures))
    except BaseException as e:
        load.end_run(s.db, s.lock_timeout, run_id, counts, e)
        raise
    load.end_run(s.db, s.lock_timeout, run_id, counts)
    logger.info("run %s: %s", run_id, counts)
    if warc_skipped:
        logger.info("WARC records skipped: %s", warc_skipped)
    new_articles, new_events = summary.titles, summary.events()
    page = write_report(s, run_id)
    markdown = batches.summary_markdown(run_id, counts, errors, new_articles, new_events, by_type=summary.by_type)
    if page is not None:
        markdown += f"\n\n## Report\n\nMap, timeline, top events with evidence and this run's health: [{page}]({page.as_uri()})"
        await acreate_link_artifact(link=page.as_uri(), link_text=f"eventwire report {run_id[:8]} ({page})",
                                    key="ingest-report", description="eventwire report: one offline HTML page")
    await acreate_markdown_artifact(markdown=markdown, key="ingest-summary", description="eventwire ingest run summary")
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
    return {"run_id": run_id, "counts": counts, "errors": errors, "warc_skipped": warc_skipped,
            "report": str(page) if page is not None else None}
