"""The article gate: which articles are coded for events at all (topic of an article).

PLOVER events are political interactions; sport, entertainment, lifestyle and product news
report none, yet their prose is full of trigger words ("stormed the fortress", "shot 42%",
"the band blew up"). So before any sentence is read, the article is placed in a topic, and
only the topics listed in ``Settings.event_topics`` are coded. It runs at extraction (it
needs no model), so the decision is stored with the article (default: every topic except
sport, entertainment, lifestyle, technology and disaster). The reason an article was gated out is
returned as a short string ("section 'Sport' is sport", "topic sport: 41 sport words against 3
political words") that
``articles.events_gate`` stores and ``eventwire extract`` prints.

Two signals, the page's own first:

1. **Section** — ``article:section`` / JSON-LD ``articleSection`` / breadcrumbs / the URL's
   first path segment (read by ``ingest.extract``). A section word names the topic
   (``SECTION_TOPICS``); sections such as "news", "world" or "business" say nothing and fall
   through to the text. A non-coded section is overruled by a text that holds at least
   ``SECTION_OVERRULED`` words of crime and violence (``CRIME_WORDS``) and more of them than of
   the section's own beat (a parade shooting or a player charged with murder, filed under Sports).
2. **Text** — counts of topic words per topic (``TOPIC_WORDS``: hand lists of the head
   nouns each beat writes with, in the spirit of IPTC media-topic descriptors) against
   political words. An article is placed in a non-political topic only when that topic's
   words outnumber the political ones threefold and there are at least 8 of them, so a
   politics story that mentions a match, or a court story about a footballer, stays coded.
3. **Register** — a text of 300+ words that talks to the reader ("you", "your": 2 % of its
   words or more) is a review, guide or service piece, coded as lifestyle (``reader_address``).

Sources of the word lists: IPTC Media Topics top level (sport, arts/culture/entertainment,
lifestyle and leisure, science and technology, politics, conflict/war, crime/law/justice);
the words are our own choice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

TOPICS: tuple[str, ...] = ("politics", "conflict", "crime", "economy", "society", "sport", "entertainment",
                           "lifestyle", "technology", "disaster", "unknown")
DEFAULT_CODED: tuple[str, ...] = ("politics", "conflict", "crime", "economy", "society", "unknown")

SECTION_TOPICS: dict[str, str] = {}
for _topic, _words in {
    "sport": "sport sports football soccer nfl nba mlb nhl cricket rugby tennis golf boxing mma f1 formula-1 "
             "athletics olympics cycling motorsport college-football college-basketball basketball baseball "
             "hockey premier-league champions-league wrestling racing",
    "entertainment": "entertainment culture arts music film films movies movie tv television tv-radio celebrity "
                     "celebrities showbiz books stage theatre theater games gaming review reviews",
    "lifestyle": "lifestyle life style fashion beauty food recipes travel home-garden garden wellness "
                 "fitness relationships parenting horoscopes puzzles crosswords shopping deals motoring cars "
                 "property real-estate weddings",
    "technology": "technology tech gadgets science space",
    "disaster": "weather",
    "politics": "politics political government elections election congress parliament policy",
    "conflict": "conflict war ukraine-war middle-east defence defense military",
    "crime": "crime courts justice law legal",
}.items():
    for _w in _words.split():
        SECTION_TOPICS[_w] = _topic

TOPIC_WORDS: dict[str, frozenset[str]] = {
    # (words that politics uses too — race, team, title, season, fans, manager — are left out)
    "sport": frozenset("""game games coach coaches league match matches goal goals
        player players tournament championship playoff playoffs quarterback innings pitch striker midfielder
        defender goalkeeper touchdown rebounds assists scored scoring fixture fixtures kickoff
        halftime referee stadium squad medal olympic lap swim swimming swimmer swimmers diver diving
        freestyle backstroke breaststroke butterfly medley relay sprint""".split()),
    "entertainment": frozenset("""album song songs singer band film films movie movies actor actress director
        episode episodes series show shows concert tour festival premiere box-office oscar grammy emmy
        netflix streaming novel author fans musician rapper comedian sitcom character characters
        gameplay console consoles playstation xbox nintendo multiplayer gamers gamer dlc""".split()),
    "lifestyle": frozenset("""recipe recipes ingredients cook cooking wine restaurant chef fashion dress
        beauty skin skincare hotel travel trip vacation garden gardening diet fitness workout sleep mattress
        wedding dating""".split()),
    # natural disasters and weather: not PLOVER events (an emergency declared in one is optional)
    "disaster": frozenset("""wildfire wildfires fire fires blaze flames acres firefighters evacuation
        evacuations evacuated flood floods flooding storm storms hurricane tornado earthquake quake
        rainfall snow drought heatwave forecast weather""".split()),
    "technology": frozenset("""iphone android app apps device devices laptop battery display screen
        processor chip camera smartphone software update users feature features keyboard macbook ipad
        gpu cpu specs""".split()),
}
POLITICAL_WORDS = frozenset("""government minister ministers president prime parliament congress senate
    senator senators lawmakers legislators election elections campaign party parties vote voters police
    court judge judges prosecutor prosecutors charged arrested military troops army war attack attacks
    killed protest protesters sanctions officials administration policy law laws ruling rebels militants
    ministry democrats republicans governor mayor diplomat diplomats embassy treaty ceasefire strike
    strikes investigation indictment trial lawsuit murder murdered homicide manslaughter shooting shootings
    gunman gunmen gunfire""".split())

_WORD = re.compile(r"[a-z][a-z\-]+")


def section_topic(section: str | None) -> str | None:
    """The topic a page's section names, or None when it names none ("news", "world")."""
    if not section:
        return None
    for part in re.split(r"[/>|,;]+", section.lower()):
        key = re.sub(r"\s+", "-", part.strip())
        if key in SECTION_TOPICS:
            return SECTION_TOPICS[key]
        # "Life and style", "Arts & Culture": every word names the same beat (or is a joiner);
        # "Travel ban", "Culture war", "Food security" have a word that is not a beat: no verdict
        words = [w for w in re.split(r"[-&+]+", key) if w and w not in _JOINERS]
        beats = {SECTION_TOPICS.get(w) for w in words}
        if words and len(beats) == 1 and None not in beats:
            return beats.pop()
    return None


_JOINERS = frozenset({"and", "the", "of", "in", "for"})


def text_topic(texts: Iterable[str]) -> tuple[str, int, int]:
    """(topic, its word count, political word count) of the text; ``unknown`` when no beat
    dominates, ``politics`` when political words dominate."""
    words = _counts(texts)
    pol = _count(words, POLITICAL_WORDS)
    best, best_n = "unknown", 0
    for topic, vocab in TOPIC_WORDS.items():
        n = _count(words, vocab)
        if n > best_n:
            best, best_n = topic, n
    if best_n >= 8 and best_n >= 3 * pol:
        return best, best_n, pol
    return ("politics" if pol >= 3 else "unknown"), best_n, pol


# a section's verdict stands unless the text holds at least this many words of crime and
# violence, and more of them than words of the section's own beat: what intrudes on a sport or
# arts page is a crime story (an arts page's talk of ministries and laws reports no event)
SECTION_OVERRULED = 5
CRIME_WORDS = frozenset("""police charged arrested killed murder murdered homicide manslaughter shooting
    shootings gunman gunmen gunfire prosecutor prosecutors indictment indicted trial""".split())


def _counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for t in texts if t for w in _WORD.findall(t.lower()))


def _count(words: Counter[str], vocab: Iterable[str]) -> int:
    return sum(n for w, n in words.items() if w in vocab)


def article_gate(section: str | None, title: str | None, text: str,
                 coded: Iterable[str] = DEFAULT_CODED) -> str | None:
    """Why this article's events are not coded, or None when they are.

    ``coded`` lists the topics whose events are kept (``Settings.event_topics``).
    """
    coded = set(coded)
    st = section_topic(section)
    if st is not None and st not in coded:
        words = _counts([title or "", text])
        crime = _count(words, CRIME_WORDS)
        if crime >= SECTION_OVERRULED and crime > _count(words, TOPIC_WORDS.get(st, ())):
            # "Chiefs coach expresses sorrow over parade shooting" filed under Sports: a crime
            # story on the section's page (a shooting, a player charged) is still coded
            return None
        return f"section {section!r} is {st}"
    if st is not None:
        return None
    topic, n, pol = text_topic([title or "", text])
    if topic not in coded:
        return f"topic {topic}: {n} {topic} words against {pol} political words"
    share = reader_address(text)
    if share >= READER_ADDRESS and "lifestyle" not in coded:
        return f"addresses the reader ('you': {share:.1%} of words): a review or guide, not a news report"
    return None


# News reports the acts of others; reviews, guides and service pieces talk to the reader. On the
# news-gold dev pages that report events, "you/your" is at most 1.2 % of the words (quotes); the
# lifestyle and game-review pages run at 2.7 %.
READER_ADDRESS = 0.02
_YOU = frozenset({"you", "your", "you're", "you'll", "you've", "yourself", "youre", "youll"})


def reader_address(text: str, min_words: int = 300) -> float:
    """Share of the words that address the reader ("you", "your"); 0 for texts under
    ``min_words`` words (a short note proves nothing)."""
    words = re.findall(r"[a-z']+", (text or "").lower().replace("’", "'"))
    if len(words) < min_words:
        return 0.0
    return sum(1 for w in words if w in _YOU) / len(words)
