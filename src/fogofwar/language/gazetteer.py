"""The gazetteer: place names to countries, subdivisions, cities and sites, with coordinates.

Loads ``data/gazetteer.tsv.gz`` (built from GeoNames and pycountry by
``scripts/build_gazetteer.py``) and merges the hand-written ``data/place_aliases.tsv``. Names
are indexed after folding case, accents, punctuation and a leading "the". ``lookup`` resolves a
place phrase as written in an article ("the Kursk region", "near Palmyra, Syria", "Idlib
province") to one entry, preferring for an ambiguous name: a hand-written alias, then a country,
then an entry in a country the article mentions, then an admin1 over a city, then the country
the article names most, then the entry's own name over a former one, then the most populous.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import data_path, read_tsv

GAZETTEER_FILE = "gazetteer.tsv.gz"
ALIASES_FILE = "place_aliases.tsv"

# Leading words of a place phrase that are not part of the name ("near", "west of", "the").
_LEAD = re.compile(
    r"^(?:(?:the|a|an|in|at|near|nearby|outside|around|inside|into|from|to|towards|across|"
    r"heart|parts?|other|of|north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west|northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|ancient|port|city|town|village|province|region|"
    r"capital|suburbs|outskirts|countryside|provincial|rural|largest|second-largest)\s+)+",
    re.IGNORECASE,
)
# Trailing generic heads, with the kind of place they ask for.
_HEAD = re.compile(
    r"\s+(region|province|governorate|oblast|krai|district|city|town|village|area|"
    r"countryside|suburbs|outskirts|airport|airbase|air base)$",
    re.IGNORECASE,
)
_HEAD_KIND = {"region": "admin1", "province": "admin1", "governorate": "admin1",
              "oblast": "admin1", "krai": "admin1", "city": "city", "town": "city",
              "village": "city"}  # fmt: skip
_ADJECTIVE_OF = re.compile(r"^[A-Z][a-z]+i (?:city|town|village|province|capital) of\s+")
_KIND_RANK = {"country": 1, "admin1": 1, "city": 0, "site": 0, "region": 0}


@dataclass(frozen=True)
class GazetteerEntry:
    id: str  # "gn:<geonameid>", "iso:<ISO 3166-2>", "cc:<alpha-3>" or "fw:<slug>" (hand-written)
    name: str  # English name
    kind: str  # "country", "admin1", "city", "site" or "region"
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0

    @property
    def precision(self) -> str:
        """The precision a ``Place`` resolved to this entry has."""
        return {"country": "country", "admin1": "admin1", "city": "city", "water": "water"}.get(self.kind, "site")


def normalize(name: str) -> str:
    """The index key of a name: ASCII-folded, lower case, punctuation as spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘ʻʼʿʾ'`.]", "", text).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text.removeprefix("the ")


class Gazetteer:
    """An in-memory index of place names; build it with ``Gazetteer.load()`` (cached).

    Entries are kept as raw rows and turned into ``GazetteerEntry`` objects when first asked
    for, which keeps loading to a few hundred milliseconds.
    """

    def __init__(self, rows: dict[str, list[str]], index: dict[str, list[str]],
                 hand: set[tuple[str, str]], stopwords: frozenset[str]) -> None:  # fmt: skip
        self._rows = rows
        self._index = index
        self._hand = hand  # (key, entry id) pairs that come from place_aliases.tsv
        self._made: dict[str, GazetteerEntry] = {}
        self.stopwords = stopwords

    @classmethod
    def load(cls) -> Gazetteer:
        """The shipped gazetteer, read once per process."""
        return _load_shipped()

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._rows

    def get(self, entry_id: str) -> GazetteerEntry | None:
        entry = self._made.get(entry_id)
        if entry is None and entry_id in self._rows:
            gid, name, kind, country, admin1, lat, lon, pop, _primary = self._rows[entry_id]
            entry = GazetteerEntry(gid, name, kind, country or None, admin1 or None,
                                   _float(lat), _float(lon), int(pop or 0))  # fmt: skip
            self._made[entry_id] = entry
        return entry

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry a name may denote, hand-written aliases first."""
        k = normalize(name)
        ids = sorted(self._index.get(k, []), key=lambda i: (k, i) not in self._hand)
        return [e for e in map(self.get, ids) if e is not None]

    def has_name(self, name: str) -> bool:
        return normalize(name) in self._index

    def is_stopword(self, name: str) -> bool:
        return normalize(name) in self.stopwords

    def names(self) -> Iterable[str]:
        """Every indexed name (normalised keys), stopwords excluded: for a PhraseMatcher or a scan."""
        return (k for k in self._index if k not in self.stopwords)

    def lookup(self, name: str, context_countries: Iterable[str] | Mapping[str, int] = ()) -> GazetteerEntry | None:
        """Resolve a place phrase as written to one entry, or None when nothing matches.

        Tries the phrase as a whole, then without leading words ("near", "west of", "the"),
        then without a generic head ("region", "province", "city") — which then asks for that
        kind —, then "X, Y", "Y's X" and "X district of Y" as X within Y (else Y).
        """
        if isinstance(context_countries, Mapping):  # country -> how often the article names it
            context = {k: int(v) for k, v in context_countries.items()}
        else:
            context = {c: 1 for c in context_countries}
        return self._resolve(name.strip(" ,.;:\"'()"), context, None, depth=0)

    def _resolve(self, text: str, context: dict[str, int], want: str | None,
                 depth: int) -> GazetteerEntry | None:  # fmt: skip
        if not text or depth > 4:
            return None
        hit = self._best(text, context, want)
        if hit is not None:
            return hit
        if "," in text:  # "Palmyra, Syria", "Urem al-Kubra, northern Syria"
            head, tail = text.split(",", 1)
            outer = self._resolve(tail.strip(), context, None, depth + 1)
            inner = self._resolve(head.strip(), _within(context, outer), want, depth + 1)
            if inner is not None and (outer is None or outer.country in (None, inner.country)):
                return inner
            return outer or inner
        m = re.match(r"^(?:the\s+)?([A-Z][^']*?)['’]s\s+(.+)$", text)
        if m:  # "Kherson's Dniprovskyi district", "Russia's Tatarstan region": Y within X
            outer = self._resolve(m.group(1), context, None, depth + 1)
            inner = self._resolve(m.group(2), _within(context, outer), want, depth + 1)
            if inner is not None and outer is not None and (
                inner.country != outer.country or outer.kind in ("city", "admin1") and inner.admin1 != outer.admin1
            ):
                return outer  # a namesake elsewhere ("Dniprovskyi" of Kyiv for Kherson's)
            return inner or outer
        m = re.match(r"^(.*?)\s+(?:district|neighbou?rhood|area|suburb) of\s+(.+)$", text)
        if m:  # "the Karrada district of Baghdad"
            outer = self._resolve(m.group(2), context, None, depth + 1)
            return self._resolve(m.group(1), _within(context, outer), want, depth + 1) or outer
        stripped = _ADJECTIVE_OF.sub("", _LEAD.sub("", text))
        if stripped != text:
            return self._resolve(stripped, context, want, depth + 1)
        m = _HEAD.search(text)
        if m:
            return self._resolve(text[: m.start()], context,
                                 _HEAD_KIND.get(m.group(1).lower(), want), depth + 1)  # fmt: skip
        return None

    def _best(self, text: str, context: dict[str, int], want: str | None) -> GazetteerEntry | None:
        k = normalize(text)
        ids = self._index.get(k)
        if not ids:
            return None

        def rank(entry_id: str) -> tuple:
            row = self._rows[entry_id]
            kind, country = row[2], row[3]
            return (
                kind == want if want else False,
                (k, entry_id) in self._hand,  # a hand-written alias
                kind == "country",
                # below country level, a place in a country the article is about beats a bigger
                # kind elsewhere ("Sadah" in an Iraq story is not Yemen's governorate, if Iraq has one)
                country in context,
                _KIND_RANK.get(kind, 0),
                row[8] == k,  # its own name, not a former or foreign one ("Pokrovsk" is not Engels)
                # a place ten times the size of its namesake wins ("Donetsk" is the Ukrainian city,
                # not the Rostov town, though the story names Russia more often than Ukraine)
                _size_class(row[7]),
                context.get(country, 0),  # the country the article names most
                int(row[7] or 0),
            )

        return self.get(max(ids, key=rank))


def _size_class(population: str) -> int:
    """The order of magnitude of a population (0 where unknown)."""
    people = int(population or 0)
    return len(str(people)) if people > 0 else 0


def _within(context: dict[str, int], outer: GazetteerEntry | None) -> dict[str, int]:
    """The context for X in "X, Syria": Syria above every other country."""
    if outer is None or not outer.country:
        return context
    return {**context, outer.country: max(context.values(), default=0) + 1_000}


def _float(cell: str) -> float | None:
    return float(cell) if cell and cell != "\\N" else None


def read_gazetteer_rows() -> Iterator[list[str]]:
    """Rows of the built gazetteer (``\\N`` is left as is: ``_float`` reads it as None)."""
    with gzip.open(data_path(GAZETTEER_FILE), "rt", encoding="utf-8") as handle:
        text = handle.read()
    for line in text.splitlines():
        if line and line[0] != "#":
            yield line.split("\t")


@lru_cache(maxsize=1)
def _load_shipped() -> Gazetteer:
    rows: dict[str, list[str]] = {}
    index: dict[str, list[str]] = {}
    hand: set[tuple[str, str]] = set()
    for gid, name, keys, kind, country, admin1, lat, lon, pop, *_ in read_gazetteer_rows():
        key_list = keys.split("|") if keys else []  # normalised at build time: loading stays fast
        rows[gid] = [gid, name, kind, country, "" if admin1 == "\\N" else admin1, lat, lon, pop,
                     key_list[0] if key_list else ""]  # fmt: skip
        for k in key_list:
            bucket = index.get(k)
            if bucket is None:
                index[k] = [gid]
            else:
                bucket.append(gid)

    stop: set[str] = set()
    for alias, target, role, kind, country, admin1, lat, lon, _capital, _source in read_tsv(
        ALIASES_FILE
    ):
        k = normalize(alias)
        if role == "stop":
            stop.add(k)
            continue
        if role == "site":
            rows[target] = [target, alias, kind or "site", country, admin1, lat, lon, "0", k]
        elif target not in rows:  # unknown targets are reported by unknown_alias_targets()
            continue
        elif role == "name":  # the English name of a subdivision: rename it
            rows[target][1] = rows[target][4] = alias
            rows[target][8] = k
        bucket = index.setdefault(k, [])
        if target not in bucket:
            bucket.append(target)
        if role in ("alias", "site"):
            hand.add((k, target))
    return Gazetteer(rows, index, hand, frozenset(stop))


def unknown_alias_targets() -> list[str]:
    """Targets in place_aliases.tsv that name no entry (for tests and for the build script)."""
    gaz = Gazetteer.load()
    return [
        f"{row[0]} -> {row[1]}"
        for row in read_tsv(ALIASES_FILE)
        if row[2] in ("alias", "name") and row[1] not in gaz
    ]
