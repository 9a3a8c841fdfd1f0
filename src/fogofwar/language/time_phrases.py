"""Time phrases in a sentence, found before ``fogofwar.language.times`` resolves them.

Phrases are found with regular expressions over small pieces (a calendar date, a weekday, a month, a
year, a clock time, a time zone, a relative word such as "yesterday" or "last week"); pieces that
touch ("Monday, Dec. 26", "14 December at noon Greenwich Mean Time") are joined into one phrase. The
month, weekday, season and time-zone words are data: ``data/numbers.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.language.alternation import alternation

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
