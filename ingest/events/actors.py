"""Actors and targets: a noun phrase from the parse → (name, ISO3 country, PLOVER sector).

Country comes from the words of the phrase: a demonym ("Russian forces"), a country or
place name ("Ukraine's deputy foreign minister", "Kharkiv Governor"), a capital or seat of
power used for its government ("Moscow", "the Kremlin", "Washington"), or a known person.
Sector comes from the head noun or title: a hand table for the words the brief names
(forces/troops/army → MIL; president/ministry/parliament/council → GOV, which is why
legislatures are GOV here, not PLOVER's LEG), then the Phoenix agents dictionary
(``data/agents.tsv``, derived from PETRARCH-2's Phoenix.agents.txt).

The Phoenix person dictionaries stop in 2015 (no Zelenskyy, no Shoigu), so a short table
of current office-holders is kept here instead; unknown people get their country and
sector from their title when the phrase has one.
"""

from __future__ import annotations

import re

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING
from ingest.events.tables import read_pairs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ingest.events.gazetteer import Gazetteer


DEMONYMS = {
    "russian": "RUS", "russians": "RUS", "ukrainian": "UKR", "ukrainians": "UKR", "american": "USA",
    "americans": "USA", "us": "USA", "u.s.": "USA", "british": "GBR", "french": "FRA", "german": "DEU",
    "polish": "POL", "belarusian": "BLR", "belarussian": "BLR", "chinese": "CHN", "turkish": "TUR",
    "iranian": "IRN", "israeli": "ISR", "palestinian": "PSE", "syrian": "SYR", "iraqi": "IRQ",
    "afghan": "AFG", "pakistani": "PAK", "indian": "IND", "japanese": "JPN", "korean": "KOR",
    "north korean": "PRK", "south korean": "KOR", "georgian": "GEO", "moldovan": "MDA", "romanian": "ROU",
    "hungarian": "HUN", "slovak": "SVK", "czech": "CZE", "lithuanian": "LTU", "latvian": "LVA",
    "estonian": "EST", "finnish": "FIN", "swedish": "SWE", "norwegian": "NOR", "danish": "DNK",
    "dutch": "NLD", "belgian": "BEL", "italian": "ITA", "spanish": "ESP", "portuguese": "PRT",
    "greek": "GRC", "cypriot": "CYP", "serbian": "SRB", "serb": "SRB", "serbs": "SRB", "croatian": "HRV",
    "croat": "HRV", "croats": "HRV", "bosnian": "BIH", "albanian": "ALB", "bulgarian": "BGR",
    "canadian": "CAN", "mexican": "MEX", "brazilian": "BRA", "argentine": "ARG", "egyptian": "EGY",
    "saudi": "SAU", "jordanian": "JOR", "lebanese": "LBN", "libyan": "LBY", "sudanese": "SDN",
    "ethiopian": "ETH", "somali": "SOM", "kenyan": "KEN", "nigerian": "NGA", "south african": "ZAF",
    "australian": "AUS", "indonesian": "IDN", "filipino": "PHL", "vietnamese": "VNM", "thai": "THA",
    "armenian": "ARM", "azerbaijani": "AZE", "kazakh": "KAZ", "uzbek": "UZB", "tajik": "TJK",
    "kyrgyz": "KGZ", "taiwanese": "TWN", "cuban": "CUB", "venezuelan": "VEN", "colombian": "COL",
    "tanzanian": "TZA", "rwandan": "RWA", "ugandan": "UGA", "yemeni": "YEM", "kuwaiti": "KWT",
    "qatari": "QAT", "emirati": "ARE", "algerian": "DZA", "moroccan": "MAR", "tunisian": "TUN",
    "slovenian": "SVN", "austrian": "AUT", "swiss": "CHE", "irish": "IRL", "scottish": "GBR",
    "soviet": "RUS", "kremlin": "RUS", "kosovar": "XKX", "chechen": "RUS", "crimean": "UKR",
}
# seats of power standing for a government
METONYMS = {
    "kremlin": ("RUS", "GOV"), "moscow": ("RUS", "GOV"), "kyiv": ("UKR", "GOV"), "kiev": ("UKR", "GOV"),
    "washington": ("USA", "GOV"), "white house": ("USA", "GOV"), "pentagon": ("USA", "MIL"),
    "beijing": ("CHN", "GOV"), "london": ("GBR", "GOV"), "downing street": ("GBR", "GOV"),
    "paris": ("FRA", "GOV"), "elysee": ("FRA", "GOV"), "berlin": ("DEU", "GOV"), "ankara": ("TUR", "GOV"),
    "minsk": ("BLR", "GOV"), "tehran": ("IRN", "GOV"), "warsaw": ("POL", "GOV"), "tokyo": ("JPN", "GOV"),
    "pyongyang": ("PRK", "GOV"), "seoul": ("KOR", "GOV"), "damascus": ("SYR", "GOV"),
    "state department": ("USA", "GOV"), "duma": ("RUS", "GOV"), "verkhovna rada": ("UKR", "GOV"),
    "rada": ("UKR", "GOV"), "federation council": ("RUS", "GOV"), "congress": ("USA", "GOV"),
}
PERSONS = {
    "zelenskyy": ("UKR", "GOV"), "zelensky": ("UKR", "GOV"), "zelenskiy": ("UKR", "GOV"),
    "putin": ("RUS", "GOV"), "shoigu": ("RUS", "MIL"), "peskov": ("RUS", "GOV"), "lavrov": ("RUS", "GOV"),
    "medvedev": ("RUS", "GOV"), "gerasimov": ("RUS", "MIL"), "zakharova": ("RUS", "GOV"),
    "kuleba": ("UKR", "GOV"), "reznikov": ("UKR", "MIL"), "zaluzhnyi": ("UKR", "MIL"), "zaluzhny": ("UKR", "MIL"),
    "podolyak": ("UKR", "GOV"), "yermak": ("UKR", "GOV"), "shmyhal": ("UKR", "GOV"), "syniehubov": ("UKR", "GOV"),
    "perebyinis": ("UKR", "GOV"), "stremousov": ("RUS", "GOV"), "pushilin": ("RUS", "REB"),
    "biden": ("USA", "GOV"), "blinken": ("USA", "GOV"), "sullivan": ("USA", "GOV"), "kirby": ("USA", "GOV"),
    "lukashenko": ("BLR", "GOV"), "erdogan": ("TUR", "GOV"), "scholz": ("DEU", "GOV"), "macron": ("FRA", "GOV"),
    "truss": ("GBR", "GOV"), "kadyrov": ("RUS", "GOV"), "prigozhin": ("RUS", "PRM"),
    "stoltenberg": (None, "IGO"), "guterres": (None, "IGO"), "grossi": (None, "IGO"),
}
SECTORS = {
    "forces": "MIL", "force": "MIL", "troops": "MIL", "troop": "MIL", "army": "MIL", "military": "MIL",
    "soldier": "MIL", "soldiers": "MIL", "navy": "MIL", "marines": "MIL", "paratroopers": "MIL",
    "artillery": "MIL", "units": "MIL", "unit": "MIL", "brigade": "MIL", "battalion": "MIL",
    "reservists": "MIL", "recruits": "MIL", "servicemen": "MIL", "serviceman": "MIL", "commander": "MIL",
    "general": "MIL", "defense minister": "MIL", "defence minister": "MIL", "defense ministry": "MIL",
    "defence ministry": "MIL", "general staff": "MIL", "air force": "MIL", "jets": "MIL", "warplanes": "MIL",
    "president": "GOV", "ministry": "GOV", "minister": "GOV", "parliament": "GOV", "council": "GOV",
    "government": "GOV", "cabinet": "GOV", "governor": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "spokesperson": "GOV", "prime minister": "GOV", "premier": "GOV", "chancellor": "GOV", "mayor": "GOV",
    "official": "GOV", "officials": "GOV", "authorities": "GOV", "administration": "GOV", "house": "GOV",
    "senate": "GOV", "legislature": "GOV", "lawmakers": "GOV", "diplomat": "GOV", "diplomats": "GOV",
    "ambassador": "GOV", "envoy": "GOV", "foreign minister": "GOV", "head": "GOV", "leader": "GOV",
    "kremlin": "GOV", "duma": "GOV", "police": "COP", "policemen": "COP", "police officers": "COP",
    "separatists": "REB", "rebels": "REB", "militants": "REB", "insurgents": "REB", "militia": "REB",
    "militiaman": "REB", "militiamen": "REB", "protesters": "CVL", "demonstrators": "CVL", "civilians": "CVL",
    "civilian": "CVL", "residents": "CVL", "people": "CVL", "journalists": "JRN", "journalist": "JRN",
    "television": "JRN", "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "prosecutors": "JUD",
    "jury": "JUD", "grand jury": "JUD", "tribunal": "JUD", "justices": "JUD",
    "gunmen": "UAF", "attackers": "UAF", "assailants": "UAF", "mercenaries": "PRM",
    # members of a party named by its name (CAMEO PTY): "Republicans argued …", "the GOP", "Tories"
    "republicans": "PTY", "republican": "PTY", "democrats": "PTY", "democrat": "PTY", "gop": "PTY",
    "tories": "PTY", "tory": "PTY",
    # international organisations (PLOVER's IGO sector): no country of their own
    "nato": "IGO", "un": "IGO", "u.n.": "IGO", "eu": "IGO", "opec": "IGO", "imf": "IGO", "unrwa": "IGO",
    "icj": "IGO", "icc": "IGO", "osce": "IGO", "iaea": "IGO", "unicef": "IGO", "unhcr": "IGO",
    "united nations": "IGO", "european union": "IGO", "world bank": "IGO", "african union": "IGO",
    "european commission": "IGO", "european parliament": "IGO", "security council": "IGO",
}
# International bodies have no ISO country; their actor country is the non-state code CAMEO and
# GDELT use for them (CAMEO 1.1b3 actor codebook: UNO the United Nations and its agencies and
# courts, EUR the European Union's institutions, IGO other intergovernmental organisations,
# NGO international non-governmental organisations).
INTERNATIONAL_CODES = {
    "un": "UNO", "u.n.": "UNO", "united nations": "UNO", "unrwa": "UNO", "unicef": "UNO", "unhcr": "UNO",
    "icj": "UNO", "international court of justice": "UNO", "security council": "UNO", "iaea": "UNO",
    "world health organization": "UNO", "wfp": "UNO", "world food programme": "UNO",
    "ohchr": "UNO", "unesco": "UNO", "guterres": "UNO", "grossi": "UNO",
    "eu": "EUR", "european union": "EUR", "european commission": "EUR", "european parliament": "EUR",
    "european council": "EUR", "brussels": "EUR", "von der leyen": "EUR",
    "nato": "IGO", "opec": "IGO", "opec+": "IGO", "imf": "IGO", "world bank": "IGO", "african union": "IGO",
    "osce": "IGO", "icc": "IGO", "international criminal court": "IGO", "asean": "IGO", "arab league": "IGO",
    "g7": "IGO", "g20": "IGO", "interpol": "IGO", "wto": "IGO", "stoltenberg": "IGO", "ecowas": "IGO",
    "amnesty international": "NGO", "human rights watch": "NGO", "red cross": "NGO", "icrc": "NGO",
    "doctors without borders": "NGO", "msf": "NGO", "oxfam": "NGO", "save the children": "NGO",
    "greenpeace": "NGO",
}
_CAMEO_TO_PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED", "LEG": "GOV", "BUD": "REL", "CHR": "REL",
                           "MUS": "REL", "JEW": "REL", "HIN": "REL", "NGO": "SOC", "ENV": "SOC",
                           "DEV": "SOC", "HRI": "SOC", "SET": "SOC", "IGO": "IGO"}


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    country: str | None
    sector: str | None
    plural: bool = False
    pronoun: bool = False


@functools.lru_cache(maxsize=1)
def agents() -> dict[str, str]:
    """Phoenix agent words ("troops", "ministry") → PLOVER sector."""
    return {k: _CAMEO_TO_PLOVER_SECTOR.get(v, v) for k, v in read_pairs("agents.tsv").items()}


# two-word job titles whose first word is a rank elsewhere: a general manager or a general
# counsel is no general (MIL)
NOT_RANKS = frozenset({"general manager", "general counsel", "general partner", "general contractor",
                       "general practitioner"})


def sector_of(words: list[str]) -> str | None:
    """Sector from a phrase's lower-case words; longest (two-word) titles first, head last."""
    for i in range(len(words) - 1):
        two = f"{words[i]} {words[i + 1]}"
        if two in NOT_RANKS:
            return sector_of(words[:i] + words[i + 2:])
        if two in SECTORS:
            return SECTORS[two]
        if two in agents():  # "commerce secretary", "home secretary"
            return agents()[two]
    for w in reversed(words):
        if w in SECTORS:
            return SECTORS[w]
        a = agents().get(w) or agents().get(w.rstrip("s"))
        if a:
            return a
    return None


def country_of(words: list[str], gaz: "Gazetteer | None" = None, names: list[str] = ()) -> str | None:
    """Country from demonyms, metonyms, persons, international bodies (``INTERNATIONAL_CODES``:
    UNO, EUR, IGO, NGO), then gazetteer places among ``names``."""
    for w in words:
        if w in DEMONYMS:
            return DEMONYMS[w]
    for i in range(len(words)):
        for n in (2, 1):
            key = " ".join(words[i:i + n])
            if key in METONYMS:
                return METONYMS[key][0]
            if key in PERSONS and PERSONS[key][0]:
                return PERSONS[key][0]
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            key = " ".join(words[i:i + n])
            if key in INTERNATIONAL_CODES:
                return INTERNATIONAL_CODES[key]
    if gaz is not None:
        for n in names:
            p = gaz.resolve(n)
            # a country, a region or a city can name a side ("Kharkiv police"); a village that
            # shares a name with a weapon or a person ("the Oreshnik struck …") cannot
            if p is not None and (p.kind != "city" or p.population >= 100_000):
                return p.country
    return None


_ARMED: dict[str, str] | None = None


def _whole_names(toks: "list[Token]") -> set[str]:
    """The lower-case words of ``toks`` that spaCy's NER tags as a name (ORG, NORP, PERSON,
    GPE) standing alone, bar a demonym or "the" ("Taliban", "the Afghan Taliban"): one word of a
    longer name ("Trump Organization", "Detroit Tigers", "Youth Council") names something else."""
    ids = {t.i for t in toks}
    out = set()
    for e in toks[0].doc.ents if toks else ():
        if e.label_ in ("ORG", "NORP", "PERSON", "GPE") and any(t.i in ids for t in e):
            own = [t.lower_ for t in e if not t.is_punct and t.lower_ not in DEMONYMS and t.lower_ != "the"]
            if len(own) == 1:
                out.add(own[0])
    return out


def armed_group(words: list[str], named: "frozenset[str] | set[str]" = frozenset()) -> str | None:
    """The country of the non-state armed group the lower-case ``words`` name ("hamas" → PSE,
    "boko haram" → NGA; "" for a regional or international group), or None when they name none.
    Names of two words or more match anywhere in the phrase; one-word names ("Taliban",
    "Tigers") only among ``named``, the words spaCy's NER tagged as a name (ORG, NORP, PERSON,
    GPE), so "youth" or "tigers" in running text are not groups. Source: ``data/armed_groups.tsv``,
    derived from PETRARCH-2's Phoenix non-state actor dictionary (2013; acronyms left out)."""
    global _ARMED
    if _ARMED is None:
        _ARMED = {k.replace("-", " "): v for k, v in read_pairs("armed_groups.tsv").items()}
    flat = " ".join(w.replace("-", " ") for w in words).split()
    for n in range(min(6, len(flat)), 1, -1):
        for i in range(len(flat) - n + 1):
            hit = _ARMED.get(" ".join(flat[i:i + n]))
            if hit is not None:
                return hit
    for w in flat:
        if w in _ARMED and w in named:
            return _ARMED[w]
    return None


def actor_from_name(name: str, gaz: "Gazetteer | None" = None) -> Actor:
    """An actor from a name alone (no parse): "White House" → USA/GOV, "Vermont Principals
    Association" → USA/NGO-like sector by its head word. Country and sector as ``actor_from``."""
    words = [w.replace("’s", "").replace("'s", "") for w in name.lower().split()]
    words = [w for w in words if w]
    sector = None
    full = " ".join(words)
    country = country_of(words, None)
    if country is None and gaz is not None:
        # a country or state named first ("Vermont Principals Association"), never a town
        # ("Hamas" is also a village)
        raw = [re.sub(r"['’]s$", "", w) for w in name.split()]  # ("Pakistan's army")
        for n in (2, 1):
            p = gaz.resolve(" ".join(raw[:n])) if len(raw) >= n and raw[0][:1].isupper() else None
            if p is not None and p.kind in ("country", "admin1") and p.primary:
                country = p.country
                break
    if full in METONYMS:
        country, sector = country or METONYMS[full][0], METONYMS[full][1]
    if sector is None:
        sector = sector_of(words)
    return Actor(name, country, sector)


_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "det", "flat", "appos", "case", "nummod", "quantmod"}
INDEFINITES = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "no-one", "nobody",
                         "one", "whoever"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "these",
                      "those"})


def phrase_tokens(head: "Token") -> list["Token"]:
    """The head with its modifiers (and an ``of``-complement), not its clauses."""
    toks = {head}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _PHRASE_DEPS or (c.dep_ == "prep" and c.lower_ == "of"
                                          and (t == head or (t.pos_ == "PROPN" and t.dep_ == "pobj" and t in toks))
                                          and any(x.dep_ == "pobj" for x in c.children)):
                # ("accused Western politicians of forgetting …": an "of" with a clause is the
                # charge, not part of the name)
                toks.add(c)
                stack.append(c)
            elif c.dep_ in ("cc", "conj") and t != head and t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod") \
                    and any(x.dep_ == "conj" and x.pos_ == "PROPN" for x in t.children) \
                    and (c.dep_ == "cc" or c.pos_ == "PROPN"):
                # "Trump Media & Technology Group": a conjunction inside one proper name
                toks.add(c)
                stack.append(c)
            elif c.dep_ == "pobj" and t.lower_ == "of":
                toks.add(c)
                stack.append(c)
            elif c.dep_ == "advmod" and c.i == t.i - 1 and t == head and c.lower_ in ("far", "hard", "centre", "center"):
                toks.add(c)  # "the far right", "the hard left": the adverb is part of the name
            elif c.dep_ == "punct" and t.dep_ == "appos":
                continue
    return sorted(toks, key=lambda t: t.i)


_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokespersons"})


def actor_from(head: "Token", gaz: "Gazetteer | None" = None) -> Actor | None:
    """Normalise the noun phrase headed by ``head``."""
    if head is None:
        return None
    low = head.lower_
    if low in INDEFINITES:
        # "to hear someone complain", "anyone who criticises": no one in particular, and no one
        # to look back for
        return Actor(head.text, None, None)
    if low in PRONOUNS or head.pos_ == "PRON":
        return Actor(head.text, None, None, plural=low in ("they", "we", "these", "those"), pronoun=True)
    if head.pos_ == "NOUN" and low in _SPOKES:
        # "A spokesperson for Sheffield University urged …": one speaks for the body named, and
        # has its side (a university's spokesperson is no government's)
        body = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "for"
                     for o in p.children if o.dep_ == "pobj"), None)
        side = _actor_from(body, gaz) if body is not None else None
        if side is not None and (side.country or side.sector):
            return Actor(f"{head.text} for {side.name}", side.country, side.sector)
    if head.pos_ == "NOUN":
        name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and (
            c.ent_type_ == "PERSON" or (c.ent_type_ == "ORG" and c.left_edge.i > 0
                                        and head.doc[c.left_edge.i - 1].text == ","))), None)
        if name is not None:
            # "McCarthy's eventual successor, Mike Johnson, cut a deal", "The partnership, United
            # Atlantic Ventures (UAV), alleges": the name, with the side
            # and sector the description gives ("Russia's defence minister, Sergei Shoigu")
            alt = actor_from(name, gaz)
            if alt is not None:
                desc = _actor_from(head, gaz, skip_appos=True)
                return Actor(alt.name, alt.country or (desc.country if desc else None),
                             alt.sector or (desc.sector if desc else None), alt.plural)
    return _actor_from(head, gaz)


def _actor_from(head: "Token", gaz: "Gazetteer | None" = None, skip_appos: bool = False) -> Actor | None:
    toks = [t for t in phrase_tokens(head)
            if not (skip_appos and any(a.dep_ == "appos" and a.head == head for a in [t, *t.ancestors]))]
    # name: drop leading determiners and trailing punctuation
    while toks and (toks[0].dep_ in ("det", "case", "punct") or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    ids = {t.i for t in toks}
    lo = hi = head.i

    def inner(t: "Token") -> bool:
        # "&" in a name, and a hyphen glued to both its neighbours ("NATO-member Norway")
        return not t.is_punct or t.text == "&" or (
            t.text == "-" and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_)

    while (lo - 1 in ids and inner(head.doc[lo - 1])) or (
            lo - 2 in ids and head.doc[lo - 1].text == "-" and inner(head.doc[lo - 1])):
        lo -= 1
    while hi + 1 in ids and inner(head.doc[hi + 1]):
        hi += 1
    if head.doc[hi].dep_ == "prep":
        # "One group of now mostly senior citizen organizers": the words the parser hung
        # elsewhere between "of" and its object are still the name's
        pobj = next((x for x in head.doc[hi].children if x.dep_ == "pobj" and x.i in ids), None)
        hi = pobj.i if pobj is not None else hi - 1
    while lo < head.i and head.doc[lo].dep_ in ("det", "case"):
        lo += 1
    name = head.doc[lo: hi + 1].text
    # "pro-Palestine protests", "anti-Russian groups": a stance, not a nationality
    stance = {t.i for t in toks if t.i >= 2 and head.doc[t.i - 1].text == "-"
              and head.doc[t.i - 2].lower_ in ("pro", "anti")}
    words = [t.lower_.replace("’s", "").replace("'s", "") for t in toks if not t.is_punct and t.i not in stance]
    words = [w for w in words if w]
    lemmas = [t.lemma_.lower() for t in toks]
    ents = [e.text for e in head.doc.ents if e.label_ in ("GPE", "LOC") and e.start >= toks[0].i
            and e.end <= toks[-1].i + 1 and e.start not in stance]
    country = country_of(words, gaz, ents)
    sector = None
    for w in words:
        if w in PERSONS:
            sector = PERSONS[w][1]
            break
    if sector is None:
        full = " ".join(words)
        for k, (c, s) in METONYMS.items():
            if full == k or (head.lower_ in k.split() and k in full):
                sector = s
                country = country or c
                break
    if sector is None:
        sector = sector_of(words) or sector_of(lemmas)
    group = armed_group(words, _whole_names(toks))
    if group is not None:
        country = country or group or None
        sector = sector or "REB"
    if sector is None and head.ent_type_ in ("GPE",) and gaz is not None:
        p = gaz.resolve(head.text)
        if p is not None and p.kind == "country":
            sector = "GOV"
    if sector is None and head.ent_type_ == "NORP":
        sector = None
    if head.pos_ == "NOUN" and head.lemma_.lower() in RELATION_NOUNS:
        # "key US allies", "Russia's partners": the country named is the other side; allies and
        # partners of a state or a politician are political sides themselves
        if country is not None and sector is None and head.lemma_.lower() in _ALLY_NOUNS:
            sector = "GOV"
        country = None
    plural = head.tag_ in ("NNS", "NNPS")
    return Actor(name, country, sector, plural=plural)


# nouns that name a side by its relation to another ("US allies" are not the US); the first are
# states or politicians themselves
_ALLY_NOUNS = frozenset({"ally", "allies", "partner", "partners", "adversary", "adversaries", "rival", "rivals",
                         "enemy", "enemies", "foe", "foes", "neighbour", "neighbours", "neighbor", "neighbors"})
RELATION_NOUNS = _ALLY_NOUNS | {"critic", "critics", "opponent", "opponents", "backer", "backers", "proxy", "proxies"}
