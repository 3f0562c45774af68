"""Handed site case 11: one abduction reported three times (three days, three wordings, three
counts) must be one event cluster, through the real pipeline: the case's pages served over
HTTP on 127.0.0.1, ``eventwire run`` on its feed, the clusters read back from DuckDB."""

from __future__ import annotations

import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main

CASE = Path(__file__).resolve().parent.parent / "data" / "cases" / "11-one-kidnapping-many-reports"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.usefixtures("prefect_harness")
def test_one_abduction_three_reports_is_one_cluster(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(CASE / "site", site)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    port = httpd.server_address[1]
    (site / "feed.xml").write_text((CASE / "feed.xml.in").read_text().replace("@PORT@", str(port)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        db = tmp_path / "case11.duckdb"
        r = CliRunner().invoke(main, ["run", "--db", str(db), "--allow-private",
                                      "--feed", f"http://127.0.0.1:{port}/feed.xml"])
        assert r.exit_code == 0, r.output
    finally:
        httpd.shutdown()
    expected = json.loads((CASE / "expected.json").read_text())
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == expected["articles"]
    rows = con.execute("SELECT event_type, mode, location_name, country, event_date::VARCHAR, num_articles "
                       "FROM v_events WHERE event_type = 'ASSAULT' AND mode = 'abduct'").fetchall()
    want = expected["clusters"][0]
    assert len(rows) == expected["abduction_clusters"], rows
    assert rows[0] == (want["event_type"], want["mode"], want["location_name"], want["country"],
                       want["event_date"], want["num_articles"])
