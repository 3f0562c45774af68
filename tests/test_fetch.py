"""The fetcher against real loopback servers (pytest-httpserver)."""

import asyncio
import gzip
import threading
import time

import pytest
from werkzeug import Response

from ingest.config import Settings
from ingest.fetch import Fetcher, is_private_address, parse_retry_after
from schemas.models import Candidate

PAGE = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


def fetch(settings: Settings, *urls: str, kind: str = "article"):
    async def go():
        async with Fetcher(settings) as f:
            res = await f.fetch_all([Candidate(url=u) for u in urls], kind=kind)
            return res, f.log
    return asyncio.run(go())


@pytest.fixture
def s():
    return Settings(allow_private=True, retries=2, connect_timeout=2, read_timeout=2, total_timeout=5)


def test_ok_page_records_status_bytes_and_user_agent(httpserver, s):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    [res], log = fetch(s, httpserver.url_for("/a"))
    assert res.ok and res.status_code == 200 and res.body == PAGE and res.encoding == "utf-8"
    req = httpserver.log[-1][0]
    assert req.headers["User-Agent"].startswith("eventwire/")
    assert len(log) == 2  # robots.txt + the page


def test_404_is_permanent_and_not_retried(httpserver, s):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    [res], _ = fetch(s, httpserver.url_for("/gone"))
    assert res.error == "HTTPStatusError" and res.status_code == 404
    assert sum(1 for r, _ in httpserver.log if r.path == "/gone") == 1


def test_503_then_200_is_retried_honouring_retry_after(httpserver, s):
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=503, headers={"Retry-After": "1"})
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/flaky").respond_with_handler(handler)
    t0 = time.monotonic()
    [res], log = fetch(s, httpserver.url_for("/flaky"))
    assert res.ok and res.attempt == 2
    assert time.monotonic() - t0 >= 0.9
    assert [f.error for f in log if f.url.endswith("/flaky")] == ["ServerBusy", None]


def test_redirects_are_followed_and_loops_stopped(httpserver, s):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    [moved, loop], _ = fetch(s, httpserver.url_for("/old"), httpserver.url_for("/loop"))
    assert moved.ok and moved.final_url.endswith("/new")
    assert loop.error == "HTTPStatusError" and "redirects" in loop.error_message


def test_oversized_body_and_gzip_bomb_are_refused(httpserver, s):
    small = s.replace(max_bytes=100_000)
    httpserver.expect_request("/big").respond_with_data(b"x" * 200_000, content_type="text/html")
    bomb = gzip.compress(b"<html>" + b" " * 5_000_000)
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    [big, boom], _ = fetch(small, httpserver.url_for("/big"), httpserver.url_for("/bomb"))
    assert big.error == "BodyTooLarge" and boom.error == "BodyTooLarge"
    assert len(bomb) < 100_000  # small on the wire, huge inflated


def test_non_html_is_not_extracted(httpserver, s):
    httpserver.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    [res], _ = fetch(s, httpserver.url_for("/doc.pdf"))
    assert res.error == "NotHTML"


def test_private_addresses_refused_by_default(httpserver):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    res, meta = fetch(Settings(retries=0), httpserver.url_for("/a"), "http://169.254.169.254/latest/meta-data/")[0]
    assert res.error == meta.error == "BlockedAddress" and "--allow-private" in res.error_message
    assert not any(r.path == "/a" for r, _ in httpserver.log)
    assert is_private_address("10.1.2.3") and is_private_address("::1") and not is_private_address("93.184.216.34")


def test_private_range_refused_before_any_connection():
    # checked before connecting: no packet leaves for 10.0.0.1 or localhost names
    [a, b], log = fetch(Settings(retries=0), "http://10.0.0.1/admin", "http://localhost:1/x")
    assert a.error == b.error == "BlockedAddress"
    assert all(f.status_code is None for f in log)


def test_robots_disallow_is_obeyed(httpserver, s):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/private/x").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/public").respond_with_data(PAGE, content_type="text/html")
    [blocked, ok], _ = fetch(s, httpserver.url_for("/private/x"), httpserver.url_for("/public"))
    assert blocked.error == "DisallowedByRobots" and ok.ok
    assert not any(r.path == "/private/x" for r, _ in httpserver.log)


def test_connection_refused_is_recorded(s):
    [res], _ = fetch(s.replace(retries=0), "http://127.0.0.1:9/nothing-listens-here")
    assert res.error == "ConnectFailed"


def test_per_host_limit_is_never_exceeded(httpserver, s):
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def handler(request):
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.05)
        with lock:
            active["now"] -= 1
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    for i in range(12):
        httpserver.expect_request(f"/p{i}").respond_with_handler(handler)
    res, _ = fetch(s.replace(per_host=3, concurrency=10), *[httpserver.url_for(f"/p{i}") for i in range(12)])
    assert all(r.ok for r in res)
    assert active["max"] <= 3


def test_retry_after_parsing():
    assert parse_retry_after("5") == 5
    assert parse_retry_after("100000") == 60  # capped
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None
