import asyncio
import gzip
from pathlib import Path

from ingest.config import Settings
from ingest.discover import (
    discover_sources, file_candidates, parse_feed, parse_sitemap, parse_url_list, usable_link,
)
from ingest.fetch import Fetcher


def test_rss_atom_and_json_feeds(feeds_dir: Path):
    wapo = parse_feed((feeds_dir / "node_feedparser_tests/wapowellness.xml").read_bytes(), "https://wapo.example/rss")
    assert len(wapo) == 29
    assert all(c.url.startswith("http") and c.feed_title for c in wapo)
    assert all(c.feed_published_at is not None for c in wapo)
    tpm = parse_feed((feeds_dir / "node_feedparser_tests/tpm.atom").read_bytes(), "https://tpm.example/feed")
    assert len(tpm) == 20
    npr = parse_feed((feeds_dir / "trafilatura_tests/feed.json").read_bytes(), "https://npr.example/feed.json")
    assert len(npr) == 25 and npr[0].feed_published_at is not None


def test_windows_1251_feed_titles_decode(feeds_dir: Path):
    items = parse_feed((feeds_dir / "node_feedparser_tests/iconv.xml").read_bytes(), "https://ru.example/rss")
    assert len(items) == 10
    assert any(any("а" <= ch <= "я" for ch in (c.feed_title or "")) for c in items)


def test_not_a_feed_yields_nothing(feeds_dir: Path):
    assert parse_feed((feeds_dir / "node_feedparser_tests/notafeed.html").read_bytes(), "https://x.example/") == []


def test_relative_links_and_bad_schemes():
    body = b"""<rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>/news/a.html</link></item>
      <item><title>dup</title><link>/news/a.html</link></item>
      <item><title>js</title><link>javascript:alert(1)</link></item>
      <item><title>mail</title><link>mailto:x@y.z</link></item>
    </channel></rss>"""
    items = parse_feed(body, "https://site.example/feeds/rss.xml")
    assert [c.url for c in items] == ["https://site.example/news/a.html"]
    assert usable_link("data:text/html,hi") is None


def test_sitemaps_plain_gzipped_news_and_index(feeds_dir: Path):
    urls, children = parse_sitemap((feeds_dir / "trafilatura_tests/sitemap.xml").read_bytes(), "https://www.sitemaps.org/")
    assert len(urls) == 84 and children == []
    gz, _ = parse_sitemap((feeds_dir / "trafilatura_tests/sitemap.xml.gz").read_bytes(), "https://www.sitemaps.org/")
    assert [c.url for c in gz] == [c.url for c in urls]
    news, _ = parse_sitemap((feeds_dir / "advertools_tests/news_sitemap.xml").read_bytes(), "https://nytimes.com/")
    assert len(news) == 6 and all(c.feed_title and c.feed_published_at for c in news)
    _, kids = parse_sitemap((feeds_dir / "advertools_tests/sitemap_index.xml").read_bytes(), "https://x.example/")
    assert len(kids) == 4
    parse_sitemap((feeds_dir / "advertools_tests/error_sitemap.xml").read_bytes(), "https://x.example/")  # no raise


def test_url_lists_and_files(tmp_path: Path):
    items = parse_url_list("# comment\nhttps://a.example/1\n\nhttps://a.example/1\nftp://nope\n")
    assert [c.url for c in items] == ["https://a.example/1"]
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<html></html>"))
    (tmp_path / "c.txt").write_text("x")
    cands = file_candidates([tmp_path])
    assert sorted(Path(c.local_path).name for c in cands) == ["a.html", "b.html.gz"]


def test_discover_fetches_feed_and_sitemap_over_http(sample_site: str, tmp_path: Path):
    s = Settings(allow_private=True, retries=0)

    async def go():
        async with Fetcher(s) as f:
            return await discover_sources(f, feeds=[f"{sample_site}/feed.xml"], sitemaps=[f"{sample_site}/sitemap.xml"]), f.log

    cands, log = asyncio.run(go())
    assert len(cands) == 33  # the feed and the sitemap list the same pages: merged
    assert all(c.url.startswith(sample_site) for c in cands)
    assert {f.status_code for f in log} <= {200, 404}
