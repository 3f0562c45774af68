"""Negation, future and hypothetical statements (policy in ingest/events/coder.py)."""

import pytest


@pytest.mark.parametrize("sentence, dropped", [
    ("Putin is expected to swiftly endorse the annexation treaties.", "SUPPORT"),
    ("The Kremlin said it will wait for Kyiv to agree to sit at the negotiating table.", "AGREE"),
    ("Russian troops did not attack the town.", "ASSAULT"),
    ("The army could launch an offensive next month.", "ASSAULT"),
    ("Ukrainian forces may have reached the border of the Luhansk region.", "ASSAULT"),
])
def test_not_past_events_are_dropped(code, sentence, dropped):
    ev = code(sentence)
    assert ev is None or ev.event_type != dropped, ev


def test_encirclement_under_avoid_is_not_an_event(extractor):
    evs = extractor.extract("Over the weekend, Russian troops withdrew from Lyman to avoid being encircled "
                            "by Ukrainian forces.", None)
    assert [e.event_type for e in evs] == ["RETREAT"]


@pytest.mark.parametrize("sentence, etype, intended", [
    ("The United States said it would provide Ukraine with more weapons.", "AGREE", "AID"),
    ("Nigeria announced that it will impose a curfew in Lagos.", "THREATEN", "COERCE"),
])
def test_future_is_recoded_the_plover_way(code, sentence, etype, intended):
    ev = code(sentence)
    assert ev.event_type == etype and ev.intended_type == intended and ev.modality == "future"


def test_negated_cooperation_is_reject(code):
    ev = code("Hungary said it will not accept refugees from the camps.")
    assert ev.event_type == "REJECT"


def test_obligation_under_reporting_verb_is_request(code):
    ev = code("The minister said Russia must return the captured soldiers.")
    assert ev.event_type == "REQUEST"


def test_ruled_out_is_the_rejection_not_negated_talks(code):
    ev = code("Zelenskyy ruled out any talks with Putin.")
    assert ev.event_type == "REJECT"
