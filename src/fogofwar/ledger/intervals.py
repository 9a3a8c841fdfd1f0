"""Figures as intervals, and when two figures agree.

Every figure of a claim (value, low, high, hedge, vague words) stands for an interval of counts,
by this rule:

==============================  ===========================  =============================
the text says                   hedge / vague                interval
==============================  ===========================  =============================
"300"                           none                         [300, 300]
"about 1,000", "some", "around" approximately                [900, 1100] (±10 %)
"nearly 50", "almost", "close"  nearly                       [45, 50] (up to 10 % under)
"at least 300", "no fewer than" at_least                     [300, ∞)
"over 400", "more than"         more_than                    [400, ∞)
"up to 250", "at most"          at_most                      [0, 250]
"fewer than 20", "under"        less_than                    [0, 20]
"11,000-12,000", "between"      range                        [11000, 12000], as given
"dozens" / "hundreds"           vague                        [24, 99] / [200, 999]
"several hundred"               vague lead x scale           [3 x 100, 9 x 100]
"hundreds of thousands"         vague x scale                [200 x 1000, 999 x 1000]
==============================  ===========================  =============================

The intervals of vague words are read from ``data/vague_amounts.tsv``; a vague phrase it cannot read
("a large number") has no interval and is compared with nothing. Two figures **agree** when their
intervals meet (share at least one count): "at least 300" and "about 1,000" agree; "4" and "11" do
not. ``best`` is the figure as stated (the value; for vague words the interval's lower end; for a
bounded interval without a value, its middle).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv

ABOUT = 0.10  # "about N" = N ± 10 %
INF = math.inf


@dataclass(frozen=True)
class Interval:
    """The counts a figure allows: ``low`` to ``high`` inclusive (``high`` may be ``inf``)."""

    low: float
    high: float
    best: float

    def meets(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    @property
    def bounded(self) -> bool:
        return self.high != INF


@lru_cache(maxsize=1)
def _vague_table() -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    amounts: dict[str, tuple[float, float]] = {}
    scales: dict[str, float] = {}
    for kind, phrase, low, high in read_tsv("vague_amounts.tsv"):
        if kind == "amount":
            amounts[phrase] = (float(low), INF if high == "inf" else float(high))
        elif kind == "scale":
            scales[phrase] = float(low)
    return amounts, scales


def vague_interval(words: str) -> tuple[float, float] | None:
    """``(low, high)`` of a vague amount ("dozens", "several hundred", "tens of thousands")."""
    amounts, scales = _vague_table()
    text = " ".join(words.casefold().split())
    if text in amounts:
        return amounts[text]
    head, sep, tail = text.partition(" of ")  # "hundreds of thousands"
    if sep and head in amounts and _scale(tail, scales):
        low, high = amounts[head]
        factor = _scale(tail, scales)
        return low * factor, high * factor
    match = re.fullmatch(r"(.+?) (\w+?)s?", text)  # "several hundred", "a few thousand"
    if match and match.group(1) in amounts and match.group(2) in scales:
        low, high = amounts[match.group(1)]
        return low * scales[match.group(2)], high * scales[match.group(2)]
    return None


def _scale(word: str, scales: dict[str, float]) -> float | None:
    word = word.strip()
    return scales.get(word) or scales.get(word[:-1] if word.endswith("s") else word)


def figure_interval(
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    hedge: str | None = None,
    vague: str | None = None,
) -> Interval | None:
    """The interval a figure stands for, by the rule of this module; None when it has no figure."""
    if value is None:
        if vague:
            found = vague_interval(vague)
            return Interval(found[0], found[1], found[0]) if found else None
        if low is not None or high is not None:
            lo, hi = low if low is not None else 0.0, high if high is not None else INF
            return Interval(lo, hi, (lo + hi) / 2 if hi != INF else lo)
        return None
    v = float(value)
    if hedge == "approximately":
        return Interval(v * (1 - ABOUT), v * (1 + ABOUT), v)
    if hedge == "nearly":
        return Interval(v * (1 - ABOUT), v, v)
    if hedge in ("at_least", "more_than"):
        return Interval(float(low) if low is not None else v, INF, v)
    if hedge in ("at_most", "less_than"):
        return Interval(0.0, float(high) if high is not None else v, v)
    lo = float(low) if low is not None else v
    hi = float(high) if high is not None else v
    return Interval(min(lo, v), max(hi, v), v)


def hull(intervals: list[Interval]) -> Interval:
    """The smallest interval holding all of them (best: the middle of the bests)."""
    bests = sorted(i.best for i in intervals)
    return Interval(min(i.low for i in intervals), max(i.high for i in intervals), bests[(len(bests) - 1) // 2])
