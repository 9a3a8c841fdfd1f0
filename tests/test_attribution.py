"""Attribution: who a sentence says makes its claims."""

import pytest

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
