"""Stage 4, times: find the time phrases of each sentence and resolve them against the publication date.

The phrases are found by ``fogofwar.language.time_phrases``; a leading preposition ("on", "in",
"as of", "since", "between") is kept in their text, as written.

Resolution is arithmetic on the pieces, with ``dateparser`` only for "N days/weeks/months/years ago"
(cached). Dates without a year take the latest such date on or before publication (as dateparser's
``PREFER_DATES_FROM='past'``). Nothing is invented: with no publication date a day and month without a
year, a weekday or "yesterday" keep their text and precision but get ``date=None``.

``TimeRef.date`` is ISO at ``precision``: "2024-12-14" (day), "2024-W50" (week), "2016-12" (month),
"2016" (year). A clock time does not raise the precision: "14 December at noon GMT" is precision
"day" with ``time_of_day="12:00"`` and ``timezone="UTC"``, so that ``date`` stays comparable.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from fogofwar.language.resources import Resources
from fogofwar.language.time_phrases import (
    _calendar,
    _groups,
    _patterns,
    _Piece,
    _pieces,
)
from fogofwar.models import AnalyzedArticle, TimeRef


def _find(text: str, published: date | None) -> tuple[TimeRef, ...]:
    out: list[TimeRef] = []
    lead = _patterns().lead
    for group in _groups(text, _pieces(text)):
        start, end = group[0].start, group[-1].end
        if all(p.kind == "tz" for p in group):
            continue  # a zone alone ("GMT") is not a time
        m = lead.search(text, max(0, start - 12), start)
        if m:
            start = m.start()
        out.append(_resolve(text[start:end], start, end, group, published))
    return tuple(out)


@lru_cache(maxsize=4096)
def _cached_find(text: str, published: date | None) -> tuple[TimeRef, ...]:
    return _find(text, published)


def find_times(text: str, published: date | None, offset: int = 0) -> list[TimeRef]:
    """Time phrases of ``text`` resolved against ``published``; offsets shifted by ``offset``."""
    found = _cached_find(text, published)
    if not offset:
        return list(found)
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in found]


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    published = doc.article.published
    dateline = doc.dateline or (0, 0)  # the filing date of a wire dateline dates no event
    doc.times = [
        t for s in doc.sentences for t in find_times(s.text, published, s.start)
        if not (dateline[0] <= t.start and t.end <= dateline[1])
    ]


# --- resolution -------------------------------------------------------------------------------


def _resolve(
    phrase: str, start: int, end: int, group: list[_Piece], pub: date | None
) -> TimeRef:
    fields: dict[str, object] = {}
    for p in group:
        for k, v in p.fields.items():
            fields.setdefault(k if k != "form" else p.kind + "_form", v)
    iso, precision = _resolve_date(fields, pub)
    clock = fields.get("t")
    zone = fields.get("z")
    tod = _clock(str(clock)) if clock else None
    tz = (
        _calendar().timezones.get(re.sub(r"\s+", " ", str(zone)).lower())
        if zone
        else None
    )
    return TimeRef(
        start, end, phrase, iso, precision, tod, None if tz == "local" else tz
    )


def _resolve_date(
    f: dict[str, object], pub: date | None
) -> tuple[str | None, str | None]:
    cal = _calendar()
    form = f.get("date_form")
    if form in ("dmy", "mdy"):
        month = cal.months[str(f["m"]).lower()]
        day_ = _day(str(f["d"]))
        if f.get("y"):
            return _iso_day(int(str(f["y"])), month, day_), "day"
        return _day_no_year(
            month, day_, pub, cal.weekdays.get(str(f.get("day", "")).lower())
        ), "day"
    if form == "my":
        return f"{int(str(f['y'])):04d}-{cal.months[str(f['m']).lower()]:02d}", "month"
    if form == "mo":
        month = cal.months[str(f["m"]).lower()]
        if pub is None:
            return None, "month"
        mod = str(f.get("mod") or "").lower()
        year = pub.year if month <= pub.month else pub.year - 1
        if mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif mod == "this":
            year = pub.year
        return f"{year:04d}-{month:02d}", "month"
    if form == "season":
        y = f.get("season_y") or f.get("y")
        return (str(y), "year") if y else (None, None)
    if form == "yr":
        return str(f["y"]), "year"
    if form == "rel":
        return _relative(str(f["r"]), pub)
    if f.get("weekday_form"):
        return _weekday_date(f, pub), "day"
    return None, None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _iso_day(year: int, month: int, day_: int) -> str | None:
    try:
        return date(year, month, day_).isoformat()
    except ValueError:
        return None


def _day_no_year(
    month: int, day_: int, pub: date | None, weekday: int | None
) -> str | None:
    """The year that makes a named weekday fit ("Monday, Dec. 26"), else the latest such date on
    or before publication (dates from the past are preferred)."""
    if pub is None:
        return None
    if weekday is not None:
        for year in (pub.year, pub.year - 1, pub.year + 1):
            fits = _iso_day(year, month, day_)
            if fits and date.fromisoformat(fits).weekday() == weekday:
                return fits
    for year in (pub.year, pub.year - 1):
        try:
            d = date(year, month, day_)
        except ValueError:
            continue
        if d <= pub:
            return d.isoformat()
    return None


def _weekday_date(f: dict[str, object], pub: date | None) -> str | None:
    if pub is None:
        return None
    wd = _calendar().weekdays[str(f["day"]).lower()]
    mod = str(f.get("wmod") or "").lower()
    back = (pub.weekday() - wd) % 7
    if mod == "next":
        return (pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)).isoformat()
    if mod == "last" and back == 0:
        back = 7
    return (pub - timedelta(days=back)).isoformat()


_DAY_WORDS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "overnight": 0,
    "tomorrow": 1,
}


def _relative(phrase: str, pub: date | None) -> tuple[str | None, str | None]:
    p = re.sub(r"\s+", " ", phrase.lower())
    if p in _DAY_WORDS:
        return (
            None if pub is None else (pub + timedelta(days=_DAY_WORDS[p])).isoformat()
        ), "day"
    m = re.fullmatch(
        r"(?:(?:earlier|later) )?(this|last|next|past|coming) (week|weekend|month|year)",
        p,
    )
    if m:
        step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[m.group(1)]
        if p.startswith(("earlier", "later")):
            step = 0 if "this" in p else -1
        return _calendar_unit(m.group(2), step, pub)
    if re.fullmatch(
        r"(?:the )?(?:last|past) (?:24 hours|day|night|twenty-four hours)", p
    ):
        return (pub.isoformat() if pub else None), "day"
    if p.endswith(" ago"):
        return _ago(p, pub)
    return (
        None,
        None,
    )  # spans ("the past two weeks") and event-relative days ("the following day")


def _calendar_unit(
    unit: str, step: int, pub: date | None
) -> tuple[str | None, str | None]:
    if unit in ("week", "weekend"):
        if pub is None:
            return None, "week"
        y, w, _ = (pub + timedelta(weeks=step)).isocalendar()
        return f"{y:04d}-W{w:02d}", "week"
    if unit == "month":
        if pub is None:
            return None, "month"
        n = pub.year * 12 + pub.month - 1 + step
        return f"{n // 12:04d}-{n % 12 + 1:02d}", "month"
    return (None if pub is None else str(pub.year + step)), "year"


def _ago(phrase: str, pub: date | None) -> tuple[str | None, str | None]:
    unit = re.search(r"(hour|day|week|month|year|decade)s?", phrase)
    precision = {"hour": "day", "day": "day", "week": "day", "month": "month"}.get(
        unit.group(1) if unit else "", "year"
    )
    if pub is None or re.search(r"\b(?:several|few)\b", phrase):
        return None, precision
    parsed = _dateparser_parse(phrase, pub)
    if parsed is None:
        return None, precision
    iso = parsed.date().isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[precision], precision


@lru_cache(maxsize=2048)
def _dateparser_parse(phrase: str, pub: date) -> datetime | None:
    import dateparser

    base = datetime(pub.year, pub.month, pub.day, 12, 0)
    return dateparser.parse(
        phrase,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )


def _clock(t: str) -> str | None:
    s = t.lower().replace(" ", "")
    if s in ("noon", "midday"):
        return "12:00"
    if s == "midnight":
        return "00:00"
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d\d))?([ap])?\.?(?:m\.?)?", s)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    if m.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"
