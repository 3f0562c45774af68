"""What a news page says about itself: headline, publication and modification times, authors,
canonical URLs, section, language, and the story text its JSON-LD carries.

trafilatura's metadata reader prefers the social-media title (``og:title``) and reads the
first date tag it meets; htmldate gives a day, not an instant. News pages disagree with
themselves often enough that eventwire gathers every candidate and checks them against
each other (issue #14, measured on ``fundus-publishers``):

- **Title**: the headline the page shows (the article's ``<h1>``), then JSON-LD ``headline``,
  then ``og:title`` / ``<title>`` with the site name and a byline cut off by rule
  (``clean_title``). An ``<h1>`` counts only when it shares most of its words with one of the
  page's declared titles, so a section banner or a logo heading is not taken for it.
- **Publication time** (``resolve_dates``): candidates from JSON-LD ``datePublished`` of the
  page's article object (not of its live-blog entries), ``article:published_time`` and the
  other publication meta tags, ``<time>`` elements, visible "Published …" text, the URL.
  Modification times (``dateModified``, ``article:modified_time``, "Updated …") are kept
  apart and stored as ``modified_at``. A wall-clock time written without an offset, or
  labelled UTC, takes the offset another candidate gives for the same wall-clock time. The
  time the page *shows* as published wins when a machine-readable stamp agrees with it; a
  publication stamp equal to the last modification loses to an earlier one (live blogs);
  a full timestamp beats a date-only tag on the same day.
- **Authors**: people, not the site's own account; "Surname, Given" (Dublin Core style) is
  turned round, never split; when the only name found is the site's, a byline paragraph at
  the head of the story ("**Name Surname/Other Name**") is read instead, and only a page
  that names no person at all is credited to the organisation it names (never to a handle
  or a profile URL).

Dates that had to be guessed are refused: ``strict_datetime`` parses a string twice with
different defaults and rejects it when a missing year, month or day would have been filled in.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable

from lxml.html import HtmlElement

# JSON-LD types whose headline, dates, authors and body are the page's own article
ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|LiveBlogPosting|NewsArticle|Posting)$")
LIVEBLOG_TYPE = "LiveBlogPosting"

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|\*|::|»|/)\s+")
_BYLINE_SEGMENT = re.compile(r"^by\s+\S", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- dates

def strict_datetime(value: str | None) -> tuple[datetime | None, bool]:
    """A date string → (datetime, has_time), or ``(None, False)`` when it cannot be read
    without guessing.

    ISO 8601 and RFC 822 are read as written. Anything else goes through dateutil twice, with
    two different default dates: if the results differ, a year, month or day was missing and
    would have been filled in from the default — that is a guess, not a date (feedparser reads
    ``2024/3/29 15:07:41`` as 1 November of the current year). The result keeps its offset;
    a value without one is naive.
    """
    if not value or not isinstance(value, str):
        return None, False
    v = " ".join(value.split())
    if not v or len(v) > 80:
        return None, False
    iso = v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)  # +0100 → +01:00
    try:
        dt = datetime.fromisoformat(iso)
        return dt, bool(re.search(r"\d[T ]\d{1,2}:\d{2}", iso))
    except ValueError:
        pass
    if re.match(r"^[A-Za-z]{3},", v):
        try:
            return parsedate_to_datetime(v), True
        except (TypeError, ValueError, IndexError):
            pass
    m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b", v)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return None, False  # 06/01/2026: 6 January or June 1? a guess either way
    try:
        from dateutil import parser as dparser

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown zone name leaves the value naive; that is handled
            a = dparser.parse(v, default=datetime(1901, 1, 1, 0, 0, 0), tzinfos=_TZINFOS)
            b = dparser.parse(v, default=datetime(1902, 2, 2, 0, 0, 0), tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None, False
    if a.date() != b.date():
        return None, False
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m\b", v, re.I))
    return a, has_time


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


def plausible(dt: datetime) -> bool:
    """Not a placeholder (CMSs write ``0001-01-01`` or ``1970-01-01``) nor in the future."""
    dt = _aware(dt)
    return datetime(1995, 1, 1, tzinfo=timezone.utc) <= dt <= datetime.now(timezone.utc) + timedelta(days=2)


@dataclass
class DateCandidate:
    """One date the page states: where it was found, what it claims, how precise it is."""

    source: str  # jsonld | meta | time | visible | url | htmldate
    kind: str  # published | modified
    value: datetime  # naive when the page gave no offset
    has_time: bool
    visible: bool = False  # shown to the reader (not only in the markup)

    @property
    def wall(self) -> tuple:
        v = self.value
        return (v.year, v.month, v.day, v.hour, v.minute) if self.has_time else (v.year, v.month, v.day)


# source priority among machine-readable publication stamps (lower wins)
_SOURCE_RANK = {"jsonld": 0, "meta": 1, "time": 2, "visible": 3, "htmldate": 4, "url": 5}

_PUB_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
             "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
             "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "citation_publication_date",
             "article.published", "originalpublicationdate")
_MOD_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified",
             "article.updated", "lastmod")

_VISIBLE_DATE = re.compile(
    r"\b(?P<label>(?:first\s+)?published|posted|publication\s+date|(?:last\s+)?updated|modified)"
    r"\s*(?:on|at)?\s*:?\s*(?P<date>[^|·•\n]{6,48})", re.I)
_UPDATED_WORDS = re.compile(r"\b(updated?|modified|edited|revised)\b", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")


def _visible_date(text: str) -> tuple[datetime | None, bool]:
    """The longest leading part of ``text`` that reads as a date without guessing."""
    words = text.strip().split()
    for n in range(min(len(words), 8), 1, -1):
        chunk = " ".join(words[:n]).rstrip(",.;")
        chunk = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", chunk)
        dt, has_time = strict_datetime(chunk)
        if dt is not None:
            return dt, has_time
    return None, False


# offsets of the zone abbreviations that news sites print after a time (hours east of UTC)
_ZONE_HOURS = {"UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
               "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "IST": 5.5, "SAST": 2, "AEST": 10, "AEDT": 11}
_TZINFOS = {k: int(v * 3600) for k, v in _ZONE_HOURS.items()}


def _time_zone_words(text: str) -> timezone | None:
    """The offset of a zone abbreviation printed after a time ("2:20pm EDT")."""
    m = re.search(r"\b(" + "|".join(_ZONE_HOURS) + r")\b", text)
    return timezone(timedelta(hours=_ZONE_HOURS[m.group(1)])) if m else None


def resolve_dates(cands: list[DateCandidate]) -> tuple[datetime | None, datetime | None, str | None]:
    """(published_at, modified_at, source of the publication time) from the page's candidates,
    following the module docstring. Naive results are returned as UTC; both are aware."""
    cands = [c for c in cands if plausible(c.value)]
    _borrow_offsets(cands)
    pubs = [c for c in cands if c.kind == "published"]
    mods = [c for c in cands if c.kind == "modified"]
    modified = _best(mods, latest=True)
    if not pubs:
        return None, modified, None
    stamps = [c for c in pubs if c.source in ("jsonld", "meta") and c.has_time and c.value.tzinfo is not None]
    shown = [c for c in pubs if c.visible and c.has_time]

    def utc(c: DateCandidate) -> datetime:
        return _aware(c.value).astimezone(timezone.utc)

    def agree(a: DateCandidate, b: DateCandidate) -> bool:
        if a.value.tzinfo is not None and b.value.tzinfo is not None:
            return abs((utc(a) - utc(b)).total_seconds()) <= 60
        return a.wall == b.wall

    # 1. the page's machine-readable publication stamps agree: done
    if stamps and all(agree(stamps[0], c) for c in stamps):
        best = min(stamps, key=lambda c: _SOURCE_RANK[c.source])
        return utc(best), modified, best.source
    # 2. they disagree: the time the page shows as published decides between them
    for s in shown:
        match = [c for c in stamps if agree(c, s)]
        if match:
            best = min(match, key=lambda c: _SOURCE_RANK[c.source])
            return utc(best), modified, best.source
    if stamps:
        pool = stamps
        # 3. a "publication" stamp equal to the last change loses to an earlier, at least as
        #    trusted one (a live blog's meta tags are rewritten with every entry)
        mod_instants = {_aware(m.value) for m in mods if m.has_time}
        same = [c for c in pool if _aware(c.value) in mod_instants]
        if same:
            earlier = [c for c in pool if c not in same and _aware(c.value) < min(_aware(x.value) for x in same)
                       and _SOURCE_RANK[c.source] <= min(_SOURCE_RANK[x.source] for x in same)]
            if earlier:
                pool = earlier
        best = min(pool, key=lambda c: _SOURCE_RANK[c.source])
        return utc(best), modified, best.source
    # 4. no full stamp in the metadata: what the page shows, then any other candidate, a
    #    timed one before a date-only one on the same day
    aware_shown = [c for c in shown if c.value.tzinfo is not None]
    if aware_shown:
        return utc(aware_shown[0]), modified, aware_shown[0].source
    pool = [c for c in pubs if c.source != "url"] or pubs
    timed = [c for c in pool if c.has_time and c.value.tzinfo is not None]
    dated = [c for c in pool if not c.has_time]
    if timed and (not dated or any(utc(t).date() == d.value.date() or t.value.date() == d.value.date()
                                   for t in timed for d in dated)):
        best = min(timed, key=lambda c: _SOURCE_RANK[c.source])
        return utc(best), modified, best.source
    visible_dates = [c for c in dated if c.visible]
    best = visible_dates[0] if visible_dates else min(pool, key=lambda c: (_SOURCE_RANK[c.source], not c.has_time))
    return utc(best), modified, best.source


def _best(cands: list[DateCandidate], latest: bool) -> datetime | None:
    if not cands:
        return None
    declared = [c for c in cands if c.source in ("jsonld", "meta")]
    cands = declared or cands  # a <time> elsewhere on the page may date another story
    timed = [c for c in cands if c.has_time] or cands
    pick = max(timed, key=lambda c: _aware(c.value)) if latest else min(timed, key=lambda c: _SOURCE_RANK[c.source])
    return _aware(pick.value).astimezone(timezone.utc)


def _borrow_offsets(cands: list[DateCandidate]) -> None:
    """A wall-clock time with no offset, or labelled UTC, takes the non-zero offset another
    candidate gives for the same wall-clock time (CMSs often write local time as if UTC)."""
    offsets: dict[tuple, timezone] = {}
    for c in cands:
        off = c.value.utcoffset() if c.value.tzinfo is not None else None
        if c.has_time and off is not None and off != timedelta(0):
            offsets.setdefault(c.wall, c.value.tzinfo)  # type: ignore[arg-type]
    for c in cands:
        if not c.has_time or c.wall not in offsets:
            continue
        off = c.value.utcoffset() if c.value.tzinfo is not None else None
        if off is None or off == timedelta(0):
            c.value = c.value.replace(tzinfo=offsets[c.wall])


# ---------------------------------------------------------------- JSON-LD

def jsonld_objects(doc: HtmlElement) -> list[dict[str, Any]]:
    """Top-level JSON-LD objects (``@graph`` members included), in page order; nested objects
    (a live blog's entries, an article's ``mainEntity``) are not top-level."""
    out: list[dict[str, Any]] = []
    for script in doc.xpath("//script[@type='application/ld+json']/text()")[:20]:
        try:
            data = json.loads(script)
        except ValueError:
            try:  # control characters inside strings are a common fault
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", script))
            except ValueError:
                continue
        for obj in data if isinstance(data, list) else [data]:
            if not isinstance(obj, dict):
                continue
            graph = obj.get("@graph")
            if isinstance(graph, list):
                out.extend(o for o in graph if isinstance(o, dict))
            else:
                out.append(obj)
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def article_objects(objs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON-LD objects that describe an article (NewsArticle, BlogPosting, LiveBlogPosting …)."""
    return [o for o in objs if any(ARTICLE_TYPES.search(t) for t in _types(o))]


def _names(value: Any) -> list[tuple[str, str]]:
    """(name, type) pairs of a JSON-LD author/publisher value."""
    out: list[tuple[str, str]] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, str) and v.strip():
            out.append((v.strip(), ""))
        elif isinstance(v, dict):
            n = v.get("name")
            if isinstance(n, list):
                n = next((x for x in n if isinstance(x, str)), None)
            if isinstance(n, str) and n.strip():
                out.append((htmllib.unescape(n.strip()), " ".join(_types(v))))
    return out


# ---------------------------------------------------------------- titles

def _norm(s: str) -> str:
    return " ".join(htmllib.unescape(s).replace("\xa0", " ").split())


def _tokens(s: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(s)]


def _overlap(a: str, b: str) -> float:
    ta, tb = set(_tokens(a)), set(_tokens(b))
    return len(ta & tb) / len(ta) if ta else 0.0


def _site_key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.casefold().removeprefix("the ").replace(".com", "").replace(".co.uk", ""))


def clean_title(title: str, site_names: Iterable[str], other_titles: Iterable[str] = ()) -> str:
    """``title`` without the site name (and section) and byline segments a page appends:
    "Headline | Site | by Name" → "Headline".

    A leading or trailing segment is cut when it is a byline ("by …"), names the site (any
    of ``site_names`` or the site name read from the domain), or — for a trailing run of
    short segments — does not occur in the other titles of the page while the rest does.
    """
    title = _norm(title)
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    seps = _TITLE_SEPARATORS.findall(title)
    keys = {_site_key(s) for s in site_names if s and _site_key(s)}

    def is_site(seg: str) -> bool:
        k = _site_key(seg)
        return bool(k) and any(k == s or (len(k) >= 4 and (k in s or s in k)) for s in keys)

    def droppable(seg: str) -> bool:
        return bool(_BYLINE_SEGMENT.match(seg)) or is_site(seg)

    # cut from the end: bylines and site names, and the short section label before a site name
    while len(parts) > 1 and droppable(parts[-1]):
        parts.pop()
        seps.pop()
        if len(parts) > 1 and not droppable(parts[-1]) and _is_label(parts[-1], parts[:-1]):
            parts.pop()
            seps.pop()
    while len(parts) > 1 and droppable(parts[0]):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, p in zip(seps, parts[1:]):
        out += sep + p
    return out.strip()


def _is_label(seg: str, rest: list[str]) -> bool:
    """A one-to-three-word section label ("World News", "National") at the end of a title."""
    words = seg.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and sum(len(p.split()) for p in rest) >= 4


def choose_title(doc: HtmlElement, ld_articles: list[dict[str, Any]], site_names: list[str],
                 metas: dict[str, list[str]] | None = None) -> str | None:
    """The headline the page shows, as the module docstring says."""
    metas = meta_tags(doc) if metas is None else metas
    declared: list[str] = []
    for o in ld_articles:
        h = o.get("headline") or o.get("name")
        if isinstance(h, str) and h.strip():
            declared.append(_norm(h))
            break
    social = [_norm(x) for x in _meta_values(metas, ("og:title", "twitter:title")) if x.strip()]
    head = doc.find("head")
    titles = head.iter("title") if head is not None else ()
    page_title = [_norm(t.text) for t in titles if t.text and t.text.strip()][:1]
    raw = declared + social + page_title
    cleaned = [clean_title(t, site_names, raw) for t in raw]
    h1s = list(doc.iter("h1"))
    in_story = [h for h in h1s if any(a.tag in ("article", "main") for a in h.iterancestors())]
    for h in in_story + [h for h in h1s if h not in in_story]:
        text = _norm(h.text_content())
        if not (10 <= len(text) <= 300) or len(text.split()) < 2:
            continue
        if not cleaned or any(_overlap(text, c) >= 0.6 for c in cleaned):
            return text
        break  # the first real heading is not the headline: trust the declared titles
    for t in cleaned:
        if t:
            return t
    return None


# ---------------------------------------------------------------- authors

_SURNAME_GIVEN = re.compile(r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?), ([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*)$")
_NAME = r"[A-Z][\w'’.-]+(?: (?:van|von|de|da|del|der|bin|al|le|la|dos|du)?\s?[A-Z][\w'’.-]+){1,3}"
_BYLINE_PARA = re.compile(rf"^(?:by\s+)?({_NAME}(?:\s*(?:/|,|&|\band\b)\s*{_NAME})*)$", re.I)


def person_name(value: str) -> str:
    """One person's name as written for reading: "Surname, Given" → "Given Surname"."""
    value = _norm(value)
    m = _SURNAME_GIVEN.match(value)
    return f"{m.group(2)} {m.group(1)}" if m else value


def is_site_account(name: str, site_names: Iterable[str]) -> bool:
    """Whether an author value is the site's own account (its name, handle or URL)."""
    n = name.strip()
    if not n or n.startswith(("@", "http://", "https://")) or "/" in n:
        return True
    k = _site_key(n)
    return any(k and (k == _site_key(s) or (len(k) >= 5 and k in _site_key(s))) for s in site_names if s)


def byline_in_body(doc: HtmlElement) -> list[str]:
    """Names from a byline paragraph at the head of the story: a short paragraph written
    wholly in bold ("**Name Surname/Other Name**"), within the first few paragraphs."""
    containers = doc.xpath("//article") or doc.xpath("//main") or [doc]
    paras = containers[0].xpath(".//p")[:6]
    for p in paras:
        text = _norm(p.text_content())
        if not text or len(text) > 80:
            continue
        bold = "".join(b.text_content() for b in p.xpath("./strong|./b"))
        if _norm(bold) != text:
            continue
        m = _BYLINE_PARA.match(text)
        if m:
            return [x.strip() for x in re.split(r"\s*(?:/|,|&|\band\b)\s*", m.group(1)) if x.strip()]
    return []


def choose_authors(doc: HtmlElement, ld_articles: list[dict[str, Any]], site_names: list[str],
                   fallback: str | None, *, people_only: bool = False,
                   metas: dict[str, list[str]] | None = None) -> str | None:
    """The article's authors as one "; "-joined string, people first (see the module docstring).
    ``people_only``: no organisation as the last resort (the caller has another source)."""
    people: list[str] = []
    orgs: list[str] = []
    for o in ld_articles[:1]:
        for name, typ in _names(o.get("author")) + _names(o.get("creator")):
            (orgs if "Organization" in typ else people).append(name)
    if not people:
        creators = _meta_values(meta_tags(doc) if metas is None else metas,
                                ("dc.creator", "citation_author", "dcterms.creator"))
        people = [person_name(m) for m in creators if m.strip()]
    if not people and fallback:
        people = [x.strip() for x in re.split(r";\s*", fallback) if x.strip()]
    named = [person_name(p) for p in people]
    # a single word is a handle or a site, not a byline (it may still be the organisation below)
    people = [p for p in named if not is_site_account(p, site_names)
              and (len(named) > 1 or " " in p or not p.isascii())]
    if not people:
        people = byline_in_body(doc)
    if not people and not people_only:
        # no person named anywhere: the organisation the page credits (never a handle or URL)
        people = [p for p in named + orgs if p and not p.startswith(("@", "http")) and "/" not in p][:1]
    seen: list[str] = []
    for p in people:
        if p and p not in seen:
            seen.append(p)
    return "; ".join(seen) or None


# ---------------------------------------------------------------- the whole page

@dataclass
class PageMeta:
    """Everything ``read_page`` finds; ``published``/``modified`` are aware UTC datetimes."""

    canonical: list[str] = field(default_factory=list)
    title: str | None = None
    authors: str | None = None
    published: datetime | None = None
    published_source: str | None = None
    modified: datetime | None = None
    section: str | None = None
    lang: str | None = None
    site_names: list[str] = field(default_factory=list)
    site_name: str | None = None  # as the page declares it (og:site_name, JSON-LD publisher)
    description: str | None = None  # meta description / og:description
    meta_author: str | None = None  # the byline meta tag, as written
    ld_body: str | None = None
    liveblog: bool = False
    liveblog_obj: dict[str, Any] | None = None  # the page's LiveBlogPosting, entries and all
    ld_articles: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD article objects, main first
    metas: dict[str, list[str]] = field(default_factory=dict)  # meta_tags(page)
    dates: list[DateCandidate] = field(default_factory=list)


def meta_tags(doc: HtmlElement) -> dict[str, list[str]]:
    """Every ``<meta>``'s content by its lower-cased name, property, itemprop or http-equiv
    (one pass over the page's meta elements, read by every rule here)."""
    out: dict[str, list[str]] = {}
    for m in doc.iter("meta"):
        content = m.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            k = m.get(attr)
            if k:
                out.setdefault(k.strip().lower(), []).append(content)
    return out


def _meta_values(metas: dict[str, list[str]], keys: Iterable[str]) -> list[str]:
    return [v for k in keys for v in metas.get(k, ())]


def date_candidates(doc: HtmlElement, ld_articles: list[dict[str, Any]], url: str | None,
                    metas: dict[str, list[str]] | None = None) -> list[DateCandidate]:
    """Every publication and modification date the page states (see ``resolve_dates``)."""
    cands: list[DateCandidate] = []
    metas = meta_tags(doc) if metas is None else metas

    def add(source: str, kind: str, value: Any, visible: bool = False) -> None:
        if isinstance(value, str):
            dt, has_time = strict_datetime(value)
            if dt is not None:
                cands.append(DateCandidate(source, kind, dt, has_time, visible))

    for o in ld_articles[:1]:
        add("jsonld", "published", o.get("datePublished") or o.get("dateCreated"))
        add("jsonld", "modified", o.get("dateModified"))
    for v in _meta_values(metas, _PUB_META):
        add("meta", "published", v)
    for v in _meta_values(metas, _MOD_META):
        add("meta", "modified", v)
    if _stamps_settle(cands):
        return cands  # the page's metadata agrees with itself: nothing shown can change it
    all_times = list(doc.iter("time"))
    times = [t for t in all_times if any(a.tag in ("article", "main") for a in t.iterancestors())] or all_times
    for t in times[:12]:
        shown = _norm(t.text_content())
        prev = t.getprevious()
        label = (prev.tail if prev is not None else (t.getparent().text if t.getparent() is not None else "")) or ""
        marks = " ".join(filter(None, (shown, t.get("class"), t.get("itemprop"), label[-30:])))
        kind = "modified" if _UPDATED_WORDS.search(marks) or t.get("itemprop") == "dateModified" else "published"
        dt_shown, shown_time = _visible_date(shown) if shown else (None, False)
        if t.get("datetime"):
            dt, has_time = strict_datetime(t.get("datetime"))
            if dt is not None:
                # a <time> whose text shows the same day is what the reader sees as the date
                days = (dt.date(), _aware(dt).astimezone(timezone.utc).date())
                seen = dt_shown is not None and dt_shown.date() in days
                cands.append(DateCandidate("time", kind, dt, has_time, visible=seen))
                continue
        if dt_shown is not None:
            tz = _time_zone_words(shown)
            if tz is not None and dt_shown.tzinfo is None:
                dt_shown = dt_shown.replace(tzinfo=tz)
            cands.append(DateCandidate("visible", kind, dt_shown, shown_time, True))
    body_text = _visible_head_text(doc)
    for m in _VISIBLE_DATE.finditer(body_text):
        dt, has_time = _visible_date(m.group("date"))
        if dt is None:
            continue
        tz = _time_zone_words(m.group("date"))
        if tz is not None and dt.tzinfo is None:
            dt = dt.replace(tzinfo=tz)
        label = m.group("label").lower()
        kind = "modified" if ("updated" in label or "modified" in label) else "published"
        cands.append(DateCandidate("visible", kind, dt, has_time, True))
    if url:
        m = _URL_DATE.search(url)
        if m:
            try:
                cands.append(DateCandidate("url", "published", datetime(int(m[1]), int(m[2]), int(m[3])), False))
            except ValueError:
                pass
    return cands


def _stamps_settle(cands: list[DateCandidate]) -> bool:
    """Whether the JSON-LD/meta publication stamps (full, with offset) agree to the minute."""
    stamps = [c for c in cands if c.kind == "published" and c.has_time and c.value.tzinfo is not None
              and plausible(c.value)]
    if not stamps:
        return False
    first = _aware(stamps[0].value)
    return all(abs((_aware(c.value) - first).total_seconds()) <= 60 for c in stamps) and \
        not any(c.kind == "published" and c.value.tzinfo is None and c.has_time for c in cands)


def _visible_head_text(doc: HtmlElement, limit: int = 200_000) -> str:
    """The text of the page's body, one text node per line (the first ``limit`` characters),
    where "Published 6 March 2024 · Last updated …" lines are looked for. Script text is
    included: a JSON string there does not read as a date, and would be the page's own."""
    body = doc.find("body")
    if body is None:
        return ""
    out, size = [], 0
    for t in body.itertext():
        t = t.strip()
        if t:
            out.append(t)
            size += len(t)
            if size > limit:
                break
    return "\n".join(out)


def read_page(doc: HtmlElement, url: str | None = None) -> PageMeta:
    """One read-only pass over a parsed page; see the module docstring for the rules."""
    out = PageMeta()
    metas = out.metas = meta_tags(doc)
    for link in doc.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            out.canonical.append(link.get("href"))
    out.canonical += metas.get("og:url", [])
    objs = jsonld_objects(doc)
    arts = article_objects(objs)
    # the page's main article: the one with a headline and a body or dates, first in page order
    arts.sort(key=lambda o: 0 if (o.get("headline") and (o.get("datePublished") or o.get("articleBody"))) else 1)
    out.liveblog = any(LIVEBLOG_TYPE in _types(o) for o in arts[:1])
    out.ld_articles = arts
    sites = [x for x in _meta_values(metas, ("og:site_name", "application-name", "apple-mobile-web-app-title",
                                             "twitter:site")) if x.strip()]
    for o in arts[:1] + [o for o in objs if any(t in ("WebSite", "Organization", "NewsMediaOrganization")
                                                 for t in _types(o))]:
        sites += [n for n, _t in _names(o.get("publisher"))]
        if "WebSite" in _types(o) or "Organization" in _types(o) or "NewsMediaOrganization" in _types(o):
            n = o.get("name")
            if isinstance(n, str):
                sites.append(n)
    for u in [url or ""] + out.canonical:
        m = re.match(r"https?://(?:www\.|m\.|edition\.)?([^/:]+)", u or "")
        if m:
            sites.append(m.group(1).split(".")[0])
            sites.append(m.group(1))
    declared_site = next((x.strip() for x in sites if x.strip() and not x.strip().startswith(("@", "http"))), None)
    out.site_name = declared_site
    out.site_names = [s.lstrip("@") for s in sites if s]
    descs = _meta_values(metas, ("description", "og:description", "twitter:description"))
    out.description = next((_norm(d) for d in descs if d.strip()), None)
    bylines = _meta_values(metas, ("author", "byl", "parsely-author", "sailthru.author", "article:author",
                                   "dc.creator"))
    out.meta_author = next((_norm(b) for b in bylines if b.strip() and not b.strip().startswith(("http", "@"))), None)
    out.title = choose_title(doc, arts, out.site_names, metas)
    out.dates = date_candidates(doc, arts, url, metas)
    out.published, out.modified, out.published_source = resolve_dates(out.dates)
    if out.liveblog:
        out.liveblog_obj = arts[0]
    for o in arts[:1]:
        body = o.get("articleBody")
        if isinstance(body, str) and body.strip():
            out.ld_body = _ld_text(body)
    sections = [c.strip() for c in _meta_values(metas, ("article:section", "section", "articlesection"))]
    crumbs: list[str] = []
    for o in objs:
        sec = o.get("articleSection")
        if isinstance(sec, list):
            sec = next((x for x in sec if isinstance(x, str)), None)
        if isinstance(sec, str):
            sections.append(sec.strip())
        if "BreadcrumbList" in _types(o) and isinstance(o.get("itemListElement"), list):
            for item in o["itemListElement"]:
                name = item.get("name") if isinstance(item, dict) else None
                if name is None and isinstance(item, dict) and isinstance(item.get("item"), dict):
                    name = item["item"].get("name")
                if isinstance(name, str):
                    crumbs.append(name.strip())
    crumbs = [c for c in crumbs if c and c.lower() not in ("home", "homepage", "news")]
    out.section = next((x for x in sections + crumbs[:1] if x), None)
    root = doc.getroottree().getroot()
    langs = ([root.get("lang")] if root is not None and root.get("lang") else []) + metas.get("content-language", [])
    lang = next((x.strip() for x in langs if x and x.strip()), None)
    out.lang = lang.split("-")[0].split("_")[0].lower() if lang else None
    return out


def _ld_text(body: str) -> str:
    """JSON-LD ``articleBody`` as plain text: entities decoded, any markup dropped, one
    paragraph per line."""
    body = htmllib.unescape(body)
    if "<" in body and ">" in body:
        body = re.sub(r"(?i)</p>|<br\s*/?>", "\n", body)
        body = re.sub(r"<[^>]+>", "", body)
    lines = [" ".join(x.split()) for x in body.splitlines()]
    return "\n".join(x for x in lines if x)
