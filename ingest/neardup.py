"""Near-duplicates: the same wire story republished with another headline, boilerplate, a
dropped or added paragraph, an editor's note.

Each article's text becomes a set of word 5-gram shingles (case, punctuation and spacing
do not matter), and the set a 128-value MinHash signature
(datasketch, ``MinHash.bulk``; the estimated Jaccard similarity of two sets is the share
of positions where their signatures agree). Signatures are cut into 42 bands of 3 values;
two articles become *candidates* when any band matches exactly (locality-sensitive
hashing), and a candidate is a *copy* when the estimated similarity reaches the threshold
(``Settings.near_dup_threshold``; 0.5 is what ``benchmarks/dedup.py`` supports: syndicated
variants have a median similarity of 0.87 and a 5th percentile of 0.57, different articles
— several on the same topic — at most 0.14).

The band layout does not depend on the threshold: 42×3 makes almost every pair above
0.5 a candidate (P ≥ 0.996) and few unrelated pairs (similarity 0.05: P ≈ 0.005), and
the threshold only decides which candidates count. So the threshold can change between
runs without re-indexing stored articles.

Why not ``datasketch.MinHashLSH``: its index lives in memory (or Redis/Cassandra). Here the
band keys are rows in DuckDB (``article_lsh_bands``, see ``schemas/002_dedup.sql``), next
to the signatures (``article_minhash``), so a copy is caught in a later run than its
original: a batch looks its band keys up with one join, and the same keys index the
batch itself in a dict.

Shingle hashes are computed with NumPy, not Python's ``hash`` (salted per process) nor
one ``hashlib`` call per shingle: a polynomial hash of the shingle's UTF-8 bytes modulo
2^64, vectorised with a prefix sum, stable across processes and machines.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import numpy as np
from datasketch import MinHash


SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS, ROWS = 42, 3
SEED = 1
SCHEME = "affine32"
# Stored with each signature: signatures made with other parameters are never compared.
PARAMS = f"minhash-1:w{SHINGLE_WORDS}:p{NUM_PERM}:b{BANDS}x{ROWS}:{SCHEME}:s{SEED}"
DEFAULT_THRESHOLD = 0.5

_P = np.uint64(0x100000001B3)  # the FNV-64 prime: odd, so invertible modulo 2^64
_P_INV = np.uint64(pow(int(_P), -1, 1 << 64))
_Q = np.uint64(0xC2B2AE3D27D4EB4F)  # combines word hashes into a shingle hash
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _byte_classes() -> tuple[np.ndarray, np.ndarray]:
    """(is a word byte, ASCII lower-case of the byte) for each of the 256 byte values."""
    word = np.zeros(256, dtype=bool)
    for c in b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
        word[c] = True
    word[0x80:] = True  # UTF-8 lead and continuation bytes: letters of other scripts
    lower = np.arange(256, dtype=np.uint8)
    lower[ord("A"):ord("Z") + 1] += 32
    return word, lower


_WORD_BYTE, _LOWER = _byte_classes()


class _Powers:
    """base**0 .. base**(n-1) modulo 2^64, computed once and grown on demand."""

    def __init__(self, base: np.uint64) -> None:
        self.base = base
        self.table = np.ones(1, dtype=np.uint64)

    def __call__(self, n: int) -> np.ndarray:
        while len(self.table) < n:
            with np.errstate(over="ignore"):
                self.table = np.concatenate((self.table, self.table * (self.table[-1] * self.base)))
        return self.table[:n]


_POW = _Powers(_P)
_POW_INV = _Powers(_P_INV)


def _words(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower-cased UTF-8 bytes, word start offsets, word end offsets) of ``text``.

    Words are runs of ASCII letters, digits, ``_`` and non-ASCII characters; the general
    punctuation block (curly quotes, dashes, ellipsis: U+2000–U+206F) and no-break spaces
    separate words, like ASCII punctuation. Non-ASCII letters are not case-folded. This
    is close to ``normalize_text``, done on bytes with NumPy and several times faster.
    """
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if len(data) == 0:
        empty = np.empty(0, dtype=np.int64)
        return data, empty, empty
    word = _WORD_BYTE[data]
    # U+2000..U+206F is E2 80 xx / E2 81 xx; U+00A0 is C2 A0
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for off in range(3):
        word[lead + off] = False
    nbsp = np.flatnonzero((data[:-1] == 0xC2) & (data[1:] == 0xA0))
    word[nbsp] = False
    word[nbsp + 1] = False
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    return _LOWER[data], np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def shingle_hashes(text: str, words: int = SHINGLE_WORDS) -> np.ndarray:
    """The 32-bit hashes of ``text``'s word ``words``-gram shingles (uint32; a shingle that
    occurs twice is hashed twice, which MinHash ignores).

    A text shorter than one shingle is one shingle. Equal shingles hash equally in every
    process, so signatures can be stored and compared across runs.
    """
    data, starts, ends = _words(text)
    n_words = len(starts)
    if n_words == 0:
        return np.empty(0, dtype=np.uint32)
    with np.errstate(over="ignore"):
        # a word's hash: h(a..b) = sum c_j P^(b-1-j) = P^(b-1) * (S[b] - S[a]),
        # S the prefix sum of c_j P^-j — the same for the same word anywhere
        weighted = (data.astype(np.uint64) + np.uint64(1)) * _POW_INV(len(data))
        prefix = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(weighted, dtype=np.uint64)))
        wh = (prefix[ends] - prefix[starts]) * _POW(len(data) + 1)[ends - 1]
        k = min(words, n_words)
        h = wh[: n_words - k + 1].copy()
        for i in range(1, k):
            h = h * _Q + wh[i: n_words - k + 1 + i]
        h = (h ^ (h >> np.uint64(29))) * _MIX
    return (h >> np.uint64(32)).astype(np.uint32)


def signatures(texts: Iterable[str]) -> np.ndarray:
    """MinHash signatures of ``texts``: an ``(n, NUM_PERM)`` uint32 array, one row per text.

    ``MinHash.bulk`` hashes each document's shingles in one ``update_batch`` call (the
    shingles already are 32-bit integers, so its hash function is the identity).
    """
    batches = [shingle_hashes(t).tolist() for t in texts]
    if not batches:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    mhs = MinHash.bulk(batches, num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int)
    return np.vstack([m.hashvalues for m in mhs]).astype(np.uint32, copy=False)


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """``(n, BANDS)`` int64 keys: one per band, mixing the band's number and its values."""
    if len(sigs) == 0:
        return np.empty((0, BANDS), dtype=np.int64)
    v = sigs[:, : BANDS * ROWS].reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    with np.errstate(over="ignore"):
        h = np.arange(1, BANDS + 1, dtype=np.uint64)[None, :] * _MIX
        for i in range(ROWS):
            h = (h ^ v[:, :, i]) * _P
            h = h ^ (h >> np.uint64(31))
    return h.view(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal positions)."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass
class Stored:
    """Signatures already in the database that share a band key with a batch.

    ``by_key`` maps a band key to the stored article ids that have it; ``signature`` and
    ``story`` give each such article's signature and its story's first-seen article id.
    """

    by_key: dict[int, list[str]] = field(default_factory=dict)
    signature: dict[str, np.ndarray] = field(default_factory=dict)
    story: dict[str, str] = field(default_factory=dict)


Lookup = Callable[[np.ndarray], Stored]


@dataclass
class Signed:
    """One article's signature, as it will be stored (see ``load.store_signatures``)."""

    article_id: str
    story_id: str
    signature: np.ndarray
    keys: np.ndarray


def find_copies(article_ids: Sequence[str], sigs: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD,
                known: Sequence[str | None] = (), stored: Stored | None = None
                ) -> tuple[list[str | None], list[Signed]]:
    """For each article of a batch, the story it copies (``None``: a new story).

    ``known`` optionally gives, per article, a story already decided (an exact copy): it is
    kept, and its signature recorded under that story. Candidates come from ``stored`` and
    from earlier articles of the batch; of those at least ``threshold`` similar, the most
    similar wins, and the copy points at *its story's* first-seen article, so a chain of
    copies never forms. Returns the stories and the signatures to store.
    """
    stored = stored or Stored()
    keys = band_keys(sigs)
    known = list(known) or [None] * len(article_ids)
    batch_index: dict[int, list[int]] = {}
    position = {aid: i for i, aid in enumerate(article_ids)}
    stories: list[str | None] = []
    signed: list[Signed] = []
    for i, aid in enumerate(article_ids):
        row_keys = keys[i].tolist()
        story = known[i]
        j = position.get(story) if story is not None else None
        if j is not None and j < i:  # an exact copy of an earlier article: join *its* story
            story = stories[j] or article_ids[j]
        if story is None:
            # stored candidates first: on a tie the earlier-seen story wins
            best, best_sim = None, -1.0
            seen: set = set()
            for k in row_keys:
                for other in stored.by_key.get(k, ()):
                    if other in seen or other == aid:
                        continue
                    seen.add(other)
                    sim = similarity(sigs[i], stored.signature[other])
                    if sim >= threshold and sim > best_sim:
                        best, best_sim = stored.story.get(other, other), sim
            for k in row_keys:
                for j in batch_index.get(k, ()):
                    if j in seen:
                        continue
                    seen.add(j)
                    sim = similarity(sigs[i], sigs[j])
                    if sim >= threshold and sim > best_sim:
                        best, best_sim = stories[j] or article_ids[j], sim
            story = best
        stories.append(story)
        for k in row_keys:
            batch_index.setdefault(k, []).append(i)
        signed.append(Signed(aid, story or aid, sigs[i], keys[i]))
    return stories, signed


@dataclass
class Result:
    """What deduplicating a batch decided: the articles to load (``duplicate_of`` set on
    copies), how many are copies, of which near (not exact) copies, and the signatures to
    store with them."""

    articles: list
    copies: int
    near_copies: int
    signed: list[Signed]


def mark_near_duplicates(articles: list, *, threshold: float = DEFAULT_THRESHOLD,
                         lookup: Lookup | None = None) -> Result:
    """Set ``duplicate_of`` on articles that are near copies of stored or earlier ones.

    Articles already marked (exact copies) keep their mark. ``lookup`` fetches stored
    candidates for band keys (``load.lookup_signatures`` bound to a connection); without
    it only the batch itself is searched.
    """
    if not articles:
        return Result([], 0, 0, [])
    sigs = signatures(a.text for a in articles)
    stored = lookup(np.unique(band_keys(sigs))) if lookup is not None else None
    stories, signed = find_copies([a.article_id for a in articles], sigs, threshold=threshold,
                                  known=[a.duplicate_of for a in articles], stored=stored)
    out, near = [], 0
    for a, story in zip(articles, stories):
        if story is not None and story != a.duplicate_of:
            near += a.duplicate_of is None
            a = dataclasses.replace(a, duplicate_of=story)
        out.append(a)
    return Result(out, sum(1 for a in out if a.duplicate_of), near, signed)
