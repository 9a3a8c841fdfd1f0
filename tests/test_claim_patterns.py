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
     [("attack", None, None), ("casualties", "killed", 10)]),
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
        ("attack", None, None), ("casualties", "killed_or_wounded", 60)]


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


def claims_of(text: str, *kinds: str) -> list[tuple[str, str | None, float | str | None]]:
    """(kind, outcome, value or vague words) of the claims of the given kinds."""
    return sorted(
        (c.kind.value, c.outcome,
         (c.quantity.value if c.quantity.value is not None else c.quantity.vague) if c.quantity else None)
        for c in fogofwar.extract(text, published="2025-03-14") if c.kind.value in kinds
    )


@pytest.mark.parametrize("text, expected", [
    ("Local officials put the death toll at 57 on Friday.", [("casualties", "killed", 57)]),
    ("The death toll from the shelling of Kherson rose to 23, officials said.", [("casualties", "killed", 23)]),
    ("An aid worker put the number of dead at between 200 and 300.", [("casualties", "killed", 200)]),
    ("The rebels said the figures were inflated and put their own losses at 40.",
     [("casualties", "killed_or_wounded", 40)]),
    ("The Kharkiv region accounted for 59 of the deaths and the Donetsk region for 45, it said.",
     [("casualties", "killed", 45), ("casualties", "killed", 59)]),
])
def test_a_toll_is_told_by_the_figure_it_is_put_at(text, expected):
    assert claims_of(text, "casualties") == expected


@pytest.mark.parametrize("text, expected", [
    ("Dozens of villagers are feared dead after the raid on Tamboul.", [("casualties", "killed", "dozens")]),
    ("Two more people were believed to have been killed in Kharkiv.", [("casualties", "killed", 2)]),
    ("Around 30 attackers also died in the fighting near Boulkessi.", [("casualties", "killed", 30)]),
    ("At least 100 of them have been killed since they entered combat in Kursk.",
     [("casualties", "killed", 100)]),
    ("Dozens of wounded were taken to hospital in Kaya.", [("casualties", "wounded", "dozens")]),
    ("Among the wounded were six children, the governor of Kharkiv said.", [("casualties", "wounded", 6)]),
])
def test_fates_told_without_a_killing_verb(text, expected):
    assert claims_of(text, "casualties") == expected


@pytest.mark.parametrize("text, expected", [
    ("Fighting near El Fasher left 311 people dead: 183 fighters, 100 soldiers and 28 civilians.",
     [("casualties", "killed", 28), ("casualties", "killed", 100), ("casualties", "killed", 183),
      ("casualties", "killed", 311)]),
    ("Israeli strikes on Gaza killed more than 400 Palestinians, among them at least 130 children.",
     [("casualties", "killed", 130), ("casualties", "killed", 400)]),
    ("The death toll in Chernihiv rose to 23, including four children.",
     [("casualties", "killed", 4), ("casualties", "killed", 23)]),
    ("Iraqi forces killed an Islamic State commander and two of his aides near Kirkuk.",
     [("casualties", "killed", 1), ("casualties", "killed", 2)]),
])
def test_a_toll_and_each_group_within_it_are_claims(text, expected):
    assert claims_of(text, "casualties") == expected


def test_a_counter_figure_of_another_side_is_its_own_claim():
    claims = [c for c in fogofwar.extract("Russia says 1,400 soldiers were killed in Kursk; Ukraine says 1,100.")
              if c.kind is ClaimKind.CASUALTIES]
    assert sorted((c.quantity.value, c.claimant) for c in claims) == [(1100, "Ukraine"), (1400, "Russia")]


def test_one_figure_told_of_several_fates_is_one_claim():
    assert claims_of("The militants killed, captured or wounded 200 soldiers near Mopti.", "casualties") == [
        ("casualties", "killed_or_wounded", 200)]


def test_figures_of_their_own_after_killed_and_wounded_are_two_claims():
    assert claims_of("The ministry said 46 people were killed and 85 wounded in Lebanon.", "casualties") == [
        ("casualties", "killed", 46), ("casualties", "wounded", 85)]


def test_potentially_hundreds_is_no_figure():
    assert claims_of("Strikes in Sudan killed potentially hundreds of villagers.", "casualties") == []


@pytest.mark.parametrize("text, expected", [
    ("Twelve sailors were rescued and six are still missing, the navy said.", [("casualties", "missing", 6)]),
    ("The army said it had lost contact with 11 soldiers near Tera.", [("casualties", "missing", 11)]),
    ("Dozens of soldiers were killed in Lashio and hundreds more surrendered.",
     [("casualties", "captured", "hundreds"), ("casualties", "killed", "dozens")]),
    ("Two wounded North Korean soldiers were taken prisoner near Makhnovka.",
     [("casualties", "captured", 2), ("casualties", "wounded", 2)]),
])
def test_missing_surrendered_and_taken_prisoner(text, expected):
    assert claims_of(text, "casualties") == expected


@pytest.mark.parametrize("text, expected", [
    ("Fighting in Rakhine has displaced nearly 40,000 people, OCHA said.", 40000),
    ("More than 650,000 Syrians are registered as refugees in Jordan.", 650000),
    ("Some 600,000 people have sought refuge in Adre since April.", 600000),
    ("The bombardment has forced about 1.2 million people from their homes in Lebanon.", 1200000),
    ("Hundreds of thousands have crossed into Syria, the United Nations said.", "hundreds of thousands"),
    ("Up to 8,000 of them have crossed the Naf river into Bangladesh, it said.", 8000),
    ("NOUAKCHOTT, July 30 (Wire) - Nearly 6,000 people have crossed from Mali into Mauritania.", 6000),
])
def test_displacement_told_by_its_many_verbs(text, expected):
    assert claims_of(text, "displacement") == [("displacement", None, expected)]


@pytest.mark.parametrize("told, not_told", [
    ("Hundreds of thousands have crossed into Syria.", "Turkish troops crossed into Syria on Monday."),
    ("Some 600,000 people have sought refuge in Adre.", "They will seek refuge in Chad if the fighting continues."),
    ("The bombardment has forced about 1.2 million people from their homes.",
     "Russian forces forced 300 Ukrainian soldiers from their positions near Kupiansk."),
])
def test_people_crossing_and_taking_refuge_are_displaced_troops_and_plans_are_not(told, not_told):
    assert len(claims_of(told, "displacement")) == 1
    assert claims_of(not_told, "displacement") == []


@pytest.mark.parametrize("text, expected", [
    ("Russian forces lost 1,270 soldiers over the past day, along with 3 tanks and 12 artillery systems.",
     [("casualties", "killed_or_wounded", 1270), ("equipment_loss", "destroyed", 3),
      ("equipment_loss", "destroyed", 12)]),
    ("Ukraine's losses in Kursk included 2,030 servicemen, 35 tanks and 31 armoured personnel carriers.",
     [("casualties", "killed_or_wounded", 2030), ("equipment_loss", "destroyed", 31),
      ("equipment_loss", "destroyed", 35)]),
    ("Rebels near Kidal seized several armoured vehicles on Monday.", [("equipment_loss", "captured", "several")]),
])
def test_equipment_told_along_with_a_loss(text, expected):
    assert claims_of(text, "casualties", "equipment_loss") == expected


@pytest.mark.parametrize("text", [
    "The siege of Mariupol by Russian forces lasted almost three months.",
    "Yesterday's bombings in Istanbul, Turkey were condemned by NATO.",
    "Syrian regime helicopters dropped barrel bombs on Daraya.",
])
def test_attacks_told_by_nouns_with_a_place_of_their_own_and_dropped_bombs(text):
    assert [c.kind for c in fogofwar.extract(text)].count(ClaimKind.ATTACK) == 1


@pytest.mark.parametrize("text", [
    "The report details attacks against civilians across the country.",
    "Books were rescued from bombed buildings in Daraya.",
])
def test_generic_attacks_and_bombed_as_an_adjective_are_no_attack(text):
    assert ClaimKind.ATTACK not in [c.kind for c in fogofwar.extract(text)]


def test_an_attack_that_kills_is_an_attack_and_its_dead_but_a_cause_of_death_is_not():
    assert triples("A Russian missile strike on the centre of Kharkiv killed 7 people.") == [
        ("attack", None, None), ("casualties", "killed", 7)]
    assert triples("About 200 soldiers were killed due to drone attacks near Kursk.") == [
        ("casualties", "killed", 200)]


@pytest.mark.parametrize("text, outcome, value", [
    ("The rebels said they seized the regional military command headquarters in Lashio.", "captured", None),
    ("Junta troops had retreated from some outlying positions near Lashio.", "lost", None),
    ("Rebel fighters liberated dozens of villages in Idlib province.", "captured", "dozens"),
])
def test_ground_named_by_its_kind_and_counted_ground(text, outcome, value):
    (claim,) = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.TERRITORY]
    assert claim.outcome == outcome
    assert (claim.quantity and (claim.quantity.value or claim.quantity.vague)) == value


def test_captured_with_no_object_the_parse_can_see_is_no_territory_claim():
    text = ("Russia's defence ministry said the Russian servicemen returned had been captured in the "
            "Kursk region, where Ukraine launched a cross-border incursion in August.")
    assert ClaimKind.TERRITORY not in [c.kind for c in fogofwar.extract(text)]


@pytest.mark.parametrize("text, expected", [
    ("On Saturday, militants shot dead three women and three children near Kirkuk.",
     [("casualties", "killed", 3), ("casualties", "killed", 3)]),
    ("Gunmen shot dead a police officer in Kirkuk on Monday.", [("casualties", "killed", 1)]),
])
def test_shot_dead_counts_every_object_and_equal_figures_stay_apart(text, expected):
    assert triples(text) == expected


def test_a_scene_carried_from_before_gives_way_to_the_place_a_repeat_states():
    text = ("Abu Ghadiya was born in Mosul. He was killed in a raid by U.S. forces on October 26, 2008.\n"
            "Ghadiya was killed in a 2008 raid by US Special Operations inside Syrian territory.")
    deaths = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.CASUALTIES]
    assert len(deaths) == 1
    assert deaths[0].location is not None and deaths[0].location.country == "SYR"
    assert len(deaths[0].evidence) == 2


@pytest.mark.parametrize("text, kind, outcome", [
    ("The army said it had withdrawn from the central city of Hama to protect civilians.", "territory", "lost"),
    ("Ukrainian forces have pulled out of the town of Vuhledar, the army said.", "territory", "lost"),
    ("France has withdrawn its last 300 troops from Chad.", "deployment", "withdrawn"),
    ("The RSF said it had taken control of the Zamzam camp on Sunday.", "territory", "captured"),
])
def test_forces_leaving_a_place_lose_it_and_withdrawing_troops_is_a_deployment(text, kind, outcome):
    assert [(c.kind.value, c.outcome) for c in fogofwar.extract(text)] == [(kind, outcome)]


@pytest.mark.parametrize("text", [
    "Barriers were built, preventing the insurgents from regaining control of the city.",
    "The talks aim to advance a political settlement.",
])
def test_ground_not_taken_is_no_territory_claim(text):
    assert not [c for c in fogofwar.extract(text) if c.kind is ClaimKind.TERRITORY]


def test_it_in_what_a_ministry_says_is_the_ministrys_side():
    claims = fogofwar.extract("Russia's defence ministry said it had destroyed 30 Ukrainian drones over the Bryansk region.")
    assert claims and claims[0].agent is not None and claims[0].agent.country == "RUS"


def test_a_bare_figure_counts_the_people_told_before_it():
    claims = fogofwar.extract("He said dozens of Russian soldiers were killed on Monday and that 11 were captured.")
    captured = [c for c in claims if c.outcome == "captured"]
    assert [(c.kind, c.quantity.value) for c in captured] == [(ClaimKind.CASUALTIES, 11)]
    assert captured[0].affected is not None and captured[0].affected.country == "RUS"


def test_the_day_a_source_spoke_is_not_the_day_of_what_it_tells():
    said = fogofwar.extract("Russia's defence ministry said on Tuesday that its forces had destroyed 30 drones.",
                            published="2025-01-15")
    assert said and said[0].time is None
    told = fogofwar.extract("Twelve people were killed in a strike on Kharkiv on Monday, the governor said on Tuesday.",
                            published="2025-01-15")
    assert {c.time.date for c in told} == {"2025-01-13"}


@pytest.mark.parametrize("text, expected", [
    ("North Korean troops have suffered losses, with at least 30 soldiers killed or wounded in assaults.",
     [("casualties", "killed_or_wounded", 30)]),
    ("Three North Koreans went missing near the village of Plekhovo.", [("casualties", "missing", 3)]),
    ("Russian forces seized Zhovte and Novopustynka, the ministry said.", [("territory", "captured", None)]),
])
def test_joint_tolls_demonyms_and_unknown_villages(text, expected):
    assert triples(text) == expected


def test_an_attack_named_again_by_a_definite_noun_is_the_same_attack():
    text = ("A Russian missile hit a residential building in Kyiv on Monday, killing four people. "
            "The strike on the Sviatoshynskyi district also damaged a school.")
    attacks = [c for c in fogofwar.extract(text, published="2025-01-15") if c.kind is ClaimKind.ATTACK]
    assert len(attacks) == 1 and len(attacks[0].evidence) == 2


def test_another_sources_version_of_an_attack_stays_its_own_claim():
    text = ("The ministry said Russian warplanes had struck rebel positions in Idlib province. "
            "Opposition sources said the air strikes hit a market in Idlib city.")
    attacks = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.ATTACK]
    assert len(attacks) == 2


@pytest.mark.parametrize("text, expected", [
    ("The fighting had killed 412 people, among them 214 rebels, 137 soldiers and 61 civilians.",
     [("attack", None, None), ("casualties", "killed", 61), ("casualties", "killed", 137),
      ("casualties", "killed", 214), ("casualties", "killed", 412)]),
    ("Ukraine had lost up to 2,030 servicemen over the past day.", [("casualties", "killed_or_wounded", 2030)]),
    ("The army said it had neutralised about 20 terrorists in the area.", [("casualties", "killed", 20)]),
    ("The navy sank two Russian landing ships.", [("equipment_loss", "destroyed", 2)]),
])
def test_groups_among_them_hedges_outside_the_phrase_and_military_verbs(text, expected):
    assert triples(text) == sorted(expected)


@pytest.mark.parametrize("text, place", [
    ("Ukrainian troops pushed Russian forces out of Kotlyne on Tuesday.", "Kotlyne"),
    ("Iraqi forces drove Islamic State militants from the town of Hit in April.", "the town of Hit"),
    ("Rebels held the town of Saraqib for a week before the army retook it.", "the town of Saraqib"),
])
def test_ground_taken_by_driving_out_or_named_by_it(text, place):
    claims = [c for c in fogofwar.extract(text) if c.kind is ClaimKind.TERRITORY]
    assert [(c.outcome, c.location.text) for c in claims] == [("captured", place)]


def test_pushing_without_a_place_left_is_no_territory():
    assert not fogofwar.extract("The protesters pushed the police back.")


@pytest.mark.parametrize("text, expected", [
    ("Russian and Syrian jets carried out dozens of air strikes on Idlib city.", ("attack", None, "dozens")),
    ("Its special unit had sunk the Russian missile boat Ivanovets in the Black Sea overnight.",
     ("equipment_loss", "destroyed", 1)),
])
def test_strikes_counted_by_a_vague_amount_and_one_named_vessel(text, expected):
    claims = fogofwar.extract(text)
    assert [(c.kind.value, c.outcome, c.quantity.value or c.quantity.vague) for c in claims] == [expected]


def test_equipment_added_with_as_well_as_after_a_toll():
    assert triples("Russia lost 1,270 soldiers over the past day, as well as 3 tanks and 12 artillery systems.") == [
        ("casualties", "killed_or_wounded", 1270), ("equipment_loss", "destroyed", 3),
        ("equipment_loss", "destroyed", 12)]
