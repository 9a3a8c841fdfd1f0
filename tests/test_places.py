"""The places stage resolves Location mentions and finds the place names NER missed."""

from pathlib import Path

import pytest

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
