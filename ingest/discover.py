"""Sources → ``Candidate`` URLs: RSS/Atom/JSON feeds, sitemaps, URL lists, local files.

Parsing is separate from fetching: every ``parse_*`` function takes bytes that the
fetcher already downloaded (feedparser, given a URL, would fetch it itself, bypassing
our politeness, robots and private-address rules).

Feeds and sitemaps are fetched *conditionally*: ``discover`` takes what the ``sources``
table remembers of each (``SourceState``: ETag, Last-Modified, the sitemaps an index
listed) and sends ``If-None-Match`` / ``If-Modified-Since``; a 304 yields no candidates and
costs one small request. A sitemap index that answers 304 still has its known children
asked (conditionally too), since sites update child sitemaps without touching the index.
A sitemap URL whose path is ``/robots.txt`` stands for the ``Sitemap:`` lines of that file.
"""

from __future__ import annotations

import asyncio
import calendar
import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

import feedparser
import lxml.etree

from ingest.compression import head as _inflated_head
from ingest.compression import maybe_gunzip
from ingest.errors import BodyTooLarge, InvalidURL, is_transient
from ingest.urls import canonicalize_url, usable_link
from schemas.models import Candidate, Fetched, SourceState, Validators  # noqa: F401  (re-exported)

def _link(raw: object, base: str | None, source: str, rejected: list[dict] | None) -> str | None:
    """``usable_link``, with a malformed link recorded in ``rejected`` (a ``failures`` row,
    ``stage='discover'``, ``error='InvalidURL'``) and skipped: one bad item never costs the
    rest of its feed, sitemap or list."""
    try:
        return usable_link(raw, base) if isinstance(raw, str) or raw is None else None
    except InvalidURL as e:
        if rejected is not None:
            rejected.append({"stage": "discover", "url": str(raw)[:2000], "error": "InvalidURL",
                             "error_message": f"{e} (listed by {source})"[:500]})
        return None


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:  # malformed: not a robots.txt; the fetcher records it as InvalidURL
        return ""


def _struct_to_dt(st) -> datetime | None:
    if not st:
        return None
    return datetime.fromtimestamp(calendar.timegm(st), tz=timezone.utc)


def _entry_date(entry) -> datetime | None:
    """A feed item's date, only when its text states one (RFC 822, ISO 8601 or another
    complete form). feedparser fills what it cannot read from today (``2024/3/29 15:07:41``
    came out as 1 November of the current year): its reading is used only when our own
    strict reading of the same text agrees on the day, and a date that would have to be
    guessed is no date (None)."""
    from ingest.pagemeta import strict_datetime

    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        dt, _has_time = strict_datetime(raw)
        if dt is None:
            continue
        if dt.tzinfo is None:
            parsed = _struct_to_dt(entry.get(f"{key}_parsed"))
            # feedparser knows zone names (EST, CEST, …) that our reading may leave naive
            if parsed is not None and abs(parsed.replace(tzinfo=None) - dt) < timedelta(days=1):
                return parsed
            dt = dt.replace(tzinfo=timezone.utc)
        return dt.astimezone(timezone.utc)
    return None


def looks_like_sitemap(body: bytes) -> bool:
    """Whether ``body`` (gzipped or not) starts like a sitemap; inflates only its head."""
    head = _inflated_head(body, 2048).lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_feed(body: bytes, base_url: str, source: str | None = None,
               rejected: list[dict] | None = None) -> list[Candidate]:
    """Items of an RSS 0.9x/1.0/2.0, Atom or JSON Feed document, deduplicated by link.

    A malformed item link is skipped and, when ``rejected`` is given, recorded there as a
    ``failures`` row (``error='InvalidURL'``).
    """
    return read_feed(body, base_url, source, rejected)[0]


def read_feed(body: bytes, base_url: str, source: str | None = None,
              rejected: list[dict] | None = None) -> tuple[list[Candidate], str | None]:
    """``parse_feed``, plus why nothing could be read: ``(items, problem)``.

    ``problem`` is set only when no item came out *and* the body is broken or not a feed
    at all (feedparser's ``bozo``, or no recognised format, or invalid JSON). A valid feed
    with no items is not a problem, and neither is a slightly broken one whose items could
    still be read: feedparser flags harmless things (a wrong declared encoding) too.
    """
    body = maybe_gunzip(body)
    source = source or base_url
    stripped = body.lstrip()
    if stripped[:1] == b"{":
        return _parse_json_feed(stripped, base_url, source, rejected)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    out: list[Candidate] = []
    seen: set[str] = set()
    raw_entries = None
    for i, entry in enumerate(parsed.entries):
        if rejected is not None and not entry.get("link") and not any(x.get("href") for x in entry.get("links", [])):
            # feedparser, resolving a link against the feed's URL, turns a malformed one into
            # "": read the item's link as written (no base given) so it can be recorded
            raw_entries = raw_entries or feedparser.parse(body).entries
            raw = raw_entries[i].get("link") if i < len(raw_entries) else None
            if raw:
                _link(raw, base_url, source, rejected)
            continue
        link = _link(entry.get("link"), base_url, source, rejected)
        if link is None:
            for alt in entry.get("links", []):
                link = _link(alt.get("href"), base_url, source, rejected)
                if link:
                    break
        if link is None or link in seen:
            continue
        seen.add(link)
        out.append(Candidate(
            url=link, source=source, feed_title=entry.get("title"),
            feed_published_at=_entry_date(entry),
        ))
    problem = None
    if not out and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        problem = f"not a readable feed: {why}" if why else "not an RSS, Atom or JSON feed"
    return out, problem


def _parse_json_feed(body: bytes, base_url: str, source: str,
                     rejected: list[dict] | None = None) -> tuple[list[Candidate], str | None]:
    from ingest.timeparse import parse_datetime

    try:
        data = json.loads(body)
    except ValueError as e:
        return [], f"not a readable JSON feed: {e}"
    out, seen = [], set()
    items = data.get("items") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):  # hostile or broken JSON: skip what is not an item
            continue
        link = item.get("url") or item.get("external_url")
        link = _link(link, base_url, source, rejected) if isinstance(link, str) else None
        if link is None or link in seen:
            continue
        seen.add(link)
        title, published = item.get("title"), item.get("date_published")
        out.append(Candidate(url=link, source=source, feed_title=title if isinstance(title, str) else None,
                             feed_published_at=parse_datetime(published) if isinstance(published, str) else None))
    if not out and not (isinstance(data, dict) and isinstance(data.get("items"), list)):
        return out, "not a JSON feed (no items list)"
    return out, None


def parse_sitemap(body: bytes, base_url: str, source: str | None = None,
                  rejected: list[dict] | None = None) -> tuple[list[Candidate], list[str]]:
    """(article candidates, child sitemap URLs) of a sitemap, sitemap index or news sitemap.

    A malformed ``<loc>`` is skipped and, when ``rejected`` is given, recorded there.
    """
    from ingest.timeparse import parse_datetime

    body = maybe_gunzip(body)
    source = source or base_url
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        # base_url lets lxml combine it with any xml:base attributes (``el.base`` below)
        root = lxml.etree.fromstring(body, parser, base_url=base_url)
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
        loc_base = base_url
        for sub in el.iter():
            if not isinstance(sub.tag, str):
                continue
            name = lxml.etree.QName(sub).localname
            if name == "loc" and loc is None and sub.getparent() is el:
                loc = (sub.text or "").strip()
                loc_base = sub.base or base_url
            elif name == "title" and title is None:
                title = (sub.text or "").strip() or None
            elif name in ("publication_date", "lastmod") and date is None:
                date = (sub.text or "").strip()
        link = _link(loc, loc_base, source, rejected)
        if link is None or link in seen:
            continue
        seen.add(link)
        if tag == "sitemapindex":
            children.append(link)
        else:
            out.append(Candidate(url=link, source=source, feed_title=title,
                                 feed_published_at=parse_datetime(date)))
    return out, children


def parse_text_sitemap(body: bytes, source: str, rejected: list[dict] | None = None) -> list[Candidate] | None:
    """A sitemap in sitemaps.org's text format (plain or gzipped): UTF-8, one absolute URL
    per line and nothing else. ``None`` when the body is not of that form (an XML sitemap,
    a feed, an HTML error page), so that the caller can try the other readers."""
    body = maybe_gunzip(body)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    if not lines or not all(re.fullmatch(r"https?://\S+", x) for x in lines):
        return None
    out, seen = [], set()
    for line in lines:
        link = _link(line, None, source, rejected)  # a malformed line is recorded, not fatal
        if link and link not in seen:
            seen.add(link)
            out.append(Candidate(url=link, source=source))
    return out


def parse_url_list(text: str, source: str = "urls", rejected: list[dict] | None = None) -> list[Candidate]:
    """One URL per line; blank lines and ``#`` comments skipped; a malformed line is
    skipped and, when ``rejected`` is given, recorded there (``error='InvalidURL'``)."""
    out, seen = [], set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        link = _link(line, None, source, rejected)
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
    seen: set[str] = set()
    out = []
    for c in cands:
        key = canonicalize_url(c.url) if not c.local_path else c.url
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


@dataclass
class Discovery:
    """What ``discover`` found: candidates, and the state of every source it asked."""

    candidates: list[Candidate]
    sources: list[SourceState]
    rejected: list[dict] = field(default_factory=list)  # malformed links, as failures rows

    @property
    def unchanged(self) -> int:
        return sum(1 for s in self.sources if s.last_status == 304)

    @property
    def failures(self) -> list[dict]:
        """Sources that answered but whose body could not be read (a malformed feed, a
        gzip bomb), then malformed links found in sources, as ``failures`` rows
        (``stage='discover'``). Sources that did not answer are already in ``fetches``."""
        return [{"stage": "discover", "url": s.url, "error": s.last_error, "error_message": s.error_message}
                for s in self.sources if s.last_error and s.error_message] + list(self.rejected)


async def discover(fetcher, *, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
                   urls: Iterable[str] = (), files: Iterable[str] = (),
                   known: Mapping[str, SourceState] | None = None,
                   max_sitemap_depth: int = 3) -> Discovery:
    """Every candidate from the given sources, duplicates merged, in a stable order.

    ``known`` maps source URLs to what the last run stored (validators, and which child
    sitemaps an index listed). A source that cannot be fetched or parsed is recorded in
    ``fetcher.log`` and in its ``SourceState`` and skipped; the others still count.
    ``urls`` entries may also name local text files holding one URL per line.
    """
    known = dict(known or {})
    states: dict[str, SourceState] = {}
    rejected: list[dict] = []

    def state_for(url: str, kind: str, parent: str | None) -> SourceState | None:
        """A fresh state for ``url``, or None when this run already asked it (cycles, repeats)."""
        if url in states:
            return None
        old = known.get(url)
        st = dataclasses.replace(old, kind=kind, parent=parent or old.parent) if old else \
            SourceState(url=url, kind=kind, parent=parent)
        states[url] = st
        return st

    async def get(st: SourceState) -> Fetched | None:
        """Conditional GET; None when the source is unchanged (304) or failed."""
        st.sent = st.validators
        f, got = await fetcher.fetch_conditional(Candidate(url=st.url, source=st.parent or st.url), st.sent)
        st.checked_at, st.last_status, st.last_error = f.fetched_at, f.status_code, f.error
        if f.status_code == 304:
            st.etag, st.last_modified = got.etag, got.last_modified
            return None
        if not f.ok:
            return None
        st.etag, st.last_modified = got.etag, got.last_modified
        st.changed_at = f.fetched_at
        return f

    async def one_feed(url: str) -> list[Candidate]:
        st = state_for(url, "feed", None)
        if st is None:
            return []
        f = await get(st)
        if f is None or f.body is None:
            return []
        if looks_like_sitemap(f.body):
            st.kind = "sitemap"
            return await read_sitemap(st, f, 0)
        try:
            cands, problem = read_feed(f.body, f.final_url, source=url, rejected=rejected)
        except Exception as e:  # a gzip bomb or corrupt gzip (ValueError), or a parser bug: never fatal
            unreadable(st, _parse_error(e), f"{type(e).__name__}: {e}")
            return []
        if problem:
            unreadable(st, "MalformedFeed", problem)
        st.items = len(cands)
        return cands

    def unreadable(st: SourceState, error: str, message: str) -> None:
        st.last_error, st.error_message = error, message[:500]

    async def one_sitemap(url: str, depth: int, parent: str | None = None) -> list[Candidate]:
        if _path(url) == "/robots.txt":
            return await from_robots(url)
        st = state_for(url, "sitemap", parent)
        if st is None:
            return []
        f = await get(st)
        if f is None:
            if st.last_status == 304:  # unchanged index: its children may still have changed
                kids = [k.url for k in known.values() if k.parent == url and k.kind == "sitemap"]
                return await children(kids, depth, url)
            return []
        return await read_sitemap(st, f, depth)

    async def read_sitemap(st: SourceState, f: Fetched, depth: int) -> list[Candidate]:
        assert f.body is not None
        try:
            text_list = None if looks_like_sitemap(f.body) else parse_text_sitemap(f.body, source=st.url, rejected=rejected)
            if text_list is not None:  # sitemaps.org's text form: one URL per line
                st.items = len(text_list)
                return text_list
            if not looks_like_sitemap(f.body):  # a "sitemap" that is really a feed
                cands, problem = read_feed(f.body, f.final_url, source=st.url, rejected=rejected)
                if problem:
                    unreadable(st, "MalformedFeed", problem)
                st.items = len(cands)
                return cands
            cands, kids = parse_sitemap(f.body, f.final_url, source=st.url, rejected=rejected)
        except Exception as e:  # a gzip bomb or corrupt gzip (ValueError), or a parser bug: never fatal
            unreadable(st, _parse_error(e), f"{type(e).__name__}: {e}")
            return []
        st.items = len(cands) + len(kids)
        return cands + await children(kids, depth, st.url)

    async def children(kids: Sequence[str], depth: int, parent: str) -> list[Candidate]:
        if depth >= max_sitemap_depth or not kids:
            return []
        nested = await asyncio.gather(*(one_sitemap(k, depth + 1, parent) for k in kids))
        return [c for n in nested for c in n]

    async def from_robots(url: str) -> list[Candidate]:
        """``Sitemap:`` lines of a robots.txt, read through the fetcher's once-per-host copy."""
        st = state_for(url, "robots", None)
        if st is None:
            return []
        st.checked_at = datetime.now(timezone.utc)
        try:
            rules = await fetcher.robots(url)
        except Exception as e:  # RobotsUnavailable, BlockedAddress, …: recorded, not fatal
            st.last_error, st.last_status = type(e).__name__, None
            return []
        st.last_error, st.items = None, len(rules.sitemaps)
        found = [u for u in (_link(x, url, url, rejected) for x in rules.sitemaps) if u]
        nested = await asyncio.gather(*(one_sitemap(u, 0, url) for u in found if _path(u) != "/robots.txt"))
        return [c for n in nested for c in n]

    results = await asyncio.gather(*[one_feed(u) for u in feeds], *[one_sitemap(u, 0) for u in sitemaps])
    out: list[Candidate] = [c for r in results for c in r]
    for u in urls:
        p = Path(u)
        if not u.lower().startswith(("http://", "https://")) and p.exists():
            out.extend(parse_url_list(p.read_text(encoding="utf-8", errors="replace"), source=str(p),
                                      rejected=rejected))
        else:
            out.extend(parse_url_list(u, source="--url", rejected=rejected))
    out.extend(file_candidates(files))
    return Discovery(dedupe_candidates(out), list(states.values()), rejected)


def _parse_error(e: Exception) -> str:
    """The error class recorded for a source whose body could not be read, by type: a gzip
    bomb is ``BodyTooLarge``; corrupt gzip (``DecodeFailed``) or anything a parser raised
    makes the source a ``MalformedFeed``."""
    return "BodyTooLarge" if isinstance(e, BodyTooLarge) else "MalformedFeed"


async def discover_sources(fetcher, *, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
                           urls: Iterable[str] = (), files: Iterable[str] = (),
                           max_sitemap_depth: int = 3,
                           known: Mapping[str, SourceState] | None = None) -> list[Candidate]:
    """The candidates of ``discover`` (for callers that keep no source state)."""
    d = await discover(fetcher, feeds=feeds, sitemaps=sitemaps, urls=urls, files=files,
                       known=known, max_sitemap_depth=max_sitemap_depth)
    return d.candidates



def settle_sources(sources: Iterable[SourceState], fetched: Iterable[Fetched]) -> list[SourceState]:
    """The states to store once a run's pages are fetched.

    A source whose listed pages failed *transiently* (timeouts, refused connections,
    429/5xx) keeps the validators it was sent, not the new ones: next run its feed is read
    again in full instead of answering 304, so those pages get another chance (pages
    already loaded are skipped before fetching, so that costs little).
    """
    retry = {f.candidate.source for f in fetched if is_transient(f.error)}
    out = []
    for st in sources:
        if st.url in retry and st.sent is not None:
            st = dataclasses.replace(st, etag=st.sent.etag, last_modified=st.sent.last_modified)
        out.append(st)
    return out
