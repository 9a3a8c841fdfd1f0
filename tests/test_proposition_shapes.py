"""Issue #11: figures as intervals, time shapes and spans, claimant aliases, titles and CSV dates,
through ``fogofwar.extract`` and a real SQLite ledger where the behaviour crosses layers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

import fogofwar
from fogofwar.export.rows import claim_row
from fogofwar.export.table import claim_line
from fogofwar.ledger import canonical_claimant, claimant_key, compute, figure_interval
from fogofwar.ledger.intervals import INF
from fogofwar.models import AnalyzedArticle, Article
from fogofwar.store import open_store
from fogofwar.timespan import acled_time_precision, claim_span, span_label

GUR = ("At least 300 North Korean soldiers have been killed or wounded since they entered combat in the "
       "Kursk region, Ukraine's military intelligence (GUR) said on Wednesday.")
NIS = ("South Korea's National Intelligence Service said about 1,000 North Korean soldiers have been "
       "killed or wounded since they entered combat.")
SOF = ("Ukraine's special operations forces said they had killed 50 North Korean soldiers in the Kursk "
       "region over the past three days.")


def _ledger(tmp_path, texts: list[tuple[str, str, str, str]]):
    """Store articles (id, text, publisher, published) with their extracted claims; the propositions."""
    docs = []
    for doc_id, text, source, published in texts:
        article = Article(id=doc_id, text=text, source=source, published=date.fromisoformat(published))
        docs.append(AnalyzedArticle(article, claims=fogofwar.extract(text, published=published)))
    with open_store(tmp_path / "ledger.sqlite") as store:
        store.add_many(docs)
        return compute(store).propositions


# -- intervals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("figure", "low", "high"), [
    ((300, 300, None, "at_least", None), 300, INF),
    ((1000, None, None, "approximately", None), 900, 1100),
    ((250, None, 250, "at_most", None), 0, 250),
    ((11000, 11000, 12000, "range", None), 11000, 12000),
    ((None, None, None, None, "dozens"), 24, 99),
    ((None, None, None, None, "hundreds"), 200, 999),
    ((None, None, None, None, "several hundred"), 300, 900),
    ((7, None, None, None, None), 7, 7),
])  # fmt: skip
def test_a_figure_is_an_interval_by_the_stated_rule(figure, low, high):
    interval = figure_interval(*figure)
    assert (interval.low, interval.high) == pytest.approx((low, high))


def test_at_least_300_meets_about_1000_but_4_does_not_meet_11():
    assert figure_interval(300, 300, None, "at_least").meets(figure_interval(1000, None, None, "approximately"))
    assert not figure_interval(4).meets(figure_interval(11))


def test_an_unreadable_vague_amount_has_no_interval():
    assert figure_interval(None, vague="a great many") is None


# -- time spans -------------------------------------------------------------------------------------


def test_since_a_year_is_a_span_to_publication_not_a_point():
    span = claim_span({"text": "since 2022", "date": "2022", "precision": "year"},
                      "more than 200 civilians have been killed", "2024-11-21")  # fmt: skip
    assert (span.shape, span.first, span.last) == ("running_total", "2022-01-01", "2024-11-21")
    assert span_label(span) == "since 2022, to 21 Nov 2024"
    assert acled_time_precision(span) == 3


def test_the_past_three_days_is_a_period_ending_on_publication():
    span = claim_span({"text": "the past three days"}, "killed 50 soldiers", "2024-12-18")
    assert (span.shape, span.first, span.last, span.days) == ("period", "2024-12-16", "2024-12-18", 3)
    assert acled_time_precision(span) == 2


def test_last_week_is_a_period_of_its_iso_week_and_a_day_is_an_event():
    week = claim_span({"text": "last week", "date": "2024-W50", "precision": "week"}, "killed 50", "2024-12-18")
    assert (week.shape, week.first, week.last) == ("period", "2024-12-09", "2024-12-15")
    day = claim_span({"text": "on Friday", "date": "2024-11-29", "precision": "day"}, "4 killed", "2024-11-30")
    assert (day.shape, day.first, day.last, acled_time_precision(day)) == ("event", "2024-11-29", "2024-11-29", 1)


def test_no_date_in_the_text_is_bounded_by_publication_and_says_so():
    span = claim_span(None, "4 killed", "2024-11-29")
    assert (span.first, span.basis, span_label(span)) == ("2024-11-29", "publication", None)


# -- claimants --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["GUR", "HUR", "Ukraine's military intelligence (GUR)",
                                  "the Main Intelligence Directorate of Ukraine's Ministry of Defence"])
def test_aliases_of_ukraines_military_intelligence_fold_into_one_claimant(name):
    assert canonical_claimant(name) == "Main Intelligence Directorate of Ukraine"
    assert claimant_key(name) == claimant_key("GUR")


def test_unknown_claimants_keep_their_own_name():
    assert canonical_claimant("the regional governor") is None
    assert claimant_key("The Governor") == "governor"


# -- the example, end to end -----------------------------------------------------------------


def test_running_totals_of_two_intelligence_services_form_a_series_and_the_three_day_toll_stays_apart(tmp_path):
    props = _ledger(tmp_path, [
        ("gur", GUR, "Harbour Wire", "2024-12-18"),
        ("nis", NIS, "Eastern Desk", "2024-12-18"),
        ("sof", SOF, "Steppe Dispatch", "2024-12-18"),
    ])  # fmt: skip
    casualties = [p for p in props if p.kind == "casualties"]
    totals = [p for p in casualties if p.time_shape == "running_total"]
    periods = [p for p in casualties if p.time_shape == "period"]
    assert len(totals) == 1 and len(periods) == 1
    total = totals[0]
    assert not total.disputed and total.agree is True
    assert {f.doc for f in total.figures} == {"gur", "nis"}
    assert [s.value for s in total.series] == [300, 1000]
    estimate = total.estimates[0]
    assert (estimate.low, estimate.high, estimate.conservative) == (300, None, 300)  # "at least": no upper bound
    assert "UCDP" in estimate.rule and "ACLED" in estimate.rule
    assert [f.doc for f in periods[0].figures] == ["sof"]
    assert periods[0].figures[0].date_first == "2024-12-16"


def test_a_later_larger_running_total_from_the_same_claimant_is_growth(tmp_path):
    later = GUR.replace("At least 300", "More than 400").replace("on Wednesday", "on Friday")
    props = _ledger(tmp_path, [("a", GUR, "Harbour Wire", "2024-12-18"), ("b", later, "Eastern Desk", "2024-12-20")])
    totals = [p for p in props if p.time_shape == "running_total"]
    assert len(totals) == 1 and not totals[0].disputed
    assert [s.value for s in totals[0].series] == [300, 400]


def test_intervals_that_do_not_meet_are_disputed(tmp_path):
    props = _ledger(tmp_path, [
        ("a", "A missile strike on Kharkiv on Friday killed four people, the regional governor said.",
         "Harbour Wire", "2024-11-29"),
        ("b", "A missile strike on Kharkiv on Friday killed 11 people, the city's mayor said.",
         "Eastern Desk", "2024-11-29"),
    ])  # fmt: skip
    killed = [p for p in props if p.kind == "casualties"]
    assert len(killed) == 1 and killed[0].disputed
    assert "Kharkiv" in killed[0].title and "29 Nov 2024" in killed[0].title and "killed" in killed[0].title
    assert "?" not in killed[0].title


# -- CSV and table ----------------------------------------------------------------------------------


def test_every_csv_row_has_an_event_date_with_acled_precision_and_its_basis():
    claims = fogofwar.extract(SOF + " Two civilians were wounded in Kharkiv, officials said.", published="2024-12-18")
    rows = [claim_row("d", "2024-12-18", "Wire", c.to_dict()) for c in claims]
    assert rows and all(r["event_date"] for r in rows)
    toll = next(r for r in rows if r["value"] == 50)
    assert (toll["event_date"], toll["event_date_last"], toll["time_precision"]) == ("2024-12-16", "2024-12-18", 2)
    assert toll["date_basis"] == "text" and toll["time_shape"] == "period"
    undated = next(r for r in rows if r["value"] == 2)
    assert (undated["event_date"], undated["date_basis"]) == ("2024-12-18", "publication")


def test_the_claims_table_shows_the_item_and_wide_keeps_long_fields_whole():
    claim = {"kind": "equipment_loss", "outcome": "destroyed", "quantity": {"value": 3},
             "item": {"text": "German-made Leopard 2A6 main battle tanks"}, "claimant": {"text": "the General Staff"}}
    narrow = claim_line(claim)
    assert "German-made Leopard…" in narrow  # cut between words, marked
    assert "German-made Leopard 2A6 main battle tanks" in claim_line(claim, wide=True)
