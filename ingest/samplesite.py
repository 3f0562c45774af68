"""Serve a folder of pages on 127.0.0.1 (the demo site, and test fixtures)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Iterator


def site_dir() -> Path:
    """The bundled sample site (``samples/site`` in the checkout)."""
    env = os.environ.get("EVENTWIRE_SAMPLE_SITE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "samples" / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".xml": "application/xml", ".html": "text/html; charset=utf-8"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib's name
        pass


@contextlib.contextmanager
def serve_site(root: Path, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``root`` over HTTP in a background thread; yield its base URL."""
    if not (root / "feed.xml").exists():
        raise FileNotFoundError(f"no sample site at {root} (expected feed.xml there)")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
