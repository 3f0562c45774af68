"""Sources → ``Candidate`` URLs: RSS/Atom/JSON feeds, sitemaps, URL lists, local files.

Parsing is separate from fetching: every ``parse_*`` function takes bytes that the
fetcher already downloaded (feedparser, given a URL, would fetch it itself, bypassing
our politeness, robots and private-address rules).
"""

from __future__ import annotations

import calendar
import gzip
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree

from schemas.models import Candidate

SKIP_SCHEMES = ("javascript:", "data:", "mailto:", "tel:", "ftp:", "file:")


def usable_link(link: str | None, base: str | None = None) -> str | None:
    """Resolve ``link`` against ``base``; ``None`` for non-HTTP(S) links."""
    if not link:
        return None
    link = link.strip()
    if link.lower().startswith(SKIP_SCHEMES):
        return None
    url = urljoin(base, link) if base else link
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def maybe_gunzip(body: bytes, max_bytes: int = 50_000_000) -> bytes:
    """Gunzip ``body`` if it is gzip, refusing to inflate past ``max_bytes`` (bomb guard)."""
    if body[:2] != b"\x1f\x8b":
        return body
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(body, max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"gzipped document inflates past {max_bytes} bytes")
    return out


def _struct_to_dt(st) -> datetime | None:
    if not st:
        return None
    return datetime.fromtimestamp(calendar.timegm(st), tz=timezone.utc)


def looks_like_sitemap(body: bytes) -> bool:
    head = maybe_gunzip(body)[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_feed(body: bytes, base_url: str, source: str | None = None) -> list[Candidate]:
    """Items of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document, deduplicated by link."""
    body = maybe_gunzip(body)
    source = source or base_url
    stripped = body.lstrip()
    if stripped[:1] == b"{":
        return _parse_json_feed(stripped, base_url, source)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    out: list[Candidate] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = usable_link(entry.get("link"), base_url)
        if link is None:
            for alt in entry.get("links", []):
                link = usable_link(alt.get("href"), base_url)
                if link:
                    break
        if link is None or link in seen:
            continue
        seen.add(link)
        out.append(Candidate(
            url=link, source=source, feed_title=entry.get("title"),
            feed_published_at=_struct_to_dt(entry.get("published_parsed") or entry.get("updated_parsed")),
        ))
    return out


def _parse_json_feed(body: bytes, base_url: str, source: str) -> list[Candidate]:
    from ingest.extract import parse_datetime

    try:
        data = json.loads(body)
    except ValueError:
        return []
    out, seen = [], set()
    for item in data.get("items", []) if isinstance(data, dict) else []:
        link = usable_link(item.get("url") or item.get("external_url"), base_url)
        if link is None or link in seen:
            continue
        seen.add(link)
        out.append(Candidate(url=link, source=source, feed_title=item.get("title"),
                             feed_published_at=parse_datetime(item.get("date_published"))))
    return out


def parse_sitemap(body: bytes, base_url: str, source: str | None = None) -> tuple[list[Candidate], list[str]]:
    """(article candidates, child sitemap URLs) of a sitemap, sitemap index or news sitemap."""
    from ingest.extract import parse_datetime

    body = maybe_gunzip(body)
    source = source or base_url
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    children: list[str] = []
    out: list[Candidate] = []
    seen: set[str] = set()
    tag = lxml.etree.QName(root).localname if isinstance(root.tag, str) else ""
    for el in root:
        if not isinstance(el.tag, str):
            continue
        loc = title = date = None
        for sub in el.iter():
            if not isinstance(sub.tag, str):
                continue
            name = lxml.etree.QName(sub).localname
            if name == "loc" and loc is None and sub.getparent() is el:
                loc = (sub.text or "").strip()
            elif name == "title" and title is None:
                title = (sub.text or "").strip() or None
            elif name in ("publication_date", "lastmod") and date is None:
                date = (sub.text or "").strip()
        link = usable_link(loc, base_url)
        if link is None or link in seen:
            continue
        seen.add(link)
        if tag == "sitemapindex":
            children.append(link)
        else:
            out.append(Candidate(url=link, source=source, feed_title=title,
                                 feed_published_at=parse_datetime(date)))
    return out, children


def parse_url_list(text: str, source: str = "urls") -> list[Candidate]:
    """One URL per line; blank lines and ``#`` comments skipped."""
    out, seen = [], set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        link = usable_link(line)
        if link and link not in seen:
            seen.add(link)
            out.append(Candidate(url=link, source=source))
    return out


def file_candidates(paths: Iterable[str | Path]) -> list[Candidate]:
    """Local HTML files (or folders of them) as candidates that are read, not fetched."""
    out = []
    for p in paths:
        p = Path(p)
        files = sorted(x for x in p.rglob("*") if x.is_file() and x.name.endswith((".html", ".htm", ".html.gz"))) if p.is_dir() else [p]
        for f in files:
            f = f.resolve()
            out.append(Candidate(url=f.as_uri(), source=str(p), local_path=str(f)))
    return out


def dedupe_candidates(cands: Iterable[Candidate]) -> list[Candidate]:
    """First candidate per URL wins (the same URL in two feeds is fetched once)."""
    from ingest.dedup import canonicalize_url

    seen: set[str] = set()
    out = []
    for c in cands:
        key = canonicalize_url(c.url) if not c.local_path else c.url
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


async def discover_sources(fetcher, *, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
                           urls: Iterable[str] = (), files: Iterable[str] = (),
                           max_sitemap_depth: int = 3) -> list[Candidate]:
    """Every candidate from the given sources, duplicates merged, in a stable order.

    A source that cannot be fetched or parsed is recorded in ``fetcher.log`` and
    skipped; the others still count. ``urls`` entries may also name local text files
    holding one URL per line.
    """
    import asyncio

    out: list[Candidate] = []

    async def one_feed(url: str) -> list[Candidate]:
        f = await fetcher.fetch(Candidate(url=url, source=url), kind="feed")
        if not f.ok:
            return []
        if looks_like_sitemap(f.body):
            return await one_sitemap(url, f.body, 0)
        return parse_feed(f.body, f.final_url, source=url)

    async def one_sitemap(url: str, body: bytes | None, depth: int) -> list[Candidate]:
        if body is None:
            f = await fetcher.fetch(Candidate(url=url, source=url), kind="feed")
            if not f.ok:
                return []
            body = f.body
        try:
            cands, children = parse_sitemap(body, url, source=url)
        except ValueError:
            return []
        if depth < max_sitemap_depth and children:
            nested = await asyncio.gather(*(one_sitemap(c, None, depth + 1) for c in children))
            for n in nested:
                cands.extend(n)
        return cands

    results = await asyncio.gather(*[one_feed(u) for u in feeds], *[one_sitemap(u, None, 0) for u in sitemaps])
    for r in results:
        out.extend(r)
    for u in urls:
        p = Path(u)
        if not u.lower().startswith(("http://", "https://")) and p.exists():
            out.extend(parse_url_list(p.read_text(encoding="utf-8", errors="replace"), source=str(p)))
        else:
            out.extend(parse_url_list(u, source="--url"))
    out.extend(file_candidates(files))
    return dedupe_candidates(out)
