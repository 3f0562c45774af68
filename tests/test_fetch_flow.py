"""Conditional GET through the real flow: the second run's feed answers 304 and nothing more is asked."""

import asyncio

import pytest

from flows.ingest_flow import ingest
from ingest.config import Settings
from tests.helpers import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_second_run_is_one_304_per_source(sample_site: str, settings: Settings):
    s = settings.replace(feeds=(f"{sample_site}/feed.xml",), sitemaps=(f"{sample_site}/robots.txt",))
    first = asyncio.run(ingest(settings=s.to_dict()))
    assert first["counts"]["articles_new"] == 33
    (kind, lm, status, items, run), = rows(
        s.db, "SELECT kind, last_modified, last_status, items, run_id FROM sources WHERE url LIKE '%/feed.xml'")
    assert (kind, status, items, run) == ("feed", 200, 33, first["run_id"]) and lm  # the server's Last-Modified

    second = asyncio.run(ingest(settings=s.to_dict()))
    assert second["counts"]["candidates"] == 0 and second["counts"]["fetched"] == 0
    requests = rows(s.db, f"SELECT url, status_code FROM fetches WHERE run_id = '{second['run_id']}' ORDER BY url")
    assert requests == [(f"{sample_site}/feed.xml", 304), (f"{sample_site}/robots.txt", 200)]
    assert rows(s.db, "SELECT last_status, items, checked_at > changed_at FROM sources WHERE url LIKE '%/feed.xml'") \
        == [(304, 33, True)]
    assert rows(s.db, "SELECT kind, last_status, items FROM sources WHERE url LIKE '%/robots.txt'") \
        == [("robots", None, 0)]  # the sample site's robots.txt has no Sitemap: lines
