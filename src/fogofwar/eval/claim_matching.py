"""Pairing gold claims with predicted claims in one document (FORMAT.md section 2): each claim
located by its evidence in the document text, the rule for one pair, and the deterministic maximum
matching (as many pairs as possible, then the greatest overlap, then pairs closest in order)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fogofwar.eval.normalise import (
    find_all,
    norm_label,
    same_fragment,
    span_overlap,
    string_overlap,
)

# --- one claim, located -----------------------------------------------------------------------


@dataclass(frozen=True)
class Located:
    """A claim with its place in its record and its evidence spans in the document (if known)."""

    doc: str
    index: int
    claim: dict[str, Any]
    spans: tuple[tuple[int, int], ...]  # empty when the text is unknown or the evidence not found
    alternatives: tuple[tuple[int, int], ...] = ()  # other occurrences of a gold fragment

    @property
    def kind(self) -> str | None:
        return norm_label(self.claim.get("kind"))

    @property
    def outcome(self) -> str | None:
        return norm_label(self.claim.get("outcome"))

    @property
    def evidence(self) -> str | None:
        return _evidence_text(self.claim)


def _evidence_text(claim: Mapping[str, Any]) -> str | None:
    evidence = claim.get("evidence")
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, list):
        parts = [e for e in evidence if isinstance(e, str)]
        return parts[0] if parts else None
    return None


def locate_gold(doc: str, index: int, claim: dict[str, Any], text: str | None) -> Located:
    evidence = _evidence_text(claim)
    spans: tuple[tuple[int, int], ...] = ()
    alternatives: tuple[tuple[int, int], ...] = ()
    if text is not None and evidence:
        found = find_all(text, evidence)
        if found:
            spans, alternatives = (found[0],), tuple(found[1:])
    return Located(doc, index, claim, spans, alternatives)


def locate_predicted(doc: str, index: int, claim: dict[str, Any], text: str | None) -> Located:
    """Spans from ``evidence_spans`` when they fit this text, else the evidence found in it.

    Given spans are trusted unless the first one does not read as the ``evidence`` string
    (the prediction was made on a differently cleaned text); then the string is searched.
    """
    if text is None:
        return Located(doc, index, claim, ())
    evidence = _evidence_text(claim)
    spans = tuple(_given_spans(claim.get("evidence_spans"), len(text)))
    if spans and evidence and not same_fragment(text[spans[0][0] : spans[0][1]], evidence):
        spans = ()
    if not spans:
        found = find_all(text, evidence) if evidence else []
        spans = tuple(found[:1])
    return Located(doc, index, claim, spans)


def _given_spans(raw: Any, length: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in item)
            and 0 <= item[0] < item[1] <= length
        ):
            out.append((item[0], item[1]))
    return out


def evidence_overlap(gold: Located, predicted: Located) -> float:
    """Overlap of the two evidences, 0..1: as document spans when both are located, else strings."""
    if gold.spans and predicted.spans:
        best = span_overlap(gold.spans, predicted.spans)
        for alt in gold.alternatives:
            best = max(best, span_overlap((alt,), predicted.spans))
        return best
    return string_overlap(gold.evidence, predicted.evidence)


# --- the matching rule ------------------------------------------------------------------------


def quantity(claim: Mapping[str, Any]) -> dict[str, Any] | None:
    q = claim.get("quantity")
    return q if isinstance(q, dict) else None


def has_quantity(claim: Mapping[str, Any]) -> bool:
    """Whether a claim states an amount: a ``value`` or ``vague`` words."""
    q = quantity(claim)
    return q is not None and (q.get("value") is not None or bool(norm_label(q.get("vague"))))


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def quantities_agree(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """Equal ``value``, or (both without a value) the same ``vague`` words."""
    gq, pq = quantity(gold), quantity(predicted)
    if gq is None or pq is None:
        return False
    if gq.get("value") is not None:
        gv, pv = as_number(gq.get("value")), as_number(pq.get("value"))
        return gv is not None and pv is not None and abs(gv - pv) < 1e-9
    gvague, pvague = norm_label(gq.get("vague")), norm_label(pq.get("vague"))
    return gvague is not None and pq.get("value") is None and gvague == pvague


def can_match(gold: Located, predicted: Located, overlap: float) -> bool:
    """FORMAT.md's rule for one pair, given their evidence overlap."""
    if gold.kind != predicted.kind or gold.outcome != predicted.outcome:
        return False
    if has_quantity(gold.claim):
        return quantities_agree(gold.claim, predicted.claim)
    return overlap > 0.0


# Pair weights, compared lexicographically through integer scales: first the number of pairs,
# then the total evidence overlap (in thousandths), then closeness in order within the group.
_PAIR = 10**12
_OVERLAP = 10**6
_ORDER_SPAN = 999
_INF = 10**30


def _assign(golds: list[Located], preds: list[Located]) -> list[tuple[int, int, float]]:
    """The best one-to-one pairs (gold position, predicted position, overlap) of one document."""
    groups: dict[tuple[str | None, str | None], tuple[list[int], list[int]]] = {}
    for gi, g in enumerate(golds):
        groups.setdefault((g.kind, g.outcome), ([], []))[0].append(gi)
    for pi, p in enumerate(preds):
        key = (p.kind, p.outcome)
        if key in groups:
            groups[key][1].append(pi)
    pairs: list[tuple[int, int, float]] = []
    for key in sorted(groups, key=lambda k: (k[0] or "", k[1] or "")):
        gis, pis = groups[key]
        if not pis:
            continue
        weights: list[list[int]] = []
        overlaps: dict[tuple[int, int], float] = {}
        for rg, gi in enumerate(gis):
            row = []
            for rp, pi in enumerate(pis):
                overlap = evidence_overlap(golds[gi], preds[pi])
                if can_match(golds[gi], preds[pi], overlap):
                    overlaps[(rg, rp)] = overlap
                    order = _ORDER_SPAN - min(abs(rg - rp), _ORDER_SPAN)
                    row.append(_PAIR + round(overlap * 1000) * _OVERLAP + order)
                else:
                    row.append(0)
            weights.append(row)
        for rg, rp in _max_weight_assignment(weights):
            if (rg, rp) in overlaps:
                pairs.append((gis[rg], pis[rp], overlaps[(rg, rp)]))
    return sorted(pairs)


def is_optional(claim: Mapping[str, Any]) -> bool:
    """A borderline gold claim (``"optional": true``): neither credited nor missed."""
    return claim.get("optional") is True


def assign_required_first(
    golds: list[Located], preds: list[Located]
) -> tuple[list[tuple[int, int, float]], set[int]]:
    """Pairs of required gold claims first; then the predictions left over that match an
    optional gold claim, which are excused (neither credited nor false alarms)."""
    required = [gi for gi, g in enumerate(golds) if not is_optional(g.claim)]
    optional = [gi for gi, g in enumerate(golds) if is_optional(g.claim)]
    pairs = [(required[g], p, o) for g, p, o in _assign([golds[gi] for gi in required], preds)]
    taken = {p for _, p, _ in pairs}
    rest = [pi for pi in range(len(preds)) if pi not in taken]
    excused = {rest[p] for _, p, _ in _assign([golds[gi] for gi in optional], [preds[pi] for pi in rest])}
    return sorted(pairs), excused


def _max_weight_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Rows paired with columns for the greatest total weight (Hungarian method, exact ints)."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    if not n_rows or not n_cols:
        return []
    size = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # Square cost matrix, 1-based as in the classic formulation; padding costs as "no pair".
    cost = [[0] * (size + 1) for _ in range(size + 1)]
    for i in range(size):
        for j in range(size):
            w = weights[i][j] if i < n_rows and j < n_cols else 0
            cost[i + 1][j + 1] = top - w
    u = [0] * (size + 1)
    v = [0] * (size + 1)
    owner = [0] * (size + 1)  # owner[j]: the row given column j
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        owner[0] = i
        j0 = 0
        minv = [_INF] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = _INF
            j1 = 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                cur = cost[i0][j] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    out = []
    for j in range(1, size + 1):
        i = owner[j]
        if i and i <= n_rows and j <= n_cols and weights[i - 1][j - 1] > 0:
            out.append((i - 1, j - 1))
    return out
