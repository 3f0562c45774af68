"""The fault catalogue: every way a site or a feed can go wrong, through the real ingest flow.

Each test is one real flow run (Prefect test harness, a real DuckDB file in ``tmp_path``)
against real loopback servers, mixing many faulty URLs with good pages. Every run must
complete, record each fault with its error class (``fetches``, ``failures``, ``sources``,
``runs``) and still load every good page: no fault costs a good row.

Nothing leaves 127.0.0.1: names go through a resolver handed to the fetcher, so a "DNS
failure" is a name that resolver does not know, not a query to the outside world.
"""

from __future__ import annotations

import functools
import gzip
import json
import socket
import time
import zlib
from pathlib import Path

import pytest

import flows.ingest_flow
from ingest.config import Settings
from ingest.fetch import Fetcher
from tests.loopback import LoopbackServer, Reply, Request
from ingest.samplesite import site_dir
from tests.helpers import rows, run_ingest

pytestmark = pytest.mark.usefixtures("prefect_harness")

# distinct real articles (the *.example pages are copies of one story: left out)
PAGES = [p.read_bytes() for p in sorted(site_dir().rglob("*.html")) if not p.parent.name.endswith(".example")]
MB = 1_000_000


def fault_settings(tmp_path: Path, **kw) -> Settings:
    """Loopback allowed, one quick retry, short timeouts, no events stage."""
    base = dict(db=tmp_path / "faults.duckdb", allow_private=True, retries=1, backoff=0.05,
                connect_timeout=0.5, read_timeout=0.5, total_timeout=2.0, events=False,
                cache_dir=tmp_path / "cache", progress="off")
    return Settings(**{**base, **kw})


def with_resolver(monkeypatch, names: dict[str, str]) -> None:
    """Make the flow's fetcher resolve ``names`` (and nothing else) without any DNS query."""
    async def resolve(host: str, port: int) -> list[str]:
        if host in names:
            return [names[host]]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    monkeypatch.setattr(flows.ingest_flow, "Fetcher", functools.partial(Fetcher, resolver=resolve))


def outcomes(db: Path, run_id: str) -> dict[str, tuple]:
    """url → (error of the last attempt, attempts, last status) for the run's requests."""
    return {r[0]: r[1:] for r in rows(db, f"""
        SELECT url, error, attempt, status_code FROM fetches WHERE run_id = '{run_id}'
        QUALIFY row_number() OVER (PARTITION BY url ORDER BY attempt DESC) = 1""")}


def html(i: int) -> Reply:
    return Reply(body=PAGES[i], headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """~100 KB of gzip that inflates to 100 MB (ten times the default body cap)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * MB
    return b"".join(c.compress(zeros) for _ in range(100)) + c.flush()


@pytest.fixture
def refused_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now: connections are refused
    return port


@pytest.fixture
def unanswered_port():
    """A listening socket whose accept queue is full: the kernel drops new SYNs, so
    connecting hangs until the connect timeout (a black-holed host, on loopback)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(0)
    port = srv.getsockname()[1]
    fillers = []
    for _ in range(3):
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        fillers.append(c)
    time.sleep(0.1)
    yield port
    for c in fillers:
        c.close()
    srv.close()


# ---------------------------------------------------------------- transport and HTTP faults

def test_transport_and_http_faults(tmp_path, monkeypatch, gzip_bomb, refused_port, unanswered_port):
    big = b"<html><body>" + b"x" * (50 * MB) + b"</body></html>"
    seen_429: set[str] = set()

    def handler(req: Request) -> Reply:
        path = req.path
        if path == "/robots.txt":
            return Reply(404)
        if path.startswith("/good/"):
            return html(int(path.rsplit("/", 1)[1]))
        if path == "/stall":  # accepts, reads the request, never answers in time
            return Reply(body=PAGES[0], delay=30)
        if path == "/trickle":  # one byte every 50 ms: never a read timeout, always the total one
            return Reply(body=PAGES[0], headers={"Content-Type": "text/html"}, trickle=0.05)
        if path.startswith("/status/"):
            return Reply(int(path.rsplit("/", 1)[1]), b"error page")
        if path == "/busy-once":  # 429 with Retry-After: 1, then the page
            if path not in seen_429:
                seen_429.add(path)
                return Reply(429, headers={"Retry-After": "1"})
            return html(7)
        if path == "/busy-for-an-hour":  # a Retry-After past max_retry_after: not retried this run
            return Reply(429, headers={"Retry-After": "3600"})
        if path in ("/loop-a", "/loop-b"):
            return Reply(302, headers={"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        if path == "/big-declared":  # 50 MB with its Content-Length: refused before reading
            return Reply(body=big, headers={"Content-Type": "text/html"})
        if path == "/big-chunked":  # 50 MB with no length: cut off at the cap while streaming
            return Reply(body=big, headers={"Content-Type": "text/html"}, chunked=True)
        if path == "/bomb":
            return Reply(body=gzip_bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
        return Reply(404)

    with LoopbackServer(handler, ports=2) as srv:
        site, busy_host = srv.urls
        port = int(site.rsplit(":", 1)[1])
        with_resolver(monkeypatch, {"news.test": "127.0.0.1"})
        expected = {
            f"http://127.0.0.1:{refused_port}/a": ("ConnectFailed", None),
            "http://no-such-host.test/a": ("DNSFailure", None),
            f"http://127.0.0.1:{unanswered_port}/a": ("FetchTimeout", None),
            f"{site}/stall": ("FetchTimeout", None),
            f"{site}/trickle": ("FetchTimeout", None),
            f"{site}/status/404": ("HTTPStatusError", 404),
            f"{site}/status/410": ("HTTPStatusError", 410),
            f"{site}/status/500": ("ServerBusy", 500),
            f"{site}/status/503": ("ServerBusy", 503),
            f"{busy_host}/busy-for-an-hour": ("ServerBusy", 429),
            f"{site}/loop-a": ("HTTPStatusError", 302),
            f"{site}/big-declared": ("BodyTooLarge", None),
            f"{site}/big-chunked": ("BodyTooLarge", None),
            f"{site}/bomb": ("BodyTooLarge", None),
        }
        good = [f"{site}/good/{i}" for i in range(6)] + [f"{busy_host}/busy-once", f"http://news.test:{port}/good/6"]
        s = fault_settings(tmp_path, urls=tuple(expected) + tuple(good))
        t0 = time.monotonic()
        result = run_ingest(s)
        elapsed = time.monotonic() - t0

    run_id, c = result["run_id"], result["counts"]
    got = outcomes(s.db, run_id)
    for url, (error, status) in expected.items():
        assert (got[url][0], got[url][2]) == (error, status), url
    # transient faults were retried once; permanent ones and the hour-long Retry-After were not
    assert got[f"{site}/status/503"][1] == 2 and got[f"{site}/stall"][1] == 2
    assert got[f"{site}/status/404"][1] == 1 and got[f"{busy_host}/busy-for-an-hour"][1] == 1
    assert got[f"{busy_host}/busy-once"] == (None, 2, 200)  # waited out Retry-After, then loaded
    # hosts that cannot be reached fail at robots.txt, and the page carries that class
    assert got["http://no-such-host.test/robots.txt"][0] == "DNSFailure"
    msg = rows(s.db, f"SELECT error_message FROM fetches WHERE url = '{site}/loop-a'")[0][0]
    assert "redirect loop" in msg
    bomb = rows(s.db, f"SELECT error_message FROM fetches WHERE url = '{site}/bomb'")[0][0]
    assert "decompressed" in bomb

    # every good page is loaded, and nothing else
    assert sorted(r[0] for r in rows(s.db, "SELECT url FROM articles")) == sorted(good)
    assert c["articles_new"] == len(good) and c["fetch_errors"] == len(expected)
    assert rows(s.db, "SELECT status, fetched, fetch_errors, articles_new FROM runs") == [
        ("completed", len(good), len(expected), len(good))]
    assert sum(result["errors"].values()) == len(expected)
    assert elapsed < 40  # timeouts bound every fault: nothing waits for the 30 s stall


# ---------------------------------------------------------------- hostile page content

CP1251_PAGE = ("<html><head><title>Российские войска покинули Лиман</title></head><body><article>"
               "<p>Российские войска покинули город Лиман в Донецкой области после того, как украинская армия "
               "окружила его с трёх сторон, сообщило министерство обороны в субботу.</p>"
               "<p>Жители города рассказали журналистам о тяжёлых боях на окраинах и о разрушенных домах в "
               "центре. Многие из них провели несколько недель в подвалах без света и воды.</p>"
               "<p>Украинские военные заявили, что продолжают наступление на восток, в сторону Кременной и "
               "Сватово, и что противник несёт большие потери.</p></article></body></html>").encode("cp1251")


def test_hostile_page_content(tmp_path):
    page = PAGES[1]
    one_line = page.replace(b"\r", b" ").replace(b"\n", b" ").replace(
        b"<body", b"<script>var blob='" + b"A" * (3 * MB) + b"';</script><body", 1)
    nested = page.replace(b"<body>", b"<body>" + b"<div>" * 20_000, 1).replace(
        b"</body>", b"</div>" * 20_000 + b"</body>", 1)
    bad_utf8 = page.replace(b"</p>", b"\xff\xfe\xc3\x28</p>", 10)
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"BT (Lots of words in a PDF) Tj ET\n" * 500
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 200
    noise = bytes((i * 7919) % 251 for i in range(100_000))  # binary without a known signature
    served = {
        "/pdf-as-html": (pdf, "text/html"),
        "/png-as-html": (png, "text/html; charset=utf-8"),
        "/noise-as-html": (noise, "text/html"),
        "/empty": (b"", "text/html"),
        "/bad-utf8": (bad_utf8, "text/html; charset=utf-8"),
        "/cp1251": (CP1251_PAGE, "text/html"),  # no charset anywhere: detected
        "/truncated": (PAGES[2][: len(PAGES[2]) // 2], "text/html"),
        "/one-line": (one_line, "text/html"),
        "/nested": (nested, "text/html"),
        "/good/a": (PAGES[3], "text/html"),
        "/good/b": (PAGES[4], "text/html"),
    }

    def handler(req: Request) -> Reply:
        if req.path in served:
            body, ctype = served[req.path]
            return Reply(body=body, headers={"Content-Type": ctype})
        return Reply(404)

    with LoopbackServer(handler) as srv:
        site = srv.urls[0]
        s = fault_settings(tmp_path, urls=tuple(f"{site}{p}" for p in served))
        result = run_ingest(s)

    run_id, c = result["run_id"], result["counts"]
    got = outcomes(s.db, run_id)
    for p in ("/pdf-as-html", "/png-as-html"):  # sniffed: never handed to the HTML extractor
        assert got[f"{site}{p}"][0] == "NotHTML"
    assert "PDF" in rows(s.db, f"SELECT error_message FROM fetches WHERE url = '{site}/pdf-as-html'")[0][0]
    failures = dict(rows(s.db, f"SELECT url, error FROM failures WHERE run_id = '{run_id}'"))
    assert failures == {f"{site}/empty": "ExtractionFailed", f"{site}/noise-as-html": "ExtractionFailed"}
    loaded = {r[0].removeprefix(site): r[1:] for r in rows(s.db, "SELECT url, language, word_count, text FROM articles")}
    assert set(loaded) == {"/bad-utf8", "/cp1251", "/truncated", "/one-line", "/nested", "/good/a", "/good/b"}
    lang, words, text = loaded["/cp1251"]
    assert lang == "ru" and "Лиман" in text and words >= 40  # decoded as windows-1251, not mojibake
    assert loaded["/one-line"][1] > 200 and "AAAA" not in loaded["/one-line"][2]
    assert rows(s.db, "SELECT status, fetch_errors, extract_errors, articles_new FROM runs") == [
        ("completed", 2, 2, 7)]
    assert c["extracted"] == 7


# ---------------------------------------------------------------- feeds

def rss(links: list[str], title: str = "feed") -> bytes:
    items = "".join(f"<item><title>item {i}</title><link>{u}</link></item>" for i, u in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'.encode()


def atom(links: list[str]) -> bytes:
    entries = "".join(f'<entry><title>e{i}</title><id>urn:{i}</id><link href="{u}"/></entry>'
                      for i, u in enumerate(links))
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>{entries}</feed>'.encode()


def test_feed_faults(tmp_path):
    hits: dict[str, int] = {}
    bodies: dict[tuple[int, str], tuple[bytes, str]] = {}

    def handler(req: Request) -> Reply:
        key = (req.port_index, req.path.split("?")[0])
        hits[key[1]] = hits.get(key[1], 0) + 1
        if key[1] == "/robots.txt":
            return Reply(body=b"User-agent: *\nDisallow: /archive/\n" if req.port_index == 1 else b"",
                         status=200 if req.port_index == 1 else 404)
        if key in bodies:
            body, ctype = bodies[key]
            return Reply(body=body, headers={"Content-Type": ctype})
        return Reply(404)

    with LoopbackServer(handler, ports=2) as srv:
        site, archive = srv.urls
        g = [f"{site}/story/{i}" for i in range(3)]
        for i, u in enumerate(g):
            bodies[(0, u.removeprefix(site))] = (PAGES[5 + i], "text/html")
        # duplicates within a feed (exact, tracking parameter, fragment) and across feeds
        bodies[(0, "/a.rss")] = (rss([g[0], g[1], g[0], g[0] + "?utm_source=rss", g[0] + "#comments"]),
                                 "application/rss+xml")
        bodies[(0, "/b.atom")] = (atom([g[0], g[2]]), "application/atom+xml")
        # broken feeds: cut off mid-tag, not XML at all, a corrupt gzip, a gzip bomb
        bodies[(0, "/truncated.rss")] = (rss([g[0]])[:60], "application/rss+xml")
        bodies[(0, "/garbage.rss")] = (b"\x00\xffthis is not a feed <<<", "application/rss+xml")
        bodies[(0, "/corrupt.xml.gz")] = (b"\x1f\x8b\x08\x00" + b"\x13" * 200, "application/gzip")
        bodies[(0, "/bomb.xml.gz")] = (gzip.compress(b"<rss>" + b" " * (60 * MB), 9), "application/gzip")
        # JSON feeds with the wrong types where items, links and dates should be
        bodies[(0, "/odd.json")] = (json.dumps({"items": [1, "x", {"url": 5}, {"url": g[1], "date_published": 5}]})
                                    .encode(), "application/feed+json")
        bodies[(0, "/no-items.json")] = (b'{"items": 5}', "application/feed+json")
        # a whole archive: 10,000 items, robots.txt forbids all but three
        allowed = [f"{archive}/news/{i}" for i in range(3)]
        for i, u in enumerate(allowed):
            bodies[(1, u.removeprefix(archive))] = (PAGES[8 + i], "text/html")
        listed = [f"{archive}/archive/{i}" for i in range(10_000 - len(allowed))] + allowed
        bodies[(1, "/all.rss")] = (rss(listed), "application/rss+xml")
        feeds = [f"{site}/a.rss", f"{site}/b.atom", f"{site}/truncated.rss", f"{site}/garbage.rss",
                 f"{site}/corrupt.xml.gz", f"{site}/bomb.xml.gz", f"{site}/odd.json", f"{site}/no-items.json",
                 f"{archive}/all.rss"]
        s = fault_settings(tmp_path, feeds=tuple(feeds))
        t0 = time.monotonic()
        result = run_ingest(s)
        elapsed = time.monotonic() - t0

    run_id, c = result["run_id"], result["counts"]
    assert all(hits.get(u.removeprefix(site), 0) == 1 for u in g)  # each story fetched once
    assert not any(p.startswith("/archive/") for p in hits)  # robots.txt obeyed, 9,997 times
    assert c["candidates"] == 3 + 10_000
    assert sorted(r[0] for r in rows(s.db, "SELECT url FROM articles")) == sorted(g + allowed)
    assert rows(s.db, f"SELECT count(*) FROM fetches WHERE run_id = '{run_id}' AND error = 'DisallowedByRobots'") \
        == [(len(listed) - len(allowed),)]
    sources = {r[0]: r[1:] for r in rows(s.db, "SELECT url, last_status, last_error, items FROM sources")}
    assert sources[f"{site}/a.rss"] == (200, None, 4) and sources[f"{site}/b.atom"] == (200, None, 2)
    assert sources[f"{archive}/all.rss"] == (200, None, 10_000)
    assert sources[f"{site}/odd.json"] == (200, None, 1)  # the one usable item kept
    for bad in ("/truncated.rss", "/garbage.rss", "/corrupt.xml.gz", "/no-items.json"):
        assert sources[f"{site}{bad}"][:2] == (200, "MalformedFeed"), bad
    assert sources[f"{site}/bomb.xml.gz"][:2] == (200, "BodyTooLarge")
    assert rows(s.db, "SELECT status, articles_new FROM runs") == [("completed", 6)]
    assert elapsed < 90  # mostly per-batch overhead for 10,000 failed fetches (see the report)
