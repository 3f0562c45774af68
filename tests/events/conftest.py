"""One real spaCy model + gazetteer for the whole tests/events session (loading takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"


@pytest.fixture(scope="session")
def extractor(tmp_path_factory):
    from ingest.events import EventExtractor

    cache = Path(__file__).resolve().parents[2] / ".cache" / "events"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        cache = tmp_path_factory.mktemp("events-cache")
    return EventExtractor(cache_dir=cache)


@pytest.fixture(scope="session")
def gazetteer(extractor):
    return extractor.gazetteer


@pytest.fixture(scope="session")
def code(extractor):
    """Code one sentence: the most prominent event (or None)."""
    return extractor.coder.best_type
