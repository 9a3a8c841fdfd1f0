"""The gazetteer resolves place phrases from the seed article and re3d-dev to the right entry."""

import pytest

from fogofwar.language.gazetteer import Gazetteer, normalize, unknown_alias_targets


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_the_kursk_region_is_the_russian_oblast(gaz):
    entry = gaz.lookup("the Kursk region")
    assert (entry.name, entry.kind, entry.country, entry.precision) == (
        "Kursk Oblast", "admin1", "RUS", "admin1")
    assert entry.latitude == pytest.approx(51.73, abs=0.1)


def test_bare_kursk_is_the_city(gaz):
    assert gaz.lookup("Kursk").kind == "city"


def test_idlib_province_is_the_governorate(gaz):
    entry = gaz.lookup("Idlib province")
    assert (entry.kind, entry.country, entry.name) == ("admin1", "SYR", "Idlib Governorate")


@pytest.mark.parametrize("phrase, country", [
    ("Raqqah", "SYR"), ("Raqqa", "SYR"), ("Mosul", "IRQ"), ("Damascus", "SYR"),
    ("Palmyra", "SYR"), ("Tabqa Dam", "SYR"), ("Mezzeh", "SYR"), ("Sabboura", "SYR"),
    ("Aleppo", "SYR"), ("Darayya", "SYR"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
])
def test_re3d_and_seed_places_resolve_to_their_country(gaz, phrase, country):
    assert gaz.lookup(phrase).country == country


def test_near_palmyra_syria_resolves_palmyra_in_syria(gaz):
    entry = gaz.lookup("near Palmyra, Syria")
    assert (entry.country, entry.kind) == ("SYR", "city")
    assert entry.latitude == pytest.approx(34.56, abs=0.1)


def test_generic_heads_and_leading_words_are_stripped(gaz):
    assert gaz.lookup("west of Damascus").name == "Damascus"
    assert gaz.lookup("the Iraqi city of Mosul").name == "Mosul"
    assert gaz.lookup("eastern Aleppo").country == "SYR"


def test_pokrovsk_is_ambiguous_and_context_decides(gaz):
    assert gaz.lookup("Pokrovsk").country == "UKR"  # the larger town, without context
    assert gaz.lookup("Pokrovsk", context_countries=["RUS"]).country == "RUS"


def test_admin1_or_country_wins_over_a_city_of_the_same_name(gaz):
    assert gaz.lookup("Idlib").kind == "admin1"
    assert gaz.lookup("Syria").kind == "country"


def test_unknown_name_is_none(gaz):
    assert gaz.lookup("Xyzzyvillekrai") is None
    assert gaz.lookup("") is None


def test_normalize_folds_case_accents_punctuation_and_the():
    assert normalize("The Kursk  Region") == "kursk region"
    assert normalize("Dar‘ā") == normalize("Dara")


def test_every_hand_alias_points_at_an_entry():
    assert unknown_alias_targets() == []


def test_names_exclude_stopwords(gaz):
    names = set(gaz.names())
    assert "kursk" in names and "nice" not in names
