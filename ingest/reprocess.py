"""Re-extract stored pages with the current extractor, without fetching.

An article's *identity* — ``article_id``, ``url``, ``canonical_url``, ``first_seen_at``,
``duplicate_of``, the run that found it — is kept, so references to it stay valid; its
*content* (text, title, dates, language, …) and its events are replaced, and
``extractor_version`` tells old rows from new.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.archive import Pointer, read_record
from ingest.errors import EventwireError
from ingest.topics import DEFAULT_CODED
from ingest.extract import extract_article
from ingest.neardup import Signed, band_keys, signatures
from schemas.models import Article, Candidate

from ingest.store.articles import STORED_COLUMNS  # noqa: F401  (the rows ``reextract`` takes)


def reextract(archive_dir: Path, stored: list[dict[str, Any]], *, trust_canonical: str = "same-site",
              min_words: int = 20, event_topics: tuple[str, ...] = DEFAULT_CODED
              ) -> tuple[list[Article], list[dict]]:
    """New ``Article``s for stored rows (dicts of ``STORED_COLUMNS``), identity kept."""
    out: list[Article] = []
    failures: list[dict] = []
    for row in stored:
        feed_date: datetime | None = row["published_at"] if row["date_method"] == "feed" else None
        try:
            f = read_record(archive_dir, Pointer(row["warc_file"], row["warc_offset"]),
                            Candidate(url=row["url"], source="reprocess", feed_published_at=feed_date))
            a = extract_article(f.body or b"", row["url"], encoding=f.encoding, fetched_at=f.fetched_at,
                                feed_published_at=feed_date, trust_canonical=trust_canonical,
                                min_words=min_words, event_topics=event_topics)
        except EventwireError as e:
            failures.append({"stage": "reprocess", "url": row["url"], "error": type(e).__name__,
                             "error_message": str(e)})
            continue
        out.append(dataclasses.replace(
            a, article_id=row["article_id"], canonical_url=row["canonical_url"], domain=row["domain"],
            duplicate_of=row["duplicate_of"], warc_file=row["warc_file"], warc_offset=row["warc_offset"],
        ))
    return out, failures


def refreshed_signatures(articles: list[Article]) -> list:
    """Near-duplicate signatures of re-extracted articles, so later runs compare new copies
    against the text as it is now stored (story membership is kept as it was)."""
    if not articles:
        return []
    sigs = signatures(a.text for a in articles)
    keys = band_keys(sigs)
    return [Signed(a.article_id, a.duplicate_of or a.article_id, sigs[i], keys[i]) for i, a in enumerate(articles)]
