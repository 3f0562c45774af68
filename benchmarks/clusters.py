"""Event clusters: the seed and its copies, and grouping UCDP reports of one event.

    python benchmarks/clusters.py [--no-ucdp] [--limit N]

(a) **Seed.** The seed article and its two syndicated copies (``tests/data/seed``) are
extracted, coded and loaded into a real DuckDB file, then clustered by
``ingest.cluster.update_clusters``, twice: with the copies marked ``duplicate_of`` the
original (what dedup does in the flow: copies are not coded, they add mentions and
sources), and with all three coded independently (copies dedup missed). Target: the
Kharkiv strike, the Lyman withdrawal and the aid package each one cluster with 3 articles
from 3 sources.

(b) **UCDP same-event headlines** (``corpus/dedup/ucdp-same-event-headlines``, dev). Each
group lists the reports UCDP cited for one event. Every distinct report (outlet, date,
headline) becomes an article whose text is its headline, published on the report's date, on
a domain named after the outlet; reports are coded by the event coder and loaded one day
at a time (each day a batch, as runs would), clustering after each batch. Two reports are
predicted together when one of their events shares a cluster; they belong together when
some UCDP group holds both. Pairwise precision and recall over all pairs of reports,
with two reference points computed on the same pairs: "same day" (every report of one
date together) and "same day and same place named" (reports of one date whose coded
events name the same GeoNames place). Headlines alone are thin: no place in most, no
date but the report's, a toll and a vague actor at best.

Data is read in place from ``$EVENTWIRE_SHARED`` (default: ``../shared`` beside the repo).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
UCDP = SHARED / "corpus" / "dedup" / "ucdp-same-event-headlines" / "ucdp_ukraine_same_event_headline_clusters.jsonl"
SEED = REPO / "tests" / "data" / "seed"
SEED_PAGES = {
    "lyman_article.html": "https://wire.example/world/lyman-retreat",
    "lyman_article.syndicated_a.html": "https://courier.example/news/2022/10/05/russia-lyman",
    "lyman_article.syndicated_b.html": "https://esp.example/international/ukraine-lyman-annexation",
}


def coder():
    from ingest.events import EventExtractor

    return EventExtractor(cache_dir=REPO / ".cache")


# ---------------------------------------------------------------- (a) the seed

def seed(ex) -> list[str]:
    from ingest import load
    from ingest.cluster import update_clusters
    from ingest.events_stage import code_articles
    from ingest.extract import extract_article

    lines = []
    base = [extract_article((SEED / f).read_bytes(), url) for f, url in SEED_PAGES.items()]
    for variant in ("copies marked duplicate_of", "all three coded"):
        arts = list(base)
        if variant.startswith("copies"):
            arts = [arts[0]] + [dataclasses.replace(a, duplicate_of=arts[0].article_id) for a in arts[1:]]
        events, _ = code_articles(ex, arts)
        with tempfile.TemporaryDirectory() as tmp:
            with load.writer(Path(tmp) / "seed.duckdb") as con:
                load.load_batch(con, "seed", articles=arts, events=events)
                t = time.perf_counter()
                out = update_clusters(con, [a.article_id for a in arts])
                ms = (time.perf_counter() - t) * 1000
                names = con.execute(
                    "SELECT CASE WHEN e.amount_usd = 625e6 THEN 'aid package' WHEN e.event_type = 'RETREAT'"
                    " THEN 'Lyman withdrawal' ELSE 'Kharkiv strike' END AS k, count(DISTINCT cluster_id),"
                    " max(c.num_articles), max(c.num_sources), max(c.num_mentions) FROM events e"
                    " JOIN event_clusters c USING (cluster_id) WHERE"
                    " (e.event_type = 'ASSAULT' AND e.location_name = 'Kharkiv') OR"
                    " (e.event_type = 'RETREAT' AND e.location_name = 'Lyman') OR e.amount_usd = 625e6"
                    " GROUP BY k ORDER BY k").fetchall()
                total = con.execute("SELECT count(*), sum(num_events) FROM event_clusters").fetchall()[0]
        lines.append(f"seed, {variant}: {len(events)} mentions coded → {total[0]} clusters "
                     f"({out['mentions']} clustered in {ms:.0f} ms)")
        for k, n, arts_, srcs, mentions in names:
            ok = "ok" if (n, arts_, srcs) == (1, 3, 3) else "MISSED"
            lines.append(f"  {k:17} clusters={n} articles={arts_} sources={srcs} mentions={mentions}  {ok}")
    return lines


# ---------------------------------------------------------------- (b) UCDP headline groups

def _slug(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") + ".example"


def ucdp(ex, limit: int | None = None) -> list[str]:
    from ingest import load
    from ingest.cluster import update_clusters
    from ingest.dedup import text_hash
    from ingest.events_stage import event_id
    from schemas.models import Article

    groups = [json.loads(line) for line in UCDP.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        groups = groups[:limit]
    reports: dict[tuple, int] = {}
    gold_groups: list[set[int]] = []
    for g in groups:
        members = set()
        for r in g["reports"]:
            key = (r["outlet"], r["date"], r["headline"].strip())
            members.add(reports.setdefault(key, len(reports)))
        gold_groups.append(members)
    keys = sorted(reports, key=reports.get)
    gold = {p for m in gold_groups for p in combinations(sorted(m), 2)}

    t = time.perf_counter()
    pubs = [datetime.fromisoformat(k[1]).replace(hour=12, tzinfo=timezone.utc) for k in keys]
    coded = ex.extract_many([(k[2], pub, None) for k, pub in zip(keys, pubs)])
    t_code = time.perf_counter() - t

    articles, events = [], []
    for i, (k, pub, evs) in enumerate(zip(keys, pubs, coded)):
        url = f"https://{_slug(k[0])}/{i}"
        aid = hashlib.sha1(url.encode()).hexdigest()[:16]
        articles.append(Article(article_id=aid, url=url, canonical_url=url, domain=_slug(k[0]), title=k[2],
                                author=None, published_at=pub, language="en", text=k[2] or "-",
                                text_hash=text_hash(k[2] or "-"), word_count=len(k[2].split())))
        events.append([dataclasses.replace(e, article_id=aid, event_id=event_id(aid, e)) for e in evs])
    by_day: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_day[k[1]].append(i)

    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ucdp.duckdb"
        with load.writer(db) as con:
            for day in sorted(by_day):
                idx = by_day[day]
                load.load_batch(con, day, articles=[articles[i] for i in idx],
                                events=[e for i in idx for e in events[i]])
                update_clusters(con, [articles[i].article_id for i in idx])
            t_cluster = time.perf_counter() - t
            rerun = update_clusters(con)
            rows = con.execute("SELECT article_id, cluster_id, geonames_id FROM events").fetchall()
            n_clusters = con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0]
    index = {a.article_id: i for i, a in enumerate(articles)}
    by_cluster: dict[str, set[int]] = defaultdict(set)
    places: dict[int, set[int]] = defaultdict(set)
    for aid, cid, gid in rows:
        by_cluster[cid].add(index[aid])
        if gid is not None:
            places[index[aid]].add(gid)
    predicted = {p for m in by_cluster.values() for p in combinations(sorted(m), 2)}
    same_day = {p for idx in by_day.values() for p in combinations(sorted(idx), 2)}
    same_day_place = {(a, b) for a, b in same_day if places[a] & places[b]}

    def prf(pred: set) -> str:
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 0.0
        r = tp / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp} of {len(pred)} predicted pairs right)"

    with_events = sum(1 for e in events if e)
    with_place = sum(1 for i in range(len(keys)) if places[i])
    whole = sum(1 for m in gold_groups if len(m) > 1 and any(m <= c for c in by_cluster.values()))
    n_gold = sum(1 for m in gold_groups if len(m) > 1)
    in_gold_pairs = {i for p in gold for i in p}
    recall_events = {p for p in gold if events[p[0]] and events[p[1]]}
    tp_e = len(predicted & recall_events)
    return [
        f"UCDP same-event headlines: {len(groups)} groups, {len(keys)} distinct reports, {len(gold)} gold pairs "
        f"(over {len(in_gold_pairs)} reports)",
        f"  reports with ≥ 1 coded event: {with_events} ({with_events / len(keys):.1%}); "
        f"naming a place: {with_place} ({with_place / len(keys):.1%})",
        f"  clusters: {n_clusters}; coding {t_code:.1f} s, loading + clustering {len(by_day)} daily batches "
        f"{t_cluster:.1f} s; full refresh afterwards rewrote {rerun['written']} clusters",
        f"  eventwire clusters             {prf(predicted)}",
        f"  reference: same day            {prf(same_day)}",
        f"  reference: same day + place    {prf(same_day_place)}",
        f"  recall on gold pairs where both headlines yielded an event: "
        f"{tp_e / len(recall_events) if recall_events else 0:.3f} ({tp_e}/{len(recall_events)})",
        f"  UCDP groups (≥ 2 reports) wholly inside one cluster: {whole}/{n_gold} ({whole / n_gold:.1%})",
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-ucdp", action="store_true", help="only the seed")
    ap.add_argument("--limit", type=int, default=None, help="only the first N UCDP groups")
    args = ap.parse_args()
    t = time.perf_counter()
    ex = coder()
    print(f"coder loaded in {time.perf_counter() - t:.1f} s")
    for line in seed(ex):
        print(line)
    if not args.no_ucdp:
        if not UCDP.exists():
            print(f"UCDP file not found: {UCDP} (set EVENTWIRE_SHARED)")
            return 1
        for line in ucdp(ex, args.limit):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
