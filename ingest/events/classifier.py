"""The sentence event classifier: does this sentence report a political event, and of which type?

A multinomial logistic regression over sparse binary features of one parsed sentence (17
classes: the 16 PLOVER types and ``NONE``). Trigger words from the lexicon are *features*
here, not the decision: the model learns when "shooting" is a firearm and when it is a
basketball statistic, when "recalled" is a SANCTION and when it is memory, from the
annotated sentences in ``ingest/events/training/`` (guide: ``GUIDE.md`` there).

Features (``sentence_features``), all strings, so the same function serves training and
run time:

- lower-cased lemmas of content words, and lemma bigrams;
- for each trigger-lexicon hit: its PLOVER type, its lemma, whether it is the root or in a
  main clause, its subject's entity type and whether a word of the subject is a political
  noun (``POLITICAL_HEADS``), negation/modal/future auxiliaries over it,
  and whether it sits inside quotation marks;
- the rule coder's candidate events for the sentence: type, type with modality, with the
  trigger word, and with the actor's sector (``rule_view``);
- sentence shape: entity labels present (GPE, NORP, ORG, PERSON, MONEY, CARDINAL, DATE), a
  question mark, an opening "If", first-person pronouns, length bucket.

The model file (``data/sentence_model.npz``) holds the feature vocabulary, the weight matrix
(float16) and the class names; ``make train`` writes it with ``metrics.json`` beside it.
Inference is a sparse dot product in numpy: no scikit-learn at run time, loads in ~50 ms.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from ingest.events import triggers as trg
from ingest.events.modality import aux_words
from ingest.events.syntax import quoted as _quoted

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_PATH = Path(__file__).resolve().parent / "data" / "sentence_model.npz"
CLASSES: tuple[str, ...] = ("NONE", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                            "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                            "COERCE", "ASSAULT")

# head nouns of subjects that are political actors by what they are (PLOVER's sectors:
# government, legislature, judiciary, police, military, parties, rebels, IGOs, civil society)
POLITICAL_HEADS = frozenset("""
government govt administration ministry minister ministers president presidents premier chancellor
parliament parliamentarian congress congressman congresswoman senate senator senators house lawmaker
lawmakers legislator legislators legislature assembly council committee commission official officials
authorities authority regime cabinet mayor governor governors spokesman spokeswoman spokesperson
court courts judge judges justice justices prosecutor prosecutors attorney jury tribunal
police officer officers cop cops sheriff trooper troopers army military troops soldier soldiers forces
force navy commander general militia militants militant rebels rebel insurgents fighters guerrillas
separatists jihadists terrorists gunmen attackers protesters protestors demonstrators activists
union unions party parties democrats republicans labour conservatives opposition candidate
agency department ambassador envoy diplomat diplomats embassy delegation un nato eu fbi cia
kremlin pentagon whitehouse state states country countries nation nations
""".split())

_MODAL = {"could", "might", "may", "should", "must", "can", "would", "will", "shall", "'ll", "wo"}
_NEG = {"not", "n't", "never", "no"}
FIRST_PERSON = {"i", "we", "my", "our", "me", "us"}
_STOP_POS = {"DET", "PUNCT", "SPACE", "CCONJ", "ADP", "PART", "SYM", "X", "NUM", "PRON", "AUX"}


def _trigger_type(t: "Token") -> str | None:
    lemma = t.lemma_.lower()
    if t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBN", "VBD", "VBG"):
        s = trg.verb_sense(lemma)
    elif t.pos_ in ("NOUN",):
        s = trg.noun_sense(lemma)
    else:
        s = None
    return s.type if s is not None else None




def rule_view(events: Iterable[Any]) -> list[tuple[str, str, str, str]]:
    """What the classifier reads of the rule coder's candidate events: (type, modality, the
    trigger's first word, the source actor's sector or "named"/"none")."""
    return [(e.event_type, e.modality, (e.trigger or "").split()[0] if e.trigger else "",
             e.actor_sector or ("named" if e.actor_name else "none")) for e in events]


def sentence_features(doc: "Doc", rule_events: Sequence[tuple[str, str, str, str]] = ()) -> list[str]:
    """The feature strings of one parsed sentence (see the module docstring).

    ``rule_events`` are the rule coder's candidates for the sentence (``rule_view``): the
    model learns how far to trust each kind of trigger reading, by trigger word and by who
    its actor is."""
    f: list[str] = []
    for typ, modality, trigger, sector in rule_events:
        f += [f"R={typ}", f"Rm={typ}_{modality}", f"Rt={typ}_{trigger.lower()}", f"Ra={typ}_{sector}",
              f"Rs={sector}"]
    if not rule_events:
        f.append("R=none")
    lemmas = [t.lemma_.lower() for t in doc if t.pos_ not in _STOP_POS and not t.is_space and len(t.text) > 1]
    f += [f"w={w}" for w in lemmas]
    f += [f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:])]
    ents = {e.label_ for e in doc.ents}
    f += [f"ent={e}" for e in ents]
    text = doc.text.strip()
    if text.endswith("?"):
        f.append("shape=question")
    if text.lower().startswith(("if ", "whether ")):
        f.append("shape=if")
    if any(t.lower_ in FIRST_PERSON for t in doc):
        f.append("shape=first_person")
    n = len(doc)
    f.append("len=" + ("s" if n < 8 else "m" if n < 25 else "l" if n < 45 else "xl"))
    quoted = _quoted(doc)
    if quoted:
        f.append("shape=quote")
    for t in doc:
        typ = _trigger_type(t)
        if typ is None:
            continue
        lemma = t.lemma_.lower()
        f += [f"T={typ}", f"TL={lemma}"]
        if t.i in quoted:
            f.append(f"Tq={typ}")
        if t.dep_ == "ROOT":
            f.append(f"Troot={typ}")
        elif t.dep_ in ("relcl", "acl", "amod", "compound", "pobj"):
            f.append(f"Tsub={typ}")
        aux = aux_words(t)
        if aux & _NEG:
            f.append(f"Tneg={typ}")
        mod = aux & _MODAL
        for m in mod:
            f.append(f"Tmod={m}")
        if t.head != t and t.head.lemma_.lower() in trg.REPORTING:
            f.append(f"Trep={typ}")
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            f.append(f"Tsubj={typ}_{subj.ent_type_ or subj.pos_}")
            words = {x.lower_ for x in subj.subtree} | {subj.lemma_.lower()}
            if words & POLITICAL_HEADS:
                f.append(f"Tpol={typ}")
                f.append("pol_subj")
        obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is not None:
            f.append(f"Tobj={typ}_{obj.lemma_.lower()}")
    return f


@dataclass(frozen=True)
class Prediction:
    """Class probabilities of one sentence: ``best`` is the argmax, ``p`` its probability."""

    best: str
    p: float
    probs: dict[str, float]

    def prob(self, cls: str) -> float:
        return self.probs.get(cls, 0.0)


class SentenceClassifier:
    """The shipped model: ``predict(docs)`` → one ``Prediction`` per parsed sentence.

    Raises ``FileNotFoundError`` when the model file is missing (run ``make train``).
    """

    def __init__(self, vocab: dict[str, int], weights: np.ndarray, bias: np.ndarray, classes: Sequence[str],
                 version: str, support: dict[str, int] | None = None) -> None:
        self.vocab = vocab
        self.support = dict(support or {})  # training sentences per class: how far to trust a type
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.classes = tuple(classes)
        self.version = version

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "SentenceClassifier":
        return _load(str(path))

    def scores(self, features: Iterable[str]) -> np.ndarray:
        idx = sorted({self.vocab[x] for x in features if x in self.vocab})
        z = self.bias.copy()
        if idx:
            z += self.weights[idx].sum(axis=0)
        z -= z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict_features(self, features: Iterable[str]) -> Prediction:
        p = self.scores(features)
        k = int(p.argmax())
        return Prediction(self.classes[k], float(p[k]), {c: float(v) for c, v in zip(self.classes, p)})

    def predict(self, docs: Iterable["Doc"], rule_events: Iterable[Sequence[tuple[str, str, str, str]]] = ()
                ) -> list[Prediction]:
        """Predictions for parsed sentences; ``rule_events`` gives each sentence's ``rule_view``
        (the model was trained with them: leave it out only for sentences with no candidate)."""
        rules = list(rule_events)
        return [self.predict_features(sentence_features(d, rules[i] if i < len(rules) else ()))
                for i, d in enumerate(docs)]


@functools.lru_cache(maxsize=2)
def _load(path: str) -> SentenceClassifier:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        return SentenceClassifier(
            vocab={w: i for i, w in enumerate(meta["features"])}, weights=z["weights"], bias=z["bias"],
            classes=meta["classes"], version=meta["version"], support=meta.get("support"))


def save(path: Path, features: Sequence[str], weights: np.ndarray, bias: np.ndarray, classes: Sequence[str],
         version: str, support: dict[str, int] | None = None) -> None:
    """Write the model file (float16 weights: the probabilities move by < 1e-3)."""
    meta = json.dumps({"features": list(features), "classes": list(classes), "version": version,
                       "support": support or {}})
    np.savez_compressed(path, weights=weights.astype(np.float16), bias=bias.astype(np.float32),
                        meta=np.array(meta))
