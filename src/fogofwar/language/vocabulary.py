"""Domain vocabularies: weapons, military platforms, organisations and people, read from data files.

The entries live in ``data/weapons.tsv``, ``data/platforms.tsv``, ``data/organisations.tsv`` and
``data/people.tsv`` (columns: pattern, re3d entity type, canonical name, ISO alpha-3 country or
empty, source).
``Vocabulary.load()`` reads them once; ``lookup`` finds an entry by one of its aliases and
``find`` returns every vocabulary mention in a text, longest match first, never overlapping.

Matching rules (stated again in each file's header): a pattern is a literal phrase matched on
word boundaries; an all-lower-case pattern matches in any case, any other pattern as written or
with every word capitalised; Weapon and MilitaryPlatform phrases also match their plural; a
pattern starting with ``re:`` is a case-sensitive regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.models import EntityType

FILES = ("weapons.tsv", "platforms.tsv", "organisations.tsv", "people.tsv")
_PLURAL_TYPES = (EntityType.WEAPON, EntityType.MILITARY_PLATFORM)
# A word character or hyphen on either side means the match is part of a larger word; an
# organisation may sit inside a hyphenated word ("counter-ISIL", "ISIL-held").
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w-])"
_LEFT_ORG = r"(?<![\w])"
_WORD = re.compile(r"\w+")
_RIGHT_ORG = r"(?![\w])"


@dataclass(frozen=True)
class VocabEntry:
    pattern: str
    type: EntityType
    canonical: str
    country: str | None
    source: str

    @property
    def is_regex(self) -> bool:
        return self.pattern.startswith("re:")


@dataclass(frozen=True)
class VocabMatch:
    """A vocabulary mention in a text: ``start``/``end`` are offsets into that text."""

    start: int
    end: int
    text: str
    entry: VocabEntry


def _title(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))


def _literal_regex(entry: VocabEntry) -> str:
    plural = r"(?:e?s)?" if entry.type in _PLURAL_TYPES else ""
    phrase = entry.pattern
    if phrase == phrase.lower():
        body = "(?i:" + re.escape(phrase).replace(r"\ ", r"\s+") + ")"
    else:
        forms = {phrase, _title(phrase)}
        body = "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms)) + ")"
    if entry.type is EntityType.ORGANISATION:
        return _LEFT_ORG + body + _RIGHT_ORG
    return _LEFT + body + plural + _RIGHT


class Vocabulary:
    """The entries of every vocabulary file and a compiled matcher over them."""

    def __init__(self, entries: list[VocabEntry]):
        self.entries = tuple(entries)
        self._by_alias: dict[str, VocabEntry] = {}
        for e in self.entries:
            if not e.is_regex:
                self._by_alias.setdefault(e.pattern.lower(), e)
        # Literal entries are indexed by their first word (lower case): at each word of a text
        # only the entries that can start there are tried. The few regex entries scan the text.
        self._by_first: dict[str, list[tuple[VocabEntry, re.Pattern[str]]]] = {}
        self._regexes: list[tuple[VocabEntry, re.Pattern[str]]] = []
        for e in self.entries:
            if e.is_regex:
                self._regexes.append((e, re.compile(e.pattern[3:])))
                continue
            first = _WORD.search(e.pattern)
            if first is None:
                continue
            key = first.group().lower()
            keys = {key, key + "s", key + "es"} if e.type in _PLURAL_TYPES else {key}
            compiled = re.compile(_literal_regex(e))
            for k in keys:
                self._by_first.setdefault(k, []).append((e, compiled))

    @classmethod
    def load(cls) -> Vocabulary:
        """The shipped vocabularies, read once per process."""
        return _load_shipped()

    def lookup(self, text: str) -> VocabEntry | None:
        """The entry whose alias is ``text`` (case-insensitive, plural and "the" tolerated)."""
        key = re.sub(r"\s+", " ", text.strip()).lower()
        key = re.sub(r"^the ", "", key)
        hit = self._by_alias.get(key)
        if hit is None and key.endswith("s"):
            for stem in (key[:-1], key[:-2] if key.endswith("es") else None):
                if stem and (cand := self._by_alias.get(stem)) and cand.type in _PLURAL_TYPES:
                    return cand
        if hit is None:
            for e in self.entries:
                if e.is_regex and re.fullmatch(e.pattern[3:], text.strip()):
                    return e
        return hit

    def find(self, text: str) -> list[VocabMatch]:
        """Every vocabulary mention in ``text``, left to right, the longest at each place.

        Literal entries are indexed by their first word, so only the entries that can start
        at a word are tried there; the few ``re:`` entries are searched over the whole text.
        """
        found: list[tuple[int, int, VocabEntry]] = []
        for word in _WORD.finditer(text):
            for entry, regex in self._by_first.get(word.group().lower(), ()):
                hit = regex.match(text, word.start())
                if hit and hit.end() > hit.start():
                    found.append((hit.start(), hit.end(), entry))
        for entry, regex in self._regexes:
            found.extend((m.start(), m.end(), entry) for m in regex.finditer(text) if m.end() > m.start())
        found.sort(key=lambda f: (f[0], -f[1]))
        out: list[VocabMatch] = []
        pos = 0
        for start, end, entry in found:
            if start >= pos:
                out.append(VocabMatch(start, end, text[start:end], entry))
                pos = end
        return out


def read_entries(names: tuple[str, ...] = FILES) -> list[VocabEntry]:
    entries = []
    for name in names:
        for row in read_tsv(name):
            pattern, type_, canonical, country, source = (row + [""] * 5)[:5]
            entries.append(
                VocabEntry(pattern, EntityType(type_), canonical or pattern, country or None, source)
            )
    return entries


@lru_cache(maxsize=1)
def _load_shipped() -> Vocabulary:
    return Vocabulary(read_entries())
