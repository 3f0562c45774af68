"""Near-duplicate signatures: ``article_minhash`` and its LSH index ``article_lsh_bands``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Collection, Sequence

import duckdb
import numpy as np
import pyarrow as pa

from ingest.neardup import NUM_PERM, PARAMS, Stored
from ingest.store.connection import transaction
from ingest.store.tables import TS, dedupe_keys

class BandIndex:
    """The stored near-duplicate signatures of one parameter set — band keys, signatures,
    stories — held in memory for one run, so a batch's lookup costs no scan of the tables.

    DuckDB answers a join of a batch's ~8,400 band keys with a hash join that scans every
    stored key (42 per article), and then reads the candidates' signatures with another
    scan: both linear in the tables, per batch, so a backfill was quadratic (100k documents:
    27.6 s of DuckDB and growing; BENCHMARKS.md). Its ART indexes serve point lookups, not
    joins or long IN lists. Here everything is read once, on the first lookup of a run: the
    keys into sorted NumPy runs (a small log-structured merge: a batch's keys are a new run,
    runs of similar size are merged, so each key is re-sorted O(log N) times), signatures
    into one array. A lookup is a binary search per run. Memory: ≈ 1 KB per article
    (42 × 12 bytes of keys, 512 bytes of signature), 100 MB per 100k articles.

    Only signatures of articles in ``articles`` count (a batch whose load failed leaves
    signatures behind): those read at the start are joined with it; those added during the
    run count once ``confirm``-ed (the flow confirms each batch once it is loaded) or while
    the caller names them ``unloaded``. Rows written by *another* process after the first
    lookup are not seen until the next run (the writer's lock is released between batches):
    two runs at once may each keep one copy of the same story as an original.
    """

    def __init__(self, params: str | None = None) -> None:
        self.params = params or PARAMS
        self.loaded = False
        self._ids: list[str] = []
        self._ord: dict[str, int] = {}
        self._story: list[str] = []
        self._confirmed: list[bool] = []
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys int64, article ordinals int32)

    def load(self, con: duckdb.DuckDBPyConnection) -> "BandIndex":
        """Read every stored signature of ``params`` whose article is loaded (once)."""
        if self.loaded:
            return self
        self.loaded = True
        sigs = con.sql(
            "SELECT m.article_id, m.story_id, m.signature FROM article_minhash m"
            " SEMI JOIN articles a ON a.article_id = m.article_id WHERE m.params = ?", params=[self.params]
        ).to_arrow_table()
        if not sigs.num_rows:
            return self
        ids = sigs.column("article_id").to_pylist()
        matrix = np.frombuffer(b"".join(sigs.column("signature").to_pylist()), dtype="<u4").reshape(len(ids), -1)
        self._append(ids, sigs.column("story_id").to_pylist(), matrix, confirmed=True)
        bands = con.sql(
            "SELECT b.band_key, b.article_id FROM article_lsh_bands b SEMI JOIN article_minhash m"
            " ON m.article_id = b.article_id AND m.params = ? SEMI JOIN articles a ON a.article_id = b.article_id",
            params=[self.params]).to_arrow_table()
        aids = bands.column("article_id").combine_chunks().dictionary_encode()
        lookup = np.array([self._ord[a] for a in aids.dictionary.to_pylist()], dtype=np.int32)
        ords = lookup[np.asarray(aids.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
        self._push(np.asarray(bands.column("band_key").to_numpy(), dtype=np.int64), ords)
        return self

    def _append(self, ids: list[str], stories: list[str], matrix: np.ndarray, confirmed: bool) -> np.ndarray:
        """Ordinals for ``ids`` (new ones appended; a known one gets its new signature)."""
        out = np.empty(len(ids), dtype=np.int32)
        new_rows = []
        for i, (aid, story) in enumerate(zip(ids, stories)):
            o = self._ord.get(aid)
            if o is None:
                o = self._ord[aid] = len(self._ids)
                self._ids.append(aid)
                self._story.append(story)
                self._confirmed.append(confirmed)
                new_rows.append(i)
            else:  # stored again (its earlier batch never loaded): the new rows win
                self._story[o] = story
                if o < len(self._sigs):
                    self._sigs[o] = matrix[i]
            out[i] = o
        if new_rows:
            self._sigs = np.concatenate([self._sigs, matrix[new_rows]])
        return out

    def add(self, signed: Sequence[Any]) -> None:
        """Index a batch's ``neardup.Signed`` (once stored; not counted until ``confirm``-ed)."""
        if not signed:
            return
        matrix = np.stack([np.asarray(sg.signature, dtype=np.uint32) for sg in signed])
        ords = self._append([sg.article_id for sg in signed], [sg.story_id for sg in signed], matrix, False)
        keys = [np.asarray(sg.keys, dtype=np.int64).ravel() for sg in signed]
        self._push(np.concatenate(keys), np.repeat(ords, [len(k) for k in keys]))

    def confirm(self, article_ids: Sequence[str]) -> None:
        """These articles are now in ``articles`` (their batch loaded)."""
        for aid in article_ids:
            o = self._ord.get(aid)
            if o is not None:
                self._confirmed[o] = True

    def _push(self, keys: np.ndarray, ords: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        run = (keys[order], ords[order])
        # merge while the last run is no bigger than the new one: sizes stay geometric
        while self._runs and len(self._runs[-1][0]) <= len(run[0]):
            k0, o0 = self._runs.pop()
            k, o = np.concatenate([k0, run[0]]), np.concatenate([o0, run[1]])
            order = np.argsort(k, kind="stable")
            run = (k[order], o[order])
        self._runs.append(run)

    def find(self, band_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(keys, ordinals)``: every (stored band key, article) pair matching ``band_keys``."""
        q = np.unique(np.asarray(band_keys, dtype=np.int64).ravel())
        ks, os_ = [], []
        for keys, ords in self._runs:
            lo = np.searchsorted(keys, q, side="left")
            hi = np.searchsorted(keys, q, side="right")
            n = hi - lo
            hit = n > 0
            if not hit.any():
                continue
            lo, n = lo[hit], n[hit]
            starts = np.repeat(lo - np.cumsum(n) + n, n)  # each range's start, minus its offset
            idx = starts + np.arange(int(n.sum()))
            ks.append(keys[idx])
            os_.append(ords[idx])
        if not ks:
            return np.zeros(0, np.int64), np.zeros(0, np.int32)
        return np.concatenate(ks), np.concatenate(os_)

    def stored(self, con: duckdb.DuckDBPyConnection, band_keys: np.ndarray,
               unloaded: Collection[str] = frozenset()) -> Stored:
        """``lookup_signatures`` answered from memory (see the class docstring)."""
        out = Stored()
        keys, ords = self.load(con).find(band_keys)
        if not len(ords):
            return out
        ok = {}
        doubtful = []
        for o in np.unique(ords).tolist():
            aid = self._ids[o]
            if self._confirmed[o] or aid in unloaded:
                ok[o] = aid
            else:
                doubtful.append(o)
        if doubtful:  # added this run, neither confirmed nor named: ask the table
            there = {r[0] for r in _in_list(con, "SELECT article_id FROM articles WHERE article_id IN ({in})",
                                            [self._ids[o] for o in doubtful])}
            for o in doubtful:
                if self._ids[o] in there:
                    self._confirmed[o] = True
                    ok[o] = self._ids[o]
        for k, o in zip(keys.tolist(), ords.tolist()):
            aid = ok.get(o)
            if aid is None:
                continue
            out.by_key.setdefault(k, []).append(aid)
            if aid not in out.signature:
                out.signature[aid] = self._sigs[o]
                out.story[aid] = self._story[o]
        return out

    def __len__(self) -> int:
        return sum(len(k) for k, _ in self._runs)


def _in_list(con: duckdb.DuckDBPyConnection, sql: str, values: Sequence[Any], extra: Sequence[Any] = ()
             ) -> list[tuple]:
    """``sql`` with ``{in}`` replaced by ``?`` placeholders for ``values`` (in chunks): an IN
    list of constants lets DuckDB use the primary key's index instead of a scan."""
    rows: list[tuple] = []
    values = list(values)
    for i in range(0, len(values), 1000):
        part = values[i:i + 1000]
        rows += con.execute(sql.replace("{in}", ", ".join("?" * len(part))), [*part, *extra]).fetchall()
    return rows


def lookup_signatures(con: duckdb.DuckDBPyConnection, band_keys: Any, params: str | None = None,
                      unloaded: Collection[str] = frozenset(), index: BandIndex | None = None) -> Any:
    """Stored articles sharing an LSH band key with ``band_keys`` (int64s), as a
    ``neardup.Stored``.

    With ``index`` (a ``BandIndex`` kept for the run; loaded here on first use) the cost
    is independent of how much is stored; without it, one join over ``article_lsh_bands``.
    Signatures made with other parameters are ignored, and so are those of articles that
    never reached ``articles`` (their batch failed to load after deduplication), except
    ``unloaded``: articles of this run deduplicated and on their way to the loader.
    """
    out = Stored()
    keys = np.asarray(band_keys, dtype=np.int64).ravel()
    if len(keys) == 0:
        return out
    params = params or PARAMS
    if index is not None and index.params == params:
        return index.stored(con, keys, unloaded)
    found = _join_lookup(con, keys, params, unloaded)
    for key, aid, story, sig in found:
        out.by_key.setdefault(key, []).append(aid)
        if aid not in out.signature:
            out.signature[aid] = np.frombuffer(sig, dtype="<u4")
            out.story[aid] = story
    return out


def _join_lookup(con: duckdb.DuckDBPyConnection, keys: np.ndarray, params: str,
                 unloaded: Collection[str]) -> list[tuple]:
    """The lookup as one join (cost grows with the stored band keys; see ``BandIndex``)."""
    con.register("_ew_band_keys", pa.table({"k": pa.array(keys, pa.int64())}))
    try:
        found = con.execute(
            "SELECT b.band_key, m.article_id, m.story_id, m.signature"
            " FROM _ew_band_keys q JOIN article_lsh_bands b ON b.band_key = q.k"
            " JOIN article_minhash m ON m.article_id = b.article_id"
            " WHERE m.params = ?",
            [params],
        ).fetchall()
    finally:
        con.unregister("_ew_band_keys")
    if found:  # only candidates that reached `articles` (few rows: a join on them is cheap)
        con.register("_ew_cand", pa.table({"k": pa.array(list({r[1] for r in found}), pa.string())}))
        try:
            loaded = {r[0] for r in con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT k FROM _ew_cand)").fetchall()}
        finally:
            con.unregister("_ew_cand")
        found = [r for r in found if r[1] in loaded or r[1] in unloaded]
    return found


def store_signatures(con: duckdb.DuckDBPyConnection, signed: Sequence[Any], params: str | None = None,
                     index: BandIndex | None = None) -> int:
    """Keep a batch's MinHash signatures and band keys (``neardup.Signed``) for later runs,
    in one transaction, as two Arrow batches. Storing an article again replaces its rows
    (a batch whose load failed is deduplicated again in the next run)."""
    signed = dedupe_keys([{"article_id": s.article_id, "s": s} for s in signed], "article_id")
    if not signed:
        return 0
    items = [r["s"] for r in signed]
    now = datetime.now(timezone.utc)
    sigs = pa.table({
        "article_id": pa.array([s.article_id for s in items], pa.string()),
        "story_id": pa.array([s.story_id for s in items], pa.string()),
        "signature": pa.array([np.asarray(s.signature, dtype="<u4").tobytes() for s in items], pa.binary()),
        "params": pa.array([params or PARAMS] * len(items), pa.string()),
        "first_seen_at": pa.array([now] * len(items), TS),
    })
    keys = [np.asarray(s.keys, dtype=np.int64) for s in items]
    bands = pa.table({
        "band_key": pa.array(np.concatenate(keys), pa.int64()),
        "article_id": pa.array(np.repeat([s.article_id for s in items], [len(k) for k in keys]).tolist(), pa.string()),
    })
    with transaction(con):
        con.register("_ew_sigs", sigs)
        con.register("_ew_bands", bands)
        try:
            again = len(_in_list(con, "SELECT article_id FROM article_minhash WHERE article_id IN ({in})",
                                 [s.article_id for s in items]))
            if again:  # only then scan the band keys for the old rows
                con.execute("DELETE FROM article_lsh_bands WHERE article_id IN (SELECT article_id FROM _ew_sigs)")
            # an upsert only when some are stored again (rare): a plain insert is cheaper
            upsert = (" ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,"
                      " signature = excluded.signature, params = excluded.params") if again else ""
            con.execute("INSERT INTO article_minhash BY NAME SELECT * FROM _ew_sigs" + upsert)
            con.execute("INSERT INTO article_lsh_bands BY NAME SELECT * FROM _ew_bands")
        finally:
            con.unregister("_ew_sigs")
            con.unregister("_ew_bands")
    if index is not None and index.loaded and (params or PARAMS) == index.params:
        index.add(items)
    return len(items)
