"""Page metadata (issue #14): the headline the page shows, the real publication time, people
as authors, and the page's own canonical link. Each fault kind has a small page of its own,
written for these tests (no corpus page is copied)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from ingest.extract import extract_article, parse_html
from ingest.pagemeta import (
    DateCandidate, clean_title, person_name, read_page, resolve_dates, strict_datetime,
)

STORY = "".join(
    f"<p>Paragraph {i} of the report says that the council met on the issue and agreed a plan "
    f"for the harbour district, officials said on the record.</p>" for i in range(8))


def page(head: str = "", body: str = "", ld: dict | list | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld is not None else ""
    return (f"<html lang='en'><head>{head}{script}</head><body>"
            f"<article>{body}{STORY}</article></body></html>")


def art(html: str, url: str = "https://news.example/world/story") -> object:
    return extract_article(html, url)


# ------------------------------------------------------------------ titles

def test_visible_headline_beats_the_social_title():
    html = page('<meta property="og:title" content="Harbour plan agreed">'
                "<title>Council agrees harbour plan after long night of talks | Example News</title>",
                "<h1>Council agrees harbour plan after long night of talks</h1>")
    assert art(html).title == "Council agrees harbour plan after long night of talks"


def test_jsonld_headline_when_the_h1_is_not_a_headline():
    html = page('<meta property="og:title" content="Social text">',
                "<h1>Example News</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2024-05-02T10:00:00+02:00"})
    assert art(html).title == "Council agrees harbour plan"


@pytest.mark.parametrize("raw, want", [
    ("Council agrees harbour plan | Example News | by Jane Doe", "Council agrees harbour plan"),
    ("Council agrees harbour plan - World | Example News", "Council agrees harbour plan"),
    ("Example News - Council agrees harbour plan", "Council agrees harbour plan"),
    ("Council agrees harbour plan * Example News * by Jane Doe", "Council agrees harbour plan"),
    # a dash inside the headline stays; only the site's name is cut
    ("Storm hits coast - then the power fails - Example News", "Storm hits coast - then the power fails"),
    ("Russia-Ukraine war: raid hits depot - live updates", "Russia-Ukraine war: raid hits depot - live updates"),
])
def test_site_names_and_bylines_cut_by_rule(raw, want):
    assert clean_title(raw, ["Example News", "news.example"]) == want


def test_site_name_cut_from_the_title_when_there_is_no_h1():
    html = page("<title>Council agrees harbour plan - The Example Times</title>"
                '<meta property="og:site_name" content="The Example Times">')
    assert art(html, "https://exampletimes.example/a").title == "Council agrees harbour plan"


# ------------------------------------------------------------------ publication time

def test_jsonld_date_beats_a_disagreeing_meta_tag_when_the_page_shows_it():
    html = page('<meta property="article:published_time" content="2024-01-28T02:39:19+00:00">'
                '<meta property="article:modified_time" content="2024-01-28T11:54:34+00:00">',
                '<h1>Council agrees harbour plan</h1><time datetime="2024-01-28T11:30:00+00:00">'
                "January 28, 2024 11:30 am</time> <span>(Updated <time datetime='2024-01-28T11:54:34+00:00'>"
                "11:54 am</time>)</span>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2024-01-28T11:30:00+00:00", "dateModified": "2024-01-28T11:54:34+00:00"})
    a = art(html)
    assert a.published_at == datetime(2024, 1, 28, 11, 30, tzinfo=timezone.utc)
    assert a.modified_at == datetime(2024, 1, 28, 11, 54, 34, tzinfo=timezone.utc)


def test_live_blog_published_meta_equal_to_its_last_change_is_not_the_publication():
    html = page('<meta property="article:published_time" content="2024-08-05T19:49:50Z">'
                '<meta property="article:modified_time" content="2024-08-05T19:49:50Z">',
                "<h1>Storm live: rivers rise across the region</h1>",
                {"@type": "LiveBlogPosting", "headline": "Storm live: rivers rise across the region",
                 "datePublished": "2024-08-04T13:23:00Z", "dateModified": "2024-08-05T19:49:50Z"})
    a = art(html)
    assert a.published_at == datetime(2024, 8, 4, 13, 23, tzinfo=timezone.utc)
    assert a.modified_at == datetime(2024, 8, 5, 19, 49, 50, tzinfo=timezone.utc)


def test_local_time_without_offset_takes_the_offset_given_elsewhere():
    html = page('<meta property="article:published_time" content="2024-11-22 16:55:35">',
                "<h1>Council agrees harbour plan</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2024-11-22T16:55:35+08:00"})
    assert art(html).published_at == datetime(2024, 11, 22, 8, 55, 35, tzinfo=timezone.utc)


def test_local_time_labelled_utc_takes_the_real_offset():
    # the same wall-clock time written as +0000 in one tag and +01:00 in another: the CMS wrote
    # local time as if it were UTC; the page shows "11:21am"
    html = page('<meta property="article:published_time" content="2024-07-17T11:21:03+0000">',
                "<h1>Council agrees harbour plan</h1><p>Published Jul 17, 2024, 11:21am</p>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2024-07-17T11:21:03+01:00"})
    assert art(html).published_at == datetime(2024, 7, 17, 10, 21, 3, tzinfo=timezone.utc)


def test_date_only_tag_does_not_beat_a_full_jsonld_timestamp():
    html = page('<meta name="dc.date" content="2023-04-26">', "<h1>Council agrees harbour plan</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2023-04-26T14:20:55-04:00"})
    assert art(html).published_at == datetime(2023, 4, 26, 18, 20, 55, tzinfo=timezone.utc)


def test_visible_published_date_beats_a_machine_readable_modification_date():
    html = page('<meta property="article:modified_time" content="2024-03-14T09:30:00+00:00">',
                "<h1>Council agrees harbour plan</h1><p class='byline'>Published 6 March 2024 · "
                "Last updated 14 March 2024</p>")
    a = art(html)
    assert a.published_at is not None and a.published_at.date().isoformat() == "2024-03-06"
    assert a.modified_at == datetime(2024, 3, 14, 9, 30, tzinfo=timezone.utc)
    assert "Published 6 March" not in a.text  # the byline's date line is not story text


def test_modification_alone_is_not_a_publication_date():
    html = page('<meta property="article:modified_time" content="2024-03-14T09:30:00+00:00">',
                "<h1>Council agrees harbour plan</h1>")
    a = art(html, "https://news.example/story")
    assert a.published_at is None or a.published_at.date().isoformat() != "2024-03-14"


@pytest.mark.parametrize("raw, ok", [
    ("2024-03-29T15:07:41+01:00", True), ("Fri, 29 Mar 2024 15:07:41 +0100", True),
    ("2024/3/29 15:07:41", True), ("29 March 2024", True),
    ("March 29", False),          # no year: it would be guessed
    ("15:07", False),             # no date at all
    ("06/01/2026", False),        # 6 January or 1 June?
    ("not a date", False),
])
def test_strict_datetime_refuses_guesses(raw, ok):
    dt, _ = strict_datetime(raw)
    assert (dt is not None) is ok
    if ok:
        assert (dt.year, dt.month, dt.day) == (2024, 3, 29)


def test_resolve_dates_prefers_the_publication_and_keeps_the_modification_apart():
    tz = timezone(timedelta(hours=2))
    cands = [DateCandidate("meta", "modified", datetime(2024, 5, 3, 9, 0, tzinfo=tz), True),
             DateCandidate("jsonld", "published", datetime(2024, 5, 2, 10, 0, tzinfo=tz), True),
             DateCandidate("jsonld", "modified", datetime(2024, 5, 3, 9, 0, tzinfo=tz), True)]
    pub, mod, how = resolve_dates(cands)
    assert pub == datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc) and how == "jsonld"
    assert mod == datetime(2024, 5, 3, 7, 0, tzinfo=timezone.utc)


# ------------------------------------------------------------------ authors

def test_people_not_the_sites_account():
    html = page('<meta name="author" content="Example Times">'
                '<meta property="og:site_name" content="Example Times">',
                "<h1>Council agrees harbour plan</h1><p><strong>Thandi Molefe/Peter Ncube</strong></p>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "author": {"@type": "Person", "name": "Example Times"}})
    assert art(html, "https://exampletimes.example/a").author == "Thandi Molefe; Peter Ncube"


def test_surname_given_names_are_kept_whole():
    html = page('<meta name="dc.creator" content="Okafor, Chidi"><meta name="dc.creator" content="Lind, Anna Maria">',
                "<h1>Council agrees harbour plan</h1>")
    assert art(html).author == "Chidi Okafor; Anna Maria Lind"
    assert person_name("Okafor, Chidi") == "Chidi Okafor"
    assert person_name("Chidi Okafor") == "Chidi Okafor"


def test_jsonld_people_list():
    html = page("", "<h1>Council agrees harbour plan</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "author": [{"@type": "Person", "name": "Ana Silva"}, {"@type": "Person", "name": "Li Wei"}]})
    assert art(html).author == "Ana Silva; Li Wei"


def test_the_organisation_when_no_person_is_named():
    html = page("", "<h1>Council agrees harbour plan</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "author": {"@type": "Organization", "name": "Wire Service"}})
    assert art(html).author == "Wire Service"


# ------------------------------------------------------------------ canonical link

def test_saved_page_takes_its_own_canonical_link(tmp_path):
    html = page('<link rel="canonical" href="https://news.example/world/harbour-plan">',
                "<h1>Council agrees harbour plan</h1>")
    a = art(html, (tmp_path / "saved.html").as_uri())
    assert a.canonical_url == "https://news.example/world/harbour-plan"
    b = art(html, "https://mirror.example/copy")  # fetched from another site: a copy, not the original
    assert b.canonical_url == "https://mirror.example/copy"


def test_read_page_is_read_only():
    html = page('<meta property="og:title" content="x">', "<h1>Council agrees harbour plan</h1>")
    tree = parse_html(html)
    before = len(list(tree.iter()))
    read_page(tree, "https://news.example/a")
    assert len(list(tree.iter())) == before


def test_modified_at_is_stored(db):
    from ingest import load
    from tests.helpers import rows

    html = page("", "<h1>Council agrees harbour plan</h1>",
                {"@type": "NewsArticle", "headline": "Council agrees harbour plan",
                 "datePublished": "2024-05-02T10:00:00+02:00", "dateModified": "2024-05-03T09:15:00+02:00"})
    a = art(html)
    with load.writer(db) as con:
        load.load_batch(con, "r1", articles=[a])
    assert rows(db, "SELECT published_at, modified_at FROM articles") == [
        (datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc), datetime(2024, 5, 3, 7, 15, tzinfo=timezone.utc))]
