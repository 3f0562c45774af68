"""The cheap pass over a whole article, before any sentence is parsed (``coder`` step 2).

Every sentence's place names (the gazetteer marker on the tokenizer output) and date
expressions (regexes) give the article's context: the countries and regions that disambiguate
place names, the city it is about, its home country (for actors that name none), the wire
dateline's place, and the anchor for relative dates ("two days later").
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import TYPE_CHECKING

from ingest.events import dates as dates_mod
from ingest.events import quantities as qty
from ingest.events.actors import METONYMS, sector_of
from ingest.events.gazetteer import REGION_ADMIN1, Gazetteer, Place, norm
from ingest.events.location import NAME_HEADS, REGION_WORDS_AFTER, find_dateline, metonym_use as _metonym_use, seat_of
from ingest.events.roles import TITLES, bare, home_votes, political_names
from ingest.events.sentences import split_sentences
from ingest.events.state import ArticleState, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from ingest.events.nlp import PlaceMarker


def prepare(text: str, published: datetime | None, title: str | None, *, gaz: Gazetteer, nlp: "Language",
            marker: "PlaceMarker | None", verbs: frozenset[str]) -> ArticleState:
    """The cheap pass over a whole article (no parse): sentences, wire dateline, place mentions
    resolved in two rounds (countries, then places in their context), the article's top city and
    home country, and the date expressions of every sentence with the running anchor for "two
    days later". See the ``coder`` module docstring, step 2."""
    pub = published.date() if isinstance(published, datetime) else published
    st = ArticleState(text=text, published=pub, sentences=split_sentences(text), political=political_names(text))
    wire = qty.WIRE_PREFIX.match(text)
    if wire and st.sentences and st.sentences[0][1] > wire.end():  # "UPDATE 1-Two ... killed"
        st.sentences[0] = (max(st.sentences[0][0], wire.end()), st.sentences[0][1])
    # the wire dateline gives the story's place and region first ("TROY, N.C. (AP) —")
    dl = find_dateline(text)
    if dl is not None and dl.title_case and gaz.resolve(dl.city) is None:
        dl = None  # "Meanwhile – …": no place, no dateline
    if dl is not None:
        region = gaz.resolve(dl.region, kind="country") if dl.region and dl.admin1 is None else None
        if dl.admin1:
            st.admin1s.add(dl.admin1)
            st.countries.add("USA")
        if region is not None:
            st.countries.add(region.country)
        p = gaz.resolve(dl.city, st.countries, st.admin1s)
        st.dateline_start, st.dateline_end = dl.start, dl.end
        for i, (s0, e0) in enumerate(st.sentences):
            if s0 < dl.end < e0:
                # the dateline is not part of the lede's sentence (the first, or the one after
                # a headline line): parsed with it, "Indianapolis – Several thousand teachers
                # surrounded …" takes the city for the subject
                st.sentences[i] = (dl.end, e0)
                break
        if p is not None and (dl.admin1 is None or p.admin1 == dl.admin1) and \
                (region is None or p.country == region.country):
            st.dateline_place = p
    # places: gazetteer phrase matcher over the tokenizer output (no parse)
    if marker is not None and text:
        tdoc = nlp.make_doc(text + ("\n\n" + title if title else ""))
        tdoc = marker(tdoc)
        starts = [s for s, _ in st.sentences]
        for ent in tdoc.ents:
            if ent.end < len(tdoc) and tdoc[ent.end].text.rstrip(".") in NAME_HEADS:
                continue  # "New York Avenue", "Kyiv Post": a street or a paper, not the place
            si = sentence_of(starts, ent.start_char)
            # "New York state", "Sinaloa state": the word after the name says it is the admin1
            region = _REGION_AFTER.match(tdoc.text, ent.end_char)
            name, end = (ent.text + " " + region.group(1), region.end()) if region else (ent.text, ent.end_char)
            st.mentions.append(Mention(name, ent.start_char, end, si,
                                        actor=_metonym_use(tdoc, ent.start, ent.end, verbs)))
    # a name the article gives a person ("Mrs Hamilton", "Jo Hamilton") is that person
    # wherever it stands alone; the place marker only sees the word before each mention
    st.persons = person_surnames(text, {m.text for m in st.mentions})
    st.mentions = [m for m in st.mentions if m.text.lower() not in st.persons]
    # resolve in rounds: countries first, then places with country context (states before
    # towns, so "London, Ohio" is read in Ohio), then names that are a country and a state
    # elsewhere ("Georgia") in the light of all the others
    deferred: list[Mention] = []
    seats: set[int] = set()
    for m in st.mentions:
        st.admin1s.update(REGION_ADMIN1.get(norm(m.text), ()))
        seat = seat_of(gaz, m.text)
        if seat is not None:  # "the White House" is in Washington, not White House, Tennessee
            m.place = seat
            seats.add(id(m))
            st.countries.add(seat.country)
            continue
        p = gaz.resolve(m.text)
        if p is not None and p.kind == "country":
            if any(q.kind == "admin1" and q.country != p.country for q in gaz.candidates(m.text)):
                deferred.append(m)
                continue
            st.countries.add(p.country)
            m.place = p
    rest = [m for m in st.mentions if m.place is None and m not in deferred]
    for m in rest:
        p = gaz.resolve(m.text, st.countries)
        if p is not None and p.kind == "admin1":
            st.admin1s.add(p.admin1 or p.name)
            m.place = p
    for m in rest:
        if m.place is None:
            p = gaz.resolve(m.text, st.countries, st.admin1s)
            if p is not None and p.kind == "city" and p.admin1 and p.population >= 100_000 and not m.actor:
                # a regional centre named alongside ("Kamyanka, Donetsk") sets the region
                st.admin1s.add(p.admin1)
            m.place = p
    if deferred:
        seen = st.countries | {m.place.country for m in rest if m.place is not None}
        for m in deferred:
            m.place = gaz.resolve(m.text, seen, st.admin1s)
            if m.place is not None and m.place.kind == "country":
                st.countries.add(m.place.country)
    counts: dict[int, tuple[int, Place]] = {}
    for m in st.mentions:
        if m.place is not None and m.place.kind != "country":
            p = m.place if m in deferred or id(m) in seats else gaz.resolve(m.text, st.countries, st.admin1s)
            m.place = p
            if p is not None:
                st.countries.add(p.country)
                if p.kind == "city" and m.sentence < len(st.sentences) and m.text.lower() not in METONYMS \
                        and not m.actor:
                    n, _ = counts.get(p.geonames_id or 0, (0, p))
                    counts[p.geonames_id or 0] = (n + 1, p)
    if counts:
        st.top_city = max(counts.values(), key=lambda x: x[0])[1]
    by_country = Counter(m.place.country for m in st.mentions if m.place is not None and m.place.country)
    if st.dateline_place is not None:
        by_country[st.dateline_place.country] += 2
    votes = home_votes(text)  # "Sen. Ernst", "MPs", "the FBI": the country is implied
    by_country.update(votes)
    if votes:
        top_v, n_v = max(votes.items(), key=lambda kv: kv[1])
        if n_v >= 3 and n_v * 3 >= 2 * sum(votes.values()):
            # a US story about China names US institutions, Chinese places: its officials are US
            st.national_home = top_v
    if by_country:
        top, n = by_country.most_common(1)[0]
        if n >= 2 and n * 3 >= 2 * sum(by_country.values()):
            st.home_country = top
        elif len(by_country) == 1 and not any(m.place is not None for m in st.mentions):
            # a story that names no place, only one country's institutions ("the Senate
            # Republican Leader", "Sen. Ernst"): that country is its home
            st.home_country = top
    st.home_admin1 = _home_admin1(gaz, st)
    st.issuers = document_issuers(text)
    st.person_admin1 = person_regions(gaz, text, st.countries | ({st.home_country} if st.home_country else set()))
    st.open_quote = open_quotes(text, st.sentences)
    # dates, with the running anchor for "two days later"
    anchor: date | None = None
    for i, (s, e) in enumerate(st.sentences):
        st.anchor_before[i] = anchor
        hits = dates_mod.find_dates(text[s:e], pub, anchor)
        st.sentence_dates[i] = hits
        if hits:
            anchor = hits[-1].date
    return st


_REGION_AFTER = re.compile(r"\s+(" + "|".join(w + "|" + w.capitalize() for w in sorted(REGION_WORDS_AFTER)) + r")\b")
_DOC = r"(brief|report|lawsuit|suit|statement|letter|complaint|filing|memo|resolution|petition|motion)"
_NAME = r"((?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’.\-]*)"
_ISSUED = (
    # "the White House brief", "in a Thursday brief" (the weekday is dropped below)
    re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+" + _NAME + r"\s+" + _DOC + r"\b"),
    # "the White House said in the brief", "Mid Vermont Christian argues in its lawsuit"
    # (… or with a description between: "The National Security Committee, chaired by Prime Minister
    # Shehbaz Sharif, said in a statement")
    re.compile(_NAME + r"(?:,[^,.;:“”\"]{1,80},)?\s+(?:said|says|wrote|writes|argued|argues|stated|states|added|noted|claimed|claims|"
               r"alleged|alleges)\s+in\s+(?:a|an|the|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}?" + _DOC + r"\b"),
    # "Consumer Watchdog filed a lawsuit", "the ministry issued a statement"
    re.compile(_NAME + r"(?:,\s*(?:in\s+turn|meanwhile|too|also|however|then|later)\s*,)?"
               r"\s+(?:has\s+|had\s+|have\s+)?(?:filed|files|issued|issues|released|releases|published|"
               r"sent|wrote|submitted)\s+(?:a|an|the|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}?" + _DOC + r"\b"),
    # "the ministry's statement", "Trump's lawyers' motion"
    re.compile(_NAME + r"['’]s?\s+(?:[\w\-]+\s+){0,2}?" + _DOC + r"\b"),
    # a body named in lower case: "the foreign ministry said in a statement", "Pakistan's army
    # issued a statement" (kept only when the actor dictionaries know its words: ``document_issuers``)
    re.compile(r"(?:\b[Tt]he\s+|\b)((?:[A-Z][\w\-]*['’]s\s+)?(?:[a-z\-]+\s+){0,2}[a-z]+)\s+"
               r"(?:said|says|stated|added|issued|released|published)"
               r"\s+(?:in\s+)?(?:a|an|the|its)\s+(?:[\w\-]+\s+){0,2}?" + _DOC + r"\b"),
)
_NOT_ISSUER = re.compile(
    r"^(?:(?:The|A|An|This|That|In|On|Last|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\s+)+|"
    r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Annual|Final|New))+$")


def document_issuers(text: str) -> list[tuple[int, str, str]]:
    """Who issued the documents the article names, in text order: ``(char offset, document
    noun, issuer name)`` — "the White House brief", "X said in the brief", "X filed a lawsuit",
    "X's statement". Read so that a later "the brief also accused …" is its issuer's act."""
    out = []
    for rx in _ISSUED:
        for m in rx.finditer(text):
            name = _NOT_ISSUER.sub("", m.group(1) + " ").strip().rstrip("’'")
            if name[:1].islower() or re.match(r"[A-Z][\w\-]*['’]s [a-z]", name):
                # "the ministry", "Pakistan's foreign ministry": a body the actor dictionaries know
                if sector_of([w.lower() for w in name.split()]) is None:
                    continue
                name = "the " + name if name[:1].islower() else name
            elif not name or _NOT_ISSUER.match(name + " ") or name.lower() in ("he", "she", "it", "they", "we", "i"):
                continue
            out.append((m.start(), m.group(2).lower(), name))
    return sorted(out)


_REGION_TITLED = re.compile(
    rf"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:{TITLES})\s+((?:[A-Z][\w'’\-]+\.?\s+){{0,2}}[A-Z][\w'’\-]+)")


def person_regions(gaz: Gazetteer, text: str, countries: set[str]) -> dict[str, Place]:
    """Surnames the article introduces with a state or region before their title ("Florida Judge
    Aileen Cannon", "Texas Gov. Greg Abbott") → that admin1, so that "Judge Cannon" later speaks
    there too. Only admin1s of countries the article is about."""
    out: dict[str, Place] = {}
    for m in _REGION_TITLED.finditer(text):
        p = gaz.resolve(m.group(1), countries, kind="admin1")
        if p is None or p.kind != "admin1" or p.country not in countries:
            continue
        out.setdefault(bare(m.group(2).split()[-1]), p)
    return out


def _home_admin1(gaz: Gazetteer, st: ArticleState) -> Place | None:
    """The state or region a story is set in: the admin1 of the home country that at least three
    of its place mentions (towns count for their admin1, the dateline twice) and two thirds of
    those within the home country lie in ("a California story"). None when the article is not
    about one admin1: a national story names several, or only the country."""
    if st.home_country is None:
        return None
    votes: Counter[str] = Counter()
    for m in st.mentions:
        p = m.place
        if p is None or p.kind == "country" or p.country != st.home_country or m.actor:
            continue  # ("Washington said": the government; "in Washington": the place)
        name = p.name if p.kind == "admin1" else p.admin1
        if name:
            votes[name] += 1
    dl = st.dateline_place
    if dl is not None and dl.country == st.home_country and dl.kind != "country":
        votes[dl.name if dl.kind == "admin1" else dl.admin1 or ""] += 2
    votes.pop("", None)
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    if n < 3 or n * 3 < 2 * sum(votes.values()):
        return None
    return gaz.resolve(top, [st.home_country], kind="admin1")


def open_quotes(text: str, sentences: list[tuple[int, int]]) -> frozenset[int]:
    """Indices of sentences that begin inside a “curly” quotation opened by an earlier sentence
    and not yet closed (a paragraph break ends any quotation: news style reopens it)."""
    out: set[int] = set()
    inside = False
    pos = 0
    for i, (s, _e) in enumerate(sentences):
        for ch in text[pos:s]:
            if ch == "“":
                inside = True
            elif ch == "”" or ch == "\n":
                inside = False
        pos = s
        if inside:
            out.add(i)
    return frozenset(out)


_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lady|Lord|Baroness|Rev)\.?"


def person_surnames(text: str, names: set[str]) -> frozenset[str]:
    """Lower-case one-word place names that the article uses as a person's surname: after an
    honorific ("Mrs Hamilton", "Lord Cameron") or a common given name ("Jo Hamilton"), and
    never after "in", "at", "near" or "from" (a story set in Hamilton keeps its town)."""
    from ingest.events.nlp import given_names

    out: set[str] = set()
    given = given_names()
    for w in names:
        if " " in w or not w[:1].isupper() or not w.isalpha():
            continue
        esc = re.escape(w)
        if re.search(rf"\b(?:in|at|near|from|outside)\s+{esc}\b", text):
            continue
        if re.search(rf"\b{_HONORIFIC}\s+{esc}\b", text) or any(
                m.group(1).lower() in given for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{esc}\b", text)):
            out.add(w.lower())
    return frozenset(out)


def sentence_of(starts: list[int], char: int) -> int:
    """The index of the sentence (by its start offsets) that holds article offset ``char``."""
    import bisect
    return max(0, bisect.bisect_right(starts, char) - 1)
