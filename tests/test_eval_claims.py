"""Claim scoring (FORMAT.md section 2) pinned on small hand-made cases over real sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.errors import GoldError
from fogofwar.eval import normalise
from fogofwar.eval.claim_files import load_gold, load_texts
from fogofwar.eval.claims import score_claims
from fogofwar.eval.normalise import norm_name, string_overlap

SHARED = Path(__file__).resolve().parents[2] / "shared"

DOC = "re3d:test"
TEXT = (
    "Syria has accused Israel of bombarding an area west of Damascus, with reports of a "
    "military airport being hit.\n"
    "Hezbollah, which fought a month-long war with Israel in 2006, has sent thousands of "
    "fighters to Syria to support President Bashar al-Assad's forces.\n"
    "On Thursday, Dec. 15, Coalition aircraft from CJTF-OIR destroyed 14 ISIL tanks and other "
    "equipment captured near Palmyra, Syria. ISIL seized the tanks and other military hardware "
    "from Tiyas Military Airfield near Palmyra, Syria, between 11-13 Dec.\n"
)

ATTACK = {
    "kind": "attack",
    "agent": {"text": "Israel", "country": "ISR"},
    "location": {"text": "west of Damascus", "country": "SYR"},
    "time": {"text": None, "date": None},
    "claimant": {"text": "Syria"},
    "evidence": "Syria has accused Israel of bombarding an area west of Damascus",
}
DEPLOYMENT = {
    "kind": "deployment",
    "outcome": "deployed",
    "quantity": {"value": None, "low": None, "high": None, "hedge": None, "vague": "thousands"},
    "agent": {"text": "Hezbollah", "country": None},
    "location": {"text": "Syria", "country": "SYR"},
    "claimant": None,
    "evidence": "Hezbollah, which fought a month-long war with Israel in 2006, has sent thousands "
    "of fighters to Syria",
}
TANKS = {
    "kind": "equipment_loss",
    "outcome": "destroyed",
    "quantity": {"value": 14, "low": None, "high": None, "hedge": None},
    "item": {"text": "ISIL tanks"},
    "affected": {"text": "ISIL", "country": None},
    "agent": {"text": "Coalition aircraft from CJTF-OIR", "country": None},
    "location": {"text": "near Palmyra, Syria", "country": "SYR"},
    "time": {"text": "On Thursday, Dec. 15", "date": None},
    "claimant": None,
    "evidence": "Coalition aircraft from CJTF-OIR destroyed 14 ISIL tanks",
}
SEIZED = {
    "kind": "territory",
    "outcome": "captured",
    "agent": {"text": "ISIL", "country": None},
    "location": {"text": "Tiyas Military Airfield", "country": "SYR"},
    "claimant": None,
    "evidence": "ISIL seized the tanks and other military hardware from Tiyas Military Airfield",
}
GOLD = [{"doc": DOC, "published": None, "claims": [ATTACK, DEPLOYMENT, TANKS, SEIZED]}]


def predicted(*claims: dict) -> list[dict]:
    return [{"doc": DOC, "claims": list(claims), "entities": []}]


def with_(claim: dict, **changes: object) -> dict:
    return {**claim, **changes}


def one_pair(gold_claim: dict, predicted_claim: dict, texts: dict | None = None):
    """The report for one gold claim against one prediction, which must match."""
    report = score_claims([{"doc": DOC, "claims": [gold_claim]}], predicted(predicted_claim), texts)
    assert report.overall.tp == 1
    return report


@pytest.mark.parametrize("texts", [None, {DOC: TEXT}])
def test_perfect_prediction_scores_one(texts):
    report = score_claims(GOLD, predicted(ATTACK, DEPLOYMENT, TANKS, SEIZED), texts)
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1.0, 1.0, 1.0)
    assert all(rate.rate == 1.0 and rate.n == 4 for rate in report.fields.values())
    assert not report.misses and not report.false_alarms


def test_empty_prediction_scores_zero_without_dividing_by_zero():
    report = score_claims(GOLD, predicted())
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.0, 0.0, 0.0)
    assert report.overall.fn == 4
    assert all(rate.rate is None and rate.n == 0 for rate in report.fields.values())
    json.dumps(report.to_json())
    assert "Misses (4 gold claims not found)" in report.format_text()


def test_gold_document_without_predicted_record_counts_all_misses():
    report = score_claims(GOLD, [{"doc": "re3d:other", "claims": [TANKS]}])
    assert report.overall.fn == 4 and report.overall.fp == 0
    assert report.unscored_documents == ["re3d:other"]


def test_half_right_prediction_scores_what_the_rule_says():
    wrong_value = with_(TANKS, quantity={"value": 15, "hedge": None})
    wrong_kind = with_(SEIZED, kind="attack", outcome=None)
    report = score_claims(GOLD, predicted(ATTACK, DEPLOYMENT, wrong_value, wrong_kind))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 2, 2)
    assert report.overall.precision == 0.5 and report.overall.recall == 0.5
    assert report.overall.f1 == 0.5
    assert report.by_kind["equipment_loss"].fn == 1 and report.by_kind["equipment_loss"].fp == 1
    assert report.by_kind["attack"].tp == 1 and report.by_kind["attack"].fp == 1


def test_three_predictions_two_right_give_precision_two_thirds_recall_half():
    report = score_claims(GOLD, predicted(ATTACK, TANKS, with_(DEPLOYMENT, outcome="withdrawn")))
    assert report.overall.precision == pytest.approx(2 / 3)
    assert report.overall.recall == 0.5
    assert report.overall.f1 == pytest.approx(4 / 7)


@pytest.mark.parametrize(
    ("quantity", "matches"),
    [
        ({"value": None, "vague": "Thousands"}, True),
        ({"value": None, "vague": "hundreds"}, False),
        ({"value": 1000, "hedge": None}, False),
        (None, False),
    ],
)
def test_vague_quantities_match_only_the_same_vague_words(quantity, matches):
    report = score_claims(
        [{"doc": DOC, "claims": [DEPLOYMENT]}], predicted(with_(DEPLOYMENT, quantity=quantity))
    )
    assert report.overall.tp == (1 if matches else 0)


def test_quantities_match_by_value_whatever_the_evidence():
    report = score_claims(
        [{"doc": DOC, "claims": [TANKS]}],
        predicted(with_(TANKS, quantity={"value": 14.0}, evidence="14 ISIL tanks and other")),
    )
    assert report.overall.tp == 1


@pytest.mark.parametrize("texts", [None, {DOC: TEXT}])
def test_claim_without_quantity_matches_on_overlapping_evidence(texts):
    whole_sentence = with_(
        ATTACK,
        evidence="Syria has accused Israel of bombarding an area west of Damascus, with reports "
        "of a military airport being hit.",
    )
    assert score_claims(GOLD, predicted(whole_sentence), texts).overall.tp == 1
    tail = with_(ATTACK, evidence="west of Damascus, with reports of a military airport")
    assert score_claims(GOLD, predicted(tail), texts).overall.tp == 1
    elsewhere = with_(ATTACK, evidence="ISIL seized the tanks")
    assert score_claims(GOLD, predicted(elsewhere), texts).overall.tp == 0


def test_evidence_spans_locate_the_prediction_in_the_text():
    start = TEXT.index("bombarding an area")
    spans_only = {k: v for k, v in ATTACK.items() if k != "evidence"}
    spans_only["evidence_spans"] = [[start, start + 18]]
    assert score_claims(GOLD, predicted(spans_only), {DOC: TEXT}).overall.tp == 1
    assert score_claims(GOLD, predicted(spans_only)).overall.tp == 0  # no text, no evidence


def test_spans_that_do_not_read_as_the_evidence_give_way_to_the_evidence_string():
    elsewhere = TEXT.index("Hezbollah")
    stale = with_(
        ATTACK, evidence="bombarding an area", evidence_spans=[[elsewhere, elsewhere + 18]]
    )
    assert score_claims(GOLD, predicted(stale), {DOC: TEXT}).overall.tp == 1


def test_one_gold_claim_matches_at_most_one_prediction_preferring_overlap():
    elsewhere = with_(TANKS, evidence="ISIL seized the tanks and other military hardware")
    report = score_claims(
        [{"doc": DOC, "claims": [TANKS]}], predicted(elsewhere, TANKS), {DOC: TEXT}
    )
    assert (report.overall.tp, report.overall.fp) == (1, 1)
    assert report.matches[0].predicted.index == 1
    assert report.false_alarms[0].index == 0


def test_assignment_maximises_pairs_over_greedy_choice():
    # Gold 0 overlaps both predictions (prediction 0 more); gold 1 overlaps only prediction 0.
    gold_a = with_(ATTACK, evidence="Syria has accused Israel of bombarding")
    gold_b = with_(ATTACK, evidence="bombarding an area west of Damascus")
    pred_0 = with_(ATTACK, evidence="Syria has accused Israel of bombarding an area")
    pred_1 = with_(ATTACK, evidence="Syria has accused")
    report = score_claims(
        [{"doc": DOC, "claims": [gold_a, gold_b]}], predicted(pred_0, pred_1), {DOC: TEXT}
    )
    assert report.overall.tp == 2
    assert {(m.gold.index, m.predicted.index) for m in report.matches} == {(0, 1), (1, 0)}


def test_claimant_agrees_with_an_alias_listed_in_also():
    gold = with_(TANKS, claimant={"text": "Ukrainian intelligence", "also": ["HUR"]})
    report = one_pair(gold, with_(TANKS, claimant={"text": "HUR", "cue": "according_to"}))
    assert report.fields["claimant"].rate == 1.0
    report = one_pair(gold, with_(TANKS, claimant={"text": "Ukrainian sources"}))
    assert report.fields["claimant"].rate == 0.0
    assert report.matches[0].disagreements[0].field == "claimant"


def test_claimant_null_in_also_accepts_the_documents_own_voice():
    gold = with_(TANKS, claimant={"text": "Michael Kofman", "also": [None]})
    assert one_pair(gold, with_(TANKS, claimant=None)).fields["claimant"].rate == 1.0
    strict = with_(TANKS, claimant={"text": "Michael Kofman"})
    assert one_pair(strict, with_(TANKS, claimant=None)).fields["claimant"].rate == 0.0
    assert one_pair(TANKS, with_(TANKS, claimant={"text": "Cook"})).fields["claimant"].rate == 0.0


def test_names_compare_without_case_punctuation_or_leading_the():
    gold = with_(TANKS, claimant={"text": "the Main Intelligence Directorate of Ukraine"})
    said = with_(TANKS, claimant={"text": "Main intelligence directorate of Ukraine,"})
    assert one_pair(gold, said).fields["claimant"].rate == 1.0
    assert norm_name("The U.S. Central Command") == norm_name("US central command")
    assert norm_name("al-Qaida") == "al qaida"
    assert norm_name("Thebes") == "thebes"


def test_claimant_agrees_through_the_vocabularys_canonical_name(monkeypatch):
    class Entry:
        def __init__(self, canonical: str) -> None:
            self.canonical = canonical

    class FakeVocabulary:
        def lookup(self, text: str):
            known = {"HUR": "Main Intelligence Directorate", "GUR": "Main Intelligence Directorate"}
            return Entry(known[text]) if text in known else None

    normalise.canonical.cache_clear()
    monkeypatch.setattr(normalise, "_vocabulary", lambda: FakeVocabulary())
    try:
        gold = with_(TANKS, claimant={"text": "HUR"})
        assert one_pair(gold, with_(TANKS, claimant={"text": "GUR"})).fields["claimant"].rate == 1.0
        assert one_pair(gold, with_(TANKS, claimant={"text": "SBU"})).fields["claimant"].rate == 0.0
    finally:
        normalise.canonical.cache_clear()


@pytest.mark.parametrize(
    ("location", "agrees"),
    [
        ({"text": "Palmyra", "name": "Palmyra", "country": "SYR", "precision": "city"}, True),
        ({"text": "Syria", "name": "Syria", "country": "SYR", "precision": "country"}, True),
        ({"text": "Raqqah", "name": "Ar Raqqah", "country": "SYR", "precision": "city"}, False),
        ({"text": "Palmyra", "name": "Palmyra", "country": "IRQ"}, False),
        (None, False),
    ],
)
def test_location_agrees_by_place_within_the_country_or_by_country_alone(location, agrees):
    report = one_pair(TANKS, with_(TANKS, location=location))
    assert report.fields["location"].rate == (1.0 if agrees else 0.0)


def test_fields_null_on_both_sides_agree_and_disagreements_are_listed():
    said = with_(
        TANKS,
        affected={"text": "ISIL", "country": "SYR"},
        quantity={"value": 14, "hedge": "approximately"},
    )
    report = one_pair(TANKS, said)
    assert report.fields["time.date"].rate == 1.0  # both null
    assert report.fields["affected.country"].rate == 0.0
    fields = [d.field for d in report.matches[0].disagreements]
    assert fields == ["affected.country", "quantity.hedge"]
    assert "quantity.hedge: gold null | predicted 'approximately'" in report.format_text()


def test_misses_show_the_sentence_holding_the_evidence():
    report = score_claims(GOLD, predicted(), {DOC: TEXT})
    seized = next(m for m in report.misses if m.kind == "territory")
    assert seized.sentence == (
        "ISIL seized the tanks and other military hardware from Tiyas Military Airfield near "
        "Palmyra, Syria, between 11-13 Dec."
    )
    tanks = next(m for m in report.misses if m.kind == "equipment_loss")
    assert tanks.sentence.startswith("On Thursday, Dec. 15, Coalition aircraft")
    without_text = score_claims(GOLD, predicted())
    assert without_text.misses[0].sentence == ATTACK["evidence"]


def test_string_overlap_needs_a_real_shared_piece():
    assert string_overlap("destroyed 14 ISIL tanks", "14 ISIL tanks and other equipment") > 0
    assert string_overlap("two ISIL-held buildings", "something else") == 0.0
    assert string_overlap("killed militants", "soldiers") == 0.0  # "s" alone is no overlap


def test_load_gold_names_file_and_line_of_a_malformed_line(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"claims\.jsonl:3"):
        load_gold(path)
    path.write_text(json.dumps({"doc": DOC, "claims": [{"kind": "rumour"}]}) + "\n")
    with pytest.raises(GoldError, match=r"claims\.jsonl:1.*kind 'rumour'"):
        load_gold(path)
    path.write_text(json.dumps(GOLD[0]) + "\n")
    assert load_gold(path) == GOLD


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_dev_gold_scored_against_itself_is_perfect():
    path = SHARED / "gold" / "claims-dev.jsonl"
    gold = load_gold(path)
    texts = load_texts(path, [r["doc"] for r in gold])
    assert set(texts) == {r["doc"] for r in gold}
    for given in (texts, None):
        report = score_claims(gold, gold, given)
        assert report.overall.f1 == 1.0
        assert report.overall.tp == sum(not c.get("optional") for r in gold for c in r["claims"])
        assert report.overall.fp == 0
        assert all(rate.rate == 1.0 for rate in report.fields.values())
        assert all(m.gold.index == m.predicted.index for m in report.matches)


def test_optional_gold_claim_is_neither_missed_nor_a_false_alarm_when_matched():
    gold = [{"doc": DOC, "claims": [ATTACK, with_(DEPLOYMENT, optional=True)]}]
    matched = score_claims(gold, predicted(ATTACK, DEPLOYMENT))
    assert (matched.overall.tp, matched.overall.fp, matched.overall.fn) == (1, 0, 0)
    unmatched = score_claims(gold, predicted(ATTACK))
    assert (unmatched.overall.tp, unmatched.overall.fp, unmatched.overall.fn) == (1, 0, 0)


def test_required_gold_claims_take_the_prediction_before_an_optional_twin():
    optional_twin = with_(TANKS, optional=True, evidence="14 ISIL tanks")
    gold = [{"doc": DOC, "claims": [optional_twin, TANKS]}]
    report = score_claims(gold, predicted(TANKS), {DOC: TEXT})
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 0)
    assert report.matches[0].gold.index == 1


def test_eval_reads_inline_texts_and_filters_by_source(tmp_path):
    from fogofwar.eval.runner import eval_claims_command

    path = tmp_path / "gold.jsonl"
    records = [
        {"doc": "challenge:a", "published": "2025-03-14", "text": TEXT, "claims": [TANKS]},
        {"doc": "seed:missing.txt", "claims": []},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    report = eval_claims_command(path, sources=["challenge"])
    assert report.documents == 1 and report.overall.tp == 1
    with pytest.raises(GoldError, match="no document of source 'CENTCOM'"):
        eval_claims_command(path, sources=["CENTCOM"])
