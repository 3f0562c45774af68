"""The events stage as the flow and the CLI see it: load the coder once, code articles.

Event extraction itself lives in ``ingest.events``; this module adds the bookkeeping
the database needs (stable ``event_id``, ``article_id``) and skips what the English
model cannot read, recording why.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path
from typing import Any

from ingest.config import Settings
from ingest.errors import ConfigError
from schemas.models import Article, Event


def load_coder(settings: Settings) -> Any:
    """The event extractor (spaCy model + gazetteer), loaded once per process.

    Raises ``ConfigError`` when event extraction cannot run here: ``ModelNotInstalled`` (a
    ``ConfigError``) when the configured spaCy model is missing, or a build without
    ``ingest.events``. The flow then runs with the events stage off and records why.
    """
    return _load_coder(settings.spacy_model, str(settings.cache_dir))


@functools.lru_cache(maxsize=2)
def _load_coder(model: str, cache_dir: str) -> Any:
    try:
        from ingest.events import EventExtractor
    except ImportError:
        raise ConfigError("event extraction is not available in this build; use --no-events") from None
    return EventExtractor(model=model, cache_dir=Path(cache_dir))


def event_id(article_id: str, e: Event) -> str:
    """Stable across runs: the same article, sentence, type and trigger give the same id."""
    key = f"{article_id}|{e.sentence_index}|{e.event_type}|{e.trigger}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def code_articles(coder: Any, articles: list[Article]) -> tuple[list[Event], list[dict]]:
    """Events of every English original that the article gate lets through.

    Copies (``duplicate_of``) are not coded again; articles the gate kept out carry their
    reason in ``events_gate`` (stored in ``articles``; see ``ingest.topics``). An article in
    another language gets a failure record ``{"stage": "events", "url", "error":
    "NotEnglish", "error_message"}`` (stored in ``failures``).
    """
    todo: list[Article] = []
    skipped: list[dict] = []
    for a in articles:
        if a.duplicate_of is not None:
            continue
        if a.language not in (None, "en"):
            skipped.append({"stage": "events", "url": a.url, "error": "NotEnglish",
                            "error_message": f"language {a.language}: English-only stage skipped"})
        elif not a.events_gate:
            todo.append(a)
    if not todo:
        return [], skipped
    per_article = coder.extract_many([(a.text, a.published_at, a.title) for a in todo])
    out: list[Event] = []
    for a, events in zip(todo, per_article):
        for e in events:
            out.append(dataclasses.replace(e, article_id=a.article_id, event_id=event_id(a.article_id, e)))
    return out, skipped
