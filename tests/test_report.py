"""``eventwire report``: the data the page embeds, the page in a real browser, the CLI.

The fixture database is real: migrations applied, articles and event mentions loaded with
the loader and clustered with ``ingest.cluster`` (the test_cluster helpers), plus a run with
its fetches, failures and a gated article. The browser test opens the written file in
headless Chromium inside a network namespace with no network at all.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main
from ingest import load
from ingest.errors import ConfigError
from ingest.report import PLOVER_TYPES, ReportOptions, collect, render, write_report
from tests.helpers import rows
from tests.helpers import CHUHUIV, KHARKIV, ODESA, RUSSIANS, article, event, load_and_cluster

KYIV = dict(location_name="Kyiv", admin1="Kyiv City", country="UKR", geonames_id=703448, latitude=50.45, longitude=30.52)
MOSCOW = dict(location_name="Moscow", admin1=None, country="RUS", geonames_id=524901, latitude=55.75, longitude=37.62)
HOSTILE = 'Shelling hit "</script><script>window.pwned=1</script>" <b>Kharkiv</b> & more.'


@pytest.fixture(scope="module")
def report_db(tmp_path_factory) -> Path:
    """Seven events in six located places, one unlocated; a future pledge; a month-dated one."""
    db = tmp_path_factory.mktemp("report") / "r.duckdb"
    a1 = article("strike", "wire.example", "2022-10-05T06:00:00")
    a2 = article("strike-courier", "courier.example", "2022-10-05T08:00:00")
    a3 = article("odesa", "esp.example", "2022-10-06T09:00:00")
    a4 = article("pledge", "wire.example", "2022-10-05T12:00:00")
    a5 = article("football", "sport.example", "2022-10-06T10:00:00")
    a6 = article("strike-copy", "esp.example", "2022-10-05T07:00:00", duplicate_of=a1.article_id)  # syndicated
    evs = [
        event(a1, 1, "2022-10-05", **KHARKIV, **RUSSIANS, killed=1, injured=2, evidence=HOSTILE),
        event(a2, 1, "2022-10-05", **KHARKIV, **RUSSIANS, killed=1, injured=2),
        event(a3, 1, "2022-10-06", **ODESA, **RUSSIANS, killed=3),
        event(a3, 2, "2022-10-04", **CHUHUIV, type_="PROTEST", actor_name="residents", actor_country="UKR"),
        event(a4, 1, type_="AGREE", actor_name="United States", actor_country="USA", amount_usd=625e6),  # no place
        event(a4, 2, "2022-10-05", **KYIV, type_="AGREE", actor_name="Germany", actor_country="DEU",
              modality="future", intended_type="AID"),
        event(a3, 3, "2022-10-01", "month", **MOSCOW, type_="SANCTION", actor_name="EU"),
        event(a1, 2, "2022-10-05", **ODESA, type_="ACCUSE", actor_name="Zelensky", actor_country="UKR",
              target_name="Russia", target_country="RUS"),
    ]
    load_and_cluster(db, [a1, a2, a3, a4, a5, a6], evs, run="run-1")
    with load.writer(db) as con:
        con.execute("UPDATE articles SET run_id = 'run-1'")
        # a cluster's modality is its mentions' (schemas/009); set here in case the clusterer does not yet
        con.execute("UPDATE event_clusters SET modality = 'future' WHERE cluster_id IN "
                    "(SELECT cluster_id FROM events WHERE modality = 'future')")
        con.execute("UPDATE articles SET events_gate = 'section: sport' WHERE article_id = ?", [a5.article_id])
        load.start_run(con, "run-1", "ingest")
        load.finish_run(con, "run-1", "completed", {"fetched": 5, "fetch_errors": 2, "articles_new": 5})
        now = dt.datetime(2022, 10, 6, 12, tzinfo=dt.timezone.utc)
        con.executemany(
            "INSERT INTO fetches (run_id, url, status_code, error, attempt, fetched_at) VALUES ('run-1', ?, ?, ?, ?, ?)",
            [[a.url, 200, None, 1, now] for a in (a1, a2, a3, a4, a5, a6)]
            + [["https://wire.example/gone", 410, "HTTPStatusError", 1, now],
               ["https://slow.example/a", None, "FetchTimeout", 1, now],
               ["https://slow.example/a", None, "FetchTimeout", 2, now]])
        con.execute("INSERT INTO failures VALUES ('run-1', 'extract', 'https://wire.example/empty', "
                    "'ExtractionFailed', 'empty page', ?)", [now])
    return db


def data_of(db: Path, **opts) -> dict:
    with load.reader(db) as con:
        return collect(con, ReportOptions(**opts))


# ---------------------------------------------------------------- the data the page embeds

def test_counts_equal_the_views(report_db):
    d = data_of(report_db)
    [(events, located, mentions)] = rows(report_db, "SELECT count(*), count(latitude), sum(num_mentions) FROM v_events")
    assert d["totals"]["events"] == events == 6          # the future pledge is not in v_events
    assert d["totals"]["located"] == located == 5
    assert d["totals"]["mentions"] == mentions
    assert len(d["marks"]["id"]) == located and d["caps"]["map"] == {"shown": 5, "of": 5}
    # the timeline is v_daily_counts, summed over country
    daily = rows(report_db, "SELECT strftime(day, '%Y-%m-%d'), event_type, sum(events), sum(killed) FROM v_daily_counts "
                            "GROUP BY ALL ORDER BY ALL")
    tl = d["timeline"]
    mine: dict = {}
    for day, t, n, k in zip(tl["d"], tl["t"], tl["n"], tl["k"]):
        got = mine.setdefault((day, t), [0, None])
        got[0] += n
        got[1] = k if got[1] is None else got[1] + (k or 0)
    assert sorted((day, t, n, k) for (day, t), (n, k) in mine.items()) == [tuple(r) for r in daily]
    assert sorted(set(tl["d"])) == ["2022-10-04", "2022-10-05", "2022-10-06"]  # the month-dated one is off
    assert d["totals"]["killed"] == rows(report_db, "SELECT sum(killed) FROM v_events")[0][0] == 4


def test_all_modalities_come_from_v_events_all(report_db):
    d = data_of(report_db, asserted_only=False)
    assert d["totals"]["events"] == rows(report_db, "SELECT count(*) FROM v_events_all")[0][0] == 7
    pledge = [t for t in d["top"] if t["modality"] == "future"]
    assert len(pledge) == 1 and pledge[0]["location_name"] == "Kyiv"


def test_filters_apply_in_the_database(report_db):
    d = data_of(report_db, types=("assault",))
    assert d["totals"]["events"] == 2 and set(d["marks"]["t"]) == {"ASSAULT"}
    assert {t["event_type"] for t in d["top"]} == {"ASSAULT"}
    d = data_of(report_db, countries=("rus",))
    assert d["totals"]["events"] == 1 and d["marks"]["p"] == ["Moscow"]
    d = data_of(report_db, since=dt.date(2022, 10, 5), until=dt.date(2022, 10, 5))
    [(n,)] = rows(report_db, "SELECT count(*) FROM v_events WHERE event_date = DATE '2022-10-05'")
    assert d["totals"]["events"] == n and set(d["timeline"]["d"]) == {"2022-10-05"}


def test_caps_are_applied_and_reported(report_db):
    d = data_of(report_db, top=2, map_cap=3, evidence_per_event=1)
    assert d["caps"] == {"map": {"shown": 3, "of": 5}, "top": {"shown": 2, "of": 6}}
    assert len(d["top"]) == 2 and all(len(t["evidence"]) <= 1 for t in d["top"])
    # the most reported first: the Kharkiv strike, stated by two outlets and copied by a third
    assert d["top"][0]["location_name"] == "Kharkiv" and d["top"][0]["num_sources"] == 3
    assert d["marks"]["m"] == sorted(d["marks"]["m"], reverse=True)
    page = render(d)
    assert "The map shows the 3 most-reported of 5 located events" in page
    assert "The list shows the 2 most widely reported of 6 events" in page


def test_evidence_links_and_health(report_db):
    d = data_of(report_db)
    kharkiv = d["top"][0]
    assert [e["domain"] for e in kharkiv["evidence"]] == ["wire.example", "courier.example"]
    assert kharkiv["evidence"][0]["url"] == "https://wire.example/strike"
    assert [(r["domain"], r["copy"]) for r in kharkiv["reports"]] == [
        ("wire.example", False), ("esp.example", True), ("courier.example", False)]  # earliest first
    h = d["health"]
    assert h["run_id"] == "run-1" and h["run"]["status"] == "completed"
    hosts = {x["host"]: x for x in h["hosts"]}
    assert hosts["slow.example"]["failed"] == 1 and hosts["slow.example"]["requests"] == 2
    assert hosts["wire.example"]["ok"] == 2 and hosts["wire.example"]["failed"] == 1
    assert [(g["reason"], g["articles"]) for g in h["gated"]] == [("section: sport", 1)]
    assert [(f["stage"], f["error"]) for f in h["failures"]] == [("extract", "ExtractionFailed")]


def test_page_is_self_contained_and_escapes_text(report_db, tmp_path):
    out = write_report(report_db, tmp_path / "r.html")
    page = out.read_text()
    assert "window.pwned" not in page.replace("window.pwned=1&lt;", "")  # only as escaped text
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    # nothing is loaded from elsewhere: no src/href to a resource, and a CSP that forbids it
    markup = re.sub(r"<script>.*?</script>", "<script></script>", page, flags=re.S)
    assert markup.count("<script></script>") == 2  # the Vega bundle, and the data with the page's code
    assert not re.search(r"<(script|link|img|iframe|object|embed)[^>]+(src|href|data)=", markup)
    assert "default-src 'none'" in page
    assert page.count("<tr class=\"event\"") == 6


def test_bad_options_are_config_errors():
    with pytest.raises(ConfigError, match="unknown event type"):
        ReportOptions(types=("BOMBING",))
    with pytest.raises(ConfigError, match="alpha-3"):
        ReportOptions(countries=("UA",))
    assert len(PLOVER_TYPES) == 16


# ---------------------------------------------------------------- the CLI

def test_cli_report(report_db, tmp_path):
    cli = CliRunner()
    r = cli.invoke(main, ["report", "--help"])
    assert r.exit_code == 0 and "--asserted-only / --all" in r.output
    out = tmp_path / "out.html"
    r = cli.invoke(main, ["report", "--db", str(report_db), "--type", "ASSAULT", "--since", "2022-10-01", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith(str(out)) and out.stat().st_size > 100_000
    r = cli.invoke(main, ["report", "--db", str(tmp_path / "none.duckdb"), str(out)])
    assert r.exit_code == 1 and "does not exist" in r.output and "Traceback" not in r.output
    r = cli.invoke(main, ["report", "--db", str(report_db), "--type", "NOPE", str(out)])
    assert r.exit_code == 2 and "unknown event type" in r.output
    r = cli.invoke(main, ["report", "--db", str(report_db), "--run", "nope", str(out)])
    assert r.exit_code == 1 and "no run nope" in r.output


# ---------------------------------------------------------------- a real browser, offline

def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _browser(args: list[str], page: Path, tmp_path: Path, fragment: str = "") -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` with no network: a fresh network namespace when we may make
    one (root, as CI is), and a proxy that does not exist and no DNS either way."""
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--no-default-browser-check", f"--user-data-dir={tmp_path / 'profile'}",
           "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
           "--virtual-time-budget=20000", "--window-size=1280,2200", *args,
           page.as_uri() + (f"#{fragment}" if fragment else "")]
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-n", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def _png_colours(png: bytes) -> int:
    """Distinct colours in a PNG (8-bit RGB/RGBA, non-interlaced, as Chromium writes them)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours = bytearray(stride), set()
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp * 4))
        prev = line
    return len(colours)


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium "
                                                "with apt-get; without apt it cannot be had)")
def test_page_renders_offline_in_chromium(report_db, tmp_path):
    page = write_report(report_db, tmp_path / "report.html")
    r = _browser(["--dump-dom"], page, tmp_path)
    dom = r.stdout
    assert 'data-ready="1"' in dom, (r.stderr[-3000:], dom[-2000:])
    assert "pwned" not in re.sub(r"&lt;.*?&gt;", "", dom) or "window.pwned=1<" not in dom
    located = rows(report_db, "SELECT count(*) FROM v_events WHERE latitude IS NOT NULL")[0][0]
    map_html = dom[dom.index('id="map"'):dom.index('id="timeline"')]
    symbols = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', map_html, re.S)
    assert symbols and symbols.group(1).count("<path") == located == 5
    assert map_html.count('class="mark-shape role-mark') == 1 and map_html.count("<path") > 100  # the basemap
    timeline_html = dom[dom.index('id="timeline"'):dom.index('id="top"')]
    rects = re.search(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', timeline_html, re.S)
    days = set(re.findall(r'aria-label="(\d{4}-\d{2}-\d{2})"', rects.group(1)))
    assert days == {r[0] for r in rows(report_db, "SELECT strftime(day, '%Y-%m-%d') FROM v_daily_counts")}
    assert days == {"2022-10-04", "2022-10-05", "2022-10-06"}
    assert dom.count('<tr class="event"') == 6 and "https://wire.example/strike" in dom

    # the page's own filters, set through the URL fragment: map, timeline and list follow
    r = _browser(["--dump-dom"], page, tmp_path, fragment="type=ASSAULT&since=2022-10-06")
    dom = r.stdout
    assert 'data-ready="1"' in dom, r.stderr[-3000:]
    map_html = dom[dom.index('id="map"'):dom.index('id="timeline"')]
    symbols = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', map_html, re.S)
    assert symbols.group(1).count("<path") == 1  # the Odesa strike
    timeline_html = dom[dom.index('id="timeline"'):dom.index('id="casualties"')]
    assert set(re.findall(r'aria-label="(\d{4}-\d{2}-\d{2})"', timeline_html)) == {"2022-10-06"}
    visible = re.findall(r'<tr class="event" data-t="(\w+)"[^>]*?(hidden="")?>', dom)
    assert [t for t, hidden in visible if not hidden] == ["ASSAULT"] and len(visible) == 6

    shot = tmp_path / "shot.png"
    r = _browser([f"--screenshot={shot}"], page, tmp_path)
    assert shot.exists(), r.stderr[-2000:]
    assert _png_colours(shot.read_bytes()) > 20  # a blank (or all-white) page has one or two


# ---------------------------------------------------------------- the flow and the demo

@pytest.mark.usefixtures("prefect_harness")
def test_each_run_attaches_its_report(sample_site, settings):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from tests.helpers import run_ingest

    result = run_ingest(settings.replace(feeds=(f"{sample_site}/feed.xml",)))
    page = Path(result["report"])
    assert page == settings.db.parent / f"{settings.db.name}.reports" / f"{result['run_id']}.html"
    html = page.read_text()
    assert f"Run <code>{result['run_id']}</code>" in html and "127.0.0.1" in html  # its health: the sample host

    async def links() -> list:
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-report"])))

    assert any(page.as_uri() in (a.data or "") for a in asyncio.run(links()))


def test_run_report_with_a_relative_database_path_is_absolute(report_db, monkeypatch):
    from ingest.report import write_run_report

    monkeypatch.chdir(report_db.parent)
    page = write_run_report(Path(report_db.name), "run-1", keep=1)
    assert page.is_absolute() and page.as_uri().startswith("file:///") and page.exists()
    assert "Run <code>run-1</code>" in page.read_text()
    older = page.parent / "an-older-run.html"
    older.write_text("<html></html>")
    os.utime(older, (1, 1))
    write_run_report(Path(report_db.name), "run-1", keep=1)
    assert list(page.parent.glob("*.html")) == [page]  # pages beyond the `keep` newest are removed


def test_demo_prints_the_report_path(monkeypatch, tmp_path):
    import flows.cli as cli_mod

    page = tmp_path / "x.duckdb.reports" / "r.html"
    fake = {"run_id": "r", "report": str(page), "errors": {},
            "counts": {k: 0 for k in ("candidates", "skipped_known", "fetched", "fetch_errors", "extracted",
                                      "extract_errors", "articles_new", "duplicates", "events_new")}}
    def run_flow(s):  # what the flow leaves: a migrated database, and the result with the page's path
        with load.writer(s.db):
            return fake

    monkeypatch.setattr(cli_mod, "run_flow", run_flow)
    r = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "x.duckdb"), "--port", "0"])
    assert r.exit_code == 0, r.output
    assert f"Report (map, timeline, evidence; opens offline): {page}" in r.output
