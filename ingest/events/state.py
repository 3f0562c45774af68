"""The coder's working state: one article's context, its place mentions, a sentence's candidates.

``ArticleState`` is filled by ``article.prepare`` (the cheap pass over the whole text) and read
by every sentence the coder parses; ``Cand`` is one trigger reading of a parsed sentence
(``coder.Coder._candidates``) that roles, place and date are then found for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ingest.events import dates as dates_mod
from ingest.events import triggers as trg
from ingest.events.actors import Actor
from ingest.events.gazetteer import Place
from schemas.models import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Mention:
    """A place mention found by the cheap pass."""

    text: str
    start: int  # char offset in the article
    end: int
    sentence: int
    place: Place | None = None
    actor: bool = False  # a capital standing for its government ("Kiev says", "pro-Moscow")


@dataclass
class ArticleState:
    """Per-article state while coding."""

    text: str
    published: date | None
    sentences: list[tuple[int, int]]
    mentions: list[Mention] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    admin1s: set[str] = field(default_factory=set)
    sentence_dates: dict[int, list[dates_mod.DateHit]] = field(default_factory=dict)
    anchor_before: dict[int, date | None] = field(default_factory=dict)
    top_city: Place | None = None
    events: list[Event] = field(default_factory=list)
    last_person: Actor | None = None
    last_group: Actor | None = None
    last_thing: Actor | None = None
    last_thing_si: int = -1  # the sentence ``last_thing`` was coded in
    political: frozenset[str] = frozenset()  # names the article gives a political role (roles.py)
    persons: frozenset[str] = frozenset()  # one-word place names the article uses as surnames
    open_quote: frozenset[int] = frozenset()  # sentences that begin inside an open “quotation”
    triggered: set[int] = field(default_factory=set)  # sentences with a trigger candidate (read or not)
    dateline_place: Place | None = None  # the wire dateline's place (location.py)
    parsed_places: dict[int, list[Place]] = field(default_factory=dict)  # places NER found, by sentence
    home_country: str | None = None  # the country most of the article's places lie in
    home_admin1: Place | None = None  # the admin1 the story is set in (article._home_admin1)
    person_admin1: dict[str, Place] = field(default_factory=dict)  # surname → admin1 (article.person_regions)
    issuers: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, document, issuer) (article.py)
    national_home: str | None = None  # the country whose institutions the article names (roles.home_votes)
    dateline_end: int = 0  # article offset where the wire dateline ends (0: none)
    dateline_start: int = 0  # … and where it begins (a headline line may stand before it)
    sentence_start: int = 0  # article offset of the sentence being coded
    context_docs: "dict[int, Doc]" = field(default_factory=dict)  # sentences parsed for an antecedent


@dataclass
class Cand:
    """One trigger reading of a parsed sentence."""

    token: "Token"  # the trigger word
    sense: trg.Sense
    head: "Token"  # the clause head the event hangs from (the light verb for nominal triggers)
    phrase: str
    nominal: bool = False
    judged: "Token | None" = None  # who or what a reported verdict is about ("Germany has failed …")

