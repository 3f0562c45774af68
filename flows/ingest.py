"""The ingest flow: discover → fetch → extract → dedup → events → load.

Each task wires one library stage; no logic lives here. Large task arguments (pages,
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

import collections
import concurrent.futures
import contextlib
import dataclasses
import json
import multiprocessing
import uuid
from pathlib import Path
from typing import Any, Iterator

import flows  # noqa: F401  (telemetry off before Prefect is imported)
from prefect import flow, get_run_logger, task
from prefect.artifacts import acreate_link_artifact, acreate_markdown_artifact, acreate_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from ingest import dedup as dedup_mod
from ingest import extract as extract_mod
from ingest import archive, cluster, events_stage, load, parallel, progress, report
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


def _publication_order(a: Article) -> tuple:
    return (a.published_at is None, a.published_at.timestamp() if a.published_at else 0.0, a.url)


def _with_pointer(a: Article, p: archive.Pointer | None) -> Article:
    return a if p is None else dataclasses.replace(a, warc_file=p.warc_file, warc_offset=p.warc_offset)


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


def _batches(s: Settings, run_id: str, fetched: list[Fetched], counts: dict[str, int],
             warc_skipped: dict[str, int]) -> Iterator[tuple[list[Fetched], dict[str, archive.Pointer]]]:
    """``(pages, url → raw-page pointer)`` per batch: the fetched pages, then the WARC inputs.

    WARC files are streamed: a batch is read only when the flow asks for it, so memory
    holds a few batches whatever the file size. Their pages are not archived again (the
    pointers point into the input file) and pages whose URL is already stored are dropped
    before extraction, so a re-run over the same file extracts nothing.
    """
    pages = [f for f in fetched if f.ok]  # failed fetches are already in the request log
    for start in range(0, len(pages), s.batch_size):
        chunk = pages[start:start + s.batch_size]
        yield chunk, archive_pages(s, run_id, quote(chunk))
    for path in s.warcs:
        stream = archive.iter_warc(Path(path), max_bytes=s.max_bytes, pointers=True, skipped=warc_skipped)
        for records in parallel.chunks(stream, s.batch_size):
            pages = [f for f, _ in records]
            counts["candidates"] += len(pages)
            fresh, known = skip_known(s, quote([f.candidate for f in pages]))
            counts["skipped_known"] += known
            fresh_urls = {c.url for c in fresh}
            pages = [f for f in pages if f.candidate.url in fresh_urls]
            counts["fetched"] += len(pages)
            if pages:
                yield pages, {f.final_url: p for f, p in records if p is not None}


class _Summary:
    """What the run's artifacts show, kept bounded however many pages stream through."""

    TITLES, TABLE, TOP = 200, 500, 10

    def __init__(self) -> None:
        self.titles: list[Article] = []
        self.table: list[Event] = []
        self.top: list[Event] = []
        self.by_type: dict[str, int] = {}

    def add(self, articles: list[Article], events: list[Event]) -> None:
        self.titles += articles[:self.TITLES - len(self.titles)]
        self.table += events[:self.TABLE - len(self.table)]
        self.top = sorted(self.top + events, key=lambda e: -(e.confidence or 0))[:self.TOP]
        for e in events:
            self.by_type[e.event_type] = self.by_type.get(e.event_type, 0) + 1

    def events(self) -> list[Event]:
        """The table's events plus the best ones (the markdown's "top events" picks from these)."""
        return self.table + [e for e in self.top if e not in self.table]


def _summary_markdown(run_id: str, counts: dict[str, int], errors: dict[str, int], titles: list[Article],
                      events: list[Event] = (), by_type: dict[str, int] | None = None) -> str:
    lines = [f"# eventwire ingest run `{run_id}`", "", "| stage | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in counts.items()]
    if errors:
        lines += ["", "## Failures by class", "", "| error | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(errors.items(), key=lambda kv: -kv[1])]
    if events:
        if by_type is None:
            by_type = dict(collections.Counter(e.event_type for e in events))
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
    summary = _Summary()
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
        counts["fetched"] = sum(1 for f in fetched if f.ok)
        counts["fetch_errors"] = sum(1 for f in fetched if not f.ok)
        for f in fetched:
            if f.error:
                errors[f.error] = errors.get(f.error, 0) + 1
        runner = _task_runner(s)
        stage_failures: list[dict] = []  # why a stage was switched off, loaded with the next batch

        def events_off(e: ConfigError) -> None:
            """The model is missing (here or in a worker): the run goes on without events,
            as the README says, and says why in the log and in ``failures``."""
            nonlocal events_on
            if not events_on:
                return
            events_on = False
            logger.warning("events stage off: %s", e)
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
            stage_failures.append({"stage": "events", "url": None, "error": type(e).__name__,
                                   "error_message": f"events stage off for this run: {e}"[:500]})

        with runner if runner is not None else contextlib.nullcontext():
            events_on = s.events
            if events_on and runner is None:  # in this process: load it now, as before (cached)
                try:
                    events_stage.load_coder(s)
                except ConfigError as e:
                    events_off(e)
            # Pages go through three queues. Extraction runs up to `ahead` batches ahead; a batch
            # whose extraction is done is deduplicated and its originals sent to event coding;
            # it is loaded one batch later (`lag`), so the workers always hold queued work while
            # this process deduplicates and loads: none of them waits for the writer. Batches
            # are still deduplicated and loaded strictly in order, and a batch's dedup sees the
            # batches deduplicated before it but not loaded yet. Parts are smaller than
            # batch/workers so one slow part does not leave a worker idle at a batch's end.
            ahead, lag = (0, 0) if runner is None else (2, 1)
            parts = 1 if runner is None else 2 * s.workers
            extracting: collections.deque = collections.deque()
            bands = load.BandIndex()  # stored band keys, read on the first lookup, kept for the run
            coding: collections.deque = collections.deque()

            def dedup_and_code(pointers: dict[str, archive.Pointer], futures: list) -> None:
                articles, failures = _gather(futures)
                articles = [_with_pointer(a, pointers.get(a.url)) for a in articles]
                # copies point at the first-seen article; within one batch, the earliest published
                articles.sort(key=_publication_order)
                counts["extracted"] += len(articles)
                counts["extract_errors"] += len(failures)
                for fl in failures:
                    errors[fl["error"]] = errors.get(fl["error"], 0) + 1
                articles, dups = dedup(s, quote(articles), quote([a for arts, _, _ in coding for a in arts]),
                                       quote(bands))
                counts["duplicates"] += dups
                coded: list = []
                if events_on:
                    try:
                        coded = _submit(runner, code_events, s, "articles",
                                        [a for a in articles if a.duplicate_of is None], parts)
                    except ConfigError as e:  # in this process: the model is missing
                        events_off(e)
                coding.append((articles, failures, coded))

            def load_next() -> None:
                nonlocal pending_log
                articles, failures, coded = coding.popleft()
                events: list[Event] = []
                try:
                    events, skipped = _gather(coded)
                    failures = failures + skipped
                except ConfigError as e:  # in a worker: the model is missing there
                    events_off(e)
                if pending_log is not None:  # the first batch also carries the run's request log
                    failures = discovery_failures + failures
                failures = stage_failures + failures
                stage_failures.clear()
                written = load_batch(s, run_id, quote(articles), quote(events), quote(pending_log or []),
                                     quote(failures))
                pending_log = None
                bands.confirm([a.article_id for a in articles])  # loaded: their signatures count now
                counts["articles_new"] += written["articles"]
                counts["events_new"] += written["events"]
                summary.add(articles, events)
                parallel.release_memory()

            def drain(keep_extracting: int) -> None:
                while len(extracting) > keep_extracting:
                    dedup_and_code(*extracting.popleft())
                    while len(coding) > lag:
                        load_next()

            for chunk, pointers in _batches(s, run_id, fetched, counts, warc_skipped):
                # only the futures are kept: the pages' HTML (the bulk of a run's memory) is
                # dropped as soon as the workers have extracted it
                extracting.append((pointers, _submit(runner, extract, s, "fetched", chunk, parts)))
                del chunk
                drain(ahead)
            drain(0)
            while coding:
                load_next()
            if pending_log is not None or stage_failures:  # no page at all: still record what was done
                load_batch(s, run_id, [], [], quote(pending_log or []),
                           quote((discovery_failures if pending_log is not None else []) + stage_failures))
    except BaseException as e:
        load.end_run(s.db, s.lock_timeout, run_id, counts, e)
        raise
    load.end_run(s.db, s.lock_timeout, run_id, counts)
    logger.info("run %s: %s", run_id, counts)
    if warc_skipped:
        logger.info("WARC records skipped: %s", warc_skipped)
    new_articles, new_events = summary.titles, summary.events()
    page = write_report(s, run_id)
    markdown = _summary_markdown(run_id, counts, errors, new_articles, new_events, by_type=summary.by_type)
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
