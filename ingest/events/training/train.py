"""``make train``: annotated sentences → ``ingest/events/data/sentence_model.npz`` + ``metrics.json``.

Steps (seeded, CPU, ~1 min):

1. read the pool (``sentences.jsonl``) and annotator A's labels (``annotations/*.jsonl``);
2. parse every sentence with the same spaCy pipeline the coder uses and compute
   ``ingest.events.classifier.sentence_features``;
3. split by *article* (all sentences of one article on the same side), 80 % train / 20 %
   test, seeded;
4. fit a multinomial logistic regression (scikit-learn, L2; C chosen by grouped 4-fold
   cross-validation on the training part only, by held-out log-loss: the coder reads the
   probabilities, so they are what is scored; macro-F1 and event F1 are reported beside it);
5. evaluate on the test part (never seen in fitting or in choosing C): per-type precision,
   recall, F1, and event/none precision and recall; then on the PLOVER GSR sentences (held
   out of training altogether): type accuracy (argmax over the 16 types) and the share the
   model calls NONE;
6. agreement: Cohen's kappa between annotator A and the independent annotator B
   (``second/*.jsonl``: 330 sentences of rounds 1–4, 100 of round 7) over the sentences both
   labelled, overall and per file;
7. write the model (trained on the training part, so the committed metrics describe the
   shipped file) and ``metrics.json`` beside it.

Requires the ``train`` extra (scikit-learn); run time needs only numpy.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from ingest.events.classifier import CLASSES, MODEL_PATH, rule_view, save, sentence_features  # noqa: E402

SEED = 20261129
# annotated rounds kept out of training: round 6 (``article-rest``, the trigger-less sentences of
# 46 fundus-publishers articles: 1,093 sentences, 43 events) lowered the news-gold dev figures
# (precision 0.628 → 0.568, recall 0.365 → 0.354) although the test part rose; kept annotated
# for a stronger model to use
LEFT_OUT = frozenset({"article-rest", "construction"})
MODEL_VERSION = "sentence-8"
GSR_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labels_a() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in sorted(glob.glob(str(HERE / "annotations" / "*.jsonl"))):
        for r in read_jsonl(Path(f)):
            out[r["id"]] = r
    return out


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def parse(texts: list[str]) -> list[list[str]]:
    """Features of each sentence, read alone: the parse and the rule coder's candidates."""
    from ingest.events.training import rule_coder

    nlp, coder = rule_coder()
    return [sentence_features(doc, rule_view(coder.rule_candidates(text, doc)))
            for text, doc in zip(texts, nlp.pipe(texts, batch_size=128))]


def vectorize(feats: list[list[str]], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in {vocab[f] for f in fs if f in vocab}:
            rows.append(i)
            cols.append(j)
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), len(vocab)))


EVENT_WEIGHT = 3.0
RARE_BOOST = 3.0
BOOST_REF = 200


def fit(X, y, C: float):
    """Events weigh ``EVENT_WEIGHT`` times a NONE sentence: the pool has ~4 NONE per event, and
    a missed event costs the user more than a NONE the event threshold then filters."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    y = np.asarray(y)
    counts = Counter(y.tolist())
    # rarer types weigh more (up to RARE_BOOST times), so a handful of PROTEST or AID
    # sentences are not drowned by hundreds of ASSAULT headlines
    boost = {c: min(RARE_BOOST, max(1.0, (BOOST_REF / n) ** 0.5)) for c, n in counts.items()}
    w = np.array([1.0 if c == "NONE" else EVENT_WEIGHT * boost[c] for c in y])
    m.fit(X, y, sample_weight=w)
    return m


def full_weights(m, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights for every class in CLASSES (classes absent from training get -inf-like bias)."""
    W = np.zeros((n_features, len(CLASSES)), dtype=np.float32)
    b = np.full(len(CLASSES), -20.0, dtype=np.float32)
    for k, c in enumerate(m.classes_):
        j = CLASSES.index(c)
        W[:, j] = m.coef_[k]
        b[j] = m.intercept_[k]
    return W, b


def per_type(gold: list[str], pred: list[str]) -> dict:
    out = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        pr = tp / (tp + fp) if tp + fp else None
        rc = tp / (tp + fn) if tp + fn else None
        f1 = 2 * pr * rc / (pr + rc) if pr and rc else (0.0 if (tp + fp) and (tp + fn) else None)
        out[c] = {"support": tp + fn, "predicted": tp + fp, "precision": _r(pr), "recall": _r(rc), "f1": _r(f1)}
    ev_tp = sum(g != "NONE" and p != "NONE" for g, p in zip(gold, pred))
    ev_fp = sum(g == "NONE" and p != "NONE" for g, p in zip(gold, pred))
    ev_fn = sum(g != "NONE" and p == "NONE" for g, p in zip(gold, pred))
    typed_tp = sum(g != "NONE" and g == p for g, p in zip(gold, pred))
    out["_event"] = {"precision": _r(ev_tp / (ev_tp + ev_fp) if ev_tp + ev_fp else None),
                     "recall": _r(ev_tp / (ev_tp + ev_fn) if ev_tp + ev_fn else None),
                     "typed_precision": _r(typed_tp / (ev_tp + ev_fp) if ev_tp + ev_fp else None),
                     "typed_recall": _r(typed_tp / (ev_tp + ev_fn) if ev_tp + ev_fn else None)}
    f1s = [v["f1"] or 0.0 for k, v in out.items() if k not in ("NONE", "_event") and v["support"]]
    out["_macro_f1_types"] = _r(sum(f1s) / len(f1s)) if f1s else None
    out["_accuracy"] = _r(sum(g == p for g, p in zip(gold, pred)) / len(gold))
    return out


def _r(x):
    return None if x is None else round(float(x), 3)


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the sentence event classifier (make train).")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    a = ap.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)

    pool = read_jsonl(HERE / "sentences.jsonl")
    la = labels_a()
    rows = [r for r in pool if r["id"] in la and r["sampling"] not in LEFT_OUT]
    missing = len(pool) - len(rows)
    if missing:
        print(f"warning: {missing} pool sentences have no label yet", file=sys.stderr)
    y_all = [la[r["id"]]["type"] for r in rows]
    print(f"{len(rows)} labelled sentences; parsing…", file=sys.stderr)
    feats = parse([r["text"] for r in rows])

    docs = sorted({r["doc"] for r in rows})
    rng = random.Random(SEED)
    rng.shuffle(docs)
    test_docs = set(docs[: len(docs) // 5])
    tr = [i for i, r in enumerate(rows) if r["doc"] not in test_docs]
    te = [i for i, r in enumerate(rows) if r["doc"] in test_docs]

    counts = Counter(f for i in tr for f in set(feats[i]))
    vocab_list = sorted(f for f, n in counts.items() if n >= 2)
    vocab = {f: i for i, f in enumerate(vocab_list)}
    X = vectorize(feats, vocab)
    y = np.array(y_all)

    # C by grouped CV on the training part
    tr_docs = sorted({rows[i]["doc"] for i in tr})
    rng.shuffle(tr_docs)
    fold_of = {d: k % 4 for k, d in enumerate(tr_docs)}
    best_c, best_s = None, -float("inf")
    cv = {}
    for C in (0.1, 0.3, 1.0, 3.0, 10.0):
        gold, pred = [], []
        nll = 0.0
        for k in range(4):
            fi = [i for i in tr if fold_of[rows[i]["doc"]] != k]
            vi = [i for i in tr if fold_of[rows[i]["doc"]] == k]
            m = fit(X[fi], y[fi], C)
            gold += list(y[vi])
            pred += list(m.predict(X[vi]))
            proba = m.predict_proba(X[vi])
            col = {c: j for j, c in enumerate(m.classes_)}
            nll -= float(sum(np.log(max(proba[r, col[y[i]]], 1e-9)) if y[i] in col else np.log(1e-9)
                             for r, i in enumerate(vi)))
        pt = per_type(gold, pred)
        ev = pt["_event"]
        ev_f1 = 2 * ev["precision"] * ev["recall"] / (ev["precision"] + ev["recall"]) if ev["precision"] and ev["recall"] else 0
        # the coder reads the probabilities (P(event) against a threshold, the types' shares),
        # so C is chosen by held-out log-loss, a proper score of them; the argmax F1s are reported
        s = -nll / len(gold)
        cv[str(C)] = {"macro_f1_types": pt["_macro_f1_types"], "event_f1": _r(ev_f1), "log_loss": _r(-s)}
        print(f"C={C}: macro-F1 {pt['_macro_f1_types']}, event F1 {ev_f1:.3f}, log-loss {-s:.4f}", file=sys.stderr)
        if s > best_s:
            best_c, best_s = C, s
    model = fit(X[tr], y[tr], best_c)
    W, b = full_weights(model, len(vocab_list))
    save(a.out, vocab_list, W, b, CLASSES, MODEL_VERSION, support=dict(Counter(y[tr].tolist())))

    from ingest.events.classifier import SentenceClassifier

    clf = SentenceClassifier.load(a.out)
    te_pred = [clf.predict_features(feats[i]).best for i in te]
    test = per_type([y_all[i] for i in te], te_pred)

    gsr = json.loads((a.corpus / "events/plover-gsr/PLOVER_GSR_CAMEO.json").read_text())
    gsr = [g for g in gsr if g.get("event") not in (None, "DOCUMENT") and g.get("text")]
    gsr_gold = [GSR_MAP.get(g["event"], g["event"]) for g in gsr]
    gsr_feats = parse([g["text"] for g in gsr])
    right = none = 0
    for g, fs in zip(gsr_gold, gsr_feats):
        p = clf.predict_features(fs)
        if p.best == "NONE":
            none += 1
        typed = max((c for c in CLASSES if c != "NONE"), key=p.prob)
        right += typed == g
    def agreement(pairs: list[tuple[str, str]]) -> dict:
        bins = [(str(x != "NONE"), str(y_ != "NONE")) for x, y_ in pairs]
        return {"sentences": len(pairs), "observed": _r(sum(x == y_ for x, y_ in pairs) / len(pairs)),
                "cohen_kappa_type": _r(kappa(pairs)), "cohen_kappa_event_vs_none": _r(kappa(bins))}

    pairs: list[tuple[str, str]] = []
    by_file = {}
    for path in sorted((HERE / "second").glob("*.jsonl")):  # second.jsonl (rounds 1–4), round7.jsonl
        b_labels = {r["id"]: r["type"] for r in read_jsonl(path)}
        file_pairs = [(la[i]["type"], t) for i, t in b_labels.items() if i in la]
        by_file[path.stem] = agreement(file_pairs)
        pairs += file_pairs
    metrics = {
        "model_version": MODEL_VERSION, "seed": SEED, "C": best_c, "cv_on_train": cv,
        "features": len(vocab_list),
        "data": {"labelled": len(rows), "train_sentences": len(tr), "test_sentences": len(te),
                 "train_articles": len(docs) - len(test_docs), "test_articles": len(test_docs),
                 "labels": dict(Counter(y_all).most_common()),
                 "sampling": dict(Counter(r["sampling"] for r in rows))},
        "test": test,
        "gsr_heldout": {"sentences": len(gsr), "type_accuracy": _r(right / len(gsr)),
                        "called_none": _r(none / len(gsr))},
        "agreement": dict(agreement(pairs), by_file=by_file),
    }
    out_metrics = a.out.with_name("sentence_model.metrics.json")
    out_metrics.write_text(json.dumps(metrics, indent=1) + "\n")
    size = a.out.stat().st_size
    print(json.dumps({k: metrics[k] for k in ("C", "features", "gsr_heldout", "agreement")}))
    print(f"test: event P {test['_event']['precision']} R {test['_event']['recall']}, "
          f"typed P {test['_event']['typed_precision']} R {test['_event']['typed_recall']}, "
          f"macro-F1 types {test['_macro_f1_types']}; model {size / 1024:.0f} KiB → {a.out}")


if __name__ == "__main__":
    main()
