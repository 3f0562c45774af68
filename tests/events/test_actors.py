import pytest


@pytest.mark.parametrize("sentence, name, country, sector", [
    ("Russian forces launched new missile attacks on Ukrainian cities.", "Russian forces", "RUS", "MIL"),
    ("Ukrainian President Volodymyr Zelenskyy has formally ruled out any dialogue with Russia.",
     "Ukrainian President Volodymyr Zelenskyy", "UKR", "GOV"),
    ("The upper house of the Russian parliament approved the annexations.", None, "RUS", "GOV"),
    ("Russian Defense Minister Sergei Shoigu ordered the troops to advance.", None, "RUS", "MIL"),
    ("The Kremlin rejected the proposal.", "Kremlin", "RUS", "GOV"),
    ("Ukraine's Deputy Foreign Minister Yevhen Perebyinis urged allies to send weapons.", None, "UKR", "GOV"),
    ("Kharkiv police arrested two men.", None, "UKR", "COP"),
])
def test_actor_normalisation(code, sentence, name, country, sector):
    ev = code(sentence)
    assert ev is not None
    if name:
        assert ev.actor_name == name
    assert (ev.actor_country, ev.actor_sector) == (country, sector)


def test_target_from_object(code):
    ev = code("Zelenskyy has formally ruled out any dialogue with Russia.")
    assert ev.target_country == "RUS"


def test_pronoun_takes_the_speaker(extractor):
    from datetime import datetime
    evs = extractor.extract("The US government announced on Tuesday that it would provide Ukraine with "
                            "$625 million in military assistance.", datetime(2022, 10, 5))
    assert evs[0].actor_country == "USA" and evs[0].actor_sector == "GOV"


def test_a_word_of_a_longer_name_is_not_an_armed_group(extractor):
    from datetime import datetime
    # "Organization" and "Tigers" are one-word aliases in the Phoenix armed-group dictionary:
    # inside "Trump Organization" or "Detroit Tigers" they name a company and a baseball team
    pub = datetime(2024, 3, 1)
    text = "Trump Organization Chief Financial Officer Allen Weisselberg accused the prosecutors of lying."
    cands = extractor.coder._code_sentence(extractor.coder.prepare(text, pub, None), 0, extractor.nlp(text))
    assert cands and cands[0].actor_sector != "REB"
    # the name standing alone (or after its demonym) is the group
    evs = extractor.extract("The Taliban attacked a police post in Kunduz on Monday.", pub)
    assert evs and (evs[0].actor_country, evs[0].actor_sector) == ("AFG", "REB")
