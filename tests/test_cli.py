import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main
from tests.helpers import hold_lock

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def cli():
    return CliRunner()


def test_every_command_has_help_and_is_documented(cli):
    readme = README.read_text()
    for name, cmd in main.commands.items():
        r = cli.invoke(main, [name, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output and len(cmd.help or "") > 20
        assert f"eventwire {name}" in readme, f"README does not document `eventwire {name}`"


@pytest.mark.usefixtures("prefect_harness")
def test_run_then_query_in_every_format(cli, sample_site, tmp_path):
    db = str(tmp_path / "cli.duckdb")
    r = cli.invoke(main, ["run", "--db", db, "--feed", f"{sample_site}/feed.xml", "--allow-private"])
    assert r.exit_code == 0, r.output
    assert "33 new articles" in r.output
    sql = "SELECT title, published_at FROM articles WHERE domain = '127.0.0.1' ORDER BY published_at DESC, title LIMIT 2"
    js = json.loads(cli.invoke(main, ["query", "--db", db, "--format", "json", sql]).output)
    assert js[0]["published_at"].startswith("2022-10-05") and "Lyman" in js[0]["title"]
    lines = cli.invoke(main, ["query", "--db", db, "--format", "jsonl", sql]).output.splitlines()
    assert [json.loads(x)["title"] for x in lines] == [x["title"] for x in js]
    csv_out = cli.invoke(main, ["query", "--db", db, "--format", "csv", sql]).output.splitlines()
    assert csv_out[0] == "title,published_at" and len(csv_out) == 3
    table = cli.invoke(main, ["query", "--db", db, sql]).output
    assert "(2 rows)" in table
    stdin = cli.invoke(main, ["query", "--db", db, "-"], input="SELECT count(*) AS n FROM articles")
    assert re.search(r"\b33\b", stdin.output)
    again = cli.invoke(main, ["run", "--db", db, "--feed", f"{sample_site}/feed.xml", "--allow-private"])
    # the feed answers 304 Not Modified: nothing to discover, nothing fetched
    assert "1 source(s) unchanged" in again.output and "0 discovered" in again.output
    assert "0 new articles" in again.output


def test_errors_are_one_line_with_contract_exit_codes(cli, tmp_path):
    db = tmp_path / "x.duckdb"
    r = cli.invoke(main, ["run", "--db", str(db)])
    assert r.exit_code == 2 and "no sources" in r.output and "Traceback" not in r.output
    r = cli.invoke(main, ["query", "--db", str(db), "SELECT 1"])
    assert r.exit_code == 1 and "does not exist" in r.output
    r = cli.invoke(main, ["run", "--db", str(db), "--concurrency", "0", "--url", "http://x"])
    assert r.exit_code == 2
    # wrong SQL is a usage error (2), with DuckDB's own message
    import duckdb
    duckdb.connect(str(db)).close()
    r = cli.invoke(main, ["query", "--db", str(db), "SELEC 1"])
    assert r.exit_code == 2 and "syntax error" in r.output.lower()
    r = cli.invoke(main, ["query", "--db", str(db), "SELECT * FROM no_such_table"])
    assert r.exit_code == 2 and "no_such_table" in r.output
    p = hold_lock(db, 10)
    try:
        r = cli.invoke(main, ["query", "--db", str(db), "--wait", "0.3", "SELECT 1"])
        assert r.exit_code == 2 and f"locked by process {p.pid}" in r.output
    finally:
        p.kill()
        p.wait()


@pytest.mark.parametrize("args, says", [
    (["--url", "not a url"], "not an http(s) URL and no such file"),
    (["--url", "example.com/news/1"], "not an http(s) URL"),           # no scheme
    (["--url", "ftp://127.0.0.1/x"], "not an http(s) URL"),
    (["--url", "urls.txt"], "no such file"),                          # a misspelt URL list
    (["--url", "http://[::1/broken"], "Invalid IPv6 URL"),
    (["--feed", "http://[::1/broken"], "malformed URL"),
    (["--file", "nonexist.html"], "no such file or folder"),
])
def test_a_source_typo_is_a_usage_error_not_an_empty_run(cli, tmp_path, args, says):
    r = cli.invoke(main, ["run", "--db", str(tmp_path / "x.duckdb"), *args])
    assert r.exit_code == 2 and says in r.output and "Traceback" not in r.output
    assert not (tmp_path / "x.duckdb").exists()  # nothing ran


def test_query_refuses_writes(cli, tmp_path):
    from ingest import load

    db = tmp_path / "q.duckdb"
    with load.writer(db):
        pass
    r = cli.invoke(main, ["query", "--db", str(db), "DROP TABLE articles"])
    assert r.exit_code == 2 and "read-only" in r.output.lower()  # a write is a misuse of `query`
    r = cli.invoke(main, ["query", "--db", str(db), "SELECT count(*) FROM articles"])
    assert r.exit_code == 0


def test_extract_prints_one_json_object_per_input(cli, seed_dir, tmp_path):
    bad = tmp_path / "empty.html"
    bad.write_text("<html></html>")
    r = cli.invoke(main, ["extract", "--no-events", str(seed_dir / "lyman_article.html"),
                          str(seed_dir / "lyman_article.txt"), str(bad)])
    assert r.exit_code == 1  # one input failed
    recs = [json.loads(x) for x in r.output.splitlines()]
    assert len(recs) == 3
    html, txt, failed = recs
    assert html["article"]["title"].startswith("Russian troops leave dead behind")
    assert html["article"]["published_at"].startswith("2022-10-05") and html["events"] == []
    assert txt["article"]["word_count"] > 500 and txt["article"]["published_at"] is None
    assert failed["error"] == "ExtractionFailed"
    r = cli.invoke(main, ["extract", "--no-events", "--published", "2022-10-05", str(seed_dir / "lyman_article.txt")])
    assert json.loads(r.output)["article"]["published_at"].startswith("2022-10-05")
    r = cli.invoke(main, ["extract", "--no-events", "--published", "yesterday-ish", str(seed_dir / "lyman_article.txt")])
    assert r.exit_code == 2


def test_extract_codes_the_seed_page_end_to_end(cli, seed_dir):
    """`eventwire extract` on the seed page: its gold events with their columns, nothing else."""
    r = cli.invoke(main, ["extract", str(seed_dir / "lyman_article.html")])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["article"]["events_gate"] is None and "events_skipped" not in rec
    evs = rec["events"]
    kinds = {(e["event_type"], e["location_name"]) for e in evs}
    assert {("RETREAT", "Lyman"), ("ASSAULT", "Kharkiv")} <= kinds
    assert any(e["modality"] == "future" and e["intended_type"] == "AID" and e["amount_usd"] == 625e6 for e in evs)
    assert all(set(e) >= {"modality", "intended_type", "date_end", "currency", "geo_precision"} for e in evs)
    assert len(evs) <= 12  # the seed's events, not every trigger word


@pytest.mark.usefixtures("prefect_harness")
def test_demo_prints_articles_and_reruns_add_nothing(cli, tmp_path):
    db = str(tmp_path / "demo.duckdb")
    r = cli.invoke(main, ["demo", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Russian troops leave dead behind" in r.output and "wire.example" in r.output
    assert "33 new articles" in r.output
    r2 = cli.invoke(main, ["demo", "--db", db])
    assert r2.exit_code == 0 and "0 new articles" in r2.output


def test_sources_file_kinds(tmp_path):
    from flows.cli import parse_sources_file
    from ingest.errors import ConfigError

    f = tmp_path / "sources.txt"
    f.write_text("# comment\nhttps://a.example/rss\nsitemap https://a.example/sitemap.xml\n"
                 "url https://a.example/x\nfile pages/\nwarc cc-news.warc.gz\n")
    got = parse_sources_file(f)
    assert got == {"feeds": ["https://a.example/rss"], "sitemaps": ["https://a.example/sitemap.xml"],
                   "urls": ["https://a.example/x"], "files": ["pages/"], "warcs": ["cc-news.warc.gz"]}
    f.write_text("podcast https://a.example/p extra\n")
    with pytest.raises(ConfigError, match="sources.txt:1"):
        parse_sources_file(f)


def test_extract_reports_a_missing_file_and_goes_on(cli, tmp_path):
    good = tmp_path / "note.txt"
    good.write_text("On Monday, police arrested 12 protesters in Paris.")
    r = cli.invoke(main, ["extract", "--no-events", str(good), str(tmp_path / "missing.html")])
    lines = [json.loads(x) for x in r.output.splitlines() if x.startswith("{")]
    assert r.exit_code == 1 and len(lines) == 2
    assert lines[0]["article"]["text"].startswith("On Monday") and lines[1]["error"] == "FileNotFoundError"


@pytest.mark.usefixtures("prefect_harness")
def test_a_local_file_that_cannot_be_read_is_a_fetches_row(cli, tmp_path):
    import duckdb

    bad = tmp_path / "bad.html.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    db = tmp_path / "f.duckdb"
    r = cli.invoke(main, ["run", "--db", str(db), "--file", str(bad)])
    assert r.exit_code == 0 and "DecodeFailed: 1" in r.output
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT url, error FROM fetches").fetchall()
    assert rows == [(bad.resolve().as_uri(), "DecodeFailed")]


def test_extract_and_query_take_a_config_file_over_a_broken_local_one(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eventwire.toml").write_text("[fetch]\nconcurency = 4\n")
    note = tmp_path / "note.txt"
    note.write_text("On Monday, police arrested 12 protesters in Paris.")
    r = cli.invoke(main, ["extract", "--no-events", str(note)])
    assert r.exit_code == 2 and "did you mean 'concurrency'" in r.output
    (tmp_path / "ok.toml").write_text("")
    r = cli.invoke(main, ["extract", "--no-events", "--config", str(tmp_path / "ok.toml"), str(note)])
    assert r.exit_code == 0 and json.loads(r.output)["article"]["text"].startswith("On Monday")
    r = cli.invoke(main, ["query", "--config", str(tmp_path / "ok.toml"), "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert r.exit_code == 1 and "does not exist" in r.output  # past the settings: the database is missing
