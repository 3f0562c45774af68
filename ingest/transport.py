"""The fetcher's transport: names resolved by us, private addresses refused on the socket's
own address, and one small connection pool per host.

Split from ``ingest.fetch`` (the politeness, retries and redirects) because this part is
about *where* a request may go and *how* it travels, and is tested on its own: the address
rule is enforced in the connection layer, on the very IP address the socket connects to, so
neither a redirect nor a DNS answer that changes between check and connect (DNS rebinding)
can take the fetcher to ``169.254.169.254`` or a service on the user's own network.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Awaitable, Callable
from urllib.parse import urlsplit

import httpcore
import httpx

from ingest.errors import BlockedAddress, DNSFailure

REDIRECTS = (301, 302, 303, 307, 308)


def is_private_address(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
            or addr.is_reserved or addr.is_unspecified)


def blocked_error(host: str, ip: str) -> BlockedAddress:
    return BlockedAddress(f"{host} resolves to non-public address {ip}; pass --allow-private to fetch it")


Resolver = Callable[[str, int], Awaitable[list[str]]]
"""``resolver(host, port) -> [ip, ...]``: how the fetcher turns names into addresses.

The default asks the system (``getaddrinfo``). Tests pass their own so that a name can
point at 127.0.0.1 or fail to resolve without any DNS query leaving the machine.
"""


async def system_resolver(host: str, port: int) -> list[str]:
    """The system's answer for ``host`` (``getaddrinfo``), addresses in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(i[4][0] for i in infos))


async def check_address(url: str, allow_private: bool, resolver: Resolver | None = None) -> None:
    """Raise ``BlockedAddress`` if ``url``'s host is (or resolves to) a non-public address."""
    if allow_private:
        return
    host = urlsplit(url).hostname
    if not host:
        raise BlockedAddress(f"no host in {url}")
    for ip in await _resolve(host, 0, resolver):
        if is_private_address(ip):
            raise blocked_error(host, ip)


async def _resolve(host: str, port: int, resolver: Resolver | None = None) -> list[str]:
    """Addresses for ``host``; ``DNSFailure`` when the name has none."""
    if is_ip(host):
        return [host.strip("[]")]
    try:
        ips = await (resolver or system_resolver)(host, port)
    except DNSFailure:
        raise
    except (OSError, UnicodeError) as e:  # socket.gaierror is an OSError; IDNA errors are UnicodeErrors
        raise DNSFailure(f"cannot resolve {host}: {e}") from None
    if not ips:
        raise DNSFailure(f"cannot resolve {host}: no addresses")
    return ips


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, resolving names itself and refusing private addresses.

    Names are always resolved here (through the fetcher's ``resolver``), so a lookup that
    fails is a ``DNSFailure`` rather than a generic connect error, and the private-address
    check runs on the addresses the socket will actually connect to, once per new
    connection (keep-alive connections are reused without a new lookup).
    """

    def __init__(self, allow_private: bool, resolver: Resolver | None = None):
        from httpcore._backends.auto import AutoBackend

        self._inner = AutoBackend()
        self._allow_private = allow_private
        self._resolver = resolver

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        ips = await _resolve(host.strip("[]"), port, self._resolver)
        if not self._allow_private:
            for ip in ips:
                if is_private_address(ip):
                    raise blocked_error(host, ip)
        last: Exception | None = None
        for ip in ips:
            try:
                return await self._inner.connect_tcp(ip, port, timeout=timeout, local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise BlockedAddress("unix sockets are never used")

    async def sleep(self, seconds: float) -> None:  # pragma: no cover
        await self._inner.sleep(seconds)


class HostPools(httpx.AsyncBaseTransport):
    """One small connection pool per host behind the run's one ``AsyncClient``.

    httpcore's pool scans every connection it holds on every request, so a single pool of
    40 connections over 10 hosts spends more CPU on bookkeeping than on HTTP (it was most
    of the client's time in ``benchmarks/fetch.py``). Per-host pools of ``per_host``
    connections keep that scan short, and the fetcher closes a host's pool as soon as no
    request for the host is queued or in flight, so a run over many hosts does not keep
    their idle sockets open to the end.
    """

    def __init__(self, per_host: int, allow_private: bool, resolver: Resolver | None = None):
        self._resolver = resolver
        self._limits = httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host)
        self._allow_private = allow_private
        self._pools: dict[str, httpx.AsyncHTTPTransport] = {}
        self._ssl = httpx.create_ssl_context()  # loading the CA bundle costs ~15 ms: once per run

    @staticmethod
    def key(url: httpx.URL) -> str:
        return f"{url.scheme}://{url.netloc.decode('ascii')}".lower()

    def _pool(self, key: str) -> httpx.AsyncHTTPTransport:
        t = self._pools.get(key)
        if t is None:
            t = httpx.AsyncHTTPTransport(verify=self._ssl, limits=self._limits, trust_env=False)
            # httpx has no public hook for the network backend; the attribute is checked so
            # an httpx upgrade that renames it fails loudly instead of running unguarded
            pool = getattr(t, "_pool", None)
            if not hasattr(pool, "_network_backend"):
                raise RuntimeError("httpx transport layout changed: cannot install the private-address guard")
            pool._network_backend = _GuardedBackend(self._allow_private, self._resolver)
            self._pools[key] = t
        return t

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        resp = await self._pool(self.key(request.url)).handle_async_request(request)
        location = resp.headers.get("location") if resp.status_code in REDIRECTS else None
        if location is not None:
            # httpx works out every redirect's target, even unfollowed, and a Location it cannot
            # parse becomes a RemoteProtocolError, indistinguishable by type from a broken
            # connection. Moved aside here, it is raised as what it is: InvalidURL, one page's
            # permanent failure (see Fetcher._stream).
            try:
                request.url.join(httpx.URL(location))
            except (httpx.InvalidURL, ValueError):
                del resp.headers["location"]
                resp.extensions["eventwire_invalid_location"] = location
        return resp

    async def release(self, url: str) -> None:
        """Close the pool of ``url``'s host (call only when nothing is in flight there)."""
        try:
            t = self._pools.pop(self.key(httpx.URL(url)), None)
        except httpx.InvalidURL:
            return
        if t is not None:
            await t.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for t in pools:
            await t.aclose()
