"""What a proposition is, as the ledger hands it out: the figures (one claim each, with who
says it, its interval and its time span), the points of a running total's series, and the
proposition with its claimants, sources, disagreements and estimates.
``fogofwar.ledger.propositions`` groups claims into them."""

from __future__ import annotations

from dataclasses import dataclass

from fogofwar.ledger.agreement import Disagreement, Estimate
from fogofwar.ledger.claimants import claimant_key
from fogofwar.timespan import EVENT

EITHER = "killed_or_wounded"
CASUALTY_OUTCOMES = {"killed", "wounded", EITHER}

def outcomes_compatible(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    return EITHER in (a, b) and a in CASUALTY_OUTCOMES and b in CASUALTY_OUTCOMES


@dataclass(frozen=True)
class Figure:
    """One claim of a proposition: who says what, when, in which document."""

    claim_id: int
    doc: str
    claimant: str | None  # None: the document's own voice
    outcome: str | None
    value: float | None
    low: float | None
    high: float | None
    hedge: str | None
    vague: str | None
    date: str | None  # the day the claim is about: its first day (running totals: the day counted to)
    published: str | None
    publisher: str | None
    source_group: str  # the document's syndication group: copies share it
    place: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    cumulative: bool
    evidence: str | None
    time_shape: str = EVENT  # "event", "period", "running_total"
    time_text: str | None = None  # the time phrase as written
    date_first: str | None = None  # first day the claim covers (None: a running total's open start)
    date_last: str | None = None  # last day it covers (running totals: the day counted to)
    date_precision: str | None = None  # of the stated date: "day", "week", "month", "year"
    date_basis: str = "text"  # "publication": the text gives no date, publication bounds it
    interval_low: float | None = None  # the figure as an interval (fogofwar.ledger.intervals)
    interval_high: float | None = None  # None: no upper bound
    canonical_claimant: str | None = None  # the body the claimant names, from its aliases
    item: str | None = None
    weapon: str | None = None
    agent: str | None = None
    agent_country: str | None = None
    affected: str | None = None
    civilian: bool | None = None

    @property
    def voice(self) -> str:
        """The claimant as shown: the claimant, else the publisher, else the document."""
        return self.claimant or self.publisher or self.doc

    @property
    def voice_key(self) -> str:
        """What counts as one independent claimant (syndicated copies of a report are one)."""
        return claimant_key(self.claimant) or f"doc:{self.source_group}"


@dataclass(frozen=True)
class SeriesPoint:
    """A figure on the proposition's time line."""

    date: str
    value: float
    claimant: str
    outcome: str | None
    hedge: str | None
    doc: str


@dataclass(frozen=True)
class Proposition:
    id: str
    kind: str
    outcomes: tuple[str, ...]
    side: str | None
    affected: str | None
    place: str | None
    admin1: str | None
    cumulative: bool
    date_from: str | None
    date_to: str | None
    figures: tuple[Figure, ...]
    claimants: tuple[str, ...]
    independent_claimants: int
    sources: int  # documents, syndicated copies counted once
    disagreements: tuple[Disagreement, ...]
    series: tuple[SeriesPoint, ...]
    time_shape: str = EVENT  # "event", "period" (a toll over a stretch), "running_total"
    date_precision: str | None = None  # the coarsest precision of its figures' stated dates
    since: str | None = None  # running totals: the earliest start a claimant states
    estimates: tuple[Estimate, ...] = ()  # low / best / high per outcome, with the rule named
    title: str = ""
    outlets: tuple[str, ...] = ()  # publishers that carried it, syndicated copies included
    publications: int = 0  # documents and stored copies that carry it

    @property
    def disputed(self) -> bool:
        return bool(self.disagreements)

    @property
    def agree(self) -> bool | None:
        """True when several claimants give figures and none disagree; None with one claimant."""
        if self.disputed:
            return False
        return True if self.independent_claimants > 1 else None

    @property
    def claim_ids(self) -> tuple[int, ...]:
        return tuple(f.claim_id for f in self.figures)
