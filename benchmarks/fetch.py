"""Fetch benchmark (issue 3): is the fetcher as fast as politeness allows, and is a re-run free?

Setup: 10 loopback "hosts" (one server process, 10 ports), each with an RSS feed of 100
article pages; every response (robots.txt, feed, page) is delayed 100 ms. Pages are the
sample site's 33 real news pages (cycled), served gzipped as news sites do. The server runs
in its own process so its CPU is not billed to the client.

1. run 1: discover (robots.txt + feed per host) and fetch the 1,000 pages with per_host=4.
   The politeness lower bound for the pages is 1000 / (10 × 4) × 0.1 s = 2.5 s.
2. the same 1,000 pages fetched one at a time (concurrency=1), in the same process.
3. run 2: the same feeds, with the validators run 1 stored in DuckDB: every feed answers
   304, so there is nothing to fetch.

    python benchmarks/fetch.py [--pages 1000] [--hosts 10] [--per-host 4] [--delay 0.1]
                               [--sequential-pages N]   # default: all pages

Prints wall times, the ratios, peak RSS of the client process and bytes moved.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import load  # noqa: E402
from ingest.config import Settings  # noqa: E402
from ingest.discover import discover, settle_sources  # noqa: E402
from ingest.fetch import Fetcher  # noqa: E402
from tests.loopback import LoopbackServer, Reply  # noqa: E402


def _pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted((ROOT / "samples" / "site").rglob("*.html"))]


def _feed(base: str, n: int) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>{base}/a/{i}.html</link>"
                    f"<pubDate>Tue, 04 Oct 2022 10:00:00 GMT</pubDate></item>" for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def serve(n_ports: int, per_host_pages: int, delay: float, ready: "mp.Queue", stop: "mp.Event") -> None:
    """The server process: robots.txt, one feed and ``per_host_pages`` pages per port."""
    pages = _pages()
    gz = [gzip.compress(p, 6) for p in pages]
    holder: dict = {}

    def handler(req):
        base = holder["urls"][req.port_index]
        if req.path == "/robots.txt":
            return Reply(body=b"User-agent: *\nDisallow: /private/\n", delay=delay)
        if req.path == "/feed.xml":
            etag = '"feed-v1"'
            if req.headers.get("if-none-match") == etag:
                return Reply(304, headers={"ETag": etag}, delay=delay)
            return Reply(body=_feed(base, per_host_pages), delay=delay,
                         headers={"Content-Type": "application/rss+xml", "ETag": etag})
        if req.path.startswith("/a/"):
            i = int(req.path[3:].split(".")[0]) + req.port_index * per_host_pages
            if "gzip" in req.headers.get("accept-encoding", ""):
                return Reply(body=gz[i % len(gz)], delay=delay,
                             headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"})
            return Reply(body=pages[i % len(pages)], delay=delay, headers={"Content-Type": "text/html; charset=utf-8"})
        return Reply(404, delay=delay)

    srv = LoopbackServer(handler, ports=n_ports)

    async def main():
        async def watch():
            while not stop.is_set():
                await asyncio.sleep(0.1)
            srv._stop.set()

        def on_ready(urls):
            holder["urls"] = urls
            ready.put(urls)
            asyncio.get_running_loop().create_task(watch())

        await srv.serve(on_ready)

    asyncio.run(main())


def cpu_of(pid: int) -> float:
    """user + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


async def run_once(s: Settings, feeds: list[str], known: dict) -> tuple:
    async with Fetcher(s, run_id="bench") as f:
        t0 = time.perf_counter()
        d = await discover(f, feeds=feeds, known=known)
        t1, c1 = time.perf_counter(), time.process_time()
        pages = await f.fetch_all(d.candidates)
        t2, c2 = time.perf_counter(), time.process_time()
        return d, pages, t1 - t0, t2 - t1, list(f.log), c2 - c1


async def sequential(s: Settings, urls: list[str]) -> float:
    from schemas.models import Candidate

    async with Fetcher(s.replace(concurrency=1, per_host=1)) as f:
        for u in {u.split("/a/")[0] for u in urls}:  # robots.txt outside the timing, as in run 1
            await f.robots(u)
        t0 = time.perf_counter()
        res = await f.fetch_all([Candidate(url=u) for u in urls])
        took = time.perf_counter() - t0
    assert all(r.ok for r in res), {r.error for r in res}
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--sequential-pages", type=int, default=None, help="fetch only this many one by one, and scale")
    args = ap.parse_args()
    per_host_pages = args.pages // args.hosts
    # each host: pages / limit rounds of `delay` (with no delay, report against 1 s instead)
    bound = per_host_pages / args.per_host * args.delay or 1.0

    ctx = mp.get_context("fork")
    ready, stop = ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=serve, args=(args.hosts, per_host_pages, args.delay, ready, stop), daemon=True)
    proc.start()
    try:
        bases = ready.get(timeout=30)
        feeds = [f"{b}/feed.xml" for b in bases]
        s = Settings(allow_private=True, per_host=args.per_host, concurrency=max(64, args.hosts * args.per_host),
                     retries=0, progress="off")
        rss0 = rss_mb()

        srv_cpu0 = cpu_of(proc.pid)
        d1, pages, disc1, fetch1, log1, cpu1 = asyncio.run(run_once(s, feeds, {}))
        srv_cpu1 = cpu_of(proc.pid) - srv_cpu0
        rss1 = rss_mb()
        ok = sum(1 for p in pages if p.ok)
        assert ok == args.pages, (ok, {p.error for p in pages})
        decoded = sum(len(p.body or b"") for p in pages)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.duckdb"
            with load.writer(db) as con:
                load.start_run(con, "bench-1", "bench")
                load.save_sources(con, "bench-1", settle_sources(d1.sources, pages))
                load.finish_run(con, "bench-1", "completed", {})
                known = load.source_states(con)
        del pages

        n_seq = args.sequential_pages or args.pages
        seq_urls = [c.url for c in d1.candidates][:n_seq]
        seq = asyncio.run(sequential(s, seq_urls)) * (args.pages / n_seq)

        d2, pages2, disc2, fetch2, log2, _ = asyncio.run(run_once(s, feeds, known))
        assert not d2.candidates and d2.unchanged == args.hosts
    finally:
        stop.set()
        proc.join(5)
        if proc.is_alive():
            proc.terminate()

    load_avg = os.getloadavg()
    print(f"fetch benchmark: {args.pages} pages over {args.hosts} loopback hosts, per-host limit {args.per_host},"
          f" every response delayed {args.delay * 1000:.0f} ms; {os.cpu_count()} CPUs,"
          f" load average {load_avg[0]:.2f} at the end")
    print(f"run 1  discovery (robots.txt + feed per host):  {disc1:6.2f} s")
    print(f"run 1  fetch {args.pages} pages:                     {fetch1:6.2f} s"
          f"  = {fetch1 / bound:.2f} × the politeness bound ({bound:.2f} s)")
    print(f"       CPU during the fetch: client {cpu1:.2f} s, server process {srv_cpu1:.2f} s (whole run 1)")
    print(f"run 1  discovery + fetch:                      {disc1 + fetch1:6.2f} s"
          f"  = {(disc1 + fetch1) / bound:.2f} × bound")
    seq_note = "" if n_seq == args.pages else f" (measured on {n_seq}, scaled)"
    print(f"sequential fetch of the same pages:           {seq:6.2f} s{seq_note}"
          f"  → run 1 is {seq / fetch1:.1f}× faster")
    print(f"run 2  (all feeds 304) discovery + fetch:      {disc2 + fetch2:6.2f} s"
          f"  ({len(log2)} requests: {sorted({f.status_code for f in log2})})")
    print(f"peak RSS of the client: {rss0:.0f} MB after imports, {rss1:.0f} MB after run 1"
          f" ({decoded / 1e6:.0f} MB of decoded HTML held, {len(log1)} requests)")


if __name__ == "__main__":
    main()
