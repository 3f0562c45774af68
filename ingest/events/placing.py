"""Where an event happened: the sentence's places, and the one that is the event's.

Order (``event_place``): a locative phrase on the act or its head chain ("in Lyman", the town
inside a named region); statements only where the text says they were made, in the actor's own
region or town ("the Vermont Principals Association", "Judge Cannon" after "Florida Judge Aileen
Cannon"), in the state the story is set in unless the actor speaks for the nation
(``ArticleState.home_admin1``, ``national``), or the actor's country; physical acts: anywhere in
the trigger's clause (not inside the actor or target, unless a locative: "Police in London
arrested"), political acts where the actor governs, any other place of the sentence, a place
that is itself shelled, "the town" (the last town named before), the wire dateline, the previous
sentence's place. Violence against people of another country than the place the sentence names
goes where those people are (``victims_place``). A capital used for its government ("Kiev
says", "pro-Moscow") is never the place. ``geo_precision`` is the kind of place found: city,
admin1 or country.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ingest.events.actors import DEMONYMS, INTERNATIONAL_CODES, METONYMS, PERSONS, Actor
from ingest.events.gazetteer import Gazetteer, Place
from ingest.events.location import ANAPHORA, DIRECTIONS, LOCATIVE_PREPS as _LOCATIVE_PREPS, NAME_HEADS
from ingest.events.location import REGION_WORDS_AFTER, seat_of
from ingest.events.location import in_locative as _in_locative, metonym_use as _metonym_use
from ingest.events.roles import bare
from ingest.events.state import ArticleState, Cand
from ingest.events.syntax import under_relcl as _under_relcl

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WHERE_SAID = frozenset({"in", "at", "near", "inside", "outside", "within", "from"})
GENERIC_CITY = {"city", "town", "village", "settlement"}
# participles that tell where and when a statement was made ("Speaking in Brussels on Friday, …")
_SPEAKING = frozenset({"speak", "talk", "address", "appear"})


def speaking_participles(v: "Token") -> list["Token"]:
    """``v``'s adverbial "speaking"/"addressing" participles ("Speaking on the steps of Downing
    Street on Friday evening, Rishi Sunak said …"): their phrases say where and when the
    statement ``v`` reports was made."""
    return [o for o in v.children if o.dep_ == "advcl" and o.tag_ == "VBG" and o.lemma_.lower() in _SPEAKING]
GENERIC_PLACE = {"city", "town", "village", "settlement", "region", "area", "district", "oblast", "capital"}
# the non-state codes international bodies carry for a country (``actors.INTERNATIONAL_CODES``)
_NON_STATE = frozenset(INTERNATIONAL_CODES.values())
# types located where they physically happen (a dateline or "the town" can place them);
# statements are placed only where the text says they were made
PHYSICAL = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "AID"})


def placed_where_said(etype: str) -> bool:
    """Is an event of ``etype`` a statement, placed only where the text says it was made (not
    a physical act, nor a meeting or a sanction, which happen where they are held)?"""
    return etype not in PHYSICAL and etype not in ("CONSULT", "SANCTION")


def event_place(gaz: Gazetteer, verbs: frozenset[str], st: ArticleState, si: int, doc: "Doc", c: Cand,
                actor: Actor | None, target: Actor | None, etype: str) -> tuple[Place | None, float]:
    """Where the candidate ``c`` happened, and how sure (0–1): the order of the module docstring."""
    places = sentence_places(gaz, verbs, st, doc)
    if not places:
        places_by_tok: dict[int, Place] = {}
    else:
        places_by_tok = {i: p for (s, e, p) in places for i in range(s, e)}
    role_toks = role_token_ids(c)

    def specific(ps: list[Place]) -> Place | None:
        if not ps:
            return None
        rank = {"city": 0, "admin1": 1, "country": 2}
        return min(ps, key=lambda p: rank.get(p.kind, 3))

    def in_tokens(toks: Iterable["Token"]) -> list[Place]:
        out = []
        for t in toks:
            p = places_by_tok.get(t.i)
            if p is not None and p not in out:
                out.append(p)
        return out

    # 1. locative phrases on the trigger, its head chain, and their objects
    v = c.head
    chain = [c.token] if c.nominal else []
    for _ in range(6):
        chain.append(v)
        if v.head == v:
            break
        v = v.head
    # a statement's or pledge's "to"/"on"/"against" phrase names its recipient or topic ("pledged
    # aid to Sudan", "sanctions on Russia"); only "in", "at", "near", "from" … say where it was made
    preps = _LOCATIVE_PREPS if etype in PHYSICAL else _WHERE_SAID
    for node in chain:
        # "Speaking on the steps of Downing Street, Rishi Sunak said …", "Speaking in Brussels,
        # the minister said": the speaking participle says where the statement was made
        speaking = [x for o in speaking_participles(node) for x in o.children]
        for p in list(node.children) + [x for o in node.children if o.dep_ in ("dobj",) for x in o.children] + speaking:
            if p.dep_ == "prep" and (p.lower_ in preps or (p in speaking and p.lower_ == "on")):
                toks = [x for x in p.subtree if not _under_relcl(x, p)]
                if etype not in PHYSICAL:
                    # "pledged 50 million euros in aid to Sudan": the place of "in" is its own
                    # object, not a recipient further down ("the city of Kharkiv", "at a summit
                    # in Brussels" still count)
                    nested = {y.i for x in toks if x.dep_ == "prep" and x != p
                              and x.lower_ not in _WHERE_SAID and x.lower_ != "of" for y in x.subtree}
                    toks = [x for x in toks if x.i not in nested]
                ps = in_tokens(toks)
                if ps:
                    best = specific(ps)
                    if best is not None and best.kind != "city":
                        # "regained control of Lyman in the Donetsk region": the town inside it
                        inner = [q for q in in_tokens(x for x in c.head.subtree if not _under_relcl(x, c.head))
                                 if q.kind == "city" and (q.admin1 == best.admin1 if best.kind == "admin1"
                                                          else q.country == best.country)]
                        if inner:
                            return inner[0], 1.0
                    return best, 1.0
                pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in GENERIC_CITY and pobj.tag_ == "NN" \
                        and st.top_city is not None \
                        and etype in ("ASSAULT", "RETREAT", "COERCE", "MOBILIZE"):
                    return st.top_city, 0.4
    # 1b. a court's act (a plea, a sentence, a charge, a ruling) happens where the court sits,
    # wherever the sentence names it: "will plead guilty to charges stemming from his testimony
    # in … the civil fraud trial in New York" (a wire dateline is where the story was filed)
    if c.token.lemma_.lower() in COURT_ACTS:
        venue = court_venue(doc, places_by_tok)
        if venue is not None:
            return venue, 0.8
    # statements (accusations, demands, threats, praise, …) happen where the text says they
    # were made (a locative phrase, above), else only in the actor's country: a place named
    # in what was said ("warned against an invasion of Ukraine") is its topic, not its place
    if placed_where_said(etype):
        # … or the region or town the actor belongs to ("the Vermont Principals Association",
        # "Georgia Secretary of State", "Dearborn's mayor"): where a local body speaks
        heads = [ch for ch in c.head.children if ch.dep_ in ("nsubj", "nsubjpass", "agent")]
        subj = {t.i for ch in heads for t in ch.subtree}
        # a place that modifies the actor, not the actor's own name ("Merrick Garland")
        own = [p for (s0, e0, p) in places if p.kind in ("admin1", "city") and all(i in subj for i in range(s0, e0))
               and doc[s0:e0].text.lower() not in METONYMS and not any(h.i in range(s0, e0) for h in heads)
               and doc[s0:e0].root.ent_type_ != "PERSON" and not _hometown(doc[s0:e0].root)]
        if own:
            return specific(own), 0.4
        region = actor_region(gaz, st, actor)
        if region is not None:
            return region, 0.4
        dl = st.dateline_place
        if dl is not None and (actor is None or actor.country in (None, dl.country) or actor.country in _NON_STATE):
            # "TROY, N.C. (AP) — the mayor said …": a wire story's statement of a side of the
            # dateline's country (or of none, or an international body's: "STRASBOURG, France
            # (AP) — the European People's Party decided to vote against it") was made where the
            # story is filed from
            return dl, 0.35
        if dl is not None and dl.country is not None:
            # "HANOI (AP) — U.S. Defense Secretary Mark Esper accused China …": a foreign side in a
            # story filed from abroad may speak at the dateline or at home; the text does not say
            return None, 0.0
        if actor is not None and actor.country:
            if st.home_admin1 is not None and actor.country == st.home_admin1.country and not national(actor):
                # a statement in a story set in one state ("a California story") is that state's
                return st.home_admin1, 0.3
            p = gaz.country(actor.country)
            if p is not None:
                return p, 0.3
        return None, 0.0
    # 2. anywhere in the trigger's clause, outside relative clauses and actor/target phrases;
    # capitals named outside a locative phrase are governments ("kyiv intensified", "Moscow-backed")
    places = [(s0, e0, p) for (s0, e0, p) in places if doc[s0:e0].text.lower() not in METONYMS
              or _in_locative(doc[s0:e0].root)]
    places_by_tok = {i: p for (s0, e0, p) in places for i in range(s0, e0)}
    # "Police in London arrested …": a locative phrase inside the actor phrase places the act
    ps = in_tokens(x for x in c.head.subtree if (x.i not in role_toks or _in_locative(x))
                   and not _under_relcl(x, c.head))
    def victims_there(best: Place | None) -> Place | None:
        # violence against people of another country than the place the sentence names, with no
        # locative of its own: where those people are, the article's most named place in their
        # country ("the offensive, launched after the attack on Israel, has left 30,000
        # Palestinian civilians dead" in a story that names Gaza)
        if best is not None and etype in ("ASSAULT", "COERCE") and target is not None and target.country \
                and best.country != target.country and target.name.split()[-1].lower() in PEOPLE:
            return victims_place(st, target.country)
        return None

    if ps:
        best = specific(ps)
        there = victims_there(best)
        return (there, 0.5) if there is not None else (best, 0.8)
    # 3. political acts happen where the actor governs (not a meeting with another country's
    # side: "US and Taliban negotiators met" may be anywhere, Doha as likely as Washington)
    if etype not in ("ASSAULT", "PROTEST", "COERCE") and actor is not None and actor.country and not (
            etype == "CONSULT" and target is not None and target.country and target.country != actor.country):
        p = gaz.country(actor.country)
        if p is not None:
            return p, 0.5
    # 4. any place in the sentence that is not an actor or target
    ps = [p for (s, e, p) in places if not any(i in role_toks for i in range(s, e))]
    if ps:
        best = specific(ps)
        there = victims_there(best)
        return (there, 0.5) if there is not None else (best, 0.6)
    # 4b. a place that is itself the target of violence ("Kurakhove shelled by rebels",
    # "rebels shelled Kurakhove") is where it happened
    if etype in ("ASSAULT", "COERCE"):
        # headline passive: "X shelled by rebels" / "X shelled" parse X as nsubj
        passive = any(ch.dep_ == "agent" for ch in c.head.children) or (
            not c.nominal and c.head.tag_ in ("VBD", "VBN") and not any(ch.dep_ == "dobj" for ch in c.head.children))
        deps = ("nsubjpass", "dobj", "nsubj") if passive else ("nsubjpass", "dobj")
        tgt = {t.i for ch in c.head.children if ch.dep_ in deps for t in ch.subtree}
        ps = [p for (s, e, p) in places if all(i in tgt for i in range(s, e)) and p.kind != "country"
              and not _hometown(doc[s:e].root)]
        if ps:
            return specific(ps), 0.6
    # 4c. "overran the town": the last town named before this sentence
    if etype in PHYSICAL and ANAPHORA.search(doc.text):
        before = [p for j in sorted(st.parsed_places) if j < si for p in st.parsed_places[j] if p.kind == "city"]
        before += [m.place for m in st.mentions if m.sentence < si and m.place is not None
                   and m.place.kind == "city" and not m.actor and m.text.lower() not in METONYMS]
        if before:
            return before[-1], 0.5
    # 4d. wire dateline ("TROY, N.C. (AP) —"): where the story happened
    if etype in PHYSICAL and st.dateline_place is not None:
        return st.dateline_place, 0.5
    # 5. violent events with no place: the previous sentence's place (same story)
    if etype in ("ASSAULT", "COERCE", "RETREAT") and si > 0:
        prev = [m.place for m in st.mentions if m.sentence == si - 1 and m.place is not None
                and m.text.lower() not in METONYMS]
        if prev:
            return specific(prev), 0.4
    # 6. a physical act with no place in a story set in one state ("Police closed roads" in a
    # Washington, D.C. story), by a side of that country or of none: that state
    if etype in PHYSICAL and st.home_admin1 is not None and (
            actor is None or actor.country in (None, st.home_admin1.country)):
        return st.home_admin1, 0.3
    return None, 0.0

# the acts of a court case (by the court, the prosecution or the accused) and the nouns that
# name the court hearing it (ACLED and ICEWS place a legal act at its court)
COURT_ACTS = frozenset("""plead sentence convict indict charge acquit arraign fine testify subpoena
    rule order sue jail imprison dismiss overturn uphold""".split())
COURT_NOUNS = frozenset("""trial court courthouse courtroom jury tribunal judge""".split())


def court_venue(doc: "Doc", places_by_tok: "dict[int, Place]") -> Place | None:
    """The place of the court the sentence names: a court noun's own modifier ("a Manhattan
    jury", "Trump's New York fraud trial") or its "in"/"at" phrase ("the trial in New York",
    "a federal court in Miami"); None when no court noun has one, or two disagree."""
    found: list[Place] = []
    for t in doc:
        if t.lemma_.lower() not in COURT_NOUNS or t.pos_ != "NOUN":
            continue
        toks = [x for x in t.lefts if x.dep_ in ("compound", "amod", "nmod", "poss")]
        toks = [y for x in toks for y in x.subtree]
        for p in t.rights:
            if p.dep_ == "prep" and p.lower_ in ("in", "at"):
                toks += [y for y in p.subtree if not _under_relcl(y, p)]
        for y in toks:
            q = places_by_tok.get(y.i)
            if q is not None and q not in found:
                found.append(q)
    return found[0] if len(found) == 1 else None


# nouns for people (not places or things) that violence is done to
PEOPLE = frozenset("""people persons civilians children girls boys women men villagers passengers hostages
    workers tourists residents families students pupils worshippers worshipers farmers journalists
    patients refugees migrants protesters demonstrators""".split())


def victims_place(st: ArticleState, country: str) -> Place | None:
    """The town or region of ``country`` the article names most (not as a government), else the
    country itself when the article names it; None when the article names no place there."""
    counts: dict[str, int] = {}
    first: dict[str, Place] = {}
    named_country = None
    for m in st.mentions:
        p = m.place
        if p is None or p.country != country or m.actor:
            continue
        if p.kind == "country":
            named_country = p
            continue
        key = f"{p.kind}:{p.geonames_id or p.name}"
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, p)
    if counts:
        return first[max(counts, key=lambda k: counts[k])]
    return named_country


_NATIONAL = re.compile(
    r"\b(?:President|Vice President|White House|Congress|Senate|House|[Aa]dministration|Pentagon|Prime Minister|"
    r"Downing Street|[Gg]overnment|[Ff]ederal|FBI|CIA|Department|Ministry|[Mm]inister|Secretary|Parliament|"
    r"Cabinet|Chancellor|Kremlin|Home Office|Foreign Office|Cabinet Office|Whitehall|Treasury|Supreme Court)\b")


def national(actor: Actor) -> bool:
    """Does the actor speak for the nation ("the White House", "Biden", "the Home Office"), so a
    story's own state is not where it speaks? Its name has a national office or body, or it is
    a person of the actor dictionary (national and world figures)."""
    words = actor.name.split()
    return bool(_NATIONAL.search(actor.name)) or (bool(words) and bare(words[-1]) in PERSONS)


def actor_region(gaz: Gazetteer, st: ArticleState, actor: Actor | None) -> Place | None:
    """The state or region whose body the actor is, from the first words of its name
    ("Vermont Principals Association", "California Department of Insurance", "Texas Gov. Greg
    Abbott" → the admin1), when that admin1 lies in a country the article is about. The actor
    may have been found through a relative pronoun ("…, which accused"), so its phrase need
    not be in the clause: the name is what is read."""
    if actor is None or not actor.name:
        return None
    words = actor.name.split()
    for n in (2, 1):
        if len(words) > n and all(w[:1].isupper() for w in words[:n]):
            p = gaz.resolve(" ".join(words[:n]), st.countries, st.admin1s, kind="admin1")
            if p is not None and (p.country in st.countries or p.country == st.home_country):
                return p
            if n == 2 and p is None and gaz.candidates(" ".join(words[:2])):
                break  # "Kansas City Chiefs coach": a town's name, whose first word is no state
    # "Judge Cannon" after "Florida Judge Aileen Cannon"
    return st.person_admin1.get(bare(words[-1]))


def sentence_places(gaz: Gazetteer, verbs: frozenset[str], st: ArticleState, doc: "Doc"
                    ) -> list[tuple[int, int, Place]]:
    """The sentence's place names, resolved: NER's GPE/LOC/FAC spans that read as names.

    Not places: a lower-case span ("a police van"), a span inside a longer proper name
    ("Community Hub", "Agence France-Presse"), a capital standing for its government.
    A demonym in the sentence ("the Spanish city of Valencia") picks the country first,
    before the article's other countries."""
    out = []
    demonyms = {DEMONYMS[t.lower_] for t in doc if t.ent_type_ == "NORP" and t.lower_ in DEMONYMS}
    countries = set(st.countries) | demonyms
    for e in doc.ents:
        misread = e.label_ in ("NORP", "PERSON", "ORG")
        if e.label_ not in ("GPE", "LOC", "FAC") and not (misread and _plainly_locative(e.root)
                                                          and e.text.lower() not in DEMONYMS):
            # the tagger calls some towns a group or a person ("near Kidal" as NORP): right after
            # "in", "near", "at", "outside" or "south of", a town the gazetteer knows is looked up
            continue
        if not any(ch.isupper() for ch in e.text):
            continue
        if e.text.lower() in st.political or e.text.lower() in st.persons:
            continue  # "Garland", "Warren": a surname the article gives a political role is the person
        if inside_name(doc, e.start, e.end):
            continue
        if _metonym_use(doc, e.start, e.end, verbs):
            continue  # "Kiev says", "pro-Moscow": the government, not a place
        seat = seat_of(gaz, e.text)
        if seat is not None:
            out.append((e.start, e.end, seat))  # "at the White House": Washington
            continue
        name = e.text
        if e.end < len(doc) and doc[e.end].lower_ in REGION_WORDS_AFTER \
                and not e.text.lower().endswith(tuple(REGION_WORDS_AFTER)):
            name = f"{e.text} {doc[e.end].lower_}"  # "New York state": the admin1, not the city
        p = gaz.resolve(name, demonyms, st.admin1s) if demonyms else None
        if p is None or p.country not in demonyms:  # the sentence's own demonym wins
            p = gaz.resolve(name, countries, st.admin1s)
        if p is None and name != e.text:
            p = gaz.resolve(e.text, countries, st.admin1s)
        if p is None or (misread and p.kind not in ("city", "admin1")):
            continue
        if p.kind == "country" and (e.root.dep_ == "poss" or (e.end < len(doc) and doc[e.end].tag_ == "POS")):
            continue  # "Russia's Defense Ministry", "Israel's war": a side, not where it happened
        out.append((e.start, e.end, p))
    return out


def inside_name(doc: "Doc", start: int, end: int) -> bool:
    """Is ``doc[start:end]`` part of a longer proper name: glued by a hyphen to a capitalised
    word ("France-Presse"), followed by a street or institution word (``NAME_HEADS``: "New York
    Avenue"), or the head of a capitalised compound that is no place itself
    ("Community Hub")?"""
    if end < len(doc) - 1 and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].text[:1].isupper():
        return True
    if end < len(doc) and doc[end].text.rstrip(".") in NAME_HEADS:
        return True  # "New York Avenue", "Kyiv Post": a street, a building, a paper
    if start > 0:
        prev = doc[start - 1]
        if prev.dep_ == "compound" and prev.head.i in range(start, end) and prev.text[:1].isupper() \
                and not prev.ent_type_ and not prev.is_sent_start and prev.lower_ not in DIRECTIONS:
            # ("Northeast Washington" is Washington)
            return True
    return False



def _hometown(t: "Token") -> bool:
    """Is ``t`` in a person's "of" phrase ("Patrick Carlineo Jr., 55, of Addison, a village
    southwest of Ithaca") or the town set beside a name in the AP style ("Jamie L. Miller, 46,
    Decatur, was arrested"): where someone is from, not where anything happened?"""
    if t.dep_ == "appos" and t.head.ent_type_ == "PERSON":
        return True
    return any(a.dep_ == "prep" and a.lower_ == "of" and a.head.ent_type_ == "PERSON" for a in t.ancestors)


def role_token_ids(c: Cand) -> set[int]:
    ids: set[int] = set()
    for ch in c.head.children:
        if ch.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent"):
            if ch.dep_ == "nsubjpass" and ch.lemma_.lower() in GENERIC_PLACE:
                continue
            ids |= {t.i for t in ch.subtree if t.dep_ not in ("prep",) and not any(a.dep_ == "prep" for a in t.ancestors if a.i in {x.i for x in ch.subtree})}
    if c.nominal:
        for ch in c.token.children:
            if ch.dep_ == "poss":
                ids |= {t.i for t in ch.subtree}
    if c.head.dep_ == "relcl" and any(ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ in ("which", "who", "that")
                                      for ch in c.head.children):
        # "Israel's military campaign, which had already killed …": the antecedent is the actor
        ante = c.head.head
        ids |= {t.i for t in ante.subtree if t.i not in {x.i for x in c.head.subtree}
                and not any(a.dep_ == "prep" and a.i in {y.i for y in ante.subtree} for a in t.ancestors)}
    return ids



def geo_precision(place: Place | None) -> str | None:
    """city | admin1 | country: what kind of place ``location_name`` names."""
    return place.kind if place is not None else None


_PLAIN_LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "inside", "within"})


def _plainly_locative(t: "Token") -> bool:
    """``t`` is the object of "in", "near", "at", "outside" … or of "of" after a direction
    ("south of"): the prepositions that take places, not people ("spoke to Johnson")."""
    if t.dep_ != "pobj":
        return False
    prep = t.head
    return prep.lower_ in _PLAIN_LOCATIVE or (prep.lower_ == "of" and prep.head.lower_ in DIRECTIONS)


def next_sentence_town(gaz: Gazetteer, st: ArticleState, si: int, doc: "Doc", place: Place | None
                       ) -> Place | None:
    """A town for a physical act placed only at country level (or not at all), from the next
    sentence when that sentence takes up a noun of this one with "the" ("kidnapped from a
    school in north-eastern Nigeria …" / "The principal of the school in Chibok …") and names a
    town in the same country. ACLED codes the most specific place the reports give."""
    if si + 1 >= len(st.sentences):
        return None
    s0, s1 = st.sentences[si + 1]
    nxt = st.text[s0:s1].lower()
    nouns = {t.lower_ for t in doc if t.pos_ == "NOUN" and len(t.text) > 3}
    if not any(f"the {n}" in nxt for n in nouns):
        return None
    towns = [m.place for m in st.mentions if m.sentence == si + 1 and m.place is not None
             and m.place.kind == "city" and not m.actor and m.text.lower() not in METONYMS
             and (place is None or m.place.country == place.country)]
    if not towns and place is not None:
        # small towns are not marked in the cheap pass: a name after "in"/"at"/"near" that the
        # gazetteer places in the act's country
        for m in _IN_NAME.finditer(st.text[s0:s1]):
            p = gaz.resolve(m.group(1), {place.country})
            if p is not None and p.kind == "city" and p.country == place.country and p not in towns:
                towns.append(p)
    return towns[0] if len(towns) == 1 else None


_IN_NAME = re.compile(r"\b(?:in|at|near)\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)")
