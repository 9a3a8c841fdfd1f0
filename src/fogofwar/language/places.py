"""The ``places`` stage: place mentions resolved to gazetteer entries (country, admin1, city, site).

Two sources of mentions, in this order:

1. the Location mentions of the ``mentions`` stage, resolved as written ("the Kursk region" →
   Kursk Oblast, RUS, precision admin1; "near Palmyra, Syria" → Tadmur, SYR);
2. a scan of every sentence for gazetteer names the NER missed: runs of capitalised words (with
   a trailing generic head such as "region" or "province"), longest match first. A name on the
   stoplist of ``place_aliases.tsv`` ("Nice", "Mobile", "Greenwich") is accepted only after a
   locative preposition ("in Nice"); matches inside a non-place mention (an organisation, a
   person, a weapon) are skipped.

Ambiguous names prefer the countries the article names elsewhere (a first pass collects them).
Places read from the words around names ("inside Syrian territory", "in Syria and Iraq") come
from ``place_phrases``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from fogofwar.language import article_index
from fogofwar.language.countries import country_name, country_of
from fogofwar.language.gazetteer import Gazetteer, GazetteerEntry
from fogofwar.language.intervals import SpanIndex
from fogofwar.language.place_phrases import joined_countries, national_ground
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, EntityType, Mention, Place

_WORD = re.compile(r"[A-Za-z0-9][\w'’.\-]*[\w]|[A-Za-z]")
_LOCATIVE = {"in", "at", "near", "from", "to", "into", "outside", "around", "towards", "toward",
             "across", "inside", "of", "over", "via", "through"}  # fmt: skip
_HEADS = {"region", "province", "governorate", "oblast", "krai", "district", "city", "dam",
          "airbase", "airport", "countryside"}  # fmt: skip
_CONNECTORS = {"al", "el", "ad", "ar", "as", "an", "ash", "az", "de", "del", "la", "le", "du",
               "upon", "on", "am", "an-", "al-"}  # fmt: skip
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_MAX_WORDS = 5
_NOT_PLACES = {EntityType.PERSON, EntityType.ORGANISATION, EntityType.WEAPON,
               EntityType.MILITARY_PLATFORM, EntityType.QUANTITY, EntityType.TEMPORAL}  # fmt: skip


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    """Fill ``doc.places`` from Location mentions and from a gazetteer scan of the sentences."""
    doc.places = outermost(find_places(doc, resources.gazetteer))


def outermost(places: list[Place]) -> list[Place]:
    """Places not inside a longer resolved place: "the Kursk region" is the place, not the
    "Kursk" inside it (a nested entity mention, kept as an entity but not as a place)."""
    resolved = SpanIndex((o.start, o.end) for o in places if o.country)
    return [p for p in places if not resolved.holds_longer(p.start, p.end)]


def find_places(doc: AnalyzedArticle, gazetteer: Gazetteer) -> list[Place]:
    dateline = doc.dateline or (0, 0)
    locations = [m for m in doc.mentions if m.type is EntityType.LOCATION
                 and not (dateline[0] <= m.start and m.end <= dateline[1])]
    taken = [(m.start, m.end) for m in doc.mentions if not _place_taken_for_person(doc, gazetteer, m)]
    scanned = scan(doc, gazetteer, taken=taken + [dateline])
    context = _context_countries(doc, gazetteer, locations, scanned)

    places: list[Place] = []
    for mention in locations:
        if not any(c.isupper() for c in mention.text):
            continue  # "the city", "the airport", "there": a common noun names no gazetteer place
        start, end, text = mention.start, mention.end, mention.text
        if "," in text and doc.text[end : end + 2] in ("'s", "’s"):
            # "near Pokrovsk, Russia's defence ministry said": Russia owns the ministry, it does
            # not contain Pokrovsk
            text = text[: text.index(",")].rstrip()
            end = start + len(text)
        entry = gazetteer.lookup(text, context)
        places.append(_place(start, end, text, entry))
    for start, end, text in scanned:
        places.append(_place(start, end, text, gazetteer.lookup(text, context)))
    places.sort(key=lambda p: (p.start, p.end))
    places = _sectors(doc, gazetteer, places, context)
    places = _countries_of_unknown_places(doc, places)
    placed = SpanIndex((p.start, p.end) for p in places)
    grounds = [_national_place(doc, gazetteer, start, end, code) for start, end, code in national_ground(doc)
               if not placed.holds(start, end)]
    places = joined_countries(doc, sorted(places + grounds, key=lambda p: (p.start, p.end)))
    dateline = doc.dateline
    if dateline is not None:  # where the report was filed is no event's place
        places = [p for p in places if not (dateline[0] <= p.start and p.end <= dateline[1])]
    return places


def scan(doc: AnalyzedArticle, gazetteer: Gazetteer,
         taken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:  # fmt: skip
    """Gazetteer names in the text outside the spans taken, as (start, end, text)."""
    text = doc.text
    taken_spans = SpanIndex(taken)
    spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(text))]
    found: list[tuple[int, int, str]] = []
    for s_start, s_end in spans:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, s_start, s_end)]
        i = 0
        while i < len(words):
            a, b = words[i]
            if not text[a].isupper() or text[a:b].lower() in STOP_WORDS:  # "In", "The", "She"
                i += 1
                continue
            hit = _longest(text, words, i, gazetteer)
            if hit is None:
                i += 1
                continue
            j, start, end = hit
            name = text[start:end]
            if sum(c.isalpha() for c in name) < 2:  # "(D 32)": a letter is no place
                i = j
                continue
            previous = text[words[i - 1][0] : words[i - 1][1]] if i > 0 else ""
            if gazetteer.is_stopword(name) and previous.lower() not in _LOCATIVE:
                i = j
                continue
            if _inside_capitalised_run(text, words, i, j):  # "North" of "North Korean troops"
                i = j
                continue
            if not taken_spans.overlaps(start, end):
                found.append((start, end, name))
            i = j
    return found


def _longest(text: str, words: list[tuple[int, int]], i: int,
             gazetteer: Gazetteer) -> tuple[int, int, int] | None:  # fmt: skip
    """The longest gazetteer name starting at word i: (next word index, start, end)."""
    best = None
    start = words[i][0]
    for j in range(i, min(i + _MAX_WORDS, len(words))):
        if j > i:
            word = text[words[j][0] : words[j][1]]
            gap = text[words[j - 1][1] : words[j][0]]
            if gap.strip() not in ("", "-") or not (
                word[0].isupper() or word.lower() in _HEADS or word.lower() in _CONNECTORS
            ):
                break
        end = words[j][1]
        if re.search(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$", text[start:end]) and text[end : end + 1] == ".":
            end += 1  # "U.S." keeps its last stop
        candidate = text[start:end]
        if not _ABBREVIATION.search(candidate):
            candidate = candidate.rstrip(".")
        candidate = re.sub(r"['’]s$", "", candidate)  # "North Korea's"
        if gazetteer.has_name(candidate):
            best = (j + 1, start, start + len(candidate))
    return best


def _inside_capitalised_run(text: str, words: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether words i..j-1 are only part of a longer run of capitalised words."""
    if i > 0 and text[words[i - 1][1] : words[i][0]].strip() == "":
        prev = text[words[i - 1][0] : words[i - 1][1]]
        if prev[0].isupper() or prev[0].isdigit():
            return True
    if j < len(words) and text[words[j - 1][1] : words[j][0]].strip() == "":
        nxt = text[words[j][0] : words[j][1]]
        if nxt[0].isupper() and text[words[j - 1][1] - 2 : words[j - 1][1]] not in ("'s", "’s"):
            return True
    return False


_MAJOR_CITY = 100_000
# a town's name used for a front sector or an army group ("the Kupiansk direction", "Group of
# Forces 'Center'", "the Dnipro grouping"): a sector is an area, not the town
_SECTOR_AFTER = re.compile(r"^(?:['’]s)?\s+(direction|axis|sector|front|frontline)\b", re.IGNORECASE)
_SECTOR_NAME = re.compile(r"^(?:the\s+)?(.+?)\s+(direction|axis|sector|front|frontline)$", re.IGNORECASE)
_GROUP_BEFORE = re.compile(r"(?:group of forces|grouping of forces|battle ?group|task force)\s*['\"“‘]?$", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"^['\"”’]?\s+(?:group of forces|grouping|group|battle ?group)\b", re.IGNORECASE)


def _sectors(doc: AnalyzedArticle, gazetteer: Gazetteer, places: list[Place],
             context: Counter[str]) -> list[Place]:  # fmt: skip
    """Front sectors become areas of the town's country without the town's coordinates ("the
    Kupiansk direction"); names inside an army group's name are no place ("Group of Forces
    'Center'", "the Dnipro group of forces")."""
    out: list[Place] = []
    text = doc.text
    for p in places:
        before, after = text[max(0, p.start - 30) : p.start], text[p.end : p.end + 30]
        if _GROUP_BEFORE.search(before) or _GROUP_AFTER.match(after):
            continue
        named = _SECTOR_NAME.match(p.text)
        follows = _SECTOR_AFTER.match(after)
        if follows or (named and p.country is None):
            town = gazetteer.lookup(named.group(1), context) if named and not follows else None
            country, admin1 = (town.country, town.admin1) if town else (p.country, p.admin1)
            start, end = p.start, p.end + (follows.end() if follows else 0)
            if text[max(0, start - 4) : start].lower() == "the ":
                start -= 4
            p = Place(start=start, end=end, text=text[start:end], country=country, admin1=admin1,
                      precision="area")
        out.append(p)
    return out


def _place_taken_for_person(doc: AnalyzedArticle, gazetteer: Gazetteer, mention: Mention) -> bool:
    """A major place read as a person's name after a locative word ("the centre of Kryvyi Rih",
    "in Kramatorsk"): the scan may still find it."""
    if mention.type is not EntityType.PERSON:
        return False
    before = doc.text[max(0, mention.start - 12) : mention.start].split()
    if not before or before[-1].lower() not in _LOCATIVE:
        return False
    entry = gazetteer.lookup(mention.text)
    return entry is not None and (entry.kind in ("country", "admin1") or entry.population >= _MAJOR_CITY)


_LOCAL_LEAD = re.compile(
    r"(?:\b(?:village|town|city|hamlet|settlement|district|neighbou?rhood|camp) of|"
    r"\b(?:in|near|at|outside|around|from|into|towards|to))\s+(?:the\s+)?$", re.IGNORECASE)


def _countries_of_unknown_places(doc: AnalyzedArticle, places: list[Place]) -> list[Place]:
    """A name the gazetteer lacks, introduced as a place ("in the village of Safina", "near
    Tuloul Naser"), lies in the place it is said to lie in ("Incirlik Air Base in Turkey"), else
    in the country of the towns and regions its sentence names, when they all lie in one country
    ("..., about 45km south of Mosul"): it keeps that country, without coordinates."""
    out = []
    in_sentence: dict[int | None, set[str]] | None = None  # sentence -> countries of its places
    for place in places:
        if place.country is None and place.text[:1].isupper() and _LOCAL_LEAD.search(
            doc.text[max(0, place.start - 40) : place.start]
        ):
            linked = _linked_container(doc, place, places)
            if in_sentence is None:  # listed once, not searched for each place
                in_sentence = {}
                for p in places:
                    if p.country and p.precision != "country":
                        in_sentence.setdefault(article_index.sentence_at(doc, p.start), set()).add(p.country)
            index = article_index.sentence_at(doc, place.start)
            countries = set(in_sentence.get(index, ())) if index is not None else set()
            if linked is not None or len(countries) == 1:
                country = linked.country if linked is not None else countries.pop()
                place = Place(start=place.start, end=place.end, text=place.text, country=country)
        out.append(place)
    return out


_LINK_GAP = re.compile(r"\s*(?:,|,?\s+in|,?\s+near)\s+(?:the\s+)?|\s*,\s*", re.IGNORECASE)  # matched in place: no slice


def _linked_container(doc: AnalyzedArticle, place: Place, places: list[Place]) -> Place | None:
    """The resolved place that a name is said to lie in: "Incirlik Air Base in Turkey",
    "Cincu, Romania", "Nevatim air base in the Negev"."""
    for q in places:
        if q.start >= place.end and q.country and _LINK_GAP.fullmatch(doc.text, place.end, q.start):
            return q
    return None


def _context_countries(doc: AnalyzedArticle, gazetteer: Gazetteer, locations: list[Mention],
                       scanned: list[tuple[int, int, str]]) -> Counter[str]:  # fmt: skip
    """Countries the article names, with how often: unambiguous country and admin1 places,
    nationalities. The one named most is the country the article is about."""
    out: Counter[str] = Counter()
    for text in [m.text for m in locations] + [t for _s, _e, t in scanned]:
        entry = gazetteer.lookup(text)
        if entry is not None and entry.kind in ("country", "admin1") and entry.country:
            out[entry.country] += 1
    dateline = doc.dateline or (0, 0)
    for m in doc.mentions:
        if m.type is EntityType.NATIONALITY and not (dateline[0] <= m.start and m.end <= dateline[1]):
            code = m.country or country_of(m.text)
            if code:
                out[code] += 1
    return out


def _national_place(doc: AnalyzedArticle, gazetteer: Gazetteer, start: int, end: int, code: str) -> Place:
    """"Syrian territory": the words as written, resolved to the country's gazetteer entry."""
    entry = gazetteer.lookup(country_name(code))
    if entry is None:
        return Place(start=start, end=end, text=doc.text[start:end], name=country_name(code), country=code,
                     precision="country")
    return _place(start, end, doc.text[start:end], entry)


def _place(start: int, end: int, text: str, entry: GazetteerEntry | None) -> Place:
    if entry is None:
        return Place(start=start, end=end, text=text)
    return Place(
        start=start,
        end=end,
        text=text,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.kind != "country" else None,
        latitude=entry.latitude,
        longitude=entry.longitude,
        precision=entry.precision,
        gazetteer_id=entry.id,
    )
