"""Event triggers: verbs, phrasal verbs and nominalisations → PLOVER type and mode.

Three layers, the first that answers wins:

1. a hand-written table (below) for the words that matter in conflict and diplomacy news,
   written against the PLOVER manual's type and mode definitions, with a few
   object-sensitive verbs ("launch" an attack vs. a draft, "send" troops vs. aid);
2. the PETRARCH-2 CAMEO verb dictionary (``data/cameo_verbs.tsv``, derived from
   ``CAMEO.2.0.txt``: verb → CAMEO code where the dictionary gives the verb a default code),
   mapped to PLOVER through ``data/CAMEO2PLOVER-2021.txt``;
3. nothing: the word is not a trigger.

``prefilter_words`` is the set of lower-case surface forms of every trigger, so the coder
can skip sentences without one before paying for a parse.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from ingest.events.tables import DATA, read_pairs


COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
CONFLICT = {"COERCE", "ASSAULT", "SANCTION", "PROTEST", "MOBILIZE"}


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word means: a PLOVER type, an optional mode and a base confidence."""

    type: str
    mode: str | None = None
    weight: float = 1.0
    source: str = "lexicon"


def _table(spec: str) -> dict[str, Sense]:
    out: dict[str, Sense] = {}
    for line in spec.strip().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        typ, mode, *words = line.split()
        for w in " ".join(words).split(","):
            w = w.strip().replace("_", " ")
            if w:
                out[w] = Sense(typ, None if mode == "-" else mode)
    return out


# verb lemmas (multi-word: verb + particle/preposition, joined by "_")
VERBS = _table("""
AGREE - agree, pledge, promise, offer, vow, commit, accept, consent, volunteer
CONSULT - meet, visit, host, discuss, negotiate, consult, confer, talk, telephone, phone, mediate, arrive
CONSULT phone call_with
SUPPORT - support, endorse, approve, ratify, praise, commend, welcome, hail, applaud, laud, valorize, valorise, glorify, lionize, lionise, back, defend, recognize, recognise, apologize, apologise, forgive, sign, congratulate, thank, reaffirm, upgrade, normalize, normalise, establish
COOPERATE - cooperate, collaborate, extradite, share, exchange, coordinate
AID - provide, donate, supply, deliver, grant, fund, finance, lend, shelter, airlift, contribute, equip, arm, assist
CONCEDE - concede, ease, relax, soften, loosen, yield, compromise, cancel, shorten, call_off, accede, relent, capitulate, back_down
RETREAT - withdraw, retreat, pull_out, pull_back, release, free, surrender, resign, step_down, disarm, demobilize, demobilise, evacuate, flee, abandon, quit, cede, pay, compensate, return
REQUEST - ask, request, urge, demand, appeal, seek, plead, press, call_on, call_for, beg, implore, invite, insist_on, pressure, order, require, push_for, lobby, petition, exhort
ACCUSE - accuse, blame, criticize, criticise, condemn, denounce, decry, deplore, charge, allege, sue, indict, investigate, probe, complain, slam, blast, castigate, rebuke, lambast, fault, question, summon, lash_out, hit_out, rail_against, chastise, berate, excoriate, assail, censure, admonish, subpoena
REJECT - reject, refuse, decline, refrain, deny, rebuff, dismiss, veto, oppose, rule_out, turn_down, defy, renege, violate, breach, spurn, disregard, fail, resist, balk, baulk, push_back, vote_against, vote_down
THREATEN - threaten, warn, menace, vow_to_retaliate
PROTEST - protest, demonstrate, rally, march, riot, picket, boycott, strike_(labour)
SANCTION - sanction, fine, expel, sever, suspend, halt, downgrade, cut_off, break_off, embargo, recall, freeze, convict, sentence
MOBILIZE - mobilize, mobilise, deploy, mass, reinforce, redeploy, draft, conscript, recruit, call_up, patrol, station, amass, alert, strengthen
COERCE - arrest, detain, seize, confiscate, ban, outlaw, deport, raid, occupy, annex, capture, blockade, restrict, censor, jail, imprison, besiege, encircle, cordon_off, prevent, prohibit, impose, close, hack, round_up, take_over
ASSAULT - attack, kill, shell, bomb, strike, shoot, fire, hit, clash, fight, battle, ambush, storm, assault, massacre, invade, destroy, recapture, retake, liberate, regain, advance, pound, target, blow_up, open_fire, wound, injure, torture, kidnap, abduct, assassinate, execute, behead, murder, rape, beat, stab, bombard, explode, detonate, shoot_down, repel, repulse, besiege, counterattack, burn, loot, raze, demolish, land, hijack
""")
VERBS["strike"] = Sense("ASSAULT")  # labour strikes are caught by the noun table and context
VERBS.pop("strike_(labour)", None)
VERBS["besiege"] = Sense("ASSAULT")

# assault modes fixed by the verb itself
VERB_MODES = {"kidnap": "abduct", "abduct": "abduct", "hijack": "abduct", "torture": "torture",
              "assassinate": "targeted", "execute": "targeted", "behead": "targeted", "rape": "sexual",
              "beat": "beat", "stab": "primitive", "shell": "heavy-weapons", "bombard": "heavy-weapons",
              "shoot": "firearms", "open fire": "firearms", "fire": "heavy-weapons", "destroy": "destroy",
              "burn": "destroy", "loot": "destroy", "raze": "destroy", "demolish": "destroy", "blow up": "destroy",
              "explode": "explosives", "detonate": "explosives", "massacre": "targeted",
              "withdraw": "withdraw", "retreat": "withdraw", "pull out": "withdraw", "pull back": "withdraw",
              "cede": "withdraw", "flee": "withdraw", "abandon": "withdraw", "evacuate": "withdraw",
              "release": "release", "free": "release", "return": "release", "resign": "resign",
              "step down": "resign", "quit": "resign", "disarm": "disarm", "surrender": "disarm",
              "demobilize": "disarm", "demobilise": "disarm",
              "arrest": "arrest", "detain": "arrest", "jail": "arrest", "imprison": "arrest", "sentence": "convict",
              "round up": "arrest", "deport": "deport", "seize": "seize", "confiscate": "seize", "raid": "seize",
              "occupy": "seize", "annex": "seize", "capture": "seize", "take over": "seize",
              "blockade": "restrict", "restrict": "restrict", "besiege": "restrict", "encircle": "restrict",
              "cordon off": "restrict", "censor": "censor", "ban": "restrict", "outlaw": "restrict",
              "prohibit": "restrict", "prevent": "restrict", "close": "restrict", "hack": "cyber",
              "expel": "expel", "recall": "withdraw", "sever": "discontinue", "suspend": "discontinue",
              "halt": "discontinue", "cut off": "discontinue", "break off": "discontinue", "freeze": "discontinue",
              "embargo": "discontinue", "sanction": "discontinue", "downgrade": "discontinue",
              "investigate": "investigate", "probe": "investigate", "accuse": "allege", "charge": "allege",
              "allege": "allege", "sue": "allege", "indict": "allege", "blame": "allege", "summon": "disapprove",
              "lash out": "disapprove", "hit out": "disapprove", "rail against": "disapprove",
              "chastise": "disapprove", "berate": "disapprove", "excoriate": "disapprove", "assail": "disapprove",
              "censure": "disapprove", "admonish": "disapprove",
              "subpoena": "investigate",
              "convict": "convict",
              "phone": "phone", "telephone": "phone", "call with": "phone", "visit": "visit", "host": "visit",
              "arrive": "visit", "mediate": "third-party",
              "mobilize": "troops", "mobilise": "troops", "deploy": "troops", "mass": "troops", "amass": "troops",
              "reinforce": "troops", "redeploy": "troops", "draft": "troops", "conscript": "troops",
              "recruit": "troops", "call up": "troops", "patrol": "police", "riot": "riot", "boycott": "boycott",
              "rally": "demo", "demonstrate": "demo", "march": "demo", "picket": "obstruct"}

# nominalisations (noun lemmas)
NOUNS = _table("""
AGREE - agreement_to, pledge, promise, offer, commitment
CONSULT - talks, meeting, visit, negotiations, negotiation, summit, consultation, dialogue, phone_call, mediation, discussions
SUPPORT - endorsement, approval, ratification, recognition, apology, treaty_signing
COOPERATE - cooperation, exercise, exercises, war_game, war_games, maneuvers, manoeuvres, extradition
AID - aid, assistance, donation, package, loan, grant, asylum, delivery, shipment, relief
RETREAT - withdrawal, retreat, release, resignation, surrender, ceasefire, cease-fire, truce, evacuation, pullout, disarmament
REQUEST - request, appeal, demand, call, plea, ultimatum_demand
ACCUSE - swipe, broadside, tirade, rebuke, hearing, accusation, allegation, investigation, probe, inquiry, criticism, condemnation, lawsuit, complaint, charges, indictment, pr_attack, verbal_attack, political_attack, rhetorical_attack, personal_attack, smear_campaign
REJECT - rejection, refusal, veto, denial
THREATEN - threat, ultimatum, warning
PROTEST - protest, demonstration, rally, march, riot, strike_action, hunger_strike, sit-in, boycott, picket, walkout, unrest
SANCTION - sanctions, sanction, fine, embargo, expulsion, suspension
MOBILIZE - mobilization, mobilisation, deployment, buildup, build-up, draft, conscription, reinforcements, call-up
COERCE - restrictions, restriction, arrest, detention, raid, occupation, annexation, blockade, curfew, crackdown, siege, seizure, ban, martial_law, state_of_emergency, cyberattack, deportation
ASSAULT - attack, strike, airstrike, air_strike, shelling, bombing, bombardment, missile, rocket, shell, explosion, blast, clash, clashes, fighting, battle, offensive, counteroffensive, counter-offensive, assault, ambush, invasion, massacre, killing, shooting, gunfire, firefight, incursion, raid_armed, advance, advances, attack_drone, skirmish, hostilities, recapture, liberation
""")
NOUNS.pop("ultimatum demand", None)
NOUNS.pop("raid armed", None)
NOUNS.pop("attack drone", None)
NOUN_MODES = {"airstrike": "aerial", "air strike": "aerial", "shelling": "heavy-weapons", "bombardment": "heavy-weapons",
              "missile": "heavy-weapons", "rocket": "heavy-weapons", "shell": "heavy-weapons",
              "explosion": "explosives", "blast": "explosives", "shooting": "firearms", "gunfire": "firearms",
              "firefight": "firearms", "massacre": "targeted", "killing": "targeted",
              "withdrawal": "withdraw", "retreat": "withdraw", "pullout": "withdraw", "release": "release",
              "resignation": "resign", "surrender": "disarm", "disarmament": "disarm", "ceasefire": "ceasefire",
              "cease-fire": "ceasefire", "truce": "ceasefire", "evacuation": "withdraw",
              "investigation": "investigate", "probe": "investigate", "inquiry": "investigate",
              "swipe": "disapprove", "broadside": "disapprove", "tirade": "disapprove", "rebuke": "disapprove",
              "accusation": "allege", "allegation": "allege", "lawsuit": "allege", "charges": "allege",
              "indictment": "allege", "criticism": "disapprove", "condemnation": "disapprove", "complaint": "disapprove",
              "protest": "demo", "demonstration": "demo", "rally": "demo", "march": "demo", "riot": "riot",
              "unrest": "riot", "strike action": "strike", "hunger strike": "hunger", "sit-in": "obstruct",
              "boycott": "boycott", "picket": "obstruct", "walkout": "strike",
              "sanctions": "discontinue", "sanction": "discontinue", "embargo": "discontinue", "expulsion": "expel",
              "suspension": "discontinue", "arrest": "arrest", "detention": "arrest", "raid": "seize",
              "occupation": "seize", "annexation": "seize", "blockade": "restrict", "siege": "restrict",
              "curfew": "curfew", "crackdown": "restrict", "ban": "restrict", "martial law": "martial-law",
              "state of emergency": "martial-law", "cyberattack": "cyber", "deportation": "deport",
              "seizure": "seize", "mobilization": "troops", "mobilisation": "troops", "deployment": "troops",
              "buildup": "troops", "build-up": "troops", "draft": "troops", "conscription": "troops",
              "reinforcements": "troops", "call-up": "troops", "visit": "visit", "phone call": "phone",
              "mediation": "third-party", "summit": "multilateral"}

# Light verbs: the event is their object ("launched an attack", "held talks", "imposed a curfew").
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "hold", "impose", "mount", "begin", "start", "continue",
               "resume", "unleash", "make", "issue", "announce", "order", "declare", "step", "intensify",
               "escalate", "lodge", "file", "open", "give", "reach", "sign", "stage", "organize", "organise",
               "undertake", "wage", "lead", "initiate", "end", "join", "take", "renew", "call", "hold",
               "receive", "offer", "complete", "extend", "lift", "introduce", "reimpose", "pass",
               "face", "repel", "repulse", "thwart", "survive", "draw", "attract", "earn",
               # statements made again or aloud: "repeated his accusation", "levelled charges",
               # "voiced criticism", "expressed condemnation", "delivered a warning"
               "repeat", "reiterate", "level", "voice", "express", "deliver", "air",
               # pace and grip: "speeded up the withdrawal", "tightened the blockade"
               "speed", "accelerate", "expedite", "hasten", "tighten"}
# going somewhere for talks is the consultation: "negotiators return to Geneva for talks"
MOTION_VERBS = frozenset({"return", "travel", "fly", "head", "go", "come", "arrive", "gather", "meet", "convene"})
# Light verbs that change what their object means
LIGHT_OVERRIDES = {
    ("lift", "sanctions"): Sense("RETREAT", "ease"), ("lift", "sanction"): Sense("RETREAT", "ease"),
    ("lift", "curfew"): Sense("CONCEDE"), ("lift", "ban"): Sense("CONCEDE"), ("lift", "blockade"): Sense("RETREAT", "withdraw"),
    ("lift", "embargo"): Sense("RETREAT", "ease"), ("end", "talks"): Sense("SANCTION", "withdraw"),
    ("end", "mediation"): Sense("SANCTION", "withdraw"), ("reject", "offer"): Sense("REJECT", "meet"),
    ("repel", "attack"): Sense("ASSAULT"), ("repulse", "attack"): Sense("ASSAULT"), ("thwart", "attack"): Sense("ASSAULT"),
    ("offer", "aid"): Sense("AGREE"), ("offer", "assistance"): Sense("AGREE"), ("offer", "talks"): Sense("AGREE"),
    ("give", "approval"): Sense("SUPPORT"), ("give", "support"): Sense("SUPPORT"), ("approve", "aid"): Sense("AID"),
    ("approve", "package"): Sense("AID"), ("declare", "ceasefire"): Sense("RETREAT", "ceasefire"),
    ("reach", "agreement"): Sense("AGREE"), ("sign", "agreement"): Sense("SUPPORT"), ("sign", "treaty"): Sense("SUPPORT"),
    ("sign", "deal"): Sense("SUPPORT"), ("extend", "curfew"): Sense("COERCE", "curfew"),
    ("impose", "sanctions"): Sense("SANCTION", "discontinue"), ("call", "strike"): Sense("PROTEST", "strike"),
    ("lodge", "protest"): Sense("ACCUSE", "disapprove"), ("file", "complaint"): Sense("ACCUSE", "disapprove"),
    ("open", "investigation"): Sense("ACCUSE", "investigate"),
    # ending one's own protest concedes it (PLOVER CONCEDE: "suspending protests")
    ("end", "strike"): Sense("CONCEDE"), ("end", "protest"): Sense("CONCEDE"), ("end", "boycott"): Sense("CONCEDE"),
    ("end", "sit-in"): Sense("CONCEDE"), ("end", "walkout"): Sense("CONCEDE"),
    ("suspend", "strike"): Sense("CONCEDE"), ("suspend", "protest"): Sense("CONCEDE"),
    ("suspend", "boycott"): Sense("CONCEDE"),
}
# "accept their demands", "allowed X to run", "granted …": yielding is CONCEDE; with a future
# (modality) it is a pledge, AGREE. "allow" and "permit" count only with the clause or the
# thing they permit (``coder._verb_candidate``): "allows users to" has no political actor and is
# dropped by the actor rule
PERMIT_VERBS = frozenset({"allow", "permit"})
# Taking ground: "captured part of a stronghold", "seized the town" — fighting over territory
# (ACLED Battles; PLOVER COERCE seize is a search, a confiscation or a raid, not a conquest)
CONQUEST_VERBS = frozenset({"capture", "seize", "take", "overrun"})
TERRITORY_NOUNS = frozenset("""town towns village villages city cities stronghold strongholds base bases airport
    airfield territory territories position positions hill hills area areas region district settlement
    settlements outpost outposts garrison fort fortress enclave port harbour harbor bridgehead frontline
    front-line trenches trench suburb suburbs neighbourhood neighborhood capital province oblast""".split())
# "put under investigation", "placed under house arrest": the state is the act
UNDER_VERBS = frozenset({"put", "place"})
NOUN_OBJECT_NOUNS = {"agreement", "treaty", "deal", "approval", "support", "accord", "consensus", "pact"}

# Object-sensitive verbs: (verb, object lemma) → sense; falls back to the verb's own sense.
VERB_OBJECT = {
    ("send", "troops"): Sense("MOBILIZE", "troops"), ("send", "soldiers"): Sense("MOBILIZE", "troops"),
    ("send", "forces"): Sense("MOBILIZE", "troops"), ("send", "reinforcements"): Sense("MOBILIZE", "troops"),
    ("send", "inspectors"): Sense("ACCUSE", "investigate"), ("send", "investigators"): Sense("ACCUSE", "investigate"),
    ("withdraw", "ambassador"): Sense("SANCTION", "withdraw"), ("withdraw", "envoy"): Sense("SANCTION", "withdraw"),
    ("withdraw", "inspectors"): Sense("SANCTION", "expel"), ("withdraw", "peacekeepers"): Sense("SANCTION", "expel"),
    ("recall", "ambassador"): Sense("SANCTION", "withdraw"), ("recall", "envoy"): Sense("SANCTION", "withdraw"),
    ("recall", "diplomats"): Sense("SANCTION", "withdraw"), ("recall", "diplomat"): Sense("SANCTION", "withdraw"), ("close", "border"): Sense("COERCE", "restrict"),
    ("close", "embassy"): Sense("SANCTION", "withdraw"), ("open", "border"): Sense("RETREAT", "access"),
    ("open", "fire"): Sense("ASSAULT", "firearms"), ("suspend", "talks"): Sense("SANCTION", "withdraw"),
    ("cancel", "visit"): Sense("SANCTION", "withdraw"), ("cancel", "talks"): Sense("SANCTION", "withdraw"),
    ("cancel", "meeting"): Sense("SANCTION", "withdraw"), ("cancel", "restrictions"): Sense("CONCEDE"),
    ("give", "aid"): Sense("AID"), ("give", "money"): Sense("AID"), ("give", "asylum"): Sense("AID", None),
    ("give", "dollars"): Sense("AID"), ("give", "grant"): Sense("AID"), ("give", "weapons"): Sense("AID"),
    ("send", "aid"): Sense("AID"), ("send", "weapons"): Sense("AID"), ("send", "arms"): Sense("AID"),
    ("send", "material"): Sense("AID"), ("send", "supplies"): Sense("AID"), ("send", "humanitarian"): Sense("AID"),
    ("hand", "over"): Sense("AID"), ("pay", "compensation"): Sense("RETREAT", "release"),
    ("receive", "observers"): Sense("RETREAT", "access"), ("receive", "inspectors"): Sense("RETREAT", "access"),
    ("allow", "inspectors"): Sense("RETREAT", "access"), ("allow", "access"): Sense("RETREAT", "access"),
    ("hold", "talks"): Sense("CONSULT"), ("hold", "meeting"): Sense("CONSULT"),
    ("take", "aim"): Sense("ACCUSE", "disapprove"),  # "took aim at the president's border policy"
    ("establish", "ties"): Sense("SUPPORT"), ("establish", "relations"): Sense("SUPPORT"),
    ("cut", "ties"): Sense("SANCTION", "discontinue"), ("break", "relations"): Sense("SANCTION", "discontinue"),
    ("break", "ties"): Sense("SANCTION", "discontinue"), ("fire", "missile"): Sense("ASSAULT", "heavy-weapons"),
    ("fire", "missiles"): Sense("ASSAULT", "heavy-weapons"), ("fire", "rockets"): Sense("ASSAULT", "heavy-weapons"),
    ("set", "fire"): Sense("ASSAULT", "destroy"), ("block", "road"): Sense("PROTEST", "obstruct"),
    ("block", "roads"): Sense("PROTEST", "obstruct"), ("block", "roadway"): Sense("PROTEST", "obstruct"),
    ("block", "streets"): Sense("PROTEST", "obstruct"), ("block", "transport"): Sense("PROTEST", "obstruct"),
    ("take", "control"): Sense("COERCE", "seize"), ("regain", "control"): Sense("ASSAULT"),
    ("gain", "control"): Sense("COERCE", "seize"), ("lift", "curfew"): Sense("CONCEDE"),
    ("lift", "emergency"): Sense("CONCEDE"), ("lift", "blockade"): Sense("RETREAT", "withdraw"),
    ("lift", "sanctions"): Sense("RETREAT", "ease"), ("lift", "embargo"): Sense("RETREAT", "ease"),
    ("lift", "ban"): Sense("CONCEDE"), ("ease", "restrictions"): Sense("CONCEDE"),
    ("reduce", "supplies"): Sense("SANCTION", "discontinue"), ("reduce", "aid"): Sense("SANCTION", "discontinue"),
    ("stop", "work"): Sense("PROTEST", "strike"), ("throw", "stones"): Sense("PROTEST", "riot"),
    ("collect", "signatures"): Sense("PROTEST", "demo"), ("use", "gas"): Sense("PROTEST", "riot"),
    ("deny", "entry"): Sense("SANCTION", "expel"), ("deny", "admission"): Sense("REJECT"),
    ("grant", "asylum"): Sense("AID"), ("force", "out"): Sense("SANCTION", "expel"),
    ("put", "alert"): Sense("MOBILIZE", "troops"), ("sign", "treaty"): Sense("SUPPORT"),
    ("launch", "investigation"): Sense("ACCUSE", "investigate"),
    ("withdraw", "peacekeeping"): Sense("SANCTION", "expel"), ("sign", "agreement"): Sense("SUPPORT"),
    ("sign", "deal"): Sense("SUPPORT"), ("sign", "accord"): Sense("SUPPORT"), ("sign", "pact"): Sense("SUPPORT"),
    ("sign", "memorandum"): Sense("SUPPORT"), ("sign", "ceasefire"): Sense("SUPPORT"),
    ("share", "evidence"): Sense("COOPERATE"), ("share", "information"): Sense("COOPERATE"),
    ("share", "intelligence"): Sense("COOPERATE"), ("share", "expertise"): Sense("COOPERATE"),
    ("share", "data"): Sense("COOPERATE"), ("exchange", "information"): Sense("COOPERATE"),
    ("exchange", "prisoners"): Sense("RETREAT", "release"), ("lift", "state"): Sense("CONCEDE"),
    ("dispatch", "inspectors"): Sense("ACCUSE", "investigate"), ("open", "hearing"): Sense("ACCUSE", "investigate"),
    ("open", "inquiry"): Sense("ACCUSE", "investigate"), ("strengthen", "forces"): Sense("MOBILIZE", "troops"),
    ("order", "patrols"): Sense("MOBILIZE", "police"), ("reinforce", "positions"): Sense("MOBILIZE", "troops"),
    ("put", "forces"): Sense("MOBILIZE", "troops"), ("launch", "probe"): Sense("ACCUSE", "investigate"),
    ("execute", "warrant"): Sense("COERCE", "seize"), ("serve", "warrant"): Sense("COERCE", "seize"),
    # cutting or halting aid or funding is CAMEO 16 "reduce relations" (1621/1622 reduce or stop
    # aid), PLOVER SANCTION mode discontinue: "cutting its entire aid allocation to UNRWA"
    ("cut", "aid"): Sense("SANCTION", "discontinue"), ("cut", "funding"): Sense("SANCTION", "discontinue"),
    ("cut", "assistance"): Sense("SANCTION", "discontinue"), ("cut", "relations"): Sense("SANCTION", "discontinue"),
    ("stop", "aid"): Sense("SANCTION", "discontinue"), ("stop", "funding"): Sense("SANCTION", "discontinue"),
    ("reduce", "funding"): Sense("SANCTION", "discontinue"),
    # "cut a deal", "struck a deal": an agreement reached (CAMEO 057 sign formal agreement)
    ("cut", "deal"): Sense("AGREE"), ("strike", "deal"): Sense("AGREE"),
}
# Yielding to the other side (PLOVER CONCEDE, CAMEO 08 "yield": "accede to demands"); ending or
# suspending one's own protest (PLOVER CONCEDE: "suspending protests"); obstructing a road,
# bridge or crossing (PLOVER PROTEST mode obstruct: "obstruct passage or access to a locale")
for _obj in ("demand", "demands", "ultimatum"):
    VERB_OBJECT[("accept", _obj)] = Sense("CONCEDE")
    VERB_OBJECT[("meet", _obj)] = Sense("CONCEDE")
for _obj in ("strike", "protest", "boycott", "blockade", "sit-in", "walkout", "demonstration", "demonstrations",
             "protests", "strikes"):
    VERB_OBJECT[("suspend", _obj)] = Sense("CONCEDE")
    VERB_OBJECT[("end", _obj)] = Sense("CONCEDE")
for _obj in ("bridge", "highway", "motorway", "railway", "road", "roads", "streets"):
    VERB_OBJECT.setdefault(("block", _obj), Sense("PROTEST", "obstruct"))
    # … while closing one is the authorities' restriction (PLOVER COERCE restrict: "cordoning off areas")
    VERB_OBJECT.setdefault(("close", _obj), Sense("COERCE", "restrict"))
# Court idioms (court news: pleas, motions, stays, penalties). The gold conventions follow
# PLOVER: a court granting a stay or motion concedes (CONCEDE), denying one rejects (REJECT), a
# guilty plea concedes (CONCEDE), a not-guilty plea rejects the charge (REJECT), being ordered to
# pay is a penalty (SANCTION, mode ``fine`` in the spirit of CAMEO 1721/173 "impose fine").
COURT_OBJECTS = ("request", "motion", "bid", "appeal", "stay", "bail", "petition", "application")
for _obj in COURT_OBJECTS:
    VERB_OBJECT[("deny", _obj)] = Sense("REJECT")
    VERB_OBJECT[("grant", _obj)] = Sense("CONCEDE")
COURT_COMPLEMENTS = {("plead", "guilty"): Sense("CONCEDE"), ("order", "pay"): Sense("SANCTION")}

# verbs that only count with an object from VERB_OBJECT (too vague on their own)
OBJECT_ONLY = {"send", "give", "hand", "receive", "allow", "cut", "break", "block", "take", "gain", "set",
               "reduce", "stop", "throw", "collect", "use", "put", "force", "open", "close", "cancel", "lift",
               "hold", "establish", "pay", "fire", "return", "sign", "deny", "grant", "hit", "land", "mass",
               "station", "strengthen", "alert", "exchange", "share", "question", "free", "march", "back",
               "press", "fail", "pay", "question", "call", "strike", "target", "end", "impose",
               "advance", "fight", "return", "burn", "arrive", "draft",
               # "she recalled it vividly": remembering; only an envoy recalled is a sanction
               "recall"}
# ... except when the subject is one of these (missiles land, troops advance)
SUBJECT_ONLY = {
    "land": ({"missile", "rocket", "shell", "bomb", "drone", "projectile", "missiles", "rockets", "shells"},
             Sense("ASSAULT", "heavy-weapons")),
    "hit": ({"missile", "rocket", "shell", "bomb", "drone", "strike", "airstrike", "artillery", "forces",
             "troops", "army", "military", "projectile"}, Sense("ASSAULT")),
    "strike": ({"missile", "rocket", "drone", "forces", "troops", "army", "military", "aircraft", "jet",
                "jets", "warplane", "warplanes", "plane", "planes", "helicopter", "helicopters", "artillery"}, Sense("ASSAULT")),
    "target": ({"missile", "rocket", "drone", "forces", "troops", "army", "military", "strike", "strikes"}, Sense("ASSAULT")),
    "fire": ({"tank", "tanks", "forces", "troops", "army", "military", "soldiers", "artillery", "police",
              "gunmen", "militants", "rebels", "separatists", "ship", "warship"}, Sense("ASSAULT", "heavy-weapons")),
    "advance": ({"forces", "troops", "army", "military", "soldiers", "units", "tanks", "fighters", "rebels",
                 "separatists", "militants", "offensive"}, Sense("ASSAULT")),
    "fight": ({"forces", "troops", "army", "military", "soldiers", "units", "fighters", "rebels",
               "separatists", "militants"}, Sense("ASSAULT")),
    "march": ({"protesters", "demonstrators", "thousands", "hundreds", "people", "supporters", "students",
               "workers", "opposition"}, Sense("PROTEST", "demo")),
    "strengthen": ({"forces", "troops", "army", "military"}, Sense("MOBILIZE", "troops")),
    "mass": ({"forces", "troops", "army", "military"}, Sense("MOBILIZE", "troops")),
    "arrive": ({"peacekeepers", "peacekeeping", "troops", "inspectors", "observers", "aid", "president",
                "minister", "secretary", "envoy", "delegation", "premier", "chancellor", "king", "leader"},
               Sense("CONSULT", "visit")),
    "burn": ({"protesters", "demonstrators", "rioters", "mob", "crowd"}, Sense("PROTEST", "riot")),
}
# Reporting verbs never code an event themselves: the event is in their complement.
REPORTING = {"say", "tell", "report", "state", "add", "claim", "note", "announce", "confirm", "declare",
             "write", "explain", "insist", "stress", "reiterate", "quote", "cite", "mention", "describe",
             "brief", "disclose", "reveal", "indicate", "believe", "think", "know", "learn", "hear", "see",
             "show", "suggest", "conclude", "argue", "acknowledge", "admit", "predict", "estimate",
             # memory: "couldn't recall ever meeting her", "remembered that police fired"
             "recall", "remember"}
# Governors that make the embedded event not (yet) a fact → dropped
HYPOTHETICAL_GOVERNORS = {"expect", "hope", "wait", "want", "wish", "like", "love", "prefer", "consider",
                          "weigh", "discuss_(plan)", "fear", "possible", "impossible", "likely", "unlikely", "able",
                          "unable", "aim", "need_(modal)", "could", "might", "would_(cond)", "if", "unless", "whether",
                          "dream", "imagine", "doubt", "propose", "suggest", "recommend", "debate",
                          "responsible"}  # "the body responsible for providing aid": a remit, not an act
# Nouns that make an act under them an idea, not an event ("the idea of European NATO members
# sending troops", "the prospect of sanctions", "fears of an attack") → hypothetical; nouns of
# intent ("a plan to send troops", "his pledge to cut aid") → future
HYPOTHETICAL_NOUNS = frozenset({"idea", "proposal", "prospect", "possibility", "suggestion", "scenario", "notion",
                                "option", "speculation", "fear", "risk", "danger", "hypothetical", "question",
                                # a habit or a past pattern is no one act ("Russia's long history of
                                # repelling invasions")
                                "history", "tradition", "record", "practice", "habit", "legacy"})
# "working to ease the violence", "tried to broker a deal": an effort at a cooperative act is
# not the act (an attempted attack is still an attack in ACLED, so conflict acts keep theirs)
ATTEMPT_GOVERNORS = frozenset({"work", "try", "seek", "strive", "struggle", "attempt", "endeavour", "endeavor"})
INTENT_NOUNS = frozenset({"plan", "intention", "pledge", "promise"})
# verb + object words that make the verb something else: shooting a film is not an assault
NOT_EVENT_OBJECTS = {
    "shoot": frozenset("""film films movie movies scene scenes video videos footage episode episodes series
        season documentary commercial photo photos picture pictures portrait hoop hoops pilot""".split()),
    "strike": frozenset("deal deals balance chord tone pose note bargain".split()),
    # fighting a case, a charge or an illness is contesting or enduring it, not combat
    "fight": frozenset(_CONTESTED := """extradition deportation eviction charge charges case cases lawsuit
        suit ruling verdict conviction order orders ban bill bills law laws plan plans proposal decision
        allegation allegations claim claims accusation accusations cancer disease illness addiction
        infection virus fire fires blaze blazes wildfire wildfires flames inflation poverty corruption""".split()),
    "battle": frozenset(_CONTESTED),
    # a chamber suspending its own sitting is procedure, not a sanction
    # … nor a candidate's own campaign ("has suspended her 2024 bid": GUIDE.md, campaigning is NONE)
    "suspend": frozenset("""activity activities session sessions sitting sittings proceedings plenary business
        debate hearing meeting bid bids campaign campaigns candidacy run""".split()),
    "combat": frozenset(_CONTESTED),
    "fire": frozenset("employee employees staff worker workers manager coach ceo".split()),
    # releasing a report, a video or figures is publishing, not freeing captives (RETREAT)
    "release": frozenset("""report reports statement statements video videos footage data figure figures
        document documents album film findings result results detail details name names image images photo
        photos recording recordings transcript transcripts budget plan guidance guidelines update list
        version trailer book single song""".split()),
    "execute": frozenset("plan plans strategy order orders contract contracts deal trade trades".split()),
    # recognising a need or a problem is no recognition of a side (SUPPORT)
    "recognise": frozenset(_RECOGNISED := """need needs importance value challenge challenges problem problems
        fact difficulty difficulties risk risks concern concerns potential urgency""".split()),
    "recognize": frozenset(_RECOGNISED),
}
# "Kentucky Democrats beat incumbent Gov. Matt Bevin", "X defeated Y in the primary": beating a
# named person, party or team is winning against them, not assaulting them
DEFEAT_VERBS = frozenset({"beat", "defeat", "crush", "trounce", "rout", "thrash", "edge", "upset", "unseat", "oust"})
# Governors of intent / future → PLOVER: cooperative types become AGREE, conflict types THREATEN
INTENT_GOVERNORS = {"plan", "intend", "prepare", "prepared", "ready", "willing", "decide", "set", "going",
                    "due", "poised", "determined", "resolve", "schedule", "scheduled", "mean", "swear"}
ASPECTUAL = {"try", "attempt", "continue", "begin", "start", "keep", "resume", "manage", "go", "proceed", "get", "finish",
             "complete", "help", "use", "move", "rush", "come", "act", "vote", "be", "have", "do", "seem",
             "appear", "remain", "stop_(aspect)"}
# Heads whose complements are reported content (like reporting verbs)
COMPLEMENT_TAKERS = REPORTING | ASPECTUAL

WEAPON_MODES = [
    # PLOVER's crowd-control: less-lethal weapons and tactics against crowds (tear gas fired
    # from a launcher is not a heavy weapon)
    (re.compile(r"\b(tear ?-?gas|teargas|water ?cannons?|rubber bullets|rubber-coated|pepper spray|pepper balls?|"
                r"stun grenades?|flash-?bangs?|baton charges?|lathi charges?|fired (?:shots )?in the air|"
                r"warning shots)\b", re.I), "crowd-control"),
    (re.compile(r"\b(drones?|uavs?|unmanned|kamikaze|shahed)\b", re.I), "drone"),
    (re.compile(r"\b(air ?strikes?|airstrikes?|warplanes?|jets?|aircraft|helicopters?|bombers?|air raids?|aerial|bombing raids?)\b", re.I), "aerial"),
    (re.compile(r"\b(missiles?|rockets?|artillery|shell(ing|s|ed)?|mortars?|howitzers?|tanks?|grads?|mlrs|himars|multiple rocket|cluster munitions?|shelled)\b", re.I), "heavy-weapons"),
    (re.compile(r"\b(suicide bomb\w*)\b", re.I), "suicide-attack"),
    (re.compile(r"\b(ieds?|roadside bombs?|car bombs?|landmines?|mines?|explosive devices?|grenades?|explosives?|minefield|booby)\b", re.I), "explosives"),
    (re.compile(r"\b(sniper|gunfire|gunmen|shot|shooting|gun|guns|rifles?|small arms|machine ?guns?|gunbattle|shootout)\b", re.I), "firearms"),
    (re.compile(r"\b(chemical|nerve agent|sarin|nuclear|radiological|biological)\b", re.I), "unconventional"),
    (re.compile(r"\b(machetes?|knives|knife|stones|rocks|axes?|arson|fire-?bomb\w*)\b", re.I), "primitive"),
]


def assault_mode(text: str) -> str | None:
    """The weapon mode an ASSAULT sentence names, first match in priority order."""
    for rx, mode in WEAPON_MODES:
        if rx.search(text):
            return mode
    return None


@functools.lru_cache(maxsize=1)
def cameo_verbs() -> dict[str, str]:
    """Verb → CAMEO code from the shipped PETRARCH-2 subset."""
    return read_pairs("cameo_verbs.tsv")


@functools.lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, tuple[str, str | None]]:
    """CAMEO code → (PLOVER type, mode) from CAMEO2PLOVER-2021."""
    out: dict[str, tuple[str, str | None]] = {}
    rx = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,")
    with (DATA / "CAMEO2PLOVER-2021.txt").open(encoding="utf-8") as fh:
        for line in fh:
            m = rx.match(line)
            if m:
                mode = m.group(3).strip() or None
                out.setdefault(m.group(1), (m.group(2), mode))
    return out


# lemmas the model's rule lemmatizer gets wrong for trigger verbs ("fined" → "fin", "staged" →
# "stag": its -ed rule strips "ed" where the base form ends in "e" and no exception lists the verb)
LEMMA_FIXES = {"fin": "fine"}


@functools.lru_cache(maxsize=1)
def _known_verbs() -> frozenset[str]:
    out = {k.split()[0] for k in VERBS} | set(LIGHT_VERBS) | set(OBJECT_ONLY) | set(SUBJECT_ONLY)
    out |= {k.split()[0] for k, _ in VERB_OBJECT} | {k for k in cameo_verbs() if " " not in k}
    return frozenset(out)


def fix_lemma(lemma: str, surface: str = "") -> str:
    """``lemma`` as the trigger tables know it: "staged" read as "stag", "fined" as "fin" (the
    -ed form cut one letter short: the surface is the lemma + "ed" with no doubled consonant,
    and the lemma + "e" is a trigger verb) become "stage", "fine"; "hopped" stays "hop"."""
    lemma = LEMMA_FIXES.get(lemma, lemma)
    if surface.lower() in (lemma + "ed", lemma + "es", lemma + "ing") and lemma not in _known_verbs() \
            and lemma + "e" in _known_verbs():
        return lemma + "e"
    return lemma


def verb_sense(lemma: str) -> Sense | None:
    """The hand table first, then the CAMEO dictionary."""
    lemma = LEMMA_FIXES.get(lemma, lemma)
    s = VERBS.get(lemma)
    if s is not None:
        mode = s.mode or VERB_MODES.get(lemma)
        return Sense(s.type, mode, 1.0, "lexicon")
    code = cameo_verbs().get(lemma)
    if code and lemma not in CAMEO_BLACKLIST and code not in _GENERIC_CODES and code[:3] not in _GENERIC_CODES \
            and lemma not in REPORTING and lemma not in ASPECTUAL and lemma not in HYPOTHETICAL_GOVERNORS \
            and lemma not in INTENT_GOVERNORS and lemma not in LIGHT_VERBS:
        pl = cameo_to_plover().get(code) or cameo_to_plover().get(code[:3])
        if pl:
            return Sense(pl[0], pl[1] if pl[1] in _VALID_MODES.get(pl[0], ()) else None, 0.6, "cameo")
    return None


def noun_sense(lemma: str) -> Sense | None:
    s = NOUNS.get(lemma)
    if s is None:
        return None
    return Sense(s.type, s.mode or NOUN_MODES.get(lemma), 0.9, "lexicon")


# CAMEO's catch-all codes (generic consult, cooperate, yield, disapprove, ...) give more noise than events
_GENERIC_CODES = {"020", "030", "040", "041", "043", "050", "060", "070", "080", "090", "110", "120", "140", "170"}
CAMEO_BLACKLIST = set("""
need campaign best better bill block break catch circle crack hold master match pull ring take claim cry express mine rake scan
skim study research search check comb dig explore sweep spy examine monitor face table remove overcome overshadow
dominate struggle engage force impose control reside inhabit infest differ contrast compete argue contend counter
risk suspect swear fire hit pressure moderate contain shun enclose exclude tax fine bar pass fill clear bow abide
obey submit tolerate permit allow verify tease settle resolve guard tend ward safeguard shield protect defend lead
head rule govern run die hurt harm mar spoil tarnish impair rip tear whip lash kick slap corrupt contaminate
vitiate abuse mistreat bruise crush overwhelm overpower overtake surmount shatter smash thump hammer pit duel
grapple wrestle scuffle quarrel rag upset vex irk plague torment bother harry hassle pester annoy disturb
discomfit disquiet arouse provoke enkindle badger agitate agonise agonize rouse spur galvanize inspire invigorate
enliven embolden cheer clap toast celebrate commemorate exalt extol glorify honor honour esteem prize value
respect reward salute sanctify bless greet favor favour prefer admire appreciate compliment reassert reassure
revitalize legitimise legitimize felicitate flock gather marshal muster garner parade overfly rally patrol
land lose win set send give get make put serve sign stock equip outfit gear furnish attire render tender
""".split())

_VALID_MODES: dict[str, set[str]] = {}


def _load_modes() -> None:
    path = DATA / "plover_modes.tsv"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            _VALID_MODES.setdefault(row["event"], set()).add(row["mode"])


_load_modes()

_IRREGULAR = {
    "withdrew": "withdraw", "withdrawn": "withdraw", "fought": "fight", "struck": "strike", "stricken": "strike",
    "shot": "shoot", "sought": "seek", "gave": "give", "given": "give", "sent": "send", "held": "hold",
    "met": "meet", "took": "take", "taken": "take", "froze": "freeze", "frozen": "freeze", "broke": "break",
    "broken": "break", "beaten": "beat", "began": "begin", "begun": "begin", "fled": "flee", "led": "lead",
    "made": "make", "paid": "pay", "quit": "quit", "slain": "kill", "slew": "kill", "stabbed": "stab",
    "blew": "blow", "blown": "blow", "underwent": "undergo", "undertook": "undertake", "forbade": "forbid",
    "drew": "draw", "threw": "throw", "thrown": "throw", "stood": "stand", "rode": "ride", "fell": "fall",
    "cut": "cut", "hit": "hit", "put": "put", "set": "set", "spread": "spread", "mistook": "mistake",
    "swore": "swear", "sworn": "swear", "won": "win", "lost": "lose", "bombarded": "bombard",
}


def _forms(lemma: str) -> set[str]:
    """Cheap over-generated inflections of a lemma (for the lexical prefilter only)."""
    w = lemma
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "ies"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


@functools.lru_cache(maxsize=1)
def prefilter_words() -> frozenset[str]:
    """Lower-case surface forms of words that can start an event: the parse is only paid for these.
    (A verb that is a trigger only with its particle is looked for with it: ``phrasal_only``.)"""
    heads = {k for k in VERBS if " " not in k and k not in OBJECT_ONLY and k not in SUBJECT_ONLY}
    heads |= _other_cues()
    heads.add("need")  # a request only in reported speech with an object (coder._verb_candidate)
    heads -= {"to", "of", "out", "over", "in", "on", "up", "off", "down", "with", "for", "people", "work",
              "game", "data", "information", "money", "action", "order"}
    out: set[str] = set()
    for h in heads:
        out |= _forms(h)
    out |= {k for k, v in _IRREGULAR.items() if v in heads}
    out |= {"must", "killed", "dead", "wounded", "injured"}
    out -= {"state", "states", "air", "united", "call", "called", "calls", "control", "back", "use", "used",
            "according", "games"}
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def _other_cues() -> frozenset[str]:
    """The cue words besides ``VERBS``' own: CAMEO verbs with a sense, nominalisations' heads,
    the object words of ``VERB_OBJECT`` ("sent troops": the object is the cue) and the verbs
    that count with their subject."""
    return frozenset({k for k in cameo_verbs() if " " not in k and verb_sense(k) is not None}
                     | {k.split()[-1] if " of " not in k else k.split()[0] for k in NOUNS}
                     | {obj for _, obj in VERB_OBJECT} | set(SUBJECT_ONLY))


@functools.lru_cache(maxsize=1)
def phrasal_only() -> "tuple[frozenset[str], re.Pattern[str]]":
    """The surface forms of verbs that are triggers only with their particle ("voted against",
    "railed against", "pushed back": "vote", "rail" alone are not), and a pattern that finds
    them with it, for the cheap pass."""
    single = {k for k in VERBS if " " not in k} | _other_cues()
    pairs = [(k.split()[0], k.split()[1]) for k in VERBS if " " in k and k.split()[0] not in single]
    forms = {f for h, _ in pairs for f in _forms(h) | {i for i, v in _IRREGULAR.items() if v == h}}
    pattern = re.compile(r"\b(?:%s)\s+(?:\w+\s+){0,3}(?:%s)\b" % (
        "|".join(sorted(forms)), "|".join(sorted({p for _, p in pairs}))))
    return frozenset(forms), pattern


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def has_candidate(sentence: str) -> bool:
    """Cheap test: does the sentence hold any trigger word form?"""
    words = prefilter_words()
    low = sentence.lower()
    found = _WORD.findall(low)
    return any(w in words for w in found) or _CALL_FOR.search(low) is not None \
        or phrasal_only()[1].search(low) is not None or (
        _NAMING_FORMS.search(low) is not None and any(w in DAMNING or w in PRAISING for w in found)) or (
        _SPEECH_FORMS.search(low) is not None and _VERDICT_FORMS.search(low) is not None)


# "calls these numbers deeply flawed", "branded the protest a disgrace", "described the ruling as
# a victory": naming something with a verdict is criticism (PLOVER ACCUSE, CAMEO 111 "criticize or
# denounce") or praise (SUPPORT, CAMEO 051 "praise or endorse"). The verdict words are our own
# short list of unambiguous evaluative words; a neutral naming ("called it a report") is no act.
NAMING_VERBS = frozenset({"call", "label", "brand", "describe", "dub", "term", "deem"})
DAMNING = frozenset("""flawed bogus false baseless misleading dishonest disgraceful disgrace shameful
    outrageous unacceptable irresponsible reckless dangerous absurd ridiculous illegal unlawful racist
    corrupt corruption lie lies liar hypocritical hypocrisy extremist extreme cynical inflated fraud
    fraudulent sham farce travesty betrayal disaster catastrophe failure incompetent appalling
    deplorable despicable abhorrent disgusting scandalous unconstitutional undemocratic authoritarian
    propaganda hoax witch-hunt terrorist terrorists criminal criminals thugs horrifying horrific insult
    insulting unfair unjust""".split())
PRAISING = frozenset("""hero heroes heroic courageous brave historic landmark triumph victory success
    visionary exemplary admirable""".split())
# … and so is saying it *is* one ("said the election was “horrifying”"), or that someone failed:
# the speech verbs whose reported clause can be a verdict (``coder._said_verdict``), and their
# surface forms for the cheap pass
SPEECH_VERBS = frozenset({"say", "tell", "state", "add", "note", "declare", "write", "insist", "stress", "argue",
                          "suggest", "claim", "contend", "charge", "complain"})
_SPEECH_FORMS = re.compile(r"\b(?:say|said|tell|told|stat|add|note|declar|writ|wrote|insist|stress|argu|suggest|"
                           r"claim|contend|charg|complain)\w*\b")
_VERDICT_FORMS = re.compile(
    r"\b(?:is|was|are|were|be|been|being|seems?|remains?|looks?|sounds?)\b[^.;]{0,100}?\b(?:%s)\b"
    r"|\bfail(?:s|ed)?\s+to\b|\bf[ae]ll\w*\s+(?:\w+\s+)?short\b|n[o'’]t\s+(?:\w+\s+)?done\s+enough\b"
    % "|".join(sorted(re.escape(w) for w in DAMNING | PRAISING)))
_NAMING_FORMS = re.compile(r"\b(?:call|label|brand|describ|dub|term|deem)\w*\b")


# reactions something is "met with" that the noun lexicon does not hold
MET_WITH: dict[str, Sense] = {
    **dict.fromkeys(("resistance", "opposition", "rejection", "refusal"), Sense("REJECT", None, 0.8)),
    **dict.fromkeys(("anger", "outrage", "backlash", "derision", "scorn", "fury"), Sense("ACCUSE", "disapprove", 0.8)),
    **dict.fromkeys(("praise", "applause", "approval", "acclaim"), Sense("SUPPORT", "praise", 0.8)),
}


# "call" alone is too common a word to parse every sentence for; "called for", "calls on" are
# REQUEST triggers (VERBS' call_for, call_on)
_CALL_FOR = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:for|on|upon)\b")
