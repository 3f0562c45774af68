"""The ``eventwire`` command: parse, call a flow or the library, print.

Thin on purpose: no HTML, no SQL building, no HTTP here. Domain errors become one
line on stderr (``--debug`` shows the traceback) and an exit status: 0 done, 1 the run
failed, 2 usage or configuration error (including a database locked by a writer).
Prefect is imported only by the commands that run flows.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

import flows  # noqa: F401  (telemetry off before anything imports Prefect)
from ingest.config import VERSION, Settings, load_settings
from ingest.errors import ConfigError, DatabaseLocked, EventwireError, InvalidQuery

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Abort(click.ClickException):
    """A clean one-line failure with an exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None) -> None:
        click.echo(f"eventwire: error: {self.message}", err=True)


def _handle(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn eventwire errors into one line and the contract's exit codes."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except click.ClickException:
            raise
        except (ConfigError, DatabaseLocked, InvalidQuery) as e:
            if debug:
                raise
            raise Abort(str(e), 2) from None
        except EventwireError as e:
            if debug:
                raise
            raise Abort(str(e), 1) from None
        except KeyboardInterrupt:
            raise Abort("interrupted", 1) from None
        except Exception as e:  # anything unexpected: one line unless --debug
            if debug:
                raise
            raise Abort(f"{type(e).__name__}: {e} (run with --debug for the traceback)", 1) from None

    return wrapper


def fetch_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that fetches (also settable in config and env)."""
    opts = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="TOML config file (default: $EVENTWIRE_CONFIG, else ./eventwire.toml if present)."),
        click.option("--concurrency", type=click.IntRange(1), default=None, help="Requests in flight, all hosts together [16]."),
        click.option("--per-host", type=click.IntRange(1), default=None, help="Requests in flight to one host [4]."),
        click.option("--user-agent", default=None, help="User-Agent header and robots.txt identity."),
        click.option("--allow-private", is_flag=True, default=None,
                     help="Let the fetcher reach loopback/private addresses (off by default)."),
        click.option("--lock-timeout", type=float, default=None,
                     help="Seconds to wait for another writer to release the database [30]."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                        help="TOML config file [./eventwire.toml when it exists].")(fn)


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="DuckDB file [$EVENTWIRE_DB or ./eventwire.duckdb].")(fn)


@click.group(context_settings=CONTEXT)
@click.version_option(VERSION, prog_name="eventwire")
@click.option("--debug", is_flag=True, help="Show tracebacks and Prefect's logs.")
def main(debug: bool) -> None:
    """eventwire: news articles in, structured event rows in DuckDB out.

    \b
    Typical use:
      eventwire demo                         # bundled sample site → ./eventwire.duckdb
      eventwire run --feed https://example.com/rss.xml
      eventwire query "SELECT title, domain FROM articles LIMIT 5"
      eventwire extract page.html            # one JSON line per file, no database
    """
    # Prefect logs task tracebacks at ERROR; the CLI's contract is one line unless --debug
    os.environ["PREFECT_LOGGING_LEVEL"] = "INFO" if debug else os.environ.get("EVENTWIRE_PREFECT_LOG_LEVEL", "CRITICAL")


# ------------------------------------------------------------------ run

def parse_sources_file(path: Path) -> dict[str, list[str]]:
    """``KIND LOCATION`` per line (KIND: feed, sitemap, url, file, warc); a bare URL is a feed."""
    out: dict[str, list[str]] = {"feeds": [], "sitemaps": [], "urls": [], "files": [], "warcs": []}
    kinds = {"feed": "feeds", "sitemap": "sitemaps", "url": "urls", "file": "files", "warc": "warcs"}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(f"cannot read sources file {path}: {e.strerror}") from None
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].lower() in kinds:
            out[kinds[parts[0].lower()]].append(parts[1].strip())
        elif len(parts) == 1:
            out["feeds"].append(parts[0])
        else:
            raise ConfigError(f"{path}:{n}: expected 'feed|sitemap|url|file|warc LOCATION', got {line!r}")
    return out


def run_flow(settings: Settings) -> dict[str, Any]:
    """Run the ingest flow (Prefect, no server unless PREFECT_API_URL is set)."""
    import asyncio

    from flows.ingest_flow import ingest
    from flows.server import ensure_api

    ensure_api()  # a slow Prefect start is waited out (and retried) here, not a failed run
    return asyncio.run(ingest(settings=settings.to_dict()))


def print_summary(result: dict[str, Any], db: Path) -> None:
    c = result["counts"]
    click.echo(
        f"run {result['run_id']}: "
        + (f"{c['sources_unchanged']} source(s) unchanged since last run (304), " if c.get("sources_unchanged") else "")
        + f"{c['candidates']} discovered, {c['skipped_known']} already loaded, "
        f"{c['fetched']} fetched ({c['fetch_errors']} failed), {c['extracted']} extracted "
        f"({c['extract_errors']} failed), {c['articles_new']} new articles "
        f"({c['duplicates']} copies of other stories), {c['events_new']} new events → {db}"
    )
    if result.get("errors"):
        errs = ", ".join(f"{k}: {v}" for k, v in sorted(result["errors"].items()))
        click.echo(f"failures by class: {errs} (see the fetches and failures tables)")


_OPTION = {"feeds": "--feed", "sitemaps": "--sitemap", "urls": "--url", "files": "--file", "warcs": "--warc"}


def _check_source(kind: str, value: str) -> None:
    """A source given on the command line must be usable before a run starts: an http(s) URL
    with a host, or (``--url``: a URL list; ``--file``, ``--warc``) a path that exists. A typo
    would otherwise look like a run that found nothing new (exit 0)."""
    from ingest.errors import InvalidURL
    from ingest.urls import usable_link

    opt = _OPTION.get(kind, kind)
    if kind in ("files", "warcs"):
        if not Path(value).exists():
            raise Abort(f"{opt} {value!r}: no such file or folder", 2)
        return
    if kind == "urls" and Path(value).is_file():
        return  # a file of URLs, one per line
    try:
        ok = usable_link(value)
    except InvalidURL as e:
        raise Abort(f"{opt} {value!r}: {e}", 2) from None
    if ok is None or "://" not in value:
        hint = " and no such file" if kind == "urls" else ""
        raise Abort(f"{opt} {value!r}: not an http(s) URL{hint} (write it as https://host/path)", 2)


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="RSS/Atom/JSON feed (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Sitemap or sitemap index (repeatable).")
@click.option("--url", "urls", multiple=True, metavar="URL", help="Article URL, or a file with one URL per line (repeatable).")
@click.option("--file", "files", multiple=True, metavar="PATH", help="Local .html/.html.gz file or folder (repeatable).")
@click.option("--warc", "warcs", multiple=True, metavar="PATH", type=click.Path(exists=True, dir_okay=False),
              help="WARC/ARC file, gzipped or not, e.g. a CC-NEWS file: its HTML responses, streamed (repeatable).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Processes for extraction and event coding [1: the run's own process].")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File of sources: one 'feed|sitemap|url|file|warc LOCATION' per line.")
@fetch_options
@_handle
def run(db, feeds, sitemaps, urls, files, warcs, sources_file, config_file, **opts) -> None:
    """One ingest run: discover → fetch → extract → dedup → events → load.

    With no source options it uses the sources in the config file. Re-running over
    the same input adds no rows. Per-page failures are recorded (tables fetches and
    failures) and do not fail the run.
    """
    extra: dict[str, list[str]] = {"feeds": list(feeds), "sitemaps": list(sitemaps), "urls": list(urls), "files": list(files),
                                   "warcs": list(warcs)}
    if sources_file:
        for k, v in parse_sources_file(sources_file).items():
            extra[k] += v
    given = {k: tuple(v) for k, v in extra.items() if v}
    for kind, values in given.items():
        for value in values:
            _check_source(kind, value)
    s = load_settings(config_file, db=db, **opts)
    if given:  # sources on the command line replace the configured ones
        s = s.replace(feeds=given.get("feeds", ()), sitemaps=given.get("sitemaps", ()),
                      urls=given.get("urls", ()), files=given.get("files", ()), warcs=given.get("warcs", ()))
    if not (s.feeds or s.sitemaps or s.urls or s.files or s.warcs):
        raise Abort("no sources: pass --feed/--sitemap/--url/--file/--warc/--sources, or list sources in eventwire.toml", 2)
    result = run_flow(s)
    print_summary(result, s.db)


# ------------------------------------------------------------------ query

def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v


def format_rows(columns: list[str], rows: list[tuple], fmt: str, width: int = 60) -> str:
    if fmt == "json":
        return json.dumps([{c: _jsonable(v) for c, v in zip(columns, r)} for r in rows], ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps({c: _jsonable(v) for c, v in zip(columns, r)}, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[_jsonable(v) if v is not None else "" for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")

    def cell(v: Any) -> str:
        s = "" if v is None else str(_jsonable(v))
        s = s.replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)), "-+-".join("-" * w for w in widths)]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(x.rstrip() for x in out)


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table", show_default=True)
@click.option("--allow-external", is_flag=True,
              help="Allow SQL that reads or writes other files (COPY … TO, ATTACH, read_csv, INSTALL/LOAD).")
@click.option("--wait", type=float, default=5.0, show_default=True,
              help="Seconds to keep retrying while a run holds the database.")
@click.argument("sql")
@config_option
@_handle
def query(db, fmt, allow_external, wait, sql, config_file) -> None:
    """Run SQL on a read-only connection and print the rows. SQL '-' reads stdin.

    \b
    Examples:
      eventwire query "SELECT domain, count(*) n FROM articles GROUP BY 1 ORDER BY n DESC"
      echo "SELECT * FROM runs" | eventwire query --format csv -
    """
    from ingest.query import run_query

    s = load_settings(config_file, db=db)
    if sql == "-":
        sql = sys.stdin.read()
    columns, rows = run_query(s.db, sql, allow_external=allow_external, wait=wait)
    if columns:
        click.echo(format_rows(columns, rows, fmt))


# ------------------------------------------------------------------ extract

@main.command(context_settings=CONTEXT)
@click.option("--no-events", is_flag=True, help="Article only; skip event extraction.")
@click.option("--published", default=None, metavar="ISO-DATE",
              help="Publication date for pages that declare none (resolves 'Tuesday', 'last week').")
@click.option("--url", default=None, help="The URL the page came from (sets canonical URL and domain).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@config_option
@_handle
def extract(no_events, published, url, paths, config_file) -> None:
    """Extract articles (and events) from local HTML (.html, .html.gz) or text files; no database.

    Prints one JSON object per input, one per line:
    {"source": PATH, "article": {...}, "events": [...]}. The article carries its section and
    events_gate; "events_skipped" says why an article was not coded (the article gate, or its
    language). A file that fails prints {"source": PATH, "error": ...} and the exit status is 1.
    """
    from ingest.timeparse import parse_datetime
    from ingest.localfiles import extract_path

    pub = None
    if published:
        pub = parse_datetime(published)
        if pub is None:
            raise Abort(f"--published {published!r} is not an ISO date like 2022-10-05", 2)
    s = load_settings(config_file)
    coder = None
    if not no_events:
        from ingest.events_stage import load_coder

        coder = load_coder(s)
    failed = 0
    for p in paths:
        record = extract_path(p, url=url, published=pub, coder=coder, settings=s)
        failed += "error" in record
        click.echo(json.dumps(record, ensure_ascii=False, default=str))
    if failed:
        sys.exit(1)


# ------------------------------------------------------------------ reprocess / export / serve

@main.command(context_settings=CONTEXT)
@db_option
@click.option("--since", default=None, metavar="ISO-DATE", help="Only articles first seen on or after this date.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="TOML config file.")
@_handle
def reprocess(db, since, config_file) -> None:
    """Re-extract articles and events from their stored pages (WARC), without fetching.

    Uses the current extractor; replaces each article's content columns and its events
    (identity columns stay). Articles loaded with archiving off are skipped.
    """
    import asyncio

    from flows.reprocess import reprocess as reprocess_flow

    s = load_settings(config_file, db=db)
    if not s.db.exists():
        raise Abort(f"database {s.db} does not exist yet: run `eventwire run` first", 2)
    from flows.server import ensure_api

    ensure_api()
    result = asyncio.run(reprocess_flow(since=since, settings=s.to_dict()))
    c = result["counts"]
    click.echo(f"reprocess {result['run_id']}: {c['candidates']} stored pages, {c['extracted']} re-extracted "
               f"({c['extract_errors']} failed), {c['events_new']} events → {s.db}")


@main.command(context_settings=CONTEXT)
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--table", "tables", multiple=True, help="Export only this table (repeatable).")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_handle
def export(db, fmt, tables, out_dir) -> None:
    """Write the tables to OUT_DIR as files partitioned by date (Hive layout).

    \b
    Read back with DuckDB:
      SELECT * FROM read_parquet('OUT_DIR/articles/**/*.parquet', hive_partitioning = true)
    """
    from ingest.export import export_tables

    s = load_settings(db=db)
    counts = export_tables(s.db, out_dir, fmt, list(tables) or None)
    for t, n in counts.items():
        click.echo(f"{t}: {n} rows → {out_dir / t}/")


@main.command(context_settings=CONTEXT)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="TOML config file.")
@click.option("--cron", default="*/15 * * * *", show_default=True, help="Schedule of the ingest flow.")
@click.option("--export-cron", default="0 3 * * *", show_default=True, help="Schedule of the daily export.")
@click.option("--export-dir", default="exports", show_default=True, help="Where the export flow writes.")
@click.option("--port", default=4200, show_default=True, help="Port of the local Prefect server.")
@_handle
def serve(config_file, cron, export_cron, export_dir, port) -> None:
    """Run the flows on their schedules on this machine, without a worker.

    Starts a local Prefect server on 127.0.0.1 (or reuses one already listening on
    --port, or the one PREFECT_API_URL names), then serves the ingest, reprocess and
    export flows. Stop with Ctrl-C: the schedules stop, and a server started by this
    command is stopped too. Schedules need a server: Prefect's ephemeral mode cannot
    schedule.
    """
    import contextlib

    from flows.server import local_server

    s = load_settings(config_file)
    if not (s.feeds or s.sitemaps or s.urls or s.files):
        raise Abort("no sources configured: list them in eventwire.toml (see README, Configuration)", 2)
    existing = os.environ.get("PREFECT_API_URL")
    ctx = contextlib.nullcontext(existing) if existing else local_server(port=port)
    with ctx as api:
        os.environ["PREFECT_API_URL"] = api
        from flows.deployments import serve_all

        click.echo(f"Prefect API {api} (UI: {api.removesuffix('/api')}); ingest on '{cron}', "
                   f"export on '{export_cron}'. Ctrl-C to stop.")
        try:
            serve_all(config_file, cron=cron, export_cron=export_cron, export_dir=export_dir)
        except KeyboardInterrupt:  # Ctrl-C is how serving stops
            pass
    click.echo("stopped serving" + ("" if existing else " and the Prefect server this command started"))


# ------------------------------------------------------------------ report

@main.command(context_settings=CONTEXT)
@db_option
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="ISO-DATE",
              help="Only events dated on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="ISO-DATE",
              help="Only events dated on or before this day.")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Only this PLOVER type, e.g. ASSAULT (repeatable).")
@click.option("--country", "countries", multiple=True, metavar="ISO3",
              help="Only events placed in this country, ISO 3166 alpha-3, e.g. UKR (repeatable).")
@click.option("--asserted-only/--all", "asserted_only", default=True, show_default=True,
              help="What happened (v_events), or every modality: future, claimed, denied too (v_events_all).")
@click.option("--run", "run_id", default=None, metavar="RUN_ID", help="Run whose health the page shows [the latest].")
@click.option("--top", type=click.IntRange(0), default=200, show_default=True,
              help="Events listed with their evidence sentences.")
@click.option("--map-cap", type=click.IntRange(0), default=5000, show_default=True,
              help="Marks on the map at most (the most reported first).")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_handle
def report(db, since, until, types, countries, asserted_only, run_id, top, map_cap, out) -> None:
    """Write one self-contained HTML page: a map, a timeline, the top events with their evidence.

    Also the run's health (fetches by host, failures, articles gated out). The page opens from
    disk with no network: data, charts, scripts and basemap are inside it. Filters by type,
    country and date work in the page too. Prints the path written.

    \b
    Example:
      eventwire report --since 2022-10-01 --country UKR --type ASSAULT week.html
    """
    from ingest.report import ReportOptions, write_report

    s = load_settings(db=db)
    opts = ReportOptions(since=since.date() if since else None, until=until.date() if until else None,
                         types=types, countries=countries, asserted_only=asserted_only, run_id=run_id,
                         top=top, map_cap=map_cap)
    click.echo(write_report(s.db, out, opts))


# ------------------------------------------------------------------ demo

DEMO_PORT = 8765
DEMO_QUERIES = [
    ("Latest articles", "SELECT title, domain, CAST(published_at AS DATE) AS published FROM articles "
     "WHERE duplicate_of IS NULL ORDER BY published_at DESC NULLS LAST, title LIMIT 10"),
    ("Stories published by more than one outlet",
     "SELECT o.title, count(c.article_id) + 1 AS outlets, list(c.domain ORDER BY c.domain) AS copies_at "
     "FROM articles o JOIN articles c ON c.duplicate_of = o.article_id GROUP BY o.title ORDER BY outlets DESC"),
    ("Events: who did what, where, when (the seed story)",
     "SELECT event_type, coalesce(actor_name, '') AS actor, coalesce(location_name, '') AS place, "
     "event_date, killed, injured, amount_usd, personnel FROM events "
     "WHERE article_id IN (SELECT article_id FROM articles WHERE title LIKE '%Lyman%' AND duplicate_of IS NULL) "
     "ORDER BY sentence_index LIMIT 12"),
    ("Events reported by several outlets (clusters: one row per real-world event)",
     "SELECT event_type, coalesce(location_name, '') AS place, coalesce(admin1, '') AS admin1, event_date, "
     "killed, injured, amount_usd, num_mentions AS mentions, num_articles AS articles, num_sources AS outlets "
     "FROM v_events WHERE num_sources > 1 ORDER BY num_sources DESC, num_mentions DESC, event_type LIMIT 8"),
    ("Event mentions by type", "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"),
    ("Runs", "SELECT run_id[:8] AS run, status, candidates, skipped_known, fetched, articles_new, duplicates, "
     "events_new, round(epoch(finished_at - started_at), 1) AS seconds FROM runs ORDER BY started_at"),
    ("Totals", "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS event_mentions, "
     "(SELECT count(*) FROM v_events) AS events, (SELECT count(*) FROM fetches) AS requests"),
]


@main.command(context_settings=CONTEXT)
@db_option
@fetch_options
@click.option("--port", type=int, default=DEMO_PORT, show_default=True,
              help="Port for the sample site (a free one if taken). A stable port lets the second run "
                   "show conditional GET: the feed answers 304.")
@_handle
def demo(db, port, config_file, **opts) -> None:
    """Serve the bundled sample site on 127.0.0.1 and run the real pipeline on it.

    Loads into the default database (or --db), then prints a few query results and the
    path of the run's HTML report (see `eventwire report`). Run it twice: the second run
    adds no rows.
    """
    from ingest.query import run_query
    from ingest.samplesite import serve_site, site_dir

    s = load_settings(config_file, db=db, **opts)
    with serve_site(site_dir(), port=port, any_port_if_taken=True) as base:
        click.echo(f"serving the sample site at {base}/ (feed {base}/feed.xml)")
        # the sample site mirrors other publishers' pages: trust their canonical URLs, so
        # articles keep their real domains and ids whatever port the site is served on
        s = s.replace(feeds=(f"{base}/feed.xml",), sitemaps=(), urls=(), files=(),
                      allow_private=True, trust_canonical="always", obey_robots=True)
        result = run_flow(s)
    print_summary(result, s.db)
    for title, sql in DEMO_QUERIES:
        columns, rows = run_query(s.db, sql)
        click.echo(f"\n{title}:\n{format_rows(columns, rows, 'table', width=70)}")
    click.echo(f"\nExplore: eventwire query --db {s.db} \"SELECT * FROM articles LIMIT 5\"")
    if result.get("report"):
        click.echo(f"Report (map, timeline, evidence; opens offline): {result['report']}")


if __name__ == "__main__":  # pragma: no cover
    main()
