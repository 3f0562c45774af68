"""How long does a run hold the DuckDB write lock, and how long does a concurrent query wait?

A 1,000-article run (`eventwire run`, a subprocess, Prefect ephemeral mode) against a loopback
mirror of the sample site, while this process probes the database every 10 ms the way
`eventwire query` opens it (read-only). Every probe that finds the file locked extends the
current "locked" interval; the longest interval is the longest write-lock hold a reader
saw. A second probe runs real queries through `ingest.query.run_query` (which retries) and
reports how long each waited. Also: a crash-and-rerun check (rows lost, duplicates).

    python benchmarks/reliability.py [N_ARTICLES]
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.query import run_query  # noqa: E402
from tests.mirror import serve_mirror  # noqa: E402



def start_run(db: Path, listing: Path) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "EVENTWIRE_EVENTS": os.environ.get("EVENTWIRE_EVENTS", "1"), "EVENTWIRE_PROGRESS": "0"}
    env.pop("PREFECT_API_URL", None)
    exe = Path(sys.executable).parent / "eventwire"
    return subprocess.Popen([str(exe), "run", "--db", str(db), "--url", str(listing), "--allow-private",
                             "--per-host", "8", "--concurrency", "16"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def probe_locks(db: Path, stop: threading.Event, out: dict) -> None:
    locked_since = None
    longest = 0.0
    intervals = []
    while not stop.is_set():
        t = time.monotonic()
        try:
            # same configuration as `eventwire query`: one process may not mix configurations
            con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
            con.close()
            if locked_since is not None:
                intervals.append(t - locked_since)
                longest = max(longest, t - locked_since)
                locked_since = None
        except duckdb.Error:
            if locked_since is None:
                locked_since = t
        time.sleep(0.01)
    out["longest_lock_s"] = longest
    out["lock_intervals"] = len(intervals)
    out["median_lock_s"] = statistics.median(intervals) if intervals else 0.0


def probe_queries(db: Path, stop: threading.Event, out: dict) -> None:
    waits = []
    while not stop.is_set():
        t = time.monotonic()
        try:
            run_query(db, "SELECT count(*) FROM articles", wait=60)
            waits.append(time.monotonic() - t)
        except Exception as e:  # noqa: BLE001 - report, don't die
            out.setdefault("query_errors", []).append(type(e).__name__)
        time.sleep(0.2)
    out["queries"] = len(waits)
    out["max_query_s"] = max(waits) if waits else None
    out["median_query_s"] = statistics.median(waits) if waits else None


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with serve_mirror(n) as (_server, urls), tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        listing = tmp / "urls.txt"
        listing.write_text("\n".join(urls) + "\n")
        db = tmp / "bench.duckdb"
        t0 = time.monotonic()
        proc = start_run(db, listing)
        stop = threading.Event()
        locks: dict = {}
        queries: dict = {}
        while not db.exists() and proc.poll() is None:
            time.sleep(0.01)
        threads = [threading.Thread(target=probe_locks, args=(db, stop, locks)),
                   threading.Thread(target=probe_queries, args=(db, stop, queries))]
        for t in threads:
            t.start()
        out, _ = proc.communicate()
        wall = time.monotonic() - t0
        stop.set()
        for t in threads:
            t.join()
        if proc.returncode != 0:
            print(out[-3000:])
            raise SystemExit("run failed")
        con = duckdb.connect(str(db), read_only=True)
        n_articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        con.close()

        # crash and re-run: kill -9 half-way through, run again, compare with the clean run
        crashed = tmp / "crashed.duckdb"
        proc = start_run(crashed, listing)
        time.sleep(max(2.0, wall / 2))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc = start_run(crashed, listing)
        rerun_out, _ = proc.communicate()
        if proc.returncode != 0:
            print("re-run after the crash failed:\n" + rerun_out[-3000:])
        c1 = duckdb.connect(str(db), read_only=True)
        clean_ids = {r[0] for r in c1.execute("SELECT article_id FROM articles").fetchall()}
        c1.close()
        c2 = duckdb.connect(str(crashed), read_only=True)
        ids = [r[0] for r in c2.execute("SELECT article_id FROM articles").fetchall()]
        c2.close()
        lost = len(clean_ids - set(ids))
        dups = len(ids) - len(set(ids))

    print(f"articles loaded: {n_articles} of {n} URLs in {wall:.1f} s (events {'on' if os.environ.get('EVENTWIRE_EVENTS', '1') != '0' else 'off'})")
    print(f"write lock, as seen by a reader probing every 10 ms: longest hold {locks['longest_lock_s'] * 1000:.0f} ms, "
          f"median {locks['median_lock_s'] * 1000:.0f} ms over {locks['lock_intervals']} holds")
    print(f"concurrent `query` (retrying): {queries['queries']} queries, longest wait {queries['max_query_s'] * 1000:.0f} ms, "
          f"median {queries['median_query_s'] * 1000:.0f} ms, errors {queries.get('query_errors', [])}")
    print(f"crash (SIGKILL half-way) + re-run: rows lost {lost}, duplicate rows {dups}")


if __name__ == "__main__":
    main()
