"""The whole article body: what trafilatura's precision pass leaves out, put back; what it
lets through, taken out. Rules that hold across publishers (issue #14):

- **Paragraphs restored** (``restore_paragraphs``). trafilatura's precision mode finds the
  article's container but drops prose paragraphs that carry a few links (BBC: 9 of 49), and
  it keeps only one container when an advertisement splits the story into sibling blocks of
  the same kind (POLITICO: 129 of 936 words). The paragraphs it did keep locate the story's
  container (their lowest common ancestor); sibling blocks of the same tag and class are the
  rest of the story. Their prose paragraphs that the pass dropped come back in page order,
  when they read as prose: at least ``MIN_RESTORE_WORDS`` words, ending like a sentence,
  at least three words outside links (a paragraph may be mostly one link: "It also
  <a>co-ordinates military plans</a>."), outside ``aside``/``figure``/``nav``/``footer``
  and blocks whose class names an ad, a promo, a newsletter, related links or comments.
- **The standfirst** (``standfirst``): the meta description comes first when the page shows it
  as an element of its own and the pass left it out.
- **Live blogs** (``liveblog_text``): a ``LiveBlogPosting``'s entries (JSON-LD
  ``liveBlogUpdate``) in page order, each headline and body, when they hold more text than
  the HTML pass found.
- **Lines that are not the story** (``drop_boilerplate``): teaser rails ("More from …",
  "Read more: …", a closing run of "CAPITAL LABEL: teaser" lines), widgets ("Most popular",
  "swipe left", and everything after a widget's own heading such as "Popular" or "Read next"
  in the last part of the text), newsletter sign-ups and "follow us" lines, comment prompts, photo credits,
  an embedded post's attribution line, "X contributed to this report" credit lines, editor's
  notes about the article ("This article was updated on … to correct …"), the byline's
  "Published … · Updated …" line, and an author's bio after the story (a line that names a
  credited author and reads as a bio: "… is a reporter", "has covered …").
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from lxml.html import HtmlElement

MIN_RESTORE_WORDS = 10
_PROSE_TAGS = ("p",)
_KEEP_OUT = {"aside", "figure", "figcaption", "nav", "footer", "header", "form", "button", "noscript", "script",
             "style", "template"}
_BOILER_CLASS = re.compile(r"(^|[\s_-])(ad|ads|advert\w*|promo\w*|newsletter\w*|related\w*|recommend\w*|"
                           r"teaser\w*|share\w*|social\w*|subscribe\w*|signup|sign-up|comment\w*|byline|"
                           r"author-bio|bio|caption|outbrain|taboola|most-popular|popular)($|[\s_-])", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


def _key(s: str, size: int = 80) -> str:
    """A paragraph's identity for matching: its first letters and digits, case folded."""
    return re.sub(r"\W+", "", s[:size * 3].casefold())[:size]


def _boilerplate_ancestor(el: HtmlElement, stop: HtmlElement) -> bool:
    node = el
    while node is not None and node is not stop:
        if not isinstance(node.tag, str) or node.tag in _KEEP_OUT:
            return True
        if _BOILER_CLASS.search(" ".join(filter(None, (node.get("class"), node.get("id"))))):
            return True
        node = node.getparent()
    return False


def _prose(el: HtmlElement) -> str | None:
    """The paragraph's text when it reads as a story paragraph, else None."""
    text = _norm(el.text_content())
    if len(text.split()) < MIN_RESTORE_WORDS or not _SENTENCE_END.search(text):
        return None
    link_words = sum(len(a.text_content().split()) for a in el.iter("a"))
    if len(text.split()) - link_words < 3:  # a link with a full stop after it is a teaser, not prose
        return None
    return text


def _lca(nodes: list[HtmlElement]) -> HtmlElement | None:
    paths = []
    for n in nodes:
        path = []
        while n is not None:
            path.append(n)
            n = n.getparent()
        paths.append(path[::-1])
    lca = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            lca = level[0]
        else:
            break
    return lca


def _signature(el: HtmlElement) -> tuple[str, str]:
    return el.tag, " ".join(sorted((el.get("class") or "").split()))


def restore_paragraphs(tree: HtmlElement, text: str) -> str:
    """``text`` (one paragraph per line, as trafilatura gives it) with the story's dropped
    prose paragraphs put back in page order; see the module docstring."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    line_keys = {_key(line): i for i, line in enumerate(lines) if len(line.split()) >= 4}
    elements = [el for el in tree.iter(*_PROSE_TAGS)]
    matched: dict[int, int] = {}  # element index -> line index
    for idx, el in enumerate(elements):
        k = _key(el.text_content())
        if k and k in line_keys:
            matched[idx] = line_keys[k]
    if len(matched) < 2:
        return text
    anchor = _lca([elements[i] for i in matched])
    if anchor is None or anchor.tag in ("html", "body"):
        return text
    blocks = [anchor]
    node = anchor
    for _ in range(3):  # the story split into sibling blocks of one kind (an ad between them)
        parent = node.getparent()
        if parent is None or parent.tag in ("html", "body"):
            break
        same = [s for s in parent if isinstance(s.tag, str) and s is not node and _signature(s) == _signature(node)
                and _signature(node)[1]]
        if same:
            blocks = [s for s in parent if s is node or s in same]
            break
        node = parent
    inside = set()
    for b in blocks:
        inside.update(id(e) for e in b.iter(*_PROSE_TAGS))
    inserts: dict[int, list[str]] = {}
    last_line = -1
    have = set(line_keys) | {_key(line) for line in lines if len(line.split()) < 4}
    added = 0
    for idx, el in enumerate(elements):
        if idx in matched:
            last_line = max(last_line, matched[idx])
            continue
        if id(el) not in inside:
            continue
        block = next((b for b in blocks if _contains(b, el)), None)
        if block is None or _boilerplate_ancestor(el, block):
            continue
        para = _prose(el)
        if para is None or _key(para) in have:
            continue
        have.add(_key(para))
        inserts.setdefault(last_line, []).append(para)
        added += 1
    if not added:
        return text
    out = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
    return "\n".join(out)


def _contains(block: HtmlElement, el: HtmlElement) -> bool:
    node = el
    while node is not None:
        if node is block:
            return True
        node = node.getparent()
    return False


def standfirst(tree: HtmlElement, text: str) -> str:
    """``text`` with the page's standfirst first, when the pass left it out: the meta
    description, if the page also shows it as an element of its own in the body (outside
    asides, figures, navigation and footers) and it reads as a sentence or two."""
    descs = tree.xpath("//meta[@name='description' or @property='og:description']/@content")
    desc = next((_norm(d) for d in descs if len(_norm(d).split()) >= 6), None)
    if not desc or len(desc) > 400 or _key(desc, 60) in _key(text, 3000):
        return text
    body = tree.find("body")
    if body is None:
        return text
    # text nodes that start the description, then their element's whole text (cheap in libxml2)
    head = desc[:40]
    for node in body.xpath(".//text()[contains(., $h)]", h=head)[:5]:
        el = node.getparent()
        while el is not None and el is not body and len(_norm(el.text_content())) < len(desc):
            el = el.getparent()  # the description split over inline elements
        if el is None or el is body or el.tag in ("script", "style", "noscript", "template", "a", "button"):
            continue
        if _norm(el.text_content()) == desc and not _boilerplate_ancestor(el, body):
            return desc + "\n" + text
    return text


def liveblog_text(obj: dict[str, Any], html_text: str = "") -> str | None:
    """A JSON-LD ``LiveBlogPosting``'s entries as text, oldest first — None without entries,
    or when ``html_text`` (the HTML pass) already holds the entries the page shows: then the
    page's own selection stands (the JSON-LD often lists every entry ever posted)."""
    from ingest.pagemeta import _ld_text

    updates = obj.get("liveBlogUpdate")
    if isinstance(updates, dict):
        updates = [updates]
    if not isinstance(updates, list):
        return None
    entries = []
    for u in updates:
        if not isinstance(u, dict):
            continue
        body = u.get("articleBody") or u.get("text")
        if not isinstance(body, str) or not body.strip():
            continue
        head = u.get("headline")
        when = u.get("datePublished") if isinstance(u.get("datePublished"), str) else ""
        part = _ld_text(body)
        if isinstance(head, str) and head.strip() and not part.startswith(head.strip()[:40]):
            part = _ld_text(head) + "\n" + part
        entries.append((when, part))
    if not entries:
        return None
    have = _key(html_text, len(html_text))
    found = sum(1 for _, p in entries if len(_key(p, 60)) >= 30 and _key(p, 60) in have)
    if found >= 2:
        return None
    if all(w for w, _ in entries):
        entries.sort(key=lambda e: e[0])
    return "\n".join(p for _, p in entries)


# ------------------------------------------------------------------ lines that are not the story

_BOILER_LINES = [
    re.compile(r"^(more from|read more|read also|also read|see also|related (stories|articles|content|coverage)|"
               r"recommended( for you| stories)?|most (popular|read|viewed)|popular now|trending now)\b", re.I),
    re.compile(r"\bswipe (left|right)\b", re.I),
    re.compile(r"\b(sign(ing)? up|subscrib\w*)\b.{0,60}\bnewsletters?\b|\bnewsletters?\b.{0,60}\b(sign up|subscribe)\b",
               re.I),
    re.compile(r"\b(join|read) (our|the) (commenting forum|conversation|comments?)\b", re.I),
    re.compile(r"\bcomments? (are|have been) (closed|disabled|open)\b|\bleave a comment\b", re.I),
    re.compile(r"^[\w.'’ ,-]{3,80}\s+contributed (reporting|to this (report|story|article))\b", re.I),
    re.compile(r"^(additional )?reporting (by|from)\b.{0,120}$", re.I),
    re.compile(r"^(sign up|subscribe)\b|^(follow|like) (us|[\w.]+) on\b|^got a (story|news tip)\b|"
               r"\bget in touch with (our|the) (news )?(team|desk)\b|^for (more|the latest) (stories|news)\b|"
               r"^more\s*:|^click here\b|^pictured\b", re.I),
    re.compile(r"\b(before commenting|log ?in to comment|please log ?out)\b", re.I),
    re.compile(r"^(photo|image|picture|video|graphic)s?( credit)?\s*:\s*\S.{0,60}$", re.I),
    re.compile(r"^[—–-]\s.{1,80}\(@\w{1,15}\)\s+\w+ \d{1,2},? \d{4}$"),  # an embedded post's attribution
    # editor's notes about the article itself, and the byline's date line
    re.compile(r"^(this (article|story|report|post|piece) (was|has been) (updated|amended|corrected|changed)|"
               r"(correction|clarification|editor'?s note|update)\s*[:(—–-])", re.I),
    re.compile(r"^(first )?(published|posted|updated|last updated)\b[^.!?]{0,60}\d[^.!?]{0,40}$", re.I),
]
MAX_BOILER_WORDS = 45
_SHORT_ONLY = (0, 1, 3, 4, 6, 7, 8, 10, 11)  # these patterns mark a whole line only when the line is short
_SHORT = re.compile("|".join(f"(?:{p.pattern})" for j, p in enumerate(_BOILER_LINES) if j in _SHORT_ONLY), re.I)
_ANY_LENGTH = re.compile("|".join(f"(?:{p.pattern})" for j, p in enumerate(_BOILER_LINES) if j not in _SHORT_ONLY),
                         re.I)
_RAIL_HEADING = re.compile(r"^(?:(most )?(popular|read|viewed|shared)( now| stories| articles)?|"
                           r"trending( now| stories)?|"
                           r"related( stories| articles| coverage| content)?|recommended( for you| stories)?|"
                           r"read next|up next|you (may|might) also like|more (stories|news|to read)|"
                           r"editor'?s picks|top stories|latest( news| stories)?)\s*:?$", re.I)
_DOUBLED = re.compile(r"^(.{12,200}) \1$")
_CAPS_LABEL = re.compile(r"^[A-Z0-9][A-Z0-9 '’,.&-]{2,40}[?:]\s+\S")
_BIO_WORDS = re.compile(r"\b(journalist|reporter|correspondent|editor|writer|columnist|veteran|award-winning|"
                        r"has (covered|written|reported)|joined \S+ in \d{4}|previously (worked|was|served)|"
                        r"makes frequent appearances|is the author of)\b", re.I)
_BIO_VERBS = r"(is|was) (a|an|the)\b|covers\b|writes\b|reports on\b|has (been|written|reported)\b"


def drop_boilerplate(text: str, authors: Iterable[str] = ()) -> str:
    """``text`` without the lines the module docstring lists; story lines are left alone."""
    names = [a.strip() for a in authors if a and len(a.split()) >= 2]
    bio = re.compile(rf"^({'|'.join(re.escape(n) for n in names)})\s+({_BIO_VERBS})", re.I) if names else None
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        words = s.count(" ") + 1
        # a paragraph of more than MAX_BOILER_WORDS words is story, whatever it mentions
        hit = words <= MAX_BOILER_WORDS and (bool(_ANY_LENGTH.search(s)) or (words <= 25 and bool(_SHORT.search(s))))
        if not hit and i >= len(lines) // 2 and words <= 80 and names:
            if (bio is not None and bio.search(s)) or (_BIO_WORDS.search(s) and any(
                    re.search(rf"\b{re.escape(part)}\b", s) for n in names for part in n.split() if len(part) > 2)):
                hit = True  # the author's bio, after the story
        if not hit:
            out.append(line)
    # a widget's heading late in the text ("Popular", "Read next"): the rest is the widget
    for i in range(len(out) - 1, max(len(out) * 3 // 5, 1) - 1, -1):
        if _RAIL_HEADING.match(out[i].strip()):
            out = out[:i]
            break
    out = [x for x in out if not _DOUBLED.match(x.strip())]  # a teaser's title written twice
    # a teaser rail at the end: two or more lines that each open with a capitalised label
    while len(out) >= 2 and all(_CAPS_LABEL.match(x.strip()) for x in out[-2:]):
        n = 2
        while n < len(out) and _CAPS_LABEL.match(out[-n - 1].strip()):
            n += 1
        if n >= len(out) - 1:
            break
        out = out[:-n]
    return "\n".join(out)
