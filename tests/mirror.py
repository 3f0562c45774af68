"""Many distinct URLs over the sample pages, for tests and benchmarks (never used by a run)."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from typing import Iterator

from ingest.samplesite import site_dir


class MirrorHandler(http.server.BaseHTTPRequestHandler):
    """``/c<k>/<page>`` serves the k-th copy of a sample page: as many distinct URLs as a
    test or benchmark needs, from real pages. Counts requests (``server.requests``)."""

    delay = 0.0

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.requests += 1  # type: ignore[attr-defined]
        try:
            _, _copy, rel = self.path.split("/", 2)
            body = (site_dir() / rel).read_bytes()
        except (ValueError, OSError):
            self.send_error(404)
            return
        if self.delay:
            time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_mirror(n_urls: int, delay: float = 0.0) -> Iterator[tuple[http.server.ThreadingHTTPServer, list[str]]]:
    """Serve ``n_urls`` distinct URLs cycling over the sample pages; yield (server, urls)."""
    pages = sorted(str(p.relative_to(site_dir())) for p in site_dir().rglob("*.html"))
    handler = type("Mirror", (MirrorHandler,), {"delay": delay})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.lock = threading.Lock()  # type: ignore[attr-defined]
    server.requests = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    copies = -(-n_urls // len(pages))
    urls = [f"{base}/c{k}/{p}" for k in range(copies) for p in pages][:n_urls]
    try:
        yield server, urls
    finally:
        server.shutdown()
        server.server_close()
