"""Build the pool of sentences to annotate (``sentences.jsonl``), seeded and reproducible.

Sources (all under ``../shared/corpus``; licences in this folder's README):

- ``extraction/fundus-publishers``: every sentence of the gold bodies of 38 of its 84 news
  articles, drawn at random — sampled *whole*, so the sentences that report no event are represented
  as they occur in news;
- ``extraction/zyte-aeb``: every sentence of 25 randomly drawn articles (whole), plus up to
  500 sentences from the other articles that hold a trigger-word candidate (to give the rarer
  PLOVER types enough positives);
- ``events/ucdp-ukraine``: 500 distinct headlines of the *dev* years (≤ 2021);
- round 2: every sentence holding a trigger-word candidate in the other 46 fundus-publishers
  articles (so that cooperative and verbal-conflict types get enough positives);
- round 3: 1,000 random trigger-candidate sentences of the English pages of
  ``extraction/trafilatura-eval`` (news, blogs, government and company pages);
- round 4: up to 900 of the remaining zyte-aeb and trafilatura-eval candidates whose rule
  reading is a type that still had few positives (``RARE_TYPES``);
- round 6: the sentences of round 2's 46 fundus-publishers articles that hold no trigger-word
  candidate (``article-rest``), so that those articles are whole too. (Round 5, Talking Points
  Memo feed items, was annotated and left out: it lowered the dev figures.)
- round 7: up to 450 of the not yet drawn zyte-aeb and trafilatura-eval sentences that hold a
  construction issue 13 lists as missed (``CONSTRUCTIONS``: court rulings and penalties, demands,
  endorsements, investigations, votes, resignations, threats, criticism, cut aid or ties),
  ``sampling`` ``construction``.

Never used: the held-out news pages of the shared corpus (any of them: they carry the event
dev gold and the event holdout), the PLOVER GSR sentences (held out to measure type accuracy), the seed article, and
``shared/cases`` (checked from outside).

Usage: ``python -m ingest.events.training.pool [--corpus ../shared/corpus] [--out PATH]``
Output: one JSON object per line: ``{"id", "source", "doc", "sampling", "text"}`` where
``sampling`` is ``article`` (drawn with its whole article), ``candidate`` or ``headline``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

from ingest.events.sentences import split_sentences
from ingest.events import triggers as trg

SEED = 20261129
HERE = Path(__file__).resolve().parent


def _sentences(text: str) -> list[str]:
    out = []
    for s, e in split_sentences(text):
        t = re.sub(r"\s+", " ", text[s:e]).strip()
        if 3 <= len(t.split()) <= 80:
            out.append(t)
    return out


def build(corpus: Path) -> list[dict]:
    rng = random.Random(SEED)
    rows: list[dict] = []
    seen: set[str] = set()

    def add(source: str, doc: str, sampling: str, text: str) -> None:
        key = text.casefold()
        if key in seen:
            return
        seen.add(key)
        rows.append({"id": f"s{len(rows):05d}", "source": source, "doc": doc, "sampling": sampling,
                     "text": text})

    gold = json.loads((corpus / "extraction/fundus-publishers/gold.json").read_text())
    pubs = sorted(gold)
    rng.shuffle(pubs)
    for name in sorted(pubs[:38]):
        for t in _sentences(gold[name].get("body") or ""):
            add("fundus-publishers", name, "article", t)
    later = sorted(pubs[38:])

    zyte = json.loads((corpus / "extraction/zyte-aeb/ground-truth.json").read_text())
    names = sorted(zyte)
    rng.shuffle(names)
    whole, rest = names[:25], names[25:]
    for name in whole:
        for t in _sentences(zyte[name].get("articleBody") or ""):
            add("zyte-aeb", name, "article", t)
    cands = [(name, t) for name in rest for t in _sentences(zyte[name].get("articleBody") or "")
             if trg.has_candidate(t)]
    rng.shuffle(cands)
    for name, t in cands[:500]:
        add("zyte-aeb", name, "candidate", t)

    heads: list[tuple[str, str]] = []
    with open(corpus / "events/ucdp-ukraine/UCDP-Ukraine.utf8.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if int(r["year"]) > 2021:
                continue  # 2022-2023 is the UCDP holdout
            h = (r.get("source_headline") or "").strip()
            for part in h.split(";"):
                part = part.strip().strip('"')
                if 4 <= len(part.split()) <= 40:
                    heads.append((r["id"], part))
    heads = sorted(set(heads))
    rng.shuffle(heads)
    n = 0
    for doc, t in heads:
        if n >= 500:
            break
        before = len(rows)
        add("ucdp-ukraine", doc, "headline", t)
        n += len(rows) > before
    # round 2 (added after the first model was read against the dev gold: the first pool gave
    # the cooperative and verbal-conflict types too few positives): every trigger-candidate
    # sentence of the 46 fundus-publishers articles not drawn whole above
    for name in later:
        for t in _sentences(gold[name].get("body") or ""):
            if trg.has_candidate(t):
                add("fundus-publishers", name, "candidate", t)
    # round 3: trigger-candidate sentences of English pages of trafilatura's evaluation set
    # (news, blogs, government pages), text by trafilatura, language by py3langid
    rows3, rest3 = _trafilatura_eval(corpus, rng)
    for doc, t in rows3:
        add("trafilatura-eval", doc, "candidate", t)
    # round 4 (after the third model: the types below still had < 60 positives): sentences of
    # the not yet drawn zyte-aeb and trafilatura-eval candidates whose rule reading is one of
    # those types, so that the classifier sees them used and misused
    left = [("zyte-aeb", n, t) for n, t in cands[500:]] + [("trafilatura-eval", n, t) for n, t in rest3]
    for source, doc, t in _rare_readings(left, rng, seen):
        add(source, doc, "rare-type", t)
    # round 6 (after events-0.3.0 was read against the dev gold: of the missed events, the
    # statements in reported speech hold no trigger word — "calls these numbers deeply flawed",
    # "lashed out at" — and the classifier had seen few such sentences): the remaining sentences
    # of the 46 fundus-publishers articles of round 2, so that those articles are whole too
    for name in later:
        for t in _sentences(gold[name].get("body") or ""):
            add("fundus-publishers", name, "article-rest", t)
    # round 7 (after events-0.4.0: the classifier gave P(event) 0.06–0.20 to court rulings,
    # "called for" and praise, of which the pool held 0, 13 and 5): the not yet drawn zyte-aeb
    # and trafilatura-eval sentences that hold one of the constructions issue 13 lists as missed
    # (court rulings and penalties, demands, endorsements, investigations, votes, resignations,
    # threats, criticism, cuts of aid or ties), whatever their rule reading
    pool7 = [("zyte-aeb", n, t) for n in names for t in _sentences(zyte[n].get("articleBody") or "")]
    pool7 += [("trafilatura-eval", n, t) for n, t in rest3]
    for source, doc, t in _constructions(pool7, rng, seen):
        add(source, doc, "construction", t)
    return rows


# the constructions of round 7 (issue 13's list of missed kinds), as surface patterns
CONSTRUCTIONS = tuple(re.compile(rx, re.I) for rx in (
    r"\b(?:judge|court|justices?|jury|prosecutors?|indict\w*|subpoena\w*|motion|appeal\w*|sentenc\w*|"
    r"convict\w*|acquit\w*|verdict|ruled|ruling|fined?|plead\w*)\b",
    r"\bcall(?:s|ed|ing)?\s+(?:for|on)\b|\burg(?:e|es|ed|ing)\b|\bdemand\w*",
    r"\b(?:prais|endors|welcom|applaud|hail|commend)\w*",
    r"\b(?:resign\w*|step(?:s|ped)? down)\b",
    r"\b(?:investigat|probe|inquir|inspect)\w*",
    r"\b(?:vot(?:e|ed|es)|approv(?:e|ed|es))\b",
    r"\b(?:cut|suspend|halt|freez)\w* .{0,30}(?:aid|funding|ties|relations|exports)\b",
    r"\b(?:threat\w*|warn\w*)\b",
    r"\b(?:critici\w*|condemn\w*|denounc\w*|slam\w*|blast\w*|accus\w*|blam\w*)\b",
))


def _constructions(items: list[tuple[str, str, str]], rng: random.Random, seen: set[str], limit: int = 450
                   ) -> list[tuple[str, str, str]]:
    keep = [x for x in items if x[2].casefold() not in seen and any(rx.search(x[2]) for rx in CONSTRUCTIONS)]
    keep = sorted(set(keep))
    rng.shuffle(keep)
    return keep[:limit]


RARE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "PROTEST",
                        "SANCTION", "MOBILIZE", "REJECT", "THREATEN"})


def _rare_readings(items: list[tuple[str, str, str]], rng: random.Random, seen: set[str], limit: int = 900
                   ) -> list[tuple[str, str, str]]:
    from ingest.events.training import rule_coder

    items = [x for x in items if x[2].casefold() not in seen]
    nlp, coder = rule_coder()
    keep = []
    for (source, doc, t), parsed in zip(items, nlp.pipe([x[2] for x in items], batch_size=128)):
        if {e.event_type for e in coder.rule_candidates(t, parsed)} & RARE_TYPES:
            keep.append((source, doc, t))
    rng.shuffle(keep)
    return keep[:limit]


def _trafilatura_eval(corpus: Path, rng: random.Random, limit: int = 1000
                      ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    import gzip

    import trafilatura

    from ingest.extract import detect_language

    ev = json.loads((corpus / "extraction/trafilatura-eval/evaldata.json").read_text())
    files = sorted({v["file"] for v in ev.values()})
    out: list[tuple[str, str]] = []
    for name in files:
        path = corpus / "extraction/trafilatura-eval/html" / (name + ".gz")
        if not path.exists():
            continue
        try:
            text = trafilatura.extract(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")) or ""
        except Exception:  # odd pages: skip, this is sampling
            continue
        if len(text) < 400 or detect_language(text) != "en":
            continue
        out += [(name, t) for t in _sentences(text) if trg.has_candidate(t)]
    rng.shuffle(out)
    out, rest = out[:limit], out[limit:]
    order = {n: i for i, n in enumerate(files)}
    return sorted(out, key=lambda x: order[x[0]]), rest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parents[2].parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=HERE / "sentences.jsonl")
    a = ap.parse_args()
    rows = build(a.corpus)
    if a.out.exists():
        # the committed pool is the record the annotations point into (by id): rows already in
        # it keep their ids, new rows are appended after them. (The sentence splitter learnt
        # "N.C. (AP)" after round 1, so a from-scratch build now splits a few round-1 texts
        # differently; the frozen file is what was annotated.)
        old = [json.loads(line) for line in a.out.read_text(encoding="utf-8").splitlines() if line.strip()]
        have = {r["text"].casefold() for r in old}
        kinds = {(r["source"], r["sampling"]) for r in old}
        # only a new round's rows are new: an earlier round's sentence that the splitter now
        # cuts differently is the same sentence, already annotated in its frozen form
        fresh = [r for r in rows if r["text"].casefold() not in have and (r["source"], r["sampling"]) not in kinds]
        rows = old + [dict(r, id=f"s{len(old) + k:05d}") for k, r in enumerate(fresh)]
    with open(a.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    by = {}
    for r in rows:
        by[(r["source"], r["sampling"])] = by.get((r["source"], r["sampling"]), 0) + 1
    print(len(rows), "sentences", by)


if __name__ == "__main__":
    main()
