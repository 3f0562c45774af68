"""Numbers in event sentences: killed, injured, money (in USD) and personnel.

Counts follow ACLED's conservative rule: a vague plural takes the lowest number it can
mean — "dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000; "several", "a few",
"some" 3; "a"/"an" with a person noun ("a man was killed") 1. "At least two" is 2 and
"more than 200,000" is 200,000 (the stated floor). Numbers are read on word tokens (a
regex tokenizer, not spaCy), so this module works on headlines the parser gets wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDNUM = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "several": 3, "few": 3,
          "some": 3, "many": 3, "numerous": 3}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
          "mln": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
_PERSON_NOUNS = {"person", "people", "man", "men", "woman", "women", "child", "children", "civilian",
                 "civilians", "soldier", "soldiers", "serviceman", "servicemen", "resident", "residents",
                 "militant", "militants", "fighter", "fighters", "troops", "policeman", "officer", "officers",
                 "militiaman", "militiamen", "boy", "girl", "boys", "girls", "teenager", "member", "members",
                 "worker", "workers", "volunteer", "volunteers", "assailants", "rebels", "rebel", "others",
                 "ukrainians", "russians", "servicemembers", "pensioner", "journalist", "journalists",
                 "persons", "individuals", "kids", "infant", "baby", "villager", "villagers", "passengers"}
_SINGULAR = {"person", "man", "woman", "child", "civilian", "soldier", "serviceman", "resident", "militant",
             "fighter", "policeman", "officer", "militiaman", "boy", "girl", "teenager", "member", "worker",
             "volunteer", "rebel", "pensioner", "journalist", "infant", "baby", "villager", "commander"}
KILL_WORDS = {"killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "slain", "deaths",
              "death", "kia", "fatalities", "perished", "bodies", "lives", "murdered", "executed"}
INJURE_WORDS = {"injured", "injuring", "injures", "injure", "wounded", "wounding", "wounds", "hurt",
                "wia", "injuries", "casualties_injured"}
PERSONNEL_WORDS = {"troops", "soldiers", "reservists", "servicemen", "personnel", "recruits", "conscripts",
                   "fighters", "police", "policemen", "officers", "marines", "paratroopers", "mercenaries",
                   "volunteers", "men", "militants", "peacekeepers", "draftees", "sailors"}
_STOP = {",", ";", ":", "and", "but", "while", "as", "in", "after", "when", "including", "since",
         "(", ")", "-", "–", "—", "."}
_FILLER = {"at", "least", "more", "than", "over", "about", "around", "some", "nearly", "almost", "up",
           "to", "approximately", "roughly", "another", "a", "an", "the", "total", "of", "least,", "were",
           "was", "have", "has", "been", "had", "are", "is", "reportedly", "also", "who", "being", "got",
           "people", "person", "civilians", "civilian", "soldiers", "soldier", "other", "others", "ukrainian",
           "russian", "further", "additional", "been", "left", "leaving"}

_TOKEN = re.compile(r"\$|€|£|\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)*|[^\sA-Za-z\d]")


@dataclass(frozen=True, slots=True)
class Quantities:
    killed: int | None = None
    injured: int | None = None
    amount: float | None = None
    currency: str | None = None
    personnel: int | None = None

    @property
    def amount_usd(self) -> float | None:
        return self.amount if self.currency == "USD" else None


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def parse_number(words: list[str]) -> int | None:
    """``["200,000"]`` → 200000, ``["two"]`` → 2, ``["twenty", "five"]`` → 25, ``["dozens"]`` → 12."""
    total, cur, seen = 0, 0, False
    words = [part for w in words for part in _split_hyphenated(w)]
    for w in words:
        lw = w.lower()
        if re.fullmatch(r"\d[\d,]*(\.\d+)?", w):
            v = float(w.replace(",", ""))
            cur += v
            seen = True
        elif lw in _WORDNUM:
            v = _WORDNUM[lw]
            if lw == "hundred":
                cur = (cur or 1) * 100
            elif lw == "dozen":
                cur = (cur or 1) * 12
            else:
                cur += v
            seen = True
        elif lw in ("thousand", "million", "billion"):
            cur = (cur or 1) * _SCALE[lw]
            total += cur
            cur = 0
            seen = True
        elif lw in _VAGUE:
            return _VAGUE[lw]
        elif lw in ("a", "an") and not seen:
            continue
        elif lw in ("-", "and") and seen:
            continue
        else:
            break
    return int(total + cur) if seen else None


def _number_before(toks: list[str], i: int, window: int = 7) -> int | None:
    """The count a casualty word at ``i`` refers to, looking back over fillers and nouns."""
    j = i - 1
    steps = 0
    while j >= 0 and steps < window:
        w = toks[j]
        lw = w.lower()
        if lw in _STOP and not (lw == "," and j > 0 and toks[j - 1][:1].isdigit()):
            return None
        if lw == "one" and j > 0 and toks[j - 1].lower() == "no":
            return 0  # "no one was killed"
        if re.fullmatch(r"\d{1,3},", w) and j >= 2 and toks[j - 1] == "," and toks[j - 2][:1].isupper():
            return None  # "Leanne Lucas, 35, who was injured": an age, not a count
        if _is_num(w) or lw in _VAGUE:
            k = j
            while k - 1 >= 0 and (_is_num(toks[k - 1]) or toks[k - 1].lower() in ("hundred", "thousand", "-")):
                k -= 1
            if k - 1 >= 0 and toks[k - 1].lower() in ("year", "years"):
                return None
            end = j  # "1.5 million people": the scale word follows the number
            while end + 1 < i and toks[end + 1].lower() in ("hundred", "thousand", "million", "billion"):
                end += 1
            return parse_number(toks[k: end + 1])
        if lw in ("a", "an", "one") and j + 1 < len(toks) and toks[j + 1].lower() in _PERSON_NOUNS:
            return 1
        j -= 1
        steps += 1
    return None


def _number_after(toks: list[str], i: int, window: int = 5) -> int | None:
    """Active voice: "killing two", "kills 3 assailants", "killed at least 5 soldiers"."""
    j = i + 1
    while j < len(toks) and j - i <= window:
        w = toks[j]
        lw = w.lower()
        if lw in _STOP:
            return None
        if _is_num(w) or lw in _VAGUE:
            k = j
            while k + 1 < len(toks) and (_is_num(toks[k + 1]) or toks[k + 1].lower() in ("hundred", "thousand", "million")):
                k += 1
            nxt = toks[k + 1].lower() if k + 1 < len(toks) else ""
            if nxt in ("km", "kilometres", "kilometers", "miles", "metres", "meters", "percent", "%", "years",
                       "days", "hours", "minutes", "times"):
                return None
            return parse_number(toks[j: k + 1])
        if lw in ("a", "an") and j + 1 < len(toks) and toks[j + 1].lower() in _PERSON_NOUNS:
            return 1
        if lw in _SINGULAR:
            return 1
        if lw not in _FILLER and not (w[:1].isupper()):
            return None
        j += 1
    return None


def _split_hyphenated(w: str) -> list[str]:
    """``twenty-five`` → ``["twenty", "five"]`` when every part is a number word."""
    parts = w.lower().split("-")
    if len(parts) > 1 and all(p in _WORDNUM or p in _SCALE for p in parts):
        return parts
    return [w]


def _is_num(w: str) -> bool:
    lw = w.lower()
    if "-" in lw and len(_split_hyphenated(lw)) > 1:
        return True
    return bool(re.fullmatch(r"\d[\d,]*(\.\d+)?", w)) or (lw in _WORDNUM and lw not in ("no", "zero", "hundred", "dozen"))


# wire-service slugs before a headline: "UPDATE 1-", "WRAPUP 2-", "REFILE-", "RPT-", "CORRECTED-"
WIRE_PREFIX = re.compile(
    r"^\s*(?:(?:UPDATE|WRAPUP|REFILE|RPT|CORRECTED|CORRECTION|REPEAT|INSIGHT|EXCLUSIVE|FACTBOX|ANALYSIS|"
    r"TOPSHOTS|TOPSHOT|PIX|PICTURES|VIDEO|BREAKING|URGENT|FLASH|UPDATED)(?:\s*\d+)?\s*[-–—:]\s*)+")


def strip_wire_prefix(text: str) -> str:
    """``"UPDATE 1-Two reporters killed"`` → ``"Two reporters killed"`` (upper-case slugs only)."""
    m = WIRE_PREFIX.match(text)
    return text[m.end():] if m else text


# "between 8 and 12", "8-12", "8 to 12" people: ACLED codes the conservative (lower) figure
_RANGE = re.compile(r"(?<!from )\b(?:between\s+)?(\d[\d,]*)\s*(?:-|–|to|and)\s*\d[\d,]*\b(?=\s+[A-Za-z])", re.I)
_RANGE_BETWEEN = re.compile(r"\bbetween\s+(\d[\d,]*)\s+and\s+\d[\d,]*\b", re.I)
# a toll stated as a noun and revised: "the death toll from Saturday's shelling rose to 15 from 9"
_TOLL = re.compile(
    r"\b(?:death\s+)?toll\b[^.;]{0,140}?\b(?:rose|risen|rises|climbed|climbs|jumped|increased|reached|reaches|"
    r"stood|stands|hit|hits|is|was|now)\b(?:\s+(?:at|to))?\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|almost\s+)?"
    r"(\d[\d,]*)", re.I)


def lower_bounds(text: str) -> str:
    """``text`` with every numeric range before a word replaced by its lower bound."""
    text = _RANGE_BETWEEN.sub(lambda m: m.group(1), text)
    return _RANGE.sub(lambda m: m.group(1), text)


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) stated in ``text``; ``None`` where nothing is stated.

    A range gives its lower bound ("between 8 and 12 civilians" → 8, ACLED's conservative
    rule); a revised toll gives the new figure ("the toll rose to 15 from 9" → 15)."""
    text = lower_bounds(strip_wire_prefix(text))
    toll = _TOLL.search(text)
    toks = tokens(text)
    killed = injured = None
    for i, w in enumerate(toks):
        lw = w.lower()
        if lw in KILL_WORDS or lw in INJURE_WORDS:
            if lw in ("death", "deaths", "fatalities") and i + 2 < len(toks) and toks[i + 1].lower() == "toll":
                n = _number_after(toks, i + 1, 6)
            elif lw in ("killed", "kill", "kills", "killing", "wounded", "injured", "injuring", "wounding",
                        "injures", "murdered", "executed"):
                n = _number_after(toks, i)
                if n is None:
                    n = _number_before(toks, i)
            else:
                n = _number_before(toks, i)
            if n is None and lw in ("dead", "died", "killed", "injured", "wounded") and i > 0 and \
                    toks[i - 1].lower() in ("was", "is") and i > 1 and toks[i - 2].lower() in _PERSON_NOUNS:
                n = 1
            if n is None and lw in ("dead", "died", "dies", "killed", "injured", "wounded", "slain") and i > 0 \
                    and toks[i - 1].lower() in _SINGULAR and (i < 2 or toks[i - 2].lower() not in ("every", "per")):
                n = 1  # headline "Ukrainian soldier killed in Donbas"
            if n is None:
                continue
            if lw in KILL_WORDS:
                killed = n if killed is None else max(killed, n)
            else:
                injured = n if injured is None else max(injured, n)
    if toll is not None and re.search(r"\b(?:death|dead|killed|fatalit)", text, re.I):
        killed = int(toll.group(1).replace(",", ""))
    else:
        m = re.search(r"death toll\D{0,30}?(\d[\d,]*)", text, re.I)
        if m and killed is None:
            killed = int(m.group(1).replace(",", ""))
    return killed, injured


_CUR_WORDS = {"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
              "pounds": "GBP", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "rubles": "RUB",
              "roubles": "RUB", "shillings": "TZS", "yen": "JPY", "yuan": "CNY"}
_MONEY = re.compile(
    r"(?P<sym>US\$|\$|€|£)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion|mln|bn|m|k)?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>thousand|million|billion|trillion|mln|bn)?\s+(?:US\s+|U\.S\.\s+)?"
    r"(?P<cur>dollars|dollar|usd|euros|euro|eur|pounds|hryvnias|hryvnia|uah|rubles|roubles|shillings|yen|yuan)\b",
    re.I)


def money(text: str) -> tuple[float, str] | None:
    """The first amount of money: ``"$625 million"`` → ``(625000000.0, "USD")``."""
    ms = list(_MONEY.finditer(text))
    if not ms:
        return None
    usd = [m for m in ms if (m.group("sym") or "").endswith("$") or (m.group("cur") or "").lower() in
           ("dollars", "dollar", "usd")]
    m = usd[0] if usd else ms[0]
    if m.group("sym"):
        cur = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}[m.group("sym")]
        num, scale = m.group("num"), m.group("scale")
    else:
        cur = _CUR_WORDS[m.group("cur").lower()]
        num, scale = m.group("num2"), m.group("scale2")
    v = float(num.replace(",", ""))
    if scale:
        v *= _SCALE[scale.lower()]
    return v, cur


def personnel(text: str) -> int | None:
    """Armed personnel moved or mobilised: "more than 200,000 reservists" → 200000."""
    toks = tokens(text)
    best = None
    for i, w in enumerate(toks):
        if w.lower() in PERSONNEL_WORDS:
            j = i - 1
            while j >= 0 and i - j <= 3 and not _is_num(toks[j]) and toks[j].lower() not in _VAGUE:
                if toks[j].lower() in _STOP:
                    break
                j -= 1
            if j >= 0 and i - j <= 3 and (_is_num(toks[j]) or toks[j].lower() in _VAGUE):
                k = j
                while k - 1 >= 0 and _is_num(toks[k - 1]):
                    k -= 1
                n = parse_number(toks[k: i])
                if n and n >= 2:
                    best = n if best is None else max(best, n)
    return best


def quantities(text: str) -> Quantities:
    k, inj = casualties(text)
    mo = money(text)
    return Quantities(k, inj, mo[0] if mo else None, mo[1] if mo else None, personnel(text))


# --- is a casualty statement about violence? ----------------------------------------------
_VIOLENT = re.compile(
    r"\b(fight\w*|clash\w*|shell\w*|attack\w*|under fire|gunfire|crossfire|shot|shoot\w*|sniper\w*|"
    r"(?:land)?mines?|blasts?|explosions?|explosive\w*|bomb\w*|rockets?|missiles?|artillery|mortars?|"
    r"grenades?|ambush\w*|strikes?|airstrikes?|air raids?|drones?|combat|battles?|war|warfare|offensive|"
    r"assault\w*|militants?|rebels?|separatists?|insurgents?|troops|soldiers?|servicem[ae]n|militiam[ae]n|"
    r"militias?|gunmen|hostilities|violence|confrontations?|raids?|kia|wia|in action|front ?line|frontline|"
    r"ceasefire|cease-fire|truce|killed by|occupiers|invaders|enemy|forces|army|military|fighters?|ato|jfo|"
    r"downing|downed|shot down|riots?|rioters?)\b", re.I)
# causes of death that are never armed violence ...
_NON_VIOLENT = re.compile(
    r"\b(accidents?|accidental\w*|floods?|flooding|earthquakes?|snowstorms?|rainstorms?|hurricanes?|typhoons?|tornado\w*|"
    r"heat ?waves?|wildfires?|house fire|blaze|covid\w*|coronavirus|pandemic|epidemic|outbreak|flu|"
    r"diseases?|illness|cancer|heart attack|overdose|drown\w*|avalanche|landslides?|mudslides?|stampede|"
    r"carbon monoxide|suicide(?!\s+(?:car\s+|truck\s+)?(?:bomb\w*|attack\w*|blasts?|explosions?|vests?|drones?|"
    r"missions?|raids?))|natural causes|derail\w*)\b", re.I)
# ... and words that usually mean an accident unless the text also speaks of violence
_MISHAP = re.compile(
    r"\b(crash\w*|collisions?|collided|bus|train|road|traffic|plane|fire|cold|frost|freezing|heat|"
    r"poisoning|exercises?|drills?|training|ill)\b", re.I)
_ALWAYS_VIOLENT = {"killed", "kill", "kills", "killing", "slain", "kia", "wia", "murdered", "executed",
                   "wounded", "wounding"}


# a road or air accident's own words (narrower than ``_MISHAP``: "a building was hit, which caused
# a fire" and "stabbed on a train" are attacks)
_ACCIDENT = re.compile(r"\b(crash\w*|collisions?|collided|driver|passengers?|motorists?|pedestrians?|"
                       r"overturned|capsized)\b", re.I)


def violent_words(text: str) -> bool:
    """Does ``text`` speak of armed violence (``_VIOLENT``: fighting, shelling, bombs, troops …)?"""
    return bool(_VIOLENT.search(text))


# a death or injury the sentence itself puts down to a crash ("killed in a helicopter crash in
# Afghanistan, the US military said"): an accident even where soldiers or the military are named,
# unless the craft was brought down
_DIED_IN_CRASH = re.compile(r"\b(?:killed|died|dead|injured|hurt|wounded)\s+(?:in|after|when)\s+(?:an?|the|their|its|his|her)\s+"
                            r"(?:[\w-]+\s+){0,2}(?:crash|accident|collision)\b", re.I)
_BROUGHT_DOWN = re.compile(r"\b(?:shot\s+down|downed|brought\s+down|hit\s+by|struck\s+by|enemy\s+fire)\b", re.I)


def accident(text: str) -> bool:
    """Does ``text`` tell of an accident, disaster or disease rather than an attack? (a
    non-violent cause, a death put down to a crash in so many words, or a crash's words with no
    word of violence)"""
    return bool(_NON_VIOLENT.search(text)) or (bool(_DIED_IN_CRASH.search(text)) and not _BROUGHT_DOWN.search(text)) \
        or (bool(_ACCIDENT.search(text)) and not violent_words(text))


def non_violent(text: str) -> bool:
    """Does ``text`` give a non-violent cause (accident, disaster, disease) for its casualties?"""
    return bool(_NON_VIOLENT.search(text)) or (bool(_MISHAP.search(text)) and not _VIOLENT.search(text))


def violent_casualties(text: str) -> tuple[int | None, int | None] | None:
    """(killed, injured) when ``text`` states a count of people killed or hurt by violence.

    ``None`` for no count, and for deaths from accidents, disasters or disease ("Four dead
    in bus crash", "flood kills 12"). "killed"/"wounded"/KIA need no other cue; "dead",
    "die", "deaths" count only with a word of armed violence in the text ("Four dead as
    fighting flares", "soldiers die in rebel fire")."""
    text = strip_wire_prefix(text)
    k, inj = casualties(text)
    if k is None and inj is None:
        return None
    if not k and not inj:  # "no one was killed"
        return None
    if non_violent(text):
        return None
    words = {w.lower() for w in tokens(text)}
    if words & _ALWAYS_VIOLENT or _VIOLENT.search(text):
        return k, inj
    return None
