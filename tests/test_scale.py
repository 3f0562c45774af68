"""Scale: WARC archives streamed into DuckDB, worker processes, and Dask — all with real parts.

The WARC files are built here with warcio from the bundled sample site's 33 real pages,
plus the records a crawl file also holds (requests, metadata, images, redirects), which
must be skipped.
"""

from __future__ import annotations

import gzip
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.archive import Pointer, iter_warc, read_record
from ingest.config import Settings
from ingest.parallel import chunks, split
from ingest.samplesite import site_dir
from tests.helpers import rows
from tests.helpers import run_ingest as run

ROOT = Path(__file__).resolve().parent.parent
ROW_SQL = ("SELECT article_id, url, title, published_at, text_hash, duplicate_of, warc_offset IS NOT NULL"
           " FROM articles ORDER BY article_id")
EVENT_SQL = "SELECT event_id, article_id, event_type, evidence FROM events ORDER BY event_id"
PAGES = sorted(site_dir().rglob("*.html"))
# for the runs that code events (the NLP pass dominates): the war reports and a few others
FEW = [p for p in PAGES if p.parent.name.endswith(".example")] + PAGES[:5]


def build_warc(path: Path, *, gzipped: bool = True, pages: list[Path] = PAGES) -> int:
    """A crawl-like WARC of ``pages`` (each preceded by its request) and some noise; returns pages."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzipped)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        for n, page in enumerate(pages):
            uri = f"https://{page.parent.name}/{page.stem}"
            date = datetime(2024, 3, 1, 12, n % 60, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", page.parent.name)], is_http_request=True)
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=req))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(page.read_bytes()),
                                                http_headers=http, warc_headers_dict={"WARC-Date": date}))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://img.example/a.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64), http_headers=png))
        moved = StatusAndHeaders("301 Moved Permanently", [("Content-Type", "text/html"), ("Location", "/x")],
                                 protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://moved.example/", "response",
                                            payload=io.BytesIO(b"<html>moved</html>"), http_headers=moved))
        w.write_record(w.create_warc_record("https://img.example/a.png", "metadata",
                                            payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                            warc_content_type="application/warc-fields"))
    return len(pages)


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("warcs")
    out = {"gz": d / "crawl.warc.gz", "plain": d / "crawl.warc", "stream": d / "one-stream.warc.gz",
           "few": d / "few.warc.gz"}
    build_warc(out["gz"])
    build_warc(out["few"], pages=FEW)
    build_warc(out["plain"], gzipped=False)
    out["stream"].write_bytes(gzip.compress(out["plain"].read_bytes()))  # gzipped whole, not per record
    return out


def scale_settings(tmp_path: Path, **kw) -> Settings:
    base = dict(db=tmp_path / "scale.duckdb", retries=0, cache_dir=ROOT / ".cache", events=False, batch_size=8)
    return Settings(**(base | kw))


def test_batches_and_parts_keep_order():
    assert list(chunks(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert split(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split([1], 4) == [[1]] and split([], 2) == []


@pytest.mark.parametrize("kind", ["gz", "plain", "stream"])
def test_iter_warc_streams_html_responses_only(warcs, kind):
    skipped: dict[str, int] = {}
    got = list(iter_warc(warcs[kind], pointers=True, skipped=skipped))
    assert len(got) == len(PAGES)
    assert skipped == {"not a response": len(PAGES) + 2, "not HTML": 1, "status 301": 1}
    page, pointer = got[0]
    assert page.final_url.startswith("https://") and page.fetched_at == datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert page.body.startswith(b"<") and "utf-8" in (page.encoding or "").lower()
    if kind == "stream":  # one gzip stream: readable, but no record can be sought
        assert pointer is None
        return
    # the input file is the archive: the pointer reads the same record back with one seek
    again = read_record(Path("/"), pointer)
    assert again.final_url == page.final_url and again.body == page.body
    last_page, last_pointer = got[-1]
    assert read_record(Path("/"), Pointer(last_pointer.warc_file, last_pointer.warc_offset)).body == last_page.body


@pytest.mark.usefixtures("prefect_harness")
def test_warc_input_end_to_end_gzipped_and_plain_and_rerun_adds_nothing(warcs, tmp_path: Path):
    s = scale_settings(tmp_path, warcs=(str(warcs["gz"]),))
    first = run(s)
    c = first["counts"]
    assert c["candidates"] == len(PAGES) and c["fetched"] == len(PAGES) and c["fetch_errors"] == 0
    assert c["extracted"] + c["extract_errors"] == len(PAGES) and c["articles_new"] == c["extracted"] >= 30
    assert first["warc_skipped"]["not HTML"] == 1
    loaded = rows(s.db, ROW_SQL)
    assert all(r[6] for r in loaded)  # every article points at its record in the input file
    assert rows(s.db, "SELECT count(*) FROM fetches") == [(0,)]  # nothing was fetched: no request rows
    assert rows(s.db, "SELECT count(*) FROM articles WHERE url LIKE 'https://esp.example/%'") == [(1,)]
    assert not any(s.archive_path.glob("*.warc.gz"))  # the input is the archive: not copied

    # the same pages from the plain WARC: every URL is known, nothing is extracted or added
    second = run(s.replace(warcs=(str(warcs["plain"]),)))
    assert second["counts"]["skipped_known"] == len(PAGES) and second["counts"]["extracted"] == 0
    assert second["counts"]["articles_new"] == 0 and rows(s.db, ROW_SQL) == loaded

    # the plain file alone into a fresh database gives the same rows
    fresh = s.replace(db=tmp_path / "plain.duckdb", warcs=(str(warcs["plain"]),))
    run(fresh)
    assert rows(fresh.db, ROW_SQL) == loaded


@pytest.fixture(scope="module")
def reference(prefect_harness, warcs, tmp_path_factory) -> Settings:
    """The few pages with events, run in the flow's own process: what every other layout must give."""
    s = scale_settings(tmp_path_factory.mktemp("reference"), warcs=(str(warcs["few"]),), events=True, batch_size=4)
    assert run(s)["counts"]["events_new"] > 0
    return s


def test_two_worker_processes_give_the_same_rows_as_one(reference: Settings, tmp_path: Path):
    two = reference.replace(db=tmp_path / "two.duckdb", workers=2)
    result = run(two)
    assert result["counts"]["articles_new"] == len(FEW)
    assert rows(two.db, ROW_SQL) == rows(reference.db, ROW_SQL)
    assert rows(two.db, EVENT_SQL) == rows(reference.db, EVENT_SQL)


@pytest.mark.slow
def test_dask_local_cluster_runs_the_heavy_stages(reference: Settings, tmp_path: Path):
    pytest.importorskip("prefect_dask")
    s = reference.replace(db=tmp_path / "dask.duckdb", workers=2, dask_address="local")
    assert run(s)["counts"]["articles_new"] == len(FEW)
    assert rows(s.db, ROW_SQL) == rows(reference.db, ROW_SQL)
    assert rows(s.db, EVENT_SQL) == rows(reference.db, EVENT_SQL)
    assert run(s)["counts"]["articles_new"] == 0  # a re-run on the cluster adds nothing


def test_copies_in_the_batch_after_their_original_are_found_with_workers(prefect_harness, tmp_path: Path):
    """With workers, a batch is deduplicated before the one before it is loaded (the loader lags
    one batch behind): copies of an article still on its way to the loader must be found."""
    seed = sorted(p for p in PAGES if p.parent.name.endswith(".example"))
    filler = [p for p in PAGES if not p.parent.name.endswith(".example")][:5]
    wire = next(p for p in seed if p.parent.name == "wire.example")
    others = [p for p in seed if p != wire]
    # batch_size 2: [wire, filler] [syndicated copy, filler] [filler, syndicated copy] [exact copy, filler]
    exact = tmp_path / "mirror.example" / wire.name
    exact.parent.mkdir()
    exact.write_bytes(wire.read_bytes())
    order = [wire, filler[0], others[0], filler[1], filler[2], others[1], exact, filler[3]]
    warc = tmp_path / "copies.warc.gz"
    build_warc(warc, pages=order)
    one = scale_settings(tmp_path / "one", warcs=(str(warc),), batch_size=2, near_dup_threshold=0.5)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    two = one.replace(db=tmp_path / "two" / "scale.duckdb", workers=2)
    assert run(one)["counts"]["duplicates"] == 3
    assert run(two)["counts"]["duplicates"] == 3
    sql = "SELECT url, duplicate_of IS NOT NULL FROM articles ORDER BY url"
    assert rows(two.db, sql) == rows(one.db, sql)
    copies = {u for u, is_copy in rows(two.db, sql) if is_copy}
    assert copies == {f"https://{p.parent.name}/{p.stem}" for p in (others[0], others[1], exact)}
