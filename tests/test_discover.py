import asyncio
import dataclasses
import gzip
from pathlib import Path

import pytest

from ingest import load, progress
from ingest.config import Settings
from ingest.discover import (
    SourceState, discover, discover_sources, file_candidates, parse_feed, parse_sitemap, parse_url_list,
    settle_sources, usable_link,
)
from ingest.fetch import Fetcher
from tests.loopback import LoopbackServer, Reply
from schemas.models import Candidate, Fetched


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


# ---------------------------------------------------------------- xml:base, robots Sitemap:, conditional GET

def test_xml_base_in_atom_and_sitemaps(feeds_dir: Path):
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://c.example/blog/"><title>t</title>
      <entry xml:base="2024/"><title>a</title><link href="post.html"/></entry>
      <entry><title>b</title><link href="/x.html"/></entry>
      <entry><title>c</title><link href="javascript:void(0)"/></entry></feed>"""
    assert [c.url for c in parse_feed(atom, "https://feeds.example/atom")] == [
        "https://c.example/blog/2024/post.html", "https://c.example/x.html"]
    sm = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xml:base="https://b.example/news/">
      <url><loc>a.html</loc></url><url xml:base="/other/"><loc>b.html</loc></url>
      <url><loc>https://elsewhere.example/c</loc></url><url><loc>mailto:x@y.z</loc></url></urlset>"""
    urls, _ = parse_sitemap(sm, "https://x.example/sitemap.xml")
    assert [c.url for c in urls] == ["https://b.example/news/a.html", "https://b.example/other/b.html",
                                     "https://elsewhere.example/c"]
    # a real feed whose entries carry xml:base (feedparser's test corpus)
    ru = parse_feed((feeds_dir / "feedparser_tests/large_atom_feed_that_needs_css_sanitisation.xml").read_bytes(),
                    "https://mirror.example/feed")
    assert len(ru) == 15 and all(c.url.startswith("http://touchnokia.ru/") for c in ru)


def test_gzipped_feed_and_cdata_sitemap_index(feeds_dir: Path):
    ru = parse_feed((feeds_dir / "node_feedparser_tests/compressed.xml").read_bytes(), "https://ru.example/rss")
    assert len(ru) == 10
    _, kids = parse_sitemap((feeds_dir / "trafilatura_tests/sitemap2.xml").read_bytes(), "https://x.example/")
    assert kids and all(k.startswith("http") for k in kids)


class _Site:
    """A loopback site whose feed and sitemaps answer conditional GETs like a real server."""

    def __init__(self, feeds_dir: Path):
        self.files = {
            "/robots.txt": (b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap_index.xml\n"
                            b"Sitemap: /news.xml\n", "text/plain"),
            "/feed.xml": ((feeds_dir / "node_feedparser_tests/rss2sample.xml").read_bytes(), "application/rss+xml"),
            "/sitemap_index.xml": (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   b"<sitemap><loc>/news.xml</loc></sitemap><sitemap><loc>/more.xml.gz</loc></sitemap>"
                                   b"<sitemap><loc>/sitemap_index.xml</loc></sitemap></sitemapindex>", "application/xml"),
            "/news.xml": (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                          b"<url><loc>/a/1.html</loc></url><url><loc>/a/2.html</loc></url></urlset>", "application/xml"),
            "/more.xml.gz": ((feeds_dir / "advertools_tests/zipped_sitemap.xml.gz").read_bytes(), "application/gzip"),
        }
        self.versions = dict.fromkeys(self.files, 1)  # bumped when a file changes

    def handler(self, req):
        if req.path not in self.files:
            return Reply(404)
        body, ctype = self.files[req.path]
        etag = f'W/"{req.path}-{self.versions[req.path]}"'
        if req.path == "/feed.xml":  # this one only knows Last-Modified
            lm = "Tue, 10 Jun 2003 04:00:00 GMT"
            if req.headers.get("if-modified-since") == lm:
                return Reply(304)
            return Reply(body=body, headers={"Content-Type": ctype, "Last-Modified": lm})
        if req.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=body, headers={"Content-Type": ctype, "ETag": etag})


def _discover(base: str, known=None, **kw):
    s = Settings(allow_private=True, retries=0)

    async def go():
        async with Fetcher(s) as f:
            return await discover(f, known=known, **kw), f.log
    return asyncio.run(go())


def test_sitemap_lines_in_robots_txt_are_a_source(feeds_dir: Path):
    site = _Site(feeds_dir)
    with LoopbackServer(site.handler) as srv:
        base = srv.urls[0]
        d, log = _discover(base, sitemaps=[f"{base}/robots.txt"], feeds=[f"{base}/feed.xml"])
        robots_hits = srv.count("/robots.txt")
    urls = [c.url for c in d.candidates]
    assert f"{base}/a/1.html" in urls and f"{base}/a/2.html" in urls
    assert sum(1 for u in urls if "gzipped.com" in u) == 5  # the gzipped sitemap's urls
    kinds = {st.url.removeprefix(base): (st.kind, st.parent and st.parent.removeprefix(base)) for st in d.sources}
    assert kinds["/robots.txt"] == ("robots", None)
    assert kinds["/sitemap_index.xml"] == ("sitemap", "/robots.txt")
    assert kinds["/more.xml.gz"] == ("sitemap", "/sitemap_index.xml")
    assert robots_hits == 1  # read once for its Sitemap: lines *and* its rules
    assert len([f for f in log if f.url.endswith("/news.xml")]) == 1  # listed twice, asked once


def test_second_run_gets_304s_and_costs_nothing_more(feeds_dir: Path, tmp_path: Path):
    site = _Site(feeds_dir)
    db = tmp_path / "t.duckdb"
    with LoopbackServer(site.handler) as srv:
        base = srv.urls[0]
        sources = dict(feeds=[f"{base}/feed.xml"], sitemaps=[f"{base}/sitemap_index.xml"])
        first, _ = _discover(base, **sources)
        assert len(first.candidates) == 4 + 2 + 5 and first.unchanged == 0
        with load.writer(db) as con:
            load.start_run(con, "r1", "ingest")
            load.save_sources(con, "r1", settle_sources(first.sources, []))
            load.finish_run(con, "r1", "completed", {})
            known = load.source_states(con)
        assert known[f"{base}/feed.xml"].last_modified and known[f"{base}/news.xml"].etag
        before = len(srv.requests)
        second, log = _discover(base, known=known, **sources)
        sent = srv.requests[before:]
    assert second.candidates == [] and second.unchanged == 4  # feed, index and both children
    assert sorted(f.status_code for f in log) == [200, 304, 304, 304, 304]  # robots.txt is read once per run
    assert all(f.body is None and f.error is None for f in log if f.status_code == 304)
    feed_req = next(r for r in sent if r.path == "/feed.xml")
    assert feed_req.headers["if-modified-since"] == "Tue, 10 Jun 2003 04:00:00 GMT"
    assert next(r for r in sent if r.path == "/news.xml").headers["if-none-match"] == 'W/"/news.xml-1"'
    # the stored row remembers when the feed last changed and how many items it had
    st = next(x for x in second.sources if x.url.endswith("/feed.xml"))
    assert st.items == 4 and st.changed_at == known[f"{base}/feed.xml"].changed_at


def test_validators_of_a_failed_run_are_not_trusted(tmp_path: Path):
    db = tmp_path / "t.duckdb"
    st = SourceState(url="https://x.example/rss", kind="feed", etag='"v2"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    with load.writer(db) as con:
        load.start_run(con, "crashed", "ingest")
        load.save_sources(con, "crashed", [st])  # the run never finished
        assert load.source_states(con)[st.url].validators.etag is None
        load.finish_run(con, "crashed", "completed", {})
        assert load.source_states(con)[st.url].etag == '"v2"'
        load.save_sources(con, "crashed", [dataclasses.replace(st, etag='"v3"')])  # upsert, one row
        assert con.execute("SELECT count(*), any_value(etag) FROM sources").fetchall() == [(1, '"v3"')]


def test_sources_whose_pages_failed_transiently_keep_their_old_validators():
    from datetime import datetime, timezone

    from ingest.fetch import Validators

    now = datetime.now(timezone.utc)
    a = SourceState("https://a.example/rss", "feed", etag='"new-a"', sent=Validators('"old-a"', None))
    b = SourceState("https://b.example/rss", "feed", etag='"new-b"', sent=Validators('"old-b"', None))

    def f(source, error):
        return Fetched(Candidate(url=f"{source}/page", source=source), "u", "u", None, None, None, now, error=error)

    settled = settle_sources([a, b], [f(a.url, "ConnectFailed"), f(b.url, "HTTPStatusError")])
    assert [x.etag for x in settled] == ['"old-a"', '"new-b"']  # a's pages get another chance next run


def test_unchanged_sitemap_index_still_asks_its_children(feeds_dir: Path):
    site = _Site(feeds_dir)
    with LoopbackServer(site.handler) as srv:
        base = srv.urls[0]
        first, _ = _discover(base, sitemaps=[f"{base}/sitemap_index.xml"])
        # a child changes while the index does not (common: the index lists fixed URLs)
        site.files["/news.xml"] = (site.files["/news.xml"][0].replace(b"2.html", b"3.html"), "application/xml")
        site.versions["/news.xml"] += 1
        second, _ = _discover(base, known={st.url: st for st in first.sources},
                              sitemaps=[f"{base}/sitemap_index.xml"])
    by_url = {st.url.removeprefix(base): st.last_status for st in second.sources}
    assert by_url == {"/sitemap_index.xml": 304, "/news.xml": 200, "/more.xml.gz": 304}
    assert [c.url for c in second.candidates] == [f"{base}/a/1.html", f"{base}/a/3.html"]


# ---------------------------------------------------------------- progress bar

class _Stream:
    def __init__(self, tty: bool):
        self.tty, self.parts = tty, []

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.parts.append(s)
        return len(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty,mode,drawn", [(True, "auto", True), (False, "auto", False),
                                            (False, "on", True), (True, "off", False), (True, "0", False)])
def test_progress_bar_only_on_a_terminal(tty: bool, mode: str, drawn: bool):
    stream = _Stream(tty)
    with progress.bar("fetching", 3, mode=mode, stream=stream) as advance:
        for err in (None, "ConnectFailed", None):
            advance(Fetched(Candidate(url="u"), "u", "u", None, None, None, None, error=err))
    out = "".join(stream.parts)
    assert ("fetching" in out) is drawn
    if drawn:
        assert "1 failed" in out
