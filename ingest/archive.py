"""Raw pages kept as WARC (warcio, gzipped): one file per run, read back for reprocessing.

Keeping what was fetched, in the format web archives use, means extraction can be re-run
when the extractor improves — without fetching again, and without trusting that the
site still serves the same page. Each article row records ``warc_file`` (relative to the
archive folder) and ``warc_offset`` (the byte offset of its gzip member), so one record
is read with a single seek.

Bodies are stored decoded (no Content-Encoding) with the response's Content-Type, which
carries the charset the extractor needs.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.compression import GZIP_MAGIC
from ingest.errors import EventwireError
from ingest.headers import charset_of
from schemas.models import Candidate, Fetched


@dataclass(frozen=True, slots=True)
class Pointer:
    warc_file: str  # relative to the archive folder
    warc_offset: int


def write_run(archive_dir: Path, run_id: str, fetched: Iterable[Fetched]) -> dict[str, Pointer]:
    """Append every successfully fetched page to ``<archive_dir>/<run_id>.warc.gz``.

    Returns final URL → pointer. Appending (not truncating) keeps earlier batches of the
    same run; each record is its own gzip member, so the file stays valid after a crash
    mid-write up to the last complete record.
    """
    pages = [f for f in fetched if f.ok and f.candidate.local_path is None]
    if not pages:
        return {}
    archive_dir.mkdir(parents=True, exist_ok=True)
    name = f"{run_id}.warc.gz"
    out: dict[str, Pointer] = {}
    with open(archive_dir / name, "ab") as fh:
        writer = WARCWriter(fh, gzip=True)
        for f in pages:
            headers = [("Content-Type", f.content_type or "text/html")]
            http = StatusAndHeaders(f"{f.status_code or 200} OK", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f.final_url, "response", payload=io.BytesIO(f.body or b""), http_headers=http,
                warc_headers_dict={"WARC-Date": f.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            offset = fh.tell()
            writer.write_record(record)
            out[f.final_url] = Pointer(name, offset)
    return out


def _to_fetched(record, candidate: Candidate | None = None, body: bytes | None = None) -> Fetched:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    date = record.rec_headers.get_header("WARC-Date")
    try:
        when = datetime.fromisoformat(date.replace("Z", "+00:00")) if date else datetime.now(timezone.utc)
    except ValueError:
        when = datetime.now(timezone.utc)
    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
    status = int(record.http_headers.get_statuscode() or 200) if record.http_headers else 200
    if body is None:
        body = record.content_stream().read()
    return Fetched(candidate or Candidate(url=uri, source="warc"), uri, uri, status, ctype, body, when,
                   encoding=charset_of(ctype))


def read_record(archive_dir: Path, pointer: Pointer, candidate: Candidate | None = None) -> Fetched:
    """The page stored at ``pointer``, as a ``Fetched`` ready for extraction."""
    path = archive_dir / pointer.warc_file
    try:
        with open(path, "rb") as fh:
            fh.seek(pointer.warc_offset)
            record = next(iter(ArchiveIterator(fh, arc2warc=True)))
            return _to_fetched(record, candidate)
    except (OSError, StopIteration) as e:
        raise EventwireError(f"cannot read WARC record {path}@{pointer.warc_offset}: {e}") from None


def iter_warc(path: Path, *, max_bytes: int | None = None, pointers: bool = False,
              skipped: dict[str, int] | None = None) -> Iterator[Fetched]:
    """Stream the HTML response records of a WARC or ARC file (gzipped or not), one at a time.

    Memory stays bounded by one record whatever the file size: warcio decompresses as it
    reads, and each record becomes a ``Fetched`` (target URI as URL, WARC-Date as fetch
    time) only when the caller asks for the next one. Request, metadata and other records,
    non-HTML payloads, non-2xx responses and bodies over ``max_bytes`` are skipped and,
    if ``skipped`` is given, counted there by reason.

    With ``pointers``, each page comes with the input file's own position of its record
    (``(Fetched, Pointer | None)``): the absolute file path and the record's byte offset,
    which ``read_record`` can seek to, so the input file *is* the archive. A gzipped file
    that is one gzip stream rather than one member per record has no seekable offsets:
    its pointers are ``None``.
    """
    skipped = {} if skipped is None else skipped

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    absolute = str(Path(path).resolve())
    for record, offset in _records(Path(path)):
        if record.rec_type != "response" or record.http_headers is None:
            skip("not a response")
            continue
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        if ctype and "html" not in ctype:
            skip("not HTML")
            continue
        status = record.http_headers.get_statuscode() or "200"
        if not status.startswith("2"):
            skip(f"status {status}")
            continue
        body = None
        if max_bytes is not None:
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                skip("too large")
                continue
        page = _to_fetched(record, body=body)
        if pointers:
            yield page, (None if offset is None else Pointer(absolute, offset))
        else:
            yield page


def _records(path: Path) -> Iterator[tuple[object, int | None]]:
    """(record, byte offset) for each record; the offset is ``None`` when it cannot be sought.

    warcio reads plain files and gzip files with one member per record (the WARC
    standard's recommendation, and Common Crawl's layout) and refuses a file gzipped as one
    stream once it sees its second record. Such a file is then read again through
    ``gzip`` as a plain stream, skipping the records already given, without offsets.
    """
    done = 0
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == GZIP_MAGIC
        fh.seek(0)
        it = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in it:
                offset = it.offset
                yield record, offset
                done += 1
            return
        except ArchiveLoadFailed as e:
            if not gzipped:  # decided by what the file is, not by warcio's wording
                raise EventwireError(f"cannot read WARC file {path}: {e}") from None
    try:
        with gzip.open(path, "rb") as stream:
            for n, record in enumerate(ArchiveIterator(stream, arc2warc=True)):
                if n >= done:
                    yield record, None
    except (ArchiveLoadFailed, OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
        raise EventwireError(f"cannot read WARC file {path}: {e}") from None
