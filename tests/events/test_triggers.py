import pytest

from ingest.events import triggers as trg


@pytest.mark.parametrize("sentence, etype, mode", [
    ("Russian troops withdrew from Lyman on Saturday.", "RETREAT", "withdraw"),
    ("Russian forces launched new missile attacks on Ukrainian cities.", "ASSAULT", "heavy-weapons"),
    ("Several missiles landed on Kharkiv.", "ASSAULT", "heavy-weapons"),
    ("The Federation Council approved the ratification of the treaties.", "SUPPORT", None),
    ("Zelenskyy has formally ruled out any dialogue with Russia.", "REJECT", None),
    ("Ukraine needed more weapons, the minister said.", "REQUEST", None),
    ("The armed forces had recruited more than 200,000 reservists.", "MOBILIZE", "troops"),
    ("Police arrested 12 protesters in Minsk.", "COERCE", "arrest"),
    ("Thousands of people demonstrated in Tbilisi against the law.", "PROTEST", "demo"),
    ("The EU imposed sanctions on Russian banks.", "SANCTION", "discontinue"),
    ("Lavrov accused Kyiv of shelling the plant.", "ACCUSE", "allege"),
    ("Moscow threatened to cut off gas supplies.", "THREATEN", None),
    ("The two foreign ministers held talks in Ankara.", "CONSULT", None),
    ("Germany sent humanitarian aid to Ukraine.", "AID", None),
])
def test_sentence_type_and_mode(code, sentence, etype, mode):
    ev = code(sentence)
    assert ev is not None, sentence
    assert ev.event_type == etype
    if mode is not None:
        assert ev.mode == mode


def test_prefilter_skips_sentences_without_triggers():
    assert trg.has_candidate("Russian forces withdrew so hastily")
    assert trg.has_candidate("Several missiles landed on Kharkiv")
    assert not trg.has_candidate("The weather was pleasant and the market was busy.")


def test_cameo_dictionary_fills_gaps():
    s = trg.verb_sense("bombard")
    assert s is not None and s.type == "ASSAULT"
    assert trg.verb_sense("come") is None  # catch-all CAMEO codes are not used


def test_crosswalk_columns(code):
    ev = code("Russian artillery shelled Kharkiv overnight.")
    assert ev.cameo_code == "194" and ev.acled_event_type == "Explosions/Remote violence"
