"""The quantities stage: figures, hedges, ranges, vague amounts and units from real sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.language.quantities import parse_quantities, run
from fogofwar.language.resources import Resources
from fogofwar.language.segment import split_sentences
from fogofwar.models import AnalyzedArticle, Article, Hedge

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_59c41a48afdc6801.txt"


def only(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_about_is_approximately_without_bounds():
    q = only("with Moscow's ally having lost about 200 soldiers.")
    assert (q.text, q.value, q.low, q.high, q.hedge) == (
        "about 200",
        200,
        None,
        None,
        Hedge.APPROXIMATELY,
    )


def test_approximately_hedge_and_its_span():
    text = "reports indicate that approximately 200 North Korean soldiers were killed"
    q = only(text)
    assert q.hedge is Hedge.APPROXIMATELY
    assert text[q.start : q.end] == "approximately 200"


def test_number_word_after_of_is_a_count():
    q = only(
        '"friendly fire" against Russian troops, resulting in the death of eight soldiers.'
    )
    assert (q.value, q.hedge, q.unit) == (8, None, None)


def test_over_with_thousands_separator_is_more_than_with_low():
    q = only("deploying over 10,000 soldiers.")
    assert (q.value, q.low, q.high, q.hedge) == (10000, 10000, None, Hedge.MORE_THAN)


def test_more_than_sets_low_like_the_gold():
    q = parse_quantities("killed more than 20 militants and destroyed eight vehicles")[
        0
    ]
    assert (q.text, q.value, q.low, q.hedge) == (
        "more than 20",
        20,
        20,
        Hedge.MORE_THAN,
    )


def test_at_least_sets_low():
    q = only("an attack on a mosque that killed at least 13 women and children")
    assert (q.value, q.low, q.hedge) == (13, 13, Hedge.AT_LEAST)


def test_up_to_sets_high_and_keeps_the_unit():
    q = only("capable of striking targets up to 60 kilometres away.")
    assert (q.value, q.high, q.hedge, q.unit) == (60, 60, Hedge.AT_MOST, "km")
    assert q.text == "up to 60 kilometres"


@pytest.mark.parametrize(
    ("text", "hedge", "low", "high"),
    [
        ("fewer than 100 civilians", Hedge.LESS_THAN, None, 100),
        ("under 100 civilians", Hedge.LESS_THAN, None, 100),
        ("almost 100 civilians", Hedge.NEARLY, None, None),
        ("close to 100 civilians", Hedge.NEARLY, None, None),
        ("some 100 civilians", Hedge.APPROXIMATELY, None, None),
        ("an estimated 100 civilians", Hedge.APPROXIMATELY, None, None),
        ("100 or more civilians", Hedge.AT_LEAST, 100, None),
    ],
)
def test_hedge_words_from_the_data_file(text, hedge, low, high):
    q = only(text)
    assert (q.value, q.hedge, q.low, q.high) == (100, hedge, low, high)


def test_between_and_is_a_range_with_value_the_lower():
    q = only("between 11,000 and 12,000 people fled")
    assert (q.value, q.low, q.high, q.hedge) == (11000, 11000, 12000, Hedge.RANGE)
    assert q.text == "between 11,000 and 12,000"


@pytest.mark.parametrize("text", ["3,000 to 5,000 fighters", "3,000-5,000 fighters"])
def test_to_and_dash_are_ranges(text):
    q = only(text)
    assert (q.value, q.low, q.high, q.hedge) == (3000, 3000, 5000, Hedge.RANGE)


def test_descending_pair_is_not_a_range():
    assert [q.value for q in parse_quantities("the vote was 5-1 in favour")] == [5, 1]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty-five soldiers", 25),
        ("two hundred soldiers", 200),
        ("two hundred and fifty tanks", 250),
        ("a dozen drones", 12),
        ("a hundred men", 100),
        ("Over half a million refugees", 500_000),
        ("an estimated 4.7 million people", 4_700_000),
        ("1.5 million", 1_500_000),
        ("a decimal 7.25 figure", 7.25),
    ],
)
def test_number_words_and_scales(text, value):
    assert only(text).value == value


def test_a_run_of_number_words_that_reads_as_two_numbers_is_split():
    assert [q.value for q in parse_quantities("five six")] == [5, 6]


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("has sent thousands of fighters to Syria", "thousands"),
        ("dozens of people were wounded", "dozens"),
        ("hundreds of thousands fled", "hundreds of thousands"),
        ("tens of thousands of people", "tens of thousands"),
        ("Several hundred soldiers", "several hundred"),
        ("a few thousand fighters", "a few thousand"),
        ("scores of civilians", "scores"),
    ],
)
def test_vague_amounts_have_no_value(text, vague):
    q = only(text)
    assert (q.value, q.vague) == (None, vague)


def test_scores_without_of_is_not_an_amount():
    assert parse_quantities("the scores were level") == []


def test_hedged_vague_amount_keeps_the_hedge():
    q = only("at least dozens of people")
    assert (q.vague, q.hedge, q.low) == ("dozens", Hedge.AT_LEAST, None)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("featuring a 170mm calibre cannon", "mm"),
        ("advanced to within 7.5 kilometers of Tabqa Dam", "km"),
        ("15 to 20 percent of the city", "%"),
        ("30% of the city", "%"),
        ("a 14-year-old boy", "year"),
        (
            "eight in the last 24 hours",
            None,
        ),  # "eight" is the count; "24 hours" has a unit
        ("$1.5bn in aid", "USD"),
        ("50m away", "m"),
    ],
)
def test_measurements_carry_a_unit(text, unit):
    assert parse_quantities(text)[0].unit == unit


def test_twenty_four_hours_is_a_duration():
    qs = parse_quantities(
        "eight in the last 24 hours in support of the Mosul operations"
    )
    assert [(q.text, q.unit) for q in qs] == [("eight", None), ("24 hours", "h")]


def test_dollar_millions():
    q = only("the Bank has already announced a $100m interest-free loan.")
    assert (q.value, q.unit) == (100_000_000, "USD")


@pytest.mark.parametrize(
    "text",
    [
        "Syria's civil war began in 2011.",
        "As of 14 December at noon Greenwich Mean Time",
        "On Monday, Dec. 26, Abu Jandal",
        "at 10:30 a.m. local time",
        'M1989 "Koksan" artillery systems',
        "Su-25 and F-16 jets",
        "UN Resolution 2254",
        "He was captured by Jordanian 71st Counter Terrorism Battalion",
        "It is one of the most powerful machines",
        "no one was hurt",
        "a month-long war with Israel",
        "an air defense artillery system",
        "The Public Affairs Office at 910-432-3383.",
        "USS Hopper (DDG 70) and HMS Ocean (L 12)",
        "sentenced in October 2005.[4][5] He was",
        "Coordinates: 35°01′57″N",
        "a one-sided battle",
    ],
)
def test_not_figures(text):
    assert parse_quantities(text) == []


def test_offsets_are_shifted_into_the_article():
    text = "deploying over 10,000 soldiers."
    q = parse_quantities(text, offset=100)[0]
    assert (q.start, q.end) == (110, 121)


def test_run_fills_quantities_with_article_offsets():
    text = (
        "On Thursday, Dec. 15, Coalition aircraft destroyed 14 ISIL tanks.\n"
        "During the operation, 16 Coalition aircraft fired 22 munitions destroying 22 targets."
    )
    doc = AnalyzedArticle(
        article=Article(id="t", text=text, published=date(2016, 12, 16))
    )
    resources = Resources()
    doc.sentences = split_sentences(text, resources)
    run(doc, resources)
    assert [q.value for q in doc.quantities] == [14, 16, 22, 22]
    assert all(text[q.start : q.end] == q.text for q in doc.quantities)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_seed_article_figures():
    text = SEED.read_text(encoding="utf-8")
    found = [(q.text, q.hedge, q.unit) for q in parse_quantities(text)]
    assert ("over 10,000", Hedge.MORE_THAN, None) in found
    assert ("eight", None, None) in found
    assert ("170mm", None, "mm") in found
    assert not any("1989" in t for t, _, _ in found)
