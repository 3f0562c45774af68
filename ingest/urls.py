"""URLs, below every stage: which links are usable, canonical forms, stable ids, sites.

Discovery, fetching, extraction and deduplication all need the same answers to "is this a
URL we can fetch?", "what is its canonical form?" and "are these two hosts one site?", so
they live here, once, and no stage reaches into another for them.

A malformed link (``http://[::1/broken``: ``urllib`` raises ``ValueError: Invalid IPv6
URL``) is an ``InvalidURL`` — a per-item, permanent failure that callers record and skip;
it never stops a run.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from tld import get_fld

from ingest.errors import InvalidURL

SKIP_SCHEMES = ("javascript:", "data:", "mailto:", "tel:", "ftp:", "file:")

# Query parameters that only track the click, never select content.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ocid", "cmpid", "smid", "smtyp", "ncid", "sr_share", "cmp",
    "guccounter", "guce_referrer", "guce_referrer_sig", "spm", "at_medium", "at_campaign",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__hs", "at_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def check_url(url: str) -> str:
    """``url`` itself if ``urllib`` can take it apart (host, port), else ``InvalidURL``.

    ``urlsplit`` refuses an unbalanced IPv6 bracket and ``.port`` a non-numeric or
    out-of-range port; both raise ``ValueError`` deep inside whichever stage touches the
    URL first, so they are caught here, where the URL enters.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError as e:
        raise InvalidURL(f"malformed URL {url[:200]!r}: {e}") from None
    return url


def usable_link(link: str | None, base: str | None = None) -> str | None:
    """``link`` resolved against ``base``; ``None`` for a non-HTTP(S) link (``mailto:``, …).

    Raises ``InvalidURL`` when the link (or ``base``) is malformed.
    """
    if not link:
        return None
    link = link.strip()
    if link.lower().startswith(SKIP_SCHEMES):
        return None
    try:
        url = urljoin(base, link) if base else link
    except ValueError as e:
        raise InvalidURL(f"malformed URL {link[:200]!r}: {e}") from None
    check_url(url)
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def canonicalize_url(url: str) -> str:
    """A normal form of ``url``: lower-case scheme and host, no default port, no
    fragment, no tracking parameters, remaining parameters sorted, ``/`` for an empty path.

    Idempotent: ``canonicalize_url(canonicalize_url(u)) == canonicalize_url(u)``.
    Raises ``InvalidURL`` for a URL ``urllib`` cannot split.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as e:
        raise InvalidURL(f"malformed URL {url[:200]!r}: {e}") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]"
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    path = re.sub(r"/{2,}", "/", path)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def domain_of(url: str) -> str:
    """The host of ``url`` without a leading ``www.`` (the column users group by)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def site_of(host: str) -> str:
    """The registrable domain of ``host`` by the Public Suffix List (``tld``'s bundled copy).

    ``news.bbc.co.uk`` → ``bbc.co.uk``; ``alice.blogspot.com`` → ``alice.blogspot.com``
    (``blogspot.com`` is a public suffix in the list's private section: every blog is a site
    of its own). A host the list does not know (an IP address, ``localhost``, the demo's
    ``*.example``) is its own site. No network: the list ships inside the ``tld`` wheel.
    """
    host = host.lower().rstrip(".")
    if not host:
        return ""
    fld = get_fld(host, fix_protocol=True, fail_silently=True)
    return fld or host


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site (same registrable domain, see ``site_of``)."""
    try:
        ha, hb = urlsplit(a).hostname or "", urlsplit(b).hostname or ""
    except ValueError:
        return False
    return site_of(ha) == site_of(hb)


def choose_canonical(fetched_url: str, declared: Iterable[str | None], policy: str = "same-site") -> str:
    """The canonical URL of a page: the first declared ``rel=canonical``/``og:url`` that the
    policy trusts, else the fetched URL, canonicalised.

    ``same-site`` (default) trusts a declared URL only on the fetched page's own site
    (``same_site``): a syndicated copy that points at the original is a copy to record, not
    the original itself. ``always`` suits mirrors (the bundled demo site), ``never``
    ignores page declarations. A malformed declared URL is ignored.
    """
    base = canonicalize_url(fetched_url)
    if policy == "never":
        return base
    for d in declared:
        if not d or not d.strip().lower().startswith(("http://", "https://")):
            continue
        try:
            c = canonicalize_url(check_url(d.strip()))
        except InvalidURL:
            continue
        if policy == "always" or same_site(c, base):
            return c
    return base


def article_id(canonical_url: str) -> str:
    """Stable id: the same canonical URL always gives the same id, in any run."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]
