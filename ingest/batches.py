"""The batch scheduler: pages → extraction → dedup → event coding → load, batch by batch, in
order, with the CPU-heavy stages running ahead on whatever executor the caller injects.

The flow (``flows/ingest_flow.py``) wires Prefect tasks into ``Stages`` and feeds batches; this
module decides *when* each stage runs. Pages go through three queues. Extraction runs up to
``ahead`` batches ahead; a batch whose extraction is done is deduplicated and its originals
sent to event coding; it is loaded ``lag`` batches later, so the workers always hold queued
work while the caller deduplicates and loads: none of them waits for the writer. Batches are
still deduplicated and loaded strictly in order, and a batch's dedup sees the batches
deduplicated before it but not loaded yet (``unloaded``). With an in-process executor,
``ahead = lag = 0``: each batch goes through every stage before the next.

If event extraction cannot run (``ConfigError``: the spaCy model is missing, here or in a
worker), the run goes on without events and says why once (``stage_failures``, loaded with
the next batch, and the ``on_events_off`` callback). No Prefect here: ``Stages`` are plain
callables, and "handles" are whatever the injected submit functions return (results, or
futures with ``.result()``).
"""

from __future__ import annotations

import collections
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ingest import archive
from ingest.config import Settings
from ingest.errors import ConfigError
from ingest.parallel import chunks
from schemas.models import Article, Candidate, Event, Fetched


@dataclass
class Stages:
    """What the scheduler calls (the flow passes its tasks, bound to the run's executor)."""

    extract: Callable[[list[Fetched]], list]  # submit a batch's extraction → handles, one per part
    code: Callable[[list[Article]], list]  # submit event coding of originals → handles
    gather: Callable[[list], tuple[list, list]]  # handles → (rows, failures), in order, waiting
    dedup: Callable[[list[Article], list[Article]], tuple[list[Article], int]]  # (batch, unloaded)
    load: Callable[[list[Article], list[Event], list[dict]], dict[str, int]]  # one transaction


def publication_order(a: Article) -> tuple:
    """Within one batch the earliest published counts as first seen (then by URL)."""
    return (a.published_at is None, a.published_at.timestamp() if a.published_at else 0.0, a.url)


def with_pointer(a: Article, p: archive.Pointer | None) -> Article:
    return a if p is None else dataclasses.replace(a, warc_file=p.warc_file, warc_offset=p.warc_offset)


@dataclass
class Scheduler:
    """Feed ``(pages, url → raw-page pointer)`` batches, then ``finish``; see the module docstring.

    ``counts`` and ``errors`` (error class → n) are updated as batches go through;
    ``summary`` receives each loaded batch's articles and events.
    """

    stages: Stages
    counts: dict[str, int]
    errors: dict[str, int]
    summary: "RunSummary"
    ahead: int = 0
    lag: int = 0
    events_on: bool = True
    on_events_off: Callable[[ConfigError], None] = lambda e: None
    stage_failures: list[dict] = field(default_factory=list)
    _extracting: collections.deque = field(default_factory=collections.deque)
    _coding: collections.deque = field(default_factory=collections.deque)

    def events_off(self, e: ConfigError) -> None:
        """Turn the events stage off for the rest of the run (once), recording why."""
        if not self.events_on:
            return
        self.events_on = False
        self.errors[type(e).__name__] = self.errors.get(type(e).__name__, 0) + 1
        self.stage_failures.append({"stage": "events", "url": None, "error": type(e).__name__,
                                    "error_message": f"events stage off for this run: {e}"[:500]})
        self.on_events_off(e)

    def feed(self, pages: list[Fetched], pointers: dict[str, archive.Pointer]) -> None:
        """Submit a batch's extraction; move earlier batches on as far as ``ahead``/``lag`` allow."""
        self._extracting.append((pointers, self.stages.extract(pages)))
        self._drain(self.ahead)

    def finish(self) -> None:
        """Wait for everything submitted, then dedup, code and load what is left, in order."""
        self._drain(0)
        while self._coding:
            self._load_next()

    def _drain(self, keep_extracting: int) -> None:
        while len(self._extracting) > keep_extracting:
            self._dedup_and_code(*self._extracting.popleft())
            while len(self._coding) > self.lag:
                self._load_next()

    def _dedup_and_code(self, pointers: dict[str, archive.Pointer], handles: list) -> None:
        articles, failures = self.stages.gather(handles)
        articles = [with_pointer(a, pointers.get(a.url)) for a in articles]
        articles.sort(key=publication_order)
        self.counts["extracted"] += len(articles)
        self.counts["extract_errors"] += len(failures)
        for fl in failures:
            self.errors[fl["error"]] = self.errors.get(fl["error"], 0) + 1
        unloaded = [a for arts, _, _ in self._coding for a in arts]
        articles, dups = self.stages.dedup(articles, unloaded)
        self.counts["duplicates"] += dups
        coded: list = []
        if self.events_on:
            try:
                coded = self.stages.code([a for a in articles if a.duplicate_of is None])
            except ConfigError as e:  # in this process: the model is missing
                self.events_off(e)
        self._coding.append((articles, failures, coded))

    def _load_next(self) -> None:
        articles, failures, coded = self._coding.popleft()
        events: list[Event] = []
        try:
            events, skipped = self.stages.gather(coded)
            failures = failures + skipped
        except ConfigError as e:  # in a worker: the model is missing there
            self.events_off(e)
        failures = self.stage_failures + failures
        self.stage_failures = []
        written = self.stages.load(articles, events, failures)
        self.counts["articles_new"] += written["articles"]
        self.counts["events_new"] += written["events"]
        self.summary.add(articles, events)


def batches(s: Settings, fetched: list[Fetched], counts: dict[str, int], warc_skipped: dict[str, int], *,
            archive_pages: Callable[[list[Fetched]], dict[str, archive.Pointer]],
            skip_known: Callable[[list[Candidate]], tuple[list[Candidate], int]]
            ) -> Iterator[tuple[list[Fetched], dict[str, archive.Pointer]]]:
    """``(pages, url → raw-page pointer)`` per batch: the fetched pages, then the WARC inputs.

    WARC files are streamed: a batch is read only when the caller asks for it, so memory
    holds a few batches whatever the file size. Their pages are not archived again (the
    pointers point into the input file) and pages whose URL is already stored are dropped
    before extraction (``skip_known``), so a re-run over the same file extracts nothing.
    """
    pages = [f for f in fetched if f.ok]  # failed fetches are already in the request log
    for start in range(0, len(pages), s.batch_size):
        chunk = pages[start:start + s.batch_size]
        yield chunk, archive_pages(chunk)
    for path in s.warcs:
        stream = archive.iter_warc(Path(path), max_bytes=s.max_bytes, pointers=True, skipped=warc_skipped)
        for records in chunks(stream, s.batch_size):
            pages = [f for f, _ in records]
            counts["candidates"] += len(pages)
            fresh, known = skip_known([f.candidate for f in pages])
            counts["skipped_known"] += known
            fresh_urls = {c.url for c in fresh}
            pages = [f for f in pages if f.candidate.url in fresh_urls]
            counts["fetched"] += len(pages)
            if pages:
                yield pages, {f.final_url: p for f, p in records if p is not None}


class RunSummary:
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


def summary_markdown(run_id: str, counts: dict[str, int], errors: dict[str, int], titles: list[Article],
                     events: list[Event] = (), by_type: dict[str, int] | None = None) -> str:
    """The run's markdown summary: counts per stage, failures by class, events by type, the
    top events with their evidence, the new articles."""
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
