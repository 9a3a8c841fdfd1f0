"""The places stage resolves Location mentions and finds the place names NER missed."""

from pathlib import Path

import pytest

import fogofwar
from fogofwar.language import places
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Article, EntityType, Mention, Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_59c41a48afdc6801.txt"


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def _doc(text: str, mentions=()) -> AnalyzedArticle:
    doc = AnalyzedArticle(Article(id="t", text=text))
    doc.sentences = [Sentence(0, 0, len(text), text)]
    doc.mentions = list(mentions)
    return doc


def _mention(text: str, phrase: str, kind=EntityType.LOCATION) -> Mention:
    start = text.index(phrase)
    return Mention(start, start + len(phrase), phrase, kind)


def test_location_mention_the_kursk_region_resolves_to_the_oblast(resources):
    text = "North Korean troops, who are supporting Russian forces in the Kursk region, have encountered their initial casualties."
    doc = _doc(text, [_mention(text, "the Kursk region")])
    places.run(doc, resources)
    kursk = [p for p in doc.places if "Kursk" in p.text]
    assert len(kursk) == 1
    p = kursk[0]
    assert (p.text, p.name, p.country, p.admin1, p.precision) == (
        "the Kursk region", "Kursk Oblast", "RUS", "Kursk Oblast", "admin1")
    assert text[p.start:p.end] == "the Kursk region"
    assert p.latitude is not None and p.longitude is not None


def test_scan_finds_places_ner_missed(resources):
    text = "The strikes hit ISIL targets near Raqqah and Mosul, and Tabqa Dam in Syria."
    doc = _doc(text)
    places.run(doc, resources)
    found = {p.text: p.country for p in doc.places}
    assert found == {"Raqqah": "SYR", "Mosul": "IRQ", "Tabqa Dam": "SYR", "Syria": "SYR"}


def test_scan_skips_stopwords_and_parts_of_longer_names(resources):
    text = "As of 14 December at noon Greenwich Mean Time, North Korean troops had a Nice day."
    doc = _doc(text)
    places.run(doc, resources)
    assert doc.places == []


def test_scan_accepts_a_stopword_after_a_locative_preposition(resources):
    text = "The attack in Nice killed 86 people."
    doc = _doc(text)
    places.run(doc, resources)
    assert [(p.text, p.country) for p in doc.places] == [("Nice", "FRA")]


def test_scan_skips_names_inside_organisation_mentions(resources):
    text = "According to the Main Intelligence Directorate of Ukraine, losses rose."
    doc = _doc(text, [_mention(text, "Main Intelligence Directorate of Ukraine",
                               EntityType.ORGANISATION)])
    places.run(doc, resources)
    assert doc.places == []


def test_near_palmyra_syria_mention(resources):
    text = "Coalition aircraft struck near Palmyra, Syria on Tuesday."
    doc = _doc(text, [_mention(text, "near Palmyra, Syria")])
    places.run(doc, resources)
    assert [(p.text, p.country, p.precision) for p in doc.places] == [
        ("near Palmyra, Syria", "SYR", "city")]


def test_unresolved_generic_mention_is_dropped(resources):
    text = "Fighters entered the city at dawn."
    doc = _doc(text, [_mention(text, "the city")])
    places.run(doc, resources)
    assert doc.places == []


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_seed_article_places(resources):
    doc = _doc(SEED.read_text(encoding="utf-8"))
    places.run(doc, resources)
    found = {(p.text, p.country) for p in doc.places}
    assert ("Kursk region", "RUS") in found
    assert ("North Korea", "PRK") in found
    assert not any(p.text in ("North", "Time", "Greenwich") for p in doc.places)


def test_a_place_inside_a_longer_place_is_not_a_place_of_its_own():
    from fogofwar.language.places import outermost
    from fogofwar.models import Place

    region = Place(4, 20, "the Kursk region", name="Kursk Oblast", country="RUS", precision="admin1")
    city = Place(8, 13, "Kursk", name="Kursk", country="RUS", precision="city")
    other = Place(30, 36, "Moscow", name="Moscow", country="RUS", precision="city")
    assert outermost([region, city, other]) == [region, other]


# --- wire-style cases: where a claim happened --------------------------------------------------

def _claims(text: str, kind: str):
    import fogofwar

    return [c for c in fogofwar.extract(text) if c.kind.value == kind]


def test_a_capital_that_speaks_is_not_the_place_of_the_claim():
    killed = _claims("Kyiv said 300 Russian soldiers were killed in the past day.", "casualties")
    assert killed and killed[0].location is None


def test_a_place_in_a_led_or_backed_modifier_is_a_side_not_a_place():
    killed = _claims("A Russian military spokesman accused the US-led coalition of killing more than "
                     "60 civilians in air strikes in and around Mosul.", "casualties")
    assert killed and killed[0].location is not None and killed[0].location.country == "IRQ"


def test_near_a_place_misread_as_a_subject_is_still_the_place():
    text = "Near Ar Raqqah, five strikes engaged two ISIL tactical units and destroyed a front-end loader."
    lost = _claims(text, "equipment_loss")
    assert lost and lost[0].location is not None and lost[0].location.text == "Ar Raqqah"
    assert lost[0].agent is None


def test_a_village_the_gazetteer_lacks_takes_the_country_of_its_sentence():
    text = "IS fighters had killed 15 civilians in the village of Safina, about 45km south of Mosul."
    killed = _claims(text, "casualties")
    assert killed and (killed[0].location.text, killed[0].location.country) == ("Safina", "IRQ")
    assert killed[0].location.latitude is None  # no coordinates are invented


def test_an_ambiguous_name_resolves_in_the_country_the_article_is_about(resources):
    text = ("Ukrainian forces shelled Kirovsk in the Luhansk region overnight, Russian officials said. "
            "Ukraine's General Staff reported fighting near Kreminna and Svatove.")
    doc = _doc(text, [_mention(text, "Kirovsk")])
    places.run(doc, resources)
    kirovsk = [p for p in doc.places if p.text == "Kirovsk"]
    assert kirovsk and kirovsk[0].country == "UKR"  # not the Russian town of the same name


def test_a_name_only_found_abroad_keeps_its_own_country(resources):
    entry = resources.gazetteer.lookup("Sadah", {"IRQ": 5})
    assert entry is not None and entry.country == "YEM"  # resolved, never moved to another country


def test_a_city_wins_over_the_region_that_describes_it():
    killed = _claims("The bombing of a crowded market in El Fasher, the capital of Sudan's North Darfur "
                     "state, killed at least 30 people on Sunday, local activists said.", "casualties")
    assert killed and killed[0].location is not None and killed[0].location.text == "El Fasher"


def test_a_major_city_after_a_locative_word_is_a_place_even_if_read_as_a_name():
    killed = _claims("Separately, a missile strike hit the centre of Kryvyi Rih on Thursday evening, "
                     "killing three civilians, according to the city's military administration.", "casualties")
    assert killed and killed[0].location is not None and killed[0].location.country == "UKR"


def test_a_district_of_a_city_resolves_within_that_city(resources):
    entry = resources.gazetteer.lookup("Kherson's Dniprovskyi district")
    assert entry is not None and entry.name == "Kherson"  # not Kyiv's district of that name


def test_a_speaking_capital_is_not_the_scene_of_later_sentences():
    text = ("Kyiv said its forces had pushed deeper into Russia. "
            "More than 100 Russian soldiers had been taken prisoner, the General Staff added.")
    taken = _claims(text, "casualties")
    assert taken and (taken[0].location is None or taken[0].location.text != "Kyiv")


def test_a_front_sector_is_an_area_not_the_town():
    import fogofwar

    doc = fogofwar.analyze("Ukrainian forces destroyed 12 Russian tanks in the Kupiansk direction, "
                           "the General Staff said on Monday.")
    sector = [p for p in doc.places if "Kupiansk" in p.text]
    assert len(sector) == 1
    p = sector[0]
    assert (p.text, p.country, p.precision, p.latitude) == ("the Kupiansk direction", "UKR", "area", None)


def test_a_name_inside_an_army_groups_name_is_no_place():
    import fogofwar

    doc = fogofwar.analyze("Russia's Group of Forces 'Center' said its units killed 140 Ukrainian soldiers "
                           "near Pokrovsk. The Dnipro group of forces said 30 Russian soldiers were killed.")
    assert {p.text for p in doc.places} <= {"Russia", "Pokrovsk"}


def test_its_forces_in_a_sources_words_are_the_sources_side():
    import fogofwar

    text = ("Russian troops have seized the town of Kurakhove, Russia's Defence Ministry said on Wednesday. "
            "The ministry also said its forces had liberated the village of Dachne on Monday.")
    taken = [c for c in fogofwar.extract(text) if c.kind.value == "territory" and "liberated" in c.evidence[0].text]
    assert taken and taken[0].agent is not None and taken[0].agent.country == "RUS"


def test_a_country_that_acts_is_not_the_scene():
    killed = _claims("The United States strongly condemns today's brutal attack on Camp Hurriya that "
                     "killed and injured camp residents.", "casualties")
    assert killed and (killed[0].location is None or killed[0].location.country != "USA")


def test_a_persons_home_town_is_not_where_they_died():
    killed = _claims("Navy Senior Chief Petty Officer Scott C. Dayton, 42, of Woodbridge, Virginia, died "
                     "Nov. 24 in northern Syria, of wounds sustained in an improvised explosive device blast.",
                     "casualties")
    assert killed and killed[0].location is not None and killed[0].location.country == "SYR"


def test_an_unknown_base_in_a_named_country_takes_that_country(resources):
    text = "About 300 airmen left Aviano Air Base in Italy for a deployment to Incirlik Air Base in Turkey."
    doc = _doc(text, [_mention(text, "Incirlik Air Base")])
    places.run(doc, resources)
    base = [p for p in doc.places if p.text == "Incirlik Air Base"]
    assert base and base[0].country == "TUR" and base[0].latitude is None


def test_a_possessor_after_a_comma_is_not_a_container(resources):
    text = "Russian forces took 14 Ukrainian marines prisoner near Pokrovsk, Russia's defence ministry said."
    doc = _doc(text, [_mention(text, "Pokrovsk, Russia")])
    places.run(doc, resources)
    assert [p.text for p in doc.places if "Pokrovsk" in p.text] == ["Pokrovsk"]


@pytest.mark.parametrize("text, country, words", [
    ("Russia said its air defences destroyed 30 Ukrainian drones over Russian territory overnight.",
     "RUS", "Russian territory"),
    ("He was killed in a raid by U.S. forces inside Syrian territory in 2008.", "SYR", "Syrian territory"),
])
def test_a_nations_ground_named_by_its_adjective_is_a_place_in_that_country(text, country, words):
    claims = fogofwar.extract(text)
    assert claims and all(c.location is not None and c.location.country == country
                          and c.location.text == words for c in claims)


def test_where_a_shot_came_from_is_no_place_of_the_nation_named():
    doc = fogofwar.analyze("Israeli jets fired missiles from Lebanese airspace into Syria.")
    assert not any(p.text.startswith("Lebanese") for p in doc.places)


def test_strikes_in_two_countries_take_place_in_both_not_the_first():
    claims = fogofwar.extract("Coalition forces conducted 23 strikes against ISIL in Syria and Iraq on Monday.")
    attack = next(c for c in claims if c.kind.value == "attack")
    assert attack.location is not None
    assert (attack.location.text, attack.location.country, attack.location.precision) == ("Syria and Iraq", None, "countries")


def test_a_sea_is_the_place_of_what_happens_on_it():
    claims = fogofwar.extract("U.S. forces destroyed two Houthi drone boats in the Red Sea on Tuesday.")
    assert claims and all(c.location is not None and (c.location.name, c.location.precision, c.location.country)
                          == ("Red Sea", "water", None) for c in claims)


def test_there_points_back_to_the_place_just_named():
    text = ("For ISIL, this means yet another military defeat in Iraq. "
            "They have now lost more than 30 percent of the territory they once held there.")
    claims = [c for c in fogofwar.extract(text) if c.kind.value == "territory"]
    assert claims and claims[0].location is not None and claims[0].location.country == "IRQ"


def test_places_that_act_together_set_no_scene():
    text = ("Heavy fighting continued near Sudzha. Pyongyang and Moscow have not acknowledged the deployment. "
            "Twelve North Korean soldiers were killed on Monday, Kyiv said.")
    [claim] = fogofwar.extract(text)
    assert claim.location is not None and claim.location.text == "Sudzha"
