import gzip
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ingest.errors import ExtractionFailed
from ingest.extract import decode_html, extract_article, extract_fetched, parse_datetime
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
