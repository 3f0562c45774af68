"""The demo's site: the bundled sample pages (package data), served on 127.0.0.1.

The pages ship inside the installed package (``samples/site/``, declared as package data in
``pyproject.toml``), so ``pip install eventwire && eventwire demo`` works outside a
checkout. Test-only servers live in ``tests/`` (``tests/loopback.py``, ``tests/mirror.py``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from importlib import resources
from pathlib import Path
from typing import Iterator


def site_dir() -> Path:
    """The bundled sample site: ``$EVENTWIRE_SAMPLE_SITE``, else the installed package data
    (``samples/site`` in a checkout or an editable install)."""
    env = os.environ.get("EVENTWIRE_SAMPLE_SITE")
    if env:
        return Path(env)
    return Path(str(resources.files("samples") / "site"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".xml": "application/xml", ".html": "text/html; charset=utf-8"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib's name
        pass


@contextlib.contextmanager
def serve_site(root: Path, port: int = 0, host: str = "127.0.0.1",
               any_port_if_taken: bool = False) -> Iterator[str]:
    """Serve ``root`` over HTTP in a background thread; yield its base URL.

    ``port=0`` picks a free port; with ``any_port_if_taken`` a busy ``port`` falls back to one.
    """
    if not (root / "feed.xml").exists():
        raise FileNotFoundError(f"no sample site at {root} (expected feed.xml there)")
    handler = functools.partial(_QuietHandler, directory=str(root))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError:
        if not any_port_if_taken or port == 0:
            raise
        server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
