"""The vocabularies and the ``mentions`` stage: re3d-typed mentions with article offsets."""

from __future__ import annotations

import pytest

from fogofwar.language import mentions, segment
from fogofwar.language.resources import Resources
from fogofwar.language.vocabulary import Vocabulary
from fogofwar.models import AnalyzedArticle, Article, EntityType

SEED = (
    "According to the Main Intelligence Directorate of Ukraine, North Korea has suffered its "
    "first losses in Russia, with Moscow's ally having lost about 200 soldiers.\n"
    "Ukrainian intelligence reports indicate that approximately 200 North Korean soldiers were "
    "killed due to kamikaze drone (FPV) attacks carried out by the Ukrainian Armed Forces.\n"
    "The list of weapons includes, among others, M1989 \"Koksan\" artillery systems, which are "
    "self-propelled constructions featuring a 170mm calibre cannon."
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def analyze(text: str, resources: Resources) -> AnalyzedArticle:
    doc = AnalyzedArticle(article=Article(id="t", text=text))
    segment.run(doc, resources)
    mentions.run(doc, resources)
    return doc


def found(doc: AnalyzedArticle) -> dict[str, EntityType]:
    return {m.text: m.type for m in doc.mentions}


def test_lookup_finds_an_organisation_by_alias_with_its_country():
    entry = Vocabulary.load().lookup("HUR")
    assert entry is not None
    assert entry.canonical == "Main Intelligence Directorate of Ukraine"
    assert entry.country == "UKR"


def test_lookup_tolerates_plural_and_the():
    vocab = Vocabulary.load()
    assert vocab.lookup("barrel bombs").type is EntityType.WEAPON
    assert vocab.lookup("the Islamic State").canonical == "Islamic State"
    assert vocab.lookup("Daesh").country is None
    assert vocab.lookup("a word that is no weapon") is None


def test_find_prefers_the_longest_phrase():
    text = "Syrian helicopters dropped barrel bombs and an IED hit a T-72 tank."
    hits = {m.text: m.entry.type for m in Vocabulary.load().find(text)}
    assert hits["barrel bombs"] is EntityType.WEAPON
    assert "bombs" not in hits
    assert hits["IED"] is EntityType.WEAPON
    assert hits["helicopters"] is EntityType.MILITARY_PLATFORM


def test_acronyms_match_only_as_written():
    hits = [m.text for m in Vocabulary.load().find("It is what IS fighters said it is.")]
    assert hits == ["IS"]


def test_ship_names_are_platforms():
    hits = {m.text for m in Vocabulary.load().find("HMS Ocean sailed with USS Hopper (DDG 70).")}
    assert {"HMS Ocean", "USS Hopper", "DDG 70"} <= hits


def test_mentions_carry_article_offsets(resources):
    doc = analyze(SEED, resources)
    for m in doc.mentions:
        assert SEED[m.start : m.end] == m.text
    starts = [m.start for m in doc.mentions]
    assert starts == sorted(starts)
    outer = [m for m in doc.mentions if m.source != "nested"]
    assert all(a.end <= b.start for a, b in zip(outer, outer[1:]))
    for m in doc.mentions:
        if m.source == "nested":
            assert any(o.start <= m.start and m.end <= o.end for o in outer)


def test_vocabulary_beats_the_model_on_weapons_and_units(resources):
    doc = analyze(SEED, resources)
    by_text = {m.text: m for m in doc.mentions}
    assert by_text["the Main Intelligence Directorate of Ukraine"].country == "UKR"
    assert by_text["kamikaze drone"].type is EntityType.WEAPON
    assert by_text["the Ukrainian Armed Forces"].canonical == "Armed Forces of Ukraine"
    assert by_text["M1989"].type is EntityType.WEAPON
    assert by_text["Koksan"].type is EntityType.WEAPON  # the model alone calls it a person


def test_kursk_region_is_a_location(resources):
    doc = analyze("North Korean troops are supporting Russian forces in the Kursk region.", resources)
    assert found(doc)["Kursk region"] is EntityType.LOCATION


def test_nationalities_and_places_get_a_country(resources):
    doc = analyze("Approximately 200 North Korean soldiers were killed in Russia.", resources)
    by_text = {m.text: m for m in doc.mentions}
    assert by_text["Russia"].type is EntityType.LOCATION
    assert by_text["Russia"].country == "RUS"


def test_every_sentence_that_may_name_an_entity_gets_ner(resources):
    text = ("Hezbollah has sent thousands of fighters to Syria.\nThe weather in Paris was mild."
            "\nit rained all day.")
    doc = analyze(text, resources)
    assert doc.parses[0].has_annotation("DEP")  # a claim candidate: the full parse
    assert not doc.parses[1].has_annotation("DEP")  # no claim trigger: NER alone
    assert 2 not in doc.parses  # no capital, no digit: nothing for NER to find
    assert found(doc)["Paris"] is EntityType.LOCATION
    assert found(doc)["Hezbollah"] is EntityType.ORGANISATION
    assert segment.parse(doc, resources, 1).has_annotation("DEP")  # parsed in full when asked


def test_tuesday_and_paris_without_a_claim_trigger(resources):
    doc = analyze("The weather in Paris was mild on Tuesday.", resources)
    assert found(doc)["Paris"] is EntityType.LOCATION
    assert found(doc)["Tuesday"] is EntityType.TEMPORAL


def test_pronouns_follow_re3d(resources):
    assert found(analyze("We will not stop, he said.", resources)) == {
        "We": EntityType.ORGANISATION, "he": EntityType.PERSON,
    }


def test_figures_lose_their_hedge(resources):
    doc = analyze("Foreign Secretary Boris Johnson said about 8,000 people fled.", resources)
    assert found(doc)["Boris Johnson"] is EntityType.PERSON
    assert found(doc)["8,000"] is EntityType.QUANTITY


def test_owner_and_article_join_a_platform(resources):
    doc = analyze("Coalition aircraft destroyed 14 ISIL tanks and a UAV.", resources)
    assert found(doc)["ISIL tanks"] is EntityType.MILITARY_PLATFORM
    assert found(doc)["a UAV"] is EntityType.MILITARY_PLATFORM


def test_a_demonym_after_in_stays_a_nationality(resources):
    doc = analyze("North Korea has suffered its first losses in Russian alliance.", resources)
    assert found(doc)["Russian"] is EntityType.NATIONALITY


def test_a_one_word_place_the_model_calls_a_person_is_a_location(resources):
    doc = analyze("His death will degrade ISIL's ability to defend Raqqah.", resources)
    assert found(doc)["Raqqah"] is EntityType.LOCATION


def test_word_classes_are_read_from_the_data_file():
    words = mentions.mention_words()
    assert "regime" in words["group_noun"]
    assert "Ministry" in words["org_head"]
    assert "the city" not in words["nominal_place"] and "city" in words["nominal_place"]


def test_a_title_joins_the_name_and_the_bare_name_is_nested(resources):
    doc = analyze("Russian Foreign Minister Sergei Lavrov met Mr Johnson in Geneva.", resources)
    people = {(m.text, m.source == "nested") for m in doc.mentions if m.type is EntityType.PERSON}
    assert ("Russian Foreign Minister Sergei Lavrov", False) in people
    assert ("Sergei Lavrov", True) in people
    assert ("Mr Johnson", False) in people
    assert not any(text == "Johnson" for text, _ in people)


def test_a_titled_role_without_a_name_is_a_person(resources):
    doc = analyze("The Foreign Secretary said the talks would go on.", resources)
    assert found(doc)["The Foreign Secretary"] is EntityType.PERSON


def test_a_group_keeps_its_nationality_as_a_nested_mention(resources):
    doc = analyze("Iraqi soldiers entered the town on Monday.", resources)
    kinds = {(m.text, m.type) for m in doc.mentions}
    assert ("Iraqi soldiers", EntityType.ORGANISATION) in kinds
    assert ("Iraqi", EntityType.NATIONALITY) in kinds


def test_a_noun_phrase_headed_by_a_group_noun_is_an_organisation(resources):
    doc = analyze("Witnesses said the regime had shelled innocent civilians.", resources)
    assert found(doc)["the regime"] is EntityType.ORGANISATION
    assert found(doc)["innocent civilians"] is EntityType.ORGANISATION


def test_a_nominal_place_of_a_name_is_one_place(resources):
    doc = analyze("Fighting continued in the port city of Tartus on Sunday.", resources)
    assert found(doc)["the port city of Tartus"] is EntityType.LOCATION


def test_proper_noun_runs_are_typed_without_ner(resources):
    text = ("Defence Minister Rustem Umerov said the Ministry of Defence of Ukraine and the "
            "Mujahideen Shura Council would meet in Kyiv.")
    doc = AnalyzedArticle(article=Article(id="t", text=text))
    segment.run(doc, resources)
    doc.parses = {s.index: p for s, p in zip(doc.sentences, resources.nlp.pipe(
        (s.text for s in doc.sentences), disable=["ner"]))}
    mentions.run(doc, resources)
    kinds = found(doc)
    assert kinds["Defence Minister Rustem Umerov"] is EntityType.PERSON
    assert kinds["the Mujahideen Shura Council"] is EntityType.ORGANISATION
    assert kinds["Kyiv"] is EntityType.LOCATION


def test_an_air_strike_is_an_event_not_a_weapon(resources):
    # re3d marks "air strike(s)" as a Weapon in 2 of its 14 dev uses; the munition stays one
    doc = analyze("Coalition aircraft conducted 12 airstrikes and a missile strike near Raqqa.",
                  resources)
    hits = found(doc)
    assert "airstrikes" not in hits
    assert hits["a missile strike"] is EntityType.WEAPON


def test_a_carrying_modifier_joins_the_weapon(resources):
    doc = analyze("Ground-based artillery fired in counter-fire, hitting two vehicle-borne homemade bombs.",
                  resources)
    hits = found(doc)
    assert hits["Ground-based artillery"] is EntityType.WEAPON
    assert hits["vehicle-borne homemade bombs"] is EntityType.WEAPON


def test_a_common_noun_inside_a_group_is_not_a_nested_organisation(resources):
    doc = analyze("The city fell to coalition forces after seven days.", resources)
    hits = found(doc)
    assert hits["coalition forces"] is EntityType.ORGANISATION
    assert "coalition" not in hits


def test_a_place_after_a_compass_word_is_also_nested(resources):
    doc = analyze("He died of wounds sustained in northern Syria, officials said.", resources)
    hits = found(doc)
    assert hits["northern Syria"] is EntityType.LOCATION
    assert hits["Syria"] is EntityType.LOCATION


def test_the_place_closing_an_organisation_name_is_nested(resources):
    doc = analyze("We also urge the Government of Iraq to provide additional support.", resources)
    hits = found(doc)
    assert hits["the Government of Iraq"] is EntityType.ORGANISATION
    assert hits["Iraq"] is EntityType.LOCATION


def test_the_state_as_an_actor_is_an_organisation_holding_the_place(resources):
    doc = analyze("The United States condemned the attack, and the U.S. military sent aid.", resources)
    spans = {(m.text, m.type) for m in doc.mentions}
    assert ("The United States", EntityType.ORGANISATION) in spans
    assert ("United States", EntityType.LOCATION) in spans
    assert not any(m.text == "the U.S." for m in doc.mentions)  # "U.S." modifies "military"


def test_a_rank_abbreviation_does_not_end_the_sentence(resources):
    doc = analyze("The strikes were announced by Lt. Gen. Stephen Townsend in Baghdad.", resources)
    assert len(doc.sentences) == 1
    assert found(doc)["Lt. Gen. Stephen Townsend"] is EntityType.PERSON


def test_a_name_met_again_alone_stays_the_person(resources):
    doc = analyze("Anas Ahmad runs the library. Anas says it helps the community.", resources)
    assert [m.type for m in doc.mentions if m.text == "Anas"] == [EntityType.PERSON]


def test_a_name_ending_in_a_place_word_is_a_location(resources):
    doc = analyze("The Samarra Barrage was captured in 2015.", resources)
    assert found(doc)["The Samarra Barrage"] is EntityType.LOCATION  # re3d: a named work takes "the"


def test_a_known_place_the_model_missed_is_found_after_near(resources):
    doc = analyze("Near Ayn Isa, three strikes engaged two ISIL tactical units.", resources)
    assert found(doc)["Ayn Isa"] is EntityType.LOCATION
    assert "Near Ayn Isa" not in found(doc)


def test_people_named_by_their_role_are_a_group(resources):
    doc = analyze("Jordanian intelligence officers arrested two police officers.", resources)
    assert found(doc)["Jordanian intelligence officers"] is EntityType.ORGANISATION
    assert found(doc)["Jordanian"] is EntityType.NATIONALITY



def test_known_public_figures_are_people(resources):
    doc = analyze("The Asad regime and its backers must comply, Putin said.", resources)
    assert found(doc)["Asad"] is EntityType.PERSON
    assert found(doc)["Putin"] is EntityType.PERSON


def test_a_surname_alone_names_the_person_without_its_arabic_article(resources):
    doc = analyze("Ziad Khalaf al-Karbouly was captured in 2006. Karbouly denied the charge.", resources)
    assert found(doc)["Karbouly"] is EntityType.PERSON


def test_an_honorific_makes_a_person_of_an_unknown_name(resources):
    doc = analyze("Mr Alzoubi is convinced it is a win-win situation.", resources)
    assert any(m.type is EntityType.PERSON and "Alzoubi" in m.text for m in doc.mentions)


def test_coordinates_are_a_place(resources):
    doc = analyze("Coordinates: 35°01′57″N 43°38′47″E / 35.0325; 43.6463889", resources)
    places = {m.text for m in doc.mentions if m.type is EntityType.LOCATION}
    assert {"35°01′57″N 43°38′47″E", "35.0325; 43.6463889"} <= places
    assert not any(m.type is EntityType.QUANTITY for m in doc.mentions)


def test_seas_and_rivers_are_places(resources):
    doc = analyze("Ships patrolled the Gulf of Aden while water from the Euphrates ran low.", resources)
    places = {m.text for m in doc.mentions if m.type is EntityType.LOCATION}
    assert any("Gulf of Aden" in p for p in places) and any("Euphrates" in p for p in places)


def test_a_figure_keeps_its_unit_of_measure(resources):
    doc = analyze("The dam passes 7,000 m3/s and the station makes 84 MW.", resources)
    figures = {m.text for m in doc.mentions if m.type is EntityType.QUANTITY}
    assert {"7,000 m3/s", "84 MW"} <= figures


def test_a_reference_mark_is_neither_a_figure_nor_part_of_a_date(resources):
    doc = analyze("The offensive began in October 2005.[4][5] It ended in May.", resources)
    assert found(doc)["October 2005"] is EntityType.TEMPORAL
    assert not any(m.type is EntityType.QUANTITY for m in doc.mentions)


def test_a_demonym_opening_a_name_is_a_nested_nationality(resources):
    doc = analyze("The Syrian Democratic Forces advanced on Raqqa.", resources)
    spans = {(m.text, m.type) for m in doc.mentions}
    assert ("Syrian", EntityType.NATIONALITY) in spans
    assert any(t is EntityType.ORGANISATION and "Syrian Democratic Forces" in x for x, t in spans)


def test_words_listed_before_a_platform_share_its_head(resources):
    doc = analyze("Forces conducted 15 strikes using attack, bomber, fighter and remotely piloted aircraft.", resources)
    platforms = {m.text for m in doc.mentions if m.type is EntityType.MILITARY_PLATFORM}
    assert {"attack", "bomber", "fighter"} <= platforms


def test_an_honorific_joins_a_name_even_after_a_quote_mark_or_one_a_place_shares(resources):
    doc = analyze("“Mr Johnson raised the situation in Aleppo.\n\nMr Hammond said so.", resources)
    assert found(doc)["Mr Johnson"] is EntityType.PERSON
    assert found(doc)["Mr Hammond"] is EntityType.PERSON  # Hammond is also a town in the gazetteer
    assert found(doc)["Aleppo"] is EntityType.LOCATION


def test_a_headline_is_not_taken_for_a_group(resources):
    doc = analyze("Russia and Ukraine swap prisoners\n\nThe exchange took place on Friday.", resources)
    assert not any(m.type is EntityType.ORGANISATION and "Russia" in m.text for m in doc.mentions)


def test_a_state_in_a_hyphenated_word_is_no_actor(resources):
    doc = analyze("The Britain-based monitor said 20 people were killed.", resources)
    assert "The Britain" not in found(doc)


def test_a_known_organisation_gives_way_to_the_longer_name_it_is_part_of(resources):
    doc = analyze("Ministers met the leaders of the Syrian National Coalition in London.", resources)
    orgs = {m.text for m in doc.mentions if m.type is EntityType.ORGANISATION}
    assert "the Syrian National Coalition" in orgs
    assert "Coalition" in orgs  # kept as nested, as re3d annotates both


def test_entities_keep_only_the_figures_re3d_calls_quantities():
    from fogofwar.models import Mention, Quantity

    text = "Radio 4 said one child and 15 civilians died over two years; a $100m loan; 35.0325; 14-year-old"
    def q(s: str, unit: str | None = None) -> Quantity:
        i = text.index(s)
        return Quantity(i, i + len(s), s, 1.0, unit=unit)
    two_years = text.index("two years")
    doc = AnalyzedArticle(
        article=Article(id="t", text=text),
        mentions=[Mention(two_years, two_years + 9, "two years", EntityType.TEMPORAL)],
        quantities=[q("4"), q("one"), q("15"), q("two years", "year"), q("$100m", "USD"),
                    q("35.0325"), q("14-year-old", "year")],
    )
    figures = [m.text for m in doc.entities() if m.type is EntityType.QUANTITY]
    assert figures == ["15", "14-year-old"]
    assert len(doc.quantities) == 7  # what claims read is untouched


def test_communities_are_nationalities(resources):
    doc = analyze("The book reflects authentic Yazidi traditions, unlike that of the Muslims.", resources)
    assert found(doc).get("Yazidi") is EntityType.NATIONALITY
    assert found(doc).get("Muslims") is EntityType.NATIONALITY


def test_a_role_named_by_what_it_serves_is_a_person(resources):
    doc = analyze("Tobias Ellwood, Minister for the Middle East, welcomed the news.", resources)
    assert found(doc).get("Minister for the Middle East") is EntityType.PERSON
    assert found(doc).get("Tobias Ellwood") is EntityType.PERSON


def test_documents_and_frequencies_are_no_entities(resources):
    doc = analyze("They must comply with the Cessation of Hostilities, the daily reports said.", resources)
    assert not any("Cessation" in m.text for m in doc.mentions)
    assert "daily" not in found(doc)


def test_plural_demonyms_without_a_parse_are_groups(resources):
    doc = analyze("About 350 Syrians work for al-Rahman Farms.", resources)
    assert found(doc).get("Syrians") is not EntityType.NATIONALITY
