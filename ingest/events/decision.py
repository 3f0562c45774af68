"""Choosing a sentence's events: the classifier's probabilities over the rule coder's candidates.

The rule coder (``coder.Coder._code_sentence``) proposes candidate events, each from a trigger
word with its roles, place, date and numbers, with modality already applied (negated and
hypothetical acts are not proposed; future cooperative acts are AGREE). The sentence
classifier (``classifier.SentenceClassifier``) says how likely the sentence is to report an
event at all, and of which type. The decision:

1. **Whether**: P(event) = 1 − P(NONE) must reach ``threshold`` (``EVENT_THRESHOLD``), or
   ``QUANTITY_DISCOUNT`` × that when a candidate states its figure (killed, dollars, troops), or
   ``PHRASE_DISCOUNT`` × that when its trigger is a two-word construction and it names its actor
   (``PLACED_PHRASE_DISCOUNT`` × when that actor is a side with a country or a sector, not a
   pronoun, and the act is asserted or announced), or ``EXPLICIT_DISCOUNT`` × that when its
   trigger names the statement's kind outright (``EXPLICIT_VERBS``: praised, condemned, accused,
   urged …) and such a side does it, as asserted fact.
2. **Which**: the candidates are ranked by the classifier's share of the event mass for
   their type, so the trigger that agrees with the reading of the whole sentence wins
   ("criticised … for refusing" is ACCUSE, not REJECT). The classifier's own type replaces
   the rule's when it holds at least ``MAJORITY`` of the event mass and exceeds the rule
   type's share by ``TYPE_OVERRIDE`` (the row stays on
   the same trigger, roles and place); when the rule's type is one the model saw fewer than
   ``MIN_SUPPORT`` times in training, its probabilities for it mean little: the rule's reading
   stands unless the classifier holds ``STRONG_TYPE`` of the mass for its own. One trigger gives
   one row: the two readings side by side ("reluctant to commit" as REJECT *and* AGREE) were
   one wrong row in every pair the outside reviewers saw.
3. **How many**: the best candidate, plus any other candidate of another type whose share
   reaches ``SECOND_EVENT`` (one sentence, two acts: "arrested 12 protesters" → COERCE and
   PROTEST), or of a rare type (as above) that keeps at least ``RARE_FLOOR`` of the mass, or
   that is a formal legal step on a trigger of its own, whatever its share: a court's ruling
   (``court_step``) or a lawsuit (``lawsuit``) told beside another act ("filed a public records
   request …, and then sued the commissioner": the classifier reads the sentence as one
   REQUEST).
4. **Who**: a candidate whose source actor is not political is dropped (``roles``).

An announced resignation (RETREAT, mode resign, modality future: "will be stepping down") by a
side the dictionaries or the text place needs no belief from the classifier: the words are
unambiguous, and the model saw six RETREAT sentences in training ("he's announced that he will
be stepping down from the leadership position" had P(event) 0.04). (A past "resigned" is left to
the classifier: outside the dev set it was mostly background — "a month after he resigned".)
Neither does a court's ruling on a motion or a plea read off the court idioms
(``court_step``: "granted a temporary stay", "denied the request", "pleaded guilty").

A sentence with no trigger candidate at all gets one event on its main verb (or the clause a
reporting verb introduces) when a single type reaches ``CLASSIFIER_ONLY``.

``confidence`` becomes P(event) × the chosen type's share.
"""

from __future__ import annotations

import dataclasses

from ingest.events.classifier import CLASSES, Prediction
from ingest.events import triggers as trg
from ingest.events.actors import PRONOUNS
from ingest.events.crosswalk import acled_event_type, cameo_code
from ingest.events.placing import PHYSICAL, placed_where_said
from schemas.models import Event

EVENT_THRESHOLD = 0.5
TYPE_OVERRIDE = 0.2
MAJORITY = 0.5  # … and holds at least this share of the event mass itself
SECOND_EVENT = 0.3
# a candidate that states its figure (people killed or injured by violence, dollars of aid or
# of a fine, troops mobilised) needs less belief: the number is evidence of its own, beyond
# the trigger word
QUANTITY_DISCOUNT = 0.2
# … and so does a construction of two words from the tables ("denied … request", "cut a deal",
# "called for") that names its actor: the construction is more specific than a trigger word
PHRASE_DISCOUNT = 0.5
# … and less still when that actor is a side the dictionaries or the text place (a country or a
# sector), not a pronoun, and the act is asserted or announced: "Putin said Moscow was open to
# discussions", "Weber called for a pause"
PLACED_PHRASE_DISCOUNT = 0.3
# … and so does a verb that names a statement's kind outright ("Hamas praised him", "Vietnam has
# accused Beijing", "left-wingers in the United States … valorized his actions") when a placed
# side does it, as asserted fact
EXPLICIT_DISCOUNT = 0.5
EXPLICIT_VERBS = ("prais", "condemn", "critici", "accus", "blam", "urg", "denounc", "slam", "reject", "demand",
                  "welcom", "applaud", "endors", "thank", "valori", "laud", "hail", "commend", "lambast",
                  "castigat", "rebuk", "decr")  # (stems of the trigger's surface form)
# … though not a rare-type reading the model all but rules out
RARE_FLOOR = 0.02
# the classifier's type replaces a rare rule type only when it holds this much of the mass
STRONG_TYPE = 0.8
# the classifier may override the rule's type only where it saw this many training sentences
# of the rule's type: for rare types (AID, COOPERATE, RETREAT …) its probabilities mean little
MIN_SUPPORT = 40
# an undated row (dated by its article's publication) that comes *before* a dated one folds into
# it only when that date lies this close to publication: a lede that names no date reports the
# news, not the act of last October the story recalls further down (``one_per_event``)
RECENT_DAYS = 7
CLASSIFIER_ONLY = 0.5  # a sentence with no trigger word gets an event when one type is this likely
_TYPES = tuple(c for c in CLASSES if c != "NONE")
_COOPERATIVE = frozenset(trg.COOPERATIVE | {"AGREE"})
_VIOLENT = ("ASSAULT", "PROTEST", "COERCE")


def retype(e: Event, etype: str) -> Event:
    """``e`` recoded as ``etype``: same trigger, roles, date; mode and crosswalk reset. The place
    stays unless a physical reading ("aid to Sudan": where it arrives) becomes a statement or a
    pledge, which happens where it is made, not where its object lies."""
    out = dataclasses.replace(
        e, event_type=etype, mode=None, intended_type=None, cameo_code=cameo_code(etype, None),
        acled_event_type=acled_event_type(etype, None),
        killed=e.killed if etype in _VIOLENT else None, injured=e.injured if etype in _VIOLENT else None)
    if e.event_type in PHYSICAL and placed_where_said(etype):
        out = dataclasses.replace(out, location_name=None, admin1=None, country=None, latitude=None,
                                  longitude=None, geonames_id=None, geo_precision=None)
    return out


def choose(pred: Prediction, cands: list[Event], threshold: float = EVENT_THRESHOLD,
           political: "frozenset[str] | None" = None, support: "dict[str, int] | None" = None,
           whether: bool = True) -> list[Event]:
    """The events to emit for one sentence (see the module docstring). ``whether=False`` (with
    ``threshold`` 0) only types the sentence's candidates: no row is dropped as unattested."""
    from ingest.events.roles import is_political

    p_event = 1.0 - pred.prob("NONE")
    if not cands or p_event <= 0:
        return []
    counted = [e for e in cands if (e.event_type == "ASSAULT" and (e.killed or e.injured))
               or e.amount_usd is not None or e.amount is not None or e.personnel is not None]
    phrased = [e for e in cands if " " in (e.trigger or "") and e.actor_name]
    placed = [e for e in phrased if _placed_side(e, named=True) and e.modality in ("asserted", "future")]
    unambiguous = [e for e in cands if ((e.mode == "resign" and e.modality == "future") or court_step(e))
                   and _placed_side(e)]
    explicit = [e for e in cands if e.modality == "asserted" and _placed_side(e, named=True)
                and (e.trigger or "").lower().startswith(EXPLICIT_VERBS)]
    if p_event < threshold and not (counted and p_event >= threshold * QUANTITY_DISCOUNT) \
            and not (phrased and p_event >= threshold * PHRASE_DISCOUNT) \
            and not (placed and p_event >= threshold * PLACED_PHRASE_DISCOUNT) \
            and not (explicit and p_event >= threshold * EXPLICIT_DISCOUNT):
        if not unambiguous:
            return []
        cands = unambiguous  # (module docstring: resignations and court rulings)
    if political is not None:
        cands = [e for e in cands if is_political(e, political)]
        if not cands:
            return []
    share = {t: pred.prob(t) / p_event for t in _TYPES}
    t_clf = max(_TYPES, key=share.__getitem__)
    # of two readings of one type, the one that says how ("stormed … and kidnapped": abduct)
    ranked = sorted(cands, key=lambda e: (-share.get(e.event_type, 0.0), e.mode is None, -e.confidence))
    best, rest = ranked[0], ranked[1:]
    # a type the modality gave (a refused act → REJECT, a pledge → AGREE, a demand → REQUEST:
    # ``intended_type`` keeps the act) is not the classifier's to undo: it reads the act's words
    # … nor is a refusal the thing refused: "rejected a US offer to host a summit", "is opposed to
    # French mediation" read as CONSULT by their object's words stay REJECT
    def rare(t: str) -> bool:
        return support is not None and support.get(t, 0) < MIN_SUPPORT

    refusal = best.event_type == "REJECT" and t_clf in _COOPERATIVE
    if t_clf != best.event_type and best.intended_type is None and not refusal and share[t_clf] >= MAJORITY and \
            share[t_clf] - share.get(best.event_type, 0.0) >= TYPE_OVERRIDE:
        # (a rare type the model cannot judge: the rule's reading stands unless the model is sure)
        if not rare(best.event_type) or share[t_clf] >= STRONG_TYPE:
            best = retype(best, t_clf)
    out = [dataclasses.replace(best, confidence=round(p_event * share[best.event_type], 3))]
    for e in rest:
        if e.event_type not in {x.event_type for x in out} and (
                share.get(e.event_type, 0.0) >= SECOND_EVENT
                or (e.trigger != best.trigger and (court_step(e) or lawsuit(e)))
                or (rare(e.event_type) and share.get(e.event_type, 0.0) >= RARE_FLOOR)):
            out.append(dataclasses.replace(e, confidence=round(p_event * share[e.event_type], 3)))
    return [e for e in out if not (whether and _unattested(e))]


def _placed_side(e: Event, named: bool = False) -> bool:
    """Is ``e``'s actor a side the dictionaries or the text place (a country or a sector)?
    ``named``: and not a bare pronoun ("It called for …")."""
    return bool(e.actor_name) and bool(e.actor_country or e.actor_sector) and not (
        named and e.actor_name.lower() in PRONOUNS)


def lawsuit(e: Event) -> bool:
    """Is ``e`` a lawsuit filed by a side the dictionaries or the text place ("Consumer Watchdog …
    then sued the commissioner"), as asserted fact?"""
    words = (e.trigger or "").lower().split()
    return bool(words) and words[0] in ("sue", "sued", "sues", "suing") and e.modality == "asserted" and _placed_side(e)


def court_step(e: Event) -> bool:
    """Is ``e`` a court's ruling on a motion ("granted a stay", "denied the request") or a
    plea ("pleaded guilty"), read off the court idioms of ``triggers.VERB_OBJECT``?"""
    words = (e.trigger or "").split()
    return e.modality == "asserted" and len(words) == 2 and (
        (words[0].startswith(("grant", "den")) and words[1] in trg.COURT_OBJECTS)
        or (words[0].startswith("plead") and words[1] == "guilty"))


def _unattested(e: Event) -> bool:
    """A row that names no one, neither who acted nor on whom, rests on its type alone: it
    stands only when the classifier gives that type at least ``SECOND_EVENT`` of the sentence
    (P(event) × share), or when it counts casualties at a place (the verbless headline "Five
    killed in Kharkiv"). "she described seeing a woman murdered", "cuts off her …": a trigger
    word with no participants and a weak type is noise."""
    if e.actor_name or e.target_name:
        return False
    if (e.killed or e.injured) and e.location_name:
        return False
    return e.confidence < SECOND_EVENT


def same_event(a: Event, b: Event) -> bool:
    """Two rows of one article that report one real-world event: same type and modality, same
    place (or one has none), same date and precision (or one dated only by publication),
    actors and figures that do not disagree.

    The news-gold convention (and GDELT's mentions table) keeps one event per real-world
    event; restatements ("the withdrawal from Lyman" three paragraphs later) are mentions."""
    if a.event_type != b.event_type or (a.modality != b.modality and {a.modality, b.modality} != _TOLD):
        return False  # (one side's claim and the report that states it are one act)
    if a.geonames_id and b.geonames_id and a.geonames_id != b.geonames_id and not (
            (_within(a, b) or _within(b, a)) and (a.event_date, a.date_precision) == (b.event_date, b.date_precision)):
        return False  # (a town and its region: one act only when dated alike too)
    if "unknown" not in (a.date_precision, b.date_precision) and (
            a.event_date != b.event_date or a.date_precision != b.date_precision):
        return False  # (a row dated only by its article's publication can be any of them)
    if a.actor_country and b.actor_country and a.actor_country != b.actor_country:
        return False
    if a.target_country and b.target_country and a.target_country != b.target_country:
        return False
    for q in ("killed", "injured", "amount_usd"):
        x, y = getattr(a, q), getattr(b, q)
        if x is not None and y is not None and x != y:
            return False
    if a.event_type in _DECIDED and a.actor_name and b.actor_name and not (
            a.actor_country and a.actor_country == b.actor_country) and not _same_name(a.actor_name, b.actor_name):
        return False  # "Washington cut its aid", then "US allies joined it in cutting aid": two decisions
    if _named(a.target_name) and _named(b.target_name) and not _same_name(a.target_name, b.target_name) \
            and a.target_name.split()[-1] != b.target_name.split()[-1]:
        return False  # "Jamie L. Miller … was arrested", "Cameron L. Horve … was arrested": two arrests
    if a.event_type in _PHYSICAL_ONCE:
        return True
    if a.target_name and b.target_name and a.target_name.lower() != b.target_name.lower():
        return False  # one speaker accusing the association, then the state: two events
    return _same_name(a.actor_name, b.actor_name) or (
        0 in (a.sentence_index, b.sentence_index) and _surname_of(a.actor_name, b.actor_name))


def _surname_of(a: str | None, b: str | None) -> bool:
    """A headline's one-word name and the lede's full one: "Esper" and "U.S. Defense Secretary
    Mark Esper" (a headline names people by surname; ``same_event`` asks it only of a row from
    the article's first sentence)."""
    x, y = ((n or "").split() for n in (a, b))
    short, full = sorted((x, y), key=len)
    return len(short) == 1 and len(full) >= 2 and short[0].lower() == full[-1].lower()


def _named(name: str | None) -> bool:
    """A person's or body's proper name of two words or more ("Jamie L. Miller"), not a
    description ("five civilians", "the town")."""
    words = (name or "").split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _within(small: Event, big: Event) -> bool:
    """Is ``big``'s place an admin1 that contains ``small``'s town ("Washington" the city in
    "District of Columbia")? One act placed once by its town and once only by its region (a
    country holds too many towns to say as much)."""
    return big.geo_precision == "admin1" and small.geo_precision == "city" and small.country == big.country \
        and small.admin1 == big.admin1


def _same_name(a: str | None, b: str | None) -> bool:
    """One actor named twice: the same words, or the one name's words (two at least) all in the
    other's ("Vermont Christian" and "Mid-Vermont Christian"; not "Biden" and "Hunter Biden")."""
    x, y = (set((n or "").lower().replace("-", " ").split()) for n in (a, b))
    if x == y:
        return True
    small, big = sorted((x, y), key=len)
    return len(small) >= 2 and small <= big


# acts that happen once at a place and date whoever tells of them; statements are one event
# per speaker (two people accusing the same government on one day are two events)
# … though a sanction or aid is one side's decision: two sides named apart are two events
_DECIDED = frozenset({"SANCTION", "AID"})
_TOLD = {"asserted", "claimed"}
_PHYSICAL_ONCE = frozenset({"ASSAULT", "RETREAT", "MOBILIZE", "COERCE", "PROTEST", "AID", "SANCTION"})


def one_per_event(events: list[Event]) -> list[Event]:
    """An article's rows with restatements folded into one: the first mention, or the first
    that dates the event when the earlier ones are dated only by publication; figures and
    place are filled from the others."""
    out: list[Event] = []
    for e in events:
        i = next((k for k, o in enumerate(out) if same_event(o, e) and not _lede_before_background(o, e)), None)
        if i is None:
            out.append(e)
            continue
        o = out[i]
        if o.date_precision == "unknown" and e.date_precision != "unknown":
            o, e = e, o  # the mention that dates the event stands for it (its sentence, its date)
        out[i] = dataclasses.replace(
            o, modality="asserted" if "asserted" in (o.modality, e.modality) else o.modality,
            killed=o.killed if o.killed is not None else e.killed,
            injured=o.injured if o.injured is not None else e.injured,
            amount_usd=o.amount_usd if o.amount_usd is not None else e.amount_usd,
            personnel=o.personnel if o.personnel is not None else e.personnel,
            confidence=max(o.confidence, e.confidence))
        if out[i].location_name is None and e.location_name is not None:  # the place, whole
            out[i] = dataclasses.replace(
                out[i], location_name=e.location_name, admin1=e.admin1, country=e.country, latitude=e.latitude,
                longitude=e.longitude, geonames_id=e.geonames_id, geo_precision=e.geo_precision)
    return out


def _lede_before_background(earlier: Event, later: Event) -> bool:
    """An undated row followed by one dated more than ``RECENT_DAYS`` from publication: the
    news first, then a past act of the same kind recalled (``RECENT_DAYS``). The other order,
    a dated act restated later without its date, is one event."""
    return earlier.date_precision == "unknown" and later.date_precision != "unknown" \
        and earlier.event_date is not None and later.event_date is not None \
        and abs((earlier.event_date - later.event_date).days) > RECENT_DAYS
