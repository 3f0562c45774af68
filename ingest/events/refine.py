"""Readings the trigger lexicon alone gets wrong, refined by the sentence around the trigger.

- ``labour_strike``: the noun "strike" among workers, unions and wages is a labour strike
  (PLOVER PROTEST/strike), not an attack; one that ends is no new act.
- ``people_taken``: people seized by others than the state are abducted (ASSAULT/abduct).
- ``offset_clause``: an act "two days after …" is dated from the clause it hangs from.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ingest.events import dates as dates_mod
from ingest.events.crosswalk import acled_event_type, cameo_code
from ingest.events.decision import retype
from ingest.events.state import Cand
from schemas.models import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# sectors whose seizing of people is an arrest or detention (COERCE), not an abduction
STATE_FORCE = frozenset({"GOV", "COP", "MIL", "JUD", "SPY"})
_PEOPLE = frozenset("""people persons girls schoolgirls boys schoolboys children students pupils women men
    villagers passengers hostages workers civilians tourists worshippers worshipers farmers travellers
    travelers residents teachers nurses doctors journalists aid-workers families""".split())


_LABOUR = frozenset("""worker workers union unions employer employers wage wages pay staff dock docker dockers
    teacher teachers nurse nurses doctor doctors driver drivers walkout picket industrial general week-long
    day-long one-day 24-hour 48-hour national rail miners""".split())


def labour_strike(e: Event, doc: "Doc") -> Event | None:
    """An ASSAULT read off the noun "strike" where the strike is a labour one ("dock workers
    end week-long strike", "a 48-hour rail strike"): PLOVER PROTEST/strike, or nothing when the
    sentence reports its end. Applied to the decision's rows: the classifier reads the
    lexicon's candidates (its features are the lexicon's readings) and may retype them."""
    if e.event_type != "ASSAULT" or not e.trigger or e.trigger.split()[-1] not in ("strike", "strikes"):
        return e
    t = next((x for x in doc if x.lower_ == e.trigger.split()[-1] and x.pos_ == "NOUN"), None)
    if t is None or not labour_context(t):
        return e
    verb = t.head.lemma_.lower() if t.dep_ in ("dobj", "nsubjpass") else ""
    called_off = verb == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in t.head.children)
    if verb in ("end", "suspend", "halt", "conclude") or called_off:
        return None  # "ended the strike", "called off the strike": no new act
    return dataclasses.replace(retype(e, "PROTEST"), mode="strike", cameo_code=cameo_code("PROTEST", "strike"),
                               acled_event_type=acled_event_type("PROTEST", "strike"))


def labour_context(t: "Token") -> bool:
    """Is the noun "strike" a labour strike: its modifiers ("general", "week-long", "rail") or
    its sentence's words (workers, unions, wages) say so."""
    mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "compound", "nmod")}
    words = {x.lower_ for x in t.sent} | {x.lemma_.lower() for x in t.sent}
    return bool(mods & _LABOUR or words & _LABOUR)


def people_taken(c: Cand) -> bool:
    """Is the object of the seizing verb a group of people ("seized 20 schoolgirls")?"""
    objs = [x for x in c.head.children if x.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.lower() in _PEOPLE or o.lower_ in _PEOPLE for o in objs)


def offset_clause(head: "Token") -> tuple[int, str, "Token", "Token"] | None:
    """``(−n, unit, clause, main)`` when ``head``'s clause is "N units after …" ("two days after
    fighters stormed the school and kidnapped them"), ``(+n, …)`` for "N units before …":
    the clause's verb and the verb of the clause it hangs from."""
    v = head
    while v.dep_ == "conj" and v.head != v:
        v = v.head  # "stormed … and kidnapped": the first verb carries the "after"
    if v.dep_ != "advcl" or v.head == v:
        return None
    mark = next((x for x in v.children if x.dep_ == "mark" and x.lower_ in ("after", "before")), None)
    amount = next((x for x in v.children if x.dep_ == "npadvmod"
                   and x.lemma_.lower() in ("day", "week", "month", "year")), None)
    if mark is None or amount is None:
        return None
    num = next((x for x in amount.children if x.dep_ in ("nummod", "det")), None)
    n = dates_mod.count(num.text) if num is not None else 0
    if n <= 0:
        return None
    return (-n if mark.lower_ == "after" else n), amount.lemma_.lower(), v, v.head
