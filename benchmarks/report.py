"""``eventwire report`` at scale: time to write the page, and its size, at 10k and 100k events.

    python benchmarks/report.py [--sizes 10000,100000] [--repeats 3] [--seed 16]

Builds a real DuckDB file per size (migrations applied by the loader) with N synthetic events
(event clusters, the rows of ``v_events_all``), each of two mentions (2N ``events`` rows), N/2 articles, and one run with 2,000
fetches, failures and gated articles, all inserted as Arrow tables (``INSERT … BY NAME``),
never row by row. Events are spread over 365 days, the 16 PLOVER types, 40 countries and
3,000 places (one in ten clusters unlocated, one in ten dated only to the week or month, one
in twenty a future pledge); casualties on a third of the ASSAULTs.

Then times ``write_report`` (read-only connection → HTML file, default options: asserted
events, 200 listed events, 5,000 map marks) ``--repeats`` times per size and prints the
median, the min and max, and the file size. The first call of a process also loads Altair and
the Vega bundle; that warm-up is timed separately. Target: under 5 s and 10 MB at 100k events.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pyarrow as pa  # noqa: E402

from ingest import load  # noqa: E402
from ingest.report import PLOVER_TYPES, ReportOptions, write_report  # noqa: E402

COUNTRIES = ["UKR", "RUS", "USA", "DEU", "FRA", "GBR", "POL", "TUR", "ISR", "PSE", "SYR", "IRQ", "IRN", "SAU", "YEM",
             "EGY", "LBY", "SDN", "ETH", "SOM", "KEN", "NGA", "MLI", "BFA", "COD", "ZAF", "IND", "PAK", "AFG", "CHN",
             "TWN", "KOR", "PRK", "JPN", "PHL", "MMR", "BRA", "COL", "VEN", "MEX"]


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def build(db: Path, n_events: int, seed: int) -> None:
    """A database with ``n_events`` clusters of two mentions each, loaded through Arrow."""
    rnd = random.Random(seed)
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    start = date(2023, 1, 1)
    places = [(f"Place {i}", rnd.choice(COUNTRIES), rnd.uniform(-50, 65), rnd.uniform(-120, 140)) for i in range(3000)]
    n_articles, n_clusters = max(n_events // 2, 1), n_events
    articles = {"article_id": [], "url": [], "canonical_url": [], "domain": [], "title": [], "published_at": [],
                "language": [], "text": [], "text_hash": [], "word_count": [], "first_seen_at": [], "run_id": [],
                "events_gate": []}
    for i in range(n_articles):
        domain = f"outlet{i % 300}.example"
        url = f"https://{domain}/story/{i}"
        articles["article_id"].append(_id(url))
        for k, v in (("url", url), ("canonical_url", url), ("domain", domain), ("title", f"Story {i}"),
                     ("published_at", now - timedelta(days=rnd.randrange(365))), ("language", "en"),
                     ("text", "synthetic"), ("text_hash", _id("t", i)), ("word_count", 400),
                     ("first_seen_at", now), ("run_id", "bench-run"),
                     ("events_gate", "section: sport" if i % 50 == 0 else None)):
            articles[k].append(v)
    clusters: dict[str, list] = {k: [] for k in (
        "cluster_id", "event_type", "actor_name", "actor_country", "location_name", "country", "latitude", "longitude",
        "event_date", "date_precision", "killed", "injured", "evidence", "confidence", "num_events", "num_mentions",
        "num_articles", "num_sources", "first_article_id", "first_source_url", "first_published_at", "modality",
        "updated_at")}
    events: dict[str, list] = {k: [] for k in (
        "event_id", "article_id", "event_type", "evidence", "cluster_id", "event_date", "date_precision",
        "location_name", "country", "latitude", "longitude", "killed", "confidence", "modality")}
    for c in range(n_clusters):
        t = rnd.choice(PLOVER_TYPES)
        name, country, lat, lon = rnd.choice(places)
        located = rnd.random() > 0.1
        precision = rnd.choices(["day", "unknown", "week", "month"], [70, 20, 5, 5])[0]
        day = start + timedelta(days=rnd.randrange(365))
        killed = rnd.randrange(1, 40) if t == "ASSAULT" and rnd.random() < 0.33 else None
        arts = [articles["article_id"][rnd.randrange(n_articles)] for _ in range(2)]
        cid = _id("c", c)
        sentence = f"Synthetic sentence {c}: {t.lower()} reported near {name}."
        modality = "future" if rnd.random() < 0.05 else "asserted"
        for k, v in (("cluster_id", cid), ("event_type", t), ("actor_name", f"Actor {c % 500}"),
                     ("actor_country", rnd.choice(COUNTRIES)), ("location_name", name if located else None),
                     ("country", country if located else None), ("latitude", lat if located else None),
                     ("longitude", lon if located else None), ("event_date", day), ("date_precision", precision),
                     ("killed", killed), ("injured", None), ("evidence", sentence), ("confidence", 0.8),
                     ("num_events", 2), ("num_mentions", 2 + rnd.choice([0, 0, 0, 1, 3, 8])),
                     ("num_articles", 2), ("num_sources", rnd.choice([1, 2, 2, 3])), ("first_article_id", arts[0]),
                     ("first_source_url", f"https://outlet.example/{c}"), ("first_published_at", now),
                     ("modality", modality), ("updated_at", now)):
            clusters[k].append(v)
        for j, aid in enumerate(arts):
            for k, v in (("event_id", _id("e", c, j)), ("article_id", aid), ("event_type", t),
                         ("evidence", sentence if j == 0 else sentence + " (again)"), ("cluster_id", cid),
                         ("event_date", day), ("date_precision", precision),
                         ("location_name", name if located else None), ("country", country if located else None),
                         ("latitude", lat if located else None), ("longitude", lon if located else None),
                         ("killed", killed), ("confidence", 0.8), ("modality", modality)):
                events[k].append(v)
    fetches = {"run_id": [], "url": [], "status_code": [], "error": [], "attempt": [], "fetched_at": []}
    for i in range(2000):
        bad = i % 20 == 0
        for k, v in (("run_id", "bench-run"), ("url", f"https://outlet{i % 300}.example/story/{i}"),
                     ("status_code", None if bad else 200), ("error", "FetchTimeout" if bad else None),
                     ("attempt", 1), ("fetched_at", now)):
            fetches[k].append(v)
    with load.writer(db) as con:
        for table, cols in (("articles", articles), ("event_clusters", clusters), ("events", events),
                            ("fetches", fetches)):
            batch = pa.table(cols)  # noqa: F841 (read by name in the SQL below)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
        con.execute("INSERT INTO runs (run_id, flow, started_at, finished_at, status, fetched, fetch_errors) "
                    "VALUES ('bench-run', 'ingest', ?, ?, 'completed', 1900, 100)", [now, now])
        con.execute("INSERT INTO failures SELECT 'bench-run', 'extract', url, 'ExtractionFailed', 'empty page', ? "
                    "FROM articles LIMIT 40", [now])
        con.execute("CHECKPOINT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--keep", type=Path, default=None, help="Copy the pages written into this folder.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        from ingest.report import _vega_bundle, chart_specs

        _vega_bundle(), chart_specs()
        print(f"warm-up (import Altair, load the Vega bundle once per process): {time.perf_counter() - t0:.2f} s")
        print(f"{'events':>8} {'mentions':>9} {'build s':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'MB':>6} "
              f"{'map marks':>10} {'timeline rows':>14}")
        for n in (int(x) for x in args.sizes.split(",")):
            db = Path(tmp) / f"bench-{n}.duckdb"
            t0 = time.perf_counter()
            build(db, n, args.seed)
            built = time.perf_counter() - t0
            times = []
            out = Path(tmp) / f"report-{n}.html"
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                write_report(db, out, ReportOptions())
                times.append(time.perf_counter() - t0)
            page = out.read_text()
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / out.name).write_text(page)
            marks = _count_marks(page)
            print(f"{n:>8,} {2 * n:>9,} {built:>8.1f} {statistics.median(times):>9.2f} {min(times):>7.2f} "
                  f"{max(times):>7.2f} {out.stat().st_size / 1e6:>6.2f} {marks:>10,} {_count_days(page):>14,}")


def _count_marks(page: str) -> int:
    import json
    import re

    m = re.search(r"const REPORT_DATA = (.*?);\nconst BASEMAP", page, re.S)
    return len(json.loads(m.group(1).replace("<\\/", "</"))["marks"]["id"]) if m else 0


def _count_days(page: str) -> int:
    import json
    import re

    m = re.search(r"const REPORT_DATA = (.*?);\nconst BASEMAP", page, re.S)
    return len(json.loads(m.group(1).replace("<\\/", "</"))["timeline"]["d"]) if m else 0


if __name__ == "__main__":
    main()
