"""Sentence patterns of wire copy that the claim rules must read, one claim per figure.

Each case is a sentence written for these tests and the (kind, outcome, value) triples that
it must give; a second table pins the roles of a few frames."""

from __future__ import annotations

import pytest

import fogofwar
from fogofwar.models import ClaimKind


def triples(text: str) -> list[tuple[str, str | None, float | None]]:
    claims = fogofwar.extract(text, published="2025-03-14")
    return sorted(
        (c.kind.value, c.outcome, c.quantity.value if c.quantity else None) for c in claims
    )


@pytest.mark.parametrize("text, expected", [
    ("Near Ayn Isa, three strikes engaged two ISIL tactical units and destroyed a vehicle, five "
     "fighting positions, a VBIED, and a heavy machine gun.",
     [("attack", None, 3), ("equipment_loss", "destroyed", 1), ("equipment_loss", "destroyed", 1),
      ("equipment_loss", "destroyed", 1), ("equipment_loss", "destroyed", 5)]),
    ("The Kharkiv strike killed 7 and wounded 47, the governor said.",
     [("casualties", "killed", 7), ("casualties", "wounded", 47)]),
    ("It was a deliberate attack on Sumy, with at least ten people killed.",
     [("casualties", "killed", 10)]),
    ("Officials in Gaza said 120 fighters and a senior commander killed.",
     [("casualties", "killed", 1), ("casualties", "killed", 120)]),
    ("A sergeant who was killed on Monday was buried in Lviv.", [("casualties", "killed", 1)]),
    ("Twelve soldiers were killed near Bakhmut.", [("casualties", "killed", 12)]),
    ("Rescuers in Kherson found the bodies of 14 civilians.", [("casualties", "killed", 14)]),
    ("Near Al Huwayjah, two strikes disabled two bridges.",
     [("attack", None, 2), ("equipment_loss", "damaged", 2)]),
    ("Militants in Niger abducted two Moroccan engineers.", [("casualties", "captured", 2)]),
])
def test_each_figure_of_a_sentence_is_its_own_claim(text, expected):
    assert triples(text) == sorted(expected)


def test_barrel_bombs_that_killed_and_injured_give_one_claim_per_outcome_without_a_figure():
    assert triples("Barrel bombs dropped on Daraya killed and injured more innocent civilians.") == [
        ("casualties", "killed", None), ("casualties", "wounded", None)]


def test_one_figure_told_of_killed_and_wounded_is_one_claim():
    assert triples("More than 60 civilians were killed and injured in bombings in Tartus.") == [
        ("casualties", "killed_or_wounded", 60)]


def test_a_general_statement_with_no_figure_is_no_claim():
    assert triples("Attacks that kill civilians in Syria are war crimes.") == []


@pytest.mark.parametrize("text", [
    "Russia lost 1,270 soldiers in the past day, Ukraine's general staff said.",
    "Russia suffered 1,270 casualties in the past day, Ukraine's general staff said.",
])
def test_the_side_that_lost_is_affected_not_the_agent(text):
    (claim,) = fogofwar.extract(text)
    assert claim.kind is ClaimKind.CASUALTIES and claim.quantity.value == 1270
    assert claim.affected.country == "RUS" and claim.agent is None


@pytest.mark.parametrize("text, outcome, value, place", [
    ("The SDF has regained about 300 square miles around Raqqa.", "captured", 300, "Raqqa"),
    ("Ukrainian troops liberated dozens of villages around Kharkiv.", "captured", None, "Kharkiv"),
    ("We welcome the recent liberation of Fallujah in Iraq.", "captured", None, "Fallujah"),
    ("The city of Ramadi fell to ISIL fighters after seven days of fighting.", "captured", None, "Ramadi"),
    ("Russian forces seized full control of Kurakhove, the ministry said.", "captured", None, "Kurakhove"),
    ("They have now lost more than 30 percent of the territory they once held in Iraq.", "lost", 30, "Iraq"),
])
def test_territory_told_by_verbs_and_nouns(text, outcome, value, place):
    (claim,) = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.TERRITORY]
    assert claim.outcome == outcome
    assert (claim.quantity.value if claim.quantity else None) == value
    assert claim.location is not None and claim.location.text.endswith(place)


@pytest.mark.parametrize("text", [
    "Coalition forces continue to liberate territory from ISIL.",
    "Ultimately, the liberation of Raqqa will free Syrians from ISIL.",
    "ISIL has had control of Mosul for two years.",
])
def test_aims_states_and_generic_ground_are_no_territory_claim(text):
    assert [c for c in fogofwar.extract(text) if c.kind is ClaimKind.TERRITORY] == []
