"""The time a claim covers: its shape (an event, a period toll, a running total) and its span of days.

Computed when a claim is read, from what every store keeps (the time phrase as written, its ISO date
and precision, the evidence, the publication date), so the CLI, the API, the propositions and the
exports agree, and nothing new is stored.

Shapes, never mixed in one proposition:

- ``running_total``: the evidence states a total to date: a "since ..." phrase ("since they entered
  combat", "since February 2022") or a cue of ``data/cumulative_cues.tsv`` ("so far", "as of 14
  December", "to date"). Its span runs from the start it states ("since February 2022": 2022-02-01;
  "since they entered combat": open, ``first`` None) to the day it is counted to: the claim's date
  when that is not the start, else the publication date.
- ``period``: a figure over a stated stretch longer than one day: "over the past three days" (the
  three days that end on the publication date), "last week" (that ISO week, Monday to
  Sunday), "in November" (the month), "in 2016" (the year), "over the past day".
- ``event``: anything else: one day, or a day known only to its week, month or year; a claim with
  no figure and a "since" phrase ("have lost control since 2016") spans from then to publication.

A date keeps its precision as a span: a day is itself, a week Monday..Sunday, a month its first to
last day, a year 1 January..31 December. Where the text gives no date, the publication date is the
bound (``basis`` "publication"): the event happened on or before it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from fogofwar.data_files import read_tsv

EVENT, PERIOD, RUNNING_TOTAL = "event", "period", "running_total"

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_STRETCH = re.compile(
    r"\b(?:past|last|previous|recent|over|during|throughout)\b.*\b(?:hours?|days?|nights?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_PAST_N = re.compile(
    r"\b(?:past|last|previous)\s+(?P<n>\d+|[a-z-]+(?:\s+[a-z-]+)?)\s+(?P<unit>hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True)
class TimeSpan:
    """What a claim's time covers: ``first``..``last`` ISO days (``first`` None: an open start)."""

    shape: str  # "event", "period", "running_total"
    first: str | None
    last: str | None
    precision: str | None  # of the stated date: "day", "week", "month", "year"; None without one
    basis: str  # "text": the text dates it; "publication": only the publication date bounds it
    text: str | None = None  # the time phrase as written

    @property
    def days(self) -> int | None:
        """How many days the span covers; None for an open or unknown span."""
        if not self.first or not self.last:
            return None
        return (date.fromisoformat(self.last) - date.fromisoformat(self.first)).days + 1

    @property
    def as_of(self) -> str | None:
        """The day a figure is counted to: the span's last day."""
        return self.last


@lru_cache(maxsize=1)
def cumulative_cues() -> re.Pattern[str]:
    phrases = sorted((row[0].strip() for row in read_tsv("cumulative_cues.tsv") if row and row[0].strip()),
                     key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def is_cumulative(evidence: str | None, time_text: str | None = None) -> bool:
    """Whether a claim states a running total ("have been killed so far", "since 2022")."""
    for text in (evidence, time_text):
        if text and (cumulative_cues().search(text) or _SINCE.search(text)):
            return True
    return False


def calendar_span(iso: str | None) -> tuple[str, str] | None:
    """First and last day of an ISO date at its precision ("2016-12", "2024-W50", "2016")."""
    week = _ISO_WEEK.fullmatch(iso or "")
    try:
        if week:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        match = _PARTIAL_DATE.match(iso or "")
        if not match:
            return None
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day:
            iso_day = date(int(year), int(month), int(day)).isoformat()
            return iso_day, iso_day
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", date(int(year), int(month), last).isoformat()
        return f"{year}-01-01", f"{year}-12-31"
    except ValueError:
        return None


def claim_span(
    time: dict | None,
    evidence: str | None,
    published: str | date | None,
    has_figure: bool = True,
) -> TimeSpan:
    """The span of a claim from its ``time`` dict (``Claim.to_dict()["time"]``), evidence and
    publication date; ``has_figure``: only a figure can be a period toll or a running total."""
    time = time or {}
    text, iso, precision = time.get("text"), time.get("date"), time.get("precision")
    pub = published.isoformat() if isinstance(published, date) else (published or None)
    stated = calendar_span(iso)
    since = bool(text) and text.strip().casefold().startswith("since")
    if has_figure and is_cumulative(evidence, text):
        first = stated[0] if since and stated else None
        last = stated[1] if stated and not since else pub
        return TimeSpan(RUNNING_TOTAL, first, last, precision, "text" if stated else "publication", text)
    if stated and since:  # "has held the town since 2016": from then to publication, no count
        return TimeSpan(EVENT, stated[0], pub or stated[1], precision, "text", text)
    if stated:
        first, last = stated
        shape = PERIOD if has_figure and (first != last or (text and _STRETCH.search(text))) else EVENT
        return TimeSpan(shape, first, last, precision, "text", text)
    past = _PAST_N.search(text or "")
    if has_figure and past and pub:
        n = _number(past.group("n"))
        unit = _UNIT_DAYS[past.group("unit").casefold().rstrip("s")]
        first = (date.fromisoformat(pub) - timedelta(days=max(0, n * unit - 1))).isoformat() if n else None
        return TimeSpan(PERIOD, first, pub, "day", "text", text)
    return TimeSpan(EVENT, pub, pub, None, "publication", text)


@lru_cache(maxsize=1)
def _cardinals() -> dict[str, int]:
    return {phrase.casefold(): int(value) for kind, phrase, value in read_tsv("numbers.tsv") if kind == "cardinal"}


def _number(words: str) -> int | None:
    words = words.casefold().strip()
    if words.isdigit():
        return int(words)
    if words in _cardinals():
        return _cardinals()[words]
    parts = words.replace("-", " ").split()
    if len(parts) == 2 and all(p in _cardinals() for p in parts):
        return _cardinals()[parts[0]] + _cardinals()[parts[1]]
    return None  # "several", "few": the span's start is not stated


# ACLED's time_precision: 1 the day is known, 2 a week or a span of up to 7 days, 3 a month or longer
def acled_time_precision(span: TimeSpan) -> int:
    if span.basis == "publication" and span.shape != RUNNING_TOTAL:
        return 2
    days = span.days
    if days is None:
        return 3
    return 1 if days == 1 else 2 if days <= 7 else 3


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def span_label(span: TimeSpan) -> str | None:
    """The span as a reader says it: "29 Nov 2024", "week of 18 Nov 2024", "Nov 2024", "2022",
    "16-18 Dec 2024", "since Feb 2022, to 18 Dec 2024", "to 18 Dec 2024"; None without a date."""
    if span.basis == "publication" and span.shape != RUNNING_TOTAL:
        return None
    if span.shape == RUNNING_TOTAL:
        start = _stated_label(span.first, span.precision) if span.first else None
        end = day_label(span.last) if span.last else None
        parts = [f"since {start}" if start else None, f"to {end}" if end else None]
        return ", ".join(p for p in parts if p) or None
    if not span.first or not span.last:
        return None
    if span.precision in ("week", "month", "year") and span.first != span.last:
        return _stated_label(span.first, span.precision)
    if span.first == span.last:
        return day_label(span.first)
    return f"{day_label(span.first)} to {day_label(span.last)}"


def _stated_label(first: str, precision: str | None) -> str:
    d = date.fromisoformat(first)
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    if precision == "week":
        return f"week of {day_label(first)}"
    return day_label(first)
