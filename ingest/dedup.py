"""Tell copies apart: canonical URLs, stable article ids, normalised text hashes, and
near-duplicate text (MinHash LSH, in ``ingest/neardup.py``).

Two reports are the *same article* when their canonical URLs match (the second is
never stored). Two different URLs carrying the same story are *copies*: both rows are
kept — so a user can count how widely a story ran — and the later one's
``duplicate_of`` points at the first-seen ``article_id``. A copy is *exact* when the
normalised texts are equal, *near* when their word shingles are at least
``near_dup_threshold`` similar (another headline, boilerplate, a dropped paragraph).
"""

from __future__ import annotations

from typing import Callable, Mapping

from ingest import neardup
# canonical URLs, ids and text hashes are computed before this stage (extraction) too, so
# they live below the stages; re-exported here, where readers of deduplication look
from ingest.texts import normalize_text, text_hash  # noqa: F401
from ingest.urls import (  # noqa: F401
    TRACKING_PARAMS, TRACKING_PREFIXES, article_id, canonicalize_url, choose_canonical, domain_of, site_of,
)

def mark_exact_duplicates(items: list, existing: Mapping[str, str]) -> list:
    """Set ``duplicate_of`` on articles whose ``text_hash`` was seen before.

    ``existing`` maps text_hash → article_id of rows already stored; within the batch
    the first article with a hash is the original. Returns new ``Article`` objects.
    """
    import dataclasses

    seen = dict(existing)
    out = []
    for a in items:
        original = seen.get(a.text_hash)
        if original is not None and original != a.article_id:
            out.append(dataclasses.replace(a, duplicate_of=original))
        else:
            seen.setdefault(a.text_hash, a.article_id)
            out.append(a)
    return out


def dedup_articles(articles: list, existing_ids: set[str], existing_hashes: Mapping[str, str], *,
                   near_dup_threshold: float | None = None, lookup: Callable | None = None):
    """Drop articles already stored (same ``article_id``) or repeated in the batch, mark
    exact copies of stored or earlier articles, then (with ``near_dup_threshold``) near
    copies: see ``neardup.mark_near_duplicates``; ``lookup`` finds stored candidates.
    Stored articles count as seen before the batch; within it, by publication time.

    Returns a ``neardup.Result``: the articles to load, the copy counts and the
    signatures to store (none without ``near_dup_threshold``).
    """
    seen: set[str] = set(existing_ids)
    fresh = []
    for a in articles:
        if a.article_id in seen:
            continue
        seen.add(a.article_id)
        fresh.append(a)
    # Within a batch every article is seen at once: the earliest published counts as
    # first seen (the wire's original, not the fastest server's copy), then batch order.
    order = sorted(range(len(fresh)), key=lambda i: (fresh[i].published_at is None,
                                                     fresh[i].published_at or 0, i))
    marked = mark_exact_duplicates([fresh[i] for i in order], existing_hashes)
    if near_dup_threshold is None:
        result = neardup.Result(marked, sum(1 for a in marked if a.duplicate_of), 0, [])
    else:
        result = neardup.mark_near_duplicates(marked, threshold=near_dup_threshold, lookup=lookup)
    back = sorted(range(len(order)), key=order.__getitem__)
    result.articles = [result.articles[i] for i in back]
    return result


def dedup_batch(articles: list, existing_ids: set[str], existing_hashes: Mapping[str, str], *,
                near_dup_threshold: float | None = None, lookup: Callable | None = None) -> tuple[list, int]:
    """``dedup_articles`` without the signatures: (new articles, copies among them).

    Without ``near_dup_threshold`` only exact copies are marked.
    """
    result = dedup_articles(articles, existing_ids, existing_hashes,
                            near_dup_threshold=near_dup_threshold, lookup=lookup)
    return result.articles, result.copies
