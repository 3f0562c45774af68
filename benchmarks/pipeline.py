"""End-to-end pipeline benchmark: a WARC of real pages through the real ingest flow.

Run from the repository root::

    python benchmarks/pipeline.py                       # 10,000 records, 1 and 2 processes
    python benchmarks/pipeline.py --records 1000 --workers 1,2
    python benchmarks/pipeline.py --copies exact        # repeated pages left identical

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
3. In the single-process run, measures the unavoidable stage costs alone on the same
   records: eventwire's trafilatura extraction over a uniform sample of the records, and
   the NLP pass (spaCy + coder) over the sample's articles that the pipeline codes
   (English, no exact copies). ``ratio = (records × baseline cost per record) / pipeline
   time``: 1.0 means the pipeline adds nothing on top of its two heavy libraries.

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


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    import duckdb

    from flows.ingest import ingest
    from ingest.config import Settings

    out: dict = {"workers": args.workers, "records": args.records}
    db = Path(args.tmp) / f"bench-{args.workers}.duckdb"
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
    if args.baseline:
        out["baseline"] = baseline(Path(args.warc), args.records, args.baseline, Path(args.cache_dir))
    print("RESULT " + json.dumps(out))


# ------------------------------------------------------------------ orchestration

def measure(warc: Path, records: int, workers: int, tmp: Path, batch_size: int, baseline_sample: int) -> dict:
    cmd = [sys.executable, __file__, "--child", "--warc", str(warc), "--records", str(records),
           "--workers", str(workers), "--tmp", str(tmp), "--batch-size", str(batch_size),
           "--cache-dir", str(ROOT / ".cache"), "--baseline", str(baseline_sample)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"run failed ({proc.returncode}):\n{proc.stderr[-4000:]}")


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
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--warc", help=argparse.SUPPRESS)
    ap.add_argument("--tmp", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.workers = int(args.workers)
        return child(args)
    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        t = time.perf_counter()
        build_warc(warc, args.records, args.copies)
        print(f"built {warc.name}: {args.records} records ({args.copies} copies), "
              f"{warc.stat().st_size / 2**20:.0f} MB gzipped, in {time.perf_counter() - t:.0f} s", flush=True)
        results = {}
        for w in [int(x) for x in args.workers.split(",")]:
            r = measure(warc, args.records, w, Path(tmp), args.batch_size, args.baseline if w == 1 else 0)
            results[w] = r
            print(report(r), flush=True)
            if "baseline" in r:
                b = r["baseline"]
                floor = args.records * (b["extract_s_per_record"] + b["nlp_s_per_record"])
                print(f"  stage costs alone (sample of {b['sample']} records, {b['coded']} coded): extraction "
                      f"{1000 * b['extract_s_per_record']:.1f} ms + NLP {1000 * b['nlp_s_per_record']:.1f} ms per record "
                      f"= {floor:.0f} s for {args.records}; ratio {floor / r['run_s']:.2f}", flush=True)
        if 1 in results and len(results) > 1:
            for w, r in results.items():
                if w != 1:
                    print(f"speed-up {w} processes vs 1: {results[1]['run_s'] / r['run_s']:.2f}x")
        print("JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
