"""Precision, recall and F1 from counts: one definition for every score fogofwar prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def ratio(num: int, den: int) -> float:
    """``num / den``, and 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


@dataclass
class Counts:
    """Matched (tp), unmatched predicted (fp) and unmatched gold (fn) items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
