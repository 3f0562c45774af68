from hypothesis import given, strategies as st

from ingest.dedup import (
    article_id, canonicalize_url, choose_canonical, dedup_batch, domain_of, normalize_text, text_hash,
)
from schemas.models import Article


def test_tracking_parameters_fragments_ports_and_case_are_dropped():
    assert canonicalize_url("HTTPS://Example.COM:443/a/b?utm_source=x&id=3&fbclid=y#top") == "https://example.com/a/b?id=3"
    assert canonicalize_url("http://example.com:80") == "http://example.com/"
    assert canonicalize_url("http://example.com:8080/x") == "http://example.com:8080/x"
    assert canonicalize_url("https://example.com/x?b=2&a=1&gclid=z") == "https://example.com/x?a=1&b=2"


def test_domain_drops_www():
    assert domain_of("https://www.wsj.com/articles/x") == "wsj.com"
    assert domain_of("http://127.0.0.1:8000/x") == "127.0.0.1"


def test_canonical_declared_on_another_site_is_not_trusted_by_default():
    # a syndicated copy pointing at the original stays a copy
    assert choose_canonical("https://courier.example/a", ["https://wire.example/a"]) == "https://courier.example/a"
    assert choose_canonical("https://m.site.com/a?utm_medium=x", ["https://www.site.com/a"]) == "https://www.site.com/a"
    assert choose_canonical("http://127.0.0.1:9/x", ["https://wire.example/a"], "always") == "https://wire.example/a"
    assert choose_canonical("https://site.com/a", ["javascript:void(0)", None]) == "https://site.com/a"
    assert choose_canonical("https://site.com/a", ["https://site.com/b"], "never") == "https://site.com/a"


@given(st.from_regex(r"https?://[a-z]{1,10}\.(com|org)(:[0-9]{2,4})?/[a-z0-9/]{0,20}(\?[a-z]{1,5}=[a-z0-9]{0,5}(&utm_[a-z]{1,5}=[a-z]{1,5})?)?(#[a-z]*)?", fullmatch=True))
def test_canonicalisation_is_idempotent(url):
    c = canonicalize_url(url)
    assert canonicalize_url(c) == c
    assert "utm_" not in c and "#" not in c


def test_text_hash_ignores_case_punctuation_and_spacing():
    assert text_hash("Russian forces  withdrew.\nFrom Lyman!") == text_hash("russian forces withdrew — from lyman")
    assert text_hash("a b c") != text_hash("a b d")
    assert normalize_text("Ünïcode  TEXT") == "ünïcode text"


def _article(url: str, text: str) -> Article:
    canon = canonicalize_url(url)
    return Article(article_id(canon), url, canon, domain_of(canon), "t", None, None, "en", text,
                   text_hash(text), len(text.split()))


def test_batch_dedup_marks_copies_and_drops_known_ids():
    a = _article("https://a.com/1", "the same story text")
    b = _article("https://b.com/2", "The same story, text.")
    c = _article("https://c.com/3", "another story")
    a_again = _article("https://a.com/1?utm_source=rss", "the same story text")
    out, copies = dedup_batch([a, b, c, a_again], existing_ids=set(), existing_hashes={})
    assert [x.article_id for x in out] == [a.article_id, b.article_id, c.article_id]
    assert out[1].duplicate_of == a.article_id and copies == 1

    # across runs: the stored original wins, the stored id is not loaded again
    out, copies = dedup_batch([b, c], existing_ids={c.article_id}, existing_hashes={a.text_hash: a.article_id})
    assert [x.article_id for x in out] == [b.article_id] and out[0].duplicate_of == a.article_id


def test_more_canonicalisation_cases():
    # tracking parameters in any case, empty query, fragment-only links, default port with www
    assert canonicalize_url("https://WWW.Example.com:443/News/A?UTM_Source=x&Ref=7#c") == "https://www.example.com/News/A?Ref=7"
    assert canonicalize_url("https://example.com/a?") == "https://example.com/a"
    assert canonicalize_url("https://example.com/a#section-2") == "https://example.com/a"
    assert canonicalize_url("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&msclkid=4") == "https://example.com/a"
    # the path's case and non-tracking parameters select content: kept
    assert canonicalize_url("https://example.com/A?id=1") != canonicalize_url("https://example.com/a?id=1")
    assert canonicalize_url("https://example.com/a?page=2") != canonicalize_url("https://example.com/a")


def test_og_url_and_canonical_on_the_same_site_are_trusted():
    # og:url on a sibling host of the same site (amp/mobile) names the article
    assert choose_canonical("https://amp.news.co.uk/a?utm_source=t", [None, "https://www.news.co.uk/a#x"]) == "https://www.news.co.uk/a"
    # another registrable domain under co.uk is another site
    assert choose_canonical("https://amp.news.co.uk/a", ["https://www.other.co.uk/a"]) == "https://amp.news.co.uk/a"
