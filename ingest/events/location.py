"""Article-level place cues the sentence parse cannot see: wire datelines and "the town".

**Datelines.** Wire copy opens with the place the story was filed from: "TROY, N.C. (AP) —",
"LONDON (Reuters) -", "KYIV, Ukraine —", "STRASBOURG, France (AP) —". The gold convention
(and ACLED's) puts an event at the dateline when it happened there and the sentence names
no other place; the state or country after the comma disambiguates the city ("Troy, N.C."
is Troy, North Carolina, not the larger Troy, Michigan). US states come in AP style
abbreviations (``AP_STATES``, from the AP Stylebook's state abbreviation list) or in full.

**"the town", "the city", "the village"** with no name in the sentence refers back to the
last town the text named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pycountry

from ingest.events.actors import METONYMS
from ingest.events.dates import MONTH_RE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ingest.events.gazetteer import Gazetteer

# AP Stylebook state abbreviations (and the full names AP leaves unabbreviated)
AP_STATES = {
    "ala.": "Alabama", "ariz.": "Arizona", "ark.": "Arkansas", "calif.": "California", "colo.": "Colorado",
    "conn.": "Connecticut", "del.": "Delaware", "fla.": "Florida", "ga.": "Georgia", "ill.": "Illinois",
    "ind.": "Indiana", "kan.": "Kansas", "ky.": "Kentucky", "la.": "Louisiana", "md.": "Maryland",
    "mass.": "Massachusetts", "mich.": "Michigan", "minn.": "Minnesota", "miss.": "Mississippi",
    "mo.": "Missouri", "mont.": "Montana", "neb.": "Nebraska", "nev.": "Nevada", "n.h.": "New Hampshire",
    "n.j.": "New Jersey", "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
    "n.d.": "North Dakota", "okla.": "Oklahoma", "ore.": "Oregon", "pa.": "Pennsylvania",
    "r.i.": "Rhode Island", "s.c.": "South Carolina", "s.d.": "South Dakota", "tenn.": "Tennessee",
    "tex.": "Texas", "vt.": "Vermont", "va.": "Virginia", "wash.": "Washington", "w.va.": "West Virginia",
    "wis.": "Wisconsin", "wyo.": "Wyoming", "d.c.": "District of Columbia",
    "alaska": "Alaska", "hawaii": "Hawaii", "idaho": "Idaho", "iowa": "Iowa", "maine": "Maine",
    "ohio": "Ohio", "texas": "Texas", "utah": "Utah",
}
# … and every state written in full ("SACRAMENTO, California (AP) —"), from ISO 3166-2:US (pycountry)
AP_STATES.update({sub.name.lower(): sub.name for sub in pycountry.subdivisions.get(country_code="US")
                  if sub.type in ("State", "District")})
# upper-case slugs that open wire copy but are not places ("BREAKING —", "UPDATE -")
_NOT_PLACES = frozenset({"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE",
                         "VIDEO", "PHOTOS", "EDITORIAL", "CORRECTION", "REFILE", "FACTBOX", "URGENT", "FLASH",
                         "INSIGHT", "COMMENT", "REVIEW", "EXPLAINER", "WRAPUP"})
_MONTH = rf"(?i:{MONTH_RE})\.?"
# Reuters' "WASHINGTON, March 4 (Reuters) -", "KYIV, Ukraine, Jan 5 (Reuters) -" carry the day
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    rf"(?:,\s*(?!{_MONTH}\s+\d)(?P<region>[A-Z][A-Za-z'’.\-]*(?:\s?[A-Z][A-Za-z'’.\-]*){{0,3}}))?"
    rf"(?:,\s*{_MONTH}\s+\d{{1,2}})?"
    r"\s*(?:\((?:AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua)\))?\s*[—–\-]{1,2}\s",
    re.MULTILINE)
# a title-case dateline opening the story: "Indianapolis – Several thousand teachers …" (a spaced
# en or em dash only, so that "Pro-Kremlin …" or a hyphenated word is never one)
_TITLE_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\-]*(?:\s?[A-Z][A-Za-z'’.\-]*){0,3}))?\s+[—–]\s+(?=[A-Z])")
ANAPHORA = re.compile(r"\bthe\s+(town|city|village|settlement)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """The dateline's city (title case), its region as written, and the admin1 it names."""

    city: str
    region: str | None
    admin1: str | None
    end: int  # character offset where the dateline ends
    # written in title case ("Indianapolis – …"): a dateline only if the gazetteer knows the place
    # (``article.prepare``), since "Meanwhile – …" has the same shape
    title_case: bool = False
    start: int = 0  # character offset where the dateline begins (a headline line may stand before it)


def find_dateline(text: str, within: int = 600) -> Dateline | None:
    """The dateline of a wire story, searched at line starts in the first ``within`` chars, or a
    title-case place opening the text before a spaced dash ("Indianapolis – Several thousand …")."""
    m = _DATELINE.search(text[:within])
    title_case = m is None
    m = m or _TITLE_DATELINE.match(text)
    if m is None:
        return None
    city = m.group("city").strip()
    if len(city) < 3 or not any(c.isalpha() for c in city) or city.split()[0].strip(".-").upper() in _NOT_PLACES:
        return None
    region = (m.group("region") or "").strip() or None
    admin1 = AP_STATES.get(region.lower()) if region else None
    return Dateline(city=" ".join(w.capitalize() for w in city.split()), region=region, admin1=admin1,
                    end=m.end(), title_case=title_case, start=m.start("city"))


# head words that make a preceding place name part of another name: a street, a building, an
# institution or a newspaper ("New York Avenue", "Kyiv Post", "Moscow State University") — the
# place named is not where the event is
# words after a place name that make it another thing's name, somewhere else: a street named
# after a city ("New York Avenue" is in Washington), a newspaper ("Kyiv Post" reported), a
# foundation. A facility named after its place is *in* it ("Donetsk Airport", "Kharkiv
# Hospital", "Mariupol Drama Theatre"), so facility words are not here.
NAME_HEADS = frozenset("""Avenue Ave Street St Road Rd Boulevard Blvd Lane Drive Highway Parkway Terrace
    Place Post Times Journal Herald Tribune Gazette Foundation Institute""".split())

LOCATIVE_PREPS = {"in", "at", "near", "on", "from", "into", "across", "outside", "around", "over", "to",
                  "inside", "toward", "towards", "throughout", "within", "through", "off", "along", "onto"}


# after a capital, words that make it the government: "Kiev says", "Moscow-backed", "Kyiv forces"
_GOV_NEXT = {"says", "said", "say", "accuses", "accused", "claims", "claimed", "denies", "denied", "reports",
             "reported", "warns", "warned", "blames", "blamed", "urges", "urged", "tells", "told", "confirms",
             "confirmed", "insists", "wants", "rejects", "rejected", "demands", "calls", "vows", "threatens",
             "agrees", "refuses", "admits", "announces", "announced", "orders", "sends", "plans", "hopes",
             "forces", "force", "military", "government", "govt", "authorities", "troops", "army", "officials",
             "regime", "side", "leadership", "'s", "’s", "backed", "led", "controlled", "loyal", "allied",
             "friendly", "appointed", "installed", "held"}
_GOV_PREV = {"pro", "anti", "pro-", "anti-"}


def shelled_place(gaz: "Gazetteer", c: Any, v: "Token", subj: "Token") -> bool:
    """Headline passive with a town as subject: "Yasinovataya shelled", "Avdiivka attacked"."""
    if c.sense.type != "ASSAULT" or c.nominal or v != c.head or v.tag_ not in ("VBD", "VBN"):
        return False
    if any(ch.dep_ == "dobj" for ch in v.children) or subj.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if subj.text.lower() in METONYMS:
        return False
    p = gaz.resolve(subj.text)
    return p is not None and p.kind == "city"


def metonym_use(doc: "Doc", start: int, end: int, verbs: frozenset[str] = frozenset()) -> bool:
    """Is the capital at ``doc[start:end]`` the government, not a place?

    "Kiev says", "Kyiv forces", "Moscow-backed", "pro-Kiev"; a source line closing a
    headline ("... killed in east: Kiev", "... - Kyiv"); or the first word of a sentence
    followed by a present-tense verb ("Kiev resumes ...", "Kiev sabotages ...")."""
    if doc[start:end].text.lower() not in METONYMS:
        return False
    j = end
    if j < len(doc) and doc[j].text in ("-", "–") and doc[j].whitespace_ == "" and j + 1 < len(doc):
        j += 1  # "Moscow-backed"
    if j < len(doc) and doc[j].lower_ in _GOV_NEXT:
        return True
    i = start - 1
    if i >= 0 and doc[i].text in ("-",) and i - 1 >= 0 and doc[i - 1].lower_ in _GOV_PREV:
        return True
    if i >= 0 and doc[i].lower_ in _GOV_PREV:
        return True
    # attribution: ": Kiev" / "- Kyiv" at the end of the line
    rest = [t for t in doc[end:end + 3] if not t.is_space]
    if i >= 0 and doc[i].text in (":", "-", "–", "—") and (not rest or rest[0].text in (".", ";", "\n")
                                                                or rest[0].is_space):
        return True
    # "Kiev resumes ...": sentence-initial subject of a 3rd-person verb
    if (start == 0 or doc[i].is_space or doc[i].text in (".", ";", ":")) and j < len(doc):
        w = doc[j].text
        if w.islower() and w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            stem = w[:-2] if w.endswith(("ches", "shes", "sses", "xes", "zes")) else w[:-1]
            if stem in verbs or (w.endswith("ies") and w[:-3] + "y" in verbs):
                return True
    return False


# "south of Kidal", "the outskirts of Kherson": "of" after these is locative too
DIRECTIONS = frozenset("""north south east west northeast northwest southeast southwest northern southern
    eastern western outskirts suburbs centre center heart edge""".split())


def in_locative(t: "Token") -> bool:
    """Is ``t`` (a place name) the object of a locative preposition ("in London", "near Kidal",
    "south of Kidal")?"""
    x = t
    for _ in range(3):
        if x.dep_ == "pobj" and (x.head.lower_ in LOCATIVE_PREPS or (
                x.head.lower_ == "of" and x.head.head.lower_ in DIRECTIONS)):
            return True
        if x.dep_ not in ("compound", "conj", "appos", "pobj") or x.head == x:
            return False
        x = x.head
    return False


# a word after a place name that makes it the admin1 ("New York state", "Kharkiv oblast")
REGION_WORDS_AFTER = frozenset({"state", "province", "oblast"})


def seat_of(gaz: "Gazetteer", name: str) -> "Any":
    """The city a government institution sits in, for a name in ``actors.METONYMS`` used as a
    place ("at the White House" → Washington, "at the Kremlin" → Moscow): the capital that
    the same table gives for its country. None for other names, and for the capitals
    themselves (resolved as places). Without it the gazetteer reads "White House" as White
    House, Tennessee."""
    key = name.lower().removeprefix("the ").strip()
    if key not in METONYMS:
        return None
    country = METONYMS[key][0]
    own = gaz.resolve(key, [country], kind="city")
    if own is not None and own.country == country and own.population >= 500_000:
        return None  # a capital is a place of its own ("London, Ohio" is read in Ohio)
    for k, (c, _) in METONYMS.items():
        if c != country:
            continue
        p = gaz.resolve(k, [country], kind="city")
        if p is not None and p.country == country and p.population >= 500_000:
            return p
    return None
