"""Polite async fetching: one client per run, global and per-host limits, robots.txt,
retries on transient failures, size limits, and no requests into private networks.

``Fetcher.fetch`` never raises for a per-URL problem: it returns a ``Fetched`` whose
``error`` names the exception class (see ``ingest.errors``), so a run records the
failure and goes on. Every HTTP request it makes (retries, robots.txt) is appended
to ``Fetcher.log`` for the ``fetches`` table.

Redirects are followed by hand so that every hop is checked against robots.txt and the
private-address rule: a public feed must not be able to bounce the fetcher into
``http://169.254.169.254/`` or a service on the user's own network.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Awaitable, Callable, Iterable
from urllib.parse import urljoin, urlsplit

import httpx

from ingest.config import Settings
from ingest.errors import (
    BlockedAddress, BodyTooLarge, ConnectFailed, DisallowedByRobots, EventwireError,
    FetchTimeout, HTTPStatusError, NotHTML, PermanentError, ServerBusy, TransientError,
)
from schemas.models import Candidate, Fetched

MAX_RETRY_AFTER = 60.0
HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
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
    return max(0.0, min(secs, MAX_RETRY_AFTER))


def is_private_address(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
            or addr.is_reserved or addr.is_unspecified)


async def check_address(url: str, allow_private: bool) -> None:
    """Raise ``BlockedAddress`` if ``url``'s host is (or resolves to) a non-public address."""
    if allow_private:
        return
    host = urlsplit(url).hostname
    if not host:
        raise BlockedAddress(f"no host in {url}")
    try:
        infos = [host] if _is_ip(host) else [
            i[4][0] for i in await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        ]
    except socket.gaierror as e:
        raise ConnectFailed(f"cannot resolve {host}: {e}") from None
    for ip in infos:
        if is_private_address(ip):
            raise BlockedAddress(
                f"{host} resolves to non-public address {ip}; pass --allow-private to fetch it"
            )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


@dataclass
class _Host:
    sem: asyncio.Semaphore
    delay: float
    next_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_loaded: bool = False


class Fetcher:
    """One run's HTTP machinery. Use as ``async with Fetcher(settings) as f: ...``."""

    def __init__(self, settings: Settings, run_id: str = "", sleep: Callable[[float], Awaitable] = asyncio.sleep):
        self.s = settings
        self.run_id = run_id
        self.log: list[Fetched] = []
        self._sleep = sleep
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> "Fetcher":
        timeout = httpx.Timeout(self.s.read_timeout, connect=self.s.connect_timeout)
        limits = httpx.Limits(max_connections=self.s.concurrency, max_keepalive_connections=self.s.concurrency)
        self._client = httpx.AsyncClient(
            timeout=timeout, limits=limits, follow_redirects=False, trust_env=False,
            headers={"User-Agent": self.s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._client is not None:
            await self._client.aclose()

    # ------------------------------------------------------------ host bookkeeping

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        h = self._hosts.get(key)
        if h is None:
            h = self._hosts[key] = _Host(asyncio.Semaphore(self.s.per_host), self.s.min_delay)
        return h

    async def _robots_allow(self, url: str) -> bool:
        if not self.s.obey_robots:
            return True
        h = self._host(url)
        async with h.lock:
            if not h.robots_loaded:
                h.robots_loaded = True
                parts = urlsplit(url)
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                res = (await self._request(robots_url, Candidate(url=robots_url, source="robots.txt"),
                                           accept="text/plain", kind="robots", check_robots=False)).fetched
                if res.status_code == 200 and res.body is not None:
                    rp = urllib.robotparser.RobotFileParser()
                    rp.parse(res.body.decode("utf-8", "replace").splitlines())
                    rp.modified()  # can_fetch() refuses everything until a check time is set
                    h.robots = rp
                    cd = rp.crawl_delay(self.s.user_agent)
                    if cd:
                        h.delay = max(h.delay, float(cd))
                elif res.status_code in (401, 403):
                    rp = urllib.robotparser.RobotFileParser()
                    rp.disallow_all = True
                    rp.modified()
                    h.robots = rp
                # 404, other statuses, or errors: no rules, everything allowed
        return h.robots is None or h.robots.can_fetch(self.s.user_agent, url)

    # ------------------------------------------------------------ requests

    async def fetch(self, candidate: Candidate, kind: str = "article") -> Fetched:
        """GET ``candidate.url`` with retries; ``kind='article'`` insists on HTML."""
        accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" if kind == "article" else \
            "application/rss+xml,application/atom+xml,application/xml,text/xml,application/json;q=0.9,*/*;q=0.5"
        attempt = 0
        while True:
            attempt += 1
            res = await self._request(candidate.url, candidate, accept=accept, attempt=attempt, kind=kind)
            err = res.extra_error
            if err is None or not isinstance(err, TransientError) or attempt > self.s.retries:
                return res.fetched
            wait = err.retry_after if err.retry_after is not None else \
                min(MAX_RETRY_AFTER, 0.5 * 2 ** (attempt - 1)) * (0.5 + random.random())
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
                       kind: str = "article", check_robots: bool = True) -> "_Result":
        started = time.monotonic()
        fetched_at = datetime.now(timezone.utc)
        current = url
        status = ctype = encoding = None
        try:
            for _hop in range(self.s.max_redirects + 1):
                await check_address(current, self.s.allow_private)
                if check_robots and not await self._robots_allow(current):
                    raise DisallowedByRobots(f"robots.txt disallows {current} for {self.s.user_agent}")
                status, headers, body = await self._get_once(current, accept)
                if status in (301, 302, 303, 307, 308) and headers.get("location"):
                    current = urljoin(current, headers["location"])
                    continue
                break
            else:
                raise HTTPStatusError(f"more than {self.s.max_redirects} redirects", status or 0)
            ctype = headers.get("content-type")
            encoding = _charset(ctype)
            if status == 429 or status >= 500:
                raise ServerBusy(f"HTTP {status}", status, parse_retry_after(headers.get("retry-after")))
            if status >= 400 and kind != "robots":  # a missing robots.txt is normal
                raise HTTPStatusError(f"HTTP {status}", status)
            if kind == "article" and status == 200:
                mime = (ctype or "").split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES:
                    raise NotHTML(f"content type {mime} is not HTML")
            f = Fetched(candidate, url, current, status, ctype, body, fetched_at,
                        (time.monotonic() - started) * 1000, attempt, encoding=encoding)
            self.log.append(f)
            return _Result(f, None)
        except EventwireError as e:
            f = Fetched(candidate, url, current, status, ctype, None, fetched_at,
                        (time.monotonic() - started) * 1000, attempt,
                        error=type(e).__name__, error_message=str(e)[:500])
            self.log.append(f)
            return _Result(f, e)

    async def _get_once(self, url: str, accept: str) -> tuple[int, httpx.Headers, bytes]:
        """One GET under the global and per-host limits, honouring the host's delay."""
        assert self._client is not None, "use Fetcher as an async context manager"
        h = self._host(url)
        async with self._global, h.sem:
            if h.delay:
                now = time.monotonic()
                wait = h.next_at - now
                h.next_at = max(now, h.next_at) + h.delay
                if wait > 0:
                    await self._sleep(wait)
            try:
                return await asyncio.wait_for(self._stream(url, accept), timeout=self.s.total_timeout)
            except asyncio.TimeoutError:
                raise FetchTimeout(f"no complete response within {self.s.total_timeout:g}s") from None
            except httpx.TimeoutException as e:
                raise FetchTimeout(f"{type(e).__name__}: {e}") from None
            except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
                raise ConnectFailed(f"{type(e).__name__}: {e or 'connection failed'}") from None
            except httpx.DecodingError as e:
                raise PermanentError(f"cannot decode body: {e}") from None
            except httpx.HTTPError as e:
                raise ConnectFailed(f"{type(e).__name__}: {e}") from None

    async def _stream(self, url: str, accept: str) -> tuple[int, httpx.Headers, bytes]:
        assert self._client is not None
        async with self._client.stream("GET", url, headers={"Accept": accept}) as resp:
            if resp.status_code in (301, 302, 303, 307, 308) or resp.status_code >= 400:
                return resp.status_code, resp.headers, b""
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.s.max_bytes:
                raise BodyTooLarge(f"Content-Length {declared} exceeds {self.s.max_bytes} bytes")
            chunks, total = [], 0
            # aiter_bytes() yields *decoded* bytes, so a gzip bomb trips the same limit
            async for chunk in resp.aiter_bytes():
                total += len(chunk)
                if total > self.s.max_bytes:
                    raise BodyTooLarge(f"body exceeds {self.s.max_bytes} bytes")
                chunks.append(chunk)
            return resp.status_code, resp.headers, b"".join(chunks)


@dataclass
class _Result:
    fetched: Fetched
    extra_error: EventwireError | None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def read_local(candidate: Candidate) -> Fetched:
    """A local file as if fetched (``.html.gz`` is gunzipped)."""
    from ingest.discover import maybe_gunzip

    now = datetime.now(timezone.utc)
    path = candidate.local_path or ""
    try:
        with open(path, "rb") as fh:
            body = maybe_gunzip(fh.read())
    except (OSError, ValueError) as e:
        return Fetched(candidate, candidate.url, candidate.url, None, None, None, now,
                       error="FileError", error_message=str(e))
    return Fetched(candidate, candidate.url, candidate.url, 200, "text/html", body, now)
