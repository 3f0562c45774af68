import pytest

from ingest.events.quantities import (casualties, money, parse_number, personnel, strip_wire_prefix,
                                     violent_casualties)


@pytest.mark.parametrize("words, n", [
    (["200,000"], 200000), (["two"], 2), (["twenty", "five"], 25), (["dozens"], 12), (["hundreds"], 100),
    (["1.5", "million"], 1500000), (["a", "dozen"], 12),
])
def test_parse_number(words, n):
    assert parse_number(words) == n


@pytest.mark.parametrize("text, killed, injured", [
    ("One person was killed and at least two were injured, including a 9-year-old girl", 1, 2),
    ("4 civilians killed, one wounded in DPR in shelling", 4, 1),
    ("Night shelling of Nikolaev: two dead, three wounded", 2, 3),
    ("Ukraine troops kill 3 assailants storming eastern base", 3, None),
    ("dozens of people were killed", 12, None),  # ACLED's conservative rule
    ("a man was killed", 1, None),
    ("shelling kills LPR militiaman", 1, None),
    ("One KIA, seven WIA amid 12 enemy attacks", 1, 7),
    ("The 9-year-old girl was taken to hospital", None, None),
])
def test_casualties(text, killed, injured):
    assert casualties(text) == (killed, injured)


def test_money_in_usd():
    assert money("it would provide Ukraine with $625 million in military assistance") == (625_000_000, "USD")
    assert money("a grant of 580 million shillings (64.45 million dollars)") == (64_450_000, "USD")
    assert money("€2 billion in loans") == (2_000_000_000, "EUR")
    assert money("no money here") is None


def test_personnel():
    assert personnel("recruited more than 200,000 reservists as part of") == 200_000
    assert personnel("sent 3,000 troops to the border") == 3000
    assert personnel("at 80 firing ranges") is None


@pytest.mark.parametrize("text, killed, injured", [
    ("UPDATE 1-Two Russian reporters killed in Ukraine", 2, None),   # not 1-Two = 3
    ("UPDATE 2-Six servicemen killed", 6, None),
    ("RPT-One civilian killed in shelling", 1, None),
    ("WRAPUP 1-Thirty killed in clashes", 30, None),
    ("REFILE-Three soldiers wounded", None, 3),
    ("CORRECTED-Four dead as fighting flares", 4, None),
    ("Ukrainian soldier killed in Donbas", 1, None),
])
def test_wire_prefixes_and_headline_counts(text, killed, injured):
    assert casualties(text) == (killed, injured)


def test_strip_wire_prefix_only_strips_slugs():
    assert strip_wire_prefix("UPDATE 1-Two killed") == "Two killed"
    assert strip_wire_prefix("Update on talks - Kiev") == "Update on talks - Kiev"
    assert strip_wire_prefix("AT-LEAST 2 killed") == "AT-LEAST 2 killed"


@pytest.mark.parametrize("text, expected", [
    ("One KIA, two WIA in Donbas on Tuesday - JFO HQ", (1, 2)),
    ("Four dead as fighting flares in east Ukraine", (4, None)),
    ("Four Ukrainian soldiers die in rebel fire", (4, None)),
    ("Ukraine seeks help as clashes kill 12", (12, None)),
    ("Four dead in bus crash near Kyiv", None),          # accidents, disasters, disease: not violence
    ("Flood kills 12 in western Ukraine", None),
    ("Two die of COVID in Lviv", None),
    ("Three people died in Kharkiv", None),             # "died" with no cue of violence
    ("No one was killed", None),
])
def test_violent_casualties(text, expected):
    assert violent_casualties(text) == expected
