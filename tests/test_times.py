"""The times stage: time phrases found in real sentences and resolved against the publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.language.resources import Resources
from fogofwar.language.segment import split_sentences
from fogofwar.language.time_phrases import calendar_spans
from fogofwar.language.times import find_times, run
from fogofwar.models import AnalyzedArticle, Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_59c41a48afdc6801.txt"
SEED_QUOTE = (
    '"As of 14 December at noon Greenwich Mean Time, the losses within units comprising North '
    'Korean personnel amount to about 200 soldiers," the statement reveals.'
)


def only(text: str, published: date | None):
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


def test_seed_phrase_resolves_with_clock_and_zone():
    t = only(SEED_QUOTE, date(2024, 12, 16))
    assert t.text == "As of 14 December at noon Greenwich Mean Time"
    assert (t.date, t.precision, t.time_of_day, t.timezone) == (
        "2024-12-14",
        "day",
        "12:00",
        "UTC",
    )
    assert SEED_QUOTE[t.start : t.end] == t.text


def test_day_month_without_year_is_not_invented_without_publication_date():
    t = only(SEED_QUOTE, None)
    assert (t.date, t.precision, t.time_of_day) == (None, "day", "12:00")


def test_day_month_prefers_the_past_across_new_year():
    t = only("A U.S. strike on Jan. 1 hit two al-Qaida vehicles", date(2017, 1, 4))
    assert (t.text, t.date) == ("on Jan. 1", "2017-01-01")
    t = only(
        "Days earlier, on 30 November, Israeli jets fired missiles", date(2017, 1, 4)
    )
    assert (t.text, t.date) == ("on 30 November", "2016-11-30")


def test_weekday_with_date_is_one_phrase():
    t = only("On Monday, Dec. 26, Abu Jandal al-Kuwaiti was killed", date(2017, 1, 3))
    assert (t.text, t.date, t.precision) == ("On Monday, Dec. 26", "2016-12-26", "day")


def test_weekday_picks_the_year_it_fits():
    # 26 December was a Monday in 2016, not in 2017: the weekday decides.
    t = only("On Monday, Dec. 26, Abu Jandal al-Kuwaiti was killed", date(2017, 12, 30))
    assert t.date == "2016-12-26"


def test_day_range_resolves_to_its_first_day():
    t = only(
        "ISIL seized the tanks near Palmyra, Syria, between 11-13 Dec.",
        date(2016, 12, 16),
    )
    assert (t.text, t.date) == ("between 11-13 Dec.", "2016-12-11")


def test_glued_month_and_ordinal_day():
    t = only("during his Dec.14th press conference", date(2016, 12, 16))
    assert (t.text, t.date) == ("Dec.14th", "2016-12-14")


@pytest.mark.parametrize(
    ("text", "phrase", "iso", "precision"),
    [
        ("since Syria's civil war began in 2011.", "in 2011", "2011", "year"),
        ("which fought a war with Israel in 2006", "in 2006", "2006", "year"),
        ("in December 2016", "in December 2016", "2016-12", "month"),
        (
            "He was captured in early November 2005",
            "in early November 2005",
            "2005-11",
            "month",
        ),
        (
            "It happened on October 26, 2008.",
            "on October 26, 2008",
            "2008-10-26",
            "day",
        ),
        ("a conference on 4 February 2015", "on 4 February 2015", "2015-02-04", "day"),
        ("between 1977-1979 in Mosul", "between 1977-1979", "1977", "year"),
    ],
)
def test_dates_with_a_year_need_no_publication_date(text, phrase, iso, precision):
    t = only(text, None)
    assert (t.text, t.date, t.precision) == (phrase, iso, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "iso", "precision"),
    [
        ("In December, Syrian state media said", "In December", "2016-12", "month"),
        ("expected in mid January", "in mid January", "2017-01", "month"),
        ("The attacks occurred on Thursday.", "on Thursday", "2016-12-29", "day"),
        (
            "Pentagon Press Secretary Peter Cook told reporters today.",
            "today",
            "2017-01-04",
            "day",
        ),
        ("the army said yesterday", "yesterday", "2017-01-03", "day"),
        (
            "airstrikes against al-Qaida operatives this week",
            "this week",
            "2017-W01",
            "week",
        ),
        ("fighting last week", "last week", "2016-W52", "week"),
        (
            "eight in the last 24 hours in support",
            "in the last 24 hours",
            "2017-01-04",
            "day",
        ),
        ("last Wednesday", "last Wednesday", "2016-12-28", "day"),
        ("the offensive began four years ago", "four years ago", "2013", "year"),
        ("the offensive began eight days ago", "eight days ago", "2016-12-27", "day"),
    ],
)
def test_relative_phrases_resolve_against_publication(text, phrase, iso, precision):
    t = only(text, date(2017, 1, 4))
    assert (t.text, t.date, t.precision) == (phrase, iso, precision)


@pytest.mark.parametrize(
    "text", ["The attacks occurred on Thursday.", "the army said yesterday"]
)
def test_relative_phrases_stay_unresolved_without_publication(text):
    t = only(text, None)
    assert t.date is None and t.precision == "day"


def test_clock_with_pm_and_zone():
    t = only("The strike hit at 3.30 pm GMT on Friday", date(2024, 12, 16))
    assert (t.time_of_day, t.timezone, t.date) == ("15:30", "UTC", "2024-12-13")


@pytest.mark.parametrize(
    "text",
    [
        'M1989 "Koksan" artillery systems',
        "He may 6 times refuse",  # "may" is a verb
        "troops march on the city",
        "3.45 million people",
        "deploying over 10,000 soldiers",
        "the 2,016 soldiers",
    ],
)
def test_not_times(text):
    assert find_times(text, date(2024, 12, 16)) == []


def test_calendar_spans_cover_dates_and_years_only():
    text = "In 2016, 14 December and in the last 24 hours"
    spans = [text[s:e] for s, e in calendar_spans(text)]
    assert spans == ["2016", "14 December"]


def test_offsets_are_shifted_into_the_article():
    t = find_times("on 30 November", None, offset=50)[0]
    assert (t.start, t.end) == (50, 64)


def test_run_fills_times_with_article_offsets():
    text = "Moscow's ally lost about 200 soldiers.\n" + SEED_QUOTE
    doc = AnalyzedArticle(
        article=Article(id="t", text=text, published=date(2024, 12, 16))
    )
    resources = Resources()
    doc.sentences = split_sentences(text, resources)
    run(doc, resources)
    assert [(t.text, t.date) for t in doc.times] == [
        ("As of 14 December at noon Greenwich Mean Time", "2024-12-14")
    ]
    assert text[doc.times[0].start : doc.times[0].end] == doc.times[0].text


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_seed_article_has_one_time_phrase():
    found = find_times(SEED.read_text(encoding="utf-8"), None)
    assert [t.text for t in found] == ["As of 14 December at noon Greenwich Mean Time"]
