"""A small asyncio HTTP/1.1 server on 127.0.0.1 for tests and benchmarks (never used by a run).

Why not pytest-httpserver alone: it serves one request at a time unless told otherwise,
so a test that counts concurrent requests on the server side could never see more than
one, and it cannot hold 40 delayed responses open at once. This server answers every
connection in its own coroutine, so 40 responses each delayed 100 ms really overlap,
listens on several ports at once (each port is a distinct "host" to the fetcher's
per-host limits), and counts requests in flight per port.

    with LoopbackServer(handler, ports=3) as srv:
        srv.urls            # ["http://127.0.0.1:41001", ...]
        srv.max_active[0]   # the most requests port 0 had in flight at any moment

``handler(request) -> Reply`` (or an awaitable of one) runs on the server's event loop.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Union

_REASONS = {200: "OK", 206: "Partial Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
            307: "Temporary Redirect", 308: "Permanent Redirect", 403: "Forbidden", 404: "Not Found",
            410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    port_index: int
    received_at: float  # time.monotonic() when the request head was read


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (the connection stays open)
    chunked: bool = False  # no Content-Length: the body is sent in chunks
    trickle: float = 0.0  # seconds between body bytes: a server that drips its answer out


Handler = Callable[[Request], Union[Reply, Awaitable[Reply]]]


class LoopbackServer:
    """Serve ``handler`` on ``ports`` loopback ports from a background thread."""

    def __init__(self, handler: Handler, ports: int = 1):
        self.handler = handler
        self.n_ports = ports
        self.urls: list[str] = []
        self.active = [0] * ports
        self.max_active = [0] * ports
        self.max_active_total = 0  # the most requests in flight over all ports at once
        self.connections = [0] * ports  # TCP connections accepted per port
        self.requests: list[Request] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.base_events.Server] = []
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None

    # -- lifecycle: a thread for tests, ``serve()`` directly in a process for benchmarks

    def __enter__(self) -> "LoopbackServer":
        self._thread = threading.Thread(target=lambda: asyncio.run(self.serve()), daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("loopback server did not start")
        return self

    def __exit__(self, *exc) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    async def serve(self, on_ready: Callable[[list[str]], None] | None = None) -> None:
        """Listen until stopped (``__exit__``), calling ``on_ready(urls)`` once listening."""
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        for i in range(self.n_ports):
            srv = await asyncio.start_server(lambda r, w, i=i: self._connection(r, w, i), "127.0.0.1", 0,
                                             backlog=1024)
            self._servers.append(srv)
            self.urls.append(f"http://127.0.0.1:{srv.sockets[0].getsockname()[1]}")
        if on_ready:
            on_ready(self.urls)
        self._ready.set()
        await self._stop.wait()
        for srv in self._servers:
            srv.close()
        # asyncio's Server.wait_closed() waits for open keep-alive connections too; don't
        await asyncio.sleep(0)

    def count(self, path: str, port_index: int | None = None) -> int:
        return sum(1 for r in list(self.requests)
                   if r.path == path and (port_index is None or r.port_index == port_index))

    # -- one connection: keep-alive, GET/HEAD only, no request bodies

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, i: int) -> None:
        self.connections[i] += 1
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = (lines[0].split(" ") + ["", ""])[:3]
                headers = {}
                for line in lines[1:]:
                    k, sep, v = line.partition(":")
                    if sep:
                        headers[k.strip().lower()] = v.strip()
                req = Request(method, target, headers, i, time.monotonic())
                self.requests.append(req)
                self.active[i] += 1
                self.max_active[i] = max(self.max_active[i], self.active[i])
                self.max_active_total = max(self.max_active_total, sum(self.active))
                try:
                    reply = self.handler(req)
                    if inspect.isawaitable(reply):
                        reply = await reply
                    if reply.delay:
                        await asyncio.sleep(reply.delay)
                    await self._write(writer, reply, method)
                finally:
                    self.active[i] -= 1
                if headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, asyncio.CancelledError):  # the client left, or the server stops
            return
        finally:
            writer.close()

    async def _write(self, writer: asyncio.StreamWriter, reply: Reply, method: str) -> None:
        hdrs = {k.lower(): v for k, v in reply.headers.items()}
        out = [f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}"]
        out += [f"{k}: {v}" for k, v in reply.headers.items()]
        if reply.chunked:
            out.append("Transfer-Encoding: chunked")
        elif "content-length" not in hdrs:
            out.append(f"Content-Length: {len(reply.body)}")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD" and reply.status != 304:
            if reply.trickle:
                await writer.drain()
                for i in range(len(reply.body)):
                    writer.write(reply.body[i:i + 1])
                    await writer.drain()
                    await asyncio.sleep(reply.trickle)
            elif reply.chunked:
                for start in range(0, len(reply.body), 65536):
                    piece = reply.body[start:start + 65536]
                    writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    await writer.drain()
                writer.write(b"0\r\n\r\n")
            else:
                writer.write(reply.body)
        await writer.drain()
