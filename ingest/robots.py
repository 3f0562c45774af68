"""robots.txt as RFC 9309 reads it: groups, longest match, ``*`` and ``$``, Crawl-delay, Sitemap.

The standard library's ``urllib.robotparser`` takes the *first* matching rule rather than
the longest, treats ``*`` and ``$`` literally, and does not combine groups that name the
same agent; real robots.txt files rely on all three (``Disallow: /*?``, ``Allow: /*.js$``).
This module is the small part of RFC 9309 a crawler needs, with no I/O: the fetcher
downloads the file and decides what an error status means (see ``ingest.fetch``).

Matching, as the RFC says:

- a group applies when one of its ``User-agent`` lines equals our product token
  (``eventwire`` for ``eventwire/0.1.0 (+url)``), case-insensitively; groups naming the
  same agent are merged; with none, the ``*`` groups apply; with neither, everything is allowed;
- the rule with the longest pattern wins, ``Allow`` on a tie; ``/robots.txt`` is always allowed;
- ``Crawl-delay`` (not in the RFC, but widely set) and ``Sitemap`` lines are read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least the first 500 KiB; we parse exactly that


def product_token(user_agent: str) -> str:
    """``eventwire/0.1.0 (+https://…)`` → ``eventwire`` (what robots.txt groups name)."""
    token = re.match(r"[A-Za-z_-]*", user_agent.strip())
    return (token.group(0) if token else "").lower()


def _normalise(path: str) -> str:
    """Percent-encode the way RFC 9309 §2.2.2 compares: one canonical form for both sides."""
    # decode, then re-encode everything outside the unreserved/reserved ASCII set; keeps the
    # pattern characters * and $ as they are
    return quote(unquote(path), safe="/?=&;:@!$'()*+,-._~%")


@dataclass(frozen=True)
class _Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str]

    @classmethod
    def make(cls, allow: bool, pattern: str) -> "_Rule":
        pattern = _normalise(pattern)
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        rx = ".*".join(re.escape(part) for part in body.split("*")) + ("$" if anchored else "")
        return cls(allow, pattern, re.compile(rx, re.S))


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None


@dataclass(frozen=True)
class RobotsTxt:
    """One parsed robots.txt, already narrowed to one user agent."""

    rules: tuple[_Rule, ...] = ()
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    disallow_all: bool = False

    @classmethod
    def allow_everything(cls) -> "RobotsTxt":
        return cls()

    @classmethod
    def parse(cls, text: str | bytes, user_agent: str) -> "RobotsTxt":
        """Parse ``text`` and keep the rules that apply to ``user_agent``."""
        if isinstance(text, bytes):
            text = text[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        groups: list[_Group] = []
        sitemaps: list[str] = []
        current: _Group | None = None
        in_agents = False  # consecutive User-agent lines share one group
        for raw in text.lstrip("\ufeff").splitlines():
            line = raw.split("#", 1)[0].strip()
            key, sep, value = line.partition(":")
            if not sep:
                continue
            key, value = key.strip().lower(), value.strip()
            if key in ("user-agent", "useragent"):
                if not in_agents:
                    current = _Group()
                    groups.append(current)
                    in_agents = True
                assert current is not None
                current.agents.append("*" if value.startswith("*") else product_token(value))
                continue
            if key == "sitemap":  # not part of any group
                if value:
                    sitemaps.append(value)
                continue
            in_agents = False
            if current is None:
                continue  # rules before any User-agent line apply to no one
            if key in ("allow", "disallow"):
                if value:  # an empty Disallow allows everything: no rule at all
                    current.rules.append(_Rule.make(key == "allow", value))
            elif key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue
                if delay >= 0:
                    current.crawl_delay = max(delay, current.crawl_delay or 0.0)
        token = product_token(user_agent)
        mine = [g for g in groups if token and token in g.agents]
        if not mine:
            mine = [g for g in groups if "*" in g.agents]
        delays = [g.crawl_delay for g in mine if g.crawl_delay is not None]
        return cls(
            rules=tuple(r for g in mine for r in g.rules),
            crawl_delay=max(delays) if delays else None,
            sitemaps=tuple(dict.fromkeys(sitemaps)),
        )

    def allowed(self, url: str) -> bool:
        """May ``url`` be fetched? (Its scheme and host are assumed to be this file's.)"""
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = parts.path or "/"
        if path == "/robots.txt":
            return True
        target = _normalise(path + (f"?{parts.query}" if parts.query else ""))
        best: _Rule | None = None
        for rule in self.rules:
            if rule.regex.match(target) and (
                best is None or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow and not best.allow)
            ):
                best = rule
        return best is None or best.allow
