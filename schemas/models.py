"""The nouns that walk between stages: Candidate → Fetched → Article → Event (and the
conditional-GET state of a source: ``Validators``, ``SourceState``).

They are small frozen dataclasses, defined once here so that discovery, fetching,
extraction, deduplication, event coding and loading all speak the same vocabulary as
the DuckDB tables (the field names *are* the column names). Nothing here does I/O.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    """A URL (or local file) that discovery thinks may hold an article.

    ``feed_published_at`` is the date the feed gave the item, kept as a fallback for
    pages whose own metadata carries no date.
    """

    url: str
    source: str = ""  # the feed/sitemap/list/file it came from
    feed_title: str | None = None
    feed_published_at: datetime | None = None
    local_path: str | None = None  # set for local files: read, never fetched


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one fetch: a body to extract, or an error to record.

    Fetching never raises for per-URL problems; it returns a ``Fetched`` with
    ``error`` set so that the run can record the failure and go on.
    """

    candidate: Candidate
    url: str  # requested URL
    final_url: str  # after redirects
    status_code: int | None
    content_type: str | None
    body: bytes | None
    fetched_at: datetime
    elapsed_ms: float = 0.0
    attempt: int = 1
    error: str | None = None  # exception class name, e.g. "ConnectError"
    error_message: str | None = None
    encoding: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None


@dataclass(frozen=True)
class Validators:
    """What a server gave us to make the next request for the same URL conditional
    (``ETag`` → ``If-None-Match``, ``Last-Modified`` → ``If-Modified-Since``, RFC 9110 §13)."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        h = {}
        if self.etag:
            h["If-None-Match"] = self.etag
        if self.last_modified:
            h["If-Modified-Since"] = self.last_modified
        return h

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass
class SourceState:
    """One feed, sitemap or robots.txt as the ``sources`` table remembers it (field names =
    columns). Discovery fills it in while it asks; the store saves and reads it back."""

    url: str
    kind: str  # feed | sitemap | robots
    parent: str | None = None  # the sitemap index or robots.txt that listed it
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None  # 200, 304, 404…; None when no response came
    last_error: str | None = None  # error class of the last attempt, None when it worked
    items: int | None = None  # candidates (or child sitemaps) found when its body was last read
    checked_at: datetime | None = None
    changed_at: datetime | None = None  # the last time it answered with a body
    sent: Validators | None = field(default=None, compare=False)  # what this run sent
    error_message: str | None = field(default=None, compare=False)  # why its body could not be read

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article, named as the ``articles`` table's columns."""

    article_id: str
    url: str
    canonical_url: str
    domain: str
    title: str | None
    author: str | None
    published_at: datetime | None
    language: str | None
    text: str
    text_hash: str
    word_count: int
    description: str | None = None
    site_name: str | None = None
    date_method: str | None = None  # "page" | "feed" | None
    section: str | None = None  # the page's own section (article:section, JSON-LD, breadcrumbs, URL)
    events_gate: str | None = None  # why the article gate kept its events out, if it did
    duplicate_of: str | None = None
    fetched_at: datetime | None = None
    warc_file: str | None = None  # raw page kept for reprocessing (see ingest/archive.py)
    warc_offset: int | None = None
    modified_at: datetime | None = None  # the page's last-modified time, when it states one

    def to_json(self) -> dict[str, Any]:
        """The ``article`` object of ``eventwire extract`` output."""
        d = dataclasses.asdict(self)
        d["published_at"] = self.published_at.isoformat() if self.published_at else None
        d["fetched_at"] = self.fetched_at.isoformat() if self.fetched_at else None
        d["modified_at"] = self.modified_at.isoformat() if self.modified_at else None
        return d


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention, named as the ``events`` table's columns.

    ``event_id`` and ``article_id`` are bookkeeping filled in by the coder/loader;
    everything else is what the text says. ``None`` means "not stated".
    """

    event_type: str  # one of the 16 PLOVER types
    evidence: str  # the sentence that states the event
    mode: str | None = None
    actor_name: str | None = None
    actor_country: str | None = None  # ISO 3166 alpha-3
    actor_sector: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    location_name: str | None = None
    admin1: str | None = None
    country: str | None = None  # alpha-3
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    event_date: date | None = None
    date_precision: str = "unknown"  # day/week/month/year/unknown
    killed: int | None = None
    injured: int | None = None
    amount_usd: float | None = None
    personnel: int | None = None
    confidence: float = 0.5
    cameo_code: str | None = None
    acled_event_type: str | None = None
    trigger: str | None = None
    sentence_index: int | None = None
    event_id: str | None = None
    article_id: str | None = None
    cluster_id: str | None = None
    extractor_version: str | None = None
    modality: str = "asserted"  # asserted | future | claimed | denied (see MODALITIES)
    intended_type: str | None = None  # the type a future act would have (AGREE → AID)
    date_end: date | None = None  # the end of a date span
    currency: str | None = None  # ISO 4217 of ``amount`` when not USD
    amount: float | None = None  # the amount in ``currency``
    geo_precision: str | None = None  # city | admin1 | country

    def to_json(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["event_date"] = self.event_date.isoformat() if self.event_date else None
        d["date_end"] = self.date_end.isoformat() if self.date_end else None
        return d


# Event.modality values. Hypothetical, conditional, negated and questioned acts are not coded.
MODALITIES: tuple[str, ...] = ("asserted", "future", "claimed", "denied")

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
