"""Each rule of events 0.3 on its own: the gate, political actors, modality, places, dates,
numbers, language, the sentence classifier's contract, and one row per real-world event."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from datetime import date, datetime, timezone

import pytest

from ingest.events import dates as D
from ingest.events.classifier import CLASSES, MODEL_PATH, Prediction
from ingest.events.decision import choose, one_per_event, same_event
from ingest.events.location import find_dateline
from ingest.events.quantities import casualties
from ingest.events.roles import is_political, political_names
from ingest.extract import detect_language, extract_article
from ingest.topics import article_gate, section_topic, text_topic
from schemas.models import Event

PUB = datetime(2024, 3, 1, tzinfo=timezone.utc)


def _events(extractor, text):
    return extractor.extract(text, PUB)


def _typed(extractor, text, etype):
    """The rows of one type that ``text`` gives."""
    return [e for e in _events(extractor, text) if e.event_type == etype]


def _candidates(extractor, text):
    """The rule coder's candidate events of one sentence read alone (before the classifier decides)."""
    return extractor.coder._code_sentence(extractor.coder.prepare(text, PUB, None), 0, extractor.nlp(text))


# --- the article gate ------------------------------------------------------------------
def test_section_names_the_topic():
    assert section_topic("Sports") == "sport"
    assert section_topic("Life and style") == "lifestyle"
    assert section_topic("News > World") is None and section_topic("Politics") == "politics"


def test_text_topic_needs_a_clear_majority_of_beat_words():
    match = "The coach praised the team after the match; the striker scored two goals and the league title " \
            "race tightened as players and fans celebrated the season's best game at the stadium."
    assert text_topic([match])[0] == "sport"
    court = match + " Police arrested the player; prosecutors charged him and a judge set bail in court."
    assert text_topic([court])[0] != "sport"


def test_gate_reason_is_stored_with_the_article():
    page = ("<html><head><meta property='article:section' content='Sport'><title>Leverkusen storm Munich</title>"
            "</head><body><article><h1>Leverkusen storm Munich</h1>"
            + "<p>Leverkusen stormed the fortress and crushed Bayern, firing three goals past the keeper.</p>"
            + "<p>The visitors attacked from the first whistle and the hosts retreated into their own half.</p>"
            + "<p>Xabi Alonso's side killed off the game before the break with a second header.</p>"
            + "<p>Bayern surrendered the lead in the title race and now trail by five points.</p>"
            + "</article></body></html>")
    a = extract_article(page.encode(), "https://x.example/sport/match")
    assert a.section == "Sport" and "sport" in a.events_gate
    coded = extract_article(page.encode(), "https://x.example/sport/match",
                            event_topics=("sport", "politics", "unknown"))
    assert coded.events_gate is None
    assert article_gate(None, "Senate votes", "The Senate voted on the bill.") is None


def test_gated_articles_give_no_events(extractor):
    from ingest.events_stage import code_articles

    a = extract_article(("<html><body><article>" + "<p>Police arrested 12 protesters in Minsk on Monday.</p>" * 5
                         + "</article></body></html>").encode(), "https://x.example/world/a")
    events, _ = code_articles(extractor, [a])
    assert events
    import dataclasses
    events, skipped = code_articles(extractor, [dataclasses.replace(a, events_gate="section 'Sport' is sport")])
    assert events == [] and skipped == []


# --- political actors -----------------------------------------------------------------
def test_titles_and_appositions_give_political_roles():
    names = political_names("Former President Donald Trump spoke. Ruth Smith, the foreign minister, replied. "
                            "Sen. Jon Tester (D-Mont.) agreed.")
    assert {"trump", "smith", "tester"} <= names


@pytest.mark.parametrize("actor, sector, target, political", [
    ("Taylor Swift", None, "her former label", False),
    ("Trump", None, None, True),            # named with a title elsewhere in the article
    ("police", "COP", None, True),
    ("Rae", None, "British Government", True),  # a political target is enough
    ("Consumer Watchdog", None, None, True),     # an advocacy organisation
])
def test_political_actor_rule(actor, sector, target, political):
    e = Event("ACCUSE", "x", actor_name=actor, actor_sector=sector, target_name=target,
              target_sector="GOV" if target == "British Government" else None)
    assert is_political(e, frozenset({"trump"})) is political


def test_a_singer_makes_no_event(extractor):
    assert _events(extractor, "Taylor Swift accused her former record label of bullying her on Tuesday.") == []


# --- modality ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, modality", [
    ("The government denied that its troops shelled the village on Monday.", "denied"),
    ("Russia claimed that Ukrainian forces shelled Donetsk on Monday, killing three.", "claimed"),
    ("Reports that police arrested 40 protesters in Minsk on Monday turned out to be false.", "denied"),
])
def test_modality_is_kept(extractor, text, modality):
    evs = _events(extractor, text)
    assert evs and all(e.modality == modality for e in evs)


@pytest.mark.parametrize("text", [
    "Will Russia attack Kyiv again this spring?",
    "The curfew stays in place until the army withdraws from the city.",
    "Police did not arrest anyone at the rally on Monday.",
])
def test_questions_conditions_and_negations_are_not_events(extractor, text):
    assert _events(extractor, text) == []


def test_future_cooperation_is_agree_with_the_intended_type(extractor):
    evs = _events(extractor, "Meanwhile, the US government announced on Tuesday that it would provide Ukraine "
                             "with $625 million in military assistance.")
    assert any(e.event_type == "AGREE" and e.modality == "future" and e.amount_usd == 625e6 for e in evs)


# --- places ---------------------------------------------------------------------------------
def test_dateline_with_a_state_abbreviation():
    dl = find_dateline("Residents protest\nTROY, N.C. (AP) — About 150 residents rallied.")
    assert (dl.city, dl.admin1) == ("Troy", "North Carolina")
    assert find_dateline("LONDON (Reuters) - Britain said").city == "London"
    assert find_dateline("The NHS said on Monday - as expected - nothing") is None


def test_dateline_places_physical_events(extractor):
    evs = _events(extractor, "SPRINGFIELD, Ill. (AP) — Police arrested 12 demonstrators outside the state "
                             "capitol on Monday.")
    assert any(e.location_name == "Springfield" and e.admin1 == "Illinois" for e in evs)


@pytest.mark.parametrize("text, place, admin1", [
    ("Police in London arrested 12 protesters on Saturday.", "London", "England"),
    ("Police in London, Ohio, arrested 12 protesters on Saturday.", "London", "Ohio"),
    ("Police arrested 30 protesters in Atlanta, Georgia, on Sunday.", "Atlanta", "Georgia"),
])
def test_capitals_namesakes_and_regions(extractor, text, place, admin1):
    e = next(e for e in _events(extractor, text) if e.event_type == "COERCE")
    assert (e.location_name, e.admin1) == (place, admin1) and e.geo_precision == "city"


@pytest.mark.parametrize("name, context, expected", [
    # a state beats a small town of its name that only shares the country (Florida, New York)
    ("Florida", {"USA"}, ("Florida", "admin1", "USA")),
    ("Vermont", {"USA"}, ("Vermont", "admin1", "USA")),
    # the UK's nations are admin1s, not another name of the UK or a village in Arkansas
    ("England", {"USA"}, ("England", "admin1", "GBR")),
    ("Wales", {"GBR"}, ("Wales", "admin1", "GBR")),
    ("Scotland", set(), ("Scotland", "admin1", "GBR")),
    # Georgia: the US state in a US story, the country otherwise
    ("Georgia", {"USA"}, ("Georgia", "admin1", "USA")),
    ("Georgia", set(), ("Georgia", "country", "GEO")),
    ("Georgia", {"USA", "GEO"}, ("Georgia", "country", "GEO")),
    # a direction before a name: the name
    ("Northeast Washington", {"USA"}, ("Washington", "city", "USA")),
    ("northern Gaza", set(), ("Gaza", "city", "PSE")),
    # a big city keeps its name against a same-named state, and a country against small towns
    ("Washington", {"USA"}, ("Washington", "city", "USA")),
    ("Lebanon", {"USA"}, ("Lebanon", "country", "LBN")),
])
def test_namesakes(gazetteer, name, context, expected):
    p = gazetteer.resolve(name, context)
    assert (p.name, p.kind, p.country) == expected


def test_admin1_of_uk_and_palestinian_places(gazetteer):
    assert gazetteer.resolve("London").admin1 == "England"
    assert gazetteer.resolve("Gaza").admin1 == "Gaza Strip"
    assert gazetteer.resolve("West Bank").kind == "admin1"


def test_state_and_country_namesake_in_a_us_story(extractor):
    text = ("Georgia Secretary of State Brad Raffensperger called for the amendment in December, citing the "
            "surge of illegal immigrants at the southern border. Officials in Atlanta and Texas backed the plan.")
    e = next(e for e in _events(extractor, text) if e.event_type == "REQUEST")
    assert (e.admin1, e.country) == ("Georgia", "USA")


def test_a_list_of_places_gives_each_place(extractor):
    evs = _events(extractor, "Police arrested protesters in Paris, Lyon and Marseille on Saturday.")
    assert {e.location_name for e in evs if e.event_type == "COERCE"} == {"Paris", "Lyon", "Marseille"}


def test_people_are_not_places(extractor):
    for e in _events(extractor, "Attorney General Merrick Garland announced charges against the gang on Monday."):
        assert e.location_name not in ("Garland",)


# --- dates --------------------------------------------------------------------------------
def test_a_date_naming_a_past_event_does_not_date_the_sentence():
    assert D.find_dates("The Jan. 6 attack on the Capitol was investigated.", date(2024, 7, 11)) == []
    assert D.find_dates("Police arrested him on Jan. 6.", date(2024, 7, 11))[0].date == date(2024, 1, 6)


def test_publication_fallback_is_never_day_precision(extractor):
    for e in _events(extractor, "Police arrested 12 protesters in Minsk."):
        assert e.date_precision == "unknown"


def test_past_years_are_not_this_year():
    hit = D.find_dates("In 1995, troops killed 8,000 men.", date(2024, 7, 11))[0]
    assert (hit.date, hit.precision) == (date(1995, 1, 1), "year")


# --- numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, killed", [
    ("Between 8 and 12 civilians were killed when shells hit the market.", 8),
    ("8-12 people were killed in the attack.", 8),
    ("The death toll from Saturday's shelling rose to 15 from 9, the director said.", 15),
    ("Gunmen attacked a village, killing 104 people, including 35 children.", 104),
])
def test_casualty_figures(text, killed):
    assert casualties(text)[0] == killed


# --- language -----------------------------------------------------------------------------
def test_short_english_is_english_and_declared_language_comes_first():
    assert detect_language("On 1 September 2022, Russian forces shelled Kherson.") == "en"
    german = "Der Bundestag hat am Donnerstag mit großer Mehrheit ein neues Gesetz beschlossen. " * 4
    assert detect_language(german) == "de"
    assert detect_language("Short note.", declared="fr") == "fr"


def test_extract_codes_a_one_line_note(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("On 1 September 2022, Russian forces shelled Kherson.\n")
    out = subprocess.run([sys.executable, "-m", "flows.cli", "extract", "--published", "2022-10-01", str(note)],
                         capture_output=True, text=True, check=True).stdout
    import json
    rec = json.loads(out)
    assert rec["article"]["language"] == "en"
    assert [(e["event_type"], e["event_date"]) for e in rec["events"]] == [("ASSAULT", "2022-09-01")]


# --- one row per real-world event ---------------------------------------------------------
def test_restatements_fold_into_the_dated_mention():
    lede = Event("RETREAT", "Russian forces withdrew from Lyman.", location_name="Lyman", geonames_id=1,
                 event_date=date(2022, 10, 5), date_precision="unknown")
    dated = Event("RETREAT", "Over the weekend, troops withdrew from Lyman.", location_name="Lyman", geonames_id=1,
                  event_date=date(2022, 10, 1), date_precision="week")
    other = Event("RETREAT", "Troops withdrew from Izium.", location_name="Izium", geonames_id=2,
                  event_date=date(2022, 10, 1), date_precision="week")
    assert same_event(lede, dated) and not same_event(dated, other)
    out = one_per_event([lede, dated, other])
    assert len(out) == 2 and out[0].evidence.startswith("Over the weekend")


def test_an_undated_mention_is_not_folded_into_a_months_old_act():
    today = Event("ASSAULT", "Police are responding to a shooting in Washington.", location_name="Washington",
                  geonames_id=1, event_date=date(2024, 2, 29), date_precision="unknown")
    october = Event("ASSAULT", "In October, an officer was shot in Washington.", location_name="Washington",
                    geonames_id=1, event_date=date(2023, 10, 1), date_precision="month")
    assert len(one_per_event([today, october])) == 2  # the news, then last October's act recalled
    assert len(one_per_event([october, today])) == 1  # the act, then restated without its date


# --- the classifier's contract ------------------------------------------------------------
def test_classifier_loads_offline_fast_and_is_deterministic():
    from ingest.events.classifier import _load

    t0 = time.perf_counter()
    clf = _load.__wrapped__(str(MODEL_PATH))  # uncached: the real load
    assert time.perf_counter() - t0 < 2.0
    assert clf.classes == CLASSES and clf.version
    f = ["w=police", "w=arrest", "T=COERCE", "R=COERCE"]
    assert clf.predict_features(f) == clf.predict_features(list(f))
    assert abs(sum(clf.predict_features(f).probs.values()) - 1.0) < 1e-5


@pytest.mark.parametrize("sentence, etype", [
    ("Police arrested 12 protesters in Minsk on Monday.", "COERCE"),
    ("Thousands of people protested in Tbilisi against the law on Sunday.", "PROTEST"),
    ("The senator accused the administration of lying to Congress.", "ACCUSE"),
    ("Russian forces shelled the town of Avdiivka overnight, killing three civilians.", "ASSAULT"),
])
def test_plain_sentences_give_their_types(extractor, sentence, etype):
    assert etype in {e.event_type for e in _events(extractor, sentence)}


@pytest.mark.parametrize("sentence", [
    "He was shooting 42.8% from the field before the break.",
    "Smith contributed to this report.",
    "She recalled that the summer was unusually hot.",
    "The quarterback fired three touchdown passes as the Chiefs crushed the Raiders.",
])
def test_plain_non_events_give_nothing(extractor, sentence):
    assert _events(extractor, sentence) == []


def test_choose_needs_belief_and_a_candidate():
    from ingest.events.classifier import Prediction

    ev = Event("COERCE", "Police arrested him.", actor_name="police", actor_sector="COP")
    sure = Prediction("COERCE", 0.9, {c: (0.9 if c == "COERCE" else 0.1 / 16) for c in CLASSES})
    unsure = Prediction("NONE", 0.9, {c: (0.9 if c == "NONE" else 0.1 / 16) for c in CLASSES})
    assert [e.event_type for e in choose(sure, [ev])] == ["COERCE"]
    assert choose(unsure, [ev]) == [] and choose(sure, []) == []


# --- review findings, each a kind of fault --------------------------------------------------
def test_going_to_is_future_and_a_past_until_clause_happened(extractor):
    evs = _events(extractor, "Russia is going to attack Kyiv again, the Ukrainian military said on Monday.")
    assert all(e.modality != "asserted" for e in evs)
    from types import SimpleNamespace

    from ingest.events.modality import modality

    def clause(text, verb):
        doc = extractor.nlp(text)
        t = next(x for x in doc if x.lower_ == verb)
        return modality(SimpleNamespace(head=t, token=t, nominal=False))

    assert clause("Protesters marched until police dispersed them on Tuesday.", "dispersed") is None
    assert clause("The curfew stays until the army withdraws from the city.", "withdraws") == "hypothetical"


def test_an_age_is_not_a_casualty_count():
    assert casualties("Leanne Lucas, 35, who was injured in the attack, said she was afraid.") == (None, None)


def test_wire_slugs_are_not_datelines_and_states_may_be_written_in_full():
    assert find_dateline("BREAKING — Russia launches missiles") is None
    assert find_dateline("UPDATE - Talks resume") is None
    assert find_dateline("SACRAMENTO, California (AP) — Protesters rallied").admin1 == "California"


@pytest.mark.parametrize("section, topic", [
    ("Travel ban", None), ("Culture war", None), ("Food security", None), ("Trade deals", None),
    ("Life and style", "lifestyle"), ("Arts & Culture", "entertainment"), ("Sports", "sport"),
])
def test_section_words_gate_only_when_every_word_names_the_beat(section, topic):
    assert section_topic(section) == topic


def test_election_words_are_not_sport():
    text = ("The Senate race tightened this season as the campaign team of the title holder and her fans "
            "rallied; the manager of her race said voters and the party would decide. ") * 3
    assert text_topic([text])[0] != "sport"


def test_business_titles_are_not_political_roles():
    names = political_names("Apple Chief Executive Tim Cook spoke. General Motors said. Sen. Bernie Sanders’s plan.")
    assert "cook" not in names and "motors" not in names and "sanders" in names


def test_a_negated_subject_negates_the_act(extractor):
    assert _events(extractor, "No pregnant woman died in the attack on Saturday, police said.") == []
    assert _events(extractor, "Nobody was arrested at the rally in Minsk on Monday.") == []


def test_disasters_are_not_events(extractor):
    assert _events(extractor, "The wildfires have destroyed over 500 structures in Texas since Monday.") == []
    text = ("Firefighters battled the wildfire as evacuation orders spread; the blaze burned 500,000 acres "
            "and the weather forecast promised more wind, drought and fire. ") * 3
    assert text_topic([text])[0] == "disaster"


@pytest.mark.parametrize("text", [
    "Police arrested two men and put them in a police van on Monday.",      # lower case: a noun
    "Protesters gathered outside the Community Hub on Monday and police arrested three.",  # a name's head
    "Police arrested a photographer for Agence France-Presse on Monday.",   # inside a hyphenated name
])
def test_words_inside_names_are_not_places(extractor, text):
    assert all(e.location_name is None for e in _events(extractor, text))


def test_a_demonym_picks_the_country(extractor):
    evs = _events(extractor, "Police in the Spanish city of Valencia arrested the owner on Monday.")
    assert [(e.location_name, e.country) for e in evs] == [("Valencia", "ESP")]


# --- people and words are not places; the article's country (events-0.3.1) -----------------
@pytest.mark.parametrize("text", [
    "The dentist said the male patient had poor oral health.",        # lower-case English words
    "The man who spoke at the reunion was arrested.",
    "Ms Jo Hamilton was joined on stage by the minister.",           # a surname that is a city
    "Socialist legislator César Luena led the bill through parliament.",  # accented given name
])
def test_words_and_surnames_are_not_marked_as_places(extractor, text):
    assert _marked(extractor, text) == []


def test_places_after_ordinary_capitalised_words_stay(extractor):
    assert [p.name for p in extractor.places("Troops Shell Kherson")] == ["Kherson"]
    assert [p.country for p in extractor.places("Turkey said on Monday it would talk.")] == ["TUR"]


def _marked(extractor, text):
    return [(p.name, p.admin1) for p in extractor.places(text)]


def test_national_institutions_vote_for_the_home_country():
    from ingest.events.roles import home_votes
    assert home_votes("Sen. Ernst (R-Iowa) and the FBI said …") == {"USA": 3}
    assert home_votes("Labour MPs criticised the Home Office.") == {"GBR": 2}
    assert home_votes("Parliament and the Supreme Court met.") == {}  # not one country's


def test_an_unplaced_domestic_actor_takes_the_home_country_from_institutions(extractor):
    text = ("Senate Minority Leader Mitch McConnell said on Monday that Republicans had failed. "
            "The GOP leader accused Democrats of stalling. Sen. Tester (D-Mont.) and the FBI disagreed.")
    evs = [e for e in extractor.extract(text, datetime(2024, 3, 1, tzinfo=timezone.utc)) if e.event_type == "ACCUSE"]
    assert evs and all(e.actor_country == "USA" for e in evs), [(e.actor_name, e.actor_country) for e in evs]


def test_international_organisations_have_no_home_country():
    from ingest.events.actors import sector_of
    assert sector_of(["nato", "alliance"]) == "IGO"
    assert sector_of(["commerce", "secretary", "gina", "raimondo"]) == "GOV"  # Phoenix two-word agent


@pytest.mark.parametrize("text, start, end", [
    ("He accused the insurers in the fall.", date(2023, 1, 1), date(2023, 11, 30)),
    ("Talks collapsed last winter.", date(2023, 1, 1), date(2024, 2, 29)),
    ("Troops left in the spring of 2022.", date(2022, 1, 1), date(2022, 5, 31)),
])
def test_a_season_dates_to_its_year(text, start, end):
    (h,) = D.find_dates(text, date(2024, 3, 1))
    assert (h.date, h.end_date, h.precision) == (start, end, "year")


def test_a_street_named_after_a_place_is_not_the_place(extractor):
    evs = _events(extractor, "On Monday, an off-duty officer was shot on New York Avenue in Northeast Washington.")
    assert evs and all(e.location_name != "New York City" for e in evs), [(e.location_name) for e in evs]


# --- court idioms: pleas, motions, stays, penalties ----------------------------------------
@pytest.mark.parametrize("text, etype", [
    ("Weisselberg pleaded guilty to perjury.", "CONCEDE"),
    ("The senator pleaded not guilty on Tuesday.", "REJECT"),
    ("He was ordered last month to pay $1.1 million.", "SANCTION"),
    ("The judge refrained from setting a trial date.", "REJECT"),
    ("An appeals judge denied Trump's request to stay the judgment.", "REJECT"),
    ("The court granted a temporary stay of the orders.", "CONCEDE"),
])
def test_court_idioms_are_candidates(extractor, text, etype):
    doc = extractor.nlp(text)
    assert etype in [e.event_type for e in extractor.coder.rule_candidates(text, doc)]


def test_a_relative_pronoun_actor_is_its_antecedent(extractor):
    text = ("The school was set upon by the Vermont Principals Association, which accused "
            "the school of violating state laws on Monday.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Vermont Principals Association", [(e.actor_name) for e in evs]


@pytest.mark.parametrize("text", [
    "Gunmen attacked an army checkpoint on the road south of Kidal on Tuesday, killing four soldiers.",
    "Gunmen killed four soldiers near Kidal on Tuesday.",
])
def test_a_town_the_tagger_misreads_is_still_looked_up_after_a_locative(extractor, text):
    evs = _events(extractor, text)
    assert [(e.location_name, e.country) for e in evs] == [("Kidal", "MLI")]


def test_a_surname_the_article_gives_a_role_is_not_a_place(extractor):
    evs = _events(extractor, "Attorney General Merrick Garland spoke on Friday. "
                             "Police arrested two men on Monday after Johnson spoke to Garland.")
    assert all(e.location_name not in ("Garland", "Johnson City") for e in evs)


# --- one event, many reports (the kinds behind handed case 11) -------------------------------
def test_an_act_n_days_after_is_dated_from_the_main_clause(extractor):
    evs = _events(extractor, "Officials said on Wednesday that 40 people were missing, three days after "
                             "gunmen attacked the village and abducted them.")
    assert [(e.event_date, e.date_precision) for e in evs if e.event_type == "ASSAULT"] == \
        [(date(2024, 2, 25), "day")]  # published Friday 1 March: Wednesday is 28 February


def test_of_two_readings_of_one_type_the_one_with_a_mode_wins(extractor):
    evs = _events(extractor, "On Monday, gunmen stormed a school in Kano and kidnapped 20 pupils.")
    assert [(e.event_type, e.mode) for e in evs] == [("ASSAULT", "abduct")]


@pytest.mark.parametrize("text, etype, mode", [
    ("Gunmen seized 40 villagers on Monday.", "ASSAULT", "abduct"),      # people taken by others: abduction
    ("Police seized two suspects on Monday.", "COERCE", "seize"),        # by the state: an arrest
    # a town, not people: taking ground is fighting (ACLED Battles), not PLOVER's COERCE seize
    # (a search, a confiscation, a raid)
    ("Militants seized the town on Monday.", "ASSAULT", None),
])
def test_people_seized_by_non_state_actors_are_abducted(extractor, text, etype, mode):
    doc = extractor.nlp(text)
    assert [(e.event_type, e.mode) for e in extractor.coder.rule_candidates(text, doc)] == [(etype, mode)]


def test_a_country_level_act_takes_the_town_the_next_sentence_gives(extractor):
    text = ("Gunmen kidnapped 30 students from a school in northern Nigeria on Monday. "
            "The principal of the school in Chibok said ten had escaped.")
    evs = _typed(extractor, text, "ASSAULT")
    assert [(e.location_name, e.country) for e in evs] == [("Chibok", "NGA")]


def test_a_region_word_never_resolves_to_a_village_abroad(gazetteer):
    assert gazetteer.resolve("Borno State") is None          # no admin1 known; Borno, Italy is not it
    assert gazetteer.resolve("Borno State", {"ITA"}) is not None


@pytest.mark.parametrize("text, want", [
    ("Rail workers began a 48-hour strike in London on Monday.", [("PROTEST", "strike")]),
    # an ended strike is no new strike, but a concession (PLOVER CONCEDE: "suspending protests")
    ("Dock workers end week-long strike at Antwerp port", [("CONCEDE", None)]),
    ("Russian forces launched a missile strike on Kharkiv on Monday.", [("ASSAULT", "heavy-weapons")]),
])
def test_a_labour_strike_is_a_protest_never_an_attack(extractor, text, want):
    assert [(e.event_type, e.mode) for e in _events(extractor, text)] == want


def test_a_text_that_talks_to_the_reader_is_a_review_not_news():
    review = ("In your adventures you will mainly be attacked by three enemy factions, and you can "
              "parry them if your timing is right. ") * 20 + "The studio said the title sold well. " * 10
    assert article_gate(None, "Star Wars Jedi: Fallen Order review", review).startswith("addresses the reader")
    news = ("Police arrested 12 protesters outside parliament on Monday, officials said. ") * 40 + \
        '"You have to listen to us," one protester said. '
    assert article_gate(None, "Protesters arrested", news) is None


def test_a_negated_demand_is_no_event_and_a_refusal_stays_a_refusal(extractor):
    assert _events(extractor, "Never urged Ukraine to investigate Joe Biden") == []
    evs = _events(extractor, "The minister did not agree to meet the protesters on Monday.")
    assert [(e.event_type, e.intended_type) for e in evs] == [("REJECT", "AGREE")]  # not retyped back


def test_the_actor_is_the_subject_after_the_dateline(extractor):
    text = "TROY, N.C. (AP) — About 150 residents rallied outside the town hall on Monday to protest the plan."
    evs = _typed(extractor, text, "PROTEST")
    assert [(e.actor_name, e.target_name, e.location_name) for e in evs] == [("150 residents", None, "Troy")]


@pytest.mark.parametrize("text, code", [
    ("UNRWA announced on Monday that it was firing the named employees, the UN agency said.", "UNO"),
    ("The European Commission fined Apple 1.8 billion euros on Monday.", "EUR"),
    ("NATO sent 3,000 troops to Romania on Monday, the alliance said.", "IGO"),
])
def test_international_bodies_take_non_state_codes(extractor, text, code):
    # CAMEO's codes for bodies with no country of their own, as GDELT's actor country columns
    from ingest.events.actors import country_of
    words = [w.lower() for w in text.replace(",", " ").split()]
    assert country_of(words) == code


def test_an_eu_body_is_coded_eur_end_to_end(extractor):
    e = next(e for e in _events(extractor, "The European Commission fined Apple 1.8 billion euros on Monday.")
             if e.event_type == "SANCTION")
    assert (e.actor_country, e.actor_sector) == ("EUR", "IGO")


def test_a_fine_is_a_sanction(extractor):
    # spaCy lemmatises "fined" as "fin"; the trigger reads the verb it is
    e = next(e for e in _events(extractor, "A judge fined the former mayor $10,000 on Tuesday for contempt of court.")
             if e.event_type == "SANCTION")
    assert e.event_date is not None and e.event_date.isoformat() == "2024-02-27"


def test_places_from_the_actors_state_and_directions(extractor):
    e = next(e for e in _events(extractor, "Officials in Montpelier said the school was set upon by the Vermont "
                                           "Principals Association, which accused the school of violating state laws.")
             if e.event_type == "ACCUSE")
    assert (e.admin1, e.country) == ("Vermont", "USA")
    e = next(e for e in _events(extractor, "In October, an off-duty housing officer was shot on New York Avenue in "
                                           "Northeast Washington, the paper reported.") if e.event_type == "ASSAULT")
    assert (e.location_name, e.admin1) == ("Washington", "District of Columbia")


# --- acts that are not events: ideas, states, habits, sources, other senses ---------------
@pytest.mark.parametrize("text, etype", [
    # an idea of an act is not the act
    ("He referred to an idea, floated by French president Emmanuel Macron on Monday, of European NATO "
     "members sending troops to Ukraine.", "MOBILIZE"),
    # a participle used as an adjective
    ("The impact of the aid cuts on the already threatened lives of 2.3 million displaced Gazans is huge.",
     "THREATEN"),
    # shooting a film
    ("Cooke said on a Zoom call the other day, from Albuquerque, where the couple are shooting another movie.",
     "ASSAULT"),
    # the source of a report, not what it reports
    ("No pregnant woman died that day, according to the official Israeli list of those killed in the attacks.",
     "ASSAULT"),
    # a conditional the act hangs from
    ("The sort of men who would publish a letter belittling her 1971 piece were everywhere.", "ACCUSE"),
])
def test_not_events(extractor, text, etype):
    assert not any(e.event_type == etype for e in _events(extractor, text)), text


def test_habitual_present_is_no_event_but_a_past_act_is(extractor):
    before = "Police were called to the scene on Thursday. "
    habit = "The police force deploys 300 officers to the city's public housing developments."
    act = "Police deployed 300 officers to the city's public housing developments on Friday."
    assert not any(e.event_type == "MOBILIZE" for e in _events(extractor, before + habit))
    assert any(e.event_type == "MOBILIZE" for e in _events(extractor, before + act))


def test_need_is_a_request_only_when_reported_with_an_object(extractor):
    from ingest.events.coder import Coder
    c: Coder = extractor.coder

    def cand(sentence):
        doc = extractor.nlp(sentence)
        return [x for x in (c._verb_candidate(t) for t in doc if t.lemma_ == "need") if x is not None]
    assert [x.sense.type for x in cand("Ukraine needed more weapons, the minister said.")] == ["REQUEST"]
    assert cand("So the president needs Michigan.") == []
    assert cand("He said Israel needed to turn the strip into rubble.") == []


def test_a_statement_about_the_future_is_marked_future(extractor):
    from ingest.events.modality import modality
    from ingest.events.state import Cand
    from ingest.events import triggers as trg
    doc = extractor.nlp("The investigation will be conducted by the Department of Commerce.")
    t = next(t for t in doc if t.lower_ == "investigation")
    assert modality(Cand(t, trg.Sense("ACCUSE"), t.head, "conducted investigation", nominal=True)) == "future"
    evs = extractor.coder._event(extractor.coder.prepare(doc.text, None, None), 0, doc,
                                 Cand(t, trg.Sense("ACCUSE"), t.head, "conducted investigation", nominal=True))
    assert evs is not None and evs.modality == "future" and evs.event_type == "ACCUSE"


def test_called_for_is_read_whatever_the_parse(extractor):
    from ingest.events.triggers import has_candidate
    # "call" is not a prefilter word (too common); "called for" is
    assert has_candidate("Weber called for a pause on such environmental action.")
    assert not has_candidate("He called me twice.")
    doc = extractor.nlp("Jo Hamilton has called for compensation to be sped up for those wrongfully prosecuted.")
    assert ("REQUEST", "called for") in [(c.sense.type, c.phrase) for c in extractor.coder._candidates(doc)]


def test_a_surname_is_not_a_place_anywhere_in_the_article(extractor):
    from ingest.events.article import person_surnames
    text = ("Jo Hamilton was falsely accused of stealing from the Post Office. Mrs Hamilton, 66, said the "
            "Government had failed her. Hamilton told reporters she wanted justice.")
    assert person_surnames(text, {"Hamilton"}) == {"hamilton"}
    assert extractor.coder.prepare(text, None, None).home_country is None  # not Canada
    # a story set in the town keeps it
    assert person_surnames("Police in Hamilton said Dr Hamilton was safe.", {"Hamilton"}) == frozenset()


def test_national_institutions_give_the_home_country_when_places_do_not(extractor):
    text = ("The Biden administration launched an investigation into cars from China. Commerce Secretary Gina "
            "Raimondo said China, Beijing and Shanghai firms could collect data. The Commerce Department will "
            "lead it, and Chinese officials in Beijing objected. China called it unfair. Shenzhen firms agreed.")
    st = extractor.coder.prepare(text, None, None)
    assert st.home_country == "CHN" and st.national_home == "USA"
    from ingest.events.actors import Actor
    assert extractor.coder._home_country(st, Actor("Gina Raimondo", None, "GOV")).country == "USA"
    # Washington's police is the Metropolitan Police Department, not London's
    from ingest.events.roles import home_votes
    assert "GBR" not in home_votes("The Metropolitan Police Department said officers responded in Washington.")
    assert home_votes("The Metropolitan Police arrested 12 in London.") == {"GBR": 1}


def test_pro_and_anti_are_stances_not_nationalities(extractor):
    e = next(e for e in _events(extractor, "Pro-Palestine protesters marched through London on Saturday.")
             if e.event_type == "PROTEST")
    assert e.actor_country != "PSE"


def test_an_idea_rejected_is_a_rejection_and_a_report_speaks_for_its_authors(extractor):
    from ingest.events.modality import modality
    from ingest.events.state import Cand
    from ingest.events import triggers as trg
    doc = extractor.nlp("Macron floated the idea, a suggestion that was quickly rejected by the United States.")
    t = next(t for t in doc if t.lower_ == "rejected")
    assert modality(Cand(t, trg.Sense("REJECT"), t, t.text)) is None  # the rejection happened
    from ingest.events.roles import is_political
    from schemas.models import Event
    e = Event(event_type="REQUEST", evidence="His report calls for party leaders to act.", actor_name="His report")
    assert is_political(e, frozenset())
    e = Event(event_type="REQUEST", evidence="His dentist calls for calm.", actor_name="His dentist")
    assert not is_political(e, frozenset())


def test_a_quotation_over_several_sentences_is_the_speakers_account(extractor):
    from ingest.events.article import open_quotes
    from ingest.events.sentences import split_sentences
    text = "The witness said: “The men came at night. They killed them in the street.” Police arrested 5 men."
    ss = split_sentences(text)
    assert open_quotes(text, ss) == {1}
    evs = _events(extractor, text)
    assert not any(e.event_type == "ASSAULT" and "killed them" in e.evidence for e in evs)
    # outside the quotation the same act is the reporter's
    evs = _events(extractor, "The witness spoke on Monday. Gunmen killed five villagers in the street on Sunday.")
    assert any(e.event_type == "ASSAULT" for e in evs)


@pytest.mark.parametrize("text, etype", [
    # a reduced relative describes a thing
    ("She watched a clip of a press conference hosted by Israeli officials in November.", "CONSULT"),
    # a habit or pattern is no act
    ("Putin said, referencing Russia's long history of repelling invasions from the West.", "ASSAULT"),
    # an effort at a cooperative act is not the act
    ("The president and his aides say they are working to ease the violence in Gaza.", "CONCEDE"),
    # insisting that something is so is no demand
    ("The EPP has insisted the plans would undermine food security and hurt farmers.", "REQUEST"),
    # a thing's predicted effect is no threat
    ("The EPP has argued for months that the plans would undermine food security and hurt farmers.", "THREATEN"),
    # a remit is not an act
    ("UNRWA is the primary body responsible for providing humanitarian support to Palestine refugees.", "AID"),
    # blaming oneself is no accusation
    ("Rae said she found justification in what he did while blaming herself for it.", "ACCUSE"),
])
def test_more_non_events(extractor, text, etype):
    assert not any(e.event_type == etype for e in _events(extractor, text)), text


def test_insisting_on_is_a_demand(extractor):
    doc = extractor.nlp("The opposition insisted on a recount of the votes in the capital.")
    assert ("REQUEST", "insisted on") in [(c.sense.type, c.phrase) for c in extractor.coder._candidates(doc)]


def test_a_claim_noun_makes_its_clause_a_claim(extractor):
    from ingest.events.modality import stance
    doc = extractor.nlp("Reporters relied on their claim that more than 30 bodies were discovered in the town.")
    assert stance(next(t for t in doc if t.lower_ == "bodies")) == "claimed"
    doc = extractor.nlp("Police said more than 30 bodies were discovered in the town.")
    assert stance(next(t for t in doc if t.lower_ == "bodies")) is None


def test_a_threat_needs_someone_to_make_it(extractor):
    evs = _events(extractor, "Russia will strike Kyiv if NATO sends troops, Putin warned on Thursday.")
    assert any(e.event_type == "THREATEN" for e in evs)


def test_a_facility_named_after_its_place_is_in_it(extractor):
    places = extractor.places("Rebels shelled Donetsk Airport overnight.")
    assert any(p.admin1 == "Donetsk" for p in places)
    # a street named after a city is elsewhere, a paper is no place
    assert not any(p.name.startswith("New York") for p in extractor.places("He lives on New York Avenue."))


def test_a_possessive_date_names_a_past_event():
    from datetime import date
    from ingest.events.dates import find_dates
    s = "In early December, officials accused leaders of silence over Hamas’s October 7 attack."
    hits = find_dates(s, date(2024, 2, 29), None)
    assert [(h.text, h.precision) for h in hits] == [("early December", "month")]
    assert [h.text for h in find_dates("Police raided the office on Jan. 6.", date(2024, 2, 29), None)] == ["Jan. 6"]


def test_a_documents_act_is_its_issuers(extractor):
    from ingest.events.coder import Coder
    doc = extractor.nlp("The White House referred to migrants as newcomers in a Thursday brief urging Congress "
                        "to pass a bipartisan bill on border security.")
    c = next(c for c in extractor.coder._candidates(doc) if c.sense.type == "REQUEST")
    actor, _ = Coder._roles(extractor.coder, extractor.coder.prepare(doc.text, None, None), c)
    assert actor is not None and actor.name == "White House" and actor.country == "USA"


def test_tear_gas_is_crowd_control(extractor):
    e = next(e for e in _events(extractor, "Police fired tear gas at protesters in Nairobi on Tuesday.")
             if e.event_type == "ASSAULT")
    assert (e.mode, e.acled_event_type) == ("crowd-control", "Protests")
    e = next(e for e in _events(extractor, "Russian forces fired missiles at Kharkiv on Tuesday.")
             if e.event_type == "ASSAULT")
    assert e.mode == "heavy-weapons"


def test_the_crosswalk_table_agrees_with_the_code(tmp_path):
    # the DDL files (003 + later updates) give the table the code computes
    import duckdb
    from ingest.events.crosswalk import rows
    from ingest.store.migrations import migrate
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    migrate(con)
    got = {(t, m): a for t, m, _c, a in con.execute(
        "SELECT plover_type, mode, cameo_code, acled_event_type FROM plover_crosswalk").fetchall()}
    assert got == {(t, m): a for t, m, _c, a in rows()}


def test_a_pledge_or_statement_is_not_placed_at_its_recipient(extractor):
    e = next(e for e in _events(extractor, "The European Union pledged 50 million euros in humanitarian aid to "
                                           "Sudan on Monday.") if e.event_type == "AGREE")
    assert e.country != "SDN"
    e = next(e for e in _events(extractor, "Britain pledged support to Ukraine at a summit in Brussels on Tuesday.")
             if e.event_type == "AGREE")
    assert e.location_name == "Brussels"
    # a physical act is where it goes
    from ingest.events.decision import retype
    from schemas.models import Event
    aid = Event(event_type="AID", evidence="x", location_name="Khartoum", country="SDN", geonames_id=1)
    assert retype(aid, "AGREE").location_name is None and retype(aid, "MOBILIZE").location_name == "Khartoum"


@pytest.mark.parametrize("text, start, end, precision", [
    ("Police arrested 300 people over the past month.", "2024-02-14", "2024-03-15", "month"),
    ("Rebels attacked 12 villages in the last two weeks.", "2024-03-01", "2024-03-15", "month"),
    ("Three were killed within the past 24 hours.", "2024-03-14", "2024-03-15", "week"),
    ("Arrests rose over the last year.", "2023-03-16", "2024-03-15", "year"),
    # the calendar period stays the calendar period
    ("Last month, police arrested 30.", "2024-02-01", "2024-02-29", "month"),
    ("Last year police arrested 5.", "2023-01-01", "2023-12-31", "year"),
])
def test_trailing_periods_end_at_publication(text, start, end, precision):
    from datetime import date
    from ingest.events.dates import find_dates
    h = find_dates(text, date(2024, 3, 15), None)[0]
    assert (h.date.isoformat(), h.end_date.isoformat(), h.precision) == (start, end, precision)


def test_a_refusal_is_not_retyped_as_what_it_refuses():
    from ingest.events.classifier import CLASSES, Prediction
    from ingest.events.decision import choose
    from schemas.models import Event
    probs = {c: 0.0 for c in CLASSES}
    probs.update({"NONE": 0.1, "CONSULT": 0.7, "REJECT": 0.2})
    pred = Prediction("CONSULT", 0.7, probs)
    rej = Event(event_type="REJECT", evidence="Arafat rejected a US offer to host a summit.", actor_name="Arafat",
                actor_sector="GOV", trigger="rejected offer")
    support = {c: 100 for c in CLASSES}
    assert [e.event_type for e in choose(pred, [rej], 0.5, None, support)] == ["REJECT"]
    acc = Event(event_type="ACCUSE", evidence="x", actor_name="Arafat", actor_sector="GOV", trigger="x")
    assert [e.event_type for e in choose(pred, [acc], 0.5, None, support)] == ["CONSULT"]


@pytest.mark.parametrize("text, etype", [
    # "neither … nor" negates the subject
    ("Neither the House nor the Senate have provided all the money NASA requested in May.", "AID"),
    # publishing is not freeing captives
    ("NASA's Office of the Inspector General released two highly critical reports last week.", "RETREAT"),
    # an election, not an assault
    ("Kentucky Democrats beat incumbent Gov. Matt Bevin on Tuesday.", "ASSAULT"),
    # what someone might not have done is no refusal, and the sentence gives nothing else
    ("The threat of tariffs has prompted officials from Mexico to make concessions they might not otherwise "
     "have agreed to.", None),
])
def test_outside_sample_kinds(extractor, text, etype):
    evs = _events(extractor, text)
    assert (not evs) if etype is None else not any(e.event_type == etype for e in evs), text


def test_a_search_warrant_is_a_raid_and_beating_people_is_still_assault(extractor):
    doc = extractor.nlp("Officers executed a search warrant Monday evening on a garage.")
    assert [(c.sense.type, c.sense.mode) for c in extractor.coder._candidates(doc)] == [("COERCE", "seize")]
    assert any(e.event_type == "ASSAULT" for e in _events(extractor, "Police beat protesters in Minsk on Sunday."))


def test_a_state_beats_a_city_known_by_its_name_only_as_an_alternate(gazetteer):
    assert gazetteer.resolve("Oklahoma", {"USA"}, {"Oklahoma"}).kind == "admin1"
    assert gazetteer.resolve("New York", {"USA"}, {"New York"}).name == "New York City"


def test_lemmas_cut_one_letter_short_are_mended(extractor):
    from ingest.events.triggers import fix_lemma
    assert [fix_lemma(lemma, s) for lemma, s in [("stag", "staged"), ("fin", "fined"), ("hop", "hopped"),
                                                  ("attack", "attacked")]] == ["stage", "fine", "hop", "attack"]
    doc = extractor.nlp("Tens of thousands of students staged mass demonstrations Saturday to demand reforms.")
    assert ("PROTEST", "staged demonstrations") in [(c.sense.type, c.phrase) for c in extractor.coder._candidates(doc)]


def test_a_date_the_parser_hangs_on_a_participle_still_dates_the_act(extractor):
    from datetime import datetime, timezone
    text = ("The Taliban freed two professors on Tuesday. King and Weeks were abducted by gunmen wearing "
            "military uniforms in the heart of the Afghan capital in August 2016.")
    e = next(e for e in extractor.extract(text, datetime(2019, 11, 20, tzinfo=timezone.utc))
             if e.event_type == "ASSAULT" and "abducted" in e.evidence)
    assert (e.event_date.isoformat(), e.date_precision) == ("2016-08-01", "month")


# --- a story's own state, documents' issuers, home without places (events 0.4.1) -----------
def test_a_statement_in_a_story_set_in_one_state_is_placed_in_that_state(extractor):
    text = ("Consumer Watchdog, a Los Angeles group, has fought California Insurance Commissioner Ricardo Lara "
            "for years. The group filed suit in Sacramento over rate increases approved in San Francisco. "
            "Since then, the group has accused Lara's office of ramming through rate increases without public "
            "hearings.")
    acc = _typed(extractor, text, "ACCUSE")
    assert acc and (acc[0].admin1, acc[0].geo_precision) == ("California", "admin1")
    # a national story naming several states keeps the country
    text = ("Senators from Ohio, Texas and Florida met on Tuesday. The group has accused the Commerce "
            "Department of ramming through new rules without public hearings.")
    acc = _typed(extractor, text, "ACCUSE")
    assert acc and (acc[0].location_name, acc[0].geo_precision) == ("United States", "country")


def test_one_speaker_accusing_two_bodies_makes_two_events(extractor):
    text = ("Ryan Tucker, an attorney who represents the school, accused the principals association of trying "
            "to silence dissent. He accused the state of failing to protect female athletes.")
    acc = _typed(extractor, text, "ACCUSE")
    assert [e.target_name for e in acc] == ["principals association", "state"]
    a = Event(event_type="ACCUSE", evidence="x", actor_name="Tucker", target_name="the association")
    assert not same_event(a, dataclasses.replace(a, target_name="the state"))
    assert same_event(a, dataclasses.replace(a, target_name=None))


def test_a_document_named_again_acts_for_its_issuer(extractor):
    from ingest.events.article import document_issuers

    assert document_issuers("In a Thursday brief, the court ruled. The New York Times report said. "
                            "The White House said in the brief that it would act.") == [
        (38, "report", "New York Times"), (70, "brief", "White House")]
    text = ("The White House urged Congress to pass a bill, according to the White House brief. The brief also "
            "accused House Speaker Mike Johnson and House Republicans of playing politics with the border.")
    acc = _typed(extractor, text, "ACCUSE")
    assert acc and (acc[0].actor_name, acc[0].actor_country) == ("White House", "USA")


def test_a_story_with_no_place_takes_the_home_of_the_institutions_it_names(extractor):
    assert "mcconnell" in political_names("Mitch McConnell has been the Senate Republican Leader since 2007.")
    assert political_names("The Weather was a leader in sales.") == frozenset()
    text = ("Mitch McConnell has been the Senate Republican Leader since 2007. McConnell criticized the "
            "then-president openly on occasion.")
    acc = _typed(extractor, text, "ACCUSE")
    assert acc and acc[0].actor_country == "USA"


def test_the_passive_subject_does_the_ing_act_it_was_seen_doing(extractor):
    ev = _events(extractor, "The police chief was filmed beating protesters in Lagos on Monday.")
    assert [(e.event_type, e.actor_name, e.target_name) for e in ev] == [("ASSAULT", "police chief", "protesters")]


def test_protesters_are_of_the_country_they_protest_in(extractor):
    ev = _events(extractor, "Pro-Palestine protests continued across England and Wales on Saturday.")
    assert [(e.event_type, e.actor_country) for e in ev] == [("PROTEST", "GBR")]


def test_a_physical_act_with_no_place_in_a_story_set_in_one_state(extractor):
    text = ("D.C. police are responding to a shooting in the southeast part of Washington. The shooting was "
            "reported near Navy Yard in Washington. An officer was taken to a hospital in Washington. Police "
            "closed roads and asked residents to avoid the area as officers investigate.")
    closed = [e for e in _events(extractor, text) if e.evidence.startswith("Police closed")]
    assert closed and (closed[0].admin1, closed[0].geo_precision) == ("District of Columbia", "admin1")


def test_a_national_actor_speaks_for_the_country_not_the_story_state():
    from ingest.events.actors import Actor
    from ingest.events.placing import national

    assert national(Actor("The White House", "USA", "GOV")) and national(Actor("Biden", "USA", "GOV"))
    assert national(Actor("the Home Office", "GBR", "GOV"))
    assert not national(Actor("Consumer Watchdog", "USA", None))
    assert not national(Actor("Vermont Principals Association", "USA", None))


def test_violence_against_people_of_another_country_is_placed_where_they_are(extractor):
    text = ("Israel's offensive in Gaza continued on Monday. Hospitals in Gaza are overwhelmed, officials in Gaza "
            "said. The offensive has left almost 30,000 Palestinian civilians dead.")
    dead = [e for e in _events(extractor, text) if "30,000" in e.evidence]
    assert dead and (dead[0].location_name, dead[0].admin1) == ("Gaza", "Gaza Strip")


def test_what_a_quotation_does_is_its_speakers_act(extractor):
    ev = _events(extractor, "“The government was criticized for failing the victims,” said Senator Smith.")
    assert [(e.event_type, e.actor_name) for e in ev] == [("ACCUSE", "Senator Smith")]


def test_statement_nouns_made_again_or_in_public_are_acts(extractor):
    ev = _events(extractor, "Addressing lawmakers in Moscow, Putin repeated his accusation that the West was bent "
                            "on weakening Russia.")
    assert [(e.event_type, e.actor_country, e.trigger) for e in ev] == [("ACCUSE", "RUS", "repeated accusation")]
    text = ("The court ruled on January 26 that the claims were plausible. Just hours after the court's decision "
            "was announced, Israel went public with an allegation that 12 UN employees took part in the attack.")
    acc = [e for e in _events(extractor, text) if e.trigger == "went public with allegation"]
    # … dated on the day the sentence before gave: "just hours after"
    assert acc and (acc[0].actor_country, acc[0].event_date, acc[0].date_precision) == ("ISR", date(2024, 1, 26), "day")


def test_the_same_day_and_the_next_day_follow_the_last_date():
    anchor = date(2024, 1, 26)
    assert [(h.date, h.precision) for h in D.find_dates("The same day, Biden spoke.", PUB.date(), anchor)] == [
        (anchor, "day")]
    assert [h.date for h in D.find_dates("The next day, troops left.", PUB.date(), anchor)] == [date(2024, 1, 27)]
    assert [h.date for h in D.find_dates("Hours later, police came.", PUB.date(), anchor)] == [anchor]
    assert D.find_dates("He worked for hours after dinner.", PUB.date(), anchor) == []
    assert D.find_dates("The same day, Biden spoke.", PUB.date(), None) == []  # nothing to follow


def test_a_scene_set_with_with_is_no_act(extractor):
    ev = _events(extractor, "With those services destroyed by Israel's war, the US decision makes Washington "
                            "complicit, the group said.")
    assert [e for e in ev if e.event_type == "ASSAULT"] == []


def test_a_lawsuit_named_again_is_its_filers_and_folds_into_its_filing(extractor):
    text = ("Mid-Vermont Christian, in turn, has filed a lawsuit against the association. The lawsuit claims the ban "
            "prevents Mid Vermont Christian from participation in the state's tuition program.")
    acc = _typed(extractor, text, "ACCUSE")
    assert len(acc) == 1 and "filed a lawsuit" in acc[0].evidence
    a = Event(event_type="ACCUSE", evidence="x", actor_name="Vermont Christian")
    assert same_event(a, dataclasses.replace(a, actor_name="Mid-Vermont Christian"))
    assert not same_event(dataclasses.replace(a, actor_name="Biden"), dataclasses.replace(a, actor_name="Hunter Biden"))


def test_a_person_introduced_with_a_state_speaks_there_later(extractor, gazetteer):
    from ingest.events.article import person_regions

    regions = person_regions(gazetteer, "Florida Judge Aileen Cannon ruled. Texas Gov. Greg Abbott spoke. Ukrainian "
                                        "President Volodymyr Zelensky said.", {"USA", "UKR"})
    assert {k: p.name for k, p in regions.items()} == {"cannon": "Florida", "abbott": "Texas"}
    text = ("On Friday, Florida Judge Aileen Cannon refrained from setting a trial date in the case. Judge Cannon "
            "rejected the prosecution's request to begin the trial in July.")
    ev = [e for e in _events(extractor, text) if e.evidence.startswith("Judge Cannon")]
    assert ev and ev[0].admin1 == "Florida"


def test_other_countries_parties_are_not_americas():
    from ingest.events.roles import home_votes

    assert home_votes("Ishiba leads the Liberal Democratic Party; the Constitutional Democratic Party of Japan "
                      "and the Democratic Party for the People disagree. Social Democrats and Sweden Democrats too.") == {}
    assert home_votes("Senate Republicans met the Democratic Party nominee.") == {"USA": 3}


def test_the_hit_are_not_the_side_that_fired(extractor):
    ev = _events(extractor, "Indian police and medics said at least seven civilians were killed and 30 others "
                            "wounded in the Pakistani firing.")
    assert [(e.event_type, e.actor_country) for e in ev] == [("ASSAULT", "PAK")]
    ev = _events(extractor, "Two people were killed in a Russian missile strike on Odesa.")
    assert [(e.actor_country, e.target_name) for e in ev] == [("RUS", "Two people")]


def test_a_village_named_like_a_weapon_gives_no_side(extractor):
    ev = _events(extractor, "The Oreshnik, which is capable of carrying nuclear warheads, struck the city of Bila "
                            "Tserkva in the Kyiv region.")
    assert [(e.event_type, e.actor_country, e.location_name) for e in ev] == [("ASSAULT", None, "Bila Tserkva")]


def test_leaving_the_scene_is_no_retreat_but_troops_fleeing_are(extractor):
    assert _events(extractor, "Officials said the patrol was hit by gunfire from several vehicles and that the "
                              "attackers fled before soldiers arrived.") == []
    assert _events(extractor, "Thousands of residents fled the city on Monday.") == []
    ev = _events(extractor, "Russian troops fled Lyman on Saturday as Ukrainian forces advanced.")
    assert [(e.event_type, e.actor_country) for e in ev] == [("RETREAT", "RUS")]


def test_a_month_dated_act_takes_the_day_the_next_sentence_gives_it(extractor):
    lead = ("In early December, Israeli officials launched an intensive public campaign, accusing the international "
            "community of standing silent.")
    ev = _events(extractor, lead + " The PR effort was rolled out at the United Nations on December 4.")
    assert [(e.event_type, e.event_date, e.date_precision) for e in ev] == [("ACCUSE", date(2023, 12, 4), "day")]
    # another act's day, or two days, leave the month
    for nxt in (" Separately, a vote was held on December 4.", " The ministers met on December 4 and on December 9."):
        acc = [e for e in _events(extractor, lead + nxt) if e.event_type == "ACCUSE"]
        assert [(e.event_date, e.date_precision) for e in acc] == [(date(2023, 12, 1), "month")]


def test_the_attackers_country_named_through_a_relative_is_not_where_it_struck(extractor):
    s = ("By November, global opposition was mounting against Israel's military campaign, which had already killed "
         "thousands of children, women, and the elderly.")
    assert [(e.event_type, e.location_name) for e in _events(extractor, s)] == [("ASSAULT", None)]
    ev = _events(extractor, "The war in Gaza entered its second month. " + s)
    assert [(e.location_name, e.admin1) for e in ev if e.event_type == "ASSAULT"] == [("Gaza", "Gaza Strip")]
    ev = _events(extractor, "Russia's offensive, which has killed hundreds of civilians in Kharkiv, continued.")
    assert [e.location_name for e in ev] == ["Kharkiv"]


def test_armed_groups_have_their_country_from_the_phoenix_dictionary(extractor, tmp_path):
    from ingest.events.actors import armed_group
    from ingest.events.data.derive import armed_groups

    src = tmp_path / "mnsa.txt"
    src.write_text("HAMAS_  #  note\n+ISLAMIC_RESISTANCE_MOVEMENT\n\t[PSEREBHMS]\nSHEIKH_AHMED_YASSIN\n"
                   "\t[PSEREBHMS 19870101-20040322]\n\nREVOLUTIONARY_ARMED_FORCES_OF_COLOMBIA [COLREB] # x\n"
                   "+FARC-EP\n+FARC\n\nAL-QAEDA_IN_THE_ARABIAN_PENINSULA [IMG]\n+AQAP\n", encoding="utf-8")
    assert armed_groups(src) == {"hamas": "PSE", "islamic resistance movement": "PSE",
                                 "revolutionary armed forces of colombia": "COL", "farc-ep": "COL",
                                 "al-qaeda in the arabian peninsula": ""}
    assert armed_group(["boko", "haram", "fighters"]) == "NGA"
    assert armed_group(["tigers"]) is None and armed_group(["tigers"], {"tigers"}) == "SWZ"  # a name only where NER saw one
    ev = _events(extractor, "While Hamas and Iran have blamed Israel for the strike, Israel has not claimed "
                            "responsibility for it.")
    assert [(e.event_type, e.actor_name, e.actor_country) for e in ev] == [("ACCUSE", "Hamas", "PSE")]


def test_a_world_city_beats_small_namesakes_unless_their_state_is_named(gazetteer):
    assert gazetteer.resolve("Delhi", ["USA"]).country == "IND"
    assert gazetteer.resolve("Delhi", ["USA"], ["California"]).admin1 == "California"
    assert gazetteer.resolve("Moscow", ["USA"]).country == "RUS"


def test_a_name_followed_by_state_is_the_admin1_and_institutions_sit_in_their_capital(extractor):
    from ingest.events.location import seat_of
    from ingest.events.placing import sentence_places

    ev = _events(extractor, "The New York state attorney general is investigating WeWork amid layoffs.")
    assert [(e.location_name, e.geo_precision) for e in ev] == [("New York", "admin1")]
    assert seat_of(extractor.gazetteer, "the White House").name == "Washington"
    assert seat_of(extractor.gazetteer, "Kremlin").name == "Moscow" and seat_of(extractor.gazetteer, "Lyman") is None
    text = "At the White House, Trump said he had watched part of the testimony."
    doc = extractor.nlp(text)
    places = sentence_places(extractor.gazetteer, extractor.coder.verbs, extractor.coder.prepare(text, None, None), doc)
    assert [(p.name, p.admin1) for _, _, p in places] == [("Washington", "District of Columbia")]


def test_a_meeting_with_another_countrys_side_is_not_placed_at_home(extractor):
    ev = _events(extractor, "US negotiators met Taliban representatives on Saturday to discuss a peace deal.")
    assert [(e.event_type, e.target_country, e.location_name) for e in ev] == [("CONSULT", "AFG", None)]
    ev = _events(extractor, "Biden met Democratic leaders on Tuesday to discuss the budget.")
    assert [(e.event_type, e.location_name) for e in ev] == [("CONSULT", "United States")]


def test_a_vow_to_do_harm_is_a_threat_not_an_agreement(extractor):
    ev = _events(extractor, "Israel has also vowed to kill him, as he is widely seen as the mastermind of the attack.")
    assert [(e.event_type, e.intended_type) for e in ev] == [("THREATEN", "ASSAULT")]
    ev = _events(extractor, "The United States pledged to send $500 million in aid to Ukraine.")
    assert [e.event_type for e in ev] == ["AGREE"]


def test_a_country_in_the_possessive_is_a_side_not_the_place(extractor):
    ev = _events(extractor, "Russia's Defense Ministry on Sunday confirmed the weapon's use, as well as other missile "
                            "types, to strike Ukrainian military command and control facilities and air bases.")
    assert [(e.event_type, e.location_name) for e in ev] == [("ASSAULT", None)]
    ev = _events(extractor, "Russian forces shelled villages in Ukraine's Kharkiv region on Monday.")
    assert [(e.location_name, e.admin1) for e in ev] == [("Kharkiv", "Kharkiv")]


def test_a_lower_case_office_before_the_name_is_political():
    names = political_names("EPP leader Manfred Weber spoke. The foreign secretary David Cameron replied. "
                            "Opposition figures met; opposition leader Alexei Navalny was jailed.")
    assert {"weber", "cameron", "navalny"} <= names
    # a bare "leader" or a company's chief is no office
    assert not political_names("Apple chief Tim Cook said so. The team leader Sam Jones agreed.") & {"cook", "jones"}


def test_a_relative_clause_act_stands_when_the_main_clause_reports_none(extractor):
    text = ("He prefaced his warning with a reference to an idea, floated by French president Emmanuel Macron "
            "on Monday, of European NATO members sending ground troops to Ukraine—a suggestion that was "
            "quickly rejected by the United States, Germany, Britain, and others.")
    rej = _typed(extractor, text, "REJECT")
    assert rej and rej[0].actor_name == "United States"
    assert rej[0].target_name is None  # "that" is the suggestion, a thing, not a side
    # an act in a clause that states a claim's content is not the news
    claim = ("The central issue is whether the newspaper presented evidence, a claim stated in the headline "
             "that Hamas deliberately deployed fighters as a weapon of war.")
    assert not [e for e in _events(extractor, claim) if e.event_type == "MOBILIZE"]


def test_the_accused_is_the_subject_of_the_accusations_clause(extractor):
    text = ("Putin repeated his accusation that the West was bent on weakening Russia. "
            "\"They think war is a cartoon,\" he said, accusing Western politicians of forgetting what real war meant.")
    acc = _typed(extractor, text, "ACCUSE")
    # two accusations of two targets on one day are two events, not one restated
    assert [e.target_name for e in acc] == ["West", "Western politicians"]


def test_a_conjunction_inside_a_proper_name_stays_in_the_name(extractor):
    text = "The partnership alleges that Trump Media & Technology Group engaged in wrongful maneuvering."
    acc = _typed(extractor, text, "ACCUSE")
    assert acc and acc[0].target_name == "Trump Media & Technology Group"


def test_a_row_with_no_participants_needs_a_confident_type():
    bare = Event(event_type="ASSAULT", sentence_index=0, evidence="she described seeing a woman murdered",
                 confidence=0.6, trigger="murdered", killed=1)
    weak = Prediction("NONE", 0.6, {c: (0.6 if c == "NONE" else 0.1 if c == "ACCUSE" else 0.3 / 15) for c in CLASSES})
    assert choose(weak, [bare], threshold=0.5) == []  # admitted by its count, but names no one
    named = dataclasses.replace(bare, actor_name="gunmen")
    assert choose(weak, [named], threshold=0.5)
    headline = dataclasses.replace(bare, location_name="Kharkiv")  # "Five killed in Kharkiv"
    assert choose(weak, [headline], threshold=0.5)


def test_a_pr_or_personal_attack_is_an_accusation(extractor):
    evs = _events(extractor, "Two weeks later, on February 9, Israel launched another PR attack on UNRWA, "
                             "claiming that a tunnel under its headquarters had been used by Hamas.")
    assert evs and evs[0].event_type == "ACCUSE" and evs[0].target_name == "UNRWA"


def test_a_subject_hung_on_the_auxiliary_is_still_the_actor(extractor):
    text = ("Justice Singh did, however, grant a temporary stay of Judge Arthur Engoron's orders "
            "prohibiting Trump from serving in leadership positions.")
    evs = _candidates(extractor, text)
    assert [e.actor_name for e in evs if e.event_type == "CONCEDE"] == ["Justice Singh"]


def test_a_news_label_is_not_part_of_the_sentence():
    from ingest.events.sentences import split_sentences
    text = "The court met. UPDATE: Since this article was written, a judge denied the request. BREAKING: Fire."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The court met.", "Since this article was written, a judge denied the request.", "Fire."]


def test_a_series_noun_stands_in_for_its_events(extractor):
    for text, etype, target in (
            ("House Speaker Mike Johnson has conducted a round of meetings with Senate leaders.", "CONSULT",
             "Senate leaders"),
            ("Russia launched a wave of missile strikes on Kyiv.", "ASSAULT", "Kyiv")):
        evs = _candidates(extractor, text)
        assert [(e.event_type, e.target_name) for e in evs][:1] == [(etype, target)], text


def test_the_clause_rule_names_only_the_accused_of_an_allegation(extractor):
    for text in ("Defense Minister Khawaja Mohammad Asif has strongly condemned what he calls a cowardly act by India.",
                 "Palestinian NGOs have warned that Gaza is entering into famine."):
        evs = _candidates(extractor, text)
        assert all(e.target_name is None for e in evs), (text, evs)
    # "US and Filipino troops": the conjunction joins two sides, not one name
    evs = _candidates(extractor, "Thousands of US and Filipino troops launched joint exercises.")
    assert evs and not evs[0].actor_name.endswith("and")


def test_the_subject_of_is_willing_to_is_the_actor(extractor):
    text = "NATO-member Norway is willing to send material to help defend Saudi Arabia, its foreign minister said."
    evs = _candidates(extractor, text)
    assert [(e.event_type, e.actor_name) for e in evs][:1] == [("AGREE", "NATO-member Norway")]


def test_typing_a_sentence_keeps_a_row_that_names_no_one(extractor):
    # the type evaluation (``best_type``) reads the act whatever the decision to emit it
    ev = extractor.coder.best_type("With the signing of a memorandum, the government and the rebels have agreed "
                                   "to allow unimpeded humanitarian access to all areas.")
    assert ev is not None and ev.event_type == "AGREE"


def test_cutting_aid_is_a_sanction_and_lobbying_a_request(extractor):
    for text, etype, actor in (
            ("Washington announced on Friday that it was cutting its entire aid allocation to UNRWA.", "SANCTION",
             "Washington"),
            ("Key US allies announced that they were joining Washington in cutting aid.", "SANCTION", "Key US allies"),
            ("Senate leader Mitch McConnell is already lobbying him to avert a shutdown.", "REQUEST",
             "Senate leader Mitch McConnell")):
        evs = _candidates(extractor, text)
        assert [(e.event_type, e.actor_name) for e in evs][:1] == [(etype, actor)], text


def test_a_condition_is_neither_an_act_nor_a_refusal(extractor):
    text = "President Donald Trump said he would raise tariffs on Chinese imports if no deal is reached with Beijing."
    assert not [e for e in _candidates(extractor, text)
                if e.event_type in ("REJECT", "AGREE")]


def test_the_same_day_counts_from_the_event_not_a_date_it_recalls(extractor):
    text = ("When the judges of the International Court of Justice issued their ruling on January 26, they "
            "asserted the legitimacy of the court. Israel was having none of it. Just hours after the court’s "
            "decision was announced in The Hague, Israel went public with an unsubstantiated allegation that 12 "
            "Gazan employees of the UN’s Relief Works Agency supposedly were tied to Hamas and may have played "
            "some role in the attack on Israel on October 7. Not wanting to wait a moment, however, Washington "
            "announced on the same day that it was cutting its entire aid allocation to UNRWA.")
    cut = _typed(extractor, text, "SANCTION")
    assert cut and cut[0].event_date == date(2024, 1, 26) and cut[0].date_precision == "day"


def test_a_described_person_is_named_by_the_name_with_the_descriptions_side(extractor):
    text = "Russia's defence minister, Sergei Shoigu, threatened Ukraine on Monday."
    evs = _candidates(extractor, text)
    assert evs and (evs[0].actor_name, evs[0].actor_country) == ("Sergei Shoigu", "RUS")


def test_an_announced_resignation_stays_a_retreat_and_failing_to_offer_is_no_offer(extractor):
    text = "Senate Republican Leader Mitch McConnell announced that he will be stepping down in November."
    evs = _candidates(extractor, text)
    assert [(e.event_type, e.modality) for e in evs] == [("RETREAT", "future")]
    text = "The union says the government's plan fails to offer real change."
    assert not [e for e in _candidates(extractor, text) if e.event_type == "AGREE"]
    text = "Russian forces failed to capture the town of Bakhmut."  # the assault happened
    assert _candidates(extractor, text)


def test_a_law_or_order_is_no_actor():
    for name in ("the bill", "President Biden’s Executive Order 14019", "Biden’s Gaza policy"):
        e = Event(event_type="COERCE", sentence_index=0, evidence="…", confidence=0.9, trigger="imposed ban",
                  actor_name=name)
        assert not is_political(e, frozenset()), name
    # a name that only contains such a word is not one ("Law Society", "Order of Malta" end otherwise)
    assert is_political(dataclasses.replace(e, actor_name="the Law Society"), frozenset())


def test_a_wish_is_no_act_and_an_accidents_thing_no_actor(extractor):
    for text in ("Macron would like to ban diesel cars by 2040.",
                 "Bolger said that the battery had burst into flames when used, burning her arms and legs."):
        assert _events(extractor, text) == [], text


def test_a_subordinate_passive_clause_does_not_borrow_the_main_subject(extractor):
    text = ("After TV channels were banned from covering PTI events, Khan gave several speeches online "
            "challenging the military's role in politics.")
    evs = _candidates(extractor, text)
    assert [(e.event_type, e.actor_name) for e in evs if e.event_type == "COERCE"] == [("COERCE", None)]


def test_an_accident_is_no_attack_but_a_strike_that_caused_a_fire_is(extractor):
    assert _events(extractor, "Police said the teenage driver was killed, and paramedics rushed the passenger "
                              "to hospital in critical condition.") == []
    strike = _events(extractor, "In Kyiv’s Shevchenko district, a five-story residential building was hit, which "
                                "caused a fire, and one person was killed, Ukraine’s state emergency service reported.")
    assert [e.event_type for e in strike] == ["ASSAULT"]
    from ingest.events.quantities import accident
    assert not accident("At least three Iraqi civilians have been killed in a suicide car bombing in Baghdad.")


def test_a_conviction_or_sentence_is_a_sanction_and_a_jury_is_a_court(extractor):
    text = "His Honour Judge Neil Ford QC sentenced Hartley to three years for manslaughter."
    evs = _candidates(extractor, text)
    assert [(e.event_type, e.mode) for e in evs] == [("SANCTION", "convict")]
    text = "A jury convicted the former officer of murder."
    evs = _candidates(extractor, text)
    assert [(e.event_type, e.actor_sector) for e in evs] == [("SANCTION", "JUD")]


def test_a_title_case_dateline_is_no_actor_and_not_part_of_the_sentence(extractor):
    text = ("Indianapolis – Several thousand teachers wearing red surrounded the Indiana Statehouse on Tuesday "
            "to call for better pay and more respect from the state government.")
    evs = _events(extractor, text)
    assert evs and all(e.actor_name != "Indianapolis" for e in evs)
    assert evs[0].evidence.startswith("Several thousand teachers")
    from ingest.events.location import find_dateline
    assert find_dateline("Meanwhile – The talks went on.").title_case  # the shape alone ...
    assert not extractor.coder.prepare("Meanwhile – The talks went on.", PUB, None).dateline_end  # ... is no place


def test_one_trigger_gives_one_row_whichever_reading_wins():
    mob = Event(event_type="MOBILIZE", evidence="NASA has recruited SpaceX's Starship to join its moon program.",
                actor_name="NASA", actor_country="USA", trigger="recruited")
    support = {c: (10 if c == "MOBILIZE" else 100) for c in CLASSES}  # MOBILIZE: a rare type here
    sure = {c: 0.0 for c in CLASSES}
    sure.update({"NONE": 0.1, "AGREE": 0.85, "MOBILIZE": 0.05})
    # the model is sure of its own type: it replaces the rare rule type, not beside it
    assert [e.event_type for e in choose(Prediction("AGREE", 0.85, sure), [mob], 0.5, None, support)] == ["AGREE"]
    unsure = dict(sure, AGREE=0.6, MOBILIZE=0.3)
    # not sure: the rule's rare reading stands, alone
    assert [e.event_type for e in choose(Prediction("AGREE", 0.6, unsure), [mob], 0.5, None, support)] == ["MOBILIZE"]


def test_a_vehicle_hit_by_shelling_is_still_an_attack(extractor):
    evs = _events(extractor, "Bus shelling in Ukraine's Donetsk kills 13: official")
    assert [(e.event_type, e.killed) for e in evs] == [("ASSAULT", 13)]


def test_a_month_last_year_and_a_possessive_year():
    from ingest.events.dates import find_dates
    pub = date(2024, 11, 18)
    h = find_dates("Finland joined NATO in April last year.", pub, None)
    assert [(x.date, x.precision) for x in h] == [(date(2023, 4, 1), "month")]
    h = find_dates("Protesters gathered in March this year.", pub, None)
    assert [(x.date, x.precision) for x in h] == [(date(2024, 3, 1), "month")]
    # "this year's session" is the period of a thing named, not when the act happened
    h = find_dates("On Wednesday, Republicans banned her for the remainder of this year's session.", pub, None)
    assert [x.text for x in h] == ["On Wednesday"]


def test_a_statement_in_a_datelined_story_is_placed_at_the_dateline(extractor):
    text = ("TROY, N.C. (AP) — The mayor accused the county commissioners on Monday of hiding the cost of "
            "the new jail.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].location_name, evs[0].admin1) == ("Troy", "North Carolina")
    # the dateline after a headline line is not part of the lede's sentence either
    text = ("Esper in Vietnam\n\nHANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused "
            "China of using coercion and intimidation to advance its interests in Southeast Asia.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "U.S. Defense Secretary Mark Esper"
    # a side of another country: it may speak at the dateline or at home, so no place (its home
    # country, the old guess, was wrong here: Esper spoke in Hanoi)
    assert evs[0].location_name is None and evs[0].country is None


def _kinds(extractor, text):
    return [(e.event_type, e.modality) for e in _candidates(extractor, text)]


def test_yielding_to_demands_and_ending_a_protest_are_concessions(extractor):
    # PLOVER CONCEDE: "accede to demands", "suspending protests"
    assert _kinds(extractor, "The government accepted the strikers' demands on Tuesday.") == [("CONCEDE", "asserted")]
    assert _kinds(extractor, "The teachers' union called off its strike after talks with the ministry.") == [
        ("CONCEDE", "asserted")]  # not also a strike called
    assert ("CONCEDE", "asserted") in _kinds(extractor, "The transport workers ended their strike on Monday.")


def test_allowing_is_a_concession_and_a_promise_to_allow_an_agreement(extractor):
    assert _kinds(extractor, "The court allowed the opposition leader to stand in the election.") == [
        ("CONCEDE", "asserted")]
    evs = _candidates(extractor, "Damascus said it would allow the return of the inspectors.")
    assert [(e.event_type, e.intended_type, e.actor_name) for e in evs] == [("AGREE", "CONCEDE", "Damascus")]
    assert not _candidates(extractor, "It would also allow candidates to campaign through the primary season.")
    assert not _candidates(extractor, "Three justices would have allowed the restrictions to take effect.")
    assert not _events(extractor, "The app allows users to share photos.")  # no political side


def test_coordinated_verbs_share_negation_but_not_across_but(extractor):
    text = "The minister said Moscow would not repeat the mistake and allow the West to drag it into a race."
    assert ("CONCEDE", "asserted") not in _kinds(extractor, text) and ("AGREE", "future") not in _kinds(extractor, text)
    assert ("RETREAT", "asserted") in _kinds(extractor, "Police did not charge the activist but released him on bail.")


def test_a_negated_must_is_a_demand_not_a_refusal(extractor):
    kinds = _kinds(extractor, "We should not allow such imports into the country, the farm minister said.")
    assert kinds and all(t != "REJECT" for t, _ in kinds)


def test_taking_ground_in_a_fight_is_an_assault(extractor):
    assert _kinds(extractor, "Rebel fighters captured the town of Kidal after heavy fighting.") == [("ASSAULT", "asserted")]
    assert [k for k, _ in _kinds(extractor, "Government troops seized two villages near the border.")] == ["ASSAULT"]
    assert not [k for k, _ in _kinds(extractor, "Trump took Iowa by a wide margin.") if k == "ASSAULT"]
    assert [k for k, _ in _kinds(extractor, "Police seized weapons and cash in the raid.")][:1] == ["COERCE"]


def test_criticism_idioms_are_accusations(extractor):
    for text in ("The senator lashed out at the governor over the budget.",
                 "The prime minister took a swipe at the opposition leader.",
                 "The mayor hit out at the police chief on Monday."):
        assert [k for k, _ in _kinds(extractor, text)] == ["ACCUSE"], text


def test_put_under_investigation_or_arrest(extractor):
    evs = _candidates(extractor, "The former minister was placed under investigation for corruption.")
    assert [(e.event_type, e.mode) for e in evs] == [("ACCUSE", "investigate")]
    evs = _candidates(extractor, "The opposition leader was put under house arrest.")
    assert [(e.event_type, e.mode) for e in evs] == [("COERCE", "arrest")]


def test_blocking_a_road_or_bridge_and_striking_to_protest_are_protests(extractor):
    evs = _candidates(extractor, "Farmers blocked the main highway with tractors.")
    assert [(e.event_type, e.mode) for e in evs] == [("PROTEST", "obstruct")]
    assert ("PROTEST", "asserted") in _kinds(extractor, "Shopkeepers closed their stores on Monday to protest against the new tax.")
    assert ("PROTEST", "asserted") not in _kinds(extractor, "They were expected to stay home to protest the tax.")


def test_a_two_word_construction_with_a_named_side_needs_less_belief():
    deny = Event(event_type="REJECT", evidence="A judge temporarily denied Trump's request to stay the penalty.",
                 actor_name="judge", actor_country="USA", trigger="denied request")
    probs = {c: 0.0 for c in CLASSES}
    probs.update({"NONE": 0.65, "REJECT": 0.35})
    pred = Prediction("NONE", 0.65, probs)
    assert [e.event_type for e in choose(pred, [deny], 0.5)] == ["REJECT"]
    assert choose(pred, [dataclasses.replace(deny, trigger="denied")], 0.5) == []  # one word: not enough
    assert choose(pred, [dataclasses.replace(deny, actor_name=None)], 0.5) == []  # no one named


def test_a_reuters_dateline_with_its_day_is_a_dateline():
    dl = find_dateline("WASHINGTON, March 4 (Reuters) - A former executive will plead guilty to perjury.")
    assert dl is not None and dl.city == "Washington" and dl.region is None
    dl = find_dateline("KYIV, Ukraine, Jan 5 (Reuters) - Russia said it had shot down drones.")
    assert dl is not None and (dl.city, dl.region) == ("Kyiv", "Ukraine")


def test_allies_of_a_country_are_not_that_country_and_decide_apart(extractor):
    text = ("Washington announced on Friday that it was cutting its aid to the agency. Hours later, key US allies "
            "announced that they were joining Washington in cutting aid.")
    cuts = _typed(extractor, text, "SANCTION")
    assert [(e.actor_name, e.actor_country) for e in cuts] == [("Washington", "USA"), ("key US allies", None)]


def test_a_town_and_its_region_can_place_one_act():
    town = Event(event_type="ASSAULT", evidence="a", location_name="Washington", admin1="District of Columbia",
                 country="USA", geonames_id=1, geo_precision="city", event_date=date(2024, 3, 1), date_precision="day")
    region = dataclasses.replace(town, location_name="District of Columbia", geonames_id=2, geo_precision="admin1")
    elsewhere = dataclasses.replace(region, admin1="Maryland", location_name="Maryland", geonames_id=3)
    assert same_event(town, region) and same_event(region, town) and not same_event(town, elsewhere)
    # a town and its region dated apart (one by its day, one only by publication) are two reports
    undated = dataclasses.replace(town, date_precision="unknown")
    assert not same_event(undated, region)


def test_going_for_talks_being_open_to_them_and_pace_verbs(extractor):
    evs = _candidates(extractor, "Iranian and European negotiators return to Vienna this week for talks on the deal.")
    assert [e.event_type for e in evs] == ["CONSULT"]
    evs = _candidates(extractor, "Putin said Moscow was open to discussions on arms control with the United States.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("AGREE", "Moscow")]
    evs = _candidates(extractor, "The army speeded up the withdrawal of its forces from the border region.")
    assert [(e.event_type, e.mode) for e in evs] == [("RETREAT", "withdraw")]
    evs = _candidates(extractor, "NATO said it would tighten the naval blockade.")
    assert [(e.event_type, e.intended_type) for e in evs] == [("THREATEN", "COERCE")]  # a future coercion


def test_a_weapon_an_act_or_evidence_is_no_actor_but_its_side_is(extractor):
    evs = _candidates(extractor, "Indian missile strike on Bahawalpur mosque killed 13, including women and children")
    assert evs and all(e.actor_name == "Indian" and e.actor_country == "IND" for e in evs)
    evs = _candidates(extractor, "One of the missiles hit a mosque in Muridke, damaging its structure.")
    assert evs and all(e.actor_name is None for e in evs)
    evs = _candidates(extractor, "Riots erupted across the country, including in Belfast and Bristol, on Saturday.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("PROTEST", "protesters")]
    evs = _candidates(extractor, "Russia used a new missile during a mass attack on Kyiv that killed two people.")
    assert [(e.event_type, e.actor_country) for e in evs if e.killed == 2] == [("ASSAULT", "RUS")]


def test_who_faces_or_receives_an_act_is_its_target(extractor):
    evs = _candidates(extractor, "The company said it had received an inquiry from the office of the state attorney general.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("ACCUSE", "office of the state attorney general")]
    evs = _candidates(extractor, "Assange now faces 18 criminal charges in the US.")
    assert [(e.event_type, e.actor_name, e.target_name) for e in evs] == [("ACCUSE", None, "Assange")]


def test_remembering_and_asking_about_are_not_sanctions_or_requests(extractor):
    assert not _candidates(extractor, "Holmes said he recalled the call vividly.")
    assert [e.event_type for e in _candidates(extractor, "Russia recalled its ambassador from Kyiv.")] == ["SANCTION"]
    assert not _candidates(extractor, "The counsel asked the witness about concerns within the council.")
    assert [e.event_type for e in _candidates(extractor, "She asked the court to dismiss the case.")] == ["REQUEST"]
    assert not _candidates(extractor, "Andrew said he couldn't recall ever meeting her.")  # no refusal either


def test_a_guilty_plea_however_parsed_is_a_concession(extractor):
    evs = _candidates(extractor, "A New York man pleaded guilty Monday to threatening to kill a congresswoman.")
    assert [e.event_type for e in evs] == ["CONCEDE"]
    assert [e.event_type for e in _candidates(extractor, "He pleaded not guilty to all charges.")] == ["REJECT"]


def test_a_past_perfect_act_with_no_date_is_not_dated_by_publication(extractor):
    evs = _typed(extractor, "Washington and the Taliban had been holding direct talks on a US troop withdrawal.",
                 "CONSULT")
    assert evs and evs[0].event_date is None and evs[0].date_precision == "unknown"
    evs = _typed(extractor, "Washington and the Taliban held direct talks on a US troop withdrawal.", "CONSULT")
    assert evs and evs[0].event_date == PUB.date() and evs[0].date_precision == "unknown"


def test_a_foreign_side_in_a_story_filed_from_abroad_is_not_placed_at_home(extractor):
    text = ("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion "
            "against smaller Asian nations.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].location_name is None
    text = "WASHINGTON (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].location_name == "Washington"


def test_the_doer_of_an_act_told_as_a_gerund_after_a_preposition(extractor):
    evs = _candidates(extractor, "The Afghan Taliban, however, claimed responsibility for shooting down the helicopter.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("ASSAULT", "Afghan Taliban")]
    evs = _candidates(extractor, "China says it is ready to play a role in easing tensions.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("AGREE", "China")]
    evs = _candidates(extractor, "But Beijing is balking at committing to a specific amount of purchases.")
    assert [(e.event_type, e.actor_name) for e in evs] == [("REJECT", "Beijing")]
    assert not _candidates(extractor, "Reporters asked the minister questions about the budget.")


def test_a_persons_hometown_is_not_where_the_act_happened(extractor):
    evs = _candidates(extractor, "Patrick W. Carlineo Jr., 55, of Addison, a village southwest of Ithaca, pleaded "
                                 "guilty to threatening to assault a United States official.")
    assert [(e.event_type, e.location_name) for e in evs] == [("CONCEDE", None)]
    evs = _candidates(extractor, "The mayor of Dearborn criticized the governor on Monday.")
    assert [(e.event_type, e.location_name) for e in evs] == [("ACCUSE", "Dearborn")]  # a local body speaks there


def test_needing_time_is_no_request(extractor):
    assert not _candidates(extractor, "Judge Scott McAfee said he would need two weeks to consider the motion.")
    assert [e.event_type for e in _candidates(extractor, "Zelensky said Ukraine needed more air defence systems.")] == [
        "REQUEST"]


def test_a_document_speaks_for_its_issuer_whoever_it_is(extractor):
    text = ("The National Security Committee, chaired by Prime Minister Shehbaz Sharif, said in a statement that "
            "India's strikes were unprovoked. “These unprovoked and unjustified attacks martyred innocent men, women "
            "and children,” the statement said.")
    assert {e.actor_name for e in _typed(extractor, text, "ACCUSE")} == {"National Security Committee"}
    from ingest.events.article import document_issuers
    assert document_issuers("NPHET's letter warned of 2,300 cases.") == [(0, "letter", "NPHET")]


def test_a_court_act_is_placed_where_the_court_sits_not_at_the_dateline(extractor):
    text = "WASHINGTON (AP) — A former police officer was charged on Tuesday with lying to the Memphis grand jury."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].location_name, evs[0].admin1) == ("Memphis", "Tennessee")
    # a statement about a trial is not a court's act: it is made where the story is filed
    text = "WASHINGTON (AP) — The senator accused the administration on Monday of misleading the jury in the Boston trial."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].location_name == "Washington"


def test_the_court_venue_is_a_court_nouns_own_place(extractor):
    from ingest.events.gazetteer import Place
    from ingest.events.placing import court_venue
    nlp = extractor.nlp
    ny = Place(1, "New York", "city", "USA", "New York", 0.0, 0.0)
    dc = Place(2, "Washington", "city", "USA", "District of Columbia", 0.0, 0.0)
    doc = nlp("He will plead guilty to charges stemming from his testimony in the fraud trial in New York.")
    at = {t.i: ny for t in doc if t.text in ("New", "York")}
    assert court_venue(doc, at) == ny
    # a place that is not the court's ("charges stemming from a trip to New York") is no venue
    doc = nlp("He will plead guilty to charges stemming from a trip to New York.")
    assert court_venue(doc, {t.i: ny for t in doc if t.text in ("New", "York")}) is None
    # two courts in two places: the sentence does not say which
    doc = nlp("The Boston jury and the court in Washington disagreed.")
    two = {t.i: (ny if t.text == "Boston" else dc) for t in doc if t.text in ("Boston", "Washington")}
    assert court_venue(doc, two) is None


def test_he_is_the_last_person_named_as_a_subject(extractor):
    # the person named in the sentence before, though no event was coded there
    text = ("Pakistan's army chief Asim Munir spoke at a ceremony in Rawalpindi on Tuesday. "
            "He accused India of spreading lies about the army.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].actor_name, evs[0].actor_country) == ("Asim Munir", "PAK")
    # a main clause's subject, not a reported clause's; and never a person the pronoun's own
    # clause names ("He also accused Munir" is not Munir)
    text = ("Former Prime Minister Imran Khan alleged that Munir was behind the crackdown on his party. "
            "He also accused Munir of dismantling the future of the country.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[-1].actor_name == "Former Prime Minister Imran Khan" and evs[-1].target_name == "Munir"


def test_it_is_never_a_person(extractor):
    text = ("Farm Bureau president Zippy Duvall urged the president on Monday to make a deal with China. "
            "It has balked at terms that would favour American products.")
    balked = [e for e in _events(extractor, text) if e.sentence_index == 1]
    assert balked and all("Duvall" not in (e.actor_name or "") for e in balked)


def test_a_typographic_apostrophe_negates_like_a_plain_one(extractor):
    for text in ("Police didn’t arrest anyone at the rally in Dhaka on Monday.",
                 "Police didn't arrest anyone at the rally in Dhaka on Monday."):
        assert _typed(extractor, text, "COERCE") == []
    plain = [(e.event_type, e.modality) for e in _candidates(extractor, "The minister said he won't release the prisoners.")]
    curly = [(e.event_type, e.modality) for e in _candidates(extractor, "The minister said he won’t release the prisoners.")]
    assert curly == plain and curly and curly[0][0] == "REJECT"


def test_a_passive_conjunct_s_shared_subject_is_its_target(extractor):
    cands = _candidates(extractor, "She pleaded guilty to false accounting and was prosecuted in 2006.")
    prosecuted = [e for e in cands if e.trigger == "prosecuted"]
    assert prosecuted and prosecuted[0].actor_name is None and prosecuted[0].target_name == "She"
    cands = _candidates(extractor, "Police raided the house and were attacked by a crowd.")
    attacked = [e for e in cands if e.trigger == "attacked"]
    assert attacked and (attacked[0].actor_name, attacked[0].target_name) == ("crowd", "Police")


def test_a_hoped_for_future_act_is_not_a_future_act(extractor):
    # "will be launched" is a future act, unless a wish governs it; "hopes" is lemmatised "hop"
    said = _candidates(extractor, "The minister said an investigation will be launched into the killings.")
    assert {e.modality for e in said if e.event_type == "ACCUSE"} == {"future"}
    for text in ("The editor said that she hopes an investigation will be launched into the killings.",
                 "The editor said she hoped an investigation would be launched into the killings."):
        assert [e for e in _candidates(extractor, text) if e.event_type == "ACCUSE"] == []


def test_a_quoted_demand_is_the_speakers_and_whoever_must_act_is_its_target(extractor):
    text = ("“The authorities must end this brutal and deadly crackdown immediately and show respect for human "
            "life,” said Philip Luther, Research and Advocacy Director at Amnesty International.")
    evs = _typed(extractor, text, "REQUEST")
    assert evs and (evs[0].actor_name, evs[0].target_name) == ("Philip Luther", "authorities")
    text = "Iran must release the detained sailors, the British foreign minister said on Monday."
    evs = _typed(extractor, text, "REQUEST")
    assert evs and (evs[0].actor_country, evs[0].target_country) == ("GBR", "IRN")
    # a relative "who said": the noun it stands for
    text = "Tory MPs who said ministers should introduce restrictions were angry on Monday."
    evs = _candidates(extractor, text)
    assert evs and "MPs" in evs[0].actor_name and evs[0].target_name == "ministers"


def test_who_has_the_power_to_act_is_who_would_act(extractor):
    text = "China’s ambassador said that China has the resolution and power to end Hong Kong unrest."
    cands = [e for e in _candidates(extractor, text) if e.trigger.startswith("end")]
    # (not "Kong": a place named before "unrest" is where it happens, not a side)
    assert cands and (cands[0].actor_name, cands[0].actor_country) == ("China", "CHN")


def test_an_of_phrase_the_parser_splits_stays_in_the_name(extractor):
    text = "One group of now mostly senior citizen organizers initially endorsed Senator Kamala Harris."
    evs = _candidates(extractor, text)
    assert evs and evs[0].actor_name == "One group of now mostly senior citizen organizers"


def test_a_lower_case_body_issues_a_document():
    from ingest.events.article import document_issuers
    text = ("The foreign ministry said in a statement that the strikes were illegal. Pakistan's army issued "
            "a statement on Monday. The crowd said in a statement nothing.")
    assert [(d, n) for _, d, n in document_issuers(text)] == [("statement", "the foreign ministry"),
                                                               ("statement", "Pakistan's army")]


def test_a_document_of_a_lower_case_body_speaks_for_it(extractor):
    text = ("Pakistan's foreign ministry said in a statement on Monday that the strikes were illegal. "
            "The statement also accused India of endangering regional peace.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].actor_name, evs[0].actor_country) == ("Pakistan's foreign ministry", "PAK")


def test_conjoined_modifiers_of_an_act_name_its_side(extractor):
    text = "The United States faced stiff international and Palestinian criticism on Tuesday over its decision."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].actor_country, evs[0].target_country) == ("PSE", "USA")


def test_an_arrest_with_no_one_doing_it_is_the_announcing_authoritys(extractor):
    text = "Three people have been arrested for running a brothel network, federal authorities announced Wednesday."
    evs = _typed(extractor, text, "COERCE")
    assert evs and evs[0].actor_name == "federal authorities" and evs[0].target_name == "Three people"
    # a witness who tells of it did not arrest anyone
    cands = _candidates(extractor, "Two suspects were detained in Kharkiv on Monday, a witness said.")
    assert cands and cands[0].actor_name is None


def test_it_is_not_a_body_coded_paragraphs_before(extractor):
    text = ("The Interior Ministry accused the opposition of lying on Monday. The report covered the economy. "
            "Growth was slow. Prices rose. It urged protesters to go home.")
    late = [e for e in extractor.extract(text, PUB) if e.sentence_index == 4]
    assert late and late[0].actor_name == "It"  # (left unresolved, not the ministry)
    # the sentence after: still the ministry
    text = "The Interior Ministry accused the opposition of lying on Monday. It urged protesters to go home."
    evs = [e for e in extractor.extract(text, PUB) if e.sentence_index == 1]
    assert evs and evs[0].actor_name == "Interior Ministry"


def test_arrests_of_two_named_people_are_two_events():
    a = Event(event_type="COERCE", evidence="x", target_name="Jamie L. Miller", event_date=PUB.date(),
              date_precision="unknown")
    assert not same_event(a, dataclasses.replace(a, target_name="Cameron L. Horve"))
    assert same_event(a, dataclasses.replace(a, target_name="Miller"))  # (the same person named again)
    assert same_event(a, dataclasses.replace(a, target_name="two people"))  # (a description may be either)


def test_the_town_beside_a_name_is_a_hometown_not_the_place(extractor):
    cands = _candidates(extractor, "Jamie L. Miller, 46, Decatur, was arrested for retail theft.")
    assert cands and cands[0].location_name is None



def test_an_accusation_read_off_a_reported_clause_is_the_speakers(extractor):
    # no trigger word: the classifier reads the quotation as an accusation; its subject is the
    # accused, the one who says it the accuser
    text = "“Israel’s conduct and omissions clearly violate the law of occupation as a whole,” Jele said."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].actor_name, evs[0].target_name) == ("Jele", "Israel’s conduct")
    text = ("According to federal prosecutors, China's Ministry of Public Security \"has repeatedly and flagrantly "
            "violated our nation's sovereignty, including by opening and operating a police station in the middle "
            "of New York City.\"")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and (evs[0].actor_name, evs[0].target_name) == ("federal prosecutors", "China's Ministry of Public Security")
    # … unless the clause's subject is the one telling ("shared more evidence of atrocities")
    text = ("“Israeli police officials shared more evidence on Tuesday of atrocities committed during the Oct. 7 "
            "attacks, saying they had collected testimony from witnesses,” Schwartz said.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Israeli police officials"


def test_an_adjuncts_ing_act_is_the_main_subjects(extractor):
    cands = _candidates(extractor, "India has moved to punish Pakistan after accusing it of backing the attack.")
    accusing = [e for e in cands if e.trigger == "accusing"]
    assert accusing and accusing[0].actor_name == "India"
    # … and done "without" it, it was not done
    text = "The government put forward unfunded tax cuts in its budget without consulting the OBR first."
    assert [e for e in _candidates(extractor, text) if e.event_type == "CONSULT"] == []


def test_who_faces_an_act_in_an_adjunct_is_its_target(extractor):
    text = "Republican legislative leaders scrambled on Thursday to add school funding after facing complaints from unions."
    cands = [e for e in _candidates(extractor, text) if e.event_type == "ACCUSE"]
    assert cands and cands[0].actor_name == "unions" and "leaders" in cands[0].target_name


def test_an_mp_of_the_lede_is_the_person_the_next_sentence_names(extractor):
    text = ("An MP in Plymouth has slammed those who have arrived in the city intent on causing violence. "
            "Luke Pollard posted on X: “Plymouth is an amazing place to live.”")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Luke Pollard"
    # … not when the next sentence's subject is no person
    text = ("An MP in Plymouth has slammed those who have arrived in the city intent on causing violence. "
            "The city council met on Monday.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "MP"


def test_with_people_arrested_they_are_its_target(extractor):
    text = "The event is a target for protest, with ten members of Youth Demand already arrested in Westminster."
    cands = [e for e in _candidates(extractor, text) if e.event_type == "COERCE"]
    assert cands and cands[0].actor_name is None and cands[0].target_name == "ten members of Youth Demand"


def test_a_participle_used_as_a_noun_is_no_act(extractor):
    text = "Police said the accused walked towards the child and hit him in the face."
    assert [e for e in _candidates(extractor, text) if e.trigger == "accused"] == []
    # the verb stays one
    assert [e.event_type for e in _candidates(extractor, "The mayor accused the police of lying.")] == ["ACCUSE"]


def test_releasing_a_video_is_no_release_even_through_a_misparsed_conjunct(extractor):
    # the parser makes "video" the subject of "rescued"; "was released" shares it
    text = "A video showing the dramatic moment a kidnapped girl was rescued by police was released Monday."
    assert [e for e in _candidates(extractor, text) if e.trigger == "released"] == []
    assert [e.event_type for e in _candidates(extractor, "The rebels released 12 hostages on Monday.")] == ["RETREAT"]


def test_to_beat_out_is_to_outdo(extractor):
    text = "In the 100 yard backstroke, Patton was beaten out by Wichita Heights' Aidan Gantenbein for first place."
    assert [e for e in _candidates(extractor, text) if e.event_type == "ASSAULT"] == []
    assert _typed(extractor, "Police beat the protesters with batons in Tbilisi.", "ASSAULT")


def test_deaths_put_down_to_a_crash_are_an_accident_even_with_the_military_named(extractor):
    text = ("Two United States service members have been killed in a helicopter crash in Afghanistan, "
            "the US military said in a statement on Wednesday.")
    assert _typed(extractor, text, "ASSAULT") == []
    shot = "Two soldiers were killed when their helicopter was shot down in a crash near Kandahar."
    assert _typed(extractor, shot, "ASSAULT")


def test_would_in_a_before_clause_is_a_condition(extractor):
    text = ("Sondland told Ukraine officials they would need to deliver before the administration "
            "would agree to a meeting.")
    assert [e for e in _candidates(extractor, text) if e.trigger == "agree"] == []


def test_asked_if_is_a_question_wherever_the_parser_hangs_if(extractor):
    text = ("Donnelly's response came after being asked if the government would \"hold their hands up\" "
            "and take responsibility if their decision didn't work.")
    assert _typed(extractor, text, "REQUEST") == []
    assert _typed(extractor, "The minister asked him if he would resign.", "REQUEST") == []
    assert _typed(extractor, "Ukraine asked the US to send more missiles.", "REQUEST")


def test_a_standing_position_is_no_act(extractor):
    text = "Prison union representatives have long warned that staff shortages have compromised security."
    assert _events(extractor, text) == []
    assert _typed(extractor, "The union warned on Monday that it will strike.", "THREATEN")


def test_a_sport_section_is_overruled_by_a_crime_story():
    shooting = ("Chiefs coach expresses sorrow over parade shooting. The coach paid tribute to a woman who was "
                "killed at the parade, and asked Americans to avoid another mass shooting. Two people have been "
                "charged with murder. The shooting left one dead. Police said the gunman fled.")
    assert article_gate("Sports", "Chiefs coach on parade shooting", shooting) is None
    match = ("The coach praised his players after the game. The quarterback threw two touchdowns and the "
             "defender was injured in the match; police said fans were charged at the stadium.")
    assert article_gate("Sports", "Chiefs win", match) == "section 'Sports' is sport"


def test_swimming_is_sport():
    text = ("Salina South diver Keetan Munsell won the state championship. Trinity Academy junior Ben Patton "
            "won the 200 yard individual medley. In the 100 yard backstroke, Patton was beaten. Garcia "
            "finished second in the 50 yard freestyle. McPherson won the 100 yard freestyle. "
            "Bernal took home first in diving.")
    assert text_topic(["Boys State Swim Results", text])[0] == "sport"


def test_a_coach_or_a_general_manager_is_no_political_actor():
    names = frozenset()
    coach = Event(event_type="SUPPORT", evidence="", actor_name="Kansas City Chiefs coach Andy Reid",
                  actor_country="USA")
    assert not is_political(coach, names)
    assert is_political(dataclasses.replace(coach, actor_name="Andy Reid"), frozenset({"reid"}))


def test_a_general_manager_is_no_general(extractor):
    text = "General manager Brett Veach thanked the first responders who tended to the victims."
    cands = _candidates(extractor, text)
    assert cands and all(e.actor_sector != "MIL" for e in cands)
    assert [e.actor_sector for e in _candidates(extractor, "General Smith ordered the troops to attack.")
            if e.actor_name and "Smith" in e.actor_name][:1] == ["MIL"]


def test_a_team_named_for_its_city_gives_no_state(extractor):
    text = ("INDIANAPOLIS (AP) — Kansas City Chiefs coach Andy Reid walked to the podium Tuesday. "
            "He paid tribute to Lisa Lopez-Galvan, who was killed two weeks ago at the city’s Super Bowl "
            "celebration, and he asked Americans to find ways to avoid another mass shooting tragedy.")
    evs = _typed(extractor, text, "REQUEST")
    assert evs and evs[0].admin1 != "Kansas"
    # a state named first still places its body's statement
    evs = _typed(extractor, "Texas Gov. Greg Abbott accused Biden of lying.", "ACCUSE")
    assert evs and evs[0].admin1 == "Texas"


def test_a_named_date_weeks_before_publication_dates_its_event():
    pub = date(2024, 2, 27)
    hits = D.find_dates("It was the first time anyone spoke publicly about the Feb. 14 shooting.", pub)
    assert [h.date for h in hits] == [date(2024, 2, 14)]
    # a year back, or an anniversary, stays a name
    assert D.find_dates("It was the anniversary of the Feb. 14 shooting.", pub) == []
    assert D.find_dates("Rioters stormed the Capitol in the Jan. 6 attack.", pub) == []


def test_a_recent_named_date_dates_the_event_it_names_not_other_acts(extractor):
    evs = _typed(extractor, "Police said the Feb. 14 shooting at the parade left one dead and 22 others injured.", "ASSAULT")
    assert evs and evs[0].event_date == date(2024, 2, 14)
    text = "Sharif said India falsely tried to implicate Pakistan in the Feb. 20 attack on tourists."
    assert _events(extractor, text) and all(e.event_date != date(2024, 2, 20) for e in _events(extractor, text))


def test_who_after_an_appositive_is_the_person_it_describes(extractor):
    text = ("Chi Onwurah, the Labour MP for Newcastle Central, who is supporting the report, said it showed "
            "that precarious employment was a problem.")
    evs = _typed(extractor, text, "SUPPORT")
    assert evs and evs[0].actor_name == "Chi Onwurah"
    evs = _typed(extractor, "The mayor of London, who criticised the plan, spoke on Monday.", "ACCUSE")
    assert evs and evs[0].actor_name.startswith("mayor")


def test_what_sparked_a_protest_did_not_protest(extractor):
    text = "His removal sparked an immediate backlash on social media, erupting into demonstrations in Kyiv and Lviv."
    evs = _typed(extractor, text, "PROTEST")
    assert evs and all(e.actor_name is None for e in evs)


def test_a_force_deployed_is_the_side_that_mobilises(extractor):
    evs = _typed(extractor, "Capitol police in riot gear were deployed.", "MOBILIZE")
    assert evs and evs[0].actor_name == "Capitol police" and evs[0].target_name is None
    evs = _typed(extractor, "Thousands of troops were deployed by Moscow to the border.", "MOBILIZE")
    assert evs and evs[0].actor_name == "Moscow"


def test_last_monday_is_never_yesterday():
    tuesday = date(2025, 2, 11)
    assert [h.date for h in D.find_dates("Last Monday, Trump agreed to pause tariffs.", tuesday)] == [date(2025, 2, 3)]
    assert [h.date for h in D.find_dates("Last Friday, Trump agreed to pause tariffs.", tuesday)] == [date(2025, 2, 7)]
    assert [h.date for h in D.find_dates("On Monday, Trump agreed to pause tariffs.", tuesday)] == [date(2025, 2, 10)]


def test_a_year_before_1900_dates_a_historical_act():
    hits = D.find_dates("Berlin became part of colonial history in 1884, when Bismarck hosted the conference.",
                        date(2020, 1, 19))
    assert [(h.date.year, h.precision) for h in hits] == [(1884, "year")]


def test_what_drew_rebukes_is_their_target_and_who_rebuked_the_actor(extractor):
    text = "That drew rebukes from Prime Minister Micheál Martin and Foreign Minister Simon Harris."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and "Martin" in evs[0].actor_name
    cands = [e for e in _candidates(extractor, "The plan drew sharp criticism from Democrats in Congress.")
             if e.event_type == "ACCUSE"]
    assert cands and cands[0].actor_name == "Democrats"


def test_who_died_was_hit(extractor):
    cands = [e for e in _candidates(extractor, "At least seven people died in Kashmir from artillery exchanges.")
             if e.event_type == "ASSAULT"]
    assert cands and cands[0].actor_name is None and cands[0].target_name == "seven people"


def test_recognising_a_need_is_no_recognition(extractor):
    text = "My Government recognises the need to improve water quality and a Bill will be introduced."
    assert _typed(extractor, text, "SUPPORT") == []
    assert _typed(extractor, "France recognised the state of Palestine on Monday.", "SUPPORT")


def test_a_toll_of_a_sideless_war_or_a_disease_is_background(extractor):
    text = ("The news comes during a time of tense negotiation to end a war that has devastated the region and "
            "killed more than 39,000, according to Palestinian officials.")
    assert _typed(extractor, text, "ASSAULT") == []
    assert _typed(extractor, "Over the centuries, plague has killed millions of people around the world.", "ASSAULT") == []
    assert _typed(extractor, "Russia's war killed 12 civilians in Kharkiv on Monday.", "ASSAULT")


def test_a_defeat_in_a_vote_is_no_assault(extractor):
    text = "The Government was heavily defeated in the Lords last week on its Agriculture Bill."
    assert [e for e in _candidates(extractor, text) if e.event_type == "ASSAULT"] == []
    assert [e for e in _candidates(extractor, "The Senate defeated the amendment.") if e.event_type == "ASSAULT"] == []
    assert _typed(extractor, "Ukrainian forces defeated Russian troops near Kharkiv.", "ASSAULT")


def test_protests_exploding_is_a_figure(extractor):
    text = "With Hong Kong protests exploding to new levels, Xi Jinping is likely to deploy the army onto the streets."
    assert [e for e in _candidates(extractor, text) if e.trigger == "exploding"] == []
    assert _typed(extractor, "A car bomb exploded in Kabul on Monday, killing five.", "ASSAULT")


def test_a_name_keeps_its_nested_of_phrases(extractor):
    text = ("In the early morning of April 12, members of International Brotherhood of Teamsters Local 90 rallied "
            "in the parking lot of the United Parcel Service facility in Des Moines.")
    evs = _typed(extractor, text, "PROTEST")
    assert evs and evs[0].actor_name == "members of International Brotherhood of Teamsters Local 90"


def test_a_reporter_not_the_thing_reported_does_the_ing_act(extractor):
    text = ("Ferit Hoxha, Albania’s foreign minister, reported that the residence of the Albanian ambassador to "
            "Ukraine was hit during the attack, denouncing it as a flagrant violation of international law.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Ferit Hoxha"


def test_a_sides_word_on_its_own_strike_is_a_claim(extractor):
    text = "Pakistan’s military said Wednesday its air force shot down five Indian fighter jets."
    evs = _typed(extractor, text, "ASSAULT")
    assert evs and evs[0].modality == "claimed"
    evs = _typed(extractor, "Ukraine's military said Russian forces shelled Kharkiv overnight.", "ASSAULT")
    assert evs and evs[0].modality == "asserted"


def test_what_a_charge_says_happened_is_alleged(extractor):
    evs = _typed(extractor, "Prosecutors said Smith shot the officer twice.", "ASSAULT")
    assert evs and evs[0].modality == "claimed"
    evs = _typed(extractor, "Police said Smith shot the officer twice.", "ASSAULT")
    assert evs and evs[0].modality == "asserted"


def test_a_legal_step_told_with_no_one_doing_it_is_the_announcing_authoritys(extractor):
    text = "Prosecutors told reporters the decision to drop the inquiry had been taken after interviews."
    evs = _typed(extractor, text, "CONCEDE")
    assert evs and evs[0].actor_name == "Prosecutors" and evs[0].modality == "asserted"
    evs = _typed(extractor, "He was charged with murder, police said.", "ACCUSE")
    assert evs and evs[0].actor_name == "police"
    # a defendant's lawyer speaks for the accused, not for the prosecution
    evs = _typed(extractor, "He was charged with murder, his lawyer said.", "ACCUSE")
    assert evs and evs[0].actor_name is None


def test_one_sides_claim_and_the_reports_assertion_are_one_event():
    base = Event(event_type="ASSAULT", evidence="India fired missiles into Pakistan.", actor_name="India",
                 actor_country="IND", event_date=date(2025, 5, 7), date_precision="day", modality="asserted")
    claim = dataclasses.replace(base, evidence="India said it struck infrastructure.", modality="claimed")
    assert same_event(base, claim)
    merged = one_per_event([claim, base])
    assert len(merged) == 1 and merged[0].modality == "asserted"
    assert not same_event(base, dataclasses.replace(base, modality="denied"))


def test_would_have_to_is_a_condition(extractor):
    text = "And the Venezuelan interim authorities would have to collaborate with the new government."
    assert [e for e in _candidates(extractor, text) if e.trigger == "collaborate"] == []
    assert _candidates(extractor, "The authorities have agreed to collaborate with the new government.")


def test_naming_with_a_verdict_is_criticism_or_praise(extractor):
    text = "Soller, the insurance department spokesperson, calls these numbers “deeply flawed.”"
    cands = _candidates(extractor, text)
    assert [(e.event_type, e.actor_name) for e in cands] == [("ACCUSE", "Soller")]
    cands = _candidates(extractor, "The minister called the deal a historic victory for the country.")
    assert [e.event_type for e in cands] == ["SUPPORT"]
    # a neutral naming is no act, and the cheap pass parses a sentence only with a verdict word
    assert _candidates(extractor, "The minister called the report long.") == []
    from ingest.events.triggers import has_candidate
    assert has_candidate("The White House called the impeachment process a sham.")
    assert not has_candidate("She called her mother on Sunday.")


def test_someone_is_no_one_to_resolve(extractor):
    text = ("The Rust community is large. It’s especially common to hear someone complain that they’ve been "
            "“fighting the borrow checker.”")
    assert all(e.actor_name in (None, "someone") for e in _events(extractor, text))
    cands = _candidates(extractor, "It is common to hear someone complain about the borrow checker.")
    assert cands and all(e.actor_name == "someone" for e in cands)
    evs = _typed(extractor, "Police said someone attacked the mosque on Friday.", "ASSAULT")
    assert evs and evs[0].actor_name == "someone"


def test_a_person_freezing_is_no_freeze(extractor):
    text = "There have been a few incidents in which the Republican Leader seemed to freeze in the midst of speaking."
    assert [e for e in _candidates(extractor, text) if e.event_type == "SANCTION"] == []
    assert [e.event_type for e in _candidates(extractor, "The EU froze the assets of three oligarchs.")] == ["SANCTION"]


def test_a_headline_before_the_dateline_keeps_its_actor(extractor):
    text = ("Esper accuses China of intimidating smaller Asian nations\n"
            "HANOI (AP) — Vietnam's defence minister met his U.S. counterpart on Wednesday.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Esper"


def test_fighting_a_case_or_an_illness_is_no_combat(extractor):
    text = "Assange is battling extradition to the United States, which accuses him of publishing secret documents."
    evs = _events(extractor, text)
    assert [e.event_type for e in evs] == ["ACCUSE"] and evs[0].actor_name == "United States"
    assert [e for e in _candidates(extractor, "Firefighters battled the blaze for hours.") if e.event_type == "ASSAULT"] == []
    assert _typed(extractor, "Ukrainian troops battled Russian forces near Bakhmut.", "ASSAULT")


def test_a_headlines_bare_participle_is_a_passive(extractor):
    cands = _candidates(extractor, "Mark Meadows accused of timing retirement to help elect wife’s friend")
    assert cands and cands[0].actor_name is None and cands[0].target_name == "Mark Meadows"
    cands = _candidates(extractor, "Russia accused Ukraine of shelling the plant.")
    assert cands and cands[0].actor_name == "Russia"
    # an intransitive verb the tagger calls a participle stays active
    cands = _candidates(extractor, "On Friday, Florida Judge Aileen Cannon refrained from setting a trial date.")
    assert cands and "Cannon" in cands[0].actor_name


def test_what_happens_whenever_is_a_habit(extractor):
    text = ("Mr Moeketsi claimed that whenever residents attempt to protest, police officers and soldiers are "
            "deployed to intimidate them.")
    assert [e for e in _candidates(extractor, text) if e.event_type == "MOBILIZE"] == []
    assert _candidates(extractor, "Police deployed officers on Monday when residents protested.")


def test_met_with_a_reaction_is_receiving_it(extractor):
    evs = _typed(extractor, "The move has been met with resistance from Germany's far right.", "REJECT")
    assert evs and evs[0].actor_name == "Germany's far right"
    assert _typed(extractor, "The move has been met with resistance from Germany's far right.", "CONSULT") == []
    assert _typed(extractor, "Biden met with Zelensky in Kyiv on Monday.", "CONSULT")


def test_a_chamber_suspending_its_sitting_is_procedure(extractor):
    text = "The senator moved that all legislative activities be suspended until the next legislative day."
    assert [e for e in _candidates(extractor, text) if e.event_type == "SANCTION"] == []
    assert [e.event_type for e in _candidates(extractor, "Russia suspended its participation in the grain deal.")] == ["SANCTION"]


def test_claiming_responsibility_is_a_claim(extractor):
    text = "The Afghan Taliban, however, claimed responsibility for shooting down the helicopter."
    cands = [e for e in _candidates(extractor, text) if e.event_type == "ASSAULT"]
    assert cands and cands[0].modality == "claimed" and cands[0].actor_name == "Afghan Taliban"


def test_an_announced_resignation_needs_no_belief_from_the_classifier():
    unsure = Prediction("NONE", 0.96, {c: (0.96 if c == "NONE" else 0.04 / 16) for c in CLASSES})
    quits = Event(event_type="RETREAT", evidence="He has announced that he will be stepping down in November.",
                  mode="resign", modality="future", actor_name="Mitch McConnell", actor_country="USA",
                  trigger="stepping down")
    assert [e.event_type for e in choose(unsure, [quits])] == ["RETREAT"]
    # a past "resigned" (often background), or someone no dictionary or text places, is the model's call
    assert choose(unsure, [dataclasses.replace(quits, modality="asserted")]) == []
    assert choose(unsure, [dataclasses.replace(quits, actor_country=None)]) == []


def test_a_planned_act_is_not_dated_in_the_past(extractor):
    text = "Now, Sen. Mitch McConnell has announced that he will be stepping down from the leadership position in November."
    evs = _typed(extractor, text, "RETREAT")
    assert evs and evs[0].modality == "future" and evs[0].event_date == PUB.date()
    assert evs[0].date_precision == "unknown"
    # the day it was said stays the announcement's date
    text = "On Feb. 17, Governor Greg Gianforte said he will sign the agreement with Canada."
    evs = [e for e in _events(extractor, text) if e.modality == "future"]
    assert evs and evs[0].event_date == date(2024, 2, 17)


def test_a_courts_ruling_on_a_motion_needs_no_belief_from_the_classifier(extractor):
    unsure = Prediction("NONE", 0.94, {c: (0.94 if c == "NONE" else 0.06 / 16) for c in CLASSES})
    stay = Event(event_type="CONCEDE", evidence="Justice Singh did, however, grant a temporary stay.",
                 modality="asserted", actor_name="Justice Singh", actor_country="USA", trigger="grant stay")
    assert [e.event_type for e in choose(unsure, [stay])] == ["CONCEDE"]
    assert choose(unsure, [dataclasses.replace(stay, trigger="grant")]) == []
    text = ("Trump appealed the ruling in New York on Wednesday. Justice Singh did, however, grant a temporary "
            "stay of Judge Arthur Engoron’s orders prohibiting Trump from serving in leadership positions in "
            "New York corporations.")
    evs = _typed(extractor, text, "CONCEDE")
    assert evs and evs[0].actor_name == "Justice Singh"


def test_a_blotters_header_word_is_no_one(extractor):
    text = "October 25: ARRESTS – Chad Hull, 37, Bulpitt, was arrested by Kincaid police for violating an order."
    cands = [e for e in _candidates(extractor, text) if e.event_type == "COERCE"]
    assert cands and cands[0].target_name == "Chad Hull" and cands[0].actor_name == "Kincaid police"
    text = "October 20: ARRESTS – A male juvenile, 16, Taylorville, was arrested for aggravated assault."
    cands = [e for e in _candidates(extractor, text) if e.event_type == "COERCE"]
    assert cands and cands[0].target_name != "ARRESTS"
    # an acronym with no appositive stays itself
    assert [e.actor_name for e in _candidates(extractor, "NATO condemned the strike.")] == ["NATO"]


def test_what_an_event_does_to_trade_is_no_sanction(extractor):
    text = "The strike had disrupted deliveries of car parts and chemicals across Belgium and the Netherlands."
    assert [e for e in _candidates(extractor, text) if e.event_type == "SANCTION"] == []
    assert [e.actor_name for e in _candidates(extractor, "Russia halted gas exports to Poland.")] == ["Russia"]


def test_a_construction_by_a_placed_side_needs_less_belief():
    p = 0.18
    pred = Prediction("NONE", 1 - p, {c: ((1 - p) if c == "NONE" else p if c == "AGREE" else 0.0) for c in CLASSES})
    offer = Event(event_type="AGREE", evidence="Putin said Moscow was open to discussions on strategic stability.",
                  modality="asserted", actor_name="Moscow", actor_country="RUS", actor_sector="GOV",
                  trigger="open to discussions")
    assert [e.event_type for e in choose(pred, [offer])] == ["AGREE"]
    # not for a pronoun, a side no dictionary or text places, or a one-word trigger
    assert choose(pred, [dataclasses.replace(offer, actor_name="It")]) == []
    assert choose(pred, [dataclasses.replace(offer, actor_country=None, actor_sector=None)]) == []
    assert choose(pred, [dataclasses.replace(offer, trigger="open")]) == []


def test_a_first_person_in_a_quotation_is_whoever_it_is_attributed_to(extractor):
    # attributed after the quotation closes, sentences later
    text = ("The victim's mother testified.\n\"We believe that justice has been served in this case. And we are "
            "thankful for and agree with the Judge's decision to sentence him to life in prison. My hope is that "
            "this family will find solace,\" said U.S. Attorney Nealy Cox.")
    evs = _typed(extractor, text, "SUPPORT")
    assert evs and evs[0].actor_name == "U.S. Attorney Nealy Cox"
    # continuing a quotation just attributed
    text = ("The US welcomed the exchange. “We pray for the full recovery of both men,” said White House Press "
            "Secretary Stephanie Grisham. “We thank the Afghan government for its actions, in the spirit of our "
            "partnership that enabled the freeing of the hostages.”")
    evs = [e for e in _typed(extractor, text, "SUPPORT") if e.target_name == "Afghan government"]
    assert evs and evs[0].actor_name == "White House Press Secretary Stephanie Grisham"


def test_pm_is_a_title():
    names = political_names("Chaudhry blamed a party without naming ousted PM \nImran Khan\n’s Pakistan Tehreek-e-Insaf party.")
    assert "khan" in names
    assert "smith" not in political_names("The PM said so. John Smith, a farmer, disagreed.")


def test_a_headline_by_surname_and_the_lede_by_full_name_are_one_event(extractor):
    text = ("Esper accuses China of intimidating smaller Asian nations\n"
            "HANOI (AP) — U.S. Defense Secretary Mark Esper accused China on Wednesday of using coercion to "
            "intimidate smaller Asian nations.")
    evs = _typed(extractor, text, "ACCUSE")
    assert len(evs) == 1 and evs[0].actor_name == "U.S. Defense Secretary Mark Esper"
    # only a headline's surname: two body sentences naming "Biden" and "Hunter Biden" stay apart
    a = Event(event_type="ACCUSE", evidence="x", actor_name="Biden", target_name="China", sentence_index=3)
    b = dataclasses.replace(a, actor_name="Hunter Biden", sentence_index=5)
    assert not same_event(a, b)
    assert same_event(dataclasses.replace(a, sentence_index=0), b)


def test_a_reported_verdict_is_criticism_or_praise(extractor):
    text = "Rishi Sunak said the election of George Galloway as the MP for Rochdale was “horrifying”."
    assert [(e.event_type, e.actor_name) for e in _candidates(extractor, text)] == [("ACCUSE", "Rishi Sunak")]
    text = "“China is determined to dominate the auto market by using unfair practices,” President Biden said."
    assert [e.event_type for e in _candidates(extractor, text)] == ["ACCUSE"]
    assert [e.event_type for e in _candidates(extractor, "The minister said the deal was a historic victory.")] \
        == ["SUPPORT"]
    # someone failing: "fails to", "fell short", "hasn't done enough" (the subject on the auxiliary too)
    for text in ("Republicans argued it fell well short of what is necessary.",
                 "Aiyash said that Joe Biden hasn't done enough to stop the slaughter.",
                 "“Germany has up to now failed to properly take responsibility for that,” he said."):
        assert [e.event_type for e in _candidates(extractor, text)] == ["ACCUSE"], text
    # a weapon or a count of things failing is an outcome; calling a story false denies it; a
    # document's content is no statement; the verdict must be the clause's predicate
    for text in ("Around 19 missiles failed to reach targets, the Air Force said.",
                 "The fact-check group said Mendes's story was false.",
                 "The decision breaks with Security Council resolutions declaring settlements to be illegal.",
                 "Police said the criminals fled the scene.",
                 "The minister said the report was long."):
        assert [e for e in _candidates(extractor, text) if e.event_type == "ACCUSE"] == [], text
    from ingest.events.triggers import has_candidate
    assert has_candidate("Republicans argued it fell well short of what is necessary.")
    assert not has_candidate("He said the weather was nice.")


def test_a_party_named_by_its_members_is_a_political_side(extractor):
    cands = _candidates(extractor, "Republicans argued it fell well short of what is necessary.")
    assert [(e.actor_name, e.actor_sector) for e in cands] == [("Republicans", "PTY")]
    evs = _typed(extractor, "Democrats accused the GOP of blocking the bill.", "ACCUSE")
    assert evs and evs[0].actor_sector == "PTY" and evs[0].target_sector == "PTY"


def test_meeting_a_plea_answers_it(extractor):
    text = "Johnson met the Democrats’ pleas to approve Ukraine funding with a renewed push on border security."
    cands = _candidates(extractor, text)
    assert [(e.event_type, e.actor_name, e.target_name) for e in cands] == [("REQUEST", "Democrats", "Johnson")]
    cands = _candidates(extractor, "The government met the strikers' demands on Friday.")
    assert [(e.event_type, e.actor_sector) for e in cands] == [("CONCEDE", "GOV")]
    assert [e.event_type for e in _candidates(extractor, "The minister met the ambassador on Friday.")] == ["CONSULT"]


def test_an_explicit_statement_verb_by_a_placed_side_needs_less_belief():
    p = 0.32
    pred = Prediction("NONE", 1 - p, {c: ((1 - p) if c == "NONE" else p if c == "SUPPORT" else 0.0) for c in CLASSES})
    praise = Event(event_type="SUPPORT", evidence="Additionally, Hamas praised him, saying in a statement …",
                   modality="asserted", actor_name="Hamas", actor_country="PSE", actor_sector="REB",
                   target_name="him", trigger="praised")
    assert [e.event_type for e in choose(pred, [praise])] == ["SUPPORT"]
    assert [e.event_type for e in choose(pred, [dataclasses.replace(praise, trigger="valorized")])] == ["SUPPORT"]
    # not by a pronoun or a side no dictionary or text places, as a claim, or for a verb that does
    # not name a statement's kind
    assert choose(pred, [dataclasses.replace(praise, actor_name="They")]) == []
    assert choose(pred, [dataclasses.replace(praise, actor_country=None, actor_sector=None)]) == []
    assert choose(pred, [dataclasses.replace(praise, modality="claimed")]) == []
    assert choose(pred, [dataclasses.replace(praise, trigger="backed")]) == []
    weaker = Prediction("NONE", 0.8, {c: (0.8 if c == "NONE" else 0.2 if c == "SUPPORT" else 0.0) for c in CLASSES})
    assert choose(weaker, [praise]) == []


def test_organisations_named_in_the_plural_are_political(extractor):
    from ingest.events.roles import is_political
    row = Event(event_type="ACCUSE", evidence="Insurance industry groups have called it a bogus advocacy group.",
                modality="asserted", actor_name="Insurance industry groups", trigger="called bogus")
    assert is_political(row, frozenset())
    assert is_political(dataclasses.replace(row, actor_name="pub and hotel groups"), frozenset())
    assert not is_political(dataclasses.replace(row, actor_name="basketball coach"), frozenset())


def test_idioms_of_criticism_refusal_and_inquiry_are_read(extractor):
    cases = {"The governor took aim at the president's border policy.": ("ACCUSE", "governor"),
             "Trump railed against the indictment.": ("ACCUSE", "Trump"),
             "The mayor excoriated the council's budget.": ("ACCUSE", "mayor"),
             "The House committee subpoenaed the former adviser.": ("ACCUSE", "House committee"),
             "The White House pushed back on the report.": ("REJECT", "White House"),
             "The Senate voted down the amendment.": ("REJECT", "Senate")}
    for text, want in cases.items():
        assert [(e.event_type, e.actor_name) for e in _candidates(extractor, text)] == [want], text
    # aiming a weapon is no criticism
    assert _candidates(extractor, "The soldiers took aim at the crowd.") == []


def test_a_verb_that_triggers_only_with_its_particle_is_looked_for_with_it():
    from ingest.events.triggers import has_candidate, prefilter_words
    assert "voted" not in prefilter_words() and "railed" not in prefilter_words()
    assert has_candidate("The party voted against the bill.")
    assert has_candidate("She turned the generous offer down.")
    assert not has_candidate("Citizen Only Voting amendments passed.")


def test_a_political_persons_successor_or_party_member_is_political():
    from ingest.events.roles import political_names
    names = political_names("The deal set former House Speaker Kevin McCarthy on a path to dismissal. "
                            "When McCarthy’s eventual successor, Mike Johnson, cut his own deal, he smiled.")
    assert {"mike johnson", "johnson"} <= names
    # only a political person's: a chief executive's successor is not
    assert "williams" not in political_names("Apple chief Tim Cook left. Cook’s successor, Jeff Williams, spoke.")
    assert "aiyash" in political_names("explained Abraham Aiyash, a Democrat who said that")


def test_a_description_named_in_apposition_is_the_name(extractor):
    text = "The partnership, United Atlantic Ventures (UAV), alleges that Trump Media engaged in wrongful maneuvering."
    assert [e.actor_name for e in _candidates(extractor, text)] == ["United Atlantic Ventures"]
    # … not a name the parser hangs on a description without a comma
    text = "Members of International Brotherhood of Teamsters Local 90 rallied outside the plant."
    assert [e.actor_name for e in _candidates(extractor, text)] == [
        "Members of International Brotherhood of Teamsters Local 90"]


def test_an_international_body_speaks_at_the_dateline(extractor):
    text = ("STRASBOURG, France (AP) — The European Parliament on Tuesday rejected the proposal to cut "
            "farm subsidies.")
    evs = _typed(extractor, text, "REJECT")
    assert evs and evs[0].actor_country == "EUR" and evs[0].location_name == "Strasbourg"


def test_a_civil_organisation_with_no_country_is_the_storys(extractor):
    text = ("Senate Democrats and the White House met on Monday. The Commerce Department said it would act. "
            "Insurance industry groups have condemned the Biden administration's plan.")
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].actor_name == "Insurance industry groups" and evs[0].actor_country == "USA"


def test_a_lawsuit_beside_another_act_is_a_second_event():
    p = 0.8
    pred = Prediction("REQUEST", p, {c: (0.2 if c == "NONE" else 0.79 if c == "REQUEST" else 0.01 / 15)
                                     for c in CLASSES})
    base = dict(modality="asserted", actor_name="Consumer Watchdog", actor_country="USA",
                evidence="Consumer Watchdog filed a public records request …, and then sued the commissioner.")
    request = Event(event_type="REQUEST", trigger="filed request", **base)
    suit = Event(event_type="ACCUSE", trigger="sued", mode="allege", **base)
    assert [e.event_type for e in choose(pred, [request, suit])] == ["REQUEST", "ACCUSE"]
    # an accusation that is no formal step stays one reading of the sentence
    assert [e.event_type for e in choose(pred, [request, dataclasses.replace(suit, trigger="blamed")])] == ["REQUEST"]
    # … and a suit by no side the text places is not let through on its form
    assert [e.event_type for e in choose(pred, [request, dataclasses.replace(suit, actor_country=None)])] == ["REQUEST"]


def test_a_commentators_verdict_is_analysis(extractor):
    from ingest.events.roles import is_political
    row = Event(event_type="ACCUSE", evidence="“Russia also failed to fulfil its agreed cuts,” Commerzbank analyst "
                "Carsten Fritsch said.", modality="asserted", actor_name="Commerzbank analyst Carsten Fritsch",
                target_name="Russia", target_country="RUS", trigger="said failed")
    assert not is_political(row, frozenset())
    assert is_political(dataclasses.replace(row, actor_name="Foreign Minister Sergei Lavrov"), frozenset())


def test_a_reported_verdict_names_who_it_judges(extractor):
    text = "“Germany has up to now failed to properly take responsibility for that,” he said."
    assert [e.target_name for e in _candidates(extractor, text)] == ["Germany"]


def test_a_speaking_participle_says_where_and_when_a_statement_was_made(extractor):
    from datetime import date
    text = "Speaking in Brussels on Monday, the foreign minister condemned the attack on the embassy."
    evs = _typed(extractor, text, "ACCUSE")
    assert evs and evs[0].location_name == "Brussels" and evs[0].event_date == date(2024, 2, 26)


def test_a_mandative_subjunctive_asks_for_an_act(extractor):
    text = ("One that excoriates those rapists from Mexico and demands that Muslims be banned from entering "
            "America and that insurrectionists be released.")
    assert [e.event_type for e in _candidates(extractor, text) if e.event_type in ("COERCE", "RETREAT")] == []
    evs = _candidates(extractor, "Officials said that the prisoners will be released on Friday.")
    assert [(e.event_type, e.modality) for e in evs] == [("AGREE", "future")]


def test_a_verdict_on_an_idea_is_no_criticism(extractor):
    assert _candidates(extractor, "He said it is unfair to think they will be content on campus.") == []
    assert [e.event_type for e in _candidates(extractor, "He said the deal was unfair to farmers.")] == ["ACCUSE"]


def test_idioms_that_look_like_acts_are_not(extractor):
    # pressing on is no charge; a stance in a fronted adjunct is no commitment; an animal is no one
    assert _candidates(extractor, "India is charging ahead on its climate commitments.") == []
    text = "Worried about backlash and committed to restraint, House Democrats have limited their inquiry."
    assert [e for e in _candidates(extractor, text) if e.event_type == "AGREE"] == []
    assert _candidates(extractor, "A hunter who killed and ate a wild rabbit in China has been hit by the plague.") == []
    assert [e.event_type for e in _candidates(extractor, "Police charged the suspect with murder.")] == ["ACCUSE"]
    assert [e.event_type for e in _candidates(extractor, "Russia committed to a ceasefire on Friday.")] == ["AGREE"]
    assert [e.killed for e in _candidates(extractor, "Gunmen killed five soldiers and wounded two.")][:1] == [5]


def test_a_spokesperson_has_the_side_they_speak_for(extractor):
    text = "A spokesperson for Sheffield University urged struggling students to talk to the university."
    assert [(e.actor_name, e.actor_sector) for e in _candidates(extractor, text)] == [
        ("spokesperson for Sheffield University", "EDU")]
    evs = _candidates(extractor, "A spokesman for the Interior Ministry condemned the attack.")
    assert [e.actor_sector for e in evs] == ["GOV"]


def test_suspending_ones_own_campaign_is_no_sanction(extractor):
    assert _candidates(extractor, "Marianne Williamson, who has suspended her 2024 bid, won 3 percent.") == []
    assert [e.event_type for e in _candidates(extractor, "The EU suspended talks with Turkey.")] == ["SANCTION"]
