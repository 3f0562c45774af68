"""Political actors: is the source of an event someone whose acts PLOVER codes?

PLOVER events are interactions of political actors (states and government bodies,
legislatures, courts, police, militaries, armed groups, parties, international and civil
society organisations, protesters) and of people whose political role is known. A singer, a
basketball player or an aquarium's staff do not make events, however the verb reads.

An actor counts as political when any of these holds:

- its phrase has a political sector (``actors.actor_from`` reads it from the head noun or
  title: "police", "the ministry", "Sen. Tester", "protesters") or is a country, capital or
  known office-holder;
- it names a person the *article* gives a political role: "President Joe Biden", "former
  President Donald Trump", "Gov. Brian Kemp", "Ruth Smith, the foreign minister," anywhere in
  the text make "Biden", "Trump", "Kemp", "Smith" political in every sentence
  (``political_names``);
- it is a pronoun, a relative or a document ("which", "the brief", "the lawsuit") or missing
  (a passive: "was arrested"): the classifier, trained on sentences judged with the
  political-actor rule, already weighed the sentence;
- it is an organisation by its head word (association, watchdog, committee, union…);
- or the *target* is political by the same tests (PLOVER codes interactions that involve a
  political actor on either side: a survivor accusing the government is an event).

Violent acts (ASSAULT, COERCE) and protests keep non-state actors: gunmen, attackers,
rioters and crowds are actors of those types in ACLED and PLOVER alike.
"""

from __future__ import annotations

import re

from schemas.models import Event

# titles and offices that make the named person political (English news usage)
TITLES = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Chancellor|Minister|Secretary|"
    r"Secretary of State|Sen\.|Senator|Rep\.|Representative|Congressman|Congresswoman|Gov\.|Governor|"
    r"Lt\. Gov\.|Mayor|Speaker|Leader|Judge|Justice|Chief Justice|Attorney General|Prosecutor|"
    r"District Attorney|Ambassador|Envoy|Gen\.|Admiral|Adm\.|Col\.|Colonel|Commissioner|"
    r"Police Chief|Sheriff|Councillor|Councilmember|Councilman|Councilwoman|MP|MEP|PM|Lord|Baroness|"
    r"King|Queen|Prince|Crown Prince|Emir|Sheikh|Ayatollah|Pope|Premier|Spokesman|Spokeswoman"
)
_TITLED = re.compile(
    rf"\b(?:former\s+|ex-|then-)?(?:{TITLES})\s+((?:[A-Z][\w'’\-]+\.?\s+){{0,2}}[A-Z][\w'’\-]+)")
_APPOS_ROLE = re.compile(
    r"\b([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}),\s+(?:the|a|an|who\s+is\s+the)?\s*(?:[\w\-]+\s+){0,4}?"
    r"(?:minister|president|senator|governor|mayor|lawmaker|legislator|congressman|congresswoman|"
    r"spokesman|spokeswoman|spokesperson|ambassador|prosecutor|judge|official|commander|chairman|"
    r"chairwoman|leader|secretary|attorney general|candidate|MP|Democrat|Republican|Tory)\b")
# "McCarthy's eventual successor, Mike Johnson", "Johnson's Senate counterpart Mitch McConnell":
# who succeeds, precedes, deputises for or is the counterpart of a political person holds a
# political role too (the possessor must be one the article already gives a role)
_RELATED_ROLE = re.compile(
    r"\b([A-Z][\w\-]+)['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:successor|predecessor|counterpart|deputy|running mate)"
    r",?\s+((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)")
# "Mitch McConnell has been the Senate Republican Leader", "Ruth Smith is a state senator"
_COPULA_ROLE = re.compile(
    r"\b(?<![Tt]he\s)(?<![Aa]\s)(?<![Aa]n\s)(?!(?:The|A|An|This|That|It|He|She|They|We|There)\b)([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s+(?:is|was|has\s+been|had\s+been|became|remains)\s+"
    r"(?:the|a|an)\s+(?:[\w\-]+\s+){0,4}?(?:minister|president|senator|governor|mayor|lawmaker|legislator|"
    r"congressman|congresswoman|ambassador|prosecutor|judge|leader|Leader|secretary|attorney general|MP)\b")
# a lower-case office before the name, as British and European papers write it: "EPP leader
# Manfred Weber", "foreign secretary David Cameron", "opposition leader Alexei Navalny"; a bare
# "leader" needs a party, group or place before it (not "team leader")
_LOWER_TITLED = re.compile(
    r"(?:\b(?:prime minister|foreign minister|defence minister|defense minister|minister|foreign secretary|"
    r"home secretary|senator|governor|mayor|ambassador|judge|prosecutor|lawmaker|MEP|speaker)"
    r"|\b(?:[A-Z][\w\-]+|party|opposition|rebel|militia|militant|movement)\s+leader"
    r"|\b(?:party|opposition|rebel|militia|militant)\s+(?:chief|spokesman|spokeswoman|spokesperson))"
    r"\s+((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)")
_PARTY = re.compile(r"\b([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s*\((?:[DRI]|Dem|Rep)[\-–,]\s*[A-Z]")

POLITICAL_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "PTY", "REB", "IGO", "NGO", "SOC", "OPP",
                               "ELI", "SPY", "PRM", "INS", "UAF", "LAB", "IMG"})
# the political sectors that act at home: such an actor with no stated country is the article's
# country's (coder.Coder._home_country)
DOMESTIC_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "PTY", "ELI", "OPP", "SOC", "LAB"})
# subjects that stand in for an actor named elsewhere: pronouns, relatives, documents
STAND_INS = frozenset({"he", "she", "they", "we", "i", "it", "who", "which", "that", "this", "group", "brief",
                      "statement", "report", "letter", "lawsuit", "complaint", "filing"})
ORG_WORDS = frozenset("""association watchdog group committee council party union coalition campaign
    foundation institute center centre alliance league federation organization organisation network
    movement front society commission board agency office department""".split())
# … named in the plural too ("insurance industry groups have called it …", "unions")
ORG_WORDS = ORG_WORDS | {w + "s" for w in ORG_WORDS if not w.endswith(("y", "s", "ch"))} | {
    "parties", "agencies", "societies", "coalitions", "watchdogs", "alliances"}
NATURAL_HAZARDS = frozenset("""fire fires wildfire wildfires blaze blazes flames flood floods flooding storm
    storms hurricane hurricanes tornado tornadoes typhoon cyclone earthquake earthquakes quake tsunami
    landslide landslides avalanche drought heatwave heat lightning eruption volcano""".split())
# … and disease, and a war or conflict named with no side: "plague has killed millions", "a war
# that has killed more than 39,000" are tolls told as background, not an attack by someone
# ("Russia's war killed 12 civilians" names its side)
NON_ACTOR_CAUSES = frozenset("plague plagues pandemic epidemic disease diseases virus famine".split())
SIDELESS_CAUSES = frozenset("war wars conflict conflicts".split())
NONSTATE_OK = frozenset({"ASSAULT", "COERCE", "PROTEST"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those"})


# National political institutions and usages that English news names without their country:
# each occurrence is a vote for the article's home country (``home_votes``). Kept to names that
# belong to one country (US congressional styles, UK parliamentary ones, national agencies);
# "Parliament", "Senate" or "Supreme Court" alone are not, so they are not here.
NATIONAL_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(rx), c) for rx, c in (
    (r"\b(?:Sen|Rep)\.\s+[A-Z]", "USA"),
    (r"\((?:[DRI]|Dem|Rep)[\-–,]\s*[A-Z][\w.]*\)", "USA"),
    (r"\b(?:GOP|FBI|CIA|IRS|Pentagon|White House|Capitol Hill|House Speaker|Justice Department|"
     r"Department of Justice|Homeland Security|Secret Service|Senate Republicans|Senate Democrats|"
     r"House Republicans|House Democrats|congressional|State Department|Commerce Department|"
     r"Department of Commerce|Treasury Department|Department of (?:Agriculture|Defense|Energy|Labor|"
     r"Education|Transportation|Veterans Affairs)|(?:Commerce|Agriculture|Treasury|Energy|Labor|"
     r"Transportation|Education) Secretary)\b", "USA"),
    # "the Biden administration": US usage for a president's executive (UK copy says "government")
    (r"\b(?:Biden|Trump|Obama|Bush|Clinton|Reagan|Carter|Harris|Vance) administration\b", "USA"),
    # the parties: English news means the US ones by these names
    # (not "Liberal Democratic Party", "Social Democrats", "Democratic Party of Japan", "New Democrats")
    (r"(?<!Liberal )(?<!Social )(?<!New )(?<!Christian )(?<!Free )(?<!Constitutional )(?<!Progressive )"
     r"(?<!National )(?<!Sweden )(?<!Swedish )\b(?:Republicans|Democrats|Republican Party|Democratic Party|RNC|DNC|"
     r"Senate (?:Majority|Minority|Republican|Democratic) [Ll]eader)\b(?!\s+(?:of|for)\b)", "USA"),
    (r"\b(?:Downing Street|Whitehall|Westminster|House of Commons|House of Lords|Home Office|"
     r"Home Secretary|Foreign Office|Metropolitan Police(?! Department)|Scotland Yard|Tory|Tories|Labour Party|"
     r"Lib Dems?|SNP|NHS)\b", "GBR"),
    (r"\bMPs?\b(?!\s*\()", "GBR"),
    (r"\b(?:Bundestag|Bundesrat)\b", "DEU"),
    (r"\b(?:Knesset|IDF)\b", "ISR"),
    (r"\b(?:Kremlin|State Duma)\b", "RUS"),
    (r"\b(?:Verkhovna Rada)\b", "UKR"),
    (r"\b(?:Lok Sabha|Rajya Sabha)\b", "IND"),
    (r"\b(?:Élysée|Elysee|Assemblée nationale)\b", "FRA"),
))


def home_votes(text: str) -> dict[str, int]:
    """Votes for the article's home country from national institutions it names
    (``NATIONAL_MARKERS``): ISO 3166 alpha-3 → occurrences."""
    out: dict[str, int] = {}
    for rx, country in NATIONAL_MARKERS:
        n = len(rx.findall(text))
        if n:
            out[country] = out.get(country, 0) + n
    return out


# things that hurt people by accident, not by anyone's act ("the battery had burst into flames,
# burning her arms", "the bus overturned, killing 12"): accidents are not PLOVER events, unless
# the sentence speaks of violence ("Bus shelling in Donetsk kills 13"). (Cars and trucks are left
# out: a vehicle driven into a crowd is an attack.)
ACCIDENT_SOURCES = frozenset("""battery batteries charger phone laptop bus buses train trains tram crane
    elevator boiler heater stove appliance machine machinery scooter e-bike""".split())


def bare(word: str) -> str:
    """A name word lower-cased, without punctuation or a possessive 's ("Sanders’s" → "sanders")."""
    return re.sub(r"[’']s$", "", word.strip(".,;:()\"“”")).lower()


def political_names(text: str) -> frozenset[str]:
    """Lower-case surnames and full names that the article gives a political role."""
    out: set[str] = set()

    def add(name: str) -> None:  # the full name and its surname
        parts = name.strip().rstrip(".").split()
        if parts:
            out.add(" ".join(parts).lower())
            out.add(bare(parts[-1]))

    for rx in (_TITLED, _LOWER_TITLED, _APPOS_ROLE, _COPULA_ROLE, _PARTY):
        for m in rx.finditer(text):
            add(m.group(1))
    for m in _RELATED_ROLE.finditer(text):  # (a second pass: the possessor must already be one)
        if bare(m.group(1)) in out:
            add(m.group(2))
    return frozenset(out)


# occupations of sport and show business: a person named with one ("Kansas City Chiefs coach
# Andy Reid", "singer Taylor Swift") is not political for the place or team the name holds, only
# when the article gives them a political role elsewhere
NON_POLITICAL_JOBS = frozenset("""coach coaches quarterback player players striker goalkeeper pitcher
    midfielder linebacker athlete athletes swimmer boxer golfer singer rapper actor actress comedian
    musician chef designer influencer youtuber streamer""".split())


# commentators: what they say is analysis, not a side's act, whoever it is about (the annotation
# guide: "predictions and analysis by commentators" are NONE)
COMMENTATORS = frozenset("""analyst analysts economist economists strategist strategists commentator
    commentators pundit pundits columnist columnists pollster pollsters""".split())


def _side_political(name: str | None, sector: str | None, country: str | None, names: frozenset[str]) -> bool:
    if name is None:
        return False
    if sector not in POLITICAL_SECTORS and any(bare(w) in NON_POLITICAL_JOBS for w in name.split()) \
            and bare(name.split()[-1]) not in names:
        return False
    if sector in POLITICAL_SECTORS or country is not None:
        return True
    words = [bare(w) for w in name.split()]
    joined = " ".join(words)
    if joined in names or (words and words[-1] in names):
        return True
    # an organisation rather than a person: advocacy groups, unions, associations, committees
    return any(w in ORG_WORDS for w in words)


# a law, bill or order is no actor: what it says is its content, not an act (the annotation
# guide: "bill introductions and bill contents" are NONE); passing or signing one is the act
LEGAL_TEXTS = frozenset("""bill bills law laws act legislation measure order amendment statute ordinance
    regulation regulations policy provision plan proposal""".split())


def _legal_text(name: str) -> bool:
    """``name``'s head word (its last word that is not a number) is a law, bill, order, plan …"""
    words = [bare(w) for w in name.split() if not any(ch.isdigit() for ch in w)]
    return bool(words) and words[-1] in LEGAL_TEXTS


def is_political(e: Event, names: frozenset[str]) -> bool:
    """Does ``e`` involve a political actor, as its source or its target (module docstring)?

    A natural hazard ("the fires destroyed 500 structures", "the storm killed three") is
    never one: disasters are not PLOVER events. (An accident's thing is judged with its sentence:
    ``coder.Coder._event``.)"""
    if e.actor_name and bare(e.actor_name.split()[-1]) in NATURAL_HAZARDS | NON_ACTOR_CAUSES:
        return False
    named = [w for w in map(bare, (e.actor_name or "").split()) if w not in _DETERMINERS]
    if len(named) == 1 and named[0] in SIDELESS_CAUSES:
        return False
    if e.actor_name and _legal_text(e.actor_name):
        return False  # "the bill imposed a ban", "Executive Order 14019 called for …": its content
    if e.event_type not in NONSTATE_OK and any(bare(w) in COMMENTATORS for w in (e.actor_name or "").split()):
        return False  # "Russia also failed to fulfil its agreed cuts, Commerzbank analyst X said"
    if e.event_type in NONSTATE_OK:
        return True
    if e.actor_name is None:
        return True
    words = [bare(w) for w in e.actor_name.split()]
    words = [w for w in words if w not in _DETERMINERS] or words
    if len(words) == 1 and words[0] in STAND_INS:
        return True  # "which", "the brief", "his report": the actor is named elsewhere
    return _side_political(e.actor_name, e.actor_sector, e.actor_country, names) or \
        _side_political(e.target_name, e.target_sector, e.target_country, names)
