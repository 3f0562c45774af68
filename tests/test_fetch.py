"""The fetcher against real loopback servers: pytest-httpserver for request/response cases,
``ingest.loopback`` where requests must really overlap or be timed on the server side."""

import asyncio
import gzip
import time
import tracemalloc
import zlib

import pytest
from werkzeug import Response

from ingest.config import Settings
from ingest.extract import decode_html
from ingest.fetch import Fetcher, is_private_address, parse_retry_after
from tests.loopback import LoopbackServer, Reply
from schemas.models import Candidate

PAGE = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


def fetch(settings: Settings, *urls: str, kind: str = "article", sleep=asyncio.sleep):
    async def go():
        async with Fetcher(settings, sleep=sleep) as f:
            res = await f.fetch_all([Candidate(url=u) for u in urls], kind=kind)
            return res, f.log
    return asyncio.run(go())


@pytest.fixture
def s():
    return Settings(allow_private=True, retries=2, backoff=0.05, connect_timeout=2, read_timeout=2,
                    total_timeout=5)


@pytest.fixture
def site(httpserver):
    """pytest-httpserver with no robots.txt (404: no rules), as most test sites have."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    return httpserver


def recorder():
    """``(waits, sleep)``: an injectable sleep that records what the fetcher waits and yields
    without waiting, so timing tests assert the waits themselves, not the wall clock."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(round(seconds, 4))
        await asyncio.sleep(0)

    return waits, sleep


def hits(server, path: str) -> int:
    return sum(1 for r, _ in server.log if r.path == path)


# ---------------------------------------------------------------- basics

def test_ok_page_records_status_bytes_user_agent_and_one_robots_fetch(site, s):
    site.expect_request("/a").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    site.expect_request("/b").respond_with_data(PAGE, content_type="text/html")
    [a, b], log = fetch(s, site.url_for("/a"), site.url_for("/b"))
    assert a.ok and a.status_code == 200 and a.body == PAGE and a.encoding == "utf-8"
    assert b.ok and b.encoding is None
    req = site.log[-1][0]
    assert req.headers["User-Agent"].startswith("eventwire/") and "+http" in req.headers["User-Agent"]
    assert hits(site, "/robots.txt") == 1  # once per host per run, however many pages
    assert [f.url.rsplit("/", 1)[1] for f in log].count("robots.txt") == 1 and len(log) == 3


def test_404_is_permanent_and_not_retried(site, s):
    site.expect_request("/gone").respond_with_data("no", status=404)
    [res], _ = fetch(s, site.url_for("/gone"))
    assert res.error == "HTTPStatusError" and res.status_code == 404
    assert hits(site, "/gone") == 1


def test_non_html_is_not_extracted(site, s):
    site.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    site.expect_request("/x.xhtml").respond_with_data(PAGE, content_type="application/xhtml+xml")
    [pdf, xhtml], _ = fetch(s, site.url_for("/doc.pdf"), site.url_for("/x.xhtml"))
    assert pdf.error == "NotHTML" and xhtml.ok


def test_connection_refused_is_recorded(s):
    [res], log = fetch(s.replace(retries=0), "http://127.0.0.1:9/nothing-listens-here")
    assert res.error == "ConnectFailed"
    assert len(log) == 2 and log[0].url.endswith("/robots.txt")  # robots.txt tried once, page not retried


# ---------------------------------------------------------------- retries and backoff

def test_503_then_200_is_retried_honouring_retry_after(site, s):
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=503, headers={"Retry-After": "1"})
        return Response(PAGE, content_type="text/html")

    site.expect_request("/flaky").respond_with_handler(handler)
    waits, sleep = recorder()
    [res], log = fetch(s, site.url_for("/flaky"), sleep=sleep)
    assert res.ok and res.attempt == 2
    # Retry-After (1 s), not the 0.05 s backoff; the host's pause for the same Retry-After shows
    # as a second wait of what is left of it, since the recorder does not let time pass
    assert waits[0] == 1.0 and all(0.9 <= w <= 1.0 for w in waits[1:]) and len(waits) <= 2
    assert [(f.error, f.status_code) for f in log if f.url.endswith("/flaky")] == [("ServerBusy", 503), (None, 200)]


def test_429_is_retried_with_backoff_and_a_long_retry_after_is_not(site, s):
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        return Response("slow down", status=429) if calls["n"] <= 2 else Response(PAGE, content_type="text/html")

    site.expect_request("/limited").respond_with_handler(handler)
    site.expect_request("/later").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    waits, sleep = recorder()
    [ok, later], log = fetch(s, site.url_for("/limited"), site.url_for("/later"), sleep=sleep)
    assert ok.ok and ok.attempt == 3
    assert [f.status_code for f in log if f.url.endswith("/limited")] == [429, 429, 200]
    # asked to come back in an hour: not retried within this run, and no waiting for it
    assert later.error == "ServerBusy" and later.status_code == 429 and hits(site, "/later") == 1
    # two backoffs (0.05 s, then 0.1 s, each ×0.5–1.5) for /limited, each also pausing the host
    # (the recorder lets no time pass, so each pause shows again as the next start's wait: what
    # is left of the longest pause so far, since the jitter can make the second backoff the
    # shorter); nothing near the hour /later asked for
    backoffs = waits[0::2]
    assert len(waits) == 4 and 0.025 <= backoffs[0] <= 0.075 and 0.05 <= backoffs[1] <= 0.15
    assert all(w <= max(backoffs[: i + 1]) for i, w in enumerate(waits[1::2])), waits


def test_backoff_is_exponential_with_jitter(s):
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    # a real refused connection on loopback; robots.txt is off so only the page is retried
    [res], log = fetch(s.replace(retries=3, backoff=0.1, obey_robots=False), "http://127.0.0.1:9/x",
                       sleep=record)
    assert res.error == "ConnectFailed" and res.attempt == 4 and len(log) == 4
    assert len(waits) == 3
    for i, w in enumerate(waits):
        assert 0.1 * 2 ** i * 0.5 <= w <= 0.1 * 2 ** i * 1.5


def test_retry_after_pauses_the_whole_host():
    served: dict[str, list[float]] = {}
    busy = {"n": 0}

    def handler(req):
        served.setdefault(req.path, []).append(req.received_at)
        if req.path == "/busy":
            busy["n"] += 1
            return Reply(503, headers={"Retry-After": "1"}) if busy["n"] == 1 else Reply(body=PAGE, headers={"Content-Type": "text/html"})
        if req.path == "/robots.txt":
            return Reply(404)
        return Reply(body=PAGE, headers={"Content-Type": "text/html"})

    async def go(base: str):
        async with Fetcher(Settings(allow_private=True, retries=1)) as f:
            async def later():
                await asyncio.sleep(0.2)  # asks after the 503 arrived
                return await f.fetch(Candidate(url=f"{base}/other"))
            return await asyncio.gather(f.fetch(Candidate(url=f"{base}/busy")), later())

    with LoopbackServer(handler) as srv:
        busy_res, other = asyncio.run(go(srv.urls[0]))
    assert busy_res.ok and other.ok
    assert served["/other"][0] - served["/busy"][0] >= 0.95  # waited out the host's Retry-After


def test_retry_after_parsing():
    assert parse_retry_after("5") == 5
    assert parse_retry_after("100000") == 60  # capped
    assert parse_retry_after("100000", cap=None) == 100000
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None


# ---------------------------------------------------------------- redirects

def test_redirect_chain_records_final_url_and_a_loop_is_stopped(site, s):
    site.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/older"})
    site.expect_request("/older").respond_with_data("", status=302, headers={"Location": site.url_for("/oldest")})
    site.expect_request("/oldest").respond_with_data("", status=308, headers={"Location": "new"})
    site.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    site.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop2"})
    site.expect_request("/loop2").respond_with_data("", status=302, headers={"Location": "/loop"})
    site.expect_request("/ftp").respond_with_data("", status=302, headers={"Location": "ftp://x.example/f"})
    [moved, loop, ftp], _ = fetch(s.replace(max_redirects=5), site.url_for("/old"), site.url_for("/loop"),
                                  site.url_for("/ftp"))
    assert moved.ok and moved.url.endswith("/old") and moved.final_url == site.url_for("/new")
    assert loop.error == "HTTPStatusError" and "redirect loop" in loop.error_message
    assert hits(site, "/loop") + hits(site, "/loop2") == 6  # max_redirects + 1, then it stops; no retries
    assert ftp.error == "HTTPStatusError" and "non-HTTP" in ftp.error_message


# ---------------------------------------------------------------- size limits

def test_oversized_body_refused_whether_declared_or_not(s):
    big = b"<html>" + b"x" * 300_000

    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        return Reply(body=big, headers={"Content-Type": "text/html"}, chunked=req.path == "/chunked")

    with LoopbackServer(handler) as srv:
        [declared, chunked, ok], _ = fetch(s.replace(max_bytes=100_000), f"{srv.urls[0]}/declared",
                                           f"{srv.urls[0]}/chunked", f"{srv.urls[0]}/declared")
        [fine], _ = fetch(s.replace(max_bytes=400_000), f"{srv.urls[0]}/chunked")
    assert declared.error == chunked.error == ok.error == "BodyTooLarge"
    assert "Content-Length" in declared.error_message and "Content-Length" not in chunked.error_message
    assert fine.ok and fine.body == big


def test_gzip_bombs_are_refused_without_inflating_them(site, s):
    small = s.replace(max_bytes=1_000_000)
    bomb = gzip.compress(b"<html>" + b" " * 20_000_000, 9)
    # a gzip of a gzip bomb: each layer is small, the innermost is 200 MB
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    layer = b"".join([inner.compress(b"\0" * 10_000_000) for _ in range(20)] + [inner.flush()])
    double = gzip.compress(layer, 9)
    site.expect_request("/bomb").respond_with_data(bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    site.expect_request("/double").respond_with_data(
        double, content_type="text/html", headers={"Content-Encoding": "gzip, gzip"})
    site.expect_request("/fine").respond_with_data(
        gzip.compress(PAGE), content_type="text/html", headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        [boom, boom2, fine], _ = fetch(small, site.url_for("/bomb"), site.url_for("/double"), site.url_for("/fine"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(bomb) < 100_000 and len(double) < 10_000  # small on the wire, huge inflated
    assert boom.error == boom2.error == "BodyTooLarge" and "decompressed" in boom2.error_message
    assert fine.ok and fine.body == PAGE
    assert peak < 30_000_000  # never more than a few caps' worth in memory, not 200 MB


# ---------------------------------------------------------------- charset

def test_charset_header_then_meta_then_detection(site, s):
    text = "Министр обороны заявил о новых поставках"
    cp1251 = f"<html><head><meta charset='windows-1251'><title>{text}</title></head><body><p>{text}</p></body></html>".encode("cp1251")
    no_meta = f"<html><body><p>{text}. {text}. {text}.</p></body></html>".encode("cp1251")
    site.expect_request("/lying").respond_with_data(cp1251, content_type="text/html; charset=utf-8")
    site.expect_request("/meta").respond_with_data(cp1251, content_type="text/html")
    site.expect_request("/guess").respond_with_data(no_meta, content_type="text/html")
    site.expect_request("/header").respond_with_data(no_meta, content_type='text/html; charset="windows-1251"')
    [lying, meta, guess, header], _ = fetch(s, *(site.url_for(p) for p in ("/lying", "/meta", "/guess", "/header")))
    assert lying.encoding == "utf-8" and header.encoding == "windows-1251" and meta.encoding is None
    # the header claims UTF-8 but the bytes are not: the page's <meta> wins
    assert text in decode_html(lying.body, lying.encoding)
    assert text in decode_html(meta.body, meta.encoding)
    assert text in decode_html(header.body, header.encoding)
    assert text in decode_html(guess.body, guess.encoding)  # neither: detected


# ---------------------------------------------------------------- robots.txt and politeness

def test_robots_disallow_is_obeyed_with_wildcards(httpserver, s):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /\n\nUser-agent: eventwire\nDisallow: /private/\nDisallow: /*?print=\n"
        "Allow: /private/ok$\nSitemap: /sitemap.xml\n")
    for p in ("/private/x", "/private/ok", "/public", "/story"):
        httpserver.expect_request(p).respond_with_data(PAGE, content_type="text/html")
    urls = [httpserver.url_for(p) for p in ("/private/x", "/private/ok", "/public", "/story")]
    res, _ = fetch(s, *urls, httpserver.url_for("/story?print=1"))
    assert [r.error for r in res] == ["DisallowedByRobots", None, None, None, "DisallowedByRobots"]
    assert hits(httpserver, "/private/x") == 0 and hits(httpserver, "/robots.txt") == 1
    assert not any(r.query_string for r, _ in httpserver.log)  # the ?print= URL never requested


def test_robots_5xx_means_disallow_all_and_4xx_means_no_rules(httpserver, s):
    httpserver.expect_request("/robots.txt").respond_with_data("oops", status=500)
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    [a, b], _ = fetch(s.replace(retries=1), httpserver.url_for("/a"), httpserver.url_for("/a"))
    assert a.error == b.error == "RobotsUnavailable"
    assert hits(httpserver, "/a") == 0 and hits(httpserver, "/robots.txt") == 2  # one retry, then cached
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("no", status=403)
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    [ok], _ = fetch(s, httpserver.url_for("/a"))
    assert ok.ok  # RFC 9309: 4xx (even 401/403) = no restrictions


def test_crawl_delay_spaces_requests_to_one_host():
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(body=b"User-agent: *\nCrawl-delay: 0.3\n")
        return Reply(body=PAGE, headers={"Content-Type": "text/html"})

    with LoopbackServer(handler, ports=2) as srv:
        a, b = srv.urls
        res, _ = fetch(Settings(allow_private=True, per_host=4),
                       *[f"{a}/p{i}" for i in range(4)], *[f"{b}/q{i}" for i in range(4)])
        assert all(r.ok for r in res)
        for port in (0, 1):
            starts = sorted(r.received_at for r in srv.requests if r.port_index == port and r.path != "/robots.txt")
            gaps = [y - x for x, y in zip(starts, starts[1:])]
            assert len(gaps) == 3 and min(gaps) >= 0.28, gaps
        # the two hosts were paced independently, in parallel
        first = min(r.received_at for r in srv.requests)
        assert max(r.received_at for r in srv.requests) - first < 1.5


def test_min_delay_setting_is_capped_crawl_delay():
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(body=b"User-agent: *\nCrawl-delay: 3600\n")
        return Reply(body=PAGE, headers={"Content-Type": "text/html"})

    waits, sleep = recorder()
    with LoopbackServer(handler) as srv:
        res, _ = fetch(Settings(allow_private=True, max_crawl_delay=0.2, min_delay=0.1),
                       *[f"{srv.urls[0]}/p{i}" for i in range(3)], sleep=sleep)
    # robots.txt goes first, so the first page waits min_delay (0.1 s); from then on the 3600 s
    # Crawl-delay, capped at max_crawl_delay (0.2 s), spaces the other two
    assert all(r.ok for r in res)
    assert len(waits) == 3 and 0.05 < waits[0] <= 0.1 and all(0.15 < w <= 0.2 for w in waits[1:]), waits


def test_per_host_and_global_limits_are_never_exceeded():
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        return Reply(body=PAGE, headers={"Content-Type": "text/html"}, delay=0.1)

    for per_host, concurrency in ((3, 20), (3, 8)):
        with LoopbackServer(handler, ports=4) as srv:
            urls = [f"{u}/p{i}" for i in range(12) for u in srv.urls]
            res, _ = fetch(Settings(allow_private=True, per_host=per_host, concurrency=concurrency), *urls)
        assert all(r.ok for r in res)
        # counted by the server: each limit is reached (the server really overlaps) and never exceeded
        assert srv.max_active_total == min(concurrency, 4 * per_host)
        assert all(m <= per_host for m in srv.max_active)
        if concurrency >= 4 * per_host:
            assert max(srv.max_active) == per_host


def test_one_slow_host_does_not_starve_the_others():
    # 20 URLs for a slow host queued before 8 for a fast one: the slow host's queue must not
    # hold global slots while it waits for its own
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        return Reply(body=PAGE, headers={"Content-Type": "text/html"}, delay=0.1 if req.port_index == 0 else 0)

    with LoopbackServer(handler, ports=2) as srv:
        slow, fast = srv.urls
        done: dict[str, float] = {}

        async def go():
            # robots.txt off: every request goes straight for the limits, in the order given
            async with Fetcher(Settings(allow_private=True, per_host=2, concurrency=4, obey_robots=False)) as f:
                t0 = time.monotonic()
                await f.fetch_all([Candidate(url=f"{slow}/s{i}") for i in range(20)]
                                  + [Candidate(url=f"{fast}/f{i}") for i in range(8)],
                                  progress=lambda r: done.__setitem__(r.url, time.monotonic() - t0))

        asyncio.run(go())
    assert max(t for u, t in done.items() if u.startswith(fast)) < 0.5  # the slow host takes 1 s


def test_connections_are_reused_per_host_and_closed_when_the_host_is_done():
    def handler(req):
        if req.path == "/robots.txt":
            return Reply(404)
        return Reply(body=PAGE, headers={"Content-Type": "text/html"}, delay=0.02)

    async def go(urls):
        async with Fetcher(Settings(allow_private=True, per_host=2)) as f:
            res = await f.fetch_all([Candidate(url=u) for u in urls])
            return res, dict(f._pools._pools)

    with LoopbackServer(handler, ports=2) as srv:
        res, open_pools = asyncio.run(go([f"{u}/p{i}" for i in range(10) for u in srv.urls]))
        assert all(r.ok for r in res)
        assert srv.connections == [2, 2]  # robots.txt and 10 pages over per_host keep-alive connections
    assert open_pools == {}  # each host's idle sockets were let go once its queue was empty


# ---------------------------------------------------------------- private addresses

def test_private_addresses_refused_by_default(site):
    site.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    res, meta = fetch(Settings(retries=0), site.url_for("/a"), "http://169.254.169.254/latest/meta-data/")[0]
    assert res.error == meta.error == "BlockedAddress" and "--allow-private" in res.error_message
    assert len(site.log) == 0  # not even robots.txt was asked
    assert is_private_address("10.1.2.3") and is_private_address("::1") and not is_private_address("93.184.216.34")
    assert is_private_address("::ffff:127.0.0.1") and is_private_address("fe80::1%eth0")


def test_private_names_refused_at_connect_time(site):
    # a *name* that resolves to loopback is caught where the socket connects (DNS rebinding-proof)
    site.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    url = site.url_for("/a").replace("127.0.0.1", "localhost")
    [a, b], log = fetch(Settings(retries=0), url, "http://10.0.0.1/admin")
    assert a.error == b.error == "BlockedAddress"
    assert all(f.status_code is None for f in log) and len(site.log) == 0
