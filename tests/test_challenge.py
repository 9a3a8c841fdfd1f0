"""The challenge set: wire-style documents written for fogofwar (tests/data/challenge), scored
with `fogofwar eval claims` like the dev gold, against floors that only go up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.eval.claim_files import load_gold
from fogofwar.eval.runner import eval_claims_command

CHALLENGE = Path(__file__).parent / "data" / "challenge"
FLOORS = json.loads((Path(__file__).parent / "data" / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    merged = tmp_path_factory.mktemp("challenge") / "challenge.jsonl"
    merged.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(CHALLENGE.glob("*.jsonl"))),
                      encoding="utf-8")
    return eval_claims_command(merged).to_json()


def test_challenge_set_is_large_and_well_formed():
    records = [r for p in sorted(CHALLENGE.glob("*.jsonl")) for r in load_gold(p)]
    sentences = sum(r["text"].count(". ") + 1 for r in records)
    assert sentences >= 150
    assert {c["kind"] for r in records for c in r["claims"]} == {
        "attack", "casualties", "deployment", "displacement", "equipment_loss", "supply", "territory"}
    for r in records:
        for claim in r["claims"]:
            assert claim["evidence"] in r["text"], (r["doc"], claim["evidence"])


@pytest.mark.parametrize("path", sorted(FLOORS["challenge"]))
def test_challenge_scores_stay_above_their_floors(report, path):
    assert at(report, path) >= FLOORS["challenge"][path], path


def at(report: dict, path: str) -> float:
    """The figure at ``path`` ("overall/f1") of an eval report."""
    node = report
    for key in path.split("/"):
        node = node[key]
    return node


HELD_OUT = Path(__file__).parent / "data" / "heldout"


@pytest.fixture(scope="module")
def held_out_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The held-out sets: documents written blind to the rules (wire.jsonl, then mixed.jsonl,
    once the rules had been tuned on the first), kept as a guard against rules that only fit
    the sets they were written on."""
    merged = tmp_path_factory.mktemp("heldout") / "heldout.jsonl"
    merged.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(HELD_OUT.glob("*.jsonl"))),
                      encoding="utf-8")
    return eval_claims_command(merged).to_json()


@pytest.mark.parametrize("path", sorted(FLOORS["heldout"]))
def test_held_out_scores_stay_above_their_floors(held_out_report, path):
    assert at(held_out_report, path) >= FLOORS["heldout"][path], path
