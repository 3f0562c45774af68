"""HTML → ``Article``: main text and metadata, the same function for the CLI and the flow.

Main text is a small cascade over trafilatura, measured on the Zyte article-extraction
benchmark (``benchmarks/extraction.py``):

1. trafilatura in *precision* mode without its external fallbacks (``fast``): the
   cleanest text, and the quickest pass.
2. Only when that pass looks collapsed — fewer than ``SECOND_OPINION_WORDS`` words — a
   second opinion: trafilatura's full cascade in precision mode (it compares its result
   with readability and jusText), and if that is no bigger, the balanced mode (which also
   tries trafilatura's baseline rescue). A bigger answer wins only when it is clearly
   bigger (``RESCUE_FACTOR``), so a page dump does not displace a short real article.

Precision mode alone cuts boilerplate (bylines, teasers, link lists) that the default mode
keeps, but collapses to a few words on some layouts; the second opinion repairs exactly
those, on few pages, so the whole costs less than one default trafilatura call.

The page is parsed once; metadata comes from trafilatura's metadata extractor (title,
author, site name, description, its date guess) plus two things it does not give: the
full publication *timestamp* (trafilatura keeps only the day), read from the page's
``article:published_time`` / JSON-LD ``datePublished`` / ``<time>``, and the language,
detected offline with py3langid.

Never hand trafilatura or htmldate a URL as *content*: they would download it. The
``url`` argument below is only metadata.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura import metadata as tmeta
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import load_html

from ingest.body import drop_boilerplate, liveblog_text, restore_paragraphs, standfirst
from ingest.errors import ExtractionFailed
from ingest.pagemeta import PageMeta, plausible, read_page
from ingest.pagemeta import choose_authors as _choose_authors
from ingest.texts import text_hash
from ingest.timeparse import parse_datetime
from ingest.topics import DEFAULT_CODED, article_gate
from ingest.urls import article_id, choose_canonical, domain_of
from schemas.models import Article

EXTRACT_VERSION = "extract-3"

# A first pass shorter than this gets a second opinion (see the module docstring).
SECOND_OPINION_WORDS = 100
# A second opinion replaces the first pass only when it is at least this much longer.
RESCUE_FACTOR = 1.5
# JSON-LD articleBody replaces the HTML text when it is at least this much longer (a page
# that renders its story with JavaScript sends an empty container; see ingest/body.py)
LD_BODY_FACTOR = 1.5

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


# Browsers decode these labels as windows-1252 (WHATWG Encoding): curly quotes and dashes
# in 0x80-0x9F would otherwise become invisible control characters.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
                   "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Bytes → text: a byte-order mark, then the HTTP header's charset, then the page's
    ``<meta>``, then detection — the order browsers use.

    A header that says latin-1 (or ascii) over bytes that are valid UTF-8 is a common
    server misconfiguration: UTF-8 wins then, since latin-1 can decode anything and would
    silently garble every accented letter.
    """
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared.strip().lower())
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace").strip().lower())
    for enc in candidates:
        enc = _WHATWG_ALIASES.get(enc, enc)
        if enc == "cp1252":
            try:
                return body.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return body.decode(best.encoding, errors="replace")
    except Exception:  # detection is a best effort; fall through
        pass
    return body.decode("utf-8", errors="replace")


def _page_metadata(html: str | HtmlElement) -> dict[str, Any]:
    """Canonical URLs, publication timestamp, section and declared language of a page (a
    cheap lxml pass; ``ingest.pagemeta.read_page`` has the rules). Takes the page's text or
    its already parsed tree (which it only reads)."""
    if isinstance(html, HtmlElement):
        doc = html
    else:
        try:
            doc = lxml.html.document_fromstring(html[:2_000_000])
        except (ValueError, lxml.etree.ParserError):
            return {"canonical": [], "published": None, "section": None, "lang": None}
    m = read_page(doc)
    return {"canonical": m.canonical, "published": m.published, "section": m.section, "lang": m.lang}


def _plausible(dt: datetime) -> bool:
    """Not a placeholder (CMSs write ``0001-01-01`` or ``1970-01-01``) nor in the future."""
    return plausible(dt)


# py3langid misreads short English (a one-line note comes out as "pcm" or "la"): below this
# many characters, or under this probability, the identifier is not trusted.
LANGID_MIN_CHARS = 200
LANGID_MIN_PROB = 0.9
LANGID_OVERRIDE_PROB = 0.999


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``: the page's declared language first (``<html lang>``),
    else py3langid (offline) when the text is long enough and the identifier sure enough,
    else English — the language of the model, and of most short wire notes.

    ``None`` only for an empty text."""
    if not text or not text.strip():
        return declared or None
    if len(text) < LANGID_MIN_CHARS:
        return declared or "en"
    lang, prob = _langid().classify(text[:2000])
    if declared and re.fullmatch(r"[a-z]{2,3}", declared):
        # a template's lang attribute is sometimes wrong (an English story in a French
        # edition's shell): only a near-certain reading of a long text overrides it
        return lang if lang != declared and prob >= LANGID_OVERRIDE_PROB else declared
    return lang if prob >= LANGID_MIN_PROB else "en"


@functools.lru_cache(maxsize=1)
def _langid() -> Any:
    """py3langid's identifier with normalised probabilities (its module-level one gives raw scores)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def url_section(url: str | None) -> str | None:
    """The first path segment of an article URL when it reads as a section ("/sport/…")."""
    if not url:
        return None
    m = re.match(r"https?://[^/]+/([a-z][a-z\-]{2,30})/", url)
    return m.group(1) if m and not m.group(1).isdigit() else None


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _text_pass(tree: HtmlElement, url: str, **mode: bool) -> str:
    """One trafilatura text pass over a parsed page ("" when it finds nothing)."""
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, with_metadata=False, **mode)
    except Exception:  # trafilatura raises assorted parser errors on odd input; another pass may cope
        return ""
    return (doc.text if doc is not None else None) or ""


def choose_authors(tree: HtmlElement, meta: PageMeta, fallback: str | None) -> str | None:
    """The article's people (``ingest.pagemeta.choose_authors``), from the page's JSON-LD
    article, its Dublin Core creators, else trafilatura's byline reading ``fallback``."""
    return _choose_authors(tree, meta.ld_articles, meta.site_names, fallback, metas=meta.metas)


def main_text(tree: HtmlElement, url: str | None = None, meta: PageMeta | None = None,
              authors: str | None = None) -> tuple[str, str]:
    """The page's main text and how it was found (``precision``, ``cascade``, ``balanced``,
    ``liveblog``, ``jsonld``), following the module docstring. ``tree`` is not modified;
    ``meta`` is the page's ``read_page`` (read here when not given), ``authors`` the credited
    names ("; "-joined) whose bio lines are not the story."""
    if meta is None:
        meta = read_page(tree, url)
    text, method = _html_text(tree, url)
    text = standfirst(tree, restore_paragraphs(tree, text))
    words = _words(text)
    live = liveblog_text(meta.liveblog_obj, text) if meta.liveblog_obj else None
    if live and _words(live) >= RESCUE_FACTOR * words:
        text, method = live, "liveblog"
    elif meta.ld_body and _words(meta.ld_body) >= LD_BODY_FACTOR * max(words, 1):
        text, method = meta.ld_body, "jsonld"
    return drop_boilerplate(text, (authors or "").split("; ")), method


def _html_text(tree: HtmlElement, url: str | None) -> tuple[str, str]:
    """trafilatura's cascade (module docstring, steps 1-2)."""
    text = _text_pass(tree, url, fast=True, favor_precision=True)
    words = _words(text)
    if words >= SECOND_OPINION_WORDS:
        return text, "precision"
    cascade = _text_pass(tree, url, fast=False, favor_precision=True)
    if _words(cascade) >= max(RESCUE_FACTOR * words, 1):
        return cascade, "cascade"
    balanced = _text_pass(tree, url, fast=True)
    if _words(balanced) >= max(RESCUE_FACTOR * words, 1):
        return balanced, "balanced"
    return text, "precision"


def _site_from_url(url: str) -> str | None:
    """The host of an article URL as its site name when the page names none ("news.example")."""
    m = tmeta.META_URL.match(url or "")
    return m[1] if m else None


def parse_html(html: str) -> HtmlElement | None:
    """The page's lxml tree as trafilatura parses it (``None`` if it is not HTML)."""
    try:
        return load_html(html)
    except (TypeError, ValueError, lxml.etree.ParserError):
        return None


def extract_article(
    html: str | bytes,
    url: str,
    *,
    encoding: str | None = None,
    fetched_at: datetime | None = None,
    feed_published_at: datetime | None = None,
    feed_title: str | None = None,
    trust_canonical: str = "same-site",
    min_words: int = 20,
    event_topics: tuple[str, ...] = DEFAULT_CODED,
) -> Article:
    """Extract one article from a page; raise ``ExtractionFailed`` if there is no text.

    ``event_topics`` are the topics whose events are coded (``ingest.topics``); for any other
    article the gate's reason is stored in ``events_gate``. The publication date is the page's
    own (``date_method='page'``), else the feed's (``'feed'``), else unknown.
    """
    if isinstance(html, bytes):
        html = decode_html(html, encoding)
    if not html.strip():
        raise ExtractionFailed("empty page")
    tree = parse_html(html)
    if tree is None:
        raise ExtractionFailed("not parseable as HTML")
    # read-only passes over the tree first: the text passes work on copies
    meta = read_page(tree, url)
    people = _choose_authors(tree, meta.ld_articles, meta.site_names, meta.meta_author, people_only=True,
                             metas=meta.metas)
    # trafilatura's readings only of what the page's own metadata did not say: a byline in the
    # HTML, the title from its headings, htmldate's date (original_date: the publication)
    doc = Document()
    try:
        if people is None:
            doc.author = tmeta.extract_author(tree)
        if meta.title is None:
            doc.title = tmeta.extract_title(tree)
        if meta.published is None:
            params = set_date_params(False)
            params["url"] = url if url.startswith(("http://", "https://")) else None
            doc.date = tmeta.find_date(tree, **params)
    except Exception:  # metadata is a best effort; the text still counts
        pass
    author = people or choose_authors(tree, meta, doc.author or None)
    text, _method = main_text(tree, url, meta, author)
    words = _words(text)
    if words < min_words:
        raise ExtractionFailed(f"only {words} words of main text (minimum {min_words})")

    if url.startswith("file:"):
        trust_canonical = "always"  # a saved page: its own canonical link is its address
    canonical = choose_canonical(url, meta.canonical, trust_canonical)
    published = meta.published
    date_method = "page" if published else None
    if published is None and doc.date:
        published = parse_datetime(doc.date)
        if published is not None and not _plausible(published):
            published = None
        if published is not None and meta.modified is not None and published.date() == meta.modified.date():
            published = None  # htmldate fell back on the modification date: not a publication date
        date_method = "page" if published else None
    if published is None and feed_published_at is not None:
        published, date_method = feed_published_at, "feed"
    modified = meta.modified
    if modified is not None and published is not None and modified < published:
        modified = None  # a "modification" before publication is a mislabelled date, not a change

    section = meta.section or url_section(canonical)
    title = meta.title or doc.title or feed_title
    return Article(
        article_id=article_id(canonical),
        url=url,
        canonical_url=canonical,
        domain=domain_of(canonical),
        title=title,
        author=author,
        published_at=published,
        language=detect_language(text, meta.lang),
        text=text,
        text_hash=text_hash(text),
        word_count=words,
        description=meta.description,
        site_name=meta.site_name or _site_from_url(canonical),
        date_method=date_method,
        fetched_at=fetched_at,
        section=section,
        events_gate=article_gate(section, title, text, event_topics),
        modified_at=modified,
    )


def extract_fetched(fetched: list, *, trust_canonical: str = "same-site", min_words: int = 20,
                    event_topics: tuple[str, ...] = DEFAULT_CODED) -> tuple[list[Article], list[dict[str, Any]]]:
    """Extract every successfully fetched page; failures come back as records, not raises."""
    articles: list[Article] = []
    failures: list[dict[str, Any]] = []
    for f in fetched:
        if not f.ok:
            continue
        try:
            articles.append(extract_article(
                f.body, f.final_url, encoding=f.encoding, fetched_at=f.fetched_at,
                feed_published_at=f.candidate.feed_published_at, feed_title=f.candidate.feed_title,
                trust_canonical=trust_canonical, min_words=min_words, event_topics=event_topics,
            ))
        except ExtractionFailed as e:
            failures.append({"stage": "extract", "url": f.final_url, "error": type(e).__name__,
                             "error_message": str(e)})
    return articles, failures
