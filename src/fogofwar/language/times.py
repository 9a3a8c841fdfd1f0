"""Stage 4, times: find the time phrases of each sentence and resolve them against the publication date.

Phrases are found with regular expressions over small pieces (a calendar date, a weekday, a month, a
year, a clock time, a time zone, a relative word such as "yesterday" or "last week"); pieces that
touch ("Monday, Dec. 26", "14 December at noon Greenwich Mean Time") are joined into one phrase, and a
leading preposition ("on", "in", "as of", "since", "between") is kept in its text, as written.

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
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.language.alternation import alternation
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, TimeRef

YEAR_MIN, YEAR_MAX = 1900, 2099


@dataclass(frozen=True)
class _Calendar:
    months: dict[str, int]  # lower-cased name -> 1..12
    weekdays: dict[str, int]  # lower-cased name -> 0 (Monday)..6
    timezones: dict[str, str]  # lower-cased phrase -> zone
    written: dict[str, tuple[str, ...]]  # kind -> phrases as written in the data file


def month_names() -> list[str]:
    """Month names as written ("January", "Jan.", "Sept"), from ``data/numbers.tsv``."""
    return list(_calendar().written["month"])


@lru_cache(maxsize=1)
def _calendar() -> _Calendar:
    values: dict[str, dict[str, str]] = {
        "month": {},
        "weekday": {},
        "timezone": {},
        "season": {},
    }
    written: dict[str, list[str]] = {k: [] for k in values}
    for kind, phrase, value in read_tsv("numbers.tsv"):
        if kind in values:
            values[kind][phrase.lower()] = value
            written[kind].append(phrase)
    return _Calendar(
        months={k: int(v) for k, v in values["month"].items()},
        weekdays={k: int(v) for k, v in values["weekday"].items()},
        timezones=values["timezone"],
        written={k: tuple(v) for k, v in written.items()},
    )


_NUMBER_WORDS = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|forty-eight|seventy-two|several|few|a\s+few)"
)
_SPAN_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
_LEADS = r"(?:as\s+of|on|in|since|by|until|till|from|during|before|after|between|through|throughout)"
_MODIFIERS = r"(?:early|mid-?|late|last|next|this|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"


@dataclass(frozen=True)
class _Patterns:
    pieces: re.Pattern[str]
    join: re.Pattern[str]
    lead: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    cal = _calendar()
    # Month and weekday names are matched capitalised: "may", "march" and "sun" are words.
    month = rf"(?:{alternation(cal.written['month'])})"
    weekday = rf"(?:{alternation(cal.written['weekday'])})"
    zone = rf"(?:{alternation(cal.written['timezone'])})"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:(?:19|20)\d\d)(?![\d,]\d|\.\d|\w)"
    ampm = r"\s*[ap]\.?m\b\.?"
    clock = (
        rf"(?i:noon|midday|midnight|(?:[01]?\d|2[0-3]):[0-5]\d(?:{ampm})?"
        rf"|(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?{ampm})"
    )
    relative = (
        r"(?i:today|tonight|yesterday|tomorrow|overnight|last\s+night"
        r"|this\s+(?:morning|afternoon|evening)"
        r"|(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)"
        r"|(?:this|last|next|past|coming)\s+(?:week(?:end)?|month|year)"
        rf"|(?:the\s+)?(?:last|past|previous|next|coming)\s+{_NUMBER_WORDS}\s+{_SPAN_UNITS}"
        rf"|(?:the\s+)?(?:past|last)\s+(?:day|hour|night)"
        rf"|{_NUMBER_WORDS}\s+{_SPAN_UNITS}\s+ago"
        r"|recent\s+(?:days|weeks|months)"
        r"|(?:the\s+)?(?:following|previous|next)\s+(?:day|morning|night|week)"
        r"|the\s+day\s+before)"
    )
    season = (
        rf"(?:(?P<season_mod>(?i:early|late|mid-?|last|next|this))\s+)?(?i:{alternation(cal.written['season'])})"
        rf"\s+(?:of\s+)?(?P<season_y>{year})"
    )
    bound = r"(?<![\w])"
    forms = {
        # 14 December / 4 February 2015 / 11-13 Dec. / 11 and 13 December
        "dmy": (
            rf"(?<![\w.,-])(?P<dmy_d>{day})(?:\s*(?:-|–|and|to)\s*(?P<dmy_d2>{day}))?"
            rf"\s+(?:of\s+)?(?P<dmy_m>{month})(?!\w)(?:,?\s+(?P<dmy_y>{year}))?"
        ),
        # Dec. 26 / October 26, 2008 / Dec.14th / May 6-7
        "mdy": (
            rf"{bound}(?P<mdy_m>{month})\s*(?P<mdy_d>{day})(?![\d:]|,\d)"
            rf"(?:\s*[-–]\s*(?P<mdy_d2>{day})(?!\d))?(?:,?\s+(?P<mdy_y>{year}))?"
        ),
        # December 2016 / early November 2005
        "my": (
            rf"{bound}(?:(?P<my_mod>{_MODIFIERS})(?:\s+|(?<=-)))?(?P<my_m>{month})(?:\s+of)?,?\s+"
            rf"(?P<my_y>{year})"
        ),
        # mid January / last December / In December (a word before is required: "May")
        "mo": (
            rf"{bound}(?:(?P<mo_mod>(?i:{_MODIFIERS}))|(?i:in|since|until|by|during|before|after|from))"
            rf"(?:\s+|(?<=-))(?P<mo_m>{month})(?![\w-])(?!\.?,?\s*(?:of\s+)?\d)"
        ),
        "season": rf"{bound}{season}(?![\w])",
        "wd": (
            rf"{bound}(?:(?P<wd_wmod>(?i:last|next|this|early|late))\s+)?(?P<wd_day>{weekday})"
            r"(?:\s+(?P<wd_part>morning|afternoon|evening|night))?(?![\w])"
        ),
        # 2011 / early 2016 / 1977-1979
        "yr": (
            rf"(?<![\w$£€.,/-])(?:(?P<yr_mod>(?i:early|mid-?|late|the\s+end\s+of))(?:\s+|(?<=-)))?"
            rf"(?P<yr_y>{year})(?:\s*[-–]\s*(?P<yr_y2>{year}))?"
        ),
        "clock": rf"(?<![\w:.])(?:(?i:at|around|about)\s+)?(?P<clock_t>{clock})(?![\w:])",
        "tz": rf"{bound}(?P<tz_z>{zone})(?![\w])",
        "rel": rf"{bound}(?P<rel_r>{relative})(?![\w])",
    }
    # Every piece starts a word: the guard skips the other positions fast.
    alternatives = "|".join(f"(?P<{name}>{rx})" for name, rx in forms.items())
    pieces = re.compile(rf"(?<!\w)(?=\w)(?:{alternatives})")
    join = re.compile(r",?\s*|,?\s+(?:at|on)\s+")
    lead = re.compile(rf"(?i:(?<![\w])(?P<lead>{_LEADS})\s+)$")
    return _Patterns(pieces, join, lead)


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    kind: str  # "date", "weekday", "clock", "tz", "rel"
    fields: dict[str, object]


_SLOT = {
    "dmy": "date",
    "mdy": "date",
    "my": "date",
    "mo": "date",
    "season": "date",
    "yr": "date",
    "rel": "date",
    "wd": "weekday",
    "clock": "clock",
    "tz": "tz",
}


@lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[_Piece, ...]:
    """The pieces of a sentence; cached, since the quantities stage asks for the same sentences."""
    out: list[_Piece] = []
    for m in _patterns().pieces.finditer(text):
        name = m.lastgroup
        assert name is not None
        fields = {
            k.split("_", 1)[1]: v
            for k, v in m.groupdict().items()
            if k.startswith(name + "_") and v
        }
        fields["form"] = name
        out.append(_Piece(m.start(), m.end(), _SLOT[name], fields))
    return tuple(out)


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates, years and clock times in ``text``: numbers there are not counts."""
    return [
        (p.start, p.end)
        for p in _pieces(text)
        if p.fields["form"] in ("dmy", "mdy", "my", "yr", "clock", "season")
    ]


def _groups(text: str, pieces: tuple[_Piece, ...]) -> list[list[_Piece]]:
    """Touching pieces joined into phrases; a phrase holds at most one piece of each slot."""
    join = _patterns().join
    groups: list[list[_Piece]] = []
    for p in pieces:
        if groups:
            last = groups[-1]
            gap = text[last[-1].end : p.start]
            slots = {q.kind for q in last}
            if (
                join.fullmatch(gap)
                and p.kind not in slots
                and _joinable(last[-1], p, gap)
            ):
                last.append(p)
                continue
        groups.append([p])
    return groups


def _joinable(a: _Piece, b: _Piece, gap: str) -> bool:
    """ "Monday, Dec. 26", "14 December at noon", "noon GMT", "yesterday at 10 a.m."."""
    if b.kind == "tz":
        return a.kind == "clock"
    if a.kind in ("clock", "tz") or b.kind == "clock":
        return True
    if a.kind == "weekday" and b.kind == "date":
        return b.fields["form"] in ("dmy", "mdy") and "at" not in gap
    return False


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
