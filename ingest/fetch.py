"""Polite async fetching: one client per run, global and per-host limits, robots.txt,
per-host spacing, retries with backoff, conditional GET, size limits, and no requests
into private networks.

``Fetcher.fetch`` never raises for a per-URL problem: it returns a ``Fetched`` whose
``error`` names the exception class (see ``ingest.errors``), so a run records the
failure and goes on. Every HTTP request it makes (retries, robots.txt, redirects'
final hop) is appended to ``Fetcher.log`` for the ``fetches`` table.

Politeness, per host (scheme + host + port):

- at most ``per_host`` requests in flight (and ``concurrency`` over all hosts); a request
  waits for its host's slot *before* it takes a global one, so one busy host never holds
  global slots that other hosts could use;
- robots.txt is fetched once per run (RFC 9309, ``ingest.robots``): 4xx means no rules,
  5xx/429/unreachable means "assume everything is disallowed" for this run;
- request starts are spaced by ``min_delay``, raised to robots.txt ``Crawl-delay`` (capped
  at ``max_crawl_delay``); a 429/503 with ``Retry-After`` pauses the whole host, not just
  the request that got it;
- retries (connect errors, timeouts, 429, 5xx) back off exponentially with jitter; a
  ``Retry-After`` longer than ``max_retry_after`` is respected by *not* retrying this run.

Redirects are followed by hand so that every hop is checked against robots.txt and the
private-address rule. The address rule is enforced where it cannot be dodged: in the
connection layer, on the very IP address the socket connects to, so neither a redirect
nor a DNS answer that changes between check and connect (DNS rebinding) can take the
fetcher to ``169.254.169.254`` or a service on the user's own network.

Bodies are decoded by hand (gzip/deflate, any number of layers) with a hard cap on the
*decoded* size, so a small compressed response cannot inflate past ``max_bytes`` in memory.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Awaitable, Callable, Iterable
from urllib.parse import urljoin, urlsplit

import httpx

from ingest.compression import BoundedDecoder, maybe_gunzip
from ingest.config import Settings
from ingest.errors import (
    BlockedAddress, BodyTooLarge, ConnectFailed, DisallowedByRobots, EventwireError,
    FetchTimeout, HTTPStatusError, InvalidURL, NotHTML, RobotsUnavailable, ServerBusy, TransientError,
)
from ingest.headers import charset_of
from ingest.robots import MAX_ROBOTS_BYTES, RobotsTxt
from ingest.transport import (  # noqa: F401  (is_private_address, Resolver, check_address: re-exported)
    REDIRECTS, Resolver, blocked_error, HostPools, is_ip, check_address, is_private_address, system_resolver,
)
from ingest.urls import check_url
from schemas.models import Candidate, Fetched, Validators  # noqa: F401  (Validators re-exported)

MAX_RETRY_AFTER = 60.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
ARTICLE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
FEED_ACCEPT = ("application/rss+xml,application/atom+xml,application/feed+json,application/xml,"
               "text/xml,application/json;q=0.9,*/*;q=0.5")


def parse_retry_after(value: str | None, now: float | None = None,
                      cap: float | None = MAX_RETRY_AFTER) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    try:
        secs = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        secs = when.timestamp() - (time.time() if now is None else now)
    secs = max(0.0, secs)
    return secs if cap is None else min(secs, cap)


@dataclass
class _Host:
    sem: asyncio.Semaphore
    delay: float
    next_at: float = 0.0  # monotonic time before which no request to this host may start
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)  # serialises starts when spaced
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # guards the robots.txt fetch
    robots: RobotsTxt | None = None
    robots_error: EventwireError | None = None  # why robots.txt could not be read
    users: int = 0  # requests queued for or in flight to this host


class Fetcher:
    """One run's HTTP machinery. Use as ``async with Fetcher(settings) as f: ...``."""

    def __init__(self, settings: Settings, run_id: str = "", sleep: Callable[[float], Awaitable] = asyncio.sleep,
                 resolver: Resolver | None = None):
        """``resolver`` replaces the system's name lookup (tests; see ``Resolver``)."""
        self.s = settings
        self.run_id = run_id
        self.log: list[Fetched] = []
        self._sleep = sleep
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None
        self._pools = HostPools(settings.per_host, settings.allow_private, resolver)

    async def __aenter__(self) -> "Fetcher":
        timeout = httpx.Timeout(self.s.read_timeout, connect=self.s.connect_timeout)
        self._client = httpx.AsyncClient(
            transport=self._pools, timeout=timeout, follow_redirects=False, trust_env=False,
            headers={"User-Agent": self.s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._client is not None:
            await self._client.aclose()

    # ------------------------------------------------------------ host bookkeeping

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        h = self._hosts.get(key)
        if h is None:
            h = self._hosts[key] = _Host(asyncio.Semaphore(self.s.per_host), self.s.min_delay)
        return h

    async def robots(self, url: str) -> RobotsTxt:
        """The robots.txt rules for ``url``'s host, fetched once per run (then cached).

        Raises ``RobotsUnavailable`` (or ``BlockedAddress``) when the file could not be read
        and RFC 9309 says to assume everything is disallowed.
        """
        h = self._host(url)
        async with h.lock:
            if h.robots is None and h.robots_error is None:
                parts = urlsplit(url)
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                res = await self._fetch(Candidate(url=robots_url, source="robots.txt"), kind="robots")
                f, err = res.fetched, res.error
                if f.status_code is not None and 200 <= f.status_code < 300 and f.body is not None:
                    h.robots = RobotsTxt.parse(f.body[:MAX_ROBOTS_BYTES], self.s.user_agent)
                    if h.robots.crawl_delay:
                        h.delay = max(h.delay, min(h.robots.crawl_delay, self.s.max_crawl_delay))
                elif isinstance(err, BlockedAddress):
                    h.robots_error = err
                elif err is None or isinstance(err, HTTPStatusError):
                    # 4xx (401 and 403 included) means "no rules" (RFC 9309 §2.3.1.3); so does a
                    # redirect chain that ends without a body
                    h.robots = RobotsTxt.allow_everything()
                elif isinstance(err, (ConnectFailed, FetchTimeout)):
                    # the host is down or unreachable: say so, rather than blame robots.txt
                    h.robots_error = type(err)(f"robots.txt unreachable, so not fetching: {f.error_message}")
                else:
                    h.robots_error = RobotsUnavailable(
                        f"robots.txt unavailable ({f.error}: {f.error_message}); RFC 9309: assume disallow")
                if h.robots_error is not None:
                    h.robots_error.no_retry = True  # type: ignore[attr-defined]  # cached for the run
        if h.robots_error is not None:
            raise h.robots_error
        assert h.robots is not None
        return h.robots

    async def _robots_allow(self, url: str) -> bool:
        if not self.s.obey_robots:
            return True
        return (await self.robots(url)).allowed(url)

    async def _wait_turn(self, h: _Host) -> None:
        """Space request starts to one host by its delay (and any Retry-After pause)."""
        if h.delay <= 0 and h.next_at <= time.monotonic():
            await self._global.acquire()
            return
        async with h.turn:
            wait = h.next_at - time.monotonic()
            if wait > 0:
                await self._sleep(wait)
            await self._global.acquire()
            h.next_at = max(h.next_at, time.monotonic() + h.delay)

    def _pause_host(self, url: str, seconds: float) -> None:
        h = self._host(url)
        h.next_at = max(h.next_at, time.monotonic() + seconds)

    # ------------------------------------------------------------ requests

    async def fetch(self, candidate: Candidate, kind: str = "article") -> Fetched:
        """GET ``candidate.url`` with retries; ``kind='article'`` insists on HTML."""
        return (await self._fetch(candidate, kind)).fetched

    async def fetch_conditional(self, candidate: Candidate, validators: Validators | None = None,
                                kind: str = "feed") -> tuple[Fetched, Validators]:
        """GET with ``If-None-Match``/``If-Modified-Since``; a 304 comes back with ``body=None``.

        Returns the outcome and the validators to store for next time (the server's new
        ones, or the ones sent if a 304 carried none).
        """
        sent = validators or Validators()
        res = await self._fetch(candidate, kind, sent)
        f = res.fetched
        if f.status_code == 304:
            return f, Validators(res.headers.get("etag") or sent.etag,
                                 res.headers.get("last-modified") or sent.last_modified)
        if f.ok:
            return f, Validators(res.headers.get("etag"), res.headers.get("last-modified"))
        return f, validators or Validators()

    async def _fetch(self, candidate: Candidate, kind: str, validators: Validators | None = None) -> "_Result":
        try:
            check_url(candidate.url)
        except InvalidURL as e:  # nothing to connect to: one log row, no host bookkeeping
            f = Fetched(candidate, candidate.url, candidate.url, None, None, None, datetime.now(timezone.utc),
                        error=type(e).__name__, error_message=str(e)[:500])
            self.log.append(f)
            return _Result(f, e)
        accept = ARTICLE_ACCEPT if kind == "article" else "text/plain" if kind == "robots" else FEED_ACCEPT
        extra = validators.headers() if validators else {}
        # the host counts as busy for all attempts (and its robots.txt), so its connections
        # stay open between them rather than being closed and reopened
        h = self._host(candidate.url)
        h.users += 1
        try:
            return await self._attempts(candidate, kind, accept, extra)
        finally:
            h.users -= 1
            if h.users == 0:
                await self._pools.release(candidate.url)

    async def _attempts(self, candidate: Candidate, kind: str, accept: str, extra: dict[str, str]) -> "_Result":
        attempt = 0
        while True:
            attempt += 1
            res = await self._request(candidate.url, candidate, accept=accept, attempt=attempt, kind=kind,
                                      extra_headers=extra)
            err = res.error
            if err is None or not isinstance(err, TransientError) or getattr(err, "no_retry", False) \
                    or attempt > self.s.retries:
                return res
            if err.retry_after is not None and err.retry_after > self.s.max_retry_after:
                return res  # the server asked for a longer pause than we wait within a run
            backoff = min(self.s.max_retry_after, self.s.backoff * 2 ** (attempt - 1)) * (0.5 + random.random())
            wait = err.retry_after if err.retry_after is not None else backoff
            if isinstance(err, ServerBusy):
                # the whole host is told to slow down, not just this request
                self._pause_host(res.fetched.final_url or candidate.url, wait)
            await self._sleep(wait)

    async def fetch_all(self, candidates: Iterable[Candidate], kind: str = "article",
                        progress: Callable[[Fetched], None] | None = None) -> list[Fetched]:
        async def one(c: Candidate) -> Fetched:
            f = await self.fetch(c, kind)
            if progress:
                progress(f)
            return f
        return list(await asyncio.gather(*(one(c) for c in candidates)))

    async def _request(self, url: str, candidate: Candidate, *, accept: str, attempt: int = 1,
                       kind: str = "article", extra_headers: dict[str, str] | None = None) -> "_Result":
        started = time.monotonic()
        fetched_at = datetime.now(timezone.utc)
        current = url
        status = ctype = None
        headers = httpx.Headers()
        seen: set[str] = set()
        try:
            for _hop in range(self.s.max_redirects + 1):
                if urlsplit(current).scheme not in ("http", "https"):
                    raise HTTPStatusError(f"redirected to a non-HTTP URL {current[:200]}", status or 0)
                host = urlsplit(current).hostname or ""
                if not self.s.allow_private and is_ip(host) and is_private_address(host.strip("[]")):
                    raise blocked_error(host, host)  # no connection, no robots.txt request either
                if kind != "robots" and not await self._robots_allow(current):
                    raise DisallowedByRobots(f"robots.txt disallows {current} for {self.s.user_agent}")
                # validators belong to the URL they were given for, not to a redirect target
                status, headers, body = await self._get_once(
                    current, accept, extra_headers if current == url else None, self.s.max_bytes)
                if status in REDIRECTS and headers.get("location"):
                    seen.add(current)
                    location = headers["location"].strip()
                    try:
                        current = check_url(urljoin(current, location))
                    except (InvalidURL, ValueError):
                        raise InvalidURL(f"redirected to a malformed URL {location[:200]!r}") from None
                    continue
                break
            else:
                loop = " (a redirect loop)" if current in seen else ""
                raise HTTPStatusError(f"more than {self.s.max_redirects} redirects{loop}", status or 0)
            ctype = headers.get("content-type")
            if status == 429 or status >= 500:
                raise ServerBusy(f"HTTP {status}", status,
                                 parse_retry_after(headers.get("retry-after"), cap=None))
            if status >= 400 and kind != "robots":  # a missing robots.txt is normal: no rules
                raise HTTPStatusError(f"HTTP {status}", status)
            if kind == "article" and status == 200:
                mime = (ctype or "").split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES:
                    raise NotHTML(f"content type {mime} is not HTML")
                sniffed = sniff_binary(body)
                if sniffed:  # servers label PDFs and images text/html more often than one would hope
                    raise NotHTML(f"served as {mime or 'no content type'} but the body is {sniffed}")
            f = Fetched(candidate, url, current, status, ctype, body if status != 304 else None, fetched_at,
                        (time.monotonic() - started) * 1000, attempt, encoding=charset_of(ctype))
            self.log.append(f)
            return _Result(f, None, headers)
        except EventwireError as e:
            f = Fetched(candidate, url, current, status, ctype, None, fetched_at,
                        (time.monotonic() - started) * 1000, attempt,
                        error=type(e).__name__, error_message=str(e)[:500])
            self.log.append(f)
            return _Result(f, e, headers)

    async def _get_once(self, url: str, accept: str, extra_headers: dict[str, str] | None,
                        max_bytes: int) -> tuple[int, httpx.Headers, bytes]:
        """One GET under the per-host then the global limit, honouring the host's spacing."""
        assert self._client is not None, "use Fetcher as an async context manager"
        h = self._host(url)
        h.users += 1
        try:
            async with h.sem:
                await self._wait_turn(h)
                try:
                    async with asyncio.timeout(self.s.total_timeout):  # no extra task, unlike wait_for
                        return await self._stream(url, accept, extra_headers, max_bytes)
                except TimeoutError:
                    raise FetchTimeout(f"no complete response within {self.s.total_timeout:g}s") from None
                except httpx.InvalidURL as e:  # a URL urllib accepted but httpx will not send
                    raise InvalidURL(f"malformed URL {url[:200]!r}: {e}") from None
                except httpx.TimeoutException as e:
                    raise FetchTimeout(f"{type(e).__name__}: {e}") from None
                except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
                    raise ConnectFailed(f"{type(e).__name__}: {e or 'connection failed'}") from None
                except httpx.HTTPError as e:
                    raise ConnectFailed(f"{type(e).__name__}: {e}") from None
                finally:
                    self._global.release()
        finally:
            h.users -= 1
            if h.users == 0:  # nothing queued for this host: let its idle sockets go
                await self._pools.release(url)

    async def _stream(self, url: str, accept: str, extra_headers: dict[str, str] | None,
                      max_bytes: int) -> tuple[int, httpx.Headers, bytes]:
        assert self._client is not None
        headers = {"Accept": accept, **(extra_headers or {})}
        async with self._client.stream("GET", url, headers=headers) as resp:
            bad = resp.extensions.get("eventwire_invalid_location")
            if bad is not None:
                raise InvalidURL(f"redirected (HTTP {resp.status_code}) to a malformed URL {bad[:200]!r}")
            if resp.status_code in REDIRECTS or resp.status_code == 304 or resp.status_code >= 400:
                # read a short error/redirect body so the connection can be reused; a long one
                # is not worth it: closing the stream early drops the connection instead
                seen = 0
                async for raw in resp.aiter_raw():
                    seen += len(raw)
                    if seen > 65536:
                        break
                return resp.status_code, resp.headers, b""
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise BodyTooLarge(f"Content-Length {declared} exceeds {max_bytes} bytes")
            decoder = BoundedDecoder(resp.headers.get("content-encoding", ""), max_bytes)
            chunks = []
            async for raw in resp.aiter_raw():
                chunks.append(decoder.feed(raw))
            chunks.append(decoder.flush())
            return resp.status_code, resp.headers, b"".join(chunks)


@dataclass
class _Result:
    fetched: Fetched
    error: EventwireError | None
    headers: httpx.Headers = field(default_factory=httpx.Headers)


# Signatures of documents that are never HTML, whatever the Content-Type says
# (the WHATWG MIME Sniffing standard's image, archive and PDF patterns).
_MAGIC = ((b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"PK\x03\x04", "a ZIP archive"),
          (b"OggS\x00", "an Ogg file"), (b"ID3", "an MP3 file"), (b"\x00\x00\x01\x00", "an icon"),
          (b"BM", None))  # BMP needs a second look (many texts start with "BM")


def sniff_binary(body: bytes) -> str | None:
    """What ``body`` is if its first bytes prove it is not HTML (a PDF, an image, an archive)."""
    head = body[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what is None:  # BMP: "BM", then a little-endian size and two reserved zero words
                return "a BMP image" if len(head) >= 10 and head[6:10] == b"\x00\x00\x00\x00" else None
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:8] == b"ftyp":
        return "an MP4/HEIF file"
    return None


def read_local(candidate: Candidate) -> Fetched:
    """A local file as if fetched (``.html.gz`` is gunzipped; a corrupt or oversized one
    is a ``Fetched`` carrying its error class, like any per-item failure)."""
    now = datetime.now(timezone.utc)
    path = candidate.local_path or ""
    try:
        with open(path, "rb") as fh:
            body = maybe_gunzip(fh.read())
    except OSError as e:
        return Fetched(candidate, candidate.url, candidate.url, None, None, None, now,
                       error="FileError", error_message=str(e))
    except EventwireError as e:  # DecodeFailed, BodyTooLarge
        return Fetched(candidate, candidate.url, candidate.url, None, None, None, now,
                       error=type(e).__name__, error_message=str(e))
    return Fetched(candidate, candidate.url, candidate.url, 200, "text/html", body, now)
