"""The reference article end to end through EventExtractor.extract."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from ingest.events import EXTRACTOR_VERSION
from ingest.events.gazetteer import norm
from schemas.models import PLOVER_TYPES

from .conftest import SEED


def _match(ev, g):
    if ev.event_type not in g["types"]:
        return False
    loc = g.get("location")
    if loc and not ((ev.location_name and norm(ev.location_name) == norm(loc["name"]))
                    or (loc.get("admin1") and ev.admin1 and norm(ev.admin1) == norm(loc["admin1"]))):
        return False
    if g.get("date_min"):
        if ev.event_date is None or not (date.fromisoformat(g["date_min"]) <= ev.event_date
                                         <= date.fromisoformat(g["date_max"])):
            return False
    return True


@pytest.fixture(scope="module")
def seed(extractor):
    gold = json.loads((SEED / "lyman_events.gold.json").read_text())
    pub = datetime.fromisoformat(gold["article"]["published_at"].replace("Z", "+00:00"))
    events = extractor.extract((SEED / "lyman_article.txt").read_text(), pub)
    return gold, events


def test_recall_of_required_gold_events(seed):
    gold, events = seed
    req = [g for g in gold["events"] if not g.get("optional")]
    found = [g["id"] for g in req if any(_match(e, g) for e in events)]
    assert len(found) / len(req) >= 0.9, set(g["id"] for g in req) - set(found)


def test_precision(seed):
    gold, events = seed
    ok = [e for e in events if any(_match(e, g) for g in gold["events"])]
    assert len(ok) / len(events) >= 0.7


def test_quantities(seed):
    gold, events = seed
    by = {g["id"]: [e for e in events if _match(e, g)] for g in gold["events"]}
    assert any(e.killed == 1 and e.injured >= 2 for e in by["kharkiv-strikes"] if e.injured)
    assert any(e.amount_usd == 625_000_000 for e in by["us-aid-625m"])
    assert any((e.personnel or 0) >= 200_000 for e in by["russia-mobilization"])


def test_rows_are_well_formed(seed):
    _, events = seed
    for e in events:
        assert e.event_type in PLOVER_TYPES
        assert e.sentence_index is not None and e.trigger
        assert e.extractor_version == EXTRACTOR_VERSION
        assert 0.0 <= e.confidence <= 1.0
        assert e.evidence and e.date_precision in ("day", "week", "month", "year", "unknown")
        assert e.cameo_code
        assert e.country is None or len(e.country) == 3


def test_lyman_withdrawal_details(seed):
    _, events = seed
    ev = next(e for e in events if e.event_type == "RETREAT" and e.date_precision == "week")
    assert (ev.location_name, ev.admin1, ev.country, ev.geonames_id) == ("Lyman", "Donetsk", "UKR", 704204)
    assert ev.event_date == date(2022, 10, 1) and ev.date_end == date(2022, 10, 2)
    assert (ev.actor_country, ev.actor_sector) == ("RUS", "MIL")
    assert "Over the weekend" in ev.evidence


def test_extract_many_matches_extract(extractor, seed):
    _, events = seed
    text = (SEED / "lyman_article.txt").read_text()
    many = extractor.extract_many([(text, datetime(2022, 10, 5), None), ("", None, None)], batch_size=8)
    assert len(many) == 2 and many[1] == []
    assert [(e.sentence_index, e.event_type) for e in many[0]] == [(e.sentence_index, e.event_type) for e in events]


def test_missing_model_names_the_package():
    from ingest.events.nlp import ModelNotInstalled, load_model

    with pytest.raises(ModelNotInstalled, match="pip install"):
        load_model("en_core_web_nonexistent_xx")
