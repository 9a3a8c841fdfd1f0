"""The claims stage: one behaviour per test, on real sentences of conflict reporting."""

from __future__ import annotations


import fogofwar
from fogofwar.models import Claim, ClaimKind, Hedge


def claims_of(text: str, published: str | None = "2024-12-16") -> list[Claim]:
    return fogofwar.extract(text, published=published)


def only(claims: list[Claim], kind: ClaimKind) -> Claim:
    found = [c for c in claims if c.kind is kind]
    assert len(found) == 1, [c.to_dict() for c in claims]
    return found[0]


def test_passive_killing_gives_casualties_with_hedge_side_and_agent():
    c = only(claims_of(
        "Ukrainian intelligence reports indicate that approximately 200 North Korean soldiers were "
        "killed due to kamikaze drone (FPV) attacks carried out by the Ukrainian Armed Forces."),
        ClaimKind.CASUALTIES)
    assert (c.outcome, c.quantity.value, c.quantity.hedge) == ("killed", 200, Hedge.APPROXIMATELY)
    assert c.affected.text == "North Korean soldiers" and c.affected.country == "PRK"
    assert c.agent.country == "UKR"
    assert c.claimant == "Ukrainian intelligence"


def test_evidence_points_at_the_words_in_the_article():
    text = "Officials said 12 civilians were killed in Kharkiv on Tuesday."
    c = only(claims_of(text), ClaimKind.CASUALTIES)
    ev = c.evidence[0]
    assert text[ev.start:ev.end] == ev.text
    assert "12 civilians were killed" in ev.text
    assert c.affected.civilian is True


def test_place_is_resolved_to_the_gazetteer():
    c = only(claims_of("Three soldiers were wounded in the Kursk region, the governor said."),
             ClaimKind.CASUALTIES)
    assert c.location.name == "Kursk Oblast" and c.location.country == "RUS"
    assert c.location.latitude is not None
    assert c.claimant == "the governor"


def test_time_is_resolved_against_the_publication_date():
    c = only(claims_of("On 14 December, 30 soldiers were killed near Pokrovsk."), ClaimKind.CASUALTIES)
    assert c.time.date == "2024-12-14"


def test_without_publication_date_no_year_is_guessed():
    c = only(claims_of("On 14 December, 30 soldiers were killed near Pokrovsk.", published=None),
             ClaimKind.CASUALTIES)
    assert c.time.text and c.time.date is None


def test_coordinated_losses_give_one_claim_each():
    claims = claims_of("Three artillery systems, two tactical vehicles, and an air defense artillery "
                       "system were also destroyed.")
    figures = sorted(c.quantity.value for c in claims if c.kind is ClaimKind.EQUIPMENT_LOSS)
    assert figures == [1, 2, 3]


def test_vague_amount_keeps_its_words():
    c = only(claims_of("Hezbollah has sent thousands of fighters to Syria."), ClaimKind.DEPLOYMENT)
    assert c.quantity.value is None and c.quantity.vague == "thousands"
    assert c.location.country == "SYR"
    assert c.agent.country is None  # a non-state group has no country


def test_supply_names_supplier_recipient_and_item():
    c = only(claims_of("North Korea is Russia's largest supplier of ammunition."), ClaimKind.SUPPLY)
    assert (c.agent.country, c.recipient.country, c.item.text) == ("PRK", "RUS", "ammunition")


def test_attack_with_agent_and_target():
    c = only(claims_of("Syria has accused Israel of bombarding an area west of Damascus."), ClaimKind.ATTACK)
    assert c.agent.country == "ISR"
    assert c.claimant == "Syria"


def test_capability_is_not_an_attack():
    assert not [c for c in claims_of("It is capable of striking targets up to 60 kilometres away.")
                if c.kind is ClaimKind.ATTACK]


def test_territory_captured():
    c = only(claims_of("Russian forces captured Avdiivka after months of fighting, the ministry said."),
             ClaimKind.TERRITORY)
    assert c.outcome == "captured" and c.location.country == "UKR"


def test_displacement_counts_people():
    c = only(claims_of("More than 5,000 residents fled Kupiansk last week, local officials said."),
             ClaimKind.DISPLACEMENT)
    assert (c.quantity.value, c.quantity.hedge) == (5000, Hedge.MORE_THAN)


def test_repeated_figure_is_one_claim_with_all_evidence():
    text = ("North Korea has lost about 200 soldiers.\n"
            "About 200 North Korean soldiers were killed by drones.\n"
            "The losses amount to about 200 soldiers.")
    casualties = [c for c in claims_of(text) if c.kind is ClaimKind.CASUALTIES]
    assert len(casualties) == 1
    assert casualties[0].outcome == "killed"
    assert len(casualties[0].evidence) >= 2


def test_sentence_without_trigger_gives_no_claim():
    assert claims_of("The weather in Kyiv was cold and grey on Monday.") == []


def test_equal_figures_at_two_places_are_two_claims_not_a_repeat():
    claims = claims_of(
        "Near Mosul, five strikes engaged two ISIL tactical units.\n"
        "Near Raqqa, five strikes engaged an ISIL tactical unit.")
    attacks = [c for c in claims if c.kind is ClaimKind.ATTACK]
    assert sorted(c.location.text for c in attacks) == ["Mosul", "Raqqa"], [c.to_dict() for c in claims]
