"""URLs below the stages: "same site" by the Public Suffix List (``tld``'s bundled copy)."""

from __future__ import annotations

from ingest.urls import choose_canonical, same_site, site_of


def test_site_is_the_registrable_domain_by_the_public_suffix_list():
    assert site_of("news.bbc.co.uk") == "bbc.co.uk"
    assert site_of("www.example.com") == "example.com"
    assert site_of("alice.blogspot.com") == "alice.blogspot.com"  # a private-section public suffix
    assert site_of("127.0.0.1") == "127.0.0.1" and site_of("localhost") == "localhost"
    assert site_of("courier.example") == "courier.example"  # not in the list: its own site


def test_every_blog_on_a_shared_host_is_a_site_of_its_own():
    assert not same_site("https://alice.blogspot.com/p", "https://bob.blogspot.com/p")
    assert same_site("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b")
    # so one blog's rel=canonical pointing at another blog is not trusted as the same site
    assert choose_canonical("https://alice.blogspot.com/p", ["https://bob.blogspot.com/x"]) == \
        "https://alice.blogspot.com/p"
    assert choose_canonical("https://m.bbc.co.uk/a?utm_source=x", ["https://www.bbc.co.uk/a"]) == \
        "https://www.bbc.co.uk/a"


def test_a_malformed_declared_canonical_is_ignored():
    assert choose_canonical("https://news.example/a", ["http://[::1/broken"]) == "https://news.example/a"
