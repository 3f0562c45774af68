"""The handed cases of issue #14 (``tests/data/cases``), their extraction keys: 03 (only the
modification date is machine-readable; the page shows "Published …"), 04 (the story only in
JSON-LD ``articleBody``) and the site case 05 (a gzipped text sitemap), run through the real
flow on loopback. The events keys of the page cases are checked in
``tests/events/test_cases.py``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from ingest.config import Settings
from ingest.localfiles import extract_path
from tests.loopback import LoopbackServer, Reply
from tests.helpers import rows, run_ingest

CASES = Path(__file__).resolve().parent / "data" / "cases"


@pytest.mark.parametrize("case", ["03-updated-date-taken-as-published", "04-body-only-in-jsonld"])
def test_page_case_extraction_keys(case, tmp_path):
    expected = json.loads((CASES / case / "expected.json").read_text())
    rec = extract_path(CASES / case / "page.html", url=None, published=None, coder=None,
                       settings=Settings(cache_dir=tmp_path))
    a = rec["article"]
    assert " ".join(a["title"].split()) == " ".join(expected["title"].split())
    assert (a["published_at"] or "")[:10] == expected["published"]
    if "published_not" in expected:
        assert (a["published_at"] or "")[:10] != expected["published_not"]
    for s in expected.get("text_contains", []):
        assert s in a["text"]
    for s in expected.get("text_excludes", []):
        assert s not in a["text"]


def test_case_03_keeps_the_modification_time_apart(tmp_path):
    rec = extract_path(CASES / "03-updated-date-taken-as-published" / "page.html", url=None, published=None,
                       coder=None, settings=Settings(cache_dir=tmp_path))
    assert rec["article"]["modified_at"][:10] == "2024-03-14"
    assert "was updated on" not in rec["article"]["text"]  # the editor's note is not the story


def test_case_05_gzipped_text_sitemap_through_the_flow(prefect_harness, tmp_path):
    case = CASES / "05-gzipped-text-sitemap"
    expected = json.loads((case / "expected.json").read_text())
    pages = {f"/news/{p.name}": p.read_bytes() for p in (case / "site" / "news").iterdir()}
    listing: dict[str, bytes] = {}

    def handler(req):
        if req.path in pages:
            return Reply(body=pages[req.path], headers={"Content-Type": "text/html"})
        if req.path in listing:  # as python -m http.server sends it: application/gzip
            return Reply(body=listing[req.path], headers={"Content-Type": "application/gzip"})
        return Reply(404)

    with LoopbackServer(handler) as srv:
        base = srv.urls[0]
        port = base.rsplit(":", 1)[1]
        listing["/urllist.txt.gz"] = gzip.compress(
            f"{base}/news/port-strike-ends.html\n{base}/news/farmers-block-highway.html\n".encode())
        s = Settings(db=tmp_path / "c.duckdb", allow_private=True, retries=0, cache_dir=tmp_path / "cache",
                     events=False, sitemaps=(f"{base}/urllist.txt.gz",))
        run_ingest(s)
    db = tmp_path / "c.duckdb"
    for want in expected["sources"]:
        got = rows(db, f"SELECT kind, items, last_error FROM sources WHERE url = '{want['url'].replace('PORT', port)}'")
        assert got == [(want["kind"], want["items"], want["last_error"])]
    for want in expected["articles"]:
        got = rows(db, "SELECT title, strftime(published_at AT TIME ZONE 'UTC', '%Y-%m-%d') FROM articles "
                       f"WHERE url = '{want['url'].replace('PORT', port)}'")
        assert got == [(want["title"], want["published"])]
    # schemas/010: the modification time has its own column (NULL: these pages state none)
    assert rows(db, "SELECT count(*) FROM articles WHERE modified_at IS NULL") == [(2,)]
