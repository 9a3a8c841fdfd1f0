"""The result of claim scoring and its two renderings: JSON for floors and tools, text for people.

``fogofwar.eval.claims.score_claims`` fills a ``ClaimReport``; nothing here computes a match.
Every rate is defined when its denominator is zero (0.0 for precision/recall/F1, null for a
field rate with no pairs behind it), so an empty prediction never divides by zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fogofwar.eval.counts import Counts

# The fields whose agreement is reported over matched pairs, in report order (FORMAT.md).
FIELDS: tuple[str, ...] = (
    "claimant",
    "affected.country",
    "agent.country",
    "location",
    "location.country",
    "time.date",
    "quantity.hedge",
)


@dataclass(frozen=True)
class FieldRate:
    """How many of ``n`` matched pairs agree on one field."""

    agree: int = 0
    n: int = 0

    @property
    def rate(self) -> float | None:
        return self.agree / self.n if self.n else None

    def to_json(self) -> dict[str, Any]:
        rate = self.rate
        return {"rate": None if rate is None else round(rate, 4), "agree": self.agree, "n": self.n}


@dataclass(frozen=True)
class ClaimRef:
    """One claim of one side, located for a developer: where it is and the sentence behind it."""

    doc: str
    index: int  # position in the record's "claims" list
    kind: str
    outcome: str | None
    quantity: str | None  # "200", "dozens", or None
    evidence: str | None
    sentence: str | None  # the document sentence holding the evidence, else the evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "index": self.index,
            "kind": self.kind,
            "outcome": self.outcome,
            "quantity": self.quantity,
            "evidence": self.evidence,
            "sentence": self.sentence,
        }

    def label(self) -> str:
        parts = [self.kind]
        if self.outcome:
            parts.append(self.outcome)
        if self.quantity:
            parts.append(self.quantity)
        return " / ".join(parts)


@dataclass(frozen=True)
class FieldDiff:
    """One field on which a matched pair disagrees; values as they appear in the records."""

    field: str
    gold: Any
    predicted: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "gold": self.gold, "predicted": self.predicted}


@dataclass(frozen=True)
class MatchedPair:
    gold: ClaimRef
    predicted: ClaimRef
    overlap: float  # evidence overlap, 0..1
    disagreements: tuple[FieldDiff, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.gold.doc,
            "gold_index": self.gold.index,
            "predicted_index": self.predicted.index,
            "kind": self.gold.kind,
            "outcome": self.gold.outcome,
            "overlap": round(self.overlap, 4),
            "evidence": self.gold.evidence,
            "disagreements": [d.to_json() for d in self.disagreements],
        }


@dataclass
class ClaimReport:
    """Claim precision/recall/F1, field agreement over matched pairs, and what went wrong."""

    overall: Counts
    by_kind: dict[str, Counts]
    fields: dict[str, FieldRate]
    matches: list[MatchedPair] = field(default_factory=list)
    misses: list[ClaimRef] = field(default_factory=list)
    false_alarms: list[ClaimRef] = field(default_factory=list)
    documents: int = 0  # gold documents scored
    unscored_documents: list[str] = field(default_factory=list)  # predicted docs not in gold

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.to_json(),
            "by_kind": {kind: c.to_json() for kind, c in sorted(self.by_kind.items())},
            "fields": {name: self.fields[name].to_json() for name in self.fields},
            "misses": [m.to_json() for m in self.misses],
            "false_alarms": [f.to_json() for f in self.false_alarms],
            "matches": [m.to_json() for m in self.matches],
            "unscored_documents": list(self.unscored_documents),
        }

    def format_text(self, details: bool = True) -> str:
        """A report for a terminal: the table, then misses, false alarms and disagreements."""
        lines = [f"Claims over {self.documents} gold documents"]
        lines.append(f"{'kind':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
        for kind, c in sorted(self.by_kind.items()):
            lines.append(_counts_row(kind, c))
        lines.append(_counts_row("overall", self.overall))
        lines.append("")
        lines.append(f"Field agreement over {self.overall.tp} matched pairs")
        for name, rate in self.fields.items():
            shown = "  -  " if rate.rate is None else f"{rate.rate:5.2f}"
            lines.append(f"  {name:<18}{shown}  ({rate.agree}/{rate.n})")
        if self.unscored_documents:
            lines.append("")
            lines.append(
                f"Predicted documents not in the gold (ignored): {len(self.unscored_documents)}"
            )
        if not details:
            return "\n".join(lines)
        if self.misses:
            lines.append("")
            lines.append(f"Misses ({len(self.misses)} gold claims not found)")
            lines.extend(_ref_lines(ref) for ref in self.misses)
        if self.false_alarms:
            lines.append("")
            lines.append(f"False alarms ({len(self.false_alarms)} predictions matching no gold)")
            lines.extend(_ref_lines(ref) for ref in self.false_alarms)
        disagreeing = [m for m in self.matches if m.disagreements]
        if disagreeing:
            lines.append("")
            lines.append(f"Field disagreements ({len(disagreeing)} matched pairs)")
            for pair in disagreeing:
                lines.append(
                    f"  {pair.gold.doc} gold#{pair.gold.index} ~ predicted#{pair.predicted.index}"
                    f" [{pair.gold.label()}]: {_short(pair.gold.evidence)}"
                )
                for diff in pair.disagreements:
                    lines.append(
                        f"      {diff.field}: gold {_value(diff.gold)}"
                        f" | predicted {_value(diff.predicted)}"
                    )
        return "\n".join(lines)


def _counts_row(name: str, c: Counts) -> str:
    return f"{name:<16}{c.precision:7.2f}{c.recall:7.2f}{c.f1:7.2f}{c.tp:>5}{c.fp:>5}{c.fn:>5}"


def _ref_lines(ref: ClaimRef) -> str:
    head = f"  {ref.doc} #{ref.index} [{ref.label()}]"
    evidence = f"\n      evidence: {_short(ref.evidence)}" if ref.evidence else ""
    sentence = ""
    if ref.sentence and ref.sentence != ref.evidence:
        sentence = f"\n      sentence: {_short(ref.sentence, 240)}"
    return head + evidence + sentence


def _short(text: str | None, limit: int = 160) -> str:
    if text is None:
        return "-"
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
