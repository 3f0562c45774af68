from datetime import date

import pytest

from ingest.events.dates import find_dates

PUB = date(2022, 10, 5)  # a Wednesday


def one(text, anchor=None):
    hits = find_dates(text, PUB, anchor)
    assert hits, text
    return hits[0]


@pytest.mark.parametrize("text, expected, precision", [
    ("Zelenskyy said Tuesday that", date(2022, 10, 4), "day"),
    ("The lower house gave its approval on Monday.", date(2022, 10, 3), "day"),
    ("on Wednesday", date(2022, 10, 5), "day"),
    ("Over the weekend, Russian troops withdrew", date(2022, 10, 1), "week"),
    ("last week", date(2022, 9, 26), "week"),
    ("on Oct. 3", date(2022, 10, 3), "day"),
    ("on October 3, 2021", date(2021, 10, 3), "day"),
    ("3 September", date(2022, 9, 3), "day"),
    ("yesterday", date(2022, 10, 4), "day"),
    ("last month", date(2022, 9, 1), "month"),
    ("two weeks ago", date(2022, 9, 19), "week"),
    ("in December", date(2021, 12, 1), "month"),
    ("in 2014", date(2014, 1, 1), "year"),
])
def test_resolves_against_publication_date(text, expected, precision):
    h = one(text)
    assert (h.date, h.precision) == (expected, precision)


def test_weekend_range_is_saturday_to_sunday():
    h = one("over the weekend")
    assert (h.date, h.end_date) == (date(2022, 10, 1), date(2022, 10, 2))


def test_two_days_later_is_anchored_on_the_previous_date():
    h = one("Two days later, an AP team", anchor=date(2022, 10, 1))
    assert h.date == date(2022, 10, 3) and h.relative_to_previous


def test_no_anchor_no_relative_date():
    assert find_dates("Two days later, it rained", PUB, None) == []


def test_no_publication_date_keeps_absolute_dates_only():
    assert find_dates("on Tuesday", None) == []
    assert find_dates("on 2022-10-04", None)[0].date == date(2022, 10, 4)
