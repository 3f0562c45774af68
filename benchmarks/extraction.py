"""Extraction quality and speed: eventwire vs plain trafilatura (and newspaper4k / news-please
when installed), on the Zyte article-extraction benchmark, the fundus-publishers news pages
(metadata and body), then the news holdout.

    python benchmarks/extraction.py [--repeats N] [--no-holdout] [--only zyte|fundus|holdout]

fundus-publishers (84 English news pages, 59 publishers; dev data) is scored by the corpus'
own ``score.py`` (title exact, same-day date, timestamp within 60 s, all authors found, body
F1 on word 4-grams), eventwire as ``eventwire extract`` runs it on a saved page (the page's
file URL, the page's own canonical link) against ``trafilatura.bare_extraction(html,
with_metadata=True)`` in the same run.

Quality is the article-extraction-benchmark's metric (see ``../shared/corpus/README.md``):
tokens ``\\w+``, multisets of word 4-gram shingles, per-document tp/fp/fn normalised to sum 1,
precision and recall averaged over documents (precision over documents with a prediction),
F1 the harmonic mean of the two averages. It reproduces the published trafilatura 2.0.0
row from the corpus' ``output/trafilatura.json`` (printed as a check).

Speed is pages per second over the whole corpus with the HTML already in memory as text,
the median of ``--repeats`` rounds; the extractors take turns within each round so that a
noisy neighbour slows all of them alike. "eventwire" is the full ``extract_article`` —
main text *and* metadata, the page timestamp and language — with ``min_words=0`` so that a
very short article is scored rather than refused; "eventwire (text only)" is its main-text
cascade alone (``main_text``), the same job as plain trafilatura. "trafilatura" is
``trafilatura.extract(html, include_comments=False)`` (the benchmark's published setting);
"trafilatura+metadata" adds ``with_metadata=True`` for a like-for-like cost.

The holdout (``fundus-news-holdout``) is only reported, never tuned on. Data is read in place
from ``$EVENTWIRE_SHARED`` (default: ``../shared`` next to the repository).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
ZYTE = SHARED / "corpus" / "extraction" / "zyte-aeb"
HOLDOUT = SHARED / "corpus" / "extraction" / "fundus-news-holdout" / "dataset"
FUNDUS = SHARED / "corpus" / "extraction" / "fundus-publishers"

Extractor = Callable[[str, str], str]

# ---------------------------------------------------------------- the metric

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def tp_fp_fn(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = _shingles(pred), _shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall) as the upstream evaluate.py computes them."""
    def prec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    ps = [prec(*c) for c in counts if c[0] + c[1] > 0]
    rs = [rec(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


# ---------------------------------------------------------------- corpora

def load_zyte() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(html by id, gold text by id, url by id)."""
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    html = {k: gzip.decompress((ZYTE / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in truth}
    return html, {k: v["articleBody"] for k, v in truth.items()}, {k: v["url"] for k, v in truth.items()}


def load_holdout() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    from ingest.extract import decode_html

    truth = json.loads((HOLDOUT / "ground_truth.json").read_text(encoding="utf-8"))
    html = {k: decode_html(gzip.decompress((HOLDOUT / "html" / k).read_bytes())) for k in truth}
    return html, {k: "\n".join(v["body"]) for k, v in truth.items()}, {k: v["url"] for k, v in truth.items()}


# ---------------------------------------------------------------- extractors

def extractors() -> dict[str, Extractor]:
    import trafilatura

    from ingest.errors import ExtractionFailed
    from ingest.extract import extract_article, main_text, parse_html

    def eventwire(html: str, url: str) -> str:
        try:
            return extract_article(html, url, min_words=0).text
        except ExtractionFailed:
            return ""

    def eventwire_text(html: str, url: str) -> str:
        tree = parse_html(html)
        return main_text(tree, url)[0] if tree is not None else ""

    out: dict[str, Extractor] = {
        "eventwire": eventwire,
        "eventwire (text only)": eventwire_text,
        "trafilatura": lambda html, url: trafilatura.extract(html, include_comments=False) or "",
        "trafilatura+metadata": lambda html, url: trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True),
    }
    try:  # optional: pip install newspaper4k
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import newspaper

        def np4k(html: str, url: str) -> str:
            a = newspaper.Article(url, fetch_images=False)
            a.download(input_html=html)  # given HTML: no request is made
            a.parse()
            return a.text or ""

        out["newspaper4k"] = np4k
    except ImportError:
        print("newspaper4k: not installed, skipped (pip install newspaper4k)")
    try:  # optional: pip install news-please (pulls in Scrapy, Twisted, boto3, ...)
        from newsplease import NewsPlease

        out["news-please"] = lambda html, url: (NewsPlease.from_html(html, url=None, fetch_images=False).maintext or "")
    except ImportError:
        print("news-please: not installed, skipped (pip install news-please)")
    return out


def _text_of(result: object) -> str:
    if isinstance(result, str):
        return result
    return getattr(result, "text", None) or ""


def quality(fn: Extractor, html: dict[str, str], gold: dict[str, str], urls: dict[str, str]
            ) -> tuple[float, float, float]:
    counts = []
    for k in gold:
        try:
            pred = _text_of(fn(html[k], urls[k]))
        except Exception:  # an extractor crashing on a page scores as an empty prediction
            pred = ""
        counts.append(tp_fp_fn(pred, gold[k]))
    return scores(counts)


def speed(fns: dict[str, Extractor], html: dict[str, str], urls: dict[str, str], repeats: int
          ) -> dict[str, list[float]]:
    """Pages per second for each extractor, ``repeats`` rounds, order rotated per round."""
    names = list(fns)
    rates: dict[str, list[float]] = {n: [] for n in names}
    items = list(html.items())
    for n in names:  # warm-up: model loads, imports, caches
        for k, h in items[:3]:
            try:
                fns[n](h, urls[k])
            except Exception:
                pass
    for r in range(repeats):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            fn = fns[n]
            t0 = time.perf_counter()
            for k, h in items:
                try:
                    fn(h, urls[k])
                except Exception:
                    pass
            rates[n].append(len(items) / (time.perf_counter() - t0))
    return rates


def fundus_report() -> None:
    """fundus-publishers: metadata and body, eventwire vs plain trafilatura, the corpus' scorer."""
    import importlib.util

    import trafilatura

    from ingest.errors import ExtractionFailed
    from ingest.extract import decode_html, extract_article

    spec = importlib.util.spec_from_file_location("fundus_score", FUNDUS / "score.py")
    score = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(score)
    gold = json.loads((FUNDUS / "gold.json").read_text(encoding="utf-8"))
    runs: dict[str, dict] = {"eventwire": {}, "trafilatura": {}}
    for name in gold:
        path = FUNDUS / "html" / name
        raw = gzip.decompress(path.read_bytes())
        try:
            a = extract_article(raw, path.resolve().as_uri(), min_words=0)
            runs["eventwire"][name] = {"title": a.title, "author": a.author, "text": a.text,
                                       "date": a.published_at.isoformat() if a.published_at else None,
                                       "url": a.canonical_url}
        except ExtractionFailed as e:
            runs["eventwire"][name] = {"error": type(e).__name__}
        d = trafilatura.bare_extraction(decode_html(raw), with_metadata=True, include_comments=False)
        runs["trafilatura"][name] = {"title": d.title, "author": d.author, "date": d.date, "text": d.text,
                                     "url": d.url} if d is not None else {}
    res = {n: score.summarise(score.judge(gold, r)) for n, r in runs.items()}
    print(f"\nfundus-publishers: {len(gold)} news pages (dev), scored by its score.py")
    print(f"{'measure':<24} {'n':>3}  {'eventwire':>16} {'trafilatura':>16}")
    for label, k in score.FIELDS:
        cells = [f"{res[n][k]['hits']:>3}/{res[n][k]['n']:<3} {res[n][k]['rate']:.3f}" for n in runs]
        print(f"{label:<24} {res['eventwire'][k]['n']:>3}  " + " ".join(f"{c:>16}" for c in cells))
    for label, k in (("body F1 (4-gram)", "f1"), ("body precision", "precision"), ("body recall", "recall")):
        cells = [f"{res[n]['body'][k]:.3f}" + (f" ± {res[n]['body']['f1_std']:.3f}" if k == "f1" else "")
                 for n in runs]
        print(f"{label:<24} {len(gold):>3}  " + " ".join(f"{c:>16}" for c in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5, help="speed rounds (median reported)")
    ap.add_argument("--no-holdout", action="store_true", help="skip the holdout report")
    ap.add_argument("--only", choices=("zyte", "fundus", "holdout"), help="run one corpus only")
    args = ap.parse_args()
    if not ZYTE.exists():
        sys.exit(f"corpus not found at {ZYTE} (set EVENTWIRE_SHARED)")
    warnings.simplefilter("ignore")
    if args.only == "fundus":
        fundus_report()
        return
    if args.only == "holdout":
        holdout_report(extractors())
        return

    html, gold, urls = load_zyte()
    published = json.loads((ZYTE / "output" / "trafilatura.json").read_text(encoding="utf-8"))
    published = published.get("output", published)
    f1, p, r = scores([tp_fp_fn(published[k].get("articleBody", ""), gold[k]) for k in gold])
    print(f"scorer check: published trafilatura 2.0.0 output scores F1 {f1:.3f} (upstream: 0.958)")

    fns = extractors()
    print(f"\nzyte-aeb: {len(gold)} pages; speed = median of {args.repeats} rounds, one process")
    q = {n: quality(fn, html, gold, urls) for n, fn in fns.items()}
    rates = speed(fns, html, urls, args.repeats)
    base = statistics.median(rates["trafilatura"])
    print(f"{'extractor':<22} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>8} {'× trafilatura':>14}  rounds")
    for n in fns:
        med = statistics.median(rates[n])
        f1, p, r = q[n]
        rounds = " ".join(f"{x:.0f}" for x in rates[n])
        print(f"{n:<22} {f1:6.3f} {p:6.3f} {r:6.3f} {med:8.1f} {med / base:14.2f}  [{rounds}]")

    if args.only == "zyte":
        return
    if FUNDUS.exists():
        fundus_report()
    else:
        print(f"\nfundus-publishers not found at {FUNDUS}: skipped")
    if args.no_holdout:
        return
    holdout_report(fns)


def holdout_report(fns: dict[str, Extractor]) -> None:
    """The holdout's body F1 (reported only, never tuned on)."""
    if not HOLDOUT.exists():
        print(f"\nholdout not found at {HOLDOUT}: skipped")
        return
    h_html, h_gold, h_urls = load_holdout()
    print(f"\nholdout fundus-news-holdout: {len(h_gold)} news pages (reported only, never tuned on)")
    print(f"{'extractor':<22} {'F1':>6} {'P':>6} {'R':>6}")
    for n, fn in fns.items():
        if n in ("trafilatura+metadata", "eventwire (text only)"):
            continue
        f1, p, r = quality(fn, h_html, h_gold, h_urls)
        print(f"{n:<22} {f1:6.3f} {p:6.3f} {r:6.3f}")


if __name__ == "__main__":
    main()
