"""Relative and absolute date expressions resolved against the publication date.

News copy dates events relative to the day it is published: "Tuesday" in a Wednesday
article is yesterday, "over the weekend" is the last Saturday–Sunday, "two days later" is
two days after the last date the article mentioned. Every hit carries a precision
(day/week/month/year) and a range ``[start, end]``; ``event_date`` is the range start.

Weekday names always point back (news reports what happened), a weekday equal to the
publication weekday is the publication day itself; "last Monday" is never today or yesterday
(a week further back). Month-day dates without a year take the
latest year that does not put them more than a week after publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": 3, "a few": 3}


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression found in text and what it resolves to."""

    text: str
    start: int  # char offsets in the searched string
    end: int
    date: date
    end_date: date
    precision: str  # day / week / month / year
    relative_to_previous: bool = False  # "two days later": anchored on an earlier date
    # "the Feb. 14 shooting" weeks before publication: the date names that event, and dates it
    # alone, not the sentence's other acts ("tried to implicate Pakistan in the April 22 attack")
    names_event: bool = False


MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUM_RE = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|a few)"
_WD_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("md", re.compile(rf"\b{MONTH_RE}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}\b\.?(?:,?\s+(\d{{4}}))?", re.I)),
    ("weekend", re.compile(r"\b(over|at|during|on)?\s*(the|this|last)\s+weekend\b", re.I)),
    ("later", re.compile(rf"\b{_NUM_RE}\s+(day|week|month|year)s?\s+(later|after)\b", re.I)),
    # "the same day", "just hours after", "the next day": on the day an earlier sentence dated
    ("sameday", re.compile(r"\b(?:(the\s+same\s+day|that\s+same\s+day)|((?:just|only|a\s+few|several|mere|within)\s+"
                           r"hours\s+(?:later|after)|hours\s+later)|(the\s+(?:next|following)\s+day))\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM_RE}\s+(day|week|month|year)s?\s+ago\b", re.I)),
    # "over the past month", "in the last two weeks", "within the past 24 hours": a period that
    # ends at publication, not the previous calendar month or year
    ("trailing", re.compile(rf"\b(?:over|in|during|for|within|throughout)\s+the\s+(?:past|last|previous)\s+"
                            rf"(?:{_NUM_RE}\s+)?(hour|day|week|month|year)s?\b", re.I)),
    # "in April 2023", "in April last year", "in January this year" (ahead of "last year", which
    # would take the words)
    ("inmonth", re.compile(rf"\b(?:in|since|during|early|late|mid-?)\s+{MONTH_RE}\b(?:\s+(\d{{4}})|\s+(last|this)\s+year\b)?",
                           re.I)),
    ("lastunit", re.compile(r"\b(last|this|past|previous)\s+(week|month|year)\b", re.I)),
    ("weekday", re.compile(rf"\b(last\s+|this\s+|on\s+|early\s+|late\s+)?{_WD_RE}\b(\s+(?:morning|afternoon|evening|night))?", re.I)),
    ("rel", re.compile(r"\b(yesterday|today|tonight|last night|this morning|this afternoon|this evening|overnight|earlier today)\b", re.I)),
    ("season", re.compile(r"\b(in|during|over|since|last|this|early|late|by)\s+(?:the\s+)?(spring|summer|fall|autumn|winter)"
                          r"\b(?:\s+(?:of\s+)?((?:19|20)\d{2})\b)?", re.I)),
    ("year", re.compile(r"\bin\s+((?:1[6-9]|20)\d{2})\b", re.I)),
]


def _month(tok: str) -> int:
    t = tok.lower().rstrip(".")
    return MONTHS.get(t) or MONTH_ABBR.get(t[:4] if t.startswith("sept") else t[:3], 0)


def _num(tok: str) -> int:
    t = tok.lower()
    return int(t) if t.isdigit() else NUMS.get(t, 0)


def _add(d: date, n: int, unit: str) -> tuple[date, date, str]:
    unit = unit.lower()
    if unit == "day":
        x = d + timedelta(days=n)
        return x, x, "day"
    if unit == "week":
        x = d + timedelta(weeks=n)
        start = x - timedelta(days=x.weekday())
        return start, start + timedelta(days=6), "week"
    if unit == "month":
        m = d.month - 1 + n
        y = d.year + m // 12
        start = date(y, m % 12 + 1, 1)
        return start, _month_end(start), "month"
    start = date(d.year + n, 1, 1)
    return start, date(d.year + n, 12, 31), "year"


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _md(pub: date, month: int, day: int, year: int | None) -> date | None:
    try:
        if year:
            return date(year, month, day)
        try:  # around New Year, "January 1" in a late-December article is the coming one
            ahead = date(pub.year + 1, month, day)
            if ahead <= pub + timedelta(days=7):
                return ahead
        except ValueError:
            pass
        d = date(pub.year, month, day)
        if d > pub + timedelta(days=7):
            d = date(pub.year - 1, month, day)
        return d
    except ValueError:
        return None


_NAMED_EVENT = re.compile(r"\s*(?:,\s*\d{4}\s*)?(?:terror(?:ist)?\s+)?(?:attacks?|massacres?|riots?|insurrection|"
                          r"uprising|bombings?|shootings?|raids?|killings?|strikes?|invasion|coup|events?|"
                          r"hearings?|ruling|deadline|election|primary|vote)\b", re.I)


# what stands before a date that names an event: "the", or a possessive ("Hamas's", "Russia’s")
_NAMING_BEFORE = re.compile(r"(?:\bthe|\w['’]s?)\s+$", re.I)


def _has_year(m: re.Match[str]) -> bool:
    return bool(m.lastindex and m.lastindex >= 3 and m.group(3))


# how far before publication a named date of no year ("the Feb. 14 shooting") is the recent one
RECENT_NAMED_DAYS = 31
_ANNIVERSARY = re.compile(r"anniversar|commemorat|\byears?\s+(?:ago|since|after|on|later)\b", re.I)


def _recent(d: date, published: date | None, text: str) -> bool:
    """Is the named date ``d`` (of no stated year) the event of the weeks just before publication
    ("the Feb. 14 shooting" in a story of Feb. 27) rather than a past one the story recalls? Not
    when the sentence marks an anniversary or counts years ("three years after the Jan. 6 attack")."""
    return published is not None and timedelta(0) <= published - d <= timedelta(days=RECENT_NAMED_DAYS) \
        and not _ANNIVERSARY.search(text)


def find_dates(text: str, published: date | None, anchor: date | None = None) -> list[DateHit]:
    """Every date expression in ``text``, resolved; ``anchor`` is the article's last date so far."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                r = _resolve(kind, m, published, anchor)
            except (OverflowError, ValueError):  # e.g. "last week" against a year-1 date
                r = None
            if r is None:
                continue
            named = kind in ("md", "dm") and not _has_year(m) and bool(_NAMED_EVENT.match(text, m.end())) \
                and bool(_NAMING_BEFORE.search(text[max(0, m.start() - 40):m.start()]))
            if named and not _recent(r[0], published, text):
                # "the Jan. 6 attack", "the Oct. 7 massacre", "Hamas's October 7 attack": a date
                # naming a past event, of no stated year; it does not date this sentence's act
                # (nor is it this year) — unless it lies in the weeks just before publication,
                # where it dates the event it names (``DateHit.names_event``)
                taken.append((m.start(), m.end()))
                continue
            if kind == "lastunit" and re.match(r"['’]s\b", text[m.end():m.end() + 3]):
                # "for the remainder of this year's session", "last year's election": the period
                # of a thing named, not when this sentence's act happened
                taken.append((m.start(), m.end()))
                continue
            d0, d1, prec, rel = r
            hits.append(DateHit(m.group(0).strip(), m.start(), m.end(), d0, d1, prec, rel, named))
            taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def _resolve(kind: str, m: re.Match[str], pub: date | None, anchor: date | None
             ) -> tuple[date, date, str, bool] | None:
    if kind == "iso":
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return d, d, "day", False
    if kind in ("md", "dm"):
        if kind == "md":
            mon, day, yr = _month(m.group(1)), int(m.group(2)), m.group(3)
        else:
            day, mon, yr = int(m.group(1)), _month(m.group(2)), m.group(3)
        if not mon or not (1 <= day <= 31):
            return None
        if mon == 5 and kind == "md" and m.group(1).lower() == "may" and not yr and day > 31:
            return None
        if pub is None and not yr:
            return None
        d = _md(pub or date(int(yr), 1, 1), mon, day, int(yr) if yr else None)
        return (d, d, "day", False) if d else None
    if kind == "season":
        return _season(m.group(1).lower(), m.group(2).lower(), int(m.group(3)) if m.group(3) else None, pub)
    if kind == "year":
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31), "year", False
    if kind == "sameday":
        if anchor is None:
            return None
        d = anchor + timedelta(days=1) if m.group(3) else anchor
        return d, d, "day", True
    if kind == "later":
        base = anchor or None
        if base is None:
            return None
        n = _num(m.group(1))
        d0, d1, prec = _add(base, n, m.group(2))
        return d0, d1, prec, True
    if pub is None:
        return None
    if kind == "weekend":
        which = m.group(2).lower()
        # the most recent Saturday on or before publication (a Sunday paper's "this weekend" is now)
        back = (pub.weekday() - 5) % 7
        sat = pub - timedelta(days=back)
        if which == "last" and back <= 1:
            sat -= timedelta(days=7)
        return sat, sat + timedelta(days=1), "week", False
    if kind == "ago":
        n = _num(m.group(1))
        unit = m.group(2).lower()
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, "day", False
        d0, d1, prec = _add(pub, -n, unit)
        return d0, d1, prec, False
    if kind == "trailing":
        n = _num(m.group(1)) if m.group(1) else 1
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[m.group(2).lower()]
        start = pub - timedelta(days=max(1, int(days)))
        # a span is never day-exact: "the past 24 hours" may be publication day or the day before
        prec = "week" if days <= 7 else "month" if days <= 31 else "year"
        return start, pub, prec, False
    if kind == "lastunit":
        which, unit = m.group(1).lower(), m.group(2).lower()
        if which == "past":  # "the past month": the 30 days before publication
            span = {"week": 7, "month": 30, "year": 365}[unit]
            return pub - timedelta(days=span), pub, unit, False
        n = 0 if which == "this" else -1
        d0, d1, prec = _add(pub, n, unit)
        return d0, d1, prec, False
    if kind == "weekday":
        mod = (m.group(1) or "").strip().lower()
        wd = WEEKDAYS[m.group(2).lower()]
        back = (pub.weekday() - wd) % 7
        if mod == "last" and back <= 1:
            back += 7  # "last Monday" written on a Tuesday is not yesterday (that is "Monday")
        d = pub - timedelta(days=back)
        return d, d, "day", False
    if kind == "rel":
        w = m.group(1).lower()
        back = 1 if w in ("yesterday", "last night") else 0
        d = pub - timedelta(days=back)
        return d, d, "day", False
    if kind == "inmonth":
        mon = _month(m.group(1))
        if not mon:
            return None
        if m.group(2):
            yr = int(m.group(2))
        elif m.group(3):  # "in April last year" is the April of the year before publication
            yr = pub.year - (m.group(3).lower() == "last")
        else:
            yr = pub.year if mon <= pub.month else pub.year - 1
        d0 = date(yr, mon, 1)
        return d0, _month_end(d0), "month", False
    return None


# meteorological seasons (northern hemisphere): first month, and the month they end in
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}


def _season(which: str, name: str, year: int | None, pub: date | None) -> tuple[date, date, str, bool] | None:
    """"in the fall", "last winter", "in the spring of 2022": ``year`` precision (the schema has
    nothing between month and year), dated 1 January of the season's start year as a year is,
    with ``date_end`` the season's last day so the span is kept. Without a stated year, the
    most recent such season that has begun by publication ("last": ended by publication;
    "this": the current year's)."""
    first, last = _SEASONS[name]
    if year is None:
        if pub is None:
            return None
        year = pub.year if date(pub.year, first, 1) <= pub else pub.year - 1
        if which == "this" and first <= last:
            year = pub.year  # "this summer": the current year's, even when still ahead
        elif which == "last":
            end_year = year + (first > last)
            if _month_end(date(end_year, last, 1)) >= pub:
                year -= 1
    end = _month_end(date(year + (first > last), last, 1))
    return date(year, 1, 1), end, "year", False


def shift(d: date, n: int, unit: str) -> tuple[date, date, str]:
    """``d`` moved by ``n`` days, weeks, months or years (negative: back), with the precision
    the unit allows ("two days after" keeps a day, "two months after" a month)."""
    return _add(d, n, unit.rstrip("s"))


def count(word: str) -> int:
    """A small count in digits or words ("two", "12", "a"); 0 when it is not one."""
    return _num(word)
