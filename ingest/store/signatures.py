"""Near-duplicate signatures: ``article_minhash`` and its LSH index ``article_lsh_bands``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Collection, Sequence

import duckdb
import numpy as np
import pyarrow as pa

from ingest.neardup import PARAMS, Stored
from ingest.store.connection import transaction
from ingest.store.tables import TS, dedupe_keys

def lookup_signatures(con: duckdb.DuckDBPyConnection, band_keys: Any, params: str | None = None,
                      unloaded: Collection[str] = frozenset()) -> Any:
    """Stored articles sharing an LSH band key with ``band_keys`` (int64s), as a
    ``neardup.Stored``: one join, whatever the size of the batch.

    Signatures made with other parameters are ignored, and so are those of articles that
    never reached ``articles`` (their batch failed to load after deduplication), except
    ``unloaded``: articles of this run deduplicated and on their way to the loader.
    """
    out = Stored()
    keys = np.asarray(band_keys, dtype=np.int64).ravel()
    if len(keys) == 0:
        return out
    con.register("_ew_band_keys", pa.table({"k": pa.array(keys, pa.int64())}))
    try:
        found = con.execute(
            "SELECT b.band_key, m.article_id, m.story_id, m.signature"
            " FROM _ew_band_keys q JOIN article_lsh_bands b ON b.band_key = q.k"
            " JOIN article_minhash m ON m.article_id = b.article_id"
            " WHERE m.params = ?",
            [params or PARAMS],
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
    for key, aid, story, sig in found:
        out.by_key.setdefault(key, []).append(aid)
        if aid not in out.signature:
            out.signature[aid] = np.frombuffer(sig, dtype="<u4")
            out.story[aid] = story
    return out


def store_signatures(con: duckdb.DuckDBPyConnection, signed: Sequence[Any], params: str | None = None) -> int:
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
            again = con.execute("SELECT count(*) FROM article_minhash WHERE article_id IN"
                                " (SELECT article_id FROM _ew_sigs)").fetchall()[0][0]
            if again:  # only then scan the band keys for the old rows
                con.execute("DELETE FROM article_lsh_bands WHERE article_id IN (SELECT article_id FROM _ew_sigs)")
            con.execute(
                "INSERT INTO article_minhash BY NAME SELECT * FROM _ew_sigs ON CONFLICT (article_id) DO UPDATE"
                " SET story_id = excluded.story_id, signature = excluded.signature, params = excluded.params")
            con.execute("INSERT INTO article_lsh_bands BY NAME SELECT * FROM _ew_bands")
        finally:
            con.unregister("_ew_sigs")
            con.unregister("_ew_bands")
    return len(items)
