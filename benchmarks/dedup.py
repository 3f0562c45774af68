"""Near-duplicate detection: pairwise precision/recall on syndicated variants, and speed.

    python benchmarks/dedup.py [--sizes 10000,100000] [--batch 200] [--seed 4]

Quality: every gold article text of the Zyte benchmark (``zyte-aeb``, 181 real articles,
those of at least 80 words) gets three *syndicated variants*, each a random mix of what
republishers do: a new headline line, boilerplate paragraphs (newsletter plugs, "this story
was provided by…", copyright lines, an editor's note, "read more" links), a dropped
paragraph, two paragraphs swapped, small word edits (typographic quotes, "said" → "told",
dropped words). Each article and its variants should form one story; every other pair —
different articles, several on the same topic (deals, reviews, impeachment) — must not.
Pairs are scored after dedup assigns each document to a story (a document and the story
it copies): precision and recall over all pairs of the ~700 documents, for several
thresholds, in one shuffled order.

Speed: N synthetic documents (sentences of the gold texts shuffled into new ~25-sentence
articles, one in ten a syndicated variant of an earlier one) deduplicated the way the flow
does it: batches of ``--batch`` through a real DuckDB file (stored candidates looked up by
band key with one join, the batch's signatures stored in one Arrow batch). Reported: total
seconds, documents per second, and the in-memory part alone (signatures + matching).

Data is read in place from ``$EVENTWIRE_SHARED`` (default: ``../shared``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
ZYTE = SHARED / "corpus" / "extraction" / "zyte-aeb"

BOILERPLATE = [
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox.",
    "This story was provided by a wire service and edited for length.",
    "© 2024 The Daily Courier. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "Editor's note: an earlier version of this story misstated a figure. It has been corrected.",
    "Reporters in London and Washington contributed to this report.",
    "Read more: the stories our readers are talking about this week.",
    "Follow us on social media for the latest updates and breaking news alerts.",
    "Have a news tip? Contact our newsroom by email; we read every message.",
]
HEADLINE_WORDS = ("what", "we", "know", "about", "the", "latest", "report", "new", "why", "it",
                  "matters", "how", "this", "week", "explained", "update", "inside", "story")
EDITS = [(r"\bsaid\b", "told reporters"), (r"'", "’"), (r'"', "”"), (r"\bper cent\b", "percent"),
         (r"\bpercent\b", "per cent"), (r"\bU\.S\.", "US"), (r"\bMr\. ", "")]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def variant(text: str, rng: random.Random) -> str:
    """One syndicated copy: at least two of the republishers' habits, at random."""
    paras = paragraphs(text)
    ops = rng.sample(["headline", "boilerplate", "drop", "swap", "edits"], k=rng.randint(2, 4))
    if "drop" in ops and len(paras) > 3:
        paras.pop(rng.randrange(1, len(paras)))
    if "swap" in ops and len(paras) > 3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    if "edits" in ops:
        for _ in range(3):
            pat, rep = rng.choice(EDITS)
            i = rng.randrange(len(paras))
            paras[i] = re.sub(pat, rep, paras[i], count=2)
        i = rng.randrange(len(paras))
        words = paras[i].split()
        if len(words) > 8:
            del words[rng.randrange(len(words))]
            paras[i] = " ".join(words)
    if "boilerplate" in ops:
        for b in rng.sample(BOILERPLATE, k=rng.randint(1, 2)):
            paras.insert(rng.choice([len(paras), len(paras), 0, rng.randrange(len(paras) + 1)]), b)
    if "headline" in ops:
        paras.insert(0, " ".join(rng.sample(HEADLINE_WORDS, k=rng.randint(5, 9))).capitalize())
    return "\n".join(paras)


def gold_texts() -> list[str]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    return [v["articleBody"] for v in truth.values()]


# ---------------------------------------------------------------- quality

def quality(texts: list[str], seed: int, thresholds: list[float]) -> None:
    from ingest import neardup

    rng = random.Random(seed)
    originals = [t for t in texts if len(t.split()) >= 80]
    docs: list[tuple[int, str]] = []
    for i, t in enumerate(originals):
        docs.append((i, t))
        docs.extend((i, variant(t, rng)) for _ in range(3))
    rng.shuffle(docs)  # copies may arrive before their original
    origin = [o for o, _ in docs]
    ids = [f"d{n}" for n in range(len(docs))]
    t0 = time.perf_counter()
    sigs = neardup.signatures(t for _, t in docs)
    sig_s = time.perf_counter() - t0

    true_pairs = {(a, b) for a, b in combinations(range(len(docs)), 2) if origin[a] == origin[b]}
    n_pairs = len(docs) * (len(docs) - 1) // 2
    # the exact Jaccard of the shingle sets, for the record
    sets = [set(neardup.shingle_hashes(t).tolist()) for _, t in docs]
    jac = sorted(len(sets[a] & sets[b]) / len(sets[a] | sets[b]) for a, b in true_pairs)
    print(f"quality: {len(originals)} gold articles (≥ 80 words) + 3 variants each = {len(docs)} documents, "
          f"{len(true_pairs)} copy pairs of {n_pairs} pairs; signatures in {sig_s:.2f} s")
    print(f"  Jaccard of copy pairs (word 5-gram shingles): min {jac[0]:.2f}, 5th pct {jac[len(jac) // 20]:.2f}, "
          f"median {jac[len(jac) // 2]:.2f}")
    print(f"  {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6} {'stories':>8}")
    for th in thresholds:
        stories, _ = neardup.find_copies(ids, sigs, threshold=th)
        story = [s or i for s, i in zip(stories, ids)]
        pred = {(a, b) for a, b in combinations(range(len(docs)), 2) if story[a] == story[b]}
        tp = len(pred & true_pairs)
        p = tp / len(pred) if pred else 1.0
        r = tp / len(true_pairs)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {th:9.2f} {p:9.3f} {r:7.3f} {f1:6.3f} {len(set(story)):8d}")


# ---------------------------------------------------------------- speed

def synthetic(texts: list[str], n: int, seed: int) -> list[str]:
    """``n`` documents: shuffled sentences of the gold texts, one in ten a variant of an earlier one."""
    rng = random.Random(seed)
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.split()) >= 6]
    out: list[str] = []
    for i in range(n):
        if i > 10 and rng.random() < 0.1:
            out.append(variant(out[rng.randrange(len(out))], rng))
        else:
            k = rng.randint(15, 35)
            picked = rng.sample(sentences, k)
            out.append("\n".join(" ".join(picked[j:j + 3]) for j in range(0, k, 3)))
    return out


def speed(texts: list[str], n: int, batch: int, seed: int, use_index: bool = True) -> float:
    import pyarrow as pa

    from ingest import load, neardup

    docs = synthetic(texts, n, seed)
    words = sum(len(d.split()) for d in docs) / len(docs)
    with tempfile.TemporaryDirectory() as tmp:
        con = load.connect(Path(tmp) / "bench.duckdb")
        load.migrate(con)
        now = datetime.now(timezone.utc)
        t_dedup = t_mem = 0.0
        copies = 0
        index = load.BandIndex() if use_index else None
        per_k: list[float] = []  # seconds per 1000 documents, by tenth of the run
        for start in range(0, n, batch):
            ids = [f"doc{i:07d}" for i in range(start, min(start + batch, n))]
            chunk = docs[start:start + batch]
            t0 = time.perf_counter()
            sigs = neardup.signatures(chunk)
            t1 = time.perf_counter()
            stored = load.lookup_signatures(con, neardup.band_keys(sigs), index=index)
            t2 = time.perf_counter()
            stories, signed = neardup.find_copies(ids, sigs, stored=stored)
            t3 = time.perf_counter()
            load.store_signatures(con, signed, index=index)
            t4 = time.perf_counter()
            per_k.append((t4 - t0) * 1000 / len(ids))
            t_dedup += t4 - t0
            t_mem += (t1 - t0) + (t3 - t2)
            copies += sum(1 for s in stories if s)
            # the loader's part (not timed): articles rows, which stored candidates must have
            con.register("_b", pa.table({"article_id": ids}))
            con.execute("INSERT INTO articles (article_id, url, canonical_url, text, text_hash, word_count,"
                        " first_seen_at, run_id) SELECT article_id, article_id, article_id, '', '', 0, ?, 'bench'"
                        " FROM _b", [now])
            con.unregister("_b")
            if index is not None:
                index.confirm(ids)  # as the flow does once a batch is loaded
        con.close()
    tenth = max(1, len(per_k) // 10)
    first, last = statistics.median(per_k[:tenth]), statistics.median(per_k[-tenth:])
    print(f"  {n:>7} docs (mean {words:.0f} words, batches of {batch}, "
          f"{'run index' if use_index else 'join'}): {t_dedup:6.1f} s "
          f"({n / t_dedup:,.0f} docs/s; in memory {t_mem:.1f} s, DuckDB {t_dedup - t_mem:.1f} s), "
          f"{copies} copies found; median per 1000 docs: first tenth {first:.3f} s, last tenth {last:.3f} s "
          f"(ratio {last / first:.2f})")
    return t_dedup


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated document counts to time")
    ap.add_argument("--batch", type=int, default=200, help="documents per batch (the flow's batch size)")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--baseline", action="store_true",
                    help="also time the old lookup (one join over all stored band keys) at each size")
    args = ap.parse_args()
    if not ZYTE.exists():
        sys.exit(f"corpus not found at {ZYTE} (set EVENTWIRE_SHARED)")
    from ingest import neardup

    texts = gold_texts()
    print(f"near-dup parameters: {neardup.PARAMS}, default threshold {neardup.DEFAULT_THRESHOLD}")
    quality(texts, args.seed, [0.5, 0.6, 0.7, 0.8, 0.9])
    print("speed (signatures + LSH lookup + matching + storing, DuckDB file in a temporary folder):")
    for n in (int(x) for x in args.sizes.split(",") if x):
        t = speed(texts, n, args.batch, args.seed)
        if args.baseline:
            b = speed(texts, n, args.batch, args.seed, use_index=False)
            print(f"  {n:>7} docs: run index {t:.1f} s vs join {b:.1f} s (ratio {t / b:.2f}, same run)")


if __name__ == "__main__":
    main()
