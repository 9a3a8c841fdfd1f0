"""Questions about character spans answered by binary search, not by a scan of every span.

A stage that asks, for each of n names, whether it overlaps or lies inside one of n other spans
does n² work when it scans; sorted once, each question costs log n.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """A fixed set of ``(start, end)`` spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to here
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)
        self._longest_at: dict[int, int] = {}  # start -> furthest end of the spans starting there
        for start, end in ordered:
            self._longest_at[start] = max(end, self._longest_at.get(start, end))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span ``(s, e)`` has ``s < end`` and ``start < e``."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def holds(self, start: int, end: int) -> bool:
        """Whether a span ``(s, e)`` has ``s <= start`` and ``end <= e``."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end

    def holds_longer(self, start: int, end: int) -> bool:
        """Whether a span contains ``(start, end)`` and is longer than it."""
        k = bisect_left(self._starts, start)
        if k > 0 and self._reach[k - 1] >= end:
            return True
        return self._longest_at.get(start, end) > end

    def holds_point(self, at: int) -> bool:
        """Whether a span ``(s, e)`` has ``s <= at < e``."""
        k = bisect_right(self._starts, at)
        return k > 0 and self._reach[k - 1] > at
