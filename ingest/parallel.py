"""The CPU-heavy stages as work units for other processes: batching, splitting, warm-up.

Extraction (trafilatura) and event coding (spaCy) are pure functions of their input and
take nearly all of a run's CPU time; deduplication and loading need the database and
stay in the one writer process. So the flow cuts the stream of pages into batches, splits
each batch into parts, and hands the parts to worker processes — a process pool on one
machine, Dask workers on several — through the functions below. They take and return
plain picklable values, load what they need once per process, and know nothing of
Prefect or of where they run.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TypeVar

from ingest.config import Settings
from ingest.errors import ConfigError
from schemas.models import Article, Event, Fetched

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items, pulled lazily: a stream stays a stream."""
    it = iter(items)
    while chunk := list(itertools.islice(it, max(size, 1))):
        yield chunk


def split(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` cut into at most ``parts`` contiguous, near-equal, non-empty lists (order kept)."""
    n = len(items)
    parts = max(1, min(parts, n))
    size, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            out.append(list(items[start:end]))
        start = end
    return out


def prepare(settings: Settings) -> None:
    """Build what every worker would otherwise build at once: the gazetteer's SQLite file.

    Run before starting local workers. A missing file (first run, or a new gazetteer
    version) is built once, in a short-lived process of its own, so neither the workers
    nor this process hold the ~400 MB the build takes. Errors are left to the workers,
    which report them where the flow sees them.
    """
    if not settings.events:
        return
    try:
        from ingest.events.gazetteer import Gazetteer
    except ImportError:
        return
    if Gazetteer.cache_path(settings.cache_dir).exists():
        return
    import multiprocessing

    proc = multiprocessing.get_context("spawn").Process(target=_build_gazetteer, args=(str(settings.cache_dir),))
    proc.start()
    proc.join()


def _build_gazetteer(cache_dir: str) -> None:
    from ingest.events.gazetteer import Gazetteer

    Gazetteer.load(Path(cache_dir))


def warm(settings: Settings) -> None:
    """Process-pool initializer: import the extractor and load the event coder once.

    Errors are swallowed here (an initializer that raises breaks the whole pool); the
    first ``code_events`` call raises the same ``ConfigError`` where the flow can see it.
    """
    from ingest import extract  # noqa: F401  (trafilatura, lxml: imported once per worker)

    if settings.events:
        try:
            from ingest import events_stage

            events_stage.load_coder(settings)
        except ConfigError:
            pass


def extract_pages(settings: Settings, pages: list[Fetched]) -> tuple[list[Article], list[dict[str, Any]]]:
    """Extraction of one part of a batch (``extract_fetched`` with the run's settings)."""
    from ingest.extract import extract_fetched

    try:
        return extract_fetched(pages, trust_canonical=settings.trust_canonical, min_words=settings.min_words,
                               event_topics=settings.event_topics)
    finally:
        release_memory()


def release_memory() -> None:
    """Hand freed heap memory back to the OS (glibc's ``malloc_trim``; a no-op elsewhere).

    A worker parses hundreds of large HTML trees and spaCy docs; glibc keeps the freed
    pages, so without this a long backfill's workers creep up by tens of MB each. Costs
    a few milliseconds per part.
    """
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes
            import ctypes.util

            _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def code_events(settings: Settings, articles: list[Article]) -> tuple[list[Event], list[dict[str, Any]]]:
    """Events of one part of a batch, with the coder this process loaded (once: ``lru_cache``).

    Raises ``ConfigError`` when event extraction is unavailable (model not installed).
    """
    from ingest import events_stage

    if not articles:
        return [], []
    try:
        return events_stage.code_articles(events_stage.load_coder(settings), articles)
    finally:
        release_memory()


def merge(results: Iterable[tuple[list, list]]) -> tuple[list, list]:
    """The parts' ``(rows, failures)`` joined back, in order."""
    rows: list = []
    failures: list = []
    for r, f in results:
        rows += r
        failures += f
    return rows, failures


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process in MB (Linux ``/proc``; 0.0 where unavailable)."""
    try:
        for line in Path(f"/proc/{pid or os.getpid()}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0
