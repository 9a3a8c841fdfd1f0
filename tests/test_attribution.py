"""Attribution: who a sentence says makes its claims."""

import pytest

import fogofwar
from fogofwar.language import attribution, segment
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Article


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def attributions(text: str, resources: Resources) -> dict[int, tuple[str | None, str]]:
    doc = AnalyzedArticle(Article("t", text))
    segment.run(doc, resources)
    doc.candidate_sentences = {s.index for s in doc.sentences}  # attribute every sentence
    for i in doc.candidate_sentences:
        segment.parse(doc, resources, i)
    attribution.run(doc, resources)
    return {i: (a.claimant, a.cue) for i, a in doc.attributions.items()}


def test_according_to_names_the_claimant(resources):
    found = attributions("According to the Main Intelligence Directorate of Ukraine, 200 soldiers were killed.", resources)
    assert found[0] == ("the Main Intelligence Directorate of Ukraine", "according_to")


def test_apposition_is_not_part_of_the_claimant(resources):
    found = attributions(
        "It is noteworthy that, according to Michael Kofman, a fellow at the Carnegie Endowment, "
        "North Korea is Russia's largest supplier of ammunition.", resources)
    assert found[0][0] == "Michael Kofman"


def test_reporting_verb_subject_is_the_claimant(resources):
    found = attributions("Syrian state media said an Israeli missile strike had targeted the airport.", resources)
    assert found[0] == ("Syrian state media", "reporting_verb")


def test_reports_keep_their_source(resources):
    found = attributions(
        "Ukrainian intelligence reports indicate that approximately 200 soldiers were killed.", resources)
    assert found[0][0] == "Ukrainian intelligence"


def test_the_statement_carries_the_last_named_source(resources):
    text = ("Ukrainian intelligence confirms that North Korea has faced its first losses.\n"
            '"The losses amount to about 200 soldiers," the statement reveals.')
    found = attributions(text, resources)
    assert found[1] == ("Ukrainian intelligence", "carried")


def test_passive_report_without_agent_has_no_claimant(resources):
    found = attributions("Israeli jets were reported to have fired missiles into Syria.", resources)
    assert found[0][0] is None


def test_negated_reporting_verb_attributes_nothing(resources):
    found = attributions(
        "The Israeli government has neither confirmed nor denied that it carries out strikes in Syria.", resources)
    assert found[0][0] is None


def test_plain_sentence_is_the_documents_voice(resources):
    found = attributions("Three tanks were destroyed near Palmyra.", resources)
    assert found[0] == (None, "none")


# --- wire-style cases (2024-25 reporting) ------------------------------------------------------

def test_background_sentence_after_an_attributed_one_is_the_documents_own_voice(resources):
    found = attributions(
        "An Israeli airstrike killed three Hezbollah fighters in southern Lebanon on Tuesday, the group said. "
        "Israel has struck Lebanon repeatedly this year.", resources)
    assert found[0][0] == "the group"
    assert found[1][0] is None


def test_an_explicit_continuation_keeps_the_claimant(resources):
    found = attributions(
        "Four civilians were killed in the strike on Kharkiv, the regional governor said. "
        "It added that 12 people were wounded. "
        "Russia has launched thousands of drones at Ukrainian cities since 2022.", resources)
    assert found[1][0] == "the regional governor"
    assert found[2][0] is None


def test_a_quotation_that_goes_on_keeps_the_speaker(resources):
    found = attributions(
        '"We destroyed 12 tanks near Pokrovsk," General Oleksandr Syrskyi said. '
        '"Our own losses were small."', resources)
    assert found[0][0] == "General Oleksandr Syrskyi"
    assert found[1][0] == "General Oleksandr Syrskyi"


def test_the_statement_resolves_to_the_directorate_named_earlier(resources):
    found = attributions(
        "The Main Intelligence Directorate of Ukraine said in a statement on Monday that it had new evidence. "
        "Ukrainian troops repelled three assaults overnight. "
        "The statement reveals that about 200 North Korean soldiers were killed.", resources)
    assert found[2] == ("The Main Intelligence Directorate of Ukraine", "carried")


def test_the_ministry_resolves_to_the_ministry_named_earlier_not_the_last_source(resources):
    found = attributions(
        "Gaza's Hamas-run health ministry said 45 Palestinians were killed overnight. "
        "The Israeli military denied the figure. "
        "The ministry said 12 children were among the dead.", resources)
    assert found[2][0] == "Gaza's Hamas-run health ministry"


def test_bare_officials_are_the_claimant_when_no_source_is_named(resources):
    found = attributions("Officials said 40 people were wounded in the strike on Odesa.", resources)
    assert found[0][0] == "Officials"


def test_a_hyphenated_surname_is_kept_whole(resources):
    found = attributions(
        "Revolutionary Guards commander Hossein Salami-Nejad said the strike killed five soldiers.", resources)
    assert found[0][0].endswith("Hossein Salami-Nejad")


def test_a_named_apposition_is_the_claimant(resources):
    found = attributions(
        "A local physician from Husaybah, Zahid Mohammed Rawi, said that 97 civilians were killed.", resources)
    assert found[0][0] == "Zahid Mohammed Rawi"


def test_a_statement_from_a_source_names_the_source(resources):
    found = attributions(
        "The strike killed 20 people, according to a statement from the Sudanese army.", resources)
    assert found[0][0] == "the Sudanese army"


def test_a_sentence_after_a_closed_quotation_is_not_carried(resources):
    found = attributions(
        '"We will keep fighting," said Capt. Oleh Petrenko. "Our allies matter to us." '
        "Russian forces shelled Kherson overnight, wounding two people.", resources)
    assert found[1][0] == "Capt. Oleh Petrenko"
    assert found[2][0] is None


def test_a_reporting_verb_in_a_relative_clause_names_no_source(resources):
    found = attributions(
        "He was captured in May 2006 and accused of being the group's financier, which Karbouly denied.",
        resources)
    assert found[0][0] is None


def test_a_trailing_source_parsed_into_a_list_is_still_the_claimant(resources):
    found = attributions(
        "Russian forces lost 1,270 soldiers over the past day, along with 3 tanks, 5 armoured combat "
        "vehicles and 12 artillery systems, Ukraine's General Staff said on Tuesday.", resources)
    assert found[0][0] == "Ukraine's General Staff"


def test_it_said_with_no_named_source_is_the_organisation_the_text_is_about(resources):
    found = attributions(
        "The Israeli military on Wednesday named a sergeant who was killed on Monday in southern Lebanon. "
        "Two other soldiers were seriously wounded near the border, it said.", resources)
    assert found[1][0] == "The Israeli military"


def test_a_source_after_the_last_comma_wins_over_a_noun_the_parser_took_for_the_subject(resources):
    found = attributions(
        "Among the Ukrainians released were soldiers captured during the defence of Avdiivka and the "
        "Azovstal steel plant in Mariupol, Ukraine's coordination headquarters for prisoners of war said.",
        resources)
    assert found[0][0] == "Ukraine's coordination headquarters for prisoners of war"


def test_a_name_with_its_title_set_off_by_commas_stays_the_source(resources):
    found = attributions(
        'Gen. Joseph Votel, commander of U.S. Central Command said, "The SDF has made progress."', resources)
    assert found[0][0] in ("Gen. Joseph Votel", "Joseph Votel")


@pytest.mark.parametrize("text, claimant", [
    ("Around 30,000 people crossed into Chad in the past month alone, most of them women and children "
     "from North Darfur, agency spokesperson Eujin Byun told reporters in Geneva.", "agency spokesperson Eujin Byun"),
    ("Ukrainian long-range drones struck the Saratov oil refinery overnight on Feb. 10, a source in the "
     "General Staff told the Kyiv Independent, causing a fire at the plant.", "a source in the General Staff"),
    ("North Korea for the first time confirmed on Monday that it had sent troops to fight for Russia, "
     "saying its soldiers had helped liberate the Kursk region.", "North Korea"),
    ("Pyongyang has sent about 11,000 troops to Russia, the agency believes.", "the agency"),
])
def test_the_source_set_off_by_commas_and_only_its_name(text, claimant):
    claims = fogofwar.extract(text)
    assert claims and {c.claimant for c in claims} == {claimant}
