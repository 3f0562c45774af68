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

import hashlib
import re
import unicodedata
from typing import Callable, Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click, never select content.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ocid", "cmpid", "smid", "smtyp", "ncid", "sr_share", "cmp",
    "guccounter", "guce_referrer", "guce_referrer_sig", "spm", "at_medium", "at_campaign",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__hs", "at_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize_url(url: str) -> str:
    """A normal form of ``url``: lower-case scheme and host, no default port, no
    fragment, no tracking parameters, remaining parameters sorted, ``/`` for an empty path.

    Idempotent: ``canonicalize_url(canonicalize_url(u)) == canonicalize_url(u)``.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]"
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    path = re.sub(r"/{2,}", "/", path)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def domain_of(url: str) -> str:
    """The host of ``url`` without a leading ``www.`` (the column users group by)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _site(host: str) -> str:
    """Crude registrable part of a host (last two labels; three for e.g. co.uk)."""
    labels = host.lower().split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in {"co", "com", "org", "net", "ac", "gov", "ne", "or"}:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def choose_canonical(fetched_url: str, declared: Iterable[str | None], policy: str = "same-site") -> str:
    """The canonical URL of a page: the first declared ``rel=canonical``/``og:url`` that the
    policy trusts, else the fetched URL, canonicalised.

    ``same-site`` (default) trusts a declared URL only on the fetched page's own site:
    a syndicated copy that points at the original is a copy to record, not the
    original itself. ``always`` suits mirrors (the bundled demo site), ``never``
    ignores page declarations.
    """
    base = canonicalize_url(fetched_url)
    if policy == "never":
        return base
    base_host = urlsplit(base).hostname or ""
    for d in declared:
        if not d or not d.strip().lower().startswith(("http://", "https://")):
            continue
        c = canonicalize_url(d)
        host = urlsplit(c).hostname or ""
        if policy == "always" or _site(host) == _site(base_host):
            return c
    return base


def article_id(canonical_url: str) -> str:
    """Stable id: the same canonical URL always gives the same id, in any run."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalize_text(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form for exact matching."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _PUNCT.sub(" ", t)
    return _WS.sub(" ", t).strip()


def text_hash(text: str) -> str:
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


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
    from ingest import neardup

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
