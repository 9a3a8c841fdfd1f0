"""Places that no single gazetteer name gives, read from the words around the names.

- A nation's ground, air or water named by its adjective: "inside Syrian territory", "over
  Russian airspace", "on the Syrian side of the border", "in Ukrainian waters" is a place in
  that country (precision country), though no country name is written. "Near the Turkish
  border" is not: a place near a border may lie on either side of it.
- Two or more countries joined after a locative preposition: "strikes in Syria and Iraq" took
  place in both, so the place is the whole phrase with no single country (precision
  ``countries``), rather than the first country named.
"""

from __future__ import annotations

import re

from fogofwar.language.countries import country_of
from fogofwar.models import AnalyzedArticle, EntityType, Place

# what follows a nationality when it names that nation's ground, not its people or army
_GROUND = re.compile(
    r"(?:\s+(?:sovereign|national|territorial|internal))?\s+"
    r"(?:territory|territories|soil|airspace|waters|side(?=\s+of\b))\b",
    re.IGNORECASE,
)
# a place where something happens, not where it came from ("from Lebanese airspace")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|into|inside|on|onto|over|across|throughout|within|at)\s+(?:the\s+)?$",
                              re.IGNORECASE)
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")

SEVERAL_COUNTRIES = "countries"  # the precision of a place that spans several countries


def national_ground(doc: AnalyzedArticle) -> list[tuple[int, int, str]]:
    """"Syrian territory", "Russian airspace": (start, end, country code) of each phrase that
    places something in the country its adjective names."""
    out = []
    for mention in doc.mentions:
        code = mention.country or country_of(mention.text)
        if mention.type is not EntityType.NATIONALITY or not code:
            continue
        ground = _GROUND.match(doc.text, mention.end)
        if ground is None or not _LOCATIVE_BEFORE.search(doc.text[max(0, mention.start - 20) : mention.start]):
            continue  # "fired from Lebanese airspace into Syria": where the shot came from
        out.append((mention.start, ground.end(), code))
    return out


def joined_countries(doc: AnalyzedArticle, places: list[Place]) -> list[Place]:
    """``places`` with each run of countries joined after a locative ("in Syria and Iraq")
    replaced by one place for the whole run, with no single country."""
    out: list[Place] = []
    i = 0
    while i < len(places):
        j = i
        while (j + 1 < len(places) and places[j].precision == "country" == places[j + 1].precision
               and places[j].country != places[j + 1].country
               and _JOINER.fullmatch(doc.text[places[j].end : places[j + 1].start])):
            j += 1
        first, last = places[i], places[j]
        if j > i and _LOCATIVE_BEFORE.search(doc.text[max(0, first.start - 20) : first.start]):
            out.append(Place(start=first.start, end=last.end, text=doc.text[first.start : last.end],
                             precision=SEVERAL_COUNTRIES))
        else:
            out.extend(places[i : j + 1])
        i = j + 1
    return out
