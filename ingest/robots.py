"""robots.txt as RFC 9309 reads it, by Protego (Scrapy's parser): groups, longest match,
``*`` and ``$``, Crawl-delay, Sitemap.

The standard library's ``urllib.robotparser`` takes the *first* matching rule rather than
the longest and treats ``*`` and ``$`` literally; our own matcher, which it replaced, built
a regular expression from each of the site's patterns, so a hostile robots.txt could make
it backtrack for a long time. Protego implements RFC 9309 and is kept by the Scrapy
project. This module adds only what a crawler run needs around it, with no I/O: the
fetcher downloads the file and decides what an error status means (see ``ingest.fetch``).

- the group is chosen by our *product token* (``eventwire`` for ``eventwire/0.1.0 (+url)``),
  else ``*``; with neither, everything is allowed;
- ``/robots.txt`` itself is always allowed (RFC 9309 §2.4);
- the file is read up to ``MAX_ROBOTS_BYTES`` (RFC 9309 §2.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least the first 500 KiB; we parse exactly that


def product_token(user_agent: str) -> str:
    """``eventwire/0.1.0 (+https://…)`` → ``eventwire`` (what robots.txt groups name)."""
    token = re.match(r"[A-Za-z_-]*", user_agent.strip())
    return (token.group(0) if token else "").lower()


@dataclass(frozen=True)
class RobotsTxt:
    """One parsed robots.txt, read for one user agent (``allow_everything()`` when none applies)."""

    parser: Protego | None = None
    token: str = "*"
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()

    @classmethod
    def allow_everything(cls) -> "RobotsTxt":
        return cls()

    @classmethod
    def parse(cls, text: str | bytes, user_agent: str) -> "RobotsTxt":
        """Parse ``text`` (the first ``MAX_ROBOTS_BYTES``) for ``user_agent``'s product token."""
        if isinstance(text, bytes):
            text = text[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        rp = Protego.parse(text.lstrip("\ufeff"))
        token = product_token(user_agent) or "*"
        delay = rp.crawl_delay(token)
        return cls(rp, token, float(delay) if delay is not None and delay >= 0 else None,
                   tuple(dict.fromkeys(rp.sitemaps)))

    def allowed(self, url: str) -> bool:
        """May ``url`` be fetched? (Its scheme and host are assumed to be this file's.)"""
        if self.parser is None:
            return True
        if (urlsplit(url).path or "/") == "/robots.txt":
            return True
        return bool(self.parser.can_fetch(url, self.token))
