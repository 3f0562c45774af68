"""The handed fault cases (``tests/data/cases``), checked key by key as their README defines.

A case passes when every key of its ``expected.json`` holds for ``eventwire extract``'s
record of its page: title, publication date, text, ``no_events``, ``events`` (each must be
among the output), ``events_if_coded`` (may be absent; if coded, must match) and
``events_excluded`` (no output event may match).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from ingest.config import Settings
from ingest.localfiles import extract_path

CASES = Path(__file__).resolve().parent.parent / "data" / "cases"


def _fold(v):
    if isinstance(v, str):
        v = unicodedata.normalize("NFKD", v)
        return "".join(c for c in v if not unicodedata.combining(c)).casefold().strip()
    return v


def matches(event: dict, entry: dict) -> bool:
    """Does ``event`` have every field ``entry`` gives (with the README's modifiers)?"""
    for key, want in entry.items():
        if key.endswith("_note") or key == "note":
            continue
        if key.endswith("_not_null"):
            if want and event.get(key[: -len("_not_null")]) is None:
                return False
            continue
        if key.endswith("_not"):
            field = key[: -len("_not")]
            bad = want if isinstance(want, list) else [want]
            if event.get(field) in bad:
                return False
            continue
        if key == "event_date_year":
            if not event.get("event_date") or int(event["event_date"][:4]) != want:
                return False
            continue
        if key.endswith("_approx"):
            field = key[: -len("_approx")]
            if event.get(field) is None or abs(event[field] - want) > 0.5:
                return False
            continue
        have = event.get(key)
        if want is None:
            if have is not None:
                return False
        elif isinstance(want, (int, float)) and not isinstance(want, bool):
            if have is None or float(have) != float(want):
                return False
        elif _fold(have) != _fold(want):
            return False
    return True


def check(record: dict, expected: dict) -> list[str]:
    """The failed keys of one case, as readable lines."""
    bad: list[str] = []
    a, events = record["article"], record["events"]
    if "title" in expected and " ".join((a["title"] or "").split()) != " ".join(expected["title"].split()):
        bad.append(f"title {a['title']!r}")
    for t in expected.get("title_not", []):
        if a["title"] == t:
            bad.append(f"title is {t!r}")
    if "published" in expected:
        got = a["published_at"][:10] if a["published_at"] else None
        if got != expected["published"]:
            bad.append(f"published {got}")
    for s in expected.get("text_contains", []):
        if s not in a["text"]:
            bad.append(f"text lacks {s!r}")
    for s in expected.get("text_excludes", []):
        if s in a["text"]:
            bad.append(f"text has {s!r}")
    if expected.get("no_events") and events:
        bad.append(f"{len(events)} events, expected none")
    for entry in expected.get("events", []):
        if not any(matches(e, entry) for e in events):
            bad.append(f"missing {entry}")
    for entry in expected.get("events_if_coded", []):
        core = {k: v for k, v in entry.items() if k in ("event_type",)}
        coded = [e for e in events if matches(e, core) and (e.get("killed") is not None or e.get("event_date"))]
        relevant = [e for e in coded if e.get("killed") == entry.get("killed")] if "killed" in entry else coded
        if relevant and not any(matches(e, entry) for e in relevant):
            bad.append(f"coded but wrong: {entry}")
    for entry in expected.get("events_excluded", []):
        hit = [e for e in events if matches(e, entry)]
        if hit:
            bad.append(f"excluded {entry} matched {hit[0]['event_type']} {str(hit[0].get('evidence'))[:60]!r}")
    return bad


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "page.html").exists()))
def test_case(case, extractor, tmp_path):
    s = Settings(cache_dir=tmp_path)
    record = extract_path(CASES / case / "page.html", url=None, published=None, coder=extractor, settings=s)
    assert "error" not in record, record
    expected = json.loads((CASES / case / "expected.json").read_text())
    assert check(record, expected) == []


def test_checker_can_fail():
    """The checker itself: a wrong place, a forbidden type and a missing event are caught."""
    rec = {"article": {"title": "T", "published_at": "2024-01-01T00:00:00+00:00", "text": "x"},
           "events": [{"event_type": "ASSAULT", "location_name": "Troy", "admin1": "Michigan", "killed": 12}]}
    exp = {"events": [{"event_type": "ASSAULT", "admin1": "North Carolina"}],
           "events_excluded": [{"event_type": "ASSAULT"}, {"killed_not_null": True}],
           "events_if_coded": [{"event_type": "ASSAULT", "killed": 12, "location_name": "Kidal"}]}
    assert len(check(rec, exp)) == 4
