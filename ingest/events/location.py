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
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\-]*(?:\s?[A-Z][A-Za-z'’.\-]*){0,3}))?"
    r"\s*(?:\((?:AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua)\))?\s*[—–\-]{1,2}\s",
    re.MULTILINE)
ANAPHORA = re.compile(r"\bthe\s+(town|city|village|settlement)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    """The dateline's city (title case), its region as written, and the admin1 it names."""

    city: str
    region: str | None
    admin1: str | None
    end: int  # character offset where the dateline ends


def find_dateline(text: str, within: int = 600) -> Dateline | None:
    """The dateline of a wire story, searched at line starts in the first ``within`` chars."""
    m = _DATELINE.search(text[:within])
    if m is None:
        return None
    city = m.group("city").strip()
    if len(city) < 3 or not any(c.isalpha() for c in city):
        return None
    region = (m.group("region") or "").strip() or None
    admin1 = AP_STATES.get(region.lower()) if region else None
    return Dateline(city=" ".join(w.capitalize() for w in city.split()), region=region, admin1=admin1,
                    end=m.end())
