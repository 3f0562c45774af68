"""The batch scheduler on its own (``ingest/batches.py``): plain callables as stages, no
Prefect, no processes — the order of the stages, what dedup sees, and the events stage
switched off once when its model is missing."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from ingest.batches import RunSummary, Scheduler, Stages
from ingest.errors import ConfigError, ModelNotInstalled
from schemas.models import Article, Candidate, Event, Fetched

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def page(i: int) -> Fetched:
    url = f"https://news.example/{i}"
    return Fetched(Candidate(url), url, url, 200, "text/html", b"<p>x</p>", NOW)


def article(f: Fetched) -> Article:
    n = f.url.rsplit("/", 1)[1]
    return Article(f"id{n}", f.url, f.url, "news.example", n, None, NOW, "en", "text", f"h{n}", 1)


class Recorder:
    """Stages that log what they are given, in the order they are called."""

    def __init__(self, code_raises: Exception | None = None) -> None:
        self.log: list[tuple] = []
        self.code_raises = code_raises
        self.loaded: list[tuple[list[str], list[str], list[str]]] = []

    def stages(self) -> Stages:
        return Stages(extract=self.extract, code=self.code, gather=self.gather, dedup=self.dedup, load=self.load)

    def extract(self, pages):
        self.log.append(("extract", [p.url[-1] for p in pages]))
        return [([article(p) for p in pages], [])]

    def code(self, articles):
        self.log.append(("code", [a.title for a in articles]))
        if self.code_raises:
            raise self.code_raises
        return [([Event("ASSAULT", "e", article_id=a.article_id) for a in articles], [])]

    @staticmethod
    def gather(handles):
        rows, failures = [], []
        for r, f in handles:
            rows += r
            failures += f
        return rows, failures

    def dedup(self, articles, unloaded):
        self.log.append(("dedup", [a.title for a in articles], [a.title for a in unloaded]))
        return [dataclasses.replace(a, duplicate_of="id0") if a.title == "3" else a for a in articles], 1

    def load(self, articles, events, failures):
        self.log.append(("load", [a.title for a in articles]))
        self.loaded.append(([a.title for a in articles], [e.article_id for e in events],
                            [f["error"] for f in failures]))
        return {"articles": len(articles), "events": len(events)}


def run(rec: Recorder, ahead: int, lag: int) -> tuple[dict, dict]:
    counts = dict.fromkeys(("extracted", "extract_errors", "duplicates", "articles_new", "events_new"), 0)
    errors: dict[str, int] = {}
    sched = Scheduler(rec.stages(), counts, errors, RunSummary(), ahead=ahead, lag=lag)
    for batch in ([page(0), page(1)], [page(2), page(3)], [page(4)]):
        sched.feed(batch, {})
    sched.finish()
    return counts, errors


def test_in_process_each_batch_goes_through_every_stage_before_the_next():
    rec = Recorder()
    counts, _ = run(rec, ahead=0, lag=0)
    assert [e[0] for e in rec.log] == ["extract", "dedup", "code", "load"] * 3
    assert counts == {"extracted": 5, "extract_errors": 0, "duplicates": 3, "articles_new": 5, "events_new": 4}
    # copies are not coded: "3" is marked a copy by dedup
    assert ("code", ["2"]) in rec.log


def test_with_workers_extraction_runs_ahead_and_loading_lags_but_order_holds():
    rec = Recorder()
    run(rec, ahead=2, lag=1)
    kinds = [e[0] for e in rec.log]
    assert kinds[:3] == ["extract", "extract", "extract"]  # three batches submitted before any dedup
    dedups = [e for e in rec.log if e[0] == "dedup"]
    # each batch's dedup sees the batch before it, deduplicated but not loaded yet
    assert [d[2] for d in dedups] == [[], ["0", "1"], ["2", "3"]]
    assert [e[1] for e in rec.log if e[0] == "load"] == [["0", "1"], ["2", "3"], ["4"]]


def test_a_missing_model_turns_events_off_once_and_is_recorded_with_the_next_load():
    rec = Recorder(code_raises=ModelNotInstalled("spaCy model 'x' is not installed: pip install x"))
    assert isinstance(rec.code_raises, ConfigError)
    counts, errors = run(rec, ahead=0, lag=0)
    assert [e for e in rec.log if e[0] == "code"] == [("code", ["0", "1"])]  # tried once, then off
    assert errors == {"ModelNotInstalled": 1}
    assert rec.loaded[0][2] == ["ModelNotInstalled"] and rec.loaded[1][2] == []  # recorded once
    assert counts["articles_new"] == 5 and counts["events_new"] == 0
