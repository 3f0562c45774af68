"""``eventwire extract``: local HTML / ``.html.gz`` / text files → article (+ events) JSON."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.config import Settings
from ingest.compression import maybe_gunzip
from ingest.errors import EventwireError
from ingest.extract import detect_language, extract_article
from ingest.texts import text_hash
from ingest.topics import DEFAULT_CODED, article_gate
from ingest.urls import article_id, canonicalize_url, domain_of
from schemas.models import Article

ARTICLE_FIELDS = ("url", "canonical_url", "title", "author", "published_at", "language", "text",
                  "word_count", "domain", "article_id", "text_hash", "description", "site_name", "date_method",
                  "modified_at", "section", "events_gate")


def article_from_text(text: str, url: str, published: datetime | None,
                      event_topics: tuple[str, ...] = DEFAULT_CODED) -> Article:
    """A plain-text file is the article text itself; its first line is the title."""
    text = text.strip()
    first = text.splitlines()[0].strip() if text else None
    canon = canonicalize_url(url)
    return Article(
        article_id=article_id(canon), url=url, canonical_url=canon, domain=domain_of(canon),
        title=first if first and len(first) < 200 else None, author=None, published_at=published,
        language=detect_language(text), text=text, text_hash=text_hash(text), word_count=len(text.split()),
        date_method="given" if published else None,
        events_gate=article_gate(None, first, text, event_topics),
    )


def extract_path(path: Path, *, url: str | None, published: datetime | None, coder: Any,
                 settings: Settings) -> dict[str, Any]:
    """One output record for one input file; failures become ``{"error": ...}``."""
    from ingest.events_stage import code_articles

    url = url or path.resolve().as_uri()
    try:
        raw = maybe_gunzip(path.read_bytes())
        if path.suffix.lower() == ".txt":
            article = article_from_text(raw.decode("utf-8", errors="replace"), url, published,
                                        settings.event_topics)
        else:
            article = extract_article(raw, url, feed_published_at=published, min_words=settings.min_words,
                                      trust_canonical=settings.trust_canonical,
                                      event_topics=settings.event_topics)
            if article.date_method == "feed":
                article = dataclasses.replace(article, date_method="given")
    except (EventwireError, OSError, ValueError) as e:
        return {"source": str(path), "error": type(e).__name__, "message": str(e)}
    record: dict[str, Any] = {"source": str(path)}
    a = article.to_json()
    record["article"] = {k: a[k] for k in ARTICLE_FIELDS}
    if coder is not None:
        events, skipped = code_articles(coder, [article])
        record["events"] = [e.to_json() for e in events]
        if skipped or article.events_gate:  # why an article gave no events by rule, not by reading
            record["events_skipped"] = skipped[0]["error_message"] if skipped else f"article gate: {article.events_gate}"
    else:
        record["events"] = []
    return record
