"""The event coder: sentences → rule candidates → the classifier's decision → PLOVER events.

The rules below *propose* candidate events; ``decide`` hands them, with the sentence, to the
sentence classifier (``classifier.py``) and ``decision.choose``, which keep a sentence's events
only when the classifier believes it reports one (see ``decision.py``). Per article:

1. split the text into sentences (a regex splitter; its indices are ``sentence_index``);
2. find place names and date expressions in *every* sentence cheaply (gazetteer phrase
   matcher on the tokenizer output, regexes): they give the article's context
   countries/admin1 for disambiguation, the anchor for "two days later", and a place for
   sentences that state casualties without one;
3. parse (``nlp.pipe``, batched across articles) only sentences that hold a trigger word;
4. in each parsed sentence, find triggers, keep the ones no other trigger governs
   ("refused to meet" is one REJECT, not REJECT + CONSULT), and apply modality:

   - **negated** conflict events are dropped; a negated cooperative act ("will not
     accept", "did not agree") is coded REJECT, as PLOVER does;
   - **hypothetical** events (under could/might/may/should, "is expected to", "hopes to",
     "wait for", "to avoid", "if", purpose clauses) are dropped;
   - **future/intent** (will, would, "plans to", "is ready to"): cooperative types become
     AGREE and conflict types THREATEN, the PLOVER rule; ``modality="future"`` and
     ``intended_type`` keep the original type;
   - "X must/should do Y" under a reporting verb is a REQUEST by the speaker.

5. actor/target from the parse (a political actor with no stated country takes the
   article's home country), location (locative phrase on the act or its actor; statements
   only where said, in the actor's own region, or the actor's country; physical acts: clause →
   sentence → a place that is itself shelled/attacked → "the town" → the wire dateline →
   previous sentence; ``placing.py``), date (nearest expression in the clause → sentence → publication date with
   precision ``unknown``), quantities. A capital used for its government ("Kiev says",
   "... killed in east: Kiev", "pro-Moscow") is an actor, never the location;
6. a sentence that states violent casualties no event carries (verbless headlines: "One
   KIA, two WIA in Donbas", "Four dead as fighting flares"; counts under another event:
   "Ukraine seeks help as clashes kill 12") gets an ASSAULT of its own. Deaths from
   accidents, disasters or disease give no killed count. Wire slugs ("UPDATE 1-") are
   skipped before numbers are read.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Iterable

from ingest.events import article
from ingest.events import dates as dates_mod
from ingest.events import quantities as qty
from ingest.events import triggers as trg
from ingest.events.actors import RELATION_NOUNS, Actor, actor_from, actor_from_name, armed_group, sector_of
from ingest.events.classifier import CLASSES, FIRST_PERSON, Prediction, SentenceClassifier, rule_view, sentence_features
from ingest.events.crosswalk import acled_event_type, cameo_code
from ingest.events.decision import CLASSIFIER_ONLY, EVENT_THRESHOLD, choose, one_per_event
from ingest.events.gazetteer import Gazetteer
from ingest.events.location import shelled_place as _shelled_place
from ingest.events.modality import FALSE_REPORT as _FALSE_REPORT, modality as _modality, speaker as _speaker
from ingest.events.modality import stance as _stance
from ingest.events.refine import STATE_FORCE, labour_strike, offset_clause, people_taken
from ingest.events.placing import (PHYSICAL, event_place, geo_precision, next_sentence_town, placed_where_said,
                                   sentence_places, speaking_participles)
from ingest.events.roles import ACCIDENT_SOURCES, DOMESTIC_SECTORS, ORG_WORDS, bare
from ingest.events.state import ArticleState, Cand
from ingest.events.syntax import depth as _depth
from ingest.events.syntax import in_relcl as _in_relcl
from ingest.events.syntax import quoted as _quoted
from ingest.events.syntax import same_clause as _same_clause
from schemas.models import Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# --- words of the rules --------------------------------------------------------------
_NOMINAL_SUBJ_VERBS = {"kill", "injure", "wound", "damage", "destroy", "hit", "leave", "cause", "take",
                       "occur", "erupt", "break", "continue", "intensify", "resume", "begin", "start", "claim",
                       "rock", "shake", "target", "strike", "end", "last", "happen", "spread"}
_CASUALTY_LEMMAS = {"kill", "injure", "wound", "die", "dead", "hurt"}


# verbs the classifier may not hang an event on when no trigger word did: being, having,
# seeming and becoming are states, not acts
_NOT_ACTS = frozenset({"be", "have", "do", "seem", "appear", "become", "remain", "get", "look", "feel", "sound",
                       "exist", "belong", "consist", "contain", "include", "involve", "mean", "matter"})


# documents that act for whoever issued them ("a brief urging", "a letter calling for")
_DOCUMENTS = frozenset({"brief", "letter", "statement", "report", "resolution", "memo", "post", "tweet", "video",
                        "ad", "advert", "advertisement", "op-ed", "petition", "complaint", "lawsuit", "filing",
                        "order", "directive", "motion", "bill", "speech", "address", "message", "note"})

# nouns of unrest that a place names, not a side ("Hong Kong unrest", "the Paris riots")
_UNREST_NOUNS = frozenset({"unrest", "riot", "riots", "protest", "protests", "demonstration", "demonstrations",
                           "violence", "turmoil", "clashes", "uprising"})

_REFLEXIVES = frozenset({"herself", "himself", "themselves", "itself", "myself", "yourself", "ourselves",
                         "oneself", "yourselves"})


# PLOVER THREATEN modes for an announced or vowed act of each conflict type
_THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict",
                 "MOBILIZE": "violence"}

# common nouns that name a body even without a side: a target the statement is aimed at
_BODIES = ORG_WORDS | {"state", "government", "administration", "authorities", "court", "school", "university",
                       "company", "firm", "church"}


def _agent_subject(c: Cand) -> bool:
    """Has the act's clause a subject that can act: a name, a pronoun, a group or office
    ("Russia", "they", "the troops"), not a thing ("the plans", "the heat")? No subject
    (a passive, an infinitive) counts as an agent left unsaid."""
    subj = next((x for x in c.head.children if x.dep_ in ("nsubj", "agent")), None)
    if subj is None:
        return True
    if subj.dep_ == "agent":
        subj = next((x for x in subj.children if x.dep_ == "pobj"), subj)
    if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return sector_of([subj.lower_]) is not None or sector_of([subj.lemma_.lower()]) is not None


# sectors of civil life (PLOVER's business, education, media, health, religion, civilians, labour):
# an organisation of one named with no country is the story's own (``Coder._home_country``)
_CIVIL_SECTORS = frozenset({"BUS", "EDU", "JRN", "MED", "REL", "CVL", "LAB", "AGR", "ENV"})
# descriptions of a person that a lede names in the sentence after (``Coder._described``)
_PERSON_ROLES = frozenset({"mp", "lawmaker", "senator", "congressman", "congresswoman", "minister", "official",
                           "spokesman", "spokeswoman", "spokesperson", "councillor", "councilor", "mayor", "governor",
                           "diplomat", "ambassador", "envoy", "activist", "campaigner", "lawyer", "attorney"})

# verbs whose subject tells or shows something: an accusation read off their clause is their
# subject's ("Israeli police officials shared more evidence of atrocities, saying …")
_TELLING = frozenset(trg.REPORTING | {"share", "present", "publish", "release", "issue", "post", "tweet", "express",
                                      "voice", "raise", "call", "accuse", "blame", "denounce", "condemn",
                                      "criticize", "criticise", "warn", "regret", "view", "charge"})


def _same_side(a: Actor, b: Actor) -> bool:
    """Do two actors name one side: the same words, one's last word in the other's name
    ("Dangor", "Zane Dangor"), or the same country and sector."""
    x, y = a.name.lower().split(), b.name.lower().split()
    if not x or not y:
        return False
    if a.country is not None and a.country == b.country and (a.sector == b.sector or None in (a.sector, b.sector)):
        return True  # ("Pakistan's Ministry of Foreign Affairs says Islamabad has informed …")
    return x == y or x[-1] in y or y[-1] in x


def _of_named(t: "Token") -> bool:
    """Has ``t`` an "of" phrase naming a group, person or country ("ten members of Youth
    Demand", "leaders of Hamas")?"""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and o.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") for o in p.children) for p in t.children)


# what a side freezes (PLOVER SANCTION: assets, aid, ties, talks, hiring …)
_FROZEN = frozenset("""asset assets account accounts fund funds funding aid payment payments money reserve
    reserves deposit deposits property properties holding holdings talk talks negotiation negotiations
    relation relations tie ties cooperation contact contacts hiring recruitment spending budget program
    programme programs programmes wage wages price prices rent rents grant grants loan loans membership visa
    visas contract contracts export exports import imports trade shipment shipments delivery deliveries
    accession process project projects construction settlement settlements transfer transfers""".split())

# what a defeat in a vote happens in or to ("defeated in the Lords", "defeated the amendment")
_VOTES = frozenset({"vote", "votes", "election", "elections", "poll", "polls", "primary", "primaries",
                    "referendum", "ballot", "runoff", "division", "lords", "commons", "senate", "house",
                    "parliament", "congress", "assembly", "chamber", "dail", "dáil"})
_MOTIONS = frozenset({"bill", "motion", "amendment", "resolution", "measure", "proposal", "proposition",
                      "referendum", "initiative", "legislation"})

# what "explodes" only in figure: it grows or breaks out
_SWELLING = frozenset("""protest protests anger tension tensions popularity demand price prices cost costs number
    numbers scandal debate controversy crisis case cases sale sales market population movement unrest
    rally rallies interest outrage""".split())

def _naming(t: "Token") -> "Cand | None":
    """``t`` names its object with a verdict: "calls these numbers deeply flawed" (ACCUSE),
    "called the deal a historic victory" (SUPPORT), else None."""
    if not any(c.dep_ == "dobj" for c in t.children):
        return None
    verdict = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "ccomp")] + [
        o for p in t.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children if o.dep_ == "pobj"]
    words = {x.lower_ for v in verdict for x in v.subtree if x.dep_ != "relcl"}
    bad, good = words & trg.DAMNING, words & trg.PRAISING
    if bad and not good:
        return Cand(t, trg.Sense("ACCUSE", "disapprove", 0.8), t, f"{t.text} {sorted(bad)[0]}")
    if good and not bad:
        return Cand(t, trg.Sense("SUPPORT", "praise", 0.8), t, f"{t.text} {sorted(good)[0]}")
    return None


# saying a story or a charge is untrue denies it (PLOVER REJECT, CAMEO 1042 "deny responsibility"
# among others), which the denial rules read; it is not criticism
_UNTRUE = frozenset({"false", "baseless", "bogus", "misleading", "hoax", "lie", "lies", "inflated", "propaganda"})


def _said_verdict(t: "Token") -> "Cand | None":
    """``t`` reports a verdict on something: its reported clause says what it names *is*
    damning or praiseworthy ("said the election of George Galloway was “horrifying”" → ACCUSE,
    "says the deal is a historic victory" → SUPPORT) or that someone failed ("Germany has up to
    now failed to take responsibility", "argued it fell well short", "hasn't done enough to stop
    …" → ACCUSE); the clause's subject, when a noun, is the target (``Cand.judged``). The
    verdict words are ``triggers.DAMNING``/``PRAISING`` as for ``_naming`` (less ``_UNTRUE``);
    the verdict must be the clause's own predicate, not a word inside its subject or a relative
    clause ("said the criminals fled" is no verdict). A negated or described statement is none
    ("Security Council resolutions declaring settlements to be illegal": a document's content).
    PLOVER ACCUSE covers criticism (CAMEO 111 "criticize or denounce"), SUPPORT praise (CAMEO
    051)."""
    if any(c.dep_ == "neg" for c in t.children) or t.dep_ in ("acl", "relcl"):
        return None
    clauses = [c for c in t.children if c.dep_ == "ccomp"]
    clauses += [x for c in clauses for x in c.children if x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")]
    for c in clauses:
        lemma, neg = c.lemma_.lower(), any(x.dep_ == "neg" for x in c.children)
        subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None) or next(
            (x for a in c.children if a.dep_ == "aux" for x in a.children if x.dep_ == "nsubj"), None)
        if lemma in ("be", "seem", "remain", "look", "sound") and not neg and not (
                subj is not None and subj.lower_ == "it" and any(x.dep_ in ("xcomp", "ccomp") for x in c.children)):
            # (not "it is unfair to think they will be content …": the verdict is on an idea)
            words = {x.lower_ for p in c.children if p.dep_ in ("acomp", "attr")
                     for x in p.subtree if x.dep_ not in ("relcl", "neg")}
        elif not neg and any(x.dep_ == "aux" and x.lemma_ == "be" for x in c.children) and c.tag_ == "VBG":
            words = {c.lower_}  # (the parser's "was “horrifying”": the adjective as a progressive verb)
        else:
            words = set()
        judged = subj if subj is not None and subj.pos_ in ("PROPN", "NOUN") else None
        if words:
            bad, good = words & trg.DAMNING - _UNTRUE, words & trg.PRAISING
            if bad and not good:
                return Cand(t, trg.Sense("ACCUSE", "disapprove", 0.8), t, f"{t.text} {sorted(bad)[0]}", judged=judged)
            if good and not bad:
                return Cand(t, trg.Sense("SUPPORT", "praise", 0.8), t, f"{t.text} {sorted(good)[0]}", judged=judged)
        if subj is None or _thing(subj) or any(x.dep_ == "nummod" for x in subj.children):
            continue  # "Around 19 missiles failed to reach targets, the Air Force said": a weapon
            # or a count of things failing is an outcome, not someone's failure
        if (lemma == "fail" and not neg and any(x.dep_ == "xcomp" for x in c.children)) \
                or (lemma == "fall" and any(x.lower_ == "short" for x in c.children)) \
                or (lemma == "do" and neg and any(x.lower_ == "enough" for x in c.children)):
            return Cand(t, trg.Sense("ACCUSE", "disapprove", 0.8), t, f"{t.text} {c.text}", judged=judged)
    return None


# animals: killing or shooting one is no PLOVER event (hunting, culls, a police dog aside)
_ANIMALS = frozenset("""animal animals rabbit rabbits deer dog dogs cat cats bear bears wolf wolves fox foxes
    bird birds cow cows pig pigs sheep goat goats horse horses chicken chickens fish shark sharks elephant
    elephants lion lions tiger tigers whale whales snake snakes rat rats mouse mice boar squirrel moose elk
    coyote coyotes livestock cattle poultry wildlife kangaroo kangaroos monkey monkeys""".split())


# verbs whose subject causes what follows rather than doing it ("the ruling sparked protests")
_CAUSE_VERBS = frozenset({"spark", "trigger", "prompt", "provoke", "cause", "fuel", "ignite", "unleash", "stoke"})


def _relative_head(t: "Token") -> "Token":
    """The noun a relative pronoun stands for ("the Association, which accused …"), else ``t``."""
    if t.lower_ in ("which", "who", "whom", "that") and t.head.dep_ == "relcl":
        head = t.head.head
        if t.lower_ in ("who", "whom") and head.ent_type_ != "PERSON":
            # "Chi Onwurah, the Labour MP for Newcastle Central, who is supporting …": the parser
            # hangs the clause on the appositive's last noun; "who" is the person it describes
            x = head
            for _ in range(4):
                if x.dep_ == "appos" and x.head.ent_type_ == "PERSON":
                    return x.head
                if x.dep_ not in ("pobj", "prep", "compound") or x.head == x:
                    break
                x = x.head
        return head
    return t


def _sentence_index(st: ArticleState) -> int:
    """The index of the sentence being coded (``st.sentence_start``)."""
    return next((i for i, (s0, _) in enumerate(st.sentences) if s0 == st.sentence_start), 0)


def _attack_noun(t: "Token") -> bool:
    """Does the noun name an attack ("shelling", "strikes", "the firing")?"""
    lemma = t.lemma_.lower()
    s = trg.noun_sense(lemma)
    if s is not None:
        return s.type == "ASSAULT"
    return lemma.endswith("ing") and (_violent_lemma(lemma[:-3]) or _violent_lemma(lemma[:-3] + "e"))


def _violent_lemma(lemma: str) -> bool:
    s = trg.verb_sense(lemma)
    return lemma in _CASUALTY_LEMMAS or (s is not None and s.type in ("ASSAULT", "COERCE"))


class Coder:
    """Holds the model and gazetteer; stateless between articles."""

    def __init__(self, nlp: "Language", gazetteer: Gazetteer, version: str,
                 classifier: "SentenceClassifier | None | bool" = None, threshold: float = EVENT_THRESHOLD) -> None:
        self.nlp = nlp
        self.gaz = gazetteer
        self.version = version
        # the classifier is loaded unless given; ``False`` builds a coder without one (training)
        self.classifier = SentenceClassifier.load() if classifier is None else classifier
        self.threshold = threshold
        self.marker = nlp.get_pipe("eventwire_places") if "eventwire_places" in nlp.pipe_names else None
        from ingest.events.nlp import english_verbs
        self.verbs = english_verbs(nlp)

    # -- public ----------------------------------------------------------------------
    def code_many(self, items: Iterable[tuple[str, datetime | None, str | None]], batch_size: int = 64
                  ) -> list[list[Event]]:
        states: list[ArticleState] = []
        jobs: list[tuple[int, int, str]] = []  # (article, sentence index, text)
        for text, published, title in items:
            st = self.prepare(text or "", published, title)
            states.append(st)
            for i, (s, e) in enumerate(st.sentences):
                sent = st.text[s:e]
                if trg.has_candidate(sent) or qty.violent_casualties(sent) is not None:
                    jobs.append((len(states) - 1, i, sent))
        parsed: dict[tuple[int, int], "Doc"] = {}
        for (a, i, _), doc in zip(jobs, self.nlp.pipe((j[2] for j in jobs), batch_size=batch_size)):
            parsed[(a, i)] = doc
        out: list[list[Event]] = []
        for a, st in enumerate(states):
            for i in range(len(st.sentences)):
                doc = parsed.get((a, i))
                if doc is not None:
                    st.events.extend(self.decide(st, i, doc))
            out.append(one_per_event(st.events))
        return out

    def decide(self, st: ArticleState, si: int, doc: "Doc") -> list[Event]:
        """The events one parsed sentence reports: the rules propose candidates (trigger, roles,
        place, date, numbers), the classifier decides whether and which (``decision.py``)."""
        st.parsed_places[si] = [p for (_, _, p) in sentence_places(self.gaz, self.verbs, st, doc)]
        if doc.text.rstrip(" \"'”’)").endswith("?"):
            return []  # a question asserts no act ("Will Russia invade?")
        pred, cands = self._read(st, si, doc, CLASSIFIER_ONLY)
        chosen = choose(pred, cands, self.threshold, st.political, self.classifier.support)
        chosen = [x for x in (labour_strike(e, doc) for e in chosen) if x is not None
                  and not (x.event_type == "REJECT" and x.intended_type == "REQUEST")]  # "never urged": no refusal
        return [x for e in chosen for x in self._each_place(st, doc, e)]

    def _each_place(self, st: ArticleState, doc: "Doc", ev: Event) -> list[Event]:
        """"arrested protesters in Paris, Lyon and Marseille": one row per listed place."""
        if ev.geonames_id is None or ev.event_type not in PHYSICAL:
            return [ev]
        places = {e.root.i: (e, p) for (s0, e1, p) in sentence_places(self.gaz, self.verbs, st, doc) for e in [doc[s0:e1]]}
        at = next((i for i, (_, p) in places.items() if p.geonames_id == ev.geonames_id), None)
        if at is None:
            return [ev]
        out = [ev]
        for t in doc[at].conjuncts:
            hit = places.get(t.i)
            if hit is None or hit[1].geonames_id == ev.geonames_id or hit[1].kind != "city":
                continue
            p = hit[1]
            out.append(dataclasses.replace(
                ev, location_name=p.name, admin1=p.admin1, country=p.country, latitude=p.latitude,
                longitude=p.longitude, geonames_id=p.geonames_id, geo_precision=geo_precision(p),
                trigger=f"{ev.trigger}@{p.name.lower()}"))
        return out

    def rule_candidates(self, sentence: str, doc: "Doc") -> list[Event]:
        """The rule coder's candidates for one sentence read alone (training features)."""
        return self._code_sentence(self.prepare(sentence, None, None), 0, doc, )

    def _classifier_event(self, st: ArticleState, si: int, doc: "Doc", pred: "Prediction",
                          floor: float = CLASSIFIER_ONLY) -> Event | None:
        etype = max((c for c in CLASSES if c != "NONE"), key=pred.prob)
        if pred.prob(etype) < floor:
            return None
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        # "X said Y did Z", "X is expected to do Z": the complement carries the act (and its
        # modality: "expected to endorse" is hypothetical and gives nothing)
        if root.lemma_.lower() in trg.REPORTING or root.lemma_.lower() in trg.HYPOTHETICAL_GOVERNORS \
                or root.lemma_.lower() in trg.INTENT_GOVERNORS:
            comp = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
            root = comp or root
        if root.pos_ != "VERB" or root.lemma_.lower() in _NOT_ACTS:
            return None  # "there are no plans …": a copula or auxiliary is no act
        if etype in PHYSICAL and root.i in _quoted(doc, si in st.open_quote):
            # an act told inside a quotation is the speaker's account, not the reporter's (as
            # for trigger words); what the quote *does* (accuses, demands, threatens) stays
            return None
        ev = self._event(st, si, doc, Cand(root, trg.Sense(etype, None, 0.5, "classifier"), root, root.text))
        if ev is not None and root.lemma_.lower() in _CAUSE_VERBS and any(
                ch.dep_ == "nsubj" and ch.pos_ == "NOUN" and ch.ent_type_ == "" for ch in root.children):
            # "His removal sparked a backlash, erupting into demonstrations": the subject is what
            # caused the act, not who did it
            ev = dataclasses.replace(ev, actor_name=None, actor_country=None, actor_sector=None)
        return ev

    def best_type(self, sentence: str) -> Event | None:
        """The single most prominent event of one sentence, whatever the event threshold
        (for sentence-level evaluation of the type decision)."""
        pred, cands = self._read(self.prepare(sentence, None, None), 0, self.nlp(sentence), 0.0)
        chosen = choose(pred, cands, 0.0, None, self.classifier.support, whether=False)
        return chosen[0] if chosen else None

    def _read(self, st: ArticleState, si: int, doc: "Doc", floor: float) -> tuple["Prediction", list[Event]]:
        """One sentence's rule candidates and the classifier's reading of it (which reads them).

        With no candidate at all ("lashed out at", "confronted him"), the classifier proposes an
        event on the main verb when one type holds ``floor`` of the probability."""
        cands = self._code_sentence(st, si, doc)
        if _FALSE_REPORT.search(doc.text):
            # "reports that … shelled the town turned out to be false": a denied act
            cands = [dataclasses.replace(e, modality="denied") for e in cands]
        pred = self.classifier.predict_features(sentence_features(doc, rule_view(cands)))
        if not cands and si not in st.triggered:
            # only a sentence with no trigger word at all: one whose triggers were all judged
            # hypothetical, negated or not acts has been read, and gives nothing
            ev = self._classifier_event(st, si, doc, pred, floor)
            cands = [ev] if ev is not None else []
        return pred, cands

    # -- article-level cheap pass -----------------------------------------------------
    def prepare(self, text: str, published: datetime | None, title: str | None) -> ArticleState:
        """The article's context before any sentence is parsed (``article.prepare``)."""
        return article.prepare(text, published, title, gaz=self.gaz, nlp=self.nlp, marker=self.marker,
                               verbs=self.verbs)

    # -- one sentence ----------------------------------------------------------------
    def _code_sentence(self, st: ArticleState, si: int, doc: "Doc") -> list[Event]:
        """Every candidate event of one parsed sentence (the decision is ``decide``'s)."""
        st.sentence_start = st.sentences[si][0] if si < len(st.sentences) else 0
        cands = self._candidates(doc, si in st.open_quote)
        if cands:
            st.triggered.add(si)
        else:
            ev = self._casualty_event(st, si, doc, [])
            return [ev] if ev is not None else []
        cand_tokens = {c.token.i for c in cands} | {c.head.i for c in cands if c.nominal}
        top = [c for c in cands if _governing_trigger(c, cand_tokens) is None]
        # relative-clause events are background unless nothing else happens in the sentence:
        # "an idea of sending troops — a suggestion that was quickly rejected by the United
        # States": the idea is no act, so the rejection told in the relative clause is the news
        main = [c for c in top if not _in_relcl(c.head)]
        # (a real relative clause, whose "that"/"which" stands for the antecedent: "a claim … that
        # Hamas deployed …" parsed as one is the claim's content)
        background = [c for c in top if _in_relcl(c.head) and any(
            x.dep_ in ("nsubj", "nsubjpass", "dobj") and x.lower_ in ("that", "which", "who", "whom")
            for x in c.head.children)]

        def build(cs: list[Cand]) -> list[tuple[Event, Cand]]:
            return [(ev, c) for c in sorted(cs, key=lambda c: (_depth(c.head), c.token.i))
                    if (ev := self._event(st, si, doc, c)) is not None]
        built = build(main or top)
        if main and not built:
            built = build(background)
        # "stormed a school and kidnapped the pupils": one raid, coded by the verb whose own word
        # gives the mode ("kidnapped": abduct), not by one whose mode the sentence's wording gave
        said_how = {ev.event_type for ev, c in built if c.sense.mode is not None}
        events = [ev for ev, c in built if ev.event_type not in said_how or c.sense.mode is not None]
        extra_ev = self._casualty_event(st, si, doc, events)
        return events + [extra_ev] if extra_ev is not None else events

    def _casualty_event(self, st: ArticleState, si: int, doc: "Doc", events: list[Event]) -> Event | None:
        """An ASSAULT for a sentence that states violent casualties no event carries.

        Verbless or intransitive headlines ("One KIA, two WIA in Donbas", "Four dead as
        fighting flares", "soldiers die in rebel fire") and counts in a clause under another
        event ("Ukraine seeks help as clashes kill 12") would otherwise lose their numbers.
        """
        if any(e.killed is not None or e.injured is not None for e in events):
            return None
        if qty.violent_casualties(doc.text) is None:
            return None
        words = qty.KILL_WORDS | qty.INJURE_WORDS
        tok = next((t for t in doc if t.lower_ in words and t.i not in _quoted(doc)), None)
        if tok is None:
            return None
        c = Cand(tok, trg.Sense("ASSAULT", None, 0.6, "casualties"), tok, tok.text)
        return self._event(st, si, doc, c)

    def _candidates(self, doc: "Doc", open_quote: bool = False) -> list[Cand]:
        out: list[Cand] = []
        quoted = _quoted(doc, open_quote)
        # "according to the official list of those killed in the attacks": the source of a
        # report, not an act it reports
        quoted |= {x.i for t in doc if t.lower_ == "according" for x in t.subtree}
        for t in doc:
            if t.i in quoted:
                continue
            if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.lemma_.lower() in ("dead",)) or \
                    (t.tag_ in ("VBN", "VBD", "VBG") and t.pos_ != "NOUN"):
                c = self._verb_candidate(t)
                if c is not None and c.sense.type == "SANCTION" and any(
                        x.dep_ == "nsubj" and x.pos_ == "NOUN" and trg.noun_sense(x.lemma_.lower()) is not None
                        for x in t.children):
                    # "The strike had disrupted deliveries", "the war halted exports": what an
                    # event does to trade is its effect, not a side's sanction
                    continue
                if c is not None:
                    out.append(c)
            elif t.pos_ in ("NOUN", "PROPN") and t.tag_ not in ("NNP",):
                c = self._noun_candidate(t)
                if c is not None:
                    out.append(c)
        return out

    def _verb_candidate(self, t: "Token") -> Cand | None:
        lemma = trg.fix_lemma(t.lemma_.lower(), t.text)
        if lemma in trg.SPEECH_VERBS:
            verdict = _said_verdict(t)
            if verdict is not None:
                return verdict
        if lemma in trg.REPORTING and lemma not in trg.VERBS and not any(
                c.dep_ in ("prep", "prt") and f"{lemma} {c.lower_}" in trg.VERBS for c in t.children):
            return None  # "insisted that …" reports; "insisted on a recount" demands
        if t.dep_ == "amod" and t.tag_ == "VBN":
            return None  # a participle used as an adjective: "threatened lives", "the besieged city"
        if t.tag_ == "VBN" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") and any(
                c.dep_ == "det" and c.lower_ in ("the", "an", "a") for c in t.children):
            return None  # a participle used as a noun: "the accused walked towards the child", "the injured"
        if t.dep_ == "acl" and t.tag_ == "VBN" and not _violent_lemma(lemma):
            # "a press conference hosted by officials", "a bill backed by Democrats": a reduced
            # relative describes a thing; the sentence reports something else (violence stays:
            # "the 12 people killed in the strike")
            return None
        if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.dep_ == "pobj" and t.head.head.lower_ in ("with", "without"):
            # the absolute construction "With those services destroyed by Israel's war, …" sets
            # the scene: a state the sentence's own act stands in, not an act it reports
            return None
        if lemma == "need":
            # "Ukraine needed more weapons, the minister said": a need stated for a side is its
            # request; "he needed a tooth out", "the president needs Michigan" are not
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                        and c.ent_type_ not in ("DATE", "TIME")), None)  # "would need two weeks to consider"
            if obj is not None and t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in trg.REPORTING:
                return Cand(t, trg.Sense("REQUEST", None, 0.8), t, f"{t.text} {obj.text}")
            return None
        if lemma == "meet" and any(x.dep_ == "auxpass" for x in t.children):
            # "The move has been met with resistance from Germany's far right": to be met with a
            # reaction is to receive it (the reaction's type; its source the "from" phrase)
            noun = next((o for p in t.children if p.dep_ == "prep" and p.lower_ == "with"
                         for o in p.children if o.dep_ == "pobj"), None)
            if noun is None:
                return None
            sense = trg.noun_sense(noun.lemma_.lower()) or trg.MET_WITH.get(noun.lemma_.lower())
            return Cand(noun, sense, t, noun.text, nominal=True) if sense is not None else None
        if lemma == "meet" and not any(x.dep_ == "auxpass" for x in t.children):
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            sense = trg.noun_sense(obj.lemma_.lower()) if obj is not None and obj.pos_ == "NOUN" else None
            if sense is not None and sense.type == "REQUEST":
                if any(x.lower_ == "with" for x in t.subtree if x.i > obj.i):
                    # "Johnson met the Democrats' pleas to approve Ukraine funding with a renewed
                    # push": to meet a plea with something answers it; the act reported is the
                    # plea (its maker the possessor), not a meeting
                    return Cand(obj, sense, t, obj.text, nominal=True)
                # "the government met the strikers' demands": to meet a demand is to yield to it
                # (PLOVER CONCEDE, CAMEO 08 "yield")
                return Cand(t, trg.Sense("CONCEDE", None, 0.8), t, f"{t.text} {obj.text}")
        if lemma in trg.NAMING_VERBS:
            naming = _naming(t)
            if naming is not None:
                return naming
        if lemma == "ask" and _question(t):
            return None  # "asked Morrison about concerns", "asked whether he supports": a question
        bad_objs = trg.NOT_EVENT_OBJECTS.get(lemma)
        if bad_objs and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in bad_objs for c in _own_or_shared_args(t)):
            return None  # "shooting another movie", "struck a deal", "fired the coach"; "A video … was
            # rescued … was released Monday" (the conjunct's subject is its head's)
        if lemma in trg.DEFEAT_VERBS and (any(
                p.dep_ == "prep" and p.lower_ in ("in", "at", "on") and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in _VOTES for o in p.children)
                for p in t.children) or any(
                o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in _MOTIONS for o in t.children)):
            return None  # "The Government was heavily defeated in the Lords", "defeated the motion": a vote
        if lemma == "explode" and any(x.lemma_.lower() in _SWELLING for x in (
                [c for c in t.children if c.dep_ == "nsubj"] + ([t.head] if t.dep_ == "acl" else []))):
            return None  # "with Hong Kong protests exploding to new levels": grown, not blown up
        if lemma == "freeze" and not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _FROZEN
                                         for c in _own_or_shared_args(t)):
            return None  # "seemed to freeze in the midst of speaking": a person froze; a side freezes assets
        if lemma == "beat" and any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children):
            return None  # "was beaten out by Gantenbein for first place": to beat out is to outdo
        if lemma == "charge" and any(c.lower_ in ("ahead", "forward", "on") and c.dep_ in ("advmod", "prt")
                                     for c in t.children):
            return None  # "India is charging ahead on its climate commitments": pressing on, no charge
        if lemma == "commit" and t.tag_ in ("VBN", "VBD") and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children) and (
                t.dep_ in ("advcl", "amod", "acomp") or (t.dep_ == "conj" and t.head.dep_ in ("advcl", "amod", "acomp"))):
            return None  # "Worried about backlash and committed to restraint, House Democrats …": a stance
        if _violent_lemma(lemma):
            args = _own_or_shared_args(t)
            if not any(x.dep_ == "dobj" for x in t.children):  # "killed and ate a wild rabbit"
                args += [x for cj in t.children if cj.dep_ == "conj" for x in cj.children]
            if any(x.dep_ in ("dobj", "nsubjpass") and x.lemma_.lower() in _ANIMALS for x in args):
                return None  # "A hunter who killed and ate a wild rabbit": an animal is no one's target
        if lemma in trg.DEFEAT_VERBS and any(
                c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP"))
                for c in t.children) and not any(c.dep_ == "prt" for c in t.children):
            return None  # "Democrats beat Gov. Matt Bevin": an election or a match, not an assault
        if lemma == "take" and _armed_subject(t):
            return None  # "The soldiers took aim at the crowd": aiming a weapon, not criticism
        prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
        if prt is None and lemma == "push" and any(c.dep_ == "advmod" and c.lower_ == "back" for c in t.children):
            prt = "back"  # "pushed back on the report": the parser takes the particle for an adverb
        preps = [c.lower_ for c in t.children if c.dep_ == "prep"]
        # "called for compensation to be sped up": the parser makes "for" the clause's marker
        preps += [m.lower_ for c in t.children if c.dep_ in ("ccomp", "advcl", "xcomp")
                  for m in c.children if m.dep_ == "mark" and m.lower_ == "for" and m.i == t.i + 1]
        objs = [c for c in t.children if c.dep_ in ("dobj", "attr", "oprd")] or \
               [c for c in t.children if c.dep_ in ("nsubjpass",)]
        if lemma == "plead":  # "pleaded guilty Monday to …" (the parser may hang "guilty" anywhere)
            nxt = [x.lower_ for x in t.doc[t.i + 1: t.i + 3]]
            if nxt[:1] == ["guilty"] or nxt[:2] == ["not", "guilty"]:
                s = trg.Sense("REJECT") if nxt[0] == "not" else trg.COURT_COMPLEMENTS[("plead", "guilty")]
                return Cand(t, s, t, f"{t.text} guilty")
        for c in t.children:  # "plead guilty", "was ordered to pay": court idioms
            s = trg.COURT_COMPLEMENTS.get((lemma, c.lemma_.lower())) if c.dep_ in ("acomp", "xcomp") else None
            if s is not None:
                if any(x.dep_ == "neg" for x in c.children):  # "pleaded not guilty": denies the charge
                    s = trg.Sense("REJECT")
                return Cand(t, s, t, f"{t.text} {c.text}")
        if prt is not None:
            s = trg.verb_sense(f"{lemma} {prt}")
            if s is None and (lemma, prt) in trg.VERB_OBJECT:
                s = trg.VERB_OBJECT[(lemma, prt)]
            if s is not None:
                return Cand(t, _with_mode(s, f"{lemma} {prt}"), t, f"{t.text} {prt}")
        for p in preps:
            s = trg.VERBS.get(f"{lemma} {p}")
            if s is not None:
                return Cand(t, _with_mode(s, f"{lemma} {p}"), t, f"{t.text} {p}")
        for o in objs:
            s = trg.VERB_OBJECT.get((lemma, o.lemma_.lower())) or trg.VERB_OBJECT.get((lemma, o.lower_))
            if s is None:
                for c in o.children:  # "send humanitarian aid": the compound/amod counts too
                    if c.dep_ in ("compound", "amod"):
                        s = trg.VERB_OBJECT.get((lemma, c.lemma_.lower()))
                        if s:
                            break
            if s is not None:
                return Cand(t, s, t, f"{t.text} {o.text}")
        if lemma in trg.PERMIT_VERBS and not any(  # "it would allow candidates to …": a rule, not a side
                x.dep_ == "nsubj" and (x.lower_ in ("this", "that", "which") or x.lower_ == "it" and _speaker(t) is None)
                for x in t.children) and (
                any(c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") for c in t.children)
                or any(o.lemma_.lower() in _PERMITTED for o in objs)):
            # "decided to allow candidate Ouattara to participate", "would allow the return of
            # U.N. inspectors": a concession (PLOVER CONCEDE; future → AGREE by modality)
            return Cand(t, trg.Sense("CONCEDE"), t, t.text)
        if lemma in trg.CONQUEST_VERBS and any(_territory(o) for o in objs) and (
                qty.violent_words(t.sent.text) or _armed_subject(t)):
            # "troops captured part of a Karen stronghold after five days of fighting": taking
            # ground in a fight is an assault (ACLED Battles), not PLOVER's COERCE seize (a raid
            # or a confiscation); without fighting or an armed side ("Trump took Iowa") it is
            # no act of force at all
            return Cand(t, trg.Sense("ASSAULT"), t, t.text)
        if lemma in trg.SUBJECT_ONLY:
            subj_words, s = trg.SUBJECT_ONLY[lemma]
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (subj.lemma_.lower() in subj_words or subj.lower_ in subj_words
                                     or (lemma == "arrive" and subj.ent_type_ in ("PERSON",))):
                return Cand(t, s, t, t.text)
            return None
        if lemma in trg.OBJECT_ONLY or lemma in trg.LIGHT_VERBS and lemma not in trg.VERBS:
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"must", "should"} and t.dep_ == "ccomp" and t.head.lemma_.lower() in trg.REPORTING:
                return Cand(t, trg.Sense("REQUEST", None, 0.8), t, t.text)
            return None
        s = trg.verb_sense(lemma)
        if s is None:
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"must", "should"} and t.dep_ == "ccomp" and t.head.lemma_.lower() in trg.REPORTING:
                return Cand(t, trg.Sense("REQUEST", None, 0.8), t, t.text)
            return None
        return Cand(t, s, t, t.text)

    def _noun_candidate(self, t: "Token") -> Cand | None:
        lemma = t.lemma_.lower()
        key = lemma
        for comp in (c for c in t.children if c.dep_ in ("compound", "amod")):
            if f"{comp.lower_} {lemma}" in trg.NOUNS:
                key = f"{comp.lower_} {lemma}"
            elif lemma in ("effort", "mission", "operation", "campaign", "talk") and trg.noun_sense(comp.lemma_.lower()):
                key = comp.lemma_.lower()
        s = trg.noun_sense(key) or trg.noun_sense(t.lower_)
        if s is None:
            return None
        h = t.head
        dep = t.dep_
        if dep == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in _SERIES_NOUNS:
            # "conducted a round of meetings", "a wave of strikes hit": the series stands in the
            # event noun's place
            dep, h = h.head.dep_, h.head.head
        hl = trg.fix_lemma(h.lemma_.lower(), h.text) if h.pos_ in ("VERB", "AUX") else h.lemma_.lower()

        # (a) object of a light verb: "launched attacks", "held talks", "gave its approval"
        if dep in ("dobj", "nsubjpass", "attr") and h.pos_ in ("VERB", "AUX"):
            if any(x.dep_ == "prt" and x.lower_ == "off" for x in h.children):
                return None  # "called off a strike", "broke off talks": the phrasal verb is the act

            over = trg.LIGHT_OVERRIDES.get((hl, key)) or trg.LIGHT_OVERRIDES.get((hl, lemma))
            if over is not None:
                return Cand(t, over, h, f"{h.text} {t.text}", nominal=True)
            if hl in trg.LIGHT_VERBS:
                return Cand(t, s, h, f"{h.text} {t.text}", nominal=True)
            return None
        # (b) subject of an effect verb: "the attack killed five", "missiles hit the city"
        if dep == "nsubj" and h.pos_ in ("VERB", "AUX") and hl in _NOMINAL_SUBJ_VERBS:
            return Cand(t, s, h, t.text, nominal=True)
        # (c) verbless headline: "Night shelling of Nikolaev: two dead"
        if t.dep_ == "ROOT" or (h.dep_ == "ROOT" and h.pos_ not in ("VERB", "AUX") and t.dep_ in ("compound",)):
            return Cand(t, s, t, t.text, nominal=True)
        # (c2) "went public with an allegation": the idiom makes the statement
        if t.dep_ == "pobj" and h.lower_ == "with" and h.head.lemma_.lower() == "go" \
                and any(x.lower_ == "public" for x in h.head.children):
            return Cand(t, s, h.head, f"{h.head.text} public with {t.text}", nominal=True)
        # (c2b) "negotiators return to Geneva for talks": the journey is the consultation
        if t.dep_ == "pobj" and h.lower_ == "for" and s.type == "CONSULT" \
                and h.head.lemma_.lower() in trg.MOTION_VERBS and h.head.pos_ == "VERB":
            return Cand(t, s, h.head, f"{h.head.text} for {t.text}", nominal=True)
        # (c2c) "Moscow was open to discussions", "is ready for talks": willingness is AGREE
        if t.dep_ == "pobj" and h.lower_ in ("to", "for") and s.type == "CONSULT" \
                and h.head.lemma_.lower() in ("open", "ready", "willing") and h.head.dep_ == "acomp":
            return Cand(t, trg.Sense("AGREE"), h.head.head, f"{h.head.text} {h.text} {t.text}", nominal=True)
        # (c3) "was put under investigation", "placed under house arrest": the state is the act
        if t.dep_ == "pobj" and h.lower_ == "under" and h.head.lemma_.lower() in trg.UNDER_VERBS:
            return Cand(t, s, h.head, f"{h.head.text} under {t.text}", nominal=True)
        # (d) "killed in an attack": the casualty verb carries it
        if t.dep_ == "pobj" and h.head.lemma_.lower() in _CASUALTY_LEMMAS:
            return Cand(t, s, h.head, f"{h.head.text} {h.text} {t.text}", nominal=True)
        return None

    # -- building one event ----------------------------------------------------------
    def _event(self, st: ArticleState, si: int, doc: "Doc", c: Cand) -> Event | None:
        sense = c.sense
        etype, mode = sense.type, sense.mode
        modality = _modality(c)
        if modality == "negated" and sense.source == "classifier" and placed_where_said(etype) \
                and c.head.i in _quoted(doc, si in st.open_quote):
            # a quotation read as an accusation with no trigger word: the act is the saying; its
            # verb's negation is the quote's wording ("“It doesn’t take a lot of imagination to
            # figure out how … China … could pose a serious risk,” said …")
            modality = None
        extra: dict = {}  # what modality and amounts add to the row (its own columns)
        if modality == "hypothetical":
            return None
        if modality == "negated":
            if etype in trg.COOPERATIVE or etype in ("AGREE", "REQUEST"):
                extra["intended_type"] = etype  # the act refused
                mode = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist"}.get(etype, None)
                etype = "REJECT"
            else:
                return None
        if modality == "future" and etype in trg.CONFLICT and not _agent_subject(c):
            return None  # "the plans would undermine food security": a thing's effect is no threat
        if modality == "future":
            if etype == "RETREAT" and mode == "resign":
                # "he will be stepping down in November": an official's announced resignation is
                # the news (the annotation guide's RETREAT), kept as a future act
                extra["modality"] = "future"
            elif etype in trg.COOPERATIVE:
                extra["modality"] = "future"
                extra["intended_type"] = etype
                etype, mode = "AGREE", None
            elif etype in trg.CONFLICT:
                extra["modality"] = "future"
                extra["intended_type"] = etype
                mode = _THREAT_MODES.get(etype)
                etype = "THREATEN"
            else:  # "will renew his calls", "will be conducted": said of the future, kept as such
                extra["modality"] = "future"
        if modality is None and etype in PHYSICAL and not c.nominal and c.head.tag_ in ("VBZ", "VBP") \
                and si > 0 and not st.sentence_dates.get(si) \
                and not any(ch.dep_ in ("aux", "auxpass") for ch in c.head.children):
            # "the police force covers fixed stations and patrols the city": the simple present
            # with no time in the body of a story is what someone habitually does, not an event
            # (headlines and ledes use it for news; they are sentence 0)
            return None
        if not c.nominal and any(ch.dep_ == "advmod" and ch.lower_ == "long" for ch in c.head.children) \
                and any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in c.head.children):
            # "union representatives have long warned that …", "has long advocated": a standing
            # position (GUIDE.md, habitual statements), not an act of a day
            return None
        if etype == "AGREE" and not c.nominal and modality is None:
            # "Israel has vowed to kill him": a pledge to do harm is a threat (PLOVER THREATEN,
            # the act as intended type), not an agreement
            act = next((x for x in c.head.children if x.dep_ == "xcomp" and x.pos_ == "VERB"), None)
            harm = trg.verb_sense(trg.fix_lemma(act.lemma_.lower(), act.text)) if act is not None else None
            if harm is not None and harm.type in trg.CONFLICT:
                extra["intended_type"] = harm.type
                etype = "THREATEN"
                mode = _THREAT_MODES.get(harm.type)
        if modality == "obligation":
            extra["intended_type"] = etype  # the act demanded
            etype, mode = "REQUEST", None
        sent_text = doc.text
        if etype == "ASSAULT" and (mode is None or mode in ("heavy-weapons", "firearms")):
            # the weapon the sentence names beats the verb's default guess ("fired" is a heavy
            # weapon unless it was tear gas: PLOVER crowd-control)
            named = trg.assault_mode(sent_text)
            if mode is None or named == "crowd-control":
                mode = named or mode
        actor, target = self._roles(st, c)
        if modality == "obligation" or (sense.source == "classifier" and etype == "ACCUSE"
                                         and c.head.lemma_.lower() not in _TELLING):
            # "“The authorities must end this crackdown,” said Philip Luther": the demand is the
            # speaker's, and whoever must act is whom it is made of; so is an accusation read
            # off a reported clause with no trigger word ("According to federal prosecutors,
            # China's Ministry of Public Security has violated our sovereignty")
            spk = _speaker(c.head)
            spk = _relative_head(spk) if spk is not None else None  # ("Tory MPs who said …": the MPs)
            said_by = self._spoken_by(st, spk) if spk is not None else None
            if said_by is not None and said_by.pronoun and spk is not None:
                said_by = self._antecedent(st, spk) or self._resolve_pronoun(st, said_by)
            if said_by is not None and not said_by.pronoun:
                same = actor is not None and (_same_side(actor, said_by) or actor.name.lower() in FIRST_PERSON)
                # ("the ministry said it regrets …", "“We received an inquiry,” a spokesperson
                # said": the speaker's own side is no target)
                # (a thing the quote speaks of, "“death looms large”", is no target either)
                side = actor is not None and (actor.country or actor.sector or actor.name[:1].isupper())
                actor, target = said_by, (actor if side and not same else target)
        if target is not None and target.name.lower() in _REFLEXIVES and etype not in PHYSICAL:
            return None  # "blaming herself", "praised themselves": no interaction
        if etype == "RETREAT" and trg.fix_lemma(c.token.lemma_.lower(), c.token.text) in ("flee", "escape") \
                and (actor is None or actor.sector in ("UAF", "CRM", "CVL")):
            # "the attackers fled before soldiers arrived", "residents fled": leaving the scene is
            # part of an attack or its effect; PLOVER's RETREAT is a side pulling back its forces
            return None
        if etype == "ASSAULT" and ((actor is None and qty.accident(doc.text)) or (
                actor is not None and bare(actor.name.split()[-1]) in ACCIDENT_SOURCES
                and not qty.violent_words(doc.text))):
            # "Police said the teenage driver was killed": a death with no one who caused it, in
            # words of an accident, is no attack; nor is a battery that "burst into flames"
            return None
        if etype == "MOBILIZE" and actor is None and target is not None and target.sector in ("COP", "MIL"):
            # "Capitol police in riot gear were deployed": the force sent out is the side that
            # mobilises (its commander unnamed), not the target of the act
            actor, target = target, None
        actor = self._home_country(st, actor)
        if etype == "COERCE" and mode == "seize" and people_taken(c) and (
                actor is None or actor.sector not in STATE_FORCE):
            # "gunmen seize schoolgirls": people seized by others than the state are abducted
            # (PLOVER ASSAULT/abduct); police seizing suspects is an arrest, and stays COERCE
            etype, mode = "ASSAULT", "abduct"
        place, loc_conf = event_place(self.gaz, self.verbs, st, si, doc, c, actor, target, etype)
        if etype in PHYSICAL and (place is None or place.kind == "country"):
            town = next_sentence_town(self.gaz, st, si, doc, place)
            if town is not None:
                place, loc_conf = town, 0.5
        if etype == "PROTEST" and place is not None and (actor is None or actor.country is None):
            # ACLED's convention: protesters are "Protesters (<country where they protest>)"
            actor = Actor(actor.name if actor is not None else "protesters", place.country,
                          actor.sector if actor is not None else None, True)
        d, prec, dmax = self._date(st, si, doc, c)
        if extra.get("modality") == "future" and d is not None and st.published is not None and d < st.published \
                and _own_clause_date(doc, c, d, st):
            # "he will be stepping down … in November": a planned act lies ahead, so a date of its
            # own clause that the resolver put in the past (it reads dates as past, as news
            # mostly does) is not its date; the row is the announcement, dated by the report
            # ("On April 17, the governor said he would sign …" keeps the day it was said)
            d, prec, dmax = st.published, "unknown", None
        if prec in ("week", "month") and d is not None:
            d, prec, dmax = _elaborated_day(st, si, d, prec, dmax)
        q = qty.quantities(sent_text)
        killed = injured = None
        if etype in ("ASSAULT", "PROTEST", "COERCE") and not qty.non_violent(sent_text):
            killed, injured = q.killed, q.injured  # "flood kills 12": no killed count
        amount = q.amount_usd if etype in ("AID", "AGREE", "SANCTION", "COOPERATE", "REQUEST", "RETREAT") else None
        if q.amount is not None and q.currency != "USD" and etype in ("AID", "AGREE", "SANCTION", "COOPERATE"):
            extra["amount"] = q.amount
            extra["currency"] = q.currency
        personnel = q.personnel if etype in ("MOBILIZE", "AID", "AGREE", "RETREAT", "THREATEN") else None
        conf = sense.weight * 0.55 + 0.15 * (actor is not None and actor.country is not None) \
            + 0.15 * loc_conf + 0.1 * (prec != "unknown") + 0.05 * (modality is None)
        stance = _stance(c.head) if modality is None else None
        if stance is None and modality is None and (
                (etype == "ASSAULT" and _own_feat(c)) or _alleged_in_charges(c)):
            # "Pakistan's military said its air force shot down five jets"; "a DEA complaint said
            # Fahie had agreed to allow an informant …": one side's word, an allegation
            stance = "claimed"
        return Event(
            event_type=etype, evidence=sent_text.strip(), mode=mode,
            actor_name=actor.name if actor else None, actor_country=actor.country if actor else None,
            actor_sector=actor.sector if actor else None,
            target_name=target.name if target else None, target_country=target.country if target else None,
            target_sector=target.sector if target else None,
            location_name=place.name if place else None, admin1=place.admin1 if place else None,
            country=place.country if place else None,
            latitude=place.latitude if place else None, longitude=place.longitude if place else None,
            geonames_id=place.geonames_id if place else None,
            event_date=d, date_precision=prec, killed=killed, injured=injured,
            amount_usd=amount, personnel=personnel, confidence=round(min(1.0, max(0.05, conf)), 3),
            cameo_code=cameo_code(etype, mode), acled_event_type=acled_event_type(etype, mode),
            trigger=c.phrase.lower(), sentence_index=si, extractor_version=self.version,
            modality=extra.get("modality") or stance or "asserted",
            intended_type=extra.get("intended_type"),
            date_end=dmax if dmax is not None and dmax != d else None,
            currency=extra.get("currency"), amount=extra.get("amount"),
            geo_precision=geo_precision(place),
        )

    def _home_country(self, st: ArticleState, actor: Actor | None) -> Actor | None:
        """A political actor with no stated country takes the article's own country.

        News writes "the FBI", "Metropolitan Police", "Sen. Ernst", "Democrats" without naming
        the country; PLOVER coders fill it from the story. The article's country is the one
        whose national institutions it names at least three times, two thirds of them ("the
        Commerce Department", "the Biden administration" in a US story about China: its places
        are the topic, its institutions the home), else the one most of its resolved places lie
        in, when they agree (two thirds of them at least).
        "Georgia" read as a country in a story set in the US is the state: the actor is US."""
        if actor is None or actor.pronoun:
            return actor
        home = st.national_home or st.home_country
        if actor.country == "GEO" and home == "USA":
            return dataclasses.replace(actor, country="USA")
        if actor.country is None and home is not None:
            last = bare(actor.name.split()[-1]) if actor.name.split() else ""
            if last in RELATION_NOUNS:
                return actor  # "key US allies" are of other countries than the story's
            if actor.sector in DOMESTIC_SECTORS or (actor.sector is None and (
                    last in st.political or last in ORG_WORDS or actor.name.isupper())) or (
                    actor.sector in _CIVIL_SECTORS and last in ORG_WORDS):
                # (… and so is an organisation of business, faith, press or schools: "insurance
                # industry groups" in a California story are American)
                return dataclasses.replace(actor, country=home)
        return actor

    def _roles(self, st: ArticleState, c: Cand) -> tuple[Actor | None, Actor | None]:
        h = c.head
        actor_tok = target_tok = None
        # climb xcomp/conj chains to find the subject ("continued to advance", "X and then Y")
        v = h
        passive_conj = not c.nominal and h.dep_ == "conj" and any(x.dep_ == "auxpass" for x in h.children)
        for _ in range(4):
            subjs = [x for x in v.children if x.dep_ in ("nsubj", "csubj")] or [
                # "Justice Singh did, however, grant a stay": the parser may hang the subject on
                # the auxiliary
                x for a in v.children if a.dep_ == "aux" and a.i < v.i for x in a.children if x.dep_ == "nsubj"]
            # "TROY, N.C. (AP) — About 150 residents rallied": the parser may take the dateline's
            # city for a second subject; the subject after the dateline is the actor
            subj = next((x for x in subjs if st.sentence_start + x.idx >= st.dateline_end), None) \
                if st.dateline_end and len(subjs) > 1 else (subjs[0] if subjs else None)
            agent = next((x for x in v.children if x.dep_ == "agent"), None)
            pas = next((x for x in v.children if x.dep_ == "nsubjpass"), None)
            if agent is not None:
                actor_tok = next((x for x in agent.children if x.dep_ == "pobj"), None)
            if subj is not None and actor_tok is None and v is h and not c.nominal and v.tag_ == "VBN" \
                    and (v.lemma_.lower() in _CASUALTY_LEMMAS or (v.dep_ == "pcomp" and v.head.lower_ == "with")
                         or (v.lemma_.lower() in _DONE_TO and not any(x.dep_ in ("dobj", "ccomp", "xcomp")
                                                                       for x in v.children)
                             and any(x.dep_ == "prep" for x in v.children))) \
                    and not any(x.dep_ in ("aux", "auxpass") for x in v.children):
                # "… were killed and 30 others wounded", "Five killed in Kharkiv", "with ten members
                # already arrested", the headline's "Mark Meadows accused of timing retirement": a
                # participle without its auxiliary (and without an object) is a passive; its
                # subject is who it was done to
                if target_tok is None:
                    target_tok = subj
                break
            if subj is not None and actor_tok is None and v is h and not c.nominal \
                    and trg.fix_lemma(v.lemma_.lower(), v.text) in ("die", "perish"):
                # "At least seven people died in Kashmir from artillery exchanges": who died was
                # hit; whoever fired is not named here
                if target_tok is None:
                    target_tok = subj
                break
            if subj is not None and actor_tok is None and v is not h and passive_conj:
                # "She pleaded guilty … and was prosecuted in 2006": a passive conjunct's shared
                # subject is who the act was done to
                if target_tok is None:
                    target_tok = subj
                break
            if subj is not None and actor_tok is None:
                if _shelled_place(self.gaz, c, v, subj):  # "Yasinovataya shelled": the town is hit
                    if target_tok is None:
                        target_tok = subj
                    break
                actor_tok = subj
            if pas is not None and v is not h and agent is None and actor_tok is None and h.tag_ == "VBG":
                # "Sandberg was quoted attacking …", "was arrested after firing at …": the
                # passive's subject is the one who did the -ing act (subject control) …
                if pas.pos_ in ("PROPN", "PRON") or sector_of([pas.lemma_.lower()]) is not None \
                        or v.dep_ != "ccomp" or v.head.lemma_.lower() not in trg.REPORTING:
                    actor_tok = pas
                    break
                # … unless it is a thing, in a clause someone reports: "Hoxha reported that the
                # residence … was hit during the attack, denouncing it": the reporter denounces
                actor_tok = next((x for x in v.head.children if x.dep_ == "nsubj"), None)
                break
            if pas is not None and target_tok is None and not (c.nominal and pas == c.token):
                target_tok = pas
            if actor_tok is not None:
                break
            if v.dep_ == "advcl" and (pas is not None or any(x.dep_ == "mark" for x in v.children)):
                break  # "After TV channels were banned …, Khan gave speeches": a clause of its own,
                # whose unnamed agent is not the main clause's subject
            if v.dep_ in ("xcomp", "conj", "advcl") and v.head != v:
                v = v.head
                if v.dep_ == "acomp" and v.pos_ == "ADJ" and v.head != v:
                    v = v.head  # "Norway is willing to send …", "is prepared to lift": the copula's subject
            elif v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep":
                p, g = v.head, v.head.head
                obj = next((x for x in g.children if x.dep_ == "dobj"), None)
                if g.pos_ in ("VERB", "AUX") and p.lower_ in ("of", "for", "from") and obj is not None and (
                        obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
                    actor_tok = obj  # "thanked Russia for sending aid", "barred them from entering":
                    break  # the object does the -ing act
                if g.pos_ in ("VERB", "AUX") and p.lower_ in ("in", "by", "at", "for", "on", "from", "after", "before",
                                                             "while", "since", "without", "upon", "despite"):
                    # "joining Washington in cutting aid", "responded by shelling", "balking at
                    # committing"; an adjunct's -ing is the main subject's act too ("India has
                    # moved to punish Pakistan after accusing it", "fired tear gas before arresting")
                    v = g
                elif g.pos_ == "NOUN" and g.dep_ in ("dobj", "attr") and p.lower_ in ("for", "in") \
                        and g.head.pos_ in ("VERB", "AUX"):
                    v = g.head  # "claimed responsibility for shooting down", "play a role in easing"
                else:
                    break
            elif v.dep_ in ("relcl", "acl") and any(x.dep_ == "aux" and x.lower_ == "to" for x in v.children) \
                    and (v.head.dep_ == "dobj" or v.head.dep_ == "conj" and v.head.head.dep_ == "dobj"):
                # "China has the resolution and power to end the unrest", "Kyiv has the means to
                # strike back": who has the power to act is who would act
                noun = v.head if v.head.dep_ == "dobj" else v.head.head
                v = noun.head
            elif v.dep_ == "acl" and v.head != v:  # "towns recaptured by ..."
                break
            else:
                break
        if passive_conj and target_tok is None and actor_tok is not None:
            # "Police raided the house and were attacked by a crowd": the agent acted on the
            # shared subject
            target_tok = next((x for x in h.head.children if x.dep_ == "nsubj"), None)
        if c.judged is not None and target_tok is None:
            target_tok = c.judged  # "suggested that Washington … was focused on making false claims"
        if c.nominal and actor_tok is None:
            poss = next((x for x in c.token.children if x.dep_ in ("poss",)), None)
            if poss is not None:
                actor_tok = poss
        if target_tok is None:
            obj = next((x for x in h.children if x.dep_ in ("dobj", "dative")), None)
            if obj is not None and not (c.nominal and (obj == c.token or obj.lemma_.lower() in _SERIES_NOUNS)):
                target_tok = obj
            else:
                src = c.token if c.nominal else h
                for p in src.children:
                    if p.dep_ == "prep" and p.lower_ in ("with", "against", "on", "to", "at"):
                        pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
                        if pobj is not None:
                            target_tok = pobj
                            break
        if target_tok is None and c.sense.type == "ACCUSE" and c.sense.mode == "allege":
            # (the parser may hang the noun's clause on its light verb: "repeated his accusation that …")
            target_tok = (c.nominal and _accused_in_clause(c.token)) or _accused_in_clause(h)
        if target_tok is not None and (target_tok.ent_type_ in ("DATE", "TIME") or target_tok.lower_ in dates_mod.WEEKDAYS):
            target_tok = None  # "gathered Monday": a date is when, never whom
        # "the Association, which accused …", "a suggestion that was rejected by …": the antecedent
        actor_tok = _relative_head(actor_tok) if actor_tok is not None else None
        target_tok = _relative_head(target_tok) if target_tok is not None else None
        if actor_tok is None and not c.nominal and h.dep_ == "acl" and h.tag_ == "VBG" \
                and h.head.lemma_.lower() in _DOCUMENTS:
            # "The White House … in a brief urging Congress to pass …": a document's act is its
            # issuer's, the subject of the clause the document hangs from
            gov = h.head
            while gov.dep_ in ("pobj", "prep", "dobj", "appos") and gov.head != gov:
                gov = gov.head
            actor_tok = next((x for x in gov.children if x.dep_ == "nsubj"), None)
        if actor_tok is not None and st.dateline_end \
                and st.dateline_start <= st.sentence_start + actor_tok.idx < st.dateline_end:
            actor_tok = None  # "TROY, N.C. (AP) — …": the dateline's city is where, not who
        passive = any(x.dep_ == "auxpass" for x in h.children)
        if (c.nominal or c.sense.source == "classifier") and h.lemma_.lower() in _UNDERGO \
                and (actor_tok is not None or passive):
            # "He is now facing charges", "we have received an inquiry from the Attorney General",
            # "survived an assassination attempt", "That drew rebukes from Prime Minister Micheál
            # Martin": the subject undergoes the act; its source is the "from"/"by" phrase, if any
            if actor_tok is not None and (target_tok is None or target_tok == c.token):
                target_tok = actor_tok if actor_tok.lower_ not in ("that", "this", "it", "which") else None
            actor_tok = next((p for x in [*c.token.children, *h.children] if x.dep_ in ("prep", "agent")
                              and x.lower_ in ("from", "by") for p in x.children if p.dep_ == "pobj"), None) \
                or next((x for x in c.token.children if x.dep_ == "poss"), None)  # "met the Democrats' pleas"
        if actor_tok is not None and _thing(actor_tok):
            # "Indian missile strike … killed 13", "One of the missiles hit a mosque", "Riots
            # erupted", "Verified video footage revealed": an act, a weapon or a piece of evidence
            # is no one; its side, when a modifier names one, is the actor (below)
            thing = _of_head(actor_tok)
            actor_tok = None
            if thing.dep_ == "pobj" and thing.head.lower_ in ("during", "in") and thing.head.head.pos_ == "VERB" \
                    and trg.noun_sense(thing.lemma_.lower()) is not None:
                # "Russia used the Oreshnik during a mass attack … that killed two": who attacked
                subj = next((x for x in thing.head.head.children if x.dep_ == "nsubj"), None)
                side = actor_from(subj, self.gaz) if subj is not None and subj.pos_ != "PRON" else None
                if side is not None and (side.country or side.sector):
                    return self._finish_roles(st, c, h, side, target_tok, subj)
            if c.sense.type == "PROTEST" and trg.noun_sense(thing.lemma_.lower()) is not None:
                return self._finish_roles(st, c, h, actor_from_name("protesters"), target_tok)
            return self._finish_roles(st, c, h, None, target_tok, None, thing)
        return self._finish_roles(st, c, h, actor_from(actor_tok, self.gaz) if actor_tok is not None else None,
                                  target_tok, actor_tok)

    def _finish_roles(self, st: ArticleState, c: Cand, h: "Token", actor: Actor | None, target_tok: "Token | None",
                      actor_tok: "Token | None" = None, thing: "Token | None" = None
                      ) -> tuple[Actor | None, Actor | None]:
        """The actor and target as named: issuers, modifiers, pronouns and speakers resolved."""
        if actor is not None and actor_tok is not None and actor.country is None:
            actor = self._issuer(st, actor_tok) or actor
        if actor is None and (c.nominal or c.sense.type == "ASSAULT" or thing is not None):
            # "Russian missile attacks": the modifier names the side; so does the attack a
            # casualty verb reports ("… 30 others wounded in the Pakistani firing") and the
            # strike that is the subject ("Indian missile strike … killed 13")
            nouns = [thing] if thing is not None else [c.token] if c.nominal else [
                p for v in (h, h.head if h.dep_ == "conj" else h) for x in v.children
                if x.dep_ == "prep" and x.lower_ in ("in", "by", "during")
                for p in x.children if p.dep_ == "pobj" and _attack_noun(p)]
            mods = [y for n in nouns for x in n.children if x.dep_ in ("amod", "compound")
                    # "Hong Kong unrest", "Paris riots": unrest happens at a place; a place
                    # named before it is not a side, as "Russian strikes" is
                    and not (n.lemma_.lower() in _UNREST_NOUNS and x.ent_type_ in ("GPE", "LOC", "FAC"))
                    # ("international and Palestinian criticism": the conjoined modifier too)
                    for y in [x, *(z for z in x.children if z.dep_ == "conj" and z.i < n.i)]]
            for mtok in mods:
                a = actor_from(mtok, self.gaz)
                if a is not None and a.country:
                    name = mtok.doc[mtok.left_edge.i: mtok.i + 1].text  # ("Hong Kong", not "Kong")
                    actor = Actor(name, a.country, "MIL" if c.sense.type in ("ASSAULT", "MOBILIZE") else a.sector)
                    break
        target_tok = _past_header(target_tok)
        target = actor_from(target_tok, self.gaz) if target_tok is not None else None
        if target is not None and target.country is None and target_tok is not None:
            # "ruled out any dialogue with Russia": the party is in the object's complement
            for p in target_tok.children:
                if p.dep_ == "prep" and p.lower_ in ("with", "against", "on", "to", "from", "of"):
                    pobj = next((x for x in p.children if x.dep_ == "pobj"), None)
                    alt = actor_from(pobj, self.gaz) if pobj is not None else None
                    if alt is not None and alt.country:
                        target = alt
                        break
        if target is not None and target.country is None and target.sector is None and not target.pronoun:
            # a common noun with no side is no actor ("accused the plan"), unless it names a body
            # ("accused the principals association", "accused the state")
            if target_tok is not None and target_tok.ent_type_ == "" and target_tok.pos_ != "PROPN" \
                    and target_tok.lemma_.lower() not in _BODIES and not _of_named(target_tok):
                target = None
        if actor is not None and actor.pronoun:
            # "it said it would ...": the speaker; "After they regained ..., Ukrainian forces ...": the main subject
            spk = _speaker(h)
            alt = None
            if spk is not None and spk.pos_ != "PRON":
                alt = actor_from(spk, self.gaz)
            elif h.dep_ == "advcl":
                ms = next((x for x in h.head.children if x.dep_ == "nsubj" and x.pos_ != "PRON"), None)
                if ms is not None:
                    alt = actor_from(ms, self.gaz)
            if alt is not None:
                actor = alt
        if actor is None and placed_where_said(c.sense.type) and c.token.i in _quoted(c.token.doc):
            # "“Every person who voted … was compelled to speak out against …,” said Abdullah
            # Hammoud": what a quotation does (accuses, demands) is its speaker's act
            spk = _speaker(h)
            alt = self._spoken_by(st, spk) if spk is not None and spk.pos_ != "PRON" else None
            if alt is not None:
                actor = alt
        if actor is not None and actor.pronoun and actor.name.lower() in FIRST_PERSON and actor_tok is not None:
            # "“We pray for …,” said Press Secretary Stephanie Grisham. “We thank the Afghan
            # government …”": a first person inside a quotation is whoever the quotation is
            # attributed to, in the sentence that closes it or the one that opens it
            alt = self._quote_speaker(st, actor_tok)
            if alt is not None:
                actor = alt
        if actor is not None and actor.pronoun and actor_tok is not None:
            ante = self._antecedent(st, actor_tok)
            if ante is not None and (ante.country or ante.sector or bare((ante.name.split() or [""])[-1]) in st.political):
                actor = ante  # (a person with no political role the text gives: "he" is read as before)
        if actor is not None and not actor.pronoun and actor_tok is not None and actor_tok.pos_ in ("NOUN", "PROPN") \
                and not actor_tok.ent_type_:
            named = self._described(st, actor_tok)
            if named is not None and named.name.strip():
                actor = Actor(named.name, named.country or actor.country, named.sector or actor.sector, actor.plural)
                # (whom the text calls "an MP" is a political side, as the description was:
                # ``roles.is_political`` reads the article's political names)
                st.political = st.political | {bare(named.name.split()[-1])}
        if actor is None and ((c.sense.type == "COERCE" and c.sense.mode == "arrest") or (
                c.sense.type in _OFFICIAL_ACTS and any(x.dep_ == "auxpass" for x in h.children))):
            # "Three people have been arrested …, federal authorities announced", "Prosecutors
            # told reporters the decision to drop the inquiry had been taken": an arrest or a
            # legal step told with no one doing it is the act of the police, prosecutors or
            # government who announce it
            spk = _speaker(h)
            sa = actor_from(spk, self.gaz) if spk is not None and spk.pos_ != "PRON" \
                and spk.lemma_.lower() not in _COUNSEL else None
            if sa is not None and sa.sector in ("COP", "GOV", "JUD"):
                actor = sa
        actor = self._resolve_pronoun(st, actor)
        if actor is not None and actor.country is None:
            spk = _speaker(h)
            if spk is not None:
                sa = actor_from(spk, self.gaz)
                sa = self._resolve_pronoun(st, sa)
                if sa is not None and sa.country:
                    actor = Actor(actor.name, sa.country, actor.sector, actor.plural)
        if actor is not None and not actor.pronoun and actor.sector is not None:
            if actor.sector in ("MIL", "REB", "CVL", "UAF") or actor.plural:
                st.last_group = actor
            elif actor.sector is not None:
                st.last_person = actor
            if actor_tok is None or (actor_tok.ent_type_ != "PERSON" and actor_tok.lower_ not in ("he", "she")):
                st.last_thing = actor  # ("it" is never a person)
                st.last_thing_si = _sentence_index(st)
        return actor, target

    def _issuer(self, st: ArticleState, tok: "Token") -> Actor | None:
        """"The brief also accused …": a document named again with "the"/"its" acts for its
        issuer, the last one the article gave it before (``article.document_issuers``)."""
        noun = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or not any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "its", "their", "this")
                                         for d in tok.children):
            return None
        at = st.sentence_start + tok.idx
        named = [name for (off, doc_noun, name) in st.issuers if doc_noun == noun and off < at]
        if not named:
            return None
        # (a name the dictionaries do not know, "NPHET's letter", is still who wrote it; whether
        # it is a political side is judged with the row, ``roles.is_political``)
        return actor_from_name(named[-1], self.gaz)

    def _spoken_by(self, st: ArticleState, spk: "Token") -> Actor | None:
        """The side a speaker token names; a document stands for its issuer ("…,” the statement
        said": who issued it, ``_issuer``)."""
        a = actor_from(spk, self.gaz)
        if a is not None and a.country is None:
            a = self._issuer(st, spk) or a
        return a

    def _quote_speaker(self, st: ArticleState, tok: "Token") -> Actor | None:
        """Who says the quotation ``tok`` stands in: the reporting verb's subject after the
        quotation's closing mark ("…,” said U.S. Attorney Nealy Cox") or before its opening one
        ("Grisham said: “…"), within its paragraph; None when neither names anyone."""
        text = st.text
        pos = st.sentence_start + tok.idx
        para_start = text.rfind("\n", 0, pos) + 1
        para_end = text.find("\n", pos)
        para_end = len(text) if para_end < 0 else para_end
        # quotation marks of the paragraph: curly ones say which they are, a straight one toggles
        inside, opening, before = False, -1, -1
        for k in range(para_start, pos):
            ch = text[k]
            if ch == "“" or (ch == '"' and not inside):
                inside, opening = True, k
            elif ch == "”" or (ch == '"' and inside):
                inside, before = False, k
        if not inside:
            return None  # not inside a quotation
        closing = next((k for k in range(pos, para_end) if text[k] in '”"'), -1)
        # (``before``: the closing mark of the quotation before it in the paragraph, for one
        # that continues a quotation just attributed: "“…,” said Grisham. “We thank …”")
        for mark, after in ((closing, True), (opening, False), (before, True)):
            if mark < 0:
                continue
            j = article.sentence_of([s0 for s0, _ in st.sentences], mark)
            d = self._context_doc(st, j)
            rel = mark - st.sentences[j][0]
            for t in d:
                if t.lemma_.lower() not in trg.REPORTING or t.pos_ != "VERB" or (t.idx > rel) != after:
                    continue
                subj = next((x for x in t.children if x.dep_ == "nsubj" and x.pos_ != "PRON"
                             and (x.idx > rel) == after), None)
                if subj is not None:
                    return self._spoken_by(st, subj)
        return None

    def _context_doc(self, st: ArticleState, j: int) -> "Doc":
        """Sentence ``j`` of the article, parsed once, for a name beside the one being coded."""
        if j not in st.context_docs:
            s0, e0 = st.sentences[j]
            st.context_docs[j] = self.nlp(st.text[s0:e0])
        return st.context_docs[j]

    def _antecedent(self, st: ArticleState, tok: "Token") -> Actor | None:
        """Who "he" or "she", the act's subject outside a quotation, is: the person last named as
        a subject before it, in its own sentence or the two before ("On Tuesday, Ebrard presented
        data … He rejected the assertion"), a main clause's subject before a reported clause's
        ("Khan also alleged that Munir was behind …"). A subject pronoun continues the last
        subject (the centering rule of pronoun resolution, Grosz, Joshi and Weinstein 1995); a
        person named only as an object is not taken, nor one the pronoun's own clause names ("He
        also accused Munir" is not Munir: binding theory's principle C). None when no such person
        is near: the last political actor the article coded stands (``_resolve_pronoun``). Inside
        a quotation "he" is someone the speaker names, not the speaker; that is left unresolved."""
        if tok.lower_ not in ("he", "she") or tok.i in _quoted(tok.doc):
            return None
        later = {bare(t.lower_) for t in tok.doc[tok.i + 1:] if t.ent_type_ == "PERSON"}

        def last_subject(ents: Iterable, before: int | None = None) -> Actor | None:
            # the name itself is the subject, or stands beside it ("army chief Asim Munir")
            heads = [e.root if e.root.dep_ in ("nsubj", "nsubjpass") else e.root.head for e in ents
                     if e.label_ == "PERSON" and (before is None or e.end <= before)
                     and bare(e.root.lower_) not in later
                     and (e.root.dep_ in ("nsubj", "nsubjpass") or e.root.dep_ == "appos"
                          and e.root.head.dep_ in ("nsubj", "nsubjpass"))]
            main = [h for h in heads if h.head.dep_ == "ROOT" or (h.head.dep_ == "conj" and h.head.head.dep_ == "ROOT")]
            return actor_from((main or heads)[-1], self.gaz) if heads else None

        found = last_subject(tok.doc.ents, tok.i)
        si = _sentence_index(st)
        for j in (si - 1, si - 2):
            if found is not None or j < 0:
                break
            found = last_subject(self._context_doc(st, j).ents)
        return found

    def _described(self, st: ArticleState, tok: "Token") -> Actor | None:
        """The person a bare indefinite description of the actor stands for, named as the next
        sentence's subject: "An MP in Plymouth has slammed … Luke Pollard posted on X: …" (news
        names the speaker of a lede in the sentence after). None when the description names its
        own (a compound or apposition with a name) or the next sentence's subject is no person.
        ("The group" is not resolved backwards: the organisation last named is too often
        another, a court or a party the story mentions in passing.)"""
        det = next((x.lower_ for x in tok.children if x.dep_ == "det"), None)
        if det not in ("a", "an") or tok.lemma_.lower() not in _PERSON_ROLES:
            return None
        if any(x.dep_ in ("compound", "appos", "poss") and (x.pos_ == "PROPN" or x.ent_type_) for x in tok.children):
            return None
        si = _sentence_index(st)
        if si + 1 >= len(st.sentences):
            return None
        nxt = self._context_doc(st, si + 1)
        subj = next((t for t in nxt if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.ent_type_ == "PERSON"), None)
        return actor_from(subj, self.gaz) if subj is not None else None

    def _resolve_pronoun(self, st: ArticleState, a: Actor | None) -> Actor | None:
        if a is None or not a.pronoun:
            return a
        low = a.name.lower()
        ref = st.last_person if low in ("he", "she", "his", "her", "him") else \
            st.last_group if low in ("they", "we", "their", "our", "them") else st.last_thing
        if low in ("it", "its") and ref is not None and _sentence_index(st) - st.last_thing_si > 2:
            # "It called for abolishing federal student loans" in an essay: the body coded
            # paragraphs before is rarely what "it" means; left unresolved
            ref = None
        if ref is None:
            return Actor(a.name, None, None, pronoun=True)
        return Actor(ref.name, ref.country, ref.sector, ref.plural)

    def _date(self, st: ArticleState, si: int, doc: "Doc", c: Cand) -> tuple[date | None, str, date | None]:
        hits = [h for h in dates_mod.find_dates(doc.text, st.published, _anchor(st, si))
                if not h.names_event or _names_act(doc, h, c)]
        rel = offset_clause(c.head)
        if rel is not None and hits:
            # "said on Wednesday …, two days after fighters stormed the school": the act of the
            # "after" clause is dated from the main clause's date, N units before it
            n, unit, clause, main = rel
            own = {t.idx for t in clause.subtree}
            near = {t.idx for t in main.subtree if _same_clause(t, main)} - own
            base = [h for h in hits if any(t.idx in near for t in doc.char_span(h.start, h.end, alignment_mode="expand") or ())]
            if base:
                h = min(base, key=lambda h: abs(h.start - clause.idx))
                d0, _, prec = dates_mod.shift(h.date, n, unit)
                if prec == "day" and h.precision != "day":
                    prec = h.precision
                return d0, prec, None
        if hits:
            # the expression attached nearest in the tree: in the clause first, then the chain
            clause = {t.idx for t in c.head.subtree if _same_clause(t, c.head)}
            # "Speaking on the steps of Downing Street on Friday evening, Rishi Sunak said …": the
            # speaking participle's time is the statement's
            clause |= {t.idx for o in speaking_participles(c.head) for t in o.subtree}
            chain_idx: list[int] = []
            v = c.head
            for _ in range(6):
                if v.head == v:
                    break
                v = v.head
                chain_idx.extend(t.idx for t in v.children)

            def tok_at(h: dates_mod.DateHit) -> int | None:
                for t in doc:
                    if t.idx <= h.start < t.idx + len(t.text) + 1:
                        return t.idx
                return None

            def in_clause(h: dates_mod.DateHit) -> bool:
                span = doc.char_span(h.start, h.end, alignment_mode="expand")
                return span is not None and any(t.idx in clause for t in span)

            inside = [h for h in hits if in_clause(h)]
            pick = None
            if inside:
                pick = min(inside, key=lambda h: abs(h.start - c.token.idx))
            else:
                def attached(h: dates_mod.DateHit) -> bool:
                    span = doc.char_span(h.start, h.end, alignment_mode="expand")
                    if span is None:
                        return False
                    return any(t.idx in chain_idx or t.head.idx in chain_idx or t.head.head.idx in chain_idx for t in span)
                up = [h for h in hits if attached(h)]
                if up:
                    pick = min(up, key=lambda h: abs(h.start - c.token.idx))
                else:
                    # a date phrase the parser hung on a noun or participle inside the act's own
                    # phrases ("abducted by gunmen wearing uniforms … in August 2016"): no clause
                    # of another act (relative, adverbial, reported) lies between it and the act
                    low = [h for h in hits if _under_phrases(doc, h, c.head)]
                    if low:
                        pick = min(low, key=lambda h: abs(h.start - c.token.idx))
            if pick is None and (c.head.dep_ == "ROOT" or (c.head.dep_ == "conj" and c.head.head.dep_ == "ROOT")):
                # a sentence that opens on a day told relative to the story's last date ("The same
                # day, …", "Just hours after the court's decision was announced, Israel went
                # public …"): its main act is on that day, whatever clause the parser hung it on
                lead = [h for h in hits if h.relative_to_previous and h.start <= len(doc[0].text) + 1]
                if lead:
                    pick = lead[0]
            if pick is not None:
                return pick.date, pick.precision, pick.end_date
        if st.published is not None and not _past_perfect(c.head):
            return st.published, "unknown", None
        # "Washington and the Taliban had been holding talks": the past perfect tells an act
        # before the news; the publication date would date it wrongly
        return None, "unknown", None


_PHRASE_PATH = frozenset({"pobj", "prep", "acl", "amod", "dobj", "nsubj", "nsubjpass", "agent", "compound",
                          "npadvmod", "appos", "nmod", "det", "nummod", "poss"})


_ANAPHORIC_START = re.compile(r"^\W*(?:The|This|That|These|Those|It|They)\b")


# what "allow" or "permit" grants when it takes a noun: "allow the return of inspectors"
_PERMITTED = frozenset({"return", "entry", "passage", "delivery", "deliveries", "visit", "visits", "departure",
                        "participation", "release", "use", "evacuation", "resumption"})


# light verbs whose subject undergoes the act their object names
_UNDERGO = frozenset({"receive", "face", "survive", "suffer", "undergo", "endure", "draw", "attract", "earn", "meet"})
# what can fill a subject slot but never act: a weapon, a piece of evidence
_THINGS = frozenset("""missile missiles rocket rockets shell shells bomb bombs drone drones projectile projectiles
    bullet bullets grenade grenades mortar mortars artillery footage video videos image images photo photos
    evidence recording recordings""".split())


def _of_head(t: "Token") -> "Token":
    """"One of the missiles": the noun the quantifier stands for."""
    if t.lower_ in ("one", "some", "many", "most", "all", "several", "two", "three", "each", "none"):
        return next((p for x in t.children if x.dep_ == "prep" and x.lower_ == "of"
                     for p in x.children if p.dep_ == "pobj"), t)
    return t


def _thing(t: "Token") -> bool:
    """Is the subject an act, a weapon, evidence or a stretch of time ("the strike killed",
    "one of the missiles hit", "video footage revealed", "less than five months")?"""
    n = _of_head(t)
    if n.ent_type_ in ("DATE", "TIME"):
        return True
    if n.pos_ == "PROPN":
        return False  # a name acts ("the Oreshnik" is a name the parser cannot tell from a side's)
    lemma = n.lemma_.lower()
    return lemma in _THINGS or n.lower_ in _THINGS or (
        trg.noun_sense(lemma) is not None and lemma not in _AGENT_NOUNS and lemma not in _DOCUMENTS)


# event nouns that also name who acts ("the offensive", "the march" do not; "the delegation" does)
_AGENT_NOUNS = frozenset({"delegation", "mission", "coalition", "alliance", "opposition", "leadership", "command",
                          # a filing speaks for its filer as a document does ("The lawsuit claims …")
                          "indictment", "appeal", "request", "inquiry", "investigation", "probe", "hearing"})


# verbs that need an object: with none, and a preposition instead, a headline's bare participle is a
# passive ("Mark Meadows accused of timing retirement", "Man charged with murder", "Hong Kong
# threatened with Chinese military intervention")
_DONE_TO = frozenset({"accuse", "charge", "indict", "convict", "sentence", "arrest", "detain", "jail", "imprison",
                      "fine", "ban", "sue", "threaten", "expel", "deport", "sanction", "summon", "warn", "attack",
                      "target", "condemn", "criticise", "criticize", "blame", "urge"})

# legal and official steps an announcing authority takes itself (``_finish_roles``)
_OFFICIAL_ACTS = frozenset({"ACCUSE", "SANCTION", "CONCEDE", "RETREAT", "COERCE"})
# a party's lawyers speak for the accused, not for the court or the prosecution
_COUNSEL = frozenset({"lawyer", "lawyers", "attorney", "attorneys", "counsel", "solicitor", "barrister"})
_SELF = frozenset({"it", "its", "we", "our", "they", "their"})


def _reported(c: Cand) -> bool:
    """Is the act's verb the clause a reporting verb introduces ("said its air force shot down")?"""
    return not c.nominal and c.head.dep_ == "ccomp" and c.head.head.lemma_.lower() in trg.REPORTING


def _own_feat(c: Cand) -> bool:
    """Is the act a side's report of its own attack: the clause a reporting verb introduces has
    for its subject the speaker itself ("it", "its air force", "our forces")? One side's word
    alone (GUIDE.md: claimed when only one side says it)."""
    if not _reported(c):
        return False
    subj = next((x for x in c.head.children if x.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _SELF or any(
        x.dep_ == "poss" and x.lower_ in _SELF for x in subj.children))


# documents that charge someone: what they say happened is alleged
_CHARGING = frozenset({"complaint", "indictment", "lawsuit", "affidavit", "suit", "charge", "charges",
                       "prosecutor", "prosecutors", "prosecution"})


def _alleged_in_charges(c: Cand) -> bool:
    """Is the act told by a charging document or the prosecution ("the complaint said Fahie had
    agreed to …", "prosecutors said he shot …")? It is their allegation, not an established act."""
    if not _reported(c):
        return False
    h = c.head
    subj = next((x for x in h.head.children if x.dep_ == "nsubj"), None)
    # (the act of someone named, not the authority's own step: "prosecutors said the decision to
    # drop the inquiry had been taken")
    return subj is not None and subj.lemma_.lower() in _CHARGING and any(x.dep_ == "nsubj" for x in h.children)


def _own_clause_date(doc: "Doc", c: Cand, d: date, st: ArticleState) -> bool:
    """Is ``d`` the date of an expression inside the act's own clause (the subtree of the
    trigger's head, not the verb that announces it)?"""
    own = {t.idx for t in c.head.subtree}
    for h in dates_mod.find_dates(doc.text, st.published, _anchor(st, _sentence_index(st))):
        span = doc.char_span(h.start, h.end, alignment_mode="expand")
        if h.date == d and span is not None and all(t.idx in own for t in span):
            return True
    return False


def _names_act(doc: "Doc", h: "dates_mod.DateHit", c: Cand) -> bool:
    """Does the named-event date ``h`` ("the Feb. 14 shooting") date the candidate ``c``: its
    trigger is the event noun after the date or lies in that noun's phrase, or it is violence
    and the noun names violence ("the Feb. 14 shooting that left one dead and 22 others
    injured": its casualties)? Not another act the sentence tells ("tried to implicate
    Pakistan in the April 22 attack")."""
    noun = next((x for x in doc if x.idx >= h.end and not x.is_space), None)
    while noun is not None and noun.dep_ in ("compound", "amod") and noun.head.i > noun.i:
        noun = noun.head  # "the Oct. 7 terror attack"
    if noun is None:
        return False
    if c.token == noun or c.token in noun.subtree:
        return True
    sense = trg.noun_sense(noun.lemma_.lower())
    return c.sense.type == "ASSAULT" and sense is not None and sense.type == "ASSAULT"


def _past_header(t: "Token | None") -> "Token | None":
    """A police blotter's header word is no one: "ARRESTS – A male juvenile, 16, Taylorville, was
    arrested": the parser makes the capitalised header the subject and the person its
    appositive."""
    if t is None or not (t.text.isupper() and len(t.text) > 3 and t.pos_ in ("NOUN", "PROPN")):
        return t
    return next((x for x in t.children if x.dep_ in ("appos", "conj") and x.pos_ in ("NOUN", "PROPN")), t)


def _own_or_shared_args(t: "Token") -> list["Token"]:
    """``t``'s children, and for a passive conjunct with no subject of its own the subject of the
    verb it is coordinated with ("A video showing … was rescued by police was released Monday":
    the parser hangs "video" on "rescued" and "released" shares it)."""
    kids = list(t.children)
    if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in kids) and any(c.dep_ == "auxpass" for c in kids):
        kids += [c for c in t.head.children if c.dep_ == "nsubjpass"]
    return kids


def _question(t: "Token") -> bool:
    """Is this "ask" a question rather than a request: "asked the witness about concerns",
    "asked whether he supports …", "asking questions" (and not "asked them to", "asked for")?"""
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in t.children):
        return False
    after = max([t.i, *(o.right_edge.i for o in t.children if o.dep_ in ("dobj", "dative"))]) + 1
    if after < len(t.doc) and t.doc[after].lower_ in ("if", "whether"):
        return True  # "after being asked if the government would …" (the parser may hang "if" elsewhere)
    near = [*t.children, *(x for o in t.children if o.dep_ == "dobj" for x in o.children)]
    return any((c.dep_ == "prep" and c.lower_ == "about") or (c.dep_ == "dobj" and c.lemma_.lower() == "question")
               or (c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") or m.tag_ in ("WDT", "WP", "WRB")
                                             for m in c.children)) for c in near)


def _armed_subject(t: "Token") -> bool:
    """Is the clause's subject an armed force ("Burmese troops", "the rebels", "the Taliban"): a
    military, rebel or armed sector in the actor dictionaries, or a known armed group?"""
    subj = next((x for x in t.children if x.dep_ == "nsubj"), None)
    if subj is None:
        return False
    words = [subj.lemma_.lower(), subj.lower_]
    return sector_of(words) in ("MIL", "REB", "UAF") or armed_group([subj.lower_]) is not None


def _territory(o: "Token") -> bool:
    """Is the object a piece of ground: a town, a base, a named place, "part of a stronghold"?"""
    if o.lemma_.lower() in ("part", "parts", "most", "much", "half", "rest"):
        o = next((p for x in o.children if x.dep_ == "prep" and x.lower_ == "of"
                  for p in x.children if p.dep_ == "pobj"), o)
    return o.lemma_.lower() in trg.TERRITORY_NOUNS or o.ent_type_ in ("GPE", "LOC", "FAC")


def _past_perfect(v: "Token") -> bool:
    """Is the act's verb (or the verb it is coordinated with) in the past perfect ("had been
    holding talks", "had blocked")? Not in reported speech, whose past perfect is the shifted
    tense of a recent act ("Shoigu said the armed forces had recruited 200,000")."""
    if _speaker(v) is not None or (v.dep_ == "conj" and _speaker(v.head) is not None):
        return False
    for x in (v, v.head if v.dep_ == "conj" else v):
        if x.tag_ in ("VBN", "VBG") and any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("had", "'d")
                                              for a in x.children):
            return True
    return False


# nouns that count events ("a round of talks", "a wave of strikes", "a barrage of missiles")
_SERIES_NOUNS = frozenset({"round", "series", "wave", "barrage", "string", "spate", "flurry", "volley", "salvo",
                           "succession", "campaign", "burst"})


def _accused_in_clause(t: "Token") -> "Token | None":
    """The accused of an accusation whose content is a clause: "his accusation that the West was
    bent on weakening Russia", "alleged that Russia had shelled the plant": the clause's subject
    (PLOVER's ACCUSE target is whom the accusation is about)."""
    for cl in t.children:
        if cl.dep_ not in ("ccomp", "acl", "relcl") or cl.pos_ not in ("VERB", "AUX"):
            continue
        if cl.dep_ != "ccomp" and not any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children):
            continue  # "the accusation, which he repeated": a relative clause, not the content
        if any(x.tag_ in ("WP", "WDT") for x in cl.children):
            continue  # "condemns what he calls a cowardly act": a free relative, not a claim about "he"
        subj = next((x for x in cl.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in ("it", "there", "this", "that"):
            return subj
    return None


def _anchor(st: ArticleState, si: int) -> date | None:
    """The day "the same day", "hours after", "two days later" count from: the last date an
    earlier sentence names (``article.prepare``), unless that sentence reports a day-dated event,
    whose date stands instead. "Just hours after the court's decision, Israel went public with
    an allegation that … played some role in the attack on October 7. … Washington announced on
    the same day …": the same day as the allegation, not as the attack its sentence recalls."""
    last = next((j for j in range(si - 1, -1, -1) if st.sentence_dates.get(j)), None)
    if last is None:
        return st.anchor_before.get(si)
    told = [e.event_date for e in st.events if e.sentence_index == last and e.date_precision == "day"
            and e.event_date is not None]
    return told[-1] if told else st.anchor_before.get(si)


def _elaborated_day(st: ArticleState, si: int, d: date, prec: str, dmax: date | None
                    ) -> tuple[date, str, date | None]:
    """An act dated only to a week or month ("in early December, officials launched a campaign")
    whose next sentence takes it up again ("The PR effort was rolled out at the United Nations on
    December 4") and names one day inside that period: that day. Otherwise unchanged."""
    if si + 1 >= len(st.sentences):
        return d, prec, dmax
    s, e = st.sentences[si + 1]
    if not _ANAPHORIC_START.match(st.text[s:e]):
        return d, prec, dmax
    end = dmax or d
    days = [h.date for h in st.sentence_dates.get(si + 1, []) if h.precision == "day" and d <= h.date <= end]
    if len(set(days)) == 1:
        return days[0], "day", None
    return d, prec, dmax


def _under_phrases(doc: "Doc", h: dates_mod.DateHit, head: "Token") -> bool:
    """Does the date ``h`` hang from ``head`` through noun phrases, prepositions and participles
    only (no relative, adverbial or reported clause of another act in between)?"""
    span = doc.char_span(h.start, h.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    for _ in range(12):
        if t == head:
            return True
        if t.dep_ not in _PHRASE_PATH or t.head == t:
            return False
        t = t.head
    return False


def _with_mode(s: trg.Sense, key: str) -> trg.Sense:
    if s.mode is None and key in trg.VERB_MODES:
        return trg.Sense(s.type, trg.VERB_MODES[key], s.weight, s.source)
    return s













def _governing_trigger(c: Cand, cand_tokens: set[int]) -> int | None:
    """The index of another trigger that governs this one (through complements), if any."""
    x = c.head
    for _ in range(12):
        if x.head == x:
            return None
        dep = x.dep_
        x = x.head
        if dep == "conj":
            continue  # coordinated events stand on their own
        if x.i in cand_tokens and x.i != c.token.i and x.i != c.head.i:
            return x.i
    return None

