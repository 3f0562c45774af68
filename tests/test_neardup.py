"""Near-duplicates: MinHash shingling, the seed's syndicated copies, and copies caught in a
later run than their original (real DuckDB files)."""

from pathlib import Path

import numpy as np
import pytest

from ingest import load, neardup
from ingest.config import Settings
from ingest.dedup import article_id, canonicalize_url, dedup_articles, dedup_batch, domain_of, text_hash
from ingest.extract import extract_article
from samples.build_site import SITE
from schemas.models import Article

THRESHOLD = Settings().near_dup_threshold

# A different report on the same events as the seed (written for this test): same topic,
# same names and places, different text. It must stay its own story.
SAME_TOPIC = """Ukrainian flags were raised over Lyman on Sunday after a week of fighting around the
railway town, and officials in Kyiv said sappers had begun clearing mines from the main roads.
Residents who had sheltered in basements for months described shortages of water and power.
In Moscow, the Federation Council voted to ratify treaties absorbing four Ukrainian regions,
a step Western governments called illegal. President Volodymyr Zelenskyy said there would be no
talks with Vladimir Putin, while Kremlin spokesman Dmitry Peskov said Russia would wait.
Military analysts said the loss of the town exposed Russian supply lines further east and
could open the way towards Kreminna and Svatove. Aid groups said they were preparing convoys
with food, generators and medicine, but warned that the approach of winter would make
repairs to heating networks urgent. Local officials asked displaced families not to return
until the clearance work was finished and the water supply was restored."""


def _seed(seed_dir: Path) -> list[Article]:
    names = ["lyman_article.html", "lyman_article.syndicated_a.html", "lyman_article.syndicated_b.html"]
    urls = ["https://wire.example/world/lyman-retreat", "https://courier.example/news/russia-lyman",
            "https://esp.example/international/ukraine-lyman-annexation"]
    return [extract_article((seed_dir / n).read_bytes(), u) for n, u in zip(names, urls)]


def _text_article(url: str, text: str) -> Article:
    canon = canonicalize_url(url)
    return Article(article_id(canon), url, canon, domain_of(canon), None, None, None, "en", text,
                   text_hash(text), len(text.split()))


def test_shingle_hashes_are_stable_and_ignore_case_punctuation_and_spacing():
    # pinned: signatures are stored, so the hashing must never change silently
    assert neardup.shingle_hashes("The quick brown fox jumps over").tolist() == [1475699663, 3407785900]
    assert np.array_equal(neardup.shingle_hashes("It’s  the Kremlin's view — said Peskov."),
                          neardup.shingle_hashes("it s the kremlin s view said peskov"))
    assert neardup.shingle_hashes("a b c d e f").tolist() != neardup.shingle_hashes("a b c d e g").tolist()
    assert len(neardup.shingle_hashes("too short")) == 1 and len(neardup.shingle_hashes(" .. ")) == 0


def test_seed_and_its_two_syndicated_copies_are_one_story(seed_dir: Path):
    original, copy_a, copy_b = _seed(seed_dir)
    assert len({original.text_hash, copy_a.text_hash, copy_b.text_hash}) == 3  # not exact copies
    out, copies = dedup_batch([original, copy_a, copy_b], set(), {}, near_dup_threshold=THRESHOLD)
    assert copies == 2
    assert [a.duplicate_of for a in out] == [None, original.article_id, original.article_id]
    # without near-duplicate detection they are three stories
    assert dedup_batch([original, copy_a, copy_b], set(), {})[1] == 0


def test_different_articles_on_the_same_topic_are_not_merged(seed_dir: Path):
    original, copy_a, _ = _seed(seed_dir)
    other = _text_article("https://other.example/lyman-cleared", SAME_TOPIC)
    sigs = neardup.signatures([original.text, other.text])
    assert neardup.similarity(sigs[0], sigs[1]) < 0.1
    out, copies = dedup_batch([original, other, copy_a], set(), {}, near_dup_threshold=THRESHOLD)
    assert [a.duplicate_of for a in out] == [None, None, original.article_id] and copies == 1


def test_different_pages_of_one_site_are_not_merged():
    # two real articles from the same site and template (the bundled sample site)
    pages = sorted((SITE / "bigbrandsystem.com").glob("*.html")) + sorted((SITE / "msn.com").glob("*.html"))
    arts = [extract_article(p.read_bytes(), f"https://{p.parent.name}/{p.stem}") for p in pages]
    out, copies = dedup_batch(arts, set(), {}, near_dup_threshold=THRESHOLD)
    assert copies == 0


def test_threshold_is_configurable(seed_dir: Path):
    original, copy_a, copy_b = _seed(seed_dir)
    sigs = neardup.signatures([original.text, copy_b.text])
    sim = neardup.similarity(sigs[0], sigs[1])
    assert 0.5 < sim < 1.0
    assert dedup_batch([original, copy_b], set(), {}, near_dup_threshold=sim)[1] == 1
    assert dedup_batch([original, copy_b], set(), {}, near_dup_threshold=min(1.0, sim + 0.02))[1] == 0


def test_exact_copy_keeps_its_mark_and_a_copy_of_a_copy_points_at_the_first_seen(seed_dir: Path):
    import dataclasses

    original, copy_a, _ = (dataclasses.replace(a, published_at=None) for a in _seed(seed_dir))
    exact = _text_article("https://mirror.example/x", original.text)
    # no dates: batch order decides, and copy_a is the story's first-seen article
    out, copies = dedup_batch([copy_a, exact, original], set(), {}, near_dup_threshold=THRESHOLD)
    assert out[0].duplicate_of is None and copies == 2
    assert out[2].duplicate_of == copy_a.article_id  # near copy of copy_a
    assert out[1].duplicate_of == copy_a.article_id  # near copy of copy_a (exact copy of a later one)


def _run(db: Path, articles: list[Article], threshold: float = THRESHOLD) -> list[Article]:
    """What the flow's dedup and load tasks do for one batch, on a real DuckDB file."""
    with load.writer(db) as con:
        ids, hashes = load.lookup_existing(con, [a.article_id for a in articles], [a.text_hash for a in articles])
        result = dedup_articles(articles, ids, hashes, near_dup_threshold=threshold,
                                lookup=lambda keys: load.lookup_signatures(con, keys))
        load.store_signatures(con, result.signed)
        load.load_batch(con, "run", articles=result.articles)
    return result.articles


def test_a_copy_is_caught_in_a_later_run(tmp_path: Path, seed_dir: Path):
    db = tmp_path / "a.duckdb"
    original, copy_a, copy_b = _seed(seed_dir)
    assert _run(db, [original])[0].duplicate_of is None
    out = _run(db, [copy_a])  # a new process, a new connection: only the database remembers
    assert out[0].duplicate_of == original.article_id
    out = _run(db, [copy_b, _text_article("https://other.example/lyman-cleared", SAME_TOPIC)])
    assert [a.duplicate_of for a in out] == [original.article_id, None]
    with load.reader(db) as con:
        rows = con.execute("SELECT count(*), count(DISTINCT story_id) FROM article_minhash").fetchall()
        assert rows == [(4, 2)]
        # how widely did the story run: the original and its copies, each with its own URL
        ran = con.execute("SELECT count(*), list(domain ORDER BY domain) FROM articles"
                          " WHERE coalesce(duplicate_of, article_id) = ?", [original.article_id]).fetchall()
        assert ran == [(3, ["courier.example", "esp.example", "wire.example"])]


def test_signatures_of_articles_that_never_loaded_are_ignored(tmp_path: Path, seed_dir: Path):
    db = tmp_path / "b.duckdb"
    original, copy_a, _ = _seed(seed_dir)
    with load.writer(db) as con:  # dedup stored the signature, then the load failed
        result = dedup_articles([original], set(), {}, near_dup_threshold=THRESHOLD)
        load.store_signatures(con, result.signed)
    assert _run(db, [copy_a])[0].duplicate_of is None  # its original is not in `articles`
    assert _run(db, [original])[0].duplicate_of == copy_a.article_id  # stored again, now as a copy
    with load.reader(db) as con:
        assert con.execute("SELECT story_id FROM article_minhash WHERE article_id = ?",
                           [original.article_id]).fetchall() == [(copy_a.article_id,)]
        assert con.execute("SELECT count(*) FROM article_lsh_bands WHERE article_id = ?",
                           [original.article_id]).fetchall() == [(neardup.BANDS,)]


@pytest.mark.parametrize("params", ["minhash-0:other"])
def test_signatures_made_with_other_parameters_are_not_compared(tmp_path: Path, seed_dir: Path, params: str):
    db = tmp_path / "c.duckdb"
    original, copy_a, _ = _seed(seed_dir)
    _run(db, [original])
    with load.writer(db) as con:
        con.execute("UPDATE article_minhash SET params = ?", [params])
    assert _run(db, [copy_a])[0].duplicate_of is None


def test_within_a_batch_the_earliest_published_is_the_original(seed_dir: Path):
    original, copy_a, copy_b = _seed(seed_dir)  # published 06:00, 09:30, 14:10
    out, copies = dedup_batch([copy_b, copy_a, original], set(), {}, near_dup_threshold=THRESHOLD)
    assert [a.article_id for a in out] == [copy_b.article_id, copy_a.article_id, original.article_id]
    assert [a.duplicate_of for a in out] == [original.article_id, original.article_id, None] and copies == 2


def _random_store(con, rng, n_articles: int, params: str = neardup.PARAMS) -> list:
    """``n_articles`` random signatures stored (and loaded), some sharing band keys."""
    signed = []
    for i in range(n_articles):
        keys = rng.integers(0, 400, neardup.BANDS)  # a small key space: many shared keys
        signed.append(neardup.Signed(f"a{i:04d}", f"a{i:04d}", rng.integers(0, 2**32, neardup.NUM_PERM,
                                                                              dtype=np.uint32), keys))
    load.store_signatures(con, signed, params=params)
    con.execute("INSERT INTO articles (article_id, url, canonical_url, text, text_hash, word_count, first_seen_at,"
                " run_id) SELECT article_id, article_id, article_id, '', '', 0, now(), 'r' FROM article_minhash")
    return signed


def _as_sets(stored):
    return ({k: set(v) for k, v in stored.by_key.items()}, {a: s.tobytes() for a, s in stored.signature.items()},
            stored.story)


def test_the_run_index_finds_what_the_join_finds(tmp_path: Path):
    """``BandIndex`` (in memory, per run) against the one-join lookup it replaces in the
    flow: the same candidates, keys, signatures and stories, before and after batches are
    added, and the same filters (other parameters; articles that never loaded)."""
    rng = np.random.default_rng(3)
    with load.writer(tmp_path / "i.duckdb") as con:
        _random_store(con, rng, 60)
        index = load.BandIndex()
        probe = rng.integers(0, 500, 300)
        assert _as_sets(load.lookup_signatures(con, probe, index=index)) == \
            _as_sets(load.lookup_signatures(con, probe))
        assert index.loaded and len(index) == 60 * neardup.BANDS
        # a batch stored through the index is found by it without reading the table again
        more = [neardup.Signed(f"b{i}", f"b{i}", np.arange(neardup.NUM_PERM, dtype=np.uint32),
                               rng.integers(0, 400, neardup.BANDS)) for i in range(30)]
        load.store_signatures(con, more, index=index)
        pending = {s.article_id for s in more[:10]}  # deduplicated, not loaded yet: found
        for keys in (probe, rng.integers(0, 400, 1000)):
            got = load.lookup_signatures(con, keys, index=index, unloaded=pending)
            assert _as_sets(got) == _as_sets(load.lookup_signatures(con, keys, unloaded=pending))
            assert pending & set(got.signature) and not {f"b{i}" for i in range(10, 30)} & set(got.signature)
        con.execute("UPDATE article_minhash SET params = 'other' WHERE article_id < 'a0030'")
        fresh = load.BandIndex()
        got = load.lookup_signatures(con, probe, index=fresh)
        assert _as_sets(got) == _as_sets(load.lookup_signatures(con, probe))
        assert not any(a < "a0030" for a in got.signature)
