"""End-to-end pipeline benchmark: a WARC of real pages through the real ingest flow.

Run from the repository root::

    python benchmarks/pipeline.py                       # 10,000 records, 1 and 2 processes
    python benchmarks/pipeline.py --records 1000 --workers 1,2
    python benchmarks/pipeline.py --copies exact        # repeated pages left identical
    python benchmarks/pipeline.py --records 1000 --repeat 3   # medians of 3 rounds

What it does:

1. Builds a gzipped WARC (one gzip member per record, like Common Crawl) from the
   zyte-aeb (181) and trafilatura-eval (990) pages in ``../shared/corpus/extraction``
   (``EVENTWIRE_SHARED`` overrides), repeated to ``--records``. Every record gets its own
   URL. Repeating pages makes exact copies, which dedup marks as copies and the events
   stage then skips — a benchmark of those would mostly measure skipping. So by default
   (``--copies perturbed``) every repeat has the words of each text run of its HTML shuffled
   (seeded): same length, same markup, same language, different text and shingles, so
   every record is extracted *and* event-coded like a new article. ``--copies exact``
   measures the other case.
2. Runs the real ``ingest`` flow on it (Prefect ephemeral mode, a fresh DuckDB file), once
   per ``--workers`` value, each in a fresh Python process, sampling the resident memory of
   the flow process plus its worker processes (not Prefect's own ephemeral API server).
3. Measures the unavoidable stage costs alone on the same records, in a fresh process of
   its own (as cold as the pipeline's): eventwire's trafilatura extraction over a uniform
   sample of the records, and the NLP pass (spaCy + coder) over the sample's articles that
   the pipeline codes (English, no exact copies). ``ratio = (records × baseline cost per
   record) / single-process pipeline time``: 1.0 means the pipeline adds nothing on top of its two heavy libraries.
4. ``--repeat N`` runs N rounds (baseline, then each process count) and reports medians:
   the machine is shared and a single run varies by ±10 %.

Throughput is ``records / run time`` where run time is the ``runs`` row's
``finished_at - started_at`` (the flow itself, including loading the event coder and
starting workers; excluding Prefect's ephemeral server start-up, a constant per process).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
TEXT_RUN = re.compile(r">([^<>]{40,})<")


def corpus_pages() -> list[tuple[str, bytes]]:
    """(name, raw HTML) of the zyte-aeb and trafilatura-eval pages, in a fixed order."""
    out = []
    for sub in ("zyte-aeb", "trafilatura-eval"):
        for p in sorted((SHARED / "corpus" / "extraction" / sub / "html").glob("*.html.gz")):
            out.append((f"{sub}/{p.name[:-len('.html.gz')]}", gzip.decompress(p.read_bytes())))
    if not out:
        raise SystemExit(f"no pages under {SHARED}/corpus/extraction (set EVENTWIRE_SHARED)")
    return out


def perturb(html: bytes, seed: int) -> bytes:
    """The page with the words of each longer text run shuffled (markup and length unchanged)."""
    rnd = random.Random(seed)
    text = html.decode("utf-8", "surrogateescape")

    def shuffle(m: re.Match) -> str:
        words = m.group(1).split(" ")
        rnd.shuffle(words)
        return ">" + " ".join(words) + "<"

    return TEXT_RUN.sub(shuffle, text).encode("utf-8", "surrogateescape")


def build_warc(path: Path, records: int, copies: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = corpus_pages()
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i in range(records):
            name, html = pages[i % len(pages)]
            k = i // len(pages)
            if k and copies == "perturbed":
                html = perturb(html, i)
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name.split("/", 1)[1])[:80]
            uri = f"https://copy{k}.{name.split('/')[0]}.example/{slug}"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2024-03-01T12:00:00Z"}))


# ------------------------------------------------------------------ one measured run (child process)

class MemorySampler:
    """Peak resident memory of this process plus its descendants, sampled every 0.2 s.

    Prefect's ephemeral API server (a child process too) is left out: it is Prefect's,
    the same size whatever the run, and absent when a server is configured.
    """

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = self.peak_main = self.peak_workers = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                main = self.me.memory_info().rss / 2**20
                workers = 0.0
                for c in self.me.children(recursive=True):
                    try:
                        cmd = " ".join(c.cmdline())
                        if "uvicorn" in cmd or "prefect" in cmd and "server" in cmd:
                            continue
                        workers += c.memory_info().rss / 2**20
                    except Exception:
                        continue
                self.peak_main = max(self.peak_main, main)
                self.peak_workers = max(self.peak_workers, workers)
                self.peak = max(self.peak, main + workers)
            except Exception:
                pass
            self._stop.wait(0.2)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def baseline(warc: Path, records: int, sample: int, cache_dir: Path) -> dict:
    """Extraction and NLP costs alone, per record, on a uniform sample of the WARC's records."""
    from ingest import events_stage
    from ingest.archive import iter_warc
    from ingest.config import Settings
    from ingest.extract import extract_fetched

    step = max(1, records // sample)
    pages = [f for i, f in enumerate(iter_warc(warc)) if i % step == 0]
    t = time.perf_counter()
    articles, _ = extract_fetched(pages)
    t_extract = time.perf_counter() - t
    coder = events_stage.load_coder(Settings(cache_dir=cache_dir))
    seen: set[str] = set()
    todo = []
    for a in articles:
        if a.language in (None, "en") and a.text_hash not in seen:
            seen.add(a.text_hash)
            todo.append(a)
    t = time.perf_counter()
    coder.extract_many([(a.text, a.published_at, a.title) for a in todo])
    t_nlp = time.perf_counter() - t
    n = len(pages)
    return {"sample": n, "coded": len(todo), "extract_s_per_record": t_extract / n, "nlp_s_per_record": t_nlp / n}


def child_baseline(args: argparse.Namespace) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    print("RESULT " + json.dumps(baseline(Path(args.warc), args.records, args.baseline, Path(args.cache_dir))))


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    import duckdb

    from flows.ingest_flow import ingest
    from ingest.config import Settings

    out: dict = {"workers": args.workers, "records": args.records}
    db = Path(args.tmp) / f"bench-{args.workers}.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):  # every round starts from an empty database
        stale.unlink(missing_ok=True)
    shutil.rmtree(db.parent / f"{db.stem}.warc", ignore_errors=True)  # raw-page archive, if any
    s = Settings(db=db, warcs=(args.warc,), workers=args.workers, cache_dir=Path(args.cache_dir), progress="off",
                 batch_size=args.batch_size)
    t = time.perf_counter()
    with MemorySampler() as mem:
        result = asyncio.run(ingest(settings=s.to_dict()))
    out["wall_s"] = time.perf_counter() - t
    con = duckdb.connect(str(db), read_only=True)
    (run_s,), = con.execute("SELECT epoch(finished_at) - epoch(started_at) FROM runs").fetchall()
    con.close()
    out.update(run_s=run_s, counts=result["counts"], peak_rss_mb=mem.peak, peak_main_mb=mem.peak_main,
               peak_workers_mb=mem.peak_workers)
    print("RESULT " + json.dumps(out))


# ------------------------------------------------------------------ orchestration

def _run_child(extra: list[str]) -> dict:
    cmd = [sys.executable, __file__, "--child", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"run failed ({proc.returncode}):\n{proc.stderr[-4000:]}")


def measure(warc: Path, records: int, workers: int, tmp: Path, batch_size: int) -> dict:
    """One pipeline run in a fresh process."""
    return _run_child(["--warc", str(warc), "--records", str(records), "--workers", str(workers), "--tmp", str(tmp),
                       "--batch-size", str(batch_size), "--cache-dir", str(ROOT / ".cache"), "--baseline", "0"])


def measure_baseline(warc: Path, records: int, sample: int) -> dict:
    """The stage costs alone, in a fresh process: as cold as the pipeline's own process.

    (Measured after the flow in the flow's process, as the first version of this script
    did, the stages ran warm — spaCy's vocabulary already held every word, trafilatura's
    caches were full — which made the "unavoidable" costs look ~10 % cheaper than they are
    for a process meeting the records for the first time.)
    """
    return _run_child(["--baseline-only", "--warc", str(warc), "--records", str(records),
                       "--baseline", str(sample), "--cache-dir", str(ROOT / ".cache")])


def report(r: dict) -> str:
    c = r["counts"]
    return (f"records {r['records']:>6}  workers {r['workers']}  run {r['run_s']:7.1f} s  "
            f"{r['records'] / r['run_s']:6.2f} records/s  ({c['articles_new']} articles, {c['duplicates']} copies, "
            f"{c['events_new']} events, {c['extract_errors']} extraction failures)  peak RSS {r['peak_rss_mb']:.0f} MB "
            f"(flow {r['peak_main_mb']:.0f} + workers {r['peak_workers_mb']:.0f})  "
            f"{1000 * r['run_s'] / r['records']:.1f} ms and {r['peak_rss_mb'] / r['records'] * 1000:.0f} KB/record")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--workers", default="1,2", help="comma-separated process counts to compare [1,2]")
    ap.add_argument("--copies", choices=["perturbed", "exact"], default="perturbed")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--baseline", type=int, default=1000, help="records sampled for the stage costs alone [1000]")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds; each round runs the baseline and every process count once; medians are reported [1]")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--baseline-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--warc", help=argparse.SUPPRESS)
    ap.add_argument("--tmp", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child and args.baseline_only:
        return child_baseline(args)
    if args.child:
        args.workers = int(args.workers)
        return child(args)
    counts = [int(x) for x in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        t = time.perf_counter()
        build_warc(warc, args.records, args.copies)
        print(f"built {warc.name}: {args.records} records ({args.copies} copies), "
              f"{warc.stat().st_size / 2**20:.0f} MB gzipped, in {time.perf_counter() - t:.0f} s", flush=True)
        rounds = []
        for n in range(args.repeat):
            print(f"-- round {n + 1} of {args.repeat}", flush=True)
            rnd: dict = {}
            if args.baseline and 1 in counts:
                b = rnd["baseline"] = measure_baseline(warc, args.records, args.baseline)
                floor = args.records * (b["extract_s_per_record"] + b["nlp_s_per_record"])
                print(f"  stage costs alone, fresh process (sample of {b['sample']} records, {b['coded']} coded): "
                      f"extraction {1000 * b['extract_s_per_record']:.1f} ms + NLP {1000 * b['nlp_s_per_record']:.1f} ms "
                      f"per record = {floor:.0f} s for {args.records}", flush=True)
            for w in counts:
                for attempt in (1, 2):  # one retry: a 10k run is long, and a crash says nothing about speed
                    try:
                        rnd[w] = measure(warc, args.records, w, Path(tmp), args.batch_size)
                        break
                    except SystemExit as e:
                        if attempt == 2:
                            raise
                        print(f"  run failed, once more: {str(e)[:300]}", flush=True)
                print("  " + report(rnd[w]), flush=True)
            if "baseline" in rnd and 1 in rnd:
                rnd["ratio"] = args.records * (rnd["baseline"]["extract_s_per_record"]
                                               + rnd["baseline"]["nlp_s_per_record"]) / rnd[1]["run_s"]
                print(f"  ratio to stage costs (1 process): {rnd['ratio']:.2f}", flush=True)
            for w in counts:
                if w != 1 and 1 in rnd:
                    rnd[f"speedup_{w}"] = rnd[1]["run_s"] / rnd[w]["run_s"]
                    print(f"  speed-up {w} processes vs 1: {rnd[f'speedup_{w}']:.2f}x", flush=True)
            rounds.append(rnd)
        med = statistics.median
        print(f"== medians over {len(rounds)} round(s), {args.records} records")
        for w in counts:
            runs = [r[w] for r in rounds]
            each = ", ".join(f"{r['run_s']:.1f}" for r in runs)
            print(f"{w} process(es): run {med(r['run_s'] for r in runs):.1f} s ({each}), "
                  f"peak RSS max {max(r['peak_rss_mb'] for r in runs):.0f} MB "
                  f"(flow {max(r['peak_main_mb'] for r in runs):.0f} + workers {max(r['peak_workers_mb'] for r in runs):.0f})")
        ratios = [r["ratio"] for r in rounds if "ratio" in r]
        if ratios:
            print(f"ratio to stage costs: {med(ratios):.2f} ({', '.join(f'{x:.2f}' for x in ratios)})")
        for w in counts:
            k = f"speedup_{w}"
            if any(k in r for r in rounds):
                print(f"speed-up {w} vs 1: {med(r[k] for r in rounds if k in r):.2f}x "
                      f"({', '.join(f'{r[k]:.2f}' for r in rounds if k in r)})")
        print("JSON " + json.dumps(rounds))


if __name__ == "__main__":
    main()
