"""The entity scorer (exact and overlapping spans, per type and micro) and the re3d reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.errors import GoldError
from fogofwar.eval.entities import EntitySpan, score_entities
from fogofwar.eval.re3d import read_re3d

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXT = "Syria has accused Israel of bombarding an area west of Damascus."


def span(start: int, end: int, type_: str, doc: str = "d1") -> EntitySpan:
    return EntitySpan(doc, start, end, type_, TEXT[start:end])


GOLD = [span(0, 5, "Location"), span(18, 24, "Location"), span(47, 63, "Location")]


def test_perfect_prediction_scores_one():
    report = score_entities(GOLD, GOLD)
    assert report.micro_exact.f1 == 1.0
    assert report.micro_overlap.f1 == 1.0


def test_no_prediction_scores_zero():
    report = score_entities(GOLD, [])
    assert report.micro_exact.f1 == 0.0
    assert report.exact["Location"].fn == 3


def test_two_of_three_right_and_one_spurious():
    predicted = [span(0, 5, "Location"), span(18, 24, "Location"), span(28, 38, "Location")]
    exact = score_entities(GOLD, predicted).micro_exact
    assert (exact.tp, exact.fp, exact.fn) == (2, 1, 1)
    assert exact.precision == pytest.approx(2 / 3)
    assert exact.f1 == pytest.approx(2 / 3)


def test_wrong_type_is_a_false_positive_and_a_miss():
    report = score_entities([span(0, 5, "Location")], [span(0, 5, "Person")])
    assert report.exact["Person"].fp == 1
    assert report.exact["Location"].fn == 1
    assert report.micro_exact.f1 == 0.0


def test_partial_span_counts_for_overlap_only():
    # "Damascus" inside gold "west of Damascus"
    report = score_entities(GOLD, [span(55, 63, "Location")])
    assert report.micro_exact.tp == 0
    assert report.micro_overlap.tp == 1
    assert report.micro_overlap.precision == 1.0


def test_overlap_matches_one_to_one():
    report = score_entities([span(47, 63, "Location")], [span(47, 51, "Location"), span(55, 63, "Location")])
    assert (report.micro_overlap.tp, report.micro_overlap.fp) == (1, 1)


def test_span_with_two_gold_types_is_one_item_matched_by_either():
    gold = [span(0, 5, "Location"), span(0, 5, "Organisation")]
    as_org = score_entities(gold, [span(0, 5, "Organisation")])
    assert (as_org.micro_exact.tp, as_org.micro_exact.fn) == (1, 0)
    missed = score_entities(gold, [])
    assert missed.micro_exact.fn == 1
    assert missed.exact["Location"].fn == 1  # charged to its first type in gold order


def test_types_outside_the_scored_set_are_ignored():
    report = score_entities([span(0, 5, "Vehicle")], [span(18, 24, "Money")])
    assert report.micro_exact.tp + report.micro_exact.fp + report.micro_exact.fn == 0


def test_documents_are_kept_apart():
    report = score_entities([span(0, 5, "Location", "d1")], [span(0, 5, "Location", "d2")])
    assert report.micro_overlap.tp == 0


def test_report_table_and_json_name_every_type():
    report = score_entities(GOLD, GOLD)
    table = report.format_text()
    assert "MilitaryPlatform" in table and "micro" in table
    data = json.loads(json.dumps(report.to_json()))
    assert data["exact"]["micro"]["f1"] == 1.0
    assert set(data["overlap"]) >= {"Weapon", "micro"}


def write_source(folder: Path, docs: list[dict], entities: list[dict]) -> None:
    folder.mkdir(parents=True)
    (folder / "documents.json").write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    (folder / "entities.json").write_text("\n".join(json.dumps(e) for e in entities) + "\n")


def test_read_re3d_reads_every_source_folder(tmp_path):
    write_source(tmp_path / "BBC Online", [{"_id": "A", "text": TEXT, "sourceName": "BBC Online"}],
                 [{"documentId": "A", "begin": 0, "end": 5, "type": "Location", "value": "Syria"}])
    write_source(tmp_path / "CENTCOM", [{"_id": "B", "text": "ISIL fighters."}],
                 [{"documentId": "B", "begin": 0, "end": 4, "type": "Organisation", "value": "ISIL"}])
    docs = {d.id: d for d in read_re3d(tmp_path)}
    assert set(docs) == {"A", "B"}
    assert docs["A"].entities[0] == EntitySpan("A", 0, 5, "Location", "Syria")
    assert docs["B"].source == "CENTCOM"


def test_read_re3d_reports_bad_lines_with_their_place(tmp_path):
    source = tmp_path / "X"
    source.mkdir()
    (source / "documents.json").write_text("{not json\n")
    with pytest.raises(GoldError, match="documents.json:1"):
        read_re3d(tmp_path)


def test_read_re3d_refuses_a_folder_without_documents(tmp_path):
    with pytest.raises(GoldError):
        read_re3d(tmp_path)


@pytest.mark.skipif(not (SHARED / "gold" / "re3d-dev").is_dir(), reason="shared gold absent")
def test_re3d_dev_gold_offsets_point_at_their_values():
    docs = read_re3d(SHARED / "gold" / "re3d-dev")
    entities = [(d, e) for d in docs for e in d.entities]
    assert len(docs) > 40 and len(entities) > 2000
    aligned = sum(d.text[e.start:e.end] == e.text for d, e in entities)
    assert aligned / len(entities) > 0.99


def test_eval_scores_exactly_what_extract_prints():
    """One entity path: ``eval entities`` scores the entities ``extract`` prints and ``ingest`` stores."""
    from fogofwar.eval.entities import predict_entities
    from fogofwar.pipeline import analyze

    text = (
        "Russia and Ukraine swap prisoners\n\n"
        "The weather in Paris was mild on Tuesday. We will not stop, he said.\n"
        "Approximately 200 North Korean soldiers were killed in Kursk, Ukrainian intelligence said.\n"
        "Mr Alzoubi met the Syrian National Coalition in London on 3 March 2016."
    )
    printed = analyze(text, doc_id="d").to_claims_record()["entities"]
    scored = predict_entities([("d", text)])
    assert printed  # something to compare
    assert [(e["start"], e["end"], e["type"], e["text"]) for e in printed] == [
        (s.start, s.end, s.type, s.text) for s in scored
    ]
