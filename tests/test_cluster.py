"""Event clusters: mentions of one real-world event grouped across sentences, articles, runs.

Real DuckDB files in ``tmp_path``; events are built by hand (what the coder would emit),
except for the seed test, which runs extraction and the event coder on the seed pages.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from ingest import load
from ingest.cluster import update_clusters
from tests.helpers import (  # noqa: F401  (event builders shared with test_report)
    CHUHUIV, KHARKIV, KHARKIV_REGION, ODESA, RUSSIANS, article, clusters, event, load_and_cluster,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "data" / "seed"

def cluster_of(db: Path) -> dict[str, str]:
    with load.reader(db) as con:
        return dict(con.execute("SELECT event_id, cluster_id FROM events").fetchall())


# ---------------------------------------------------------------- merging

def test_merges_within_an_article(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("strike", "wire.example", "2022-10-05T06:00:00")
    evs = [event(a, 1, "2022-10-04", **KHARKIV, **RUSSIANS, mode="heavy-weapons"),
           event(a, 2, **KHARKIV, killed=1, injured=2)]
    out = load_and_cluster(db, [a], evs)
    assert out["mentions"] == 2 and out["new_clusters"] == 1
    [c] = clusters(db)
    assert (c["num_events"], c["num_mentions"], c["num_articles"], c["num_sources"]) == (2, 2, 1, 1)
    assert (c["event_date"], c["date_precision"]) == (date(2022, 10, 4), "day")  # the dated mention wins
    assert (c["killed"], c["injured"], c["actor_country"], c["mode"]) == (1, 2, "RUS", "heavy-weapons")
    assert set(cluster_of(db).values()) == {c["cluster_id"]}


def test_merges_across_articles_and_keeps_the_casualty_range(tmp_path):
    db = tmp_path / "t.duckdb"
    arts = [article("a", "wire.example", "2022-10-05T06:00:00"),
            article("b", "courier.example", "2022-10-05T09:00:00"),
            article("c", "esp.example", "2022-10-06T07:00:00")]
    evs = [event(arts[0], 1, "2022-10-05", killed=3, **KHARKIV, **RUSSIANS),
           event(arts[1], 4, "2022-10-05", killed=5, **KHARKIV_REGION),  # the region Kharkiv lies in
           event(arts[2], 2, "2022-10-05", killed=5, **KHARKIV, actor_name="Russia", actor_country="RUS")]
    load_and_cluster(db, arts, evs)
    [c] = clusters(db)
    assert (c["num_articles"], c["num_sources"], c["num_mentions"]) == (3, 3, 3)
    assert (c["killed"], c["killed_min"], c["killed_max"]) == (5, 3, 5)  # most-cited figure, range kept
    assert c["geonames_id"] == 706483  # the most specific place named
    assert c["first_source_url"] == arts[0].url and c["first_published_at"] == arts[0].published_at


def test_joins_across_runs_with_a_stable_id_and_a_rerun_changes_nothing(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("a", "wire.example", "2022-10-05T06:00:00")
    load_and_cluster(db, [a], [event(a, 1, "2022-10-04", **KHARKIV, **RUSSIANS)], run="r1")
    [first] = clusters(db)
    b = article("b", "courier.example", "2022-10-06T06:00:00")  # next day: "Tuesday's strike"
    out = load_and_cluster(db, [b], [event(b, 3, "2022-10-04", **KHARKIV, killed=2)], run="r2")
    assert out["joined_existing"] == 1 and out["new_clusters"] == 0
    [second] = clusters(db)
    assert second["cluster_id"] == first["cluster_id"]
    assert (second["num_articles"], second["num_sources"], second["killed"]) == (2, 2, 2)
    assert second["first_seen_at"] <= second["last_seen_at"]
    ids = cluster_of(db)
    out = load_and_cluster(db, [a, b], [], run="r3")  # the same input again
    assert out == {"mentions": 0, "new_clusters": 0, "joined_existing": 0, "written": 0, "deleted": 0}
    with load.writer(db) as con:  # a full refresh finds nothing to change either
        assert update_clusters(con)["written"] == 0
    assert clusters(db) == [second] and cluster_of(db) == ids


# ---------------------------------------------------------------- not merging

def test_two_strikes_in_different_cities_on_the_same_day_stay_apart(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("a", "wire.example", "2022-10-10T12:00:00")
    b = article("b", "courier.example", "2022-10-10T13:00:00")
    evs = [event(a, 1, "2022-10-10", **KHARKIV, **RUSSIANS, mode="aerial"),
           event(b, 1, "2022-10-10", **ODESA, **RUSSIANS, mode="aerial"),
           event(b, 2, "2022-10-10", **CHUHUIV, **RUSSIANS, mode="aerial")]
    load_and_cluster(db, [a, b], evs)
    assert len(clusters(db)) == 3 and len(set(cluster_of(db).values())) == 3


def test_the_same_city_a_week_apart_stays_apart(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("a", "wire.example", "2022-10-03T12:00:00")
    load_and_cluster(db, [a], [event(a, 1, "2022-10-03", **KHARKIV, **RUSSIANS)], run="r1")
    b = article("b", "wire.example", "2022-10-10T12:00:00")
    c = article("c", "esp.example", "2022-10-10T15:00:00")  # dated by publication only
    load_and_cluster(db, [b, c], [event(b, 1, "2022-10-10", **KHARKIV, **RUSSIANS),
                                  event(c, 1, None, **KHARKIV, **RUSSIANS)], run="r2")
    cs = clusters(db)
    assert sorted((x["event_date"], x["num_articles"]) for x in cs) == [(date(2022, 10, 3), 1),
                                                                          (date(2022, 10, 10), 2)]
    # and within one batch, where no date filter narrows the candidates first
    d = article("d", "wire.example", "2022-10-20T12:00:00")
    load_and_cluster(db, [d], [event(d, 1, "2022-10-20", **KHARKIV), event(d, 2, "2022-10-13", **KHARKIV),
                               event(d, 3, "2022-10-12", **KHARKIV)], run="r3")
    assert len(clusters(db)) == 4  # the 12th and 13th are one strike (±1 day), the 20th another


def test_different_attackers_types_or_amounts_stay_apart(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("a", "wire.example", "2022-10-10T12:00:00")
    usa = dict(location_name="United States", country="USA", geonames_id=6252001, actor_name="US government",
               actor_country="USA", actor_sector="GOV", target_country="UKR")
    evs = [event(a, 1, "2022-10-10", **KHARKIV, **RUSSIANS),
           event(a, 2, "2022-10-10", **KHARKIV, actor_name="Ukrainian forces", actor_country="UKR"),
           event(a, 3, "2022-10-10", **KHARKIV, type_="PROTEST"),
           event(a, 4, "2022-10-10", type_="AID", amount_usd=625e6, **usa),
           event(a, 5, "2022-10-10", type_="AGREE", amount_usd=625e6, **usa),  # the same package: merges
           event(a, 6, "2022-10-10", type_="AID", amount_usd=2e9, **usa)]
    load_and_cluster(db, [a], evs)
    got = cluster_of(db)
    assert len(set(got.values())) == 5
    assert got[evs[3].event_id] == got[evs[4].event_id]


# ---------------------------------------------------------------- syndicated copies

def test_syndicated_copies_add_mentions_articles_and_sources(tmp_path):
    db = tmp_path / "t.duckdb"
    orig = article("orig", "wire.example", "2022-10-05T06:00:00")
    copy1 = article("copy1", "courier.example", "2022-10-05T09:00:00", duplicate_of=orig.article_id)
    evs = [event(orig, 1, "2022-10-04", **KHARKIV, **RUSSIANS), event(orig, 2, **KHARKIV, killed=1)]
    load_and_cluster(db, [orig, copy1], evs, run="r1")
    [c] = clusters(db)
    assert (c["num_events"], c["num_mentions"], c["num_articles"], c["num_sources"]) == (2, 4, 2, 2)
    # a copy seen in a later run, on a domain already counted and on a new one
    copy2 = article("copy2", "courier.example", "2022-10-06T09:00:00", duplicate_of=orig.article_id)
    copy3 = article("copy3", "esp.example", "2022-10-06T10:00:00", duplicate_of=orig.article_id)
    out = load_and_cluster(db, [copy2, copy3], [], run="r2")
    assert out["mentions"] == 0 and out["written"] == 1
    [c2] = clusters(db)
    assert c2["cluster_id"] == c["cluster_id"]
    assert (c2["num_events"], c2["num_mentions"], c2["num_articles"], c2["num_sources"]) == (2, 8, 4, 3)
    assert c2["first_source_url"] == orig.url and c2["last_seen_at"] > c["last_seen_at"]


def test_reprocessed_events_keep_their_cluster(tmp_path):
    db = tmp_path / "t.duckdb"
    a = article("a", "wire.example", "2022-10-05T06:00:00")
    evs = [event(a, 1, "2022-10-04", **KHARKIV, **RUSSIANS), event(a, 2, **KHARKIV, killed=1)]
    load_and_cluster(db, [a], evs)
    [before] = clusters(db)
    with load.writer(db) as con:  # what `eventwire reprocess` does: replace an article's events
        load.replace_articles(con, "r2", [a], [evs[0], dataclasses.replace(evs[1], killed=2)], "x")
        update_clusters(con, [a.article_id])
    [after] = clusters(db)
    assert after["cluster_id"] == before["cluster_id"] and after["killed"] == 2
    with load.writer(db) as con:
        load.replace_articles(con, "r3", [a], [], "x")  # no events left: the cluster goes,
        assert update_clusters(con, [a.article_id])["deleted"] == 0  # but only once recounted
        assert update_clusters(con, [a.article_id], recount=True)["deleted"] == 1
    assert clusters(db) == []


# ---------------------------------------------------------------- the seed and its copies

SEED_PAGES = {
    "lyman_article.html": "https://wire.example/world/lyman-retreat",
    "lyman_article.syndicated_a.html": "https://courier.example/news/2022/10/05/russia-lyman",
    "lyman_article.syndicated_b.html": "https://esp.example/international/ukraine-lyman-annexation",
}


@pytest.fixture(scope="module")
def coder():
    from ingest.events import EventExtractor

    return EventExtractor(cache_dir=ROOT / ".cache")


@pytest.fixture(scope="module")
def seed_articles():
    from ingest.extract import extract_article

    return [extract_article((SEED / f).read_bytes(), url) for f, url in SEED_PAGES.items()]


def _seed_clusters(db: Path) -> dict[str, list[dict]]:
    with load.reader(db) as con:
        rows = con.execute(
            "SELECT e.event_type, e.location_name, e.amount_usd, c.cluster_id, c.num_articles, c.num_sources,"
            " c.num_mentions, c.killed, c.injured FROM events e JOIN event_clusters c USING (cluster_id)").fetchall()
    names = ["event_type", "location_name", "amount_usd", "cluster_id", "num_articles", "num_sources",
             "num_mentions", "killed", "injured"]
    rows = [dict(zip(names, r)) for r in rows]
    return {
        "kharkiv strike": [r for r in rows if r["event_type"] == "ASSAULT" and r["location_name"] == "Kharkiv"],
        "lyman withdrawal": [r for r in rows if r["event_type"] == "RETREAT" and r["location_name"] == "Lyman"],
        "aid package": [r for r in rows if r["amount_usd"] == 625_000_000],
    }


@pytest.mark.parametrize("copies", [True, False], ids=["copies-marked", "all-coded"])
def test_seed_events_are_one_cluster_each_with_three_articles_from_three_sources(tmp_path, coder, seed_articles,
                                                                                copies):
    """Marked copies add to the original's clusters; coded independently, the mentions still meet."""
    from ingest.events_stage import code_articles

    arts = list(seed_articles)
    if copies:
        arts = [arts[0]] + [dataclasses.replace(a, duplicate_of=arts[0].article_id) for a in arts[1:]]
    events, _ = code_articles(coder, arts)
    db = tmp_path / "seed.duckdb"
    load_and_cluster(db, arts, events)
    for name, rows in _seed_clusters(db).items():
        assert rows, name
        assert len({r["cluster_id"] for r in rows}) == 1, name
        assert (rows[0]["num_articles"], rows[0]["num_sources"]) == (3, 3), name
    strike = _seed_clusters(db)["kharkiv strike"][0]
    assert (strike["killed"], strike["injured"]) == (1, 2)
    with load.reader(db) as con:
        assert con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchall() == [(0,)]
        top = con.execute("SELECT count(*) FROM v_events WHERE num_sources >= 3").fetchall()[0][0]
        days = con.execute("SELECT sum(events) FROM v_daily_counts WHERE country = 'UKR'").fetchall()[0][0]
    assert top >= 3 and days >= 2
