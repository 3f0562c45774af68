import pytest

from ingest.events.quantities import casualties, money, parse_number, personnel


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
