"""Crash safety and hostile input: kill -9 mid-run loses nothing and duplicates nothing;
random bytes and mutated real pages never crash or hang extraction."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from ingest.errors import ExtractionFailed
from ingest.extract import extract_article
from ingest.samplesite import site_dir
from tests.mirror import serve_mirror

PAGES = sorted(p for p in site_dir().rglob("*.html"))
COPIES = 8  # 33 pages × 8 paths = 264 distinct URLs


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    with serve_mirror(len(PAGES) * COPIES, delay=0.01) as (server, urls):
        listing = tmp_path_factory.mktemp("mirror") / "urls.txt"
        listing.write_text("\n".join(urls) + "\n")
        yield server, listing, len(urls)


def _run(db: Path, listing: Path) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "EVENTWIRE_BATCH_SIZE": "30", "EVENTWIRE_EVENTS": "0", "EVENTWIRE_PROGRESS": "0"}
    env.pop("PREFECT_API_URL", None)  # each run in Prefect's ephemeral mode, as users run it
    exe = Path(sys.executable).parent / "eventwire"
    return subprocess.Popen([str(exe), "run", "--db", str(db), "--url", str(listing), "--allow-private",
                             "--per-host", "8"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def _state(db: Path):
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        copies = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchall()[0][0]
        runs = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall())
        return ids, copies, runs
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_equals_a_clean_run(mirror, tmp_path: Path):
    server, listing, n_urls = mirror
    clean = tmp_path / "clean.duckdb"
    p = _run(clean, listing)
    out, _ = p.communicate(timeout=240)
    assert p.returncode == 0, out[-3000:]
    clean_ids, clean_copies, _ = _state(clean)
    assert len(clean_ids) == n_urls

    crashed = tmp_path / "crashed.duckdb"
    rng = random.Random(7)
    for attempt in range(2):  # kill during fetching, then during the batched loads
        server.requests = 0
        p = _run(crashed, listing)
        target = n_urls // 3 if attempt == 0 else n_urls
        deadline = time.monotonic() + 120
        while server.requests < target and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.02)
        if attempt == 1:
            time.sleep(rng.uniform(0.3, 1.5))  # somewhere inside extract/load batches
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    p = _run(crashed, listing)
    out, _ = p.communicate(timeout=240)
    assert p.returncode == 0, out[-3000:]
    ids, copies, runs = _state(crashed)
    assert ids == clean_ids  # nothing lost, nothing twice
    assert copies == clean_copies
    assert runs.get("completed") == 1 and runs.get("running", 0) == 0
    assert runs.get("abandoned", 0) >= 1


MUTATIONS = ["drop", "dup", "swap", "truncate", "nest", "garbage"]


def _mutate(html: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(MUTATIONS)
    i, j = sorted(rng.randrange(len(html) + 1) for _ in range(2))
    if kind == "drop":
        return html[:i] + html[j:]
    if kind == "dup":
        return html[:j] + html[i:j] * 3 + html[j:]
    if kind == "swap":
        return html[j:] + html[:i] + html[i:j]
    if kind == "truncate":
        return html[:i]
    if kind == "nest":
        return html[:i] + b"<div>" * 5000 + b"deep" + b"</div>" * 5000 + html[i:]
    return html[:i] + bytes(rng.randrange(256) for _ in range(200)) + html[i:]


@pytest.mark.parametrize("seed", range(12))
def test_mutated_real_pages_never_crash_extraction(seed):
    rng = random.Random(seed)
    page = PAGES[seed % len(PAGES)].read_bytes()
    for _ in range(3):
        page = _mutate(page, rng)
    t0 = time.monotonic()
    try:
        a = extract_article(page, "https://fuzz.example/a")
        assert a.word_count >= 20 and a.text
    except ExtractionFailed:
        pass
    assert time.monotonic() - t0 < 20


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_crash_extraction(data):
    try:
        extract_article(data, "https://fuzz.example/b")
    except ExtractionFailed:
        pass


def test_huge_single_line_and_deep_nesting(tmp_path):
    line = b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"
    a = extract_article(line, "https://x.example/long")
    assert a.word_count > 1000
    deep = b"<html><body>" + b"<div>" * 20000 + b"<p>" + b"some text here " * 20 + b"</p>" + b"</div>" * 20000 + b"</body></html>"
    try:
        extract_article(deep, "https://x.example/deep")
    except ExtractionFailed:
        pass
