"""Greedy, incremental matching of mentions to clusters, in memory (``Matcher``)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterable, Sequence

from ingest.cluster.rules import (
    ClusterConfig,
    Mention,
    COARSE,
    span_gap,
    place_key,
    actors_agree,
    actors_conflict,
    date_span,
    figures_agree,
    modes_compatible,
    norm_name,
    place_match,
    place_rank,
    types_compatible,
)
from ingest.cluster.summary import order_key, summarize


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
        key = place_key(m)
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
        key = place_key(m)
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
            if ((m.date_precision in COARSE) != (b.date_precision in COARSE)):
                return None
            if m.date_precision == "unknown" and b.date_precision == "unknown" and b.event_date is not None:
                # both dated by publication only: the days they were published are all we know
                gap = abs((m.event_date - b.event_date).days)
            else:
                gap = span_gap(span, c.span)
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
    return (first_seen or far, published or far, *order_key(m))


def cluster_mentions(mentions: Sequence[Mention], config: ClusterConfig = ClusterConfig(),
                     articles: dict[str, tuple] | None = None) -> dict[str, str]:
    """In memory, no database: event_id → cluster_id for ``mentions`` (benchmarks, tests)."""
    matcher = Matcher(config)
    arts = articles or {}
    out = {}
    for m in sorted(mentions, key=lambda m: mention_order(m, arts)):
        out[m.event_id] = matcher.assign(m)[0]
    return out
