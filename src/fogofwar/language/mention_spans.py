"""Mentions while they are being built, and the few operations on their spans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fogofwar.models import EntityType, Mention


@dataclass
class Span:
    """A mention while it is being built: offsets relative to its sentence."""

    start: int
    end: int
    type: EntityType
    source: str
    canonical: str | None = None
    country: str | None = None


def merge(strong: list[Span], weak: list[Span]) -> list[Span]:
    """``strong`` spans plus the ``weak`` ones that overlap none of them, sorted, no overlap."""
    kept = list(strong) + [m for m in weak if not overlaps(strong, m.start, m.end)]
    kept.sort(key=lambda m: (m.start, -m.end))
    out: list[Span] = []
    for m in kept:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def inside_other(span: Span, others: list[Span]) -> bool:
    """Whether ``span`` lies inside one of ``others`` without being the same extent."""
    return any(o.start <= span.start and span.end <= o.end and (o.start, o.end) != (span.start, span.end)
               for o in others)


def overlaps(spans: Iterable[Span | Mention], start: int, end: int) -> bool:
    """Whether any of ``spans`` shares a character with ``start``–``end``."""
    return any(s.start < end and start < s.end for s in spans)
