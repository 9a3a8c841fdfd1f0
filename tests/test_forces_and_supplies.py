"""Deployment and supply claims: verbal and nominal forms, money, and the traps that give no claim.

The sentences are written for these tests (in the style of wire and ministry reporting).
"""

from __future__ import annotations

import pytest

import fogofwar
from fogofwar.models import Claim, ClaimKind


def of_kind(text: str, kind: ClaimKind) -> list[Claim]:
    return [c for c in fogofwar.extract(text, published="2025-03-01") if c.kind is kind]


def one(text: str, kind: ClaimKind) -> Claim:
    found = of_kind(text, kind)
    assert len(found) == 1, [c.to_dict() for c in found]
    return found[0]


# --- deployment ---------------------------------------------------------------------------

def test_forces_arriving_at_a_place_are_deployed():
    c = one("About 400 Polish soldiers arrived in Lithuania on Monday for a NATO exercise.", ClaimKind.DEPLOYMENT)
    assert (c.outcome, c.quantity.value, c.location.country) == ("deployed", 400, "LTU")
    assert c.agent.country == "POL"


def test_a_company_of_soldiers_is_counted_by_its_soldiers():
    c = one("A company of about 120 Danish soldiers arrived in Latvia on Tuesday.", ClaimKind.DEPLOYMENT)
    assert c.quantity.value == 120


def test_aircraft_arriving_here_are_deployed():
    c = one("U.S. Air Force F-15E Strike Eagles from the 48th Fighter Wing arrived here March 3, 2017.",
            ClaimKind.DEPLOYMENT)
    assert c.outcome == "deployed"


def test_soldiers_arriving_are_deployed_refugees_arriving_are_not():
    assert len(of_kind("About 300 Czech soldiers arrived in Slovakia on Monday.", ClaimKind.DEPLOYMENT)) == 1
    assert of_kind("Hundreds of refugees arrived in Lebanon on Monday.", ClaimKind.DEPLOYMENT) == []


def test_troops_stationed_at_in_a_reduced_clause():
    c = one("Italy has about 600 troops stationed at Herat.", ClaimKind.DEPLOYMENT)
    assert (c.quantity.value, c.location.country) == (600, "AFG")


def test_troops_remain_stationed_at():
    c = one("Turkish troops remain stationed at three outposts inside northern Iraq.", ClaimKind.DEPLOYMENT)
    assert c.outcome == "deployed" and c.location.country == "IRQ"


def test_reduced_clause_with_a_figure():
    c = one("Some 250 paratroopers, deployed from the 82nd Airborne Division, landed in Erbil.", ClaimKind.DEPLOYMENT)
    assert c.quantity.value == 250


def test_reduced_clause_without_a_figure_only_recalls_forces():
    assert len(of_kind("Some 90 marines, sent to Djibouti last week, guard the port.", ClaimKind.DEPLOYMENT)) == 1
    assert of_kind("Besides the marines sent to Djibouti, Washington funds the coast guard.", ClaimKind.DEPLOYMENT) == []


def test_units_deployed_to_a_place_intransitive():
    c = one("Egyptian army units deployed to Rafah within hours.", ClaimKind.DEPLOYMENT)
    assert c.location is not None and c.location.text == "Rafah"


def test_departed_for_a_deployment_to():
    c = one("Eight F-35 jets and about 200 airmen from the 388th Fighter Wing departed Hill Air Force Base "
            "on Monday for a deployment to Amari Air Base in Estonia.", ClaimKind.DEPLOYMENT)
    assert (c.quantity.value, c.location.country) == (200, "EST")


def test_a_ship_joining_a_task_force():
    c = one("The Dutch frigate HNLMS Tromp joined Combined Task Force 153 on March 2.", ClaimKind.DEPLOYMENT)
    assert c.outcome == "deployed"


def test_joining_a_force_is_a_deployment_joining_the_fight_is_not():
    assert len(of_kind("The Spanish frigate Victoria joined Task Force 150 on Friday.", ClaimKind.DEPLOYMENT)) == 1
    assert of_kind("Jordan joined the fight against the Islamic State in 2014.", ClaimKind.DEPLOYMENT) == []


def test_keeps_soldiers_in_a_country():
    c = one("Britain still keeps about 900 soldiers in Estonia.", ClaimKind.DEPLOYMENT)
    assert (c.quantity.value, c.location.country) == (900, "EST")


def test_pulled_forces_out_of_is_a_withdrawal():
    c = one("The Turkish military said it had pulled its forces out of Manbij overnight.", ClaimKind.DEPLOYMENT)
    assert c.outcome == "withdrawn"


def test_forces_moving_into_a_named_place():
    c = one("Russian troops moved into Kherson on Tuesday.", ClaimKind.DEPLOYMENT)
    assert c.location.country == "UKR"


def test_leaving_service_members_in_the_country():
    found = of_kind("The Pentagon withdrew about 400 troops from Iraq, leaving fewer than 2,500 U.S. service "
                    "members in the country.", ClaimKind.DEPLOYMENT)
    assert sorted((c.outcome, c.quantity.value) for c in found) == [("deployed", 2500), ("withdrawn", 400)]


@pytest.mark.parametrize("done,trap", [
    ("Britain has 800 troops stationed in Estonia.", "Britain plans to deploy 800 troops to Estonia."),
    ("The Ukrainian army pulled its troops out of Bakhmut.", "The army regrouped without withdrawing troops from Bakhmut."),
    ("About 5,000 German soldiers arrived in Lithuania.", "Germany could send 5,000 soldiers to Lithuania."),
])
def test_plans_and_negations_give_no_deployment(done, trap):
    assert len(of_kind(done, ClaimKind.DEPLOYMENT)) == 1
    assert of_kind(trap, ClaimKind.DEPLOYMENT) == []


# --- supply -------------------------------------------------------------------------------

def test_provided_items_to_a_recipient_one_claim_per_figure():
    found = of_kind("The Netherlands has provided 24,000 masks and 300 tents to the Peshmerga.", ClaimKind.SUPPLY)
    assert sorted(c.quantity.value for c in found) == [300, 24000]
    assert {c.recipient.text for c in found} == {"the Peshmerga"}


def test_received_from_makes_the_giver_the_supplier():
    c = one("Ukraine has received 31 Abrams tanks from the United States.", ClaimKind.SUPPLY)
    assert c.agent.country == "USA" and c.recipient.country == "UKR" and c.quantity.value == 31


def test_handed_over_rounds():
    c = one("Poland has handed over 30,000 rounds of artillery ammunition to Kyiv.", ClaimKind.SUPPLY)
    assert c.quantity.value == 30000


def test_tonnes_of_food_delivered():
    c = one("UNICEF said it had delivered more than 2,000 tonnes of food to Darfur.", ClaimKind.SUPPLY)
    assert c.quantity.value == 2000


def test_shipped_components_to():
    c = one("Chinese firms shipped components for drones to a factory in Russia.", ClaimKind.SUPPLY)
    assert c.item is not None


def test_airdrops_of_aid_are_counted():
    c = one("The Jordanian Air Force conducted five airdrops of humanitarian aid.", ClaimKind.SUPPLY)
    assert c.quantity.value == 5


def test_shipment_listed_with_items_is_one_claim():
    found = of_kind("Turkey has delivered four drones and a shipment of armoured vehicles to Somalia.", ClaimKind.SUPPLY)
    assert sorted((c.quantity.value if c.quantity else None) is None for c in found) == [False, True]


@pytest.mark.parametrize("text,value", [
    ("Norway announced an additional $25 million contribution to the World Food Programme.", 25_000_000),
    ("Canada contributed more than $12 million to the World Food Programme.", 12_000_000),
    ("The EU grant of €800,000 to the Iraqi Red Crescent funds mobile clinics.", 800_000),
    ("Since 2015, the Japanese Government has responded with over $90 million for humanitarian assistance.", 90_000_000),
    ("Sweden has been a major donor with over 2 billion euros committed since the start of the war.", 2_000_000_000),
    ("Denmark delivered 12 howitzers to Ukraine as part of a package worth 300 million euros.", 300_000_000),
])
def test_money_given_has_its_value_in_units(text, value):
    assert value in [c.quantity.value for c in of_kind(text, ClaimKind.SUPPLY) if c.quantity]


def test_smuggling_weapons_across_a_border():
    c = one("Abu Omar assisted in smuggling weapons and money across the Syria-Iraq border.",
            ClaimKind.SUPPLY)
    assert c.quantity is None


@pytest.mark.parametrize("done,trap", [
    ("France has handed over 20 Caesar howitzers to Ukraine.", "France could supply 20 Caesar howitzers to Ukraine."),
    ("Spain contributed $20 million to UNICEF.", "Spain will contribute $20 million to UNICEF."),
    ("The Mosul families have received 40 tonnes of aid since June.",
     "Many families in the besieged town have received no aid since June."),
    ("Iraqi forces received 200 mortar rounds from Iran.",
     "Iraqi forces continued to receive heavy machine gun and mortar fire from ISIL fighters."),
    ("Qatar shipped 30 armoured vehicles to the Syrian army.", "U.S. aircraft conducted six airstrikes, delivering 48 munitions."),
    ("Qatar shipped 30 armoured vehicles to the Syrian army.",
     "Coalition aircraft delivered dozens of weapons against ISIL fighting positions."),
])
def test_plans_refusals_and_munitions_give_no_supply(done, trap):
    assert len(of_kind(done, ClaimKind.SUPPLY)) == 1
    assert of_kind(trap, ClaimKind.SUPPLY) == []


@pytest.mark.parametrize("text, value", [
    ("Washington announced nearly $2.5 billion in additional military aid for Ukraine on Monday.", 2_500_000_000),
    ("Ukraine has received more than $64 billion in U.S. military assistance since 2022.", 64_000_000_000),
    ("The EU approved 50 million euros in humanitarian aid for Gaza.", 50_000_000),
])
def test_a_sum_given_in_aid_is_a_supply_of_that_sum(text, value):
    supplies = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.SUPPLY]
    assert [c.quantity.value for c in supplies if c.quantity] == [value]


def test_a_sum_only_needed_is_no_supply():
    assert not fogofwar.extract("The country needs $3 billion in aid.")


def test_the_parts_of_a_package_do_not_replace_its_total():
    text = ("The administration announced $2.5 billion in military aid for Ukraine. "
            "The package includes $1.25 billion in weapons drawn from Pentagon stocks.")
    values = sorted(c.quantity.value for c in fogofwar.extract(text) if c.quantity)
    assert values == [1_250_000_000, 2_500_000_000]


@pytest.mark.parametrize("text, value, country", [
    ("Some 11,000 North Korean troops are in Russia, according to Seoul.", 11_000, "RUS"),
    ("There are about 900 U.S. troops in Syria.", 900, "SYR"),
])
def test_forces_told_to_be_in_a_place_are_deployed_there(text, value, country):
    claims = fogofwar.extract(text)
    assert [(c.kind, c.quantity.value, c.location.country) for c in claims] == [(ClaimKind.DEPLOYMENT, value, country)]


def test_troops_committed_are_deployed_and_a_commitment_to_act_is_no_claim():
    assert [(c.kind, c.quantity.value) for c in fogofwar.extract(
        "The Pentagon committed around 2,500 additional troops to the region.")] == [(ClaimKind.DEPLOYMENT, 2500)]
    assert not fogofwar.extract("The army is committed to retaking the city.")
    assert not fogofwar.extract("The troops are exhausted after weeks in the trenches.")


@pytest.mark.parametrize("text, value", [
    ("A total of 915 aid trucks entered the Gaza Strip on the first day of the ceasefire.", 915),
    ("A convoy of 17 trucks carrying medical supplies reached Zamzam camp, near El Fasher, on Tuesday.", 17),
])
def test_aid_told_by_the_trucks_that_carry_it_in(text, value):
    supplies = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.SUPPLY]
    assert [c.quantity.value for c in supplies] == [value]


def test_vehicles_of_forces_entering_a_town_are_no_aid():
    assert not [c for c in fogofwar.extract("Three armoured vehicles entered the town of Robotyne on Monday.")
                if c.kind is ClaimKind.SUPPLY]
