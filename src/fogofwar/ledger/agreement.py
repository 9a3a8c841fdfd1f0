"""Where the claimants of a proposition agree, where they differ, and what range they give.

Figures are compared as intervals (``fogofwar.ledger.intervals``: "about 1,000" is [900, 1100],
"at least 300" is [300, ∞)). Two independent claimants **disagree** when their intervals for the same
outcome do not meet: in the same event or period toll, or, for running totals, counted to the same
day; a later, larger running total from anyone is growth, not a dispute. Each claimant's figures for
one outcome are taken together (the smallest interval holding them).

Each outcome gets an ``Estimate`` across the independent claimants (running totals: each claimant's
latest figure), with the rule named in ``RULE``: ``low``/``high`` the range all of them span, as
UCDP's low and high estimates (``high`` None: no upper bound was given); ``best`` the middle of the
claimants' own figures; ``conservative`` the lowest of them, as ACLED keeps the most conservative
figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogofwar.ledger.intervals import Interval, figure_interval, hull

if TYPE_CHECKING:
    from fogofwar.ledger.propositions import Figure

RULE = (
    "intervals: 'about N' = N±10%, 'nearly N' = [0.9N, N], 'at least/over N' = [N, inf), "
    "'up to/under N' = [0, N], ranges as given, vague words from data/vague_amounts.tsv; "
    "low/high: the range across independent claimants (as UCDP); best: the middle of their figures; "
    "conservative: the lowest figure (as ACLED)"
)


@dataclass(frozen=True)
class Disagreement:
    """Intervals that do not meet, from different claimants, for the same outcome and period."""

    period: str  # an ISO day for running totals, "event" for one event, "period" for a period toll
    outcome: str | None
    values: tuple[tuple[str, float], ...]  # (claimant, value as stated), sorted
    intervals: tuple[tuple[str, float, float | None], ...] = ()  # (claimant, low, high; None: no bound)


@dataclass(frozen=True)
class Estimate:
    """Low / best / high of one outcome across the proposition's independent claimants."""

    outcome: str | None
    low: float
    best: float
    high: float | None  # None: no claimant bounds it from above
    conservative: float
    claimants: int
    rule: str = RULE


def interval_of(f: Figure) -> Interval | None:
    return figure_interval(f.value, f.low, f.high, f.hedge, f.vague)


def _by_voice(figures: list[Figure]) -> dict[str, tuple[str, list[Interval], list[float]]]:
    out: dict[str, tuple[str, list[Interval], list[float]]] = {}
    for f in figures:
        interval = interval_of(f)
        if interval is None:
            continue
        name, intervals, values = out.setdefault(f.voice_key, (f.voice, [], []))
        intervals.append(interval)
        values.append(interval.best)
    return out


def disagreements(figures: tuple[Figure, ...], shape: str) -> tuple[Disagreement, ...]:
    """Pairs of independent claimants whose intervals do not meet, per outcome and period."""
    periods: dict[tuple[str, str | None], list[Figure]] = defaultdict(list)
    for f in figures:
        period = (f.date or "undated") if shape == "running_total" else shape
        periods[(period, f.outcome)].append(f)
    out = []
    for (period, outcome), members in sorted(periods.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        voices = _by_voice(members)
        if len(voices) < 2:
            continue
        hulls = {key: (name, hull(intervals)) for key, (name, intervals, _) in voices.items()}
        keys = sorted(hulls)
        if all(hulls[a][1].meets(hulls[b][1]) for i, a in enumerate(keys) for b in keys[i + 1 :]):
            continue
        values = tuple(sorted((name, v) for name, _, vs in voices.values() for v in set(vs)))
        intervals = tuple(sorted(
            (name, h.low, None if not h.bounded else h.high) for name, h in hulls.values()
        ))  # fmt: skip
        out.append(Disagreement(period=period, outcome=outcome, values=values, intervals=intervals))
    return tuple(out)


def estimates(figures: tuple[Figure, ...], shape: str) -> tuple[Estimate, ...]:
    """One estimate per outcome, most figures first."""
    by_outcome: dict[str | None, list[Figure]] = defaultdict(list)
    for f in figures:
        by_outcome[f.outcome].append(f)
    out = []
    for outcome, members in by_outcome.items():
        if shape == "running_total":  # each claimant's latest count
            latest: dict[str, Figure] = {}
            for f in sorted(members, key=lambda f: f.date or ""):
                if interval_of(f) is not None:
                    latest[f.voice_key] = f
            members = list(latest.values())
        voices = _by_voice(members)
        if not voices:
            continue
        hulls = [hull(intervals) for _, intervals, _ in voices.values()]
        bests = sorted(h.best for h in hulls)
        high = max(h.high for h in hulls)
        out.append(Estimate(
            outcome=outcome, low=_num(min(h.low for h in hulls)), best=_num(bests[(len(bests) - 1) // 2]),
            high=None if high == float("inf") else _num(high), conservative=_num(bests[0]),
            claimants=len(voices),
        ))  # fmt: skip
    out.sort(key=lambda e: (-e.claimants, e.outcome or ""))
    return tuple(out)


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)
