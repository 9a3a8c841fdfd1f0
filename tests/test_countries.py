"""Party words map to the ISO alpha-3 side they name, and non-state groups to none."""

import pytest

from fogofwar.language.countries import country_name, country_of, is_country_name


@pytest.mark.parametrize("text, alpha3", [
    ("North Korean soldiers", "PRK"), ("Ukrainian Armed Forces", "UKR"),
    ("Russian troops", "RUS"), ("Israeli jets", "ISR"), ("U.S. airstrikes", "USA"),
    ("Syrian state media", "SYR"), ("North Korea", "PRK"), ("DPRK", "PRK"),
    ("Pyongyang", "PRK"), ("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Kyiv", "UKR"),
    ("Washington", "USA"), ("Damascus", "SYR"), ("Russian Federation", "RUS"),
    ("the Main Intelligence Directorate of Ukraine", "UKR"), ("Iraqi Security Forces", "IRQ"),
])
def test_demonyms_names_and_capitals_give_the_country(text, alpha3):
    assert country_of(text) == alpha3


def test_north_korean_is_read_before_korean():
    assert country_of("Korean soldiers") is None
    assert country_of("North Korean personnel") == "PRK"


@pytest.mark.parametrize("text", [
    "ISIL", "Hezbollah", "al-Qaida", "SDF", "the coalition", "Syrian Democratic Forces",
    "Islamic State of Iraq and the Levant", "US-led coalition",
])
def test_non_state_groups_get_no_country(text):
    assert country_of(text) is None


def test_lower_case_words_are_not_demonyms():
    assert country_of("polish the boots") is None


def test_country_name_uses_the_common_name():
    assert country_name("PRK") == "North Korea"
    assert country_name("SYR") == "Syria"


@pytest.mark.parametrize("phrase, code", [
    ("the IDF", "ISR"),
    ("pro-Assad forces", "SYR"),
    ("the Asad regime’s escalating attacks", "SYR"),
    ("Putin's army", "RUS"),
    ("Gaza's Hamas-run health ministry", "PSE"),
    ("Kyiv's troops", "UKR"),
    ("RSF fighters", None),  # Sudan's Rapid Support Forces: a non-state force, no country
    ("the Rapid Support Forces", None),
    ("Russia-backed separatists", None),  # a proxy is not its backer
])
def test_sides_named_without_a_demonym(phrase, code):
    assert country_of(phrase) == code


def test_armed_forces_are_not_country_names():
    assert not is_country_name("IDF")
    assert is_country_name("US")


@pytest.mark.parametrize("phrase, code", [
    ("Some 1,200 Spanish and Portuguese soldiers", None),  # two sides coordinated: no one country
    ("Russian and North Korean units", None),
    ("Israeli strikes on Gaza", "ISR"),
    ("Malian soldiers", "MLI"),
    ("Nigerien troops", "NER"),
    ("Kenyan police", "KEN"),
    ("Gazans", "PSE"),
])
def test_demonyms_and_coordinated_sides(phrase, code):
    assert country_of(phrase) == code
