"""A malformed URL is one item's failure, wherever it turns up: a URL list, a feed, a
sitemap, a redirect. Each is recorded (``failures`` or ``fetches``, error ``InvalidURL``)
and the rest of the run goes on. ``http://[::1/broken`` is the case from the issue:
``urllib`` raises ``ValueError: Invalid IPv6 URL`` on it."""

from __future__ import annotations

import asyncio

import pytest

from ingest.config import Settings
from ingest.discover import parse_sitemap, parse_url_list, read_feed
from ingest.errors import InvalidURL
from ingest.fetch import Fetcher
from tests.loopback import LoopbackServer, Reply
from ingest.samplesite import site_dir
from ingest.urls import canonicalize_url, check_url, usable_link
from schemas.models import Candidate
from tests.helpers import rows, run_ingest

BROKEN = "http://[::1/broken"
PAGE = sorted(site_dir().rglob("*.html"))[0].read_bytes()


def test_a_malformed_url_is_an_invalid_url_error():
    with pytest.raises(InvalidURL, match="Invalid IPv6 URL"):
        check_url(BROKEN)
    with pytest.raises(InvalidURL):
        usable_link(BROKEN)
    with pytest.raises(InvalidURL):
        usable_link("http://example.com:99999999/x")  # a port urllib refuses
    with pytest.raises(InvalidURL):
        canonicalize_url(BROKEN)
    assert usable_link("mailto:a@b.c") is None  # not HTTP: skipped, not a failure


def test_url_list_keeps_the_good_lines_and_records_the_bad_one():
    rejected: list[dict] = []
    cands = parse_url_list(f"https://a.example/1\n{BROKEN}\nhttps://a.example/2\n", "list.txt", rejected)
    assert [c.url for c in cands] == ["https://a.example/1", "https://a.example/2"]
    assert [(r["stage"], r["url"], r["error"]) for r in rejected] == [("discover", BROKEN, "InvalidURL")]
    assert "list.txt" in rejected[0]["error_message"]


def test_feed_items_with_malformed_links_are_recorded():
    rss = (f"<rss version='2.0'><channel><title>t</title>"
           f"<item><title>good</title><link>https://news.example/a</link></item>"
           f"<item><title>bad</title><link>{BROKEN}</link></item></channel></rss>").encode()
    rejected: list[dict] = []
    cands, problem = read_feed(rss, "https://news.example/feed.xml", rejected=rejected)
    assert [c.url for c in cands] == ["https://news.example/a"] and problem is None
    assert [r["url"] for r in rejected] == [BROKEN]

    json_feed = ('{"version": "https://jsonfeed.org/version/1.1", "items": ['
                 f'{{"url": "{BROKEN}"}}, {{"url": "https://news.example/b"}}]}}').encode()
    rejected = []
    cands, _ = read_feed(json_feed, "https://news.example/feed.json", rejected=rejected)
    assert [c.url for c in cands] == ["https://news.example/b"] and [r["url"] for r in rejected] == [BROKEN]


def test_sitemap_locs_that_are_malformed_are_recorded():
    xml = (f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
           f"<url><loc>{BROKEN}</loc></url><url><loc>https://news.example/c</loc></url></urlset>").encode()
    rejected: list[dict] = []
    cands, kids = parse_sitemap(xml, "https://news.example/sitemap.xml", rejected=rejected)
    assert [c.url for c in cands] == ["https://news.example/c"] and kids == []
    assert [r["error"] for r in rejected] == ["InvalidURL"]


def test_a_redirect_to_a_malformed_url_fails_that_page_only():
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        if req.path == "/jump":
            return Reply(302, headers={"Location": BROKEN})
        return Reply(body=PAGE, headers={"Content-Type": "text/html"})

    async def go(base):
        s = Settings(allow_private=True, retries=0, progress="off", events=False)
        async with Fetcher(s) as f:
            return await f.fetch_all([Candidate(url=f"{base}/jump"), Candidate(url=f"{base}/ok"),
                                      Candidate(url=BROKEN)])

    with LoopbackServer(handler) as srv:
        jump, ok, broken = asyncio.run(go(srv.urls[0]))
    assert jump.error == "InvalidURL"
    assert "redirected (HTTP 302) to a malformed URL" in jump.error_message
    assert ok.ok and broken.error == "InvalidURL"


@pytest.mark.usefixtures("prefect_harness")
def test_the_run_completes_and_records_each_malformed_url(tmp_path):
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        if req.path == "/feed.xml":
            return Reply(body=(f"<rss version='2.0'><channel><title>t</title>"
                               f"<item><title>a</title><link>{base}/a</link></item>"
                               f"<item><title>x</title><link>{BROKEN}</link></item>"
                               f"</channel></rss>").encode(), headers={"Content-Type": "application/rss+xml"})
        if req.path == "/jump":
            return Reply(302, headers={"Location": "http://[::1/elsewhere"})
        return Reply(body=PAGE, headers={"Content-Type": "text/html"})

    with LoopbackServer(handler) as srv:
        base = srv.urls[0]
        url_list = tmp_path / "urls.txt"
        url_list.write_text(f"{base}/b\n{BROKEN}/list\n{base}/jump\n")
        s = Settings(db=tmp_path / "m.duckdb", allow_private=True, retries=0, events=False, progress="off",
                     cache_dir=tmp_path / "cache", feeds=(f"{base}/feed.xml",), urls=(str(url_list),),
                     archive=False, trust_canonical="never")
        result = run_ingest(s)

    assert rows(s.db, "SELECT status FROM runs") == [("completed",)]
    failed = sorted(rows(s.db, "SELECT stage, url, error FROM failures"))
    assert failed == [("discover", BROKEN, "InvalidURL"), ("discover", f"{BROKEN}/list", "InvalidURL")]
    assert rows(s.db, f"SELECT error FROM fetches WHERE url = '{base}/jump'") == [("InvalidURL",)]
    assert result["errors"]["InvalidURL"] == 3
    assert result["counts"]["articles_new"] >= 1  # the good pages still load
