"""gzip and deflate, decoded under a size cap: below the stages, for the fetcher
(``Content-Encoding``), discovery (``.xml.gz`` sitemaps), local files and the archive.

zlib's ``max_length`` stops every step at the cap, so a small compressed body (a "gzip
bomb", or a gzip of a gzip bomb) never inflates past the limit in memory. Errors are typed
(``ingest.errors``): ``BodyTooLarge`` past the cap, ``DecodeFailed`` for corrupt data or an
unknown coding; callers decide by type, never by message.
"""

from __future__ import annotations

import zlib

from ingest.errors import BodyTooLarge, DecodeFailed

GZIP_MAGIC = b"\x1f\x8b"


def maybe_gunzip(body: bytes, max_bytes: int = 50_000_000) -> bytes:
    """``body`` gunzipped if it starts like gzip, else unchanged.

    Raises ``BodyTooLarge`` when it would inflate past ``max_bytes``, ``DecodeFailed`` when
    the gzip data is corrupt.
    """
    if body[:2] != GZIP_MAGIC:
        return body
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise DecodeFailed(f"corrupt gzip data: {e}") from None
    if len(out) > max_bytes:
        raise BodyTooLarge(f"gzipped document inflates past {max_bytes} bytes")
    return out


def head(body: bytes, n: int = 2048) -> bytes:
    """The first ``n`` bytes of ``body``, inflated if it is gzip (only that much is
    inflated); ``b""`` for corrupt gzip."""
    if body[:2] != GZIP_MAGIC:
        return body[:n]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, n)
    except zlib.error:
        return b""


class BoundedDecoder:
    """Undo ``Content-Encoding`` layers (gzip, deflate) without ever holding more than the cap.

    ``feed`` each raw chunk, then ``flush``; the decoded total is counted across layers.
    Raises ``DecodeFailed`` for an unknown coding or corrupt data, ``BodyTooLarge`` past
    ``limit`` decoded bytes.
    """

    def __init__(self, content_encoding: str, limit: int):
        self.limit = limit
        self.total = 0
        names = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
        names = [n for n in names if n != "identity"]
        for n in names:
            if n not in ("gzip", "x-gzip", "deflate"):
                raise DecodeFailed(f"unsupported content-encoding {n!r}")
        # decode in the reverse order of application
        self.layers = [_Layer(n, limit) for n in reversed(names)]

    def feed(self, data: bytes) -> bytes:
        for layer in self.layers:
            data = layer.feed(data)
        return self._count(data)

    def flush(self) -> bytes:
        data = b""
        for layer in self.layers:
            data = layer.feed(data) + layer.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise BodyTooLarge(f"body exceeds {self.limit} bytes" + (" once decompressed" if self.layers else ""))
        return data


class _Layer:
    def __init__(self, name: str, limit: int):
        self.name, self.limit, self.out = name, limit, 0
        self.d: "zlib._Decompress | None" = None

    def _new(self, head: bytes) -> "zlib._Decompress":
        if self.name in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate
        zlib_wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and ((head[0] << 8) | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        if not data:
            return b""
        if self.d is None:
            self.d = self._new(data)
        out = []
        while data:
            try:
                chunk = self.d.decompress(data, self.limit - self.out + 1)
            except zlib.error as e:
                raise DecodeFailed(f"cannot decode {self.name} body: {e}") from None
            self.out += len(chunk)
            if self.out > self.limit:
                raise BodyTooLarge(f"body exceeds {self.limit} bytes once decompressed")
            out.append(chunk)
            if self.d.unconsumed_tail:
                data = self.d.unconsumed_tail
            elif self.d.eof and self.d.unused_data and self.name != "deflate":
                data = self.d.unused_data  # concatenated gzip members
                self.d = self._new(data)
            else:
                data = b""
        return b"".join(out)

    def flush(self) -> bytes:
        if self.d is None:
            return b""
        chunk = self.d.flush()
        self.out += len(chunk)
        if self.out > self.limit:
            raise BodyTooLarge(f"body exceeds {self.limit} bytes once decompressed")
        return chunk
