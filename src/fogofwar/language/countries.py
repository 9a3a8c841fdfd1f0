"""Country resolution: the ISO 3166-1 alpha-3 side that a party's words name.

``country_of("North Korean soldiers")`` → ``"PRK"``. Aliases are country names (pycountry) and
the hand-written demonyms, common names and capital metonyms of ``data/countries.tsv``
("Ukrainian", "U.S.", "DPRK", "Pyongyang", "the Kremlin"). The longest alias wins, so "North
Korean" is read before "Korean"; plain "Korean" is not in the table and gives None, because it
is ambiguous between the two Koreas (the caller may use the article's context instead). Names of
non-state groups ("ISIL", "Hezbollah", "Syrian Democratic Forces", "coalition") make the answer
None: a country is never guessed for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from fogofwar.data_files import read_tsv

COUNTRIES_FILE = "countries.tsv"
NON_STATE = "-"


@dataclass(frozen=True)
class CountryAliases:
    pattern: re.Pattern[str]
    alpha3: dict[str, str]  # alias as written -> alpha-3, or NON_STATE
    names: frozenset[str]  # the aliases that name a state itself ("Syria", "the UK"), not its people


@lru_cache(maxsize=1)
def _aliases() -> CountryAliases:
    table: dict[str, str] = {}
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table[value] = country.alpha_3
                names.add(value)
    for alias, alpha3, kind, _source in read_tsv(COUNTRIES_FILE):
        table[alias] = alpha3  # the hand table overrides pycountry
        # "U.S.", "UK": abbreviations serve as the state's name as well as its adjective
        if kind == "name" or (kind == "demonym" and alpha3 != NON_STATE and alias.replace(".", "").isupper()):
            names.add(alias)
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    return CountryAliases(pattern, table, frozenset(names))


def country_of(text: str) -> str | None:
    """The alpha-3 code a phrase names ("Russian troops" → "RUS"), or None.

    The leftmost longest alias decides; a non-state group anywhere in the phrase gives None, and
    so do two countries coordinated at its start ("Spanish and Portuguese soldiers").
    """
    aliases = _aliases()
    matches = list(aliases.pattern.finditer(text))
    found = [aliases.alpha3[m.group(0)] for m in matches]
    if not found or NON_STATE in found:
        return None
    if len(found) > 1 and found[1] != found[0] and re.fullmatch(
        r"\s*(?:,|and|or|&|,\s*and)\s*", text[matches[0].end() : matches[1].start()]
    ):
        return None  # "Spanish and Portuguese soldiers": two sides, no one country
    return found[0]


def is_country_name(text: str) -> bool:
    """True when ``text`` is, whole, the name of a state ("United States", "U.S.", "Syria")."""
    return text in _aliases().names


def names_non_state_group(text: str) -> bool:
    """True when a phrase names a non-state armed group ("ISIL", "Hezbollah", "the coalition")."""
    aliases = _aliases()
    return any(aliases.alpha3[m.group(0)] == NON_STATE for m in aliases.pattern.finditer(text))


def country_name(alpha3: str) -> str:
    """The common English name of a country ("PRK" → "North Korea"); the code itself if unknown."""
    country = pycountry.countries.get(alpha_3=alpha3.upper())
    if country is None:
        return alpha3
    return getattr(country, "common_name", None) or country.name
