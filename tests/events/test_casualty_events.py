"""Casualty counts that no trigger carries: verbless headlines, counts under another event."""

import pytest


def _assaults(extractor, text):
    return [e for e in extractor.extract(text, None) if e.event_type == "ASSAULT"]


@pytest.mark.parametrize("text, killed, injured", [
    ("One KIA, two WIA in Donbas on Tuesday - JFO HQ", 1, 2),
    ("Four dead as fighting flares in east Ukraine", 4, None),
    ("Four Ukrainian soldiers die in rebel fire", 4, None),
    ("Five civilians dead as shelling hits Donetsk", 5, None),
    ("UPDATE 1-Two Russian reporters killed in Ukraine", 2, None),
])
def test_casualty_headline_makes_an_assault(extractor, text, killed, injured):
    evs = _assaults(extractor, text)
    assert evs and (evs[0].killed, evs[0].injured) == (killed, injured)


def test_count_under_another_event_gets_its_own_assault(extractor):
    evs = extractor.extract("Ukraine seeks help as clashes kill 12", None)
    assert any(e.event_type == "ASSAULT" and e.killed == 12 for e in evs)
    assert not any(e.event_type != "ASSAULT" and e.killed for e in evs)


def test_casualty_event_takes_the_place(extractor):
    evs = _assaults(extractor, "Four Ukrainian soldiers die in rebel fire near Avdiivka")
    assert evs and evs[0].admin1 == "Donetsk" and evs[0].killed == 4


@pytest.mark.parametrize("text", [
    "Four dead in bus crash near Kyiv",
    "Flood kills 12 in western Ukraine",
    "Two die of COVID in Lviv",
    "No one was killed",
])
def test_no_killed_counts_from_non_violent_deaths(extractor, text):
    assert not any(e.killed for e in extractor.extract(text, None))


def test_one_row_per_sentence_when_an_assault_already_carries_the_count(extractor):
    evs = extractor.extract("Rebels shelled Kurakhove, killing three civilians", None)
    assert [e.killed for e in evs if e.killed] == [3]


def test_place_that_is_shelled_is_the_location(extractor):
    assert _assaults(extractor, "Kurakhovo shelled by rebels")[0].location_name == "Kurakhove"
    assert _assaults(extractor, "Rebels shelled Kurakhove")[0].location_name == "Kurakhove"


def test_town_as_subject_of_headline_passive_is_the_target(code):
    # the role rule on a two-word headline; whether so short a text is an event at all is
    # the classifier's call (tested in test_classifier.py), so the threshold-free reading is used
    ev = code("Yasinovataya shelled")
    assert ev.location_name == "Yasynuvata" and ev.actor_name is None
    assert ev.target_name == "Yasinovataya"
