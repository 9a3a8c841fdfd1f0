"""Wire datelines: "KYIV, March 3 (Reuters) - ", "BEIRUT — ", "Kyiv, Ukraine (CNN) — ".

A dateline says where the report was filed, not where anything happened, and its date is the
filing date, not the date of an event. ``find_dateline(text)`` finds one at the start of the text
or at the start of one of its first lines (a headline may come first) and returns its span; the
text is never changed, so every offset of every stage still points into the original text
(``AnalyzedArticle.dateline`` exposes the span and the stages skip what lies inside it).

What counts as a dateline (written for fogofwar from common wire style: Reuters, AP, AFP):
- a place in capitals ("KYIV", "GAZA CITY", "WASHINGTON"), optionally followed by ", State" or
  ", Country" ("KHARKIV, Ukraine"), then optionally a date ("March 3", "Jan. 5, 2025") and an
  agency in parentheses ("(Reuters)"), then a dash ("-", "–", "—") or "--" and a space;
- or a place written normally ("Kyiv, Ukraine") when an agency in parentheses follows it, since
  "(CNN) —" marks it as a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from fogofwar.language.alternation import alternation
from fogofwar.language.time_phrases import month_names

_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_NAME_PLACE = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2}"
_REGION = r"[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,2}"
_AGENCY = r"\((?P<agency>[A-Z][A-Za-z&.\- ]{0,30})\)"
_DASH = r"\s*(?:--|[-–—])\s+"


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A dateline in capitals ("KYIV, March 3 (Wire) -") and one in title case with an agency
    ("Kyiv, Ukraine (CNN) -"); month names are the calendar's (``data/numbers.tsv``)."""
    month = rf"(?:{alternation(month_names())})\.?"
    day_date = rf"{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:\s+\d{{4}})?"
    caps = re.compile(
        rf"(?P<place>{_CAPS_PLACE})(?:,\s+(?P<region>{_REGION}))?"
        rf"(?:,?\s+(?P<date>{day_date}))?\s*(?:{_AGENCY})?{_DASH}"
    )
    named = re.compile(
        rf"(?P<place>{_NAME_PLACE})(?:,\s+(?P<region>{_REGION}))?"
        rf"(?:,?\s+(?P<date>{day_date}))?\s*{_AGENCY}{_DASH}"
    )
    return caps, named


_FIRST_LINES = 3
_NOT_PLACES = {"UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "WRAPUP", "CORRECTED", "REFILE"}


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # just after the dash and the space: where the story begins
    place_start: int
    place_end: int
    place: str
    date: str | None = None
    agency: str | None = None


@lru_cache(maxsize=256)
def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the text or of one of its first lines, or None."""
    offset = 0
    for line in text.split("\n")[:_FIRST_LINES]:
        lead = len(line) - len(line.lstrip())
        found = _match(line, lead)
        if found is not None:
            m, group = found
            end = m.end()
            place_end = m.end("region") if m.group("region") else m.end("place")
            return Dateline(
                start=offset + lead, end=offset + end,
                place_start=offset + m.start("place"), place_end=offset + place_end,
                place=line[m.start("place"):place_end], date=m.group("date"), agency=m.group("agency"),
            )
        offset += len(line) + 1
    return None


def _match(line: str, at: int) -> tuple[re.Match[str], str] | None:
    for pattern, group in zip(_line_patterns(), ("caps", "named")):
        m = pattern.match(line, at)
        if m is None:
            continue
        place = m.group("place")
        if place.rstrip(".").upper() in _NOT_PLACES or len(place.replace(".", "")) < 2:
            continue
        if group == "caps" and not (m.group("date") or m.group("agency")) and (
            sum(c.isalpha() for c in place) < 3 or place.replace(".", "").isupper() and "." in place
        ):
            continue  # "US - led", "U.S. - ": an abbreviation, not a filing place
        rest = line[m.end():m.end() + 1]
        if not rest or not (rest.isupper() or rest.isdigit() or rest in "\"“‘'("):
            continue  # the story starts with a capital, a figure or a quote
        return m, group
    return None


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the span [start, end) lies inside the text's dateline."""
    d = find_dateline(text)
    return d is not None and d.start <= start and end <= d.end


def outside_dateline(sentences: list, dateline: tuple[int, int] | None) -> list:
    """Sentences (``models.Sentence``) with the dateline cut off: the first sentence starts
    where the story does; a sentence wholly inside the dateline is dropped; indices renumbered.
    Offsets keep pointing into the original text."""
    if dateline is None:
        return sentences
    start, end = dateline
    out = []
    for s in sentences:
        if start <= s.start and s.end <= end:
            continue
        if s.start < end < s.end and s.start >= start:
            cut = end - s.start
            text = s.text[cut:]
            lead = len(text) - len(text.lstrip())
            s = replace(s, start=end + lead, text=text.strip())
        out.append(replace(s, index=len(out)) if s.index != len(out) else s)
    return out
