"""A cluster's best-supported fields (``summarize``): votes weighted by confidence and
precision, figures by the best-supported article."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from typing import Any, Iterable, Sequence

from ingest.cluster.rules import (  # noqa: F401
    ClusterConfig,
    Mention,
    PRECISION_ORDER,
    QUANTITIES,
    place_key,
    date_span,
    place_rank,
)


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


def order_key(m: Mention) -> tuple:
    """Mentions in reading order: article, sentence (unknown last), event id."""
    return (m.article_id, m.sentence_index if m.sentence_index is not None else 1 << 30, m.event_id)


def summarize(members: Sequence[Mention], config: ClusterConfig = ClusterConfig()) -> dict[str, Any]:
    """The best-supported fields of a group of mentions (votes count articles, not sentences).

    Type and mode by how many articles state them; the most specific place named, the most
    cited one at that level; the date from the most precisely dated mentions (their lower
    median); each quantity as the figure most articles give, else the median, with its range.
    """
    ms = sorted(members, key=order_key)
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
        key = _vote((m.article_id, place_key(m), conf(m)) for m in at_rank)[0][0]
        place = next(m for m in at_rank if place_key(m) == key)
    dated = [m for m in ms if m.event_date is not None]
    event_date = precision = span = None
    if dated:
        finest = min(PRECISION_ORDER.get(m.date_precision or "unknown", 4) for m in dated)
        pool = [m for m in dated if PRECISION_ORDER.get(m.date_precision or "unknown", 4) == finest]
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
    for q in QUANTITIES:
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
