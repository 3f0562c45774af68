"""The ingest flow under real Prefect (one session-wide test harness) and real HTTP."""

from pathlib import Path

import pytest

from ingest.config import Settings
from tests.helpers import rows
from tests.helpers import run_ingest as run

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_sample_site_end_to_end_and_idempotent_rerun(sample_site: str, settings: Settings):
    s = settings.replace(feeds=(f"{sample_site}/feed.xml",))
    first = run(s)
    c = first["counts"]
    assert c["candidates"] == 33 and c["fetched"] == 33 and c["articles_new"] == 33
    assert rows(s.db, "SELECT count(*) FROM articles") == [(33,)]
    (title, published, domain, lang), = rows(
        s.db, "SELECT title, published_at, domain, language FROM articles WHERE title LIKE 'Russian troops leave%'")
    assert published.isoformat().startswith("2022-10-05T06:00") and domain == "127.0.0.1" and lang == "en"
    assert rows(s.db, "SELECT count(*) FROM articles WHERE published_at IS NULL") == [(0,)]
    assert rows(s.db, "SELECT status, articles_new FROM runs") == [("completed", 33)]
    assert rows(s.db, "SELECT count(*) FROM fetches WHERE status_code = 200")[0][0] >= 34  # feed + pages

    second = run(s)  # the feed answers 304: nothing discovered, nothing fetched again
    assert second["counts"]["sources_unchanged"] == 1 and second["counts"]["candidates"] == 0
    assert second["counts"]["articles_new"] == 0
    assert rows(s.db, "SELECT count(*) FROM articles") == [(33,)]
    assert rows(s.db, "SELECT count(*) FROM runs WHERE status = 'completed'") == [(2,)]
    # the same pages as a URL list (no conditional GET): known URLs are not fetched again
    urls = tuple(r[0] for r in rows(s.db, "SELECT url FROM articles"))
    third = run(s.replace(feeds=(), urls=urls))
    assert third["counts"]["skipped_known"] == 33 and third["counts"]["fetched"] == 0


def test_bad_pages_are_recorded_and_good_ones_still_load(httpserver, settings: Settings, seed_dir: Path):
    page = (seed_dir / "lyman_article.html").read_bytes()
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/good").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/copy").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/empty").respond_with_data("<html><body></body></html>", content_type="text/html")
    httpserver.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    urls = tuple(httpserver.url_for(p) for p in ["/good", "/copy", "/empty", "/pdf", "/gone"])
    # the seed page declares a canonical URL on another site: with same-site trust both
    # URLs stay separate articles, and the second is recorded as a copy of the first
    result = run(settings.replace(urls=urls))
    c = result["counts"]
    assert c["articles_new"] == 2 and c["duplicates"] == 1
    assert c["fetch_errors"] == 2 and c["extract_errors"] == 1
    assert result["errors"] == {"NotHTML": 1, "HTTPStatusError": 1, "ExtractionFailed": 1}
    dup = rows(settings.db, "SELECT a.url, b.url FROM articles a JOIN articles b ON a.duplicate_of = b.article_id")
    assert len(dup) == 1
    assert rows(settings.db, "SELECT error FROM failures") == [("ExtractionFailed",)]
    assert sorted(r[0] for r in rows(settings.db, "SELECT error FROM fetches WHERE error IS NOT NULL")) == [
        "HTTPStatusError", "NotHTML"]


def test_local_files_need_no_network(settings: Settings, seed_dir: Path):
    result = run(settings.replace(files=(str(seed_dir),)))
    assert result["counts"]["articles_new"] == 3
    assert rows(settings.db, "SELECT count(*) FROM fetches") == [(0,)]


def test_seed_article_events_land_in_duckdb_and_rerun_is_stable(settings: Settings, seed_dir: Path, tmp_path: Path):
    s = settings.replace(files=(str(seed_dir / "lyman_article.html"),), events=True,
                         cache_dir=Path(__file__).parent.parent / ".cache")
    first = run(s)
    assert first["counts"]["events_new"] >= 8
    got = rows(s.db, "SELECT event_type, location_name, admin1, event_date, killed, injured, amount_usd, personnel "
                     "FROM events ORDER BY sentence_index")
    types = {r[0] for r in got}
    assert {"RETREAT", "ASSAULT", "REJECT", "MOBILIZE", "REQUEST"} <= types
    assert any(r[0] == "RETREAT" and r[1] == "Lyman" and r[2] == "Donetsk" for r in got)
    assert any(r[0] == "ASSAULT" and r[1] == "Kharkiv" and r[4] == 1 and r[5] == 2 for r in got)
    assert any(r[6] == 625_000_000 and str(r[3]) == "2022-10-04" for r in got)
    assert any(r[0] == "MOBILIZE" and r[7] == 200_000 for r in got)
    # events 0.3 columns: modality, the intended type of a pledge, the end of a date span,
    # what kind of place; the article's section and gate; asserted events in v_events only
    aid = rows(s.db, "SELECT event_type, modality, intended_type FROM events WHERE amount_usd = 625e6")
    assert ("AGREE", "future", "AID") in aid
    assert rows(s.db, "SELECT count(*) FROM events WHERE modality IS NULL OR geo_precision IS NULL "
                      "AND location_name IS NOT NULL") == [(0,)]
    assert rows(s.db, "SELECT count(*) FROM events WHERE date_end IS NOT NULL AND date_precision = 'week'")[0][0] >= 1
    assert rows(s.db, "SELECT events_gate FROM articles") == [(None,)]
    assert rows(s.db, "SELECT count(*) FROM v_events WHERE event_type = 'AGREE'") == [(0,)]
    assert rows(s.db, "SELECT count(*) FROM v_events_all WHERE modality = 'future'")[0][0] >= 1
    ids = rows(s.db, "SELECT event_id FROM events ORDER BY 1")
    # the same page under a new database: the same stable event ids
    again = run(s.replace(db=tmp_path / "again.duckdb"))
    assert again["counts"]["events_new"] == first["counts"]["events_new"]
    assert rows(tmp_path / "again.duckdb", "SELECT event_id FROM events ORDER BY 1") == ids
    # and re-running into the first database adds nothing
    assert run(s)["counts"]["events_new"] == 0


def test_seed_and_its_syndicated_copies_make_one_story_and_shared_clusters(settings: Settings, seed_dir: Path):
    s = settings.replace(files=(str(seed_dir),), events=True, cache_dir=Path(__file__).parent.parent / ".cache")
    result = run(s)
    assert result["counts"]["articles_new"] == 3 and result["counts"]["duplicates"] == 2
    (original,), = rows(s.db, "SELECT title FROM articles WHERE duplicate_of IS NULL")
    assert original.startswith("Russian troops leave dead behind")  # the earliest published wins
    big = rows(s.db, "SELECT event_type, location_name, num_articles, num_sources FROM event_clusters "
                     "WHERE num_articles = 3 ORDER BY event_type, location_name")
    assert ("ASSAULT", "Kharkiv", 3, 3) in big and ("RETREAT", "Lyman", 3, 3) in big
    assert any(t in ("AID", "AGREE") for t, *_ in big)
    assert rows(s.db, "SELECT count(*) FROM events WHERE cluster_id IS NULL") == [(0,)]
    # a re-run changes nothing, clusters included
    before = rows(s.db, "SELECT * FROM event_clusters ORDER BY cluster_id")
    run(s)
    assert rows(s.db, "SELECT * FROM event_clusters ORDER BY cluster_id") == before


@pytest.mark.parametrize("workers", [1, 2])
def test_a_missing_model_turns_the_events_stage_off_and_says_so(settings: Settings, seed_dir: Path, workers):
    """The README's promise: a run whose spaCy model is not installed still loads its
    articles, without events, and records why (``failures``: ``ModelNotInstalled``), whether
    the model is loaded here or in worker processes."""
    s = settings.replace(files=(str(seed_dir),), events=True, spacy_model="no_such_spacy_model",
                         workers=workers, cache_dir=Path(__file__).parent.parent / ".cache")
    result = run(s)
    assert rows(s.db, "SELECT status FROM runs") == [("completed",)]
    assert result["counts"]["articles_new"] == 3 and result["counts"]["events_new"] == 0
    (stage, error, message), = rows(s.db, "SELECT stage, error, error_message FROM failures")
    assert (stage, error) == ("events", "ModelNotInstalled")
    assert "no_such_spacy_model" in message and "pip install" in message
    assert result["errors"] == {"ModelNotInstalled": 1}
