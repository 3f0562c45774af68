from datetime import datetime, timezone
from pathlib import Path

import pytest

from ingest.errors import ExtractionFailed
from ingest.extract import decode_html, extract_article, extract_fetched
from ingest.timeparse import parse_datetime
from ingest.samplesite import site_dir
from schemas.models import Candidate, Fetched


def test_seed_article_text_and_metadata(seed_dir: Path):
    html = (seed_dir / "lyman_article.html").read_bytes()
    a = extract_article(html, "https://wire.example/world/lyman-retreat?utm_source=feed")
    assert a.title == "Russian troops leave dead behind as they retreat from Lyman"
    assert a.author == "Staff Reporter"
    assert a.published_at == datetime(2022, 10, 5, 6, 0, tzinfo=timezone.utc) and a.date_method == "page"
    assert a.language == "en"
    assert a.canonical_url == "https://wire.example/world/lyman-retreat" and a.domain == "wire.example"
    assert "Over the weekend, Russian troops withdrew from Lyman" in a.text
    assert "Advertisement" not in a.text
    assert a.word_count > 500


def test_feed_date_is_the_fallback(seed_dir: Path):
    html = b"<html><body><article>" + b"<p>" + b"Plain words without any date at all here. " * 10 + b"</p></article></body></html>"
    when = datetime(2024, 1, 2, tzinfo=timezone.utc)
    a = extract_article(html, "https://x.example/a", feed_published_at=when)
    assert a.published_at == when and a.date_method == "feed"


def test_pages_without_text_fail_cleanly():
    with pytest.raises(ExtractionFailed):
        extract_article(b"", "https://x.example/empty")
    with pytest.raises(ExtractionFailed, match="words"):
        extract_article(b"<html><body><nav>Home</nav></body></html>", "https://x.example/nav")


def test_non_english_page_keeps_its_language():
    ru = site_dir() / "wday.ru"
    page = next(ru.glob("*.html"))
    a = extract_article(page.read_bytes(), "https://wday.ru/x")
    assert a.language == "ru"


def test_charset_from_header_then_meta_then_detection():
    text = "Новости: войска отступили из города. " * 20
    body = f"<html><head></head><body><p>{text}</p></body></html>".encode("cp1251")
    assert "войска" in decode_html(body, "windows-1251")
    meta = b'<html><head><meta charset="windows-1251"></head>' + body[len(b"<html><head></head>"):]
    assert "войска" in decode_html(meta)
    assert "войска" in decode_html(body)  # detected


def test_extract_fetched_records_failures_and_keeps_the_rest(seed_dir: Path):
    now = datetime.now(timezone.utc)
    good = Fetched(Candidate("https://wire.example/a"), "https://wire.example/a", "https://wire.example/a", 200,
                   "text/html", (seed_dir / "lyman_article.html").read_bytes(), now)
    empty = Fetched(Candidate("https://x.example/b"), "https://x.example/b", "https://x.example/b", 200,
                    "text/html", b"<html></html>", now)
    failed = Fetched(Candidate("https://x.example/c"), "https://x.example/c", "https://x.example/c", None,
                     None, None, now, error="ConnectFailed")
    articles, failures = extract_fetched([good, empty, failed])
    assert len(articles) == 1 and [f["url"] for f in failures] == ["https://x.example/b"]
    assert failures[0]["error"] == "ExtractionFailed"


def test_parse_datetime_forms():
    assert parse_datetime("2022-10-05T06:00:00Z") == datetime(2022, 10, 5, 6, tzinfo=timezone.utc)
    assert parse_datetime("Wed, 05 Oct 2022 09:30:00 +0000").hour == 9
    assert parse_datetime("2022-10-05").tzinfo is not None
    assert parse_datetime("not a date") is None


# ---------------------------------------------------------------- issue 4: cascade and metadata

_PARA = ("The river rose overnight and the town council met at dawn to decide whether to open the "
         "old flood gates, a step it had not taken in forty years. ")


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_first_pass_returning_nothing_gets_a_second_opinion():
    from ingest.extract import _text_pass, main_text, parse_html

    # text in list items / bare spans: trafilatura's precision pass finds nothing here
    for body in ("<ul>" + "".join(f"<li>{_PARA * 2}</li>" for _ in range(6)) + "</ul>",
                 "<div class='x'>" + "".join(f"<span>{_PARA * 2}</span>" for _ in range(6)) + "</div>"):
        tree = parse_html(_page(body))
        assert _text_pass(tree, None, fast=True, favor_precision=True) == ""
        text, method = main_text(tree)
        assert method in ("cascade", "balanced") and "flood gates" in text and len(text.split()) > 300
        a = extract_article(_page(body), "https://x.example/flood")
        assert a.word_count > 300


def test_a_long_first_pass_is_kept():
    from ingest.extract import main_text, parse_html

    paras = "".join(f"<p>Report {n}: {_PARA * 2}</p>" for n in ("one", "two", "three", "four", "five", "six"))
    text, method = main_text(parse_html(_page(f"<article>{paras}</article>")))
    assert method == "precision" and len(text.split()) > 300


def test_boilerplate_only_page_still_fails_cleanly():
    html = _page("<div id='comments' class='comments'>" + f"<p>{_PARA}</p>" * 4 + "</div>")
    with pytest.raises(ExtractionFailed, match="words"):
        extract_article(html, "https://x.example/comments-only")


def test_seed_metadata_site_name_description_and_canonical(seed_dir: Path):
    a = extract_article((seed_dir / "lyman_article.syndicated_a.html").read_bytes(),
                        "https://courier.example/news/2022/10/05/russia-lyman?utm_campaign=x#top")
    assert a.title == "Russia retreats from Lyman, leaving its dead in the streets"
    assert a.site_name == "Daily Courier" and a.author == "Courier Wire Desk"
    assert a.published_at == datetime(2022, 10, 5, 9, 30, tzinfo=timezone.utc) and a.date_method == "page"
    assert a.canonical_url == "https://courier.example/news/2022/10/05/russia-lyman"
    assert "This story was provided by a wire service" in a.text


def test_german_and_french_articles_keep_their_language():
    de = ("Die Regierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. "
          "Nach Angaben des Ministeriums sollen damit bis zum Jahr 2030 deutlich mehr Windräder gebaut werden. ")
    fr = ("Le gouvernement a présenté lundi un nouveau projet de loi sur les énergies renouvelables. "
          "Selon le ministère, il doit permettre de construire beaucoup plus d'éoliennes d'ici à 2030. ")
    for text, lang in ((de, "de"), (fr, "fr")):
        a = extract_article(_page("<article>" + f"<p>{text * 3}</p>" * 3 + "</article>"), "https://x.example/a")
        assert a.language == lang


def test_page_timestamp_wins_over_feed_date(seed_dir: Path):
    feed = datetime(2030, 1, 1, tzinfo=timezone.utc)
    a = extract_article((seed_dir / "lyman_article.html").read_bytes(), "https://wire.example/a",
                        feed_published_at=feed)
    assert a.published_at == datetime(2022, 10, 5, 6, 0, tzinfo=timezone.utc) and a.date_method == "page"


def test_page_metadata_accepts_a_parsed_tree(seed_dir: Path):
    from ingest.extract import _page_metadata, parse_html

    html = (seed_dir / "lyman_article.html").read_text(encoding="utf-8")
    assert _page_metadata(parse_html(html)) == _page_metadata(html)
    assert _page_metadata(html)["canonical"][0] == "https://wire.example/world/lyman-retreat"


def test_placeholder_page_dates_are_ignored():
    feed = datetime(2024, 1, 2, tzinfo=timezone.utc)
    paras = "".join(f"<p>Report {n}: {_PARA}</p>" for n in ("one", "two", "three"))
    for stamp in ("0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z"):
        head = f'<meta property="article:published_time" content="{stamp}">'
        a = extract_article(_page(f"<article>{paras}</article>", head), "https://x.example/a", feed_published_at=feed)
        assert a.published_at == feed and a.date_method == "feed"


def test_bom_and_browser_charset_rules():
    from ingest.extract import decode_html

    assert decode_html("\ufeffcafé “quoted”".encode("utf-8"), "iso-8859-1") == "café “quoted”"
    # latin-1 label, real windows-1252 bytes: curly quotes survive as browsers show them
    assert decode_html("“news” – today".encode("cp1252"), "ISO-8859-1") == "“news” – today"
    # latin-1 label over valid UTF-8: UTF-8 wins
    assert decode_html("Zürich".encode("utf-8"), "iso-8859-1") == "Zürich"
