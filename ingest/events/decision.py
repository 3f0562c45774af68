"""Choosing a sentence's events: the classifier's probabilities over the rule coder's candidates.

The rule coder (``coder.Coder._code_sentence``) proposes candidate events, each from a trigger
word with its roles, place, date and numbers, with modality already applied (negated and
hypothetical acts are not proposed; future cooperative acts are AGREE). The sentence
classifier (``classifier.SentenceClassifier``) says how likely the sentence is to report an
event at all, and of which type. The decision:

1. **Whether**: P(event) = 1 − P(NONE) must reach ``threshold`` (``EVENT_THRESHOLD``).
2. **Which**: the candidates are ranked by the classifier's share of the event mass for
   their type, so the trigger that agrees with the reading of the whole sentence wins
   ("criticised … for refusing" is ACCUSE, not REJECT). The classifier's own type replaces
   the rule's when its share exceeds the rule type's by ``TYPE_OVERRIDE`` (the row stays on
   the same trigger, roles and place). Rare types the model saw a handful of times keep the
   rule's reading.
3. **How many**: the best candidate, plus any other candidate of another type whose share
   reaches ``SECOND_EVENT`` (one sentence, two acts: "arrested 12 protesters" → COERCE and
   PROTEST).
4. **Who**: a candidate whose source actor is not political is dropped (``roles``).

A sentence with no trigger candidate at all gets one event on its main verb (or the clause a
reporting verb introduces) when a single type reaches ``CLASSIFIER_ONLY``.

``confidence`` becomes P(event) × the chosen type's share.
"""

from __future__ import annotations

import dataclasses

from ingest.events.classifier import CLASSES, Prediction
from ingest.events.crosswalk import acled_event_type, cameo_code
from schemas.models import Event

EVENT_THRESHOLD = 0.5
TYPE_OVERRIDE = 0.2
SECOND_EVENT = 0.3
CLASSIFIER_ONLY = 0.5  # a sentence with no trigger word gets an event when one type is this likely
_TYPES = tuple(c for c in CLASSES if c != "NONE")
_VIOLENT = ("ASSAULT", "PROTEST", "COERCE")


def retype(e: Event, etype: str) -> Event:
    """``e`` recoded as ``etype``: same trigger, roles, place, date; mode and crosswalk reset."""
    return dataclasses.replace(
        e, event_type=etype, mode=None, cameo_code=cameo_code(etype, None), acled_event_type=acled_event_type(etype, None),
        killed=e.killed if etype in _VIOLENT else None, injured=e.injured if etype in _VIOLENT else None)


def choose(pred: Prediction, cands: list[Event], threshold: float = EVENT_THRESHOLD,
           political: "frozenset[str] | None" = None) -> list[Event]:
    """The events to emit for one sentence (see the module docstring)."""
    from ingest.events.roles import is_political

    p_event = 1.0 - pred.prob("NONE")
    if not cands or p_event <= 0:
        return []
    if p_event < threshold:
        return []
    if political is not None:
        cands = [e for e in cands if is_political(e, political)]
        if not cands:
            return []
    share = {t: pred.prob(t) / p_event for t in _TYPES}
    t_clf = max(_TYPES, key=share.__getitem__)
    ranked = sorted(cands, key=lambda e: (-share.get(e.event_type, 0.0), -e.confidence))
    best = ranked[0]
    if t_clf != best.event_type and share[t_clf] - share.get(best.event_type, 0.0) >= TYPE_OVERRIDE:
        best = retype(best, t_clf)
    out = [dataclasses.replace(best, confidence=round(p_event * share[best.event_type], 3))]
    for e in ranked[1:]:
        if e.event_type not in {x.event_type for x in out} and share.get(e.event_type, 0.0) >= SECOND_EVENT:
            out.append(dataclasses.replace(e, confidence=round(p_event * share[e.event_type], 3)))
    return out
