import pytest


@pytest.mark.parametrize("name, canonical, admin1", [
    ("Kyiv", "Kyiv", "Kyiv City"), ("Kiev", "Kyiv", "Kyiv City"),
    ("Zaporizhzhia", "Zaporizhzhya", "Zaporizhzhia"), ("Zaporizhia", "Zaporizhzhya", "Zaporizhzhia"),
    ("Zaporozhye", "Zaporizhzhya", "Zaporizhzhia"),
    ("Kharkiv", "Kharkiv", "Kharkiv"), ("Kharkov", "Kharkiv", "Kharkiv"),
    ("Lyman", "Lyman", "Donetsk"), ("Krasnyi Lyman", "Lyman", "Donetsk"),
    ("Nikolaev", "Mykolayiv", "Mykolaiv"), ("Kreminna", "Kreminna", "Luhansk"),
])
def test_spelling_variants_resolve_to_one_place(gazetteer, name, canonical, admin1):
    p = gazetteer.resolve(name, countries={"UKR"})
    assert p is not None and p.kind == "city"
    assert (p.name, p.admin1, p.country) == (canonical, admin1, "UKR")


def test_lyman_is_the_donetsk_town(gazetteer):
    p = gazetteer.resolve("Lyman", countries={"UKR"}, admin1s={"Donetsk"})
    assert p.geonames_id == 704204 and abs(p.latitude - 48.99) < 0.05


@pytest.mark.parametrize("name, admin1", [
    ("Kherson region", "Kherson"), ("Donetsk Oblast", "Donetsk"), ("Luhansk region", "Luhansk"),
    ("DPR", "Donetsk"), ("Kharkiv oblast", "Kharkiv"),
])
def test_admin1_names(gazetteer, name, admin1):
    p = gazetteer.resolve(name)
    assert p.kind == "admin1" and p.admin1 == admin1


@pytest.mark.parametrize("name, iso3", [("Russia", "RUS"), ("U.S.", "USA"), ("Turkey", "TUR"), ("Britain", "GBR")])
def test_countries(gazetteer, name, iso3):
    p = gazetteer.resolve(name)
    assert p.kind == "country" and p.country == iso3


def test_context_country_beats_population(gazetteer):
    # Odessa, Texas vs Odesa, Ukraine: the article's countries decide
    assert gazetteer.resolve("Odessa", countries={"USA"}).country == "USA"
    assert gazetteer.resolve("Odessa", countries={"UKR"}).country == "UKR"


def test_places_are_not_people(extractor):
    doc = extractor.nlp("Russian troops withdrew from Lyman; Kherson and Luhansk were shelled, Kharkiv too.")
    ents = {e.text: e.label_ for e in doc.ents}
    for name in ("Lyman", "Kherson", "Luhansk", "Kharkiv"):
        assert ents.get(name) == "GPE", ents
