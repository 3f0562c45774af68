"""HTTP header values read the same way wherever a response is handled (the fetcher, the
WARC archive): below the stages, so neither reaches into the other."""

from __future__ import annotations


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value (quotes removed), or ``None``."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None
