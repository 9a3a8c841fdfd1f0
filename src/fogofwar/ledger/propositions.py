"""Propositions: claims from different documents that state the same thing, grouped.

Two claims state the same thing when they share the kind, a compatible outcome
("killed_or_wounded" is compatible with "killed" and with "wounded", which are not compatible
with each other), the affected side's country, the thing lost or supplied, a compatible place
(rolled up to the admin-1 area: the same place name or the same admin1 region, or one of them has
no place; never two different countries) and the same **time shape** (``fogofwar.timespan``):

- events: their days lie within ``WINDOW_DAYS`` of the group's first day;
- period tolls ("over the past three days", "last week", "in November"): their spans overlap and
  start and end within ``PERIOD_SLACK_DAYS`` of each other;
- running totals ("since they entered combat", "so far"): a series per claimant, counted to days
  at most ``SERIES_DAYS`` after the group's last one.

Agreement is by intervals (``fogofwar.ledger.agreement``): a dispute is two independent claimants
whose intervals for the same outcome do not meet. Claimants are counted once however many outlets
carry them (aliases fold: ``fogofwar.ledger.claimants``), and documents that are syndicated copies
of one another (``fogofwar.ledger.syndication``, or the same text stored as a copy) count as one
source. Grouping is greedy over claims sorted by (date, document, position), so the result and the
ids do not depend on storage order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from fogofwar.ledger.agreement import Disagreement, Estimate, disagreements, estimates, interval_of
from fogofwar.ledger.claimants import canonical_claimant, claimant_key
from fogofwar.ledger.proposition_model import (
    CASUALTY_OUTCOMES,
    EITHER,
    Figure,
    Proposition,
    SeriesPoint,
    outcomes_compatible,
)
from fogofwar.ledger.syndication import SyndicationGroups
from fogofwar.store.ledger_queries import ClaimFacts
from fogofwar.timespan import PERIOD, RUNNING_TOTAL, TimeSpan, claim_span, is_cumulative

__all__ = ["Disagreement", "Estimate", "Figure", "Proposition", "SeriesPoint", "assign", "build_propositions",
           "group_key", "placed", "proposition_of", "sort_key", "window_of",
           "claimant_key", "is_cumulative", "outcomes_compatible", "select"]

WINDOW_DAYS = 7
PERIOD_SLACK_DAYS = 2
SERIES_DAYS = 120
# -- grouping -----------------------------------------------------------------------------------


@dataclass
class _Group:
    shape: str
    members: list[tuple[ClaimFacts, TimeSpan, date | None]] = field(default_factory=list)
    outcomes: set[str | None] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    spans: list[tuple[date, date]] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    @property
    def cumulative(self) -> bool:
        return self.shape == RUNNING_TOTAL

    def reach(self, window: int) -> date | None:
        """The last day a new claim may be about and still join."""
        if self.first is None or self.last is None:
            return None
        # one-off events span at most a window from their first report (no chaining across a year
        # of weekly reports); running totals may keep growing from their last one
        return (self.last if self.cumulative else self.first) + timedelta(days=window)

    def accepts(self, c: ClaimFacts, span: TimeSpan, day: date | None, window: int) -> bool:
        if not all(outcomes_compatible(o, c.outcome) for o in self.outcomes):
            return False
        if day is not None and self.first is not None and self.last is not None:
            if day < self.first - timedelta(days=window) or day > (self.reach(window) or day):
                return False
        if self.shape == PERIOD and not self._same_period(span):
            return False
        name, region = _fold(c.place), _fold(c.admin1)
        if c.country and self.countries and c.country not in self.countries:
            return False
        if (name or region) and (self.names or self.regions):
            if not ({name, region} - {None}) & (self.names | self.regions):
                return False
        return True

    def _same_period(self, span: TimeSpan) -> bool:
        bounds = _bounds(span)
        if bounds is None or not self.spans:
            return bounds is None and not self.spans
        first, last = bounds
        slack = timedelta(days=PERIOD_SLACK_DAYS)
        return all(first <= l and f <= last and abs(first - f) <= slack and abs(last - l) <= slack
                   for f, l in self.spans)  # fmt: skip

    def add(self, c: ClaimFacts, span: TimeSpan, day: date | None) -> None:
        self.members.append((c, span, day))
        self.outcomes.add(c.outcome)
        if name := _fold(c.place):
            self.names.add(name)
        if region := _fold(c.admin1):
            self.regions.add(region)
        if c.country:
            self.countries.add(c.country)
        if (bounds := _bounds(span)) is not None:
            self.spans.append(bounds)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


def _bounds(span: TimeSpan) -> tuple[date, date] | None:
    if not span.first or not span.last:
        return None
    return date.fromisoformat(span.first), date.fromisoformat(span.last)


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


def _item_key(c: ClaimFacts) -> str | None:
    """Losses and supplies of different things are different propositions ("tanks", "howitzers")."""
    if c.kind not in ("equipment_loss", "supply") or not c.item:
        return None
    head = c.item.split()[-1].casefold()
    return head[:-1] if head.endswith("s") else head


def span_of(c: ClaimFacts) -> TimeSpan:
    """The time a stored claim covers (``fogofwar.timespan``)."""
    has_figure = c.value is not None or bool(c.vague) or c.low is not None or c.high is not None
    time = {"text": c.time_text, "date": c.date, "precision": c.time_precision}
    return claim_span(time, c.evidence, c.published[:10] if c.published else None, has_figure)


def _day(span: TimeSpan) -> date | None:
    """The day a claim is placed on: a running total's day counted to, else its first day."""
    value = span.last if span.shape == RUNNING_TOTAL else (span.first or span.last)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def build_propositions(
    facts: Iterable[ClaimFacts],
    syndication: SyndicationGroups | None = None,
    copies: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Proposition]:
    """Group claims into propositions; sorted by number of sources, then date, then id.
    ``copies``: a document's stored syndicated copies, by the publisher that carried each."""
    syndication = syndication or SyndicationGroups({}, ())
    dated = sorted((placed(c) for c in facts), key=sort_key)
    open_groups: dict[tuple, list[_Group]] = defaultdict(list)
    groups: list[_Group] = []
    for c, span, day in dated:
        target, created = assign(open_groups[group_key(c, span)], c, span, day)
        if created:
            groups.append(target)
    props = [_proposition(g, syndication, copies or {}) for g in groups]
    props.sort(key=lambda p: (-p.sources, -len(p.figures), p.date_from or "", p.id))
    return props


Placed = tuple[ClaimFacts, TimeSpan, "date | None"]
Group = _Group  # a group of claims being formed (``assign``, ``proposition_of``)


def placed(c: ClaimFacts) -> Placed:
    """A claim with the time it covers and the day it is grouped on."""
    span = span_of(c)
    return c, span, _day(span)


def sort_key(p: Placed) -> tuple[date, str, int]:
    """The order claims are grouped in: by day (undated last), document, position."""
    return p[2] or date.max, p[0].doc, p[0].idx


def group_key(c: ClaimFacts, span: TimeSpan) -> tuple:
    """What claims of one proposition always share: no proposition spans two keys."""
    family = EITHER if c.outcome in CASUALTY_OUTCOMES else c.outcome
    return (c.kind, family, c.side, span.shape, _item_key(c))


def window_of(shape: str) -> int:
    return SERIES_DAYS if shape == RUNNING_TOTAL else WINDOW_DAYS


def assign(candidates: list[_Group], c: ClaimFacts, span: TimeSpan, day: date | None) -> tuple[_Group, bool]:
    """One step of the greedy grouping: the open group of the claim's key that takes it (pruning
    the closed ones), else a new one appended to ``candidates``; and whether it is new."""
    window = window_of(span.shape)
    if day is not None:  # groups that ended more than a window ago can take nothing more
        candidates[:] = [g for g in candidates if g.reach(window) is None or day <= g.reach(window)]
    target = next((g for g in candidates if g.accepts(c, span, day, window)), None)
    created = target is None
    if target is None:
        target = _Group(shape=span.shape)
        candidates.append(target)
    target.add(c, span, day)
    return target, created


def _figure(c: ClaimFacts, span: TimeSpan, day: date | None, syndication: SyndicationGroups) -> Figure:
    f = Figure(
        claim_id=c.id, doc=c.doc, claimant=c.claimant, outcome=c.outcome, value=_num(c.value),
        low=_num(c.low), high=_num(c.high), hedge=c.hedge, vague=c.vague,
        date=day.isoformat() if day else None, published=c.published, publisher=c.publisher,
        source_group=syndication.of(c.doc), place=c.place, admin1=c.admin1,
        latitude=c.lat, longitude=c.lon, cumulative=span.shape == RUNNING_TOTAL, evidence=c.evidence,
        time_shape=span.shape, time_text=c.time_text, date_first=span.first, date_last=span.last,
        date_precision=span.precision, date_basis=span.basis,
        canonical_claimant=canonical_claimant(c.claimant), item=c.item, weapon=c.weapon, agent=c.agent,
        agent_country=c.agent_country, affected=c.affected,
        civilian=None if c.civilian is None else bool(c.civilian),
    )  # fmt: skip
    interval = interval_of(f)
    if interval is None:
        return f
    high = None if not interval.bounded else _num(interval.high)
    return replace(f, interval_low=_num(interval.low), interval_high=high)


_PRECISION_ORDER = ("hour", "day", "week", "month", "year")


def proposition_of(g: _Group, syndication: SyndicationGroups, copies: Mapping[str, tuple[str, ...]]) -> Proposition:
    """The proposition of a group of claims (members in grouping order)."""
    return _proposition(g, syndication, copies)


def _proposition(g: _Group, syndication: SyndicationGroups, copies: Mapping[str, tuple[str, ...]]) -> Proposition:
    from fogofwar.ledger.titles import proposition_title

    figures = tuple(_figure(c, span, day, syndication) for c, span, day in g.members)
    first = g.members[0][0]
    members = sorted((c.doc, c.idx) for c, _, _ in g.members)
    # the id keeps the old cumulative flag, so ids of events and running totals stay as they were
    digest = hashlib.sha1(
        "|".join([first.kind, first.side or "", str(g.cumulative), f"{members[0][0]}#{members[0][1]}"]
                 + ([g.shape] if g.shape == PERIOD else [])).encode()
    ).hexdigest()[:12]
    places = [f.place for f in figures if f.place]
    regions = [f.admin1 for f in figures if f.admin1]
    voices: dict[str, str] = {}
    for f in figures:
        voices.setdefault(f.voice_key, f.voice)
    dates = [f.date for f in figures if f.date]
    precisions = [f.date_precision for f in figures if f.date_precision in _PRECISION_ORDER]
    starts = [f.date_first for f in figures if f.date_first]
    docs = sorted({f.doc for f in figures})
    publishers = {f.publisher for f in figures if f.publisher}
    publishers.update(p for d in docs for p in copies.get(d, ()) if p)
    prop = Proposition(
        id=f"p-{digest}",
        kind=first.kind,
        outcomes=tuple(sorted({o for o in g.outcomes if o})),
        side=first.side,
        affected=next((c.affected for c, _, _ in g.members if c.affected), None),
        place=_most_common(places),
        admin1=_most_common(regions),
        cumulative=g.cumulative,
        date_from=min(dates) if dates else None,
        date_to=max(dates) if dates else None,
        figures=figures,
        claimants=tuple(sorted(voices.values(), key=str.casefold)),
        independent_claimants=len(voices),
        sources=len({f.source_group for f in figures}),
        disagreements=disagreements(figures, g.shape),
        series=_series(figures),
        time_shape=g.shape,
        date_precision=max(precisions, key=_PRECISION_ORDER.index) if precisions else None,
        since=min(starts) if g.shape == RUNNING_TOTAL and starts else None,
        estimates=estimates(figures, g.shape),
        outlets=tuple(sorted(publishers, key=str.casefold)),
        publications=len(docs) + sum(len(copies.get(d, ())) for d in docs),
    )
    return replace(prop, title=proposition_title(prop))


def _num(x: float | None) -> float | None:
    """Whole numbers as ``int`` (200, not 200.0), as in ``Claim.to_dict``."""
    return int(x) if x is not None and float(x).is_integer() else x


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return max(sorted(counts), key=lambda v: counts[v])


def _series(figures: tuple[Figure, ...]) -> tuple[SeriesPoint, ...]:
    points = {
        (f.date, f.voice_key, f.value, f.outcome): SeriesPoint(
            date=f.date, value=float(f.value), claimant=f.voice, outcome=f.outcome, hedge=f.hedge, doc=f.doc
        )
        for f in figures
        if f.value is not None and f.date
    }
    return tuple(sorted(points.values(), key=lambda p: (p.date, p.claimant.casefold(), p.value)))


def select(props: Iterable[Proposition], claim_ids: set[int] | None = None, disputed: bool | None = None) -> list[Proposition]:
    """Propositions with at least one figure among ``claim_ids`` (None: all), maybe only disputed."""
    out = []
    for p in props:
        if disputed is not None and p.disputed != disputed:
            continue
        if claim_ids is not None and not any(f.claim_id in claim_ids for f in p.figures):
            continue
        out.append(p)
    return out
