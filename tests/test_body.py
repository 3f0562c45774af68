"""The whole article body (issue #14): across ad blocks and inline links, from JSON-LD when the
HTML has none, live blogs as their entries, and the lines that are not the story left out.
Each page here is written for these tests."""

from __future__ import annotations

import json

from ingest.body import drop_boilerplate, liveblog_text
from ingest.extract import extract_article


def para(i: int, topic: str = "harbour") -> str:
    return (f"Paragraph {i} about the {topic}: the council met again on Tuesday and agreed that the "
            f"works would continue through the winter, officials said in a statement.")


def test_body_across_an_ad_block_that_splits_the_story():
    first = "".join(f"<p>{para(i)}</p>" for i in range(4))
    second = "".join(f"<p>{para(i, 'budget')}</p>" for i in range(4, 14))
    html = ("<html><body><nav><a href='/'>Home</a></nav><main><h1>Council agrees harbour plan</h1>"
            f"<div class='story-grid'><div class='story-body'>{first}</div></div>"
            "<aside class='sidebar'><div class='ad ad-slot'><span>Advertisement</span></div></aside>"
            "<div class='ad ad-instory'><span>Advertisement</span></div>"
            f"<div class='story-grid'><div class='story-body'>{second}</div></div>"
            "</main><footer>© Example</footer></body></html>")
    text = extract_article(html, "https://news.example/a").text
    for i in range(14):
        assert f"Paragraph {i} about" in text, i
    assert "Advertisement" not in text
    assert text.index("Paragraph 3 about") < text.index("Paragraph 4 about")


def test_paragraphs_with_inline_links_are_kept():
    paras = []
    for i in range(12):
        if i % 3 == 1:  # a prose paragraph that carries two links
            paras.append(f"<p>Paragraph {i} also <a href='/a'>sets out the timetable for the harbour works "
                         f"and the money the council has set aside for them</a>.</p>")
        else:
            paras.append(f"<p>{para(i)}</p>")
    # each paragraph in its own block, as component-built pages write them
    blocks = "".join(f"<div class='text-block'><div class='inner'>{p}</div></div>" for p in paras)
    html = (f"<html><body><article><h1>Council agrees harbour plan</h1>{blocks}"
            "<ul class='related'><li><a href='/x'>Other story one</a></li>"
            "<li><a href='/y'>Other story two</a></li></ul>"
            "</article></body></html>")
    text = extract_article(html, "https://news.example/a").text
    for i in range(12):
        assert f"Paragraph {i} " in text, i
    assert "Other story one" not in text


def test_jsonld_article_body_when_the_html_has_only_a_standfirst():
    body = "\n".join(para(i) for i in range(24))
    ld = {"@type": "NewsArticle", "headline": "Council agrees harbour plan", "articleBody": body,
          "datePublished": "2024-06-10T07:45:00Z"}
    html = (f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head><body><article>"
            "<h1>Council agrees harbour plan</h1><p class='standfirst'>The council has agreed to go on with the "
            "harbour works through the winter, ending a long dispute over their cost.</p>"
            + "".join(f"<p>{para(i)}</p>" for i in range(4)) + "<div class='article-body'></div>"
            "<noscript>Please enable JavaScript to read this story.</noscript></article></body></html>")
    a = extract_article(html, "https://news.example/a")
    assert "Paragraph 23 about" in a.text and "enable JavaScript" not in a.text


def test_live_blog_as_its_entries_when_the_html_gives_only_the_intro():
    entries = [{"@type": "BlogPosting", "headline": f"Entry {i}", "datePublished": f"2024-08-05T1{i}:00:00Z",
                "articleBody": para(i, "flood") + " " + para(i + 10, "flood")} for i in range(6)]
    ld = {"@type": "LiveBlogPosting", "headline": "Floods live: rivers rise", "datePublished": "2024-08-05T09:00:00Z",
          "liveBlogUpdate": entries}
    html = (f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head><body><article>"
            "<h1>Floods live: rivers rise</h1><p>Follow our live coverage of the floods as rivers rise across "
            "the region and more homes are evacuated, with updates through the day from our reporters.</p>"
            "</article></body></html>")
    text = extract_article(html, "https://news.example/live").text
    for i in range(6):
        assert f"Paragraph {i} about the flood" in text
    assert text.index("Paragraph 0 about") < text.index("Paragraph 5 about")  # oldest first


def test_live_blog_entries_already_on_the_page_are_not_replaced():
    entries = [{"@type": "BlogPosting", "datePublished": f"2024-08-05T1{i}:00:00Z",
                "articleBody": para(i, "flood")} for i in range(9)]
    shown = "".join(f"<p>{e['articleBody']}</p>" for e in entries[:3])
    assert liveblog_text({"liveBlogUpdate": entries}, "\n".join(e["articleBody"] for e in entries[:3])) is None
    assert "Paragraph 8" in liveblog_text({"liveBlogUpdate": entries}, "")
    assert shown  # the page shows its own selection of entries; that selection stands


def test_lines_that_are_not_the_story():
    story = [para(i) for i in range(6)]
    junk = [
        "More from Politics",
        "Read more: Council rejects bridge plan",
        "Most popular",
        "Swipe left for more stories",
        "Sign up for our morning newsletter to get the news first.",
        "Join our commenting forum",
        "Photo: Reuters",
        "Jane Doe contributed to this report.",
        "This article was updated on 14 March to correct the number of wounded.",
        "Published 6 March 2024 · Last updated 14 March 2024",
    ]
    bio = "Sam Okafor is a reporter covering city hall and transport for the paper."
    text = "\n".join(story[:3] + junk[:5] + story[3:] + junk[5:] + [bio])
    out = drop_boilerplate(text, ["Sam Okafor"])
    for line in story:
        assert line in out
    for line in junk + [bio]:
        assert line not in out, line


def test_story_lines_that_look_a_little_like_boilerplate_stay():
    lines = [
        "Residents who signed up for the council's flood alerts were told to leave by noon.",
        "The minister said more from the budget would go to the harbour than in any year before.",
        "Photo evidence shown in court included the damaged gate and the lorry's dashboard footage of the collision.",
        "The reporter who first covered the story, Jane Doe, is a former council member herself.",
    ]
    text = "\n".join(lines + [para(i) for i in range(4)])
    assert drop_boilerplate(text, ["Sam Okafor"]) == text


def test_teaser_rail_at_the_end_is_cut():
    story = [para(i) for i in range(5)]
    rail = ["RISK REMAINS: An official said it was unclear what would happen next, in a related story.",
            "NEW PLAN: The ministry unveiled a scheme for the port, in another story."]
    out = drop_boilerplate("\n".join(story + rail))
    assert out == "\n".join(story)
    # a dateline-style opening in the story itself is not a rail
    one = "LONDON: " + para(9)
    assert drop_boilerplate("\n".join([one] + story)) == "\n".join([one] + story)
