"""Discovery formats of issue #14: sitemaps.org text sitemaps (plain and gzipped) and feed
dates that are not RFC 822 — a date that would have to be guessed is no date."""

from __future__ import annotations

import asyncio
import gzip
from datetime import datetime, timezone

import pytest

from ingest.config import Settings
from ingest.discover import discover, parse_feed, parse_text_sitemap
from ingest.fetch import Fetcher
from tests.loopback import LoopbackServer, Reply


def rss(*dates: str) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>https://news.example/{i}</link><pubDate>{d}</pubDate></item>"
                    for i, d in enumerate(dates))
    return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()


@pytest.mark.parametrize("raw, want", [
    ("Fri, 29 Mar 2024 15:07:41 +0100", datetime(2024, 3, 29, 14, 7, 41, tzinfo=timezone.utc)),
    ("2024/3/29 15:07:41", datetime(2024, 3, 29, 15, 7, 41, tzinfo=timezone.utc)),  # feedparser: 1 Nov this year
    ("2024-03-29T15:07:41+02:00", datetime(2024, 3, 29, 13, 7, 41, tzinfo=timezone.utc)),
    ("29.03.2024", datetime(2024, 3, 29, tzinfo=timezone.utc)),
    ("Friday, March 29, 2024 - 15:07", datetime(2024, 3, 29, 15, 7, tzinfo=timezone.utc)),
    ("Fri, 29 Mar 2024 15:07:41 EST", datetime(2024, 3, 29, 20, 7, 41, tzinfo=timezone.utc)),
    ("March 29", None),        # no year: not a date
    ("03/04/2024", None),      # 3 April or 4 March: not a date
    ("yesterday", None),
])
def test_feed_dates_in_odd_formats(raw, want):
    [c] = parse_feed(rss(raw), "https://news.example/feed")
    assert c.feed_published_at == want


def test_text_sitemap_plain_and_gzipped():
    body = b"https://news.example/a.html\n\nhttps://news.example/b.html\r\nhttps://news.example/a.html\n"
    for b in (body, gzip.compress(body)):
        cands = parse_text_sitemap(b, "s")
        assert [c.url for c in cands] == ["https://news.example/a.html", "https://news.example/b.html"]
    assert parse_text_sitemap(b"<html><body>Not found</body></html>", "s") is None
    assert parse_text_sitemap(b"https://a.example/x\nsome words\n", "s") is None
    assert parse_text_sitemap(b"<urlset></urlset>", "s") is None


def test_text_sitemap_discovered_over_http_as_served():
    files: dict[str, tuple[bytes, str]] = {}

    def handler(req):
        if req.path not in files:
            return Reply(404)
        body, ctype = files[req.path]
        return Reply(body=body, headers={"Content-Type": ctype})

    with LoopbackServer(handler) as srv:
        base = srv.urls[0]
        listing = f"{base}/news/1.html\n{base}/news/2.html\n".encode()
        files["/urllist.txt.gz"] = (gzip.compress(listing), "application/gzip")
        files["/urllist.txt"] = (listing, "text/plain")

        async def go():
            async with Fetcher(Settings(allow_private=True, retries=0)) as f:
                return await discover(f, sitemaps=[f"{base}/urllist.txt.gz", f"{base}/urllist.txt"])
        d = asyncio.run(go())
    assert sorted(c.url for c in d.candidates) == [f"{base}/news/1.html", f"{base}/news/2.html"]
    for st in d.sources:
        assert (st.kind, st.items, st.last_error) == ("sitemap", 2, None)
