"""``eventwire report``: one self-contained HTML page with a map, a timeline and the evidence.

Analysts look before they query, and a page they can open from disk, mail to a colleague or
attach to a scheduled run needs no server and no network. So everything is inside the file:
the data (aggregated here, in DuckDB, so the page stays small at 100k events), the chart
specifications, the Vega / Vega-Lite / vega-embed JavaScript (inlined from the
``vl-convert-python`` wheel, which ships exactly that bundle) and the basemap (Natural Earth
110m countries as TopoJSON, shipped in ``data/``). Nothing is fetched when the page opens.

The data comes from the views users query (``v_events_all``, narrowed to ``v_events`` by
default; ``events`` and ``articles`` for the evidence; ``runs``, ``fetches``, ``failures`` and
``articles.events_gate`` for the run's health), through the ``.sql`` files beside this
module, so the page and the user's SQL agree. The database is opened read-only.

Public surface: :class:`ReportOptions`, :func:`collect` (the data the page embeds),
:func:`render` (data → HTML), :func:`write_report` (database → file) and
:func:`write_run_report` (what the ingest flow attaches to each run).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

import duckdb

from ingest.config import VERSION
from ingest.errors import ConfigError, EventwireError
from ingest.load import reader

__all__ = ["PLOVER_TYPES", "QUADS", "TYPE_COLOURS", "ReportOptions", "chart_specs", "collect", "render",
           "run_report_path", "write_report", "write_run_report"]

#: PLOVER's 16 types, cooperation to conflict, grouped by quad class (the order of the legend).
QUADS: dict[str, tuple[str, ...]] = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
PLOVER_TYPES: tuple[str, ...] = tuple(t for types in QUADS.values() for t in types)

# One hue family per quad class (greens, blues, oranges, reds), one shade per type: the map and
# the timeline are coloured by type, and the quad class reads at a glance from the hue.
_PALETTE = {
    "verbal cooperation": ("#a1d99b", "#74c476", "#41ab5d", "#238b45"),
    "material cooperation": ("#9ecae1", "#4292c6", "#08519c"),
    "verbal conflict": ("#fdd0a2", "#fdae6b", "#fd8d3c", "#d94801"),
    "material conflict": ("#fc9272", "#ef3b2c", "#cb181d", "#a50f15", "#67000d"),
}
TYPE_COLOURS: dict[str, str] = {t: c for q, types in QUADS.items() for t, c in zip(types, _PALETTE[q])}


@dataclasses.dataclass(frozen=True)
class ReportOptions:
    """What the report covers. The filters apply in the database; the page can narrow further."""

    since: dt.date | None = None           # event_date on or after
    until: dt.date | None = None           # event_date on or before
    types: tuple[str, ...] = ()            # PLOVER types; empty = all
    countries: tuple[str, ...] = ()        # ISO 3166 alpha-3 of the place; empty = all
    asserted_only: bool = True             # v_events (what happened); False = v_events_all
    run_id: str | None = None              # run whose health is shown; None = the latest run
    top: int = 200                         # events listed with their evidence
    map_cap: int = 5000                    # marks on the map (the most reported first)
    evidence_per_event: int = 5            # sentences shown per listed event
    recent_runs: int = 10                  # rows of the runs table
    title: str = "eventwire report"

    def __post_init__(self) -> None:
        types = tuple(t.upper() for t in self.types)
        bad = [t for t in types if t not in PLOVER_TYPES]
        if bad:
            raise ConfigError(f"unknown event type {', '.join(bad)}: use one of {', '.join(PLOVER_TYPES)}")
        countries = tuple(c.upper() for c in self.countries)
        bad = [c for c in countries if len(c) != 3 or not c.isalpha()]
        if bad:
            raise ConfigError(f"country {', '.join(bad)} is not an ISO 3166 alpha-3 code (e.g. UKR)")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"--since {self.since} is after --until {self.until}")
        if self.top < 0 or self.map_cap < 0 or self.evidence_per_event < 0:
            raise ConfigError("report caps must be 0 or more")
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "countries", countries)


# ---------------------------------------------------------------- data

@functools.cache
def _sql(name: str) -> str:
    return resources.files(__name__).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def _records(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(_sql(name), params or {})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _columns(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> dict[str, list]:
    """A query's result as {column: values}: compact to embed, and Vega reads rows from it in JS."""
    tbl = con.sql(_sql(name), params=params or None).to_arrow_table()
    return {c: tbl.column(c).to_pylist() for c in tbl.column_names}


def collect(con: duckdb.DuckDBPyConnection, opts: ReportOptions = ReportOptions()) -> dict[str, Any]:
    """Everything the page embeds, computed in DuckDB: aggregates and capped lists, never all rows.

    ``con`` may be read-only: the filtered events are fetched once as Arrow and registered
    as ``report_events`` (a view over the Arrow table, nothing is written), and the other
    queries read that.
    """
    events = con.sql(_sql("events"), params={
        "asserted_only": opts.asserted_only, "since": opts.since, "until": opts.until,
        "types": list(opts.types), "countries": list(opts.countries)}).to_arrow_table()
    con.register("report_events", events)
    try:
        [totals] = _records(con, "totals")
        marks = _columns(con, "map", {"cap": opts.map_cap})
        timeline = _columns(con, "timeline")
        top = _records(con, "top", {"top": opts.top})
        con.register("report_top", _ids_table([t["cluster_id"] for t in top]))
        try:
            evidence: dict[str, list[dict[str, Any]]] = {}
            for r in _records(con, "evidence", {"per_cluster": opts.evidence_per_event}):
                evidence.setdefault(r.pop("cluster_id"), []).append(r)
            reports: dict[str, list[dict[str, Any]]] = {}
            for r in _records(con, "reports", {"per_cluster": 10}):
                reports.setdefault(r.pop("cluster_id"), []).append(r)
        finally:
            con.unregister("report_top")
    finally:
        con.unregister("report_events")
    for t in top:
        t["evidence"] = evidence.get(t["cluster_id"], [])
        t["reports"] = reports.get(t["cluster_id"], [])
    return {
        "generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "version": VERSION,
        "options": {"since": opts.since.isoformat() if opts.since else None,
                    "until": opts.until.isoformat() if opts.until else None,
                    "types": list(opts.types), "countries": list(opts.countries),
                    "asserted_only": opts.asserted_only, "top": opts.top, "map_cap": opts.map_cap,
                    "evidence_per_event": opts.evidence_per_event, "title": opts.title},
        "totals": totals,
        "caps": {"map": {"shown": len(marks["id"]), "of": totals["located"]},
                 "top": {"shown": len(top), "of": totals["events"]}},
        "marks": marks,
        "timeline": timeline,
        "top": top,
        "health": _health(con, opts),
    }


def _ids_table(ids: Sequence[str]) -> Any:
    import pyarrow as pa

    return pa.table({"cluster_id": pa.array(ids, pa.string())})


def _health(con: duckdb.DuckDBPyConnection, opts: ReportOptions) -> dict[str, Any]:
    """The run's health: recent runs; for one run, fetches by host, failures, gated articles."""
    runs = _records(con, "health_runs", {"run_id": None, "limit": max(opts.recent_runs, 1)})
    run = _records(con, "health_runs", {"run_id": opts.run_id, "limit": 1})
    if opts.run_id and not run:
        raise EventwireError(f"no run {opts.run_id} in the database (see: eventwire query \"SELECT run_id FROM runs\")")
    run_id = run[0]["run_id"] if run else None
    out: dict[str, Any] = {"run_id": run_id, "runs": runs, "run": run[0] if run else None,
                           "hosts": [], "failures": [], "gated": []}
    if run_id is None:
        return out
    for key, name in (("hosts", "health_hosts"), ("failures", "health_failures"), ("gated", "health_gated")):
        out[key] = _records(con, name, {"run_id": run_id})
    return out


# ---------------------------------------------------------------- page

@functools.cache
def _basemap() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("data", "countries-110m.json").read_text(encoding="utf-8"))


@functools.cache
def _vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one classic script that sets ``window.vegaEmbed``.

    vl-convert-python ships the bundle inside its wheel (it renders charts with the same
    code), so the page inlines the exact library versions installed, offline."""
    import vl_convert

    return vl_convert.javascript_bundle()


def _filter_expr() -> str:
    """The in-page filters as one Vega expression over rows with keys t (type), c (country), d (day)."""
    return ("(length(ftypes) == 0 || indexof(ftypes, datum.t) >= 0)"
            " && (fcountry == '' || datum.c == fcountry)"
            " && (fsince == '' || (isString(datum.d) && datum.d >= fsince))"
            " && (funtil == '' || (isString(datum.d) && datum.d <= funtil))")  # ISO days compare as strings


_PARAMS = [{"name": "ftypes", "value": []}, {"name": "fcountry", "value": ""},
           {"name": "fsince", "value": ""}, {"name": "funtil", "value": ""}]


def _colour(legend: bool = True) -> Any:
    import altair as alt

    return alt.Color("t:N", title="event type", scale=alt.Scale(domain=list(PLOVER_TYPES), range=list(TYPE_COLOURS.values())),
                     legend=alt.Legend(columns=2, symbolLimit=16) if legend else None)


def chart_specs() -> dict[str, dict[str, Any]]:
    """The Vega-Lite specs of the map and the timeline, data by name (the page supplies it).

    Built with Altair; the data is not in the specs but in the page's one JSON block, so it
    is embedded once and the event list and the charts filter the same rows."""
    import altair as alt

    keep = _filter_expr()
    basemap = alt.Chart(alt.Data(name="basemap", format=alt.DataFormat(type="topojson", feature="countries"))
                        ).mark_geoshape(fill="#eceae4", stroke="#ffffff", strokeWidth=0.5)
    marks = alt.Chart(alt.Data(name="marks")).mark_circle(opacity=0.75, stroke="#222", strokeWidth=0.4).encode(
        longitude="lon:Q", latitude="lat:Q",
        size=alt.Size("m:Q", title="mentions", scale=alt.Scale(type="sqrt", range=[25, 900]),
                      legend=alt.Legend(format="~s", tickMinStep=1)),
        color=_colour(),
        description=alt.Description("id:N"),
        tooltip=[alt.Tooltip("t:N", title="type"), alt.Tooltip("q:N", title="quad class"),
                 alt.Tooltip("p:N", title="place"), alt.Tooltip("c:N", title="country"),
                 alt.Tooltip("d:N", title="date"), alt.Tooltip("m:Q", title="mentions"),
                 alt.Tooltip("s:Q", title="outlets"), alt.Tooltip("k:Q", title="killed"),
                 alt.Tooltip("i:Q", title="injured")],
        order=alt.Order("m:Q", sort="descending"),
    ).transform_filter(keep)
    world = alt.layer(basemap, marks).project(type="equalEarth").properties(width="container", height=440)

    # the type legend is the map's (and the filter bar's swatches): a second one would only take width
    # x is a Date made from d; d stays the ISO string the filters compare (a field used as
    # temporal in an encoding would be parsed to a Date at the source, for the filter too)
    day = alt.X("x:T", timeUnit="utcyearmonthdate", title=None,
                axis=alt.Axis(format="%b %d", labelAngle=0, tickMinStep=86_400_000))
    # rows are per day, type and country (so the country filter works); summed over country
    # here, after the filter, so there is one bar segment per day and type however many countries
    counts = alt.Chart(alt.Data(name="timeline")).mark_bar().encode(
        x=day, y=alt.Y("sum(n):Q", title="events per day", stack="zero"), color=_colour(legend=False),
        description=alt.Description("d:N"),  # each bar's aria-label: the day, as the page's data has it
        tooltip=[alt.Tooltip("d:N", title="day"), alt.Tooltip("t:N", title="type"),
                 alt.Tooltip("sum(n):Q", title="events"), alt.Tooltip("sum(u):Q", title="dated by publication"),
                 alt.Tooltip("sum(m):Q", title="mentions")],
    ).transform_filter(keep).transform_calculate(x="toDate(datum.d)").properties(width="container", height=180)
    casualties = alt.Chart(alt.Data(name="timeline")).transform_filter(keep).transform_calculate(
        x="toDate(datum.d)").transform_fold(
        ["k", "i"], as_=["what", "people"]).transform_filter("datum.people > 0").transform_calculate(
        what="datum.what == 'k' ? 'killed' : 'injured'").mark_bar().encode(
        x=day, y=alt.Y("sum(people):Q", title="casualties stated"),
        color=alt.Color("what:N", title=None, scale=alt.Scale(domain=["killed", "injured"], range=["#67000d", "#fc9272"]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("d:N", title="day"), alt.Tooltip("what:N"),
                 alt.Tooltip("sum(people):Q", title="people")],
    ).properties(width="container", height=110)
    # two views, not a vconcat: only a single view can take the width of its container
    out = {}
    for name, chart in (("map", world), ("timeline", counts), ("casualties", casualties)):
        spec = chart.to_dict(validate=True)
        spec.pop("$schema", None)  # a URL: nothing in the page may point at the network
        spec["params"] = _PARAMS
        spec.setdefault("config", {}).update({"view": {"stroke": None}, "font": "system-ui, sans-serif"})
        out[name] = spec
    return out


def _align_days(specs: dict[str, dict[str, Any]], days: list[str]) -> None:
    """One day axis for the counts and the casualties (whose own days are fewer), first to last
    day of the timeline; one tick a day when that is a month or less."""
    if not days:
        return
    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days)) + dt.timedelta(days=1)
    domain = [{"year": d.year, "month": d.month, "date": d.day, "utc": True} for d in (first, last)]
    for name in ("timeline", "casualties"):
        x = specs[name]["encoding"]["x"]
        x["scale"] = {"domain": domain}
        if (last - first).days <= 31:
            x["axis"]["tickCount"] = {"interval": "day", "step": 1}


def _e(v: Any) -> str:
    return "" if v is None else html.escape(str(v))


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
    return f"{v:,}" if isinstance(v, int) else _e(v)


def _safe_url(u: Any) -> str | None:
    """Only http(s) links are rendered as links (a javascript: URL from a feed stays text)."""
    return u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None


def _top_html(top: list[dict[str, Any]]) -> str:
    rows = []
    for i, t in enumerate(top, 1):
        actor = " → ".join(x for x in (_who(t["actor_name"], t["actor_country"]), _who(t["target_name"], t["target_country"])) if x)
        place = ", ".join(_e(x) for x in (t["location_name"], t["admin1"], t["country"]) if x)
        figures = " · ".join(f"{k} {_num(t[f])}" for k, f in (("killed", "killed"), ("injured", "injured"),
                                                               ("US$", "amount_usd"), ("personnel", "personnel"))
                             if t[f] is not None)
        ev = []
        for s in t["evidence"]:
            link = _safe_url(s["url"])
            src = f'<a href="{_e(link)}" rel="noreferrer noopener">{_e(s["domain"] or link)}</a>' if link else _e(s["domain"])
            ev.append(f'<li><q>{_e(s["evidence"])}</q> <span class="src">— {src}{", " + _e(s["published"]) if s["published"] else ""}'
                      f'{": " + _e(s["title"]) if s["title"] else ""}</span></li>')
        more = (t["evidence"][0]["sentences"] - len(t["evidence"])) if t["evidence"] else 0
        if more > 0:
            ev.append(f'<li class="more">… and {more} more sentence{"s" if more > 1 else ""}</li>')
        if len(t["reports"]) > 1 or any(r["copy"] for r in t["reports"]):
            links = []
            for r in t["reports"]:
                link = _safe_url(r["url"])
                name = _e(r["domain"] or r["url"]) + (" (copy)" if r["copy"] else "")
                links.append(f'<a href="{_e(link)}" rel="noreferrer noopener">{name}</a>' if link else name)
            extra = t["num_articles"] - len(t["reports"])
            ev.append('<li class="reports">Reported by: ' + ", ".join(links)
                      + (f" and {extra} more" if extra > 0 else "") + "</li>")
        modality = f' <span class="tag">{_e(t["modality"])}</span>' if t["modality"] != "asserted" else ""
        rows.append(
            f'<tr class="event" data-t="{_e(t["event_type"])}" data-c="{_e(t["country"] or "")}" data-d="{_e(t["event_date"] or "")}">'
            f'<td class="n">{i}</td>'
            f'<td><span class="sw" style="background:{TYPE_COLOURS.get(t["event_type"], "#999")}"></span>'
            f'<b>{_e(t["event_type"])}</b>{" / " + _e(t["mode"]) if t["mode"] else ""}{modality}'
            f'<div class="dim">{_e(t["quad"])}</div></td>'
            f'<td>{actor}</td><td>{place}</td>'
            f'<td class="nowrap">{_e(t["event_date"])}{"" if t["date_precision"] in ("day", None) else "<div class=dim>" + ("publication date" if t["date_precision"] == "unknown" else _e(t["date_precision"])) + "</div>"}</td>'
            f'<td class="n">{_num(t["num_mentions"])}</td><td class="n">{_num(t["num_articles"])}</td>'
            f'<td class="n">{_num(t["num_sources"])}</td><td>{figures}</td></tr>'
            f'<tr class="evidence" data-t="{_e(t["event_type"])}" data-c="{_e(t["country"] or "")}" data-d="{_e(t["event_date"] or "")}">'
            f'<td></td><td colspan="8"><ul>{"".join(ev) or "<li class=dim>no sentence stored</li>"}</ul></td></tr>')
    return "".join(rows)


def _who(name: Any, country: Any) -> str:
    if not name and not country:
        return ""
    return _e(name or "?") + (f' <span class="dim">({_e(country)})</span>' if country else "")


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], empty: str) -> str:
    if not rows:
        return f'<p class="dim">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(label)}</th>" for _, label in columns)
    body = "".join("<tr>" + "".join(
        f'<td class="{"n" if isinstance(r[k], (int, float)) else ""}">{_num(r[k]) if isinstance(r[k], (int, float)) else _e(r[k])}</td>'
        for k, _ in columns) + "</tr>" for r in rows)
    return f'<table class="plain"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _health_html(h: dict[str, Any]) -> str:
    if h["run_id"] is None:
        return '<p class="dim">No runs recorded in this database.</p>'
    r = h["run"] or {}
    started = r.get("started_at")
    summary = (f'<p>Run <code>{_e(h["run_id"])}</code> ({_e(r.get("flow"))}, {_e(r.get("status"))}, started '
               f'{_e(started.strftime("%Y-%m-%d %H:%M UTC") if started else "?")}): '
               f'{_num(r.get("candidates"))} discovered, {_num(r.get("skipped_known"))} already loaded, '
               f'{_num(r.get("fetched"))} fetched ({_num(r.get("fetch_errors"))} failed), '
               f'{_num(r.get("extracted"))} extracted ({_num(r.get("extract_errors"))} failed), '
               f'{_num(r.get("articles_new"))} new articles ({_num(r.get("duplicates"))} copies), '
               f'{_num(r.get("events_new"))} new event mentions.'
               + (f' Error: {_e(r.get("error"))}' if r.get("error") else "") + "</p>")
    runs = [dict(x, started_at=x["started_at"].strftime("%Y-%m-%d %H:%M") if x["started_at"] else None,
                 run_id=x["run_id"][:8]) for x in h["runs"]]
    return (summary
            + "<h3>Fetches by host</h3>" + _table(h["hosts"], [("host", "host"), ("urls", "URLs"), ("ok", "fetched"),
                                                            ("failed", "failed"), ("requests", "requests"),
                                                            ("errors", "error classes")], "No requests in this run.")
            + "<h3>Failures after fetching</h3>" + _table(h["failures"], [("stage", "stage"), ("error", "error"),
                                                                         ("n", "count"), ("example_url", "example"),
                                                                         ("example_message", "message")],
                                                         "Nothing failed after fetching.")
            + "<h3>Gated out of event coding</h3>" + _table(h["gated"], [("reason", "reason"), ("articles", "articles"),
                                                                        ("example_title", "example")],
                                                           "No article's events were gated out.")
            + "<h3>Recent runs</h3>" + _table(runs, [("run_id", "run"), ("flow", "flow"), ("status", "status"),
                                                    ("started_at", "started (UTC)"), ("fetched", "fetched"),
                                                    ("fetch_errors", "fetch errors"), ("articles_new", "new articles"),
                                                    ("events_new", "new events")], "No runs."))


def _json_for_script(obj: Any) -> str:
    """JSON safe inside <script>: no '</' or '<!--' can close or confuse the element."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_jsonable)
    return s.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return str(v)


def _scope_html(data: dict[str, Any]) -> str:
    o, t, caps = data["options"], data["totals"], data["caps"]
    parts = ["asserted events only (<code>v_events</code>)" if o["asserted_only"]
             else "every modality: asserted, future, claimed, denied (<code>v_events_all</code>)"]
    if o["since"] or o["until"]:
        parts.append(f'dated {_e(o["since"] or "…")} to {_e(o["until"] or "…")}')
    if o["types"]:
        parts.append("types " + ", ".join(_e(x) for x in o["types"]))
    if o["countries"]:
        parts.append("in " + ", ".join(_e(x) for x in o["countries"]))
    notes = []
    if caps["map"]["shown"] < caps["map"]["of"]:
        notes.append(f'The map shows the {caps["map"]["shown"]:,} most-reported of {caps["map"]["of"]:,} located events (cap {o["map_cap"]:,}).')
    if caps["top"]["shown"] < caps["top"]["of"]:
        notes.append(f'The list shows the {caps["top"]["shown"]:,} most widely reported of {caps["top"]["of"]:,} events (cap {o["top"]:,}).')
    off = t["events"] - t["on_timeline"]
    if off:
        notes.append(f"{off:,} event{'s' if off != 1 else ''} dated only to the week, month or year (or not at all) "
                     f"{'are' if off != 1 else 'is'} not on the timeline.")
    unlocated = t["events"] - t["located"]
    if unlocated:
        notes.append(f"{unlocated:,} event{'s' if unlocated != 1 else ''} with no located place "
                     f"{'are' if unlocated != 1 else 'is'} not on the map.")
    capped = any(caps[k]["shown"] < caps[k]["of"] for k in caps)
    return (f'<p>Scope: {"; ".join(parts)}. {t["events"]:,} events ({t["mentions"]:,} mentions), '
            f'{t["located"]:,} located, {t["on_timeline"]:,} on the timeline'
            + (f', {_e(t["first_day"])} to {_e(t["last_day"])}' if t["first_day"] else "") + ".</p>"
            + (f'<p id="caps" class="{"capped" if capped else ""}">' + " ".join(notes) + "</p>" if notes else ""))


def render(data: dict[str, Any]) -> str:
    """The page: one HTML string with its data, specs, scripts and basemap inlined."""
    template = resources.files(__name__).joinpath("template.html").read_text(encoding="utf-8")
    countries = sorted({c for c in data["timeline"]["c"] + data["marks"]["c"] if c})
    types = [t for t in PLOVER_TYPES if t in set(data["timeline"]["t"]) | set(data["marks"]["t"])
             | {x["event_type"] for x in data["top"]}]
    specs = chart_specs()
    _align_days(specs, data["timeline"]["d"])
    if data["marks"]["m"]:  # whole numbers of mentions in the size legend (not 0.5, 1.5)
        top_m = max(data["marks"]["m"])
        specs["map"]["layer"][1]["encoding"]["size"]["legend"]["values"] = sorted(
            {1, max(1, round(top_m / 4)), max(1, round(top_m / 2)), top_m})
    page_data = {"marks": data["marks"], "timeline": data["timeline"], "specs": specs,
                 "types": types, "countries": countries, "colours": TYPE_COLOURS,
                 "totals": data["totals"], "caps": data["caps"]}
    parts = {
        "TITLE": _e(data["options"]["title"]),
        "GENERATED": _e(f'{data["generated_at"]} by eventwire {data["version"]}'),
        "SCOPE": _scope_html(data),
        "TOP_ROWS": _top_html(data["top"]),
        "TOP_COUNT": str(len(data["top"])),
        "HEALTH": _health_html(data["health"]),
    }
    out = template
    for k, v in parts.items():
        out = out.replace("{{" + k + "}}", v)
    # the scripts go in last: they are large and must not be searched for placeholders
    before_vega, _, rest = out.partition("/*{{VEGA}}*/")
    before_data, _, after_data = rest.partition("/*{{SCRIPTS}}*/")
    return "".join([before_vega, _vega_bundle().replace("</script", "<\\/script"), before_data,
                    "const REPORT_DATA = ", _json_for_script(page_data), ";\nconst BASEMAP = ",
                    _json_for_script(_basemap()), ";\n", after_data])


# ---------------------------------------------------------------- files

def write_report(db: Path | str, out: Path | str, opts: ReportOptions = ReportOptions(), *,
                 lock_timeout: float = 5.0) -> Path:
    """Write the report of ``db`` to ``out`` (atomically: a reader never sees half a page)."""
    out = Path(out)
    with reader(db, lock_timeout=lock_timeout) as con:
        try:
            data = collect(con, opts)
        except duckdb.CatalogException as e:
            raise EventwireError(f"database {db} has no event tables yet ({str(e).splitlines()[0]}); "
                                 "run `eventwire run` first") from None
    page = render(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")  # open() keeps the umask's permissions
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def run_report_path(db: Path | str, run_id: str) -> Path:
    """``<db name>.reports/<run_id>.html`` next to the database (like the ``.warc/`` archive),
    absolute: the flow links it as a ``file://`` URI, which a relative path cannot be."""
    db = Path(db).resolve()
    return db.parent / f"{db.name}.reports" / f"{run_id}.html"


def write_run_report(db: Path | str, run_id: str, *, keep: int = 20, lock_timeout: float = 30.0) -> Path:
    """The page the ingest flow attaches to a run: its health, and all asserted events so far.

    One file per run so an older run's artifact still shows that run; only the ``keep`` most
    recent are kept, since a schedule every 15 minutes would otherwise pile up ~100 a day."""
    out = write_report(db, run_report_path(db, run_id), ReportOptions(run_id=run_id, title=f"eventwire run {run_id[:8]}"),
                       lock_timeout=lock_timeout)
    pages = sorted(out.parent.glob("*.html"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in pages[keep:]:
        old.unlink(missing_ok=True)
    return out
