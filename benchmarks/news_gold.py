"""Event precision/recall on ordinary news: the news-gold dev set (48 real pages), with its scorer.

Run from the repository root: ``python benchmarks/news_gold.py [--out PRED.jsonl] [-v]``.
Reads ``../shared/corpus`` in place (``EVENTWIRE_SHARED`` overrides): the pages
``extraction/fundus-news-holdout/dataset/html/{Publisher}_{2,3,4}.html.gz`` named by
``events/news-gold/dev.jsonl``, extracted exactly as ``eventwire extract --published DATE``
does (the gold line's ``published`` date is passed, as the gold README's baseline run did with
its page dates). The scorer (``events/news-gold/score.py``, standard library) prints precision,
recall, field accuracies and false positives per page. Only the dev pages (`_2`–`_4`) are read;
the held-out `_0`/`_1` pages are never opened here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "corpus/events/news-gold"
PAGES = SHARED / "corpus/extraction/fundus-news-holdout/dataset/html"


def run(out: Path) -> float:
    from ingest.config import load_settings
    from ingest.events_stage import load_coder
    from ingest.timeparse import parse_datetime
    from ingest.localfiles import extract_path

    s = load_settings()
    coder = load_coder(s)
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as f:
        for line in (GOLD / "dev.jsonl").read_text().splitlines():
            g = json.loads(line)
            rec = extract_path(PAGES / g["file"], url=None, published=parse_datetime(g["published"]),
                               coder=coder, settings=s)
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp()) / "news-gold-pred.jsonl"
    secs = run(out)
    print(f"news-gold dev: 48 pages extracted and coded in {secs:.1f} s → {out}")
    cmd = [sys.executable, str(GOLD / "score.py"), "--gold", str(GOLD / "dev.jsonl"), str(out)]
    if a.verbose:
        cmd.append("-v")
    subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
