"""Quality gate: `fogofwar eval` on the dev gold must stay at or above pinned floors."""

from __future__ import annotations

import json
from functools import reduce
from pathlib import Path

import pytest

from fogofwar.eval.runner import eval_claims_command, eval_entities_command

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
FLOORS = json.loads((Path(__file__).parent / "data" / "eval_floors.json").read_text(encoding="utf-8"))
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared is not beside this clone")


def below_floor(report: dict, floors: dict[str, float]) -> dict[str, float]:
    """The measures of ``report`` (paths like "overall/f1") that fell under their floor."""
    found = {path: reduce(lambda node, key: node[key], path.split("/"), report) for path in floors}
    return {path: value for path, value in found.items() if value < floors[path]}


@needs_gold
def test_claim_scores_stay_above_their_floors():
    report = eval_claims_command(GOLD / "claims-dev.jsonl").to_json()
    assert below_floor(report, FLOORS["claims"]) == {}


@needs_gold
def test_entity_scores_stay_above_their_floors():
    report = eval_entities_command(GOLD / "re3d-dev").to_json()
    assert below_floor(report, FLOORS["entities"]) == {}


def test_a_floor_can_fail():
    assert below_floor({"overall": {"f1": 0.5}}, {"overall/f1": 0.9}) == {"overall/f1": 0.5}
