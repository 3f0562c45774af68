"""Modality: did the text assert the act, or plan, claim, deny, suppose or negate it?

Read off the trigger's clause in the dependency parse (``modality``): negation (not, never,
"no attack"), modal auxiliaries (could/might/may → hypothetical; must/should under a
reporting verb → an obligation, coded REQUEST by the speaker), future (will/would/"going to",
and intent governors: "plans to", "is ready to"), and the governors above the clause (purpose
"to avoid", "if", "unless", "whether", "until", hypothetical governors such as "expected to",
nouns of ideas and plans: "the idea of … sending troops", "a plan to", and a conditional verb
the act hangs from: "who would publish a letter … belittling").
``stance`` adds ``claimed`` ("claimed that …", "their claim that …", "the allegation that …")
and ``denied`` ("denied that …");
``FALSE_REPORT`` marks a sentence whose report "turned out to be false".

Sources: PLOVER's rules for future and negated acts (a pledge of a cooperative act is AGREE, a
threat of a conflict act THREATEN, a refused cooperation REJECT), and the news-gold
annotation conventions (predictions, hypotheticals and negated acts are not events).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ingest.events import triggers as trg

if TYPE_CHECKING:
    from spacy.tokens import Token

_NEG = {"not", "n't", "never", "no", "neither", "nor", "without"}
_HYPO_AUX = {"could", "might", "may", "should", "must", "ought", "can"}
_FUT_AUX = {"will", "would", "shall", "'ll", "wo"}
_PROTEST_VERBS = frozenset({"protest", "demonstrate", "rally", "march", "picket", "boycott"})


def speaker(h: "Token") -> "Token | None":
    """The subject of the reporting verb this clause hangs from ("Shoigu said [...]"), or the
    source its main clause is told "according to" ("According to federal prosecutors, the
    ministry has violated …")."""
    x = h
    for _ in range(6):
        if x.head == x:
            break
        dep = x.dep_
        x = x.head
        if dep in ("ccomp", "xcomp", "advcl", "conj", "parataxis") and x.lemma_.lower() in trg.REPORTING:
            return next((c for c in x.children if c.dep_ in ("nsubj",)), None)
    if x.head == x:
        acc = next((c for c in x.children if c.dep_ == "prep" and c.lower_ == "according"), None)
        to = next((c for c in acc.children if c.lower_ == "to"), None) if acc is not None else None
        if to is not None:
            return next((c for c in to.children if c.dep_ == "pobj"), None)
    return None


def word(t: "Token") -> str:
    """``t`` lower-cased with a typographic apostrophe made plain: news sets "doesn’t", "they’ll"
    with U+2019, which spaCy splits like "n't" and "'ll" but keeps in ``lower_``."""
    return t.lower_.replace("\u2019", "'")


def aux_words(t: "Token") -> set[str]:
    return {word(c) for c in t.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")}


def shared_aux(t: "Token") -> set[str]:
    """The auxiliaries and negation a verb shares with the verb it is coordinated with: "would
    not repeat the mistake and allow the West to drag it" — "allow" is as negated and as
    conditional as "repeat". Not across "but" ("did not arrest him but released him"), and not
    when the conjunct has auxiliaries of its own."""
    if t.dep_ != "conj" or t.head.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("aux", "auxpass", "neg", "nsubj", "nsubjpass") for c in t.children):
        return set()
    if any(c.dep_ == "cc" and c.lower_ not in ("and", "or", "nor") for c in t.head.children):
        return set()
    return {word(c) for c in t.head.children if c.dep_ in ("aux", "neg")}


def modality(c: Any) -> str | None:
    """negated / hypothetical / future / obligation / None, read off the trigger's clause."""
    t = c.head
    words = aux_words(t) | shared_aux(t) | ({word(x) for x in c.token.children if x.dep_ in ("neg", "det")} if c.nominal else set())
    mark = {x.lower_ for x in t.children if x.dep_ in ("mark", "prep")}
    if mark & {"if", "unless", "whether"}:
        return "hypothetical"  # "if no deal is reached": a condition, neither an act nor a refusal
    if "whenever" in mark | words or any(
            ch.dep_ == "advcl" and any(m.lower_ == "whenever" and m.dep_ in ("mark", "advmod") for m in ch.children)
            for ch in t.children):
        # "whenever residents attempt to protest …, police officers are deployed": what happens
        # each time is a habit (GUIDE.md: habitual statements are no events), not one act
        return "hypothetical"
    if "that" in mark and not c.nominal and any(
            x.dep_ in ("aux", "auxpass") and x.lower_ == "be" and x.tag_ == "VB" for x in t.children) \
            and not words & (_FUT_AUX | {"could", "might", "may", "can", "must", "should", "would", "to"}):
        # "demands that Muslims be banned …, that insurrectionists be released": the mandative
        # subjunctive asks for an act; it does not report one
        return "hypothetical"
    if c.nominal and any(x.dep_ == "det" and x.lower_ == "no" for x in c.token.children):
        return "negated"
    if words & _NEG and words & {"might", "may"}:
        return "hypothetical"  # "concessions they might not otherwise have agreed to": no refusal
    if words & _NEG and words & {"must", "should", "ought"}:
        # "we should not allow food … into the UK": a demand (by the speaker) or a precept, not a
        # refusal that happened
        return "obligation" if speaker(t) is not None else "hypothetical"
    if words & {"would", "could", "should", "might", "may", "must"} and "have" in words and t.tag_ == "VBN":
        return "hypothetical"  # "would have allowed the restrictions": a counterfactual
    if words & _NEG or (t.dep_ == "pcomp" and t.head.lower_ == "without"):
        return "negated"  # ("put forward tax cuts without consulting the OBR": not consulted)
    # "No pregnant woman died", "Nobody was hurt", "none were arrested": a negated subject
    for ch in t.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and (ch.lower_ in ("nobody", "none", "nothing") or any(
                (d.dep_ == "det" and d.lower_ == "no") or (d.dep_ == "preconj" and d.lower_ == "neither")
                for d in ch.children)):
            return "negated"  # "No pregnant woman died", "Neither the House nor the Senate provided"
    if words & {"could", "might", "may", "can", "ought"}:
        return "hypothetical"
    if words & {"must", "should"}:
        return "obligation" if speaker(t) is not None else "hypothetical"
    if "would" in words and mark & {"before", "until"}:
        return "hypothetical"  # "before the administration would agree": the agreement is a condition
    if words & _FUT_AUX or {"going", "gon"} & words:
        # "will be launched" is a future act, unless what governs it makes it a wish or a guess:
        # "she hopes such an investigation will be launched", "expects that troops will withdraw"
        return "hypothetical" if _governed(c, t) == "hypothetical" else "future"
    # "before being sent": not yet happened
    if t.dep_ == "pcomp" and t.head.lower_ == "before" or "before" in mark and t.tag_ == "VBG":
        return "hypothetical"
    if "until" in mark and t.tag_ in ("VBZ", "VBP", "VB"):
        return "hypothetical"  # "until the government lifts it": not (yet) happened ("until police
        # dispersed them" did)
    # "is going to attack": the progressive of go with a to-infinitive is a future
    if t.dep_ == "xcomp" and t.head.lower_ == "going" and any(ch.lower_ == "to" for ch in t.children):
        return "future"
    return _governed(c, t)


def _lemma(t: "Token") -> str:
    """``t``'s lemma, or the governor word its inflection spells when the lemmatizer
    misreads it ("hopes" → "hop", the model's rule lemmatizer taking it for a noun plural)."""
    lemma = t.lemma_.lower()
    if lemma in _GOVERNORS:
        return lemma
    low = t.lower_
    stems = (low[:-1], low[:-2], low[:-3] + "e") if low.endswith(("s", "d", "ing")) else ()
    return next((stem for stem in stems if stem in _GOVERNORS), lemma)


_GOVERNORS = frozenset(trg.HYPOTHETICAL_GOVERNORS | trg.INTENT_GOVERNORS | trg.REPORTING)


def _governed(c: Any, t: "Token") -> str | None:
    """The modality the words governing ``t`` give it ("hoped to", "refused to", "a plan to"):
    the walk up the complement chain of ``modality``."""
    x = t
    for _ in range(6):
        if x.head == x:
            break
        dep = x.dep_
        gov = x.head
        gl = _lemma(gov)
        gw = aux_words(gov)
        if dep in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "conj", "relcl", "aux"):
            if dep in ("xcomp", "ccomp", "pcomp") and gl in trg.REPORTING and gw & _NEG:
                # "couldn't recall ever meeting her", "did not say that troops attacked": nothing
                # is told as having happened, nor refused
                return "hypothetical"
            if dep in ("advcl", "acl") and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in x.children) \
                    and gl not in trg.ASPECTUAL and gl not in trg.INTENT_GOVERNORS:
                if not (x is t and not c.nominal and t.lemma_.lower() in _PROTEST_VERBS and dep == "advcl"
                        and gov.pos_ == "VERB"):
                    return "hypothetical"  # purpose: "to avoid", "an advantage to continue"
                # "shunned work to protest at …": the act done is the protest (its governors
                # still count: "were expected to stay home to protest")
                x = gov
                continue
            if gl in trg.HYPOTHETICAL_GOVERNORS or gl in ("avoid", "prevent", "refrain", "threaten", "fail") \
                    and gl not in trg.VERBS:
                return "hypothetical"
            if gl in ("avoid", "refrain"):
                return "hypothetical"
            if dep in ("xcomp", "ccomp") and gl in trg.INTENT_GOVERNORS:
                return "future"
            if dep == "xcomp" and gl in trg.ATTEMPT_GOVERNORS and c.sense.type in trg.COOPERATIVE:
                return "hypothetical"  # "working to ease the violence": not (yet) eased
            if dep in ("xcomp",) and (gw & _NEG or (gl == "fail" and c.sense.type not in trg.CONFLICT)):
                return "negated"  # "did not agree to", "fails to offer real change" (but "failed to
                # capture the town" tells of an assault that happened)
            if dep in ("xcomp",) and (gw & {"could", "might", "may"} or (gl == "have" and "would" in gw)):
                return "hypothetical"  # ("would have to collaborate": a condition, not a pledge)
            if dep in ("xcomp",) and gw & _FUT_AUX:
                return "future"
            if gov.pos_ == "NOUN" and dep in ("acl", "prep", "pcomp") and gl in trg.HYPOTHETICAL_NOUNS:
                return "hypothetical"  # "the idea of … sending troops", "the prospect of sanctions"
            if gov.pos_ == "NOUN" and dep in ("acl", "prep", "pcomp") and gl in trg.INTENT_NOUNS:
                return "future"  # "a plan to send troops"
            if dep in ("dobj", "acl", "relcl", "pobj", "prep") and gov.pos_ in ("VERB", "AUX") \
                    and gw & {"could", "might", "may", "would"}:
                return "hypothetical"  # "men who would publish a letter … belittling her piece"
            if gl in trg.REPORTING or gl in trg.VERBS or gl in trg.LIGHT_VERBS:
                break
        x = gov
    return None


FALSE_REPORT = re.compile(r"\b(?:turn(?:ed|s)?\s+out\s+to\s+be|prove[dn]?(?:\s+to\s+be)?|(?:was|were)\s+(?:later\s+)?"
                           r"(?:shown|found)\s+to\s+be)\s+(?:false|untrue|baseless|unfounded|fabricated|fake|wrong)\b",
                           re.I)
# governors that make the act under them a claim or a denial, not an assertion
_CLAIM_GOVERNORS = frozenset({"claim", "allege", "purport", "allegation", "assertion", "rumor", "rumour"})
_DENY_GOVERNORS = frozenset({"deny", "dispute", "refute", "dismiss"})


def stance(t: "Token") -> str | None:
    """``claimed`` / ``denied`` when the act hangs under "claimed that" / "denied that"."""
    x = t
    if x.dep_ in ("nsubj", "nsubjpass", "dobj") and x.head != x:
        x = x.head  # "… that 30 bodies were discovered": the clause the word is an argument of
    for _ in range(4):
        if x.head == x:
            return None
        dep, x = x.dep_, x.head
        lemma = x.lemma_.lower()
        if dep in ("ccomp", "xcomp", "pcomp", "pobj", "dobj") and lemma in _DENY_GOVERNORS:
            return "denied"
        if dep in ("ccomp",) and lemma in _CLAIM_GOVERNORS:
            return "claimed"
        if dep in ("acl",) and x.pos_ == "NOUN" and lemma in _CLAIM_GOVERNORS:
            return "claimed"  # "their claim that 30 bodies were discovered", "the allegation that …"
        if dep == "prep" and lemma == "responsibility" and x.head.lemma_.lower() in ("claim", "accept", "take"):
            return "claimed"  # "the Taliban claimed responsibility for shooting down the helicopter"
        if dep not in ("ccomp", "xcomp", "pcomp", "pobj", "prep", "aux"):
            return None
    return None
