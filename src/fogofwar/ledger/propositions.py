"""Propositions: claims from different documents that state the same thing, grouped.

Two claims state the same thing when they share the kind, a compatible outcome
("killed_or_wounded" is compatible with "killed" and with "wounded", which are not compatible
with each other), the affected side's country, a compatible place (the same place name or the
same admin1 region, or one of them has no place, never two different countries) and an
overlapping time: their dates (the claim's date, else the document's published date) lie within
``WINDOW_DAYS`` of the group's dates. Running totals ("as of 14 December", "so far": cues in
``data/cumulative_cues.tsv``) form a series instead, which may span ``SERIES_DAYS``.

For each proposition the figures are listed with claimant, date and document; figures disagree
when two different claimants give different values for the same outcome in the same period (the
whole proposition for one-off events, the same day for running totals). Claimants are counted
once however many outlets carry them, and documents that are syndicated copies of one another
(``fogofwar.ledger.syndication``) count as one source. Grouping is greedy over claims sorted by
(date, document, position), so the result and the ids do not depend on storage order.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.ledger.syndication import SyndicationGroups
from fogofwar.store.ledger_queries import ClaimFacts

WINDOW_DAYS = 7
SERIES_DAYS = 120
EITHER = "killed_or_wounded"
_CASUALTY_OUTCOMES = {"killed", "wounded", EITHER}
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def cumulative_cues() -> re.Pattern[str]:
    phrases = sorted((row[0].strip() for row in read_tsv("cumulative_cues.tsv") if row and row[0].strip()),
                     key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def is_cumulative(evidence: str | None) -> bool:
    """Whether a claim's evidence states a running total ("have been killed so far")."""
    return bool(evidence) and cumulative_cues().search(evidence or "") is not None


def outcomes_compatible(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    return EITHER in (a, b) and a in _CASUALTY_OUTCOMES and b in _CASUALTY_OUTCOMES


def claimant_key(claimant: str | None) -> str | None:
    """A claimant's name, case-folded, without a leading article: "The ministry" = "the Ministry"."""
    if not claimant:
        return None
    return _LEADING_ARTICLE.sub("", " ".join(claimant.split())).casefold()


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
    date: str | None  # the day the claim is about (its date, else the document's published date)
    published: str | None
    publisher: str | None
    source_group: str  # the document's syndication group: copies share it
    place: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    cumulative: bool
    evidence: str | None

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
class Disagreement:
    """Different values from different claimants for the same outcome and period."""

    period: str  # an ISO day for running totals, "event" for a one-off event
    outcome: str | None
    values: tuple[tuple[str, float], ...]  # (claimant, value), sorted


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


# -- grouping -----------------------------------------------------------------------------------


@dataclass
class _Group:
    cumulative: bool
    members: list[tuple[ClaimFacts, date | None]] = field(default_factory=list)
    outcomes: set[str | None] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None

    def accepts(self, c: ClaimFacts, day: date | None, window: int) -> bool:
        if not all(outcomes_compatible(o, c.outcome) for o in self.outcomes):
            return False
        if day is not None and self.first is not None and self.last is not None:
            # one-off events span at most a window from their first report (no chaining across
            # a year of weekly reports); running totals may keep growing from their last one
            reach = self.last if self.cumulative else self.first
            if day < self.first - timedelta(days=window) or day > reach + timedelta(days=window):
                return False
        name, region = _fold(c.place), _fold(c.admin1)
        if c.country and self.countries and c.country not in self.countries:
            return False
        if (name or region) and (self.names or self.regions):
            if not ({name, region} - {None}) & (self.names | self.regions):
                return False
        return True

    def add(self, c: ClaimFacts, day: date | None) -> None:
        self.members.append((c, day))
        self.outcomes.add(c.outcome)
        if name := _fold(c.place):
            self.names.add(name)
        if region := _fold(c.admin1):
            self.regions.add(region)
        if c.country:
            self.countries.add(c.country)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


def _item_key(c: ClaimFacts) -> str | None:
    """Losses and supplies of different things are different propositions ("tanks", "howitzers")."""
    if c.kind not in ("equipment_loss", "supply") or not c.item:
        return None
    head = c.item.split()[-1].casefold()
    return head[:-1] if head.endswith("s") else head


def _day(c: ClaimFacts) -> date | None:
    for value in (c.day, c.published):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def build_propositions(
    facts: Iterable[ClaimFacts], syndication: SyndicationGroups | None = None
) -> list[Proposition]:
    """Group claims into propositions; sorted by number of sources, then date, then id."""
    syndication = syndication or SyndicationGroups({}, ())
    dated = [(c, _day(c)) for c in facts]
    dated.sort(key=lambda cd: (cd[1] or date.max, cd[0].doc, cd[0].idx))
    open_groups: dict[tuple, list[_Group]] = defaultdict(list)
    groups: list[_Group] = []
    for c, day in dated:
        cumulative = is_cumulative(c.evidence)
        family = EITHER if c.outcome in _CASUALTY_OUTCOMES else c.outcome
        key = (c.kind, family, c.side, cumulative, _item_key(c))
        window = SERIES_DAYS if cumulative else WINDOW_DAYS
        candidates = open_groups[key]
        if day is not None:  # groups that ended more than a window ago can take nothing more
            candidates[:] = [
                g for g in candidates
                if g.last is None or day <= (g.last if cumulative else g.first) + timedelta(days=window)
            ]
        target = next((g for g in candidates if g.accepts(c, day, window)), None)
        if target is None:
            target = _Group(cumulative=cumulative)
            candidates.append(target)
            groups.append(target)
        target.add(c, day)
    props = [_proposition(g, syndication) for g in groups]
    props.sort(key=lambda p: (-p.sources, -len(p.figures), p.date_from or "", p.id))
    return props


def _proposition(g: _Group, syndication: SyndicationGroups) -> Proposition:
    figures = tuple(
        Figure(
            claim_id=c.id, doc=c.doc, claimant=c.claimant, outcome=c.outcome, value=_num(c.value),
            low=_num(c.low), high=_num(c.high), hedge=c.hedge, vague=c.vague,
            date=day.isoformat() if day else None, published=c.published, publisher=c.publisher,
            source_group=syndication.of(c.doc), place=c.place, admin1=c.admin1,
            latitude=c.lat, longitude=c.lon, cumulative=g.cumulative, evidence=c.evidence,
        )  # fmt: skip
        for c, day in g.members
    )
    first = g.members[0][0]
    members = sorted((c.doc, c.idx) for c, _ in g.members)
    digest = hashlib.sha1(
        "|".join([first.kind, first.side or "", str(g.cumulative), f"{members[0][0]}#{members[0][1]}"]).encode()
    ).hexdigest()[:12]
    places = [f.place for f in figures if f.place]
    regions = [f.admin1 for f in figures if f.admin1]
    voices: dict[str, str] = {}
    for f in figures:
        voices.setdefault(f.voice_key, f.voice)
    dates = [f.date for f in figures if f.date]
    return Proposition(
        id=f"p-{digest}",
        kind=first.kind,
        outcomes=tuple(sorted({o for o in g.outcomes if o})),
        side=first.side,
        affected=next((c.affected for c, _ in g.members if c.affected), None),
        place=_most_common(places),
        admin1=_most_common(regions),
        cumulative=g.cumulative,
        date_from=min(dates) if dates else None,
        date_to=max(dates) if dates else None,
        figures=figures,
        claimants=tuple(sorted(voices.values(), key=str.casefold)),
        independent_claimants=len(voices),
        sources=len({f.source_group for f in figures}),
        disagreements=_disagreements(figures, g.cumulative),
        series=_series(figures),
    )


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


def _disagreements(figures: tuple[Figure, ...], cumulative: bool) -> tuple[Disagreement, ...]:
    periods: dict[tuple[str, str | None], dict[str, tuple[str, set[float]]]] = defaultdict(dict)
    for f in figures:
        if f.value is None:
            continue
        period = (f.date or "undated") if cumulative else "event"
        voice = periods[(period, f.outcome)].setdefault(f.voice_key, (f.voice, set()))
        voice[1].add(float(f.value))
    out = []
    for (period, outcome), by_voice in sorted(periods.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if len(by_voice) < 2:
            continue
        values = {v for _, vs in by_voice.values() for v in vs}
        if len(values) < 2:
            continue
        pairs = tuple(sorted((name, v) for name, vs in by_voice.values() for v in vs))
        out.append(Disagreement(period=period, outcome=outcome, values=pairs))
    return tuple(out)


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
