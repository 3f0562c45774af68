"""HTML → ``Article``: main text and metadata, the same function for the CLI and the flow.

trafilatura finds the main text and most metadata. Two things it does not give us
are added here: the full publication *timestamp* (trafilatura keeps only the day), read
from the page's ``article:published_time`` / JSON-LD ``datePublished`` / ``<time>``; and the
language, detected offline with py3langid (trafilatura leaves it ``None``).

Never hand trafilatura or htmldate a URL as *content*: they would download it. The
``url`` argument below is only metadata.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import lxml.html
import trafilatura

from ingest.dedup import article_id, choose_canonical, domain_of, text_hash
from ingest.errors import ExtractionFailed
from schemas.models import Article

EXTRACT_VERSION = "extract-1"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Bytes → text: the HTTP header's charset, then the page's ``<meta>``, then detection."""
    candidates = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for enc in candidates:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return body.decode(best.encoding, errors="replace")
    except Exception:  # detection is a best effort; fall through
        pass
    return body.decode("utf-8", errors="replace")


def parse_datetime(value: str | None) -> datetime | None:
    """ISO-8601-ish string → aware UTC datetime (naive values are taken as UTC)."""
    if not value:
        return None
    v = value.strip()
    if v.endswith("Z"):
        v = v[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _page_metadata(html: str) -> dict[str, Any]:
    """Canonical URLs and the publication timestamp the page declares (cheap lxml pass)."""
    out: dict[str, Any] = {"canonical": [], "published": None}
    try:
        doc = lxml.html.document_fromstring(html[:2_000_000])
    except (ValueError, lxml.etree.ParserError):
        return out
    for href in doc.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href"):
        out["canonical"].append(href)
    for content in doc.xpath("//meta[@property='og:url']/@content"):
        out["canonical"].append(content)
    stamps = doc.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time'"
        " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
        " or @name='date' or @name='dc.date' or @name='DC.date.issued']/@content"
    )
    for script in doc.xpath("//script[@type='application/ld+json']/text()")[:5]:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if isinstance(obj, dict):
                graph = obj.get("@graph")
                for o in (graph if isinstance(graph, list) else [obj]):
                    if isinstance(o, dict) and isinstance(o.get("datePublished"), str):
                        stamps.append(o["datePublished"])
    stamps += doc.xpath("//time/@datetime")[:3]
    for s in stamps:
        dt = parse_datetime(s)
        if dt is not None:
            out["published"] = dt
            break
    return out


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid, offline); ``None`` for too little text."""
    if len(text) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return lang


def extract_article(
    html: str | bytes,
    url: str,
    *,
    encoding: str | None = None,
    fetched_at: datetime | None = None,
    feed_published_at: datetime | None = None,
    feed_title: str | None = None,
    trust_canonical: str = "same-site",
    min_words: int = 20,
) -> Article:
    """Extract one article from a page; raise ``ExtractionFailed`` if there is no text.

    The publication date is the page's own (``date_method='page'``), else the feed's
    (``'feed'``), else unknown.
    """
    if isinstance(html, bytes):
        html = decode_html(html, encoding)
    if not html.strip():
        raise ExtractionFailed("empty page")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception as e:  # trafilatura raises assorted parser errors on broken input
        raise ExtractionFailed(f"trafilatura failed: {type(e).__name__}: {e}") from None
    meta = _page_metadata(html)
    text = (doc.text if doc is not None else None) or ""
    words = len(text.split())
    if words < min_words:
        raise ExtractionFailed(f"only {words} words of main text (minimum {min_words})")

    canonical = choose_canonical(url, meta["canonical"], trust_canonical)
    published = meta["published"]
    date_method = "page" if published else None
    if published is None and doc is not None and doc.date:
        published = parse_datetime(doc.date)
        date_method = "page" if published else None
    if published is None and feed_published_at is not None:
        published, date_method = feed_published_at, "feed"

    return Article(
        article_id=article_id(canonical),
        url=url,
        canonical_url=canonical,
        domain=domain_of(canonical),
        title=(doc.title if doc is not None and doc.title else feed_title),
        author=(doc.author or None) if doc is not None else None,
        published_at=published,
        language=detect_language(text),
        text=text,
        text_hash=text_hash(text),
        word_count=words,
        description=doc.description if doc is not None else None,
        site_name=doc.sitename if doc is not None else None,
        date_method=date_method,
        fetched_at=fetched_at,
    )


def extract_fetched(fetched: list, *, trust_canonical: str = "same-site", min_words: int = 20
                    ) -> tuple[list[Article], list[dict[str, Any]]]:
    """Extract every successfully fetched page; failures come back as records, not raises."""
    articles: list[Article] = []
    failures: list[dict[str, Any]] = []
    for f in fetched:
        if not f.ok:
            continue
        try:
            articles.append(extract_article(
                f.body, f.final_url, encoding=f.encoding, fetched_at=f.fetched_at,
                feed_published_at=f.candidate.feed_published_at, feed_title=f.candidate.feed_title,
                trust_canonical=trust_canonical, min_words=min_words,
            ))
        except ExtractionFailed as e:
            failures.append({"stage": "extract", "url": f.final_url, "error": type(e).__name__,
                             "error_message": str(e)})
    return articles, failures
