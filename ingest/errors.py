"""eventwire's one exception tree.

::

    EventwireError                  anything eventwire raises on purpose
    ├── ConfigError                 bad flag, unreadable/invalid config file   (CLI exit 2)
    │   └── ModelNotInstalled       the configured spaCy model is missing: ``run`` goes on
    │                               with the events stage off (recorded); ``extract`` exits 2
    ├── DatabaseLocked              another process holds the DuckDB file       (CLI exit 2)
    ├── TransientError              worth retrying: the same call may succeed later
    │   ├── FetchTimeout            connect/read/total timeout
    │   ├── ConnectFailed           refused, reset
    │   │   └── DNSFailure          the host name did not resolve
    │   ├── ServerBusy              429 / 5xx (carries Retry-After when given)
    │   ├── RobotsUnavailable       robots.txt answered 429/5xx: the host is skipped this run
    │   └── PrefectUnavailable      Prefect's API server did not start (or answer) in time
    └── PermanentError              retrying will not help
        ├── HTTPStatusError         other 4xx (404, 410, …)
        ├── BlockedAddress          URL resolves to a private/loopback address
        ├── DisallowedByRobots      robots.txt forbids the URL for our user agent
        ├── InvalidURL              a link urllib cannot split (``http://[::1/broken``)
        ├── BodyTooLarge            body (or its decompressed form) over the limit
        ├── DecodeFailed            a gzip/deflate body (or file) is corrupt or uses another coding
        ├── NotHTML                 content type (or sniffed body) that extraction cannot use
        ├── MalformedFeed           a feed or sitemap answered, but no item could be read from it
        └── ExtractionFailed        no main text could be found

Callers decide what to retry by type (``isinstance(err, TransientError)``), and
the per-URL failures end up as an ``error`` column holding the class name, so SQL users
can group failures without parsing messages; where only that name is at hand (a stored
``fetches.error``), ``is_transient`` answers from the tree, not from a hand-kept list.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: every error eventwire raises on purpose."""


class ConfigError(EventwireError):
    """A flag, environment variable or config file is invalid."""


class DatabaseLocked(EventwireError):
    """Another process holds the DuckDB file for writing."""


class InvalidQuery(EventwireError):
    """The user's SQL cannot run as written: a syntax error, an unknown table or column, a
    wrong type. A usage error (exit status 2), unlike a failure while running it."""


class TransientError(EventwireError):
    """A failure that may go away if the same call is retried later."""

    retry_after: float | None = None


class FetchTimeout(TransientError):
    """Connecting or reading took longer than the configured timeout."""


class ConnectFailed(TransientError):
    """The connection could not be made (refused, reset, DNS failure)."""


class DNSFailure(ConnectFailed):
    """The host name did not resolve (no such name, or the resolver failed)."""


class ServerBusy(TransientError):
    """The server answered 429 or 5xx."""

    def __init__(self, message: str, status_code: int, retry_after: float | None = None):
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


class RobotsUnavailable(TransientError):
    """robots.txt could not be read (429/5xx), so nothing on that host is fetched this run."""


class PrefectUnavailable(TransientError):
    """Prefect's (ephemeral) API server did not start, or answer, in time: try again later."""


class PermanentError(EventwireError):
    """A failure that retrying will not fix."""


class HTTPStatusError(PermanentError):
    """The server answered a 4xx status other than 429."""

    def __init__(self, message: str, status_code: int):
        super().__init__(message)
        self.status_code = status_code


class BlockedAddress(PermanentError):
    """The URL points at a private, loopback or link-local address (see --allow-private)."""


class DisallowedByRobots(PermanentError):
    """robots.txt forbids this URL for our user agent."""


class InvalidURL(PermanentError):
    """A URL (in a feed, sitemap, URL list or redirect) is malformed: it is recorded and skipped."""


class DecodeFailed(PermanentError):
    """A compressed body (gzip, deflate) is corrupt, or uses a content coding we do not read."""


class BodyTooLarge(PermanentError):
    """The response body (or its decompressed form) exceeds the size limit."""


class NotHTML(PermanentError):
    """The response is not HTML/XHTML, so there is no article to extract."""


class MalformedFeed(PermanentError):
    """A feed or sitemap answered, but its body is broken or not a feed: no item could be read.

    Recorded (by name) in ``sources.last_error``; discovery never raises it.
    """


class ExtractionFailed(PermanentError):
    """No main text could be extracted from the page."""


class ModelNotInstalled(ConfigError):
    """The configured spaCy model is not installed (a setting names a model that is not there)."""


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out


def is_transient(error: str | None) -> bool:
    """Whether an error class *name* (as recorded in ``fetches.error``) is a ``TransientError``."""
    return error is not None and error in {c.__name__ for c in _subclasses(TransientError)}
