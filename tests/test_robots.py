"""robots.txt by Protego (RFC 9309): our product token's group, longest match, wildcards,
Crawl-delay and Sitemap lines, and no pattern a site writes can make matching slow."""

from __future__ import annotations

import time

from ingest.robots import RobotsTxt, product_token

UA = "eventwire/0.1.0 (+https://github.com/eventwire/eventwire)"
FILE = """\ufeffUser-agent: *
Disallow: /private/
Allow: /private/ok$
Disallow: /*.pdf$
Crawl-delay: 2
Sitemap: https://news.example/sitemap.xml

User-agent: otherbot
Disallow: /
"""


def test_product_token():
    assert product_token(UA) == "eventwire"


def test_longest_match_wins_and_wildcards_work():
    r = RobotsTxt.parse(FILE.encode(), UA)
    assert not r.allowed("https://news.example/private/a")
    assert r.allowed("https://news.example/private/ok")  # the longer Allow beats the Disallow
    assert not r.allowed("https://news.example/private/ok2")  # `$` anchors
    assert not r.allowed("https://news.example/report.pdf") and r.allowed("https://news.example/report.pdfx")
    assert r.allowed("https://news.example/news/1")
    assert r.crawl_delay == 2.0 and r.sitemaps == ("https://news.example/sitemap.xml",)


def test_our_own_group_replaces_the_star_group():
    r = RobotsTxt.parse(FILE + "\nUser-agent: eventwire\nDisallow: /only-us\n", UA)
    assert not r.allowed("https://news.example/only-us")
    assert r.allowed("https://news.example/private/a")  # the * group no longer applies to us
    assert not RobotsTxt.parse(FILE, "otherbot/2").allowed("https://news.example/news/1")


def test_robots_txt_itself_and_no_file_are_allowed():
    assert RobotsTxt.parse("User-agent: *\nDisallow: /\n", UA).allowed("https://news.example/robots.txt")
    assert RobotsTxt.allow_everything().allowed("https://news.example/anything")


def test_a_hostile_pattern_cannot_make_matching_slow():
    """The matcher Protego replaced compiled ``/*a*a…*a*b`` to ``.*a.*a….*b``: against a long
    run of ``a``s that backtracks for minutes. Protego answers at once."""
    r = RobotsTxt.parse("User-agent: *\nDisallow: /" + "*a" * 40 + "b\n", UA)
    t0 = time.perf_counter()
    assert r.allowed("https://news.example/" + "a" * 5000)
    assert time.perf_counter() - t0 < 1.0
