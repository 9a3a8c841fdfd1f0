"""Stage 2, mentions: typed entity mentions (re3d types) with article offsets.

Two sources, merged so that mentions never overlap:

1. the domain vocabularies (``fogofwar.language.vocabulary``: weapons, platforms,
   organisations), matched on every sentence — cheap, so nothing is missed for want of a parse;
2. spaCy's NER on the sentences that have a parse (the claim candidates by default; every
   sentence with ``analyze_entities(..., full=True)``, which ``fogofwar eval entities`` uses),
   its labels mapped to re3d types and known model errors repaired by rule.

Vocabulary mentions win over overlapping NER ones. Then a few rules follow re3d's conventions:
nominal places ("the city"), "the" joined to organisations, "a"/"the" and an owner joined to
weapons and platforms ("a UAV", "ISIL tanks"), group nouns joined to nationalities ("Iraqi
security forces"), hedges dropped from figures, and optionally personal pronouns.
``Mention.source`` says where a mention came from: "vocab", "ner", "rule" (nominal place),
"group" (a nationality or organisation grown over its group noun) or "pronoun".
``Mention.country`` is filled for
organisations from the vocabulary and for nationalities, locations and organisations from
``fogofwar.language.countries.country_of`` where that module is present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, EntityType, Mention

# spaCy (OntoNotes) label -> re3d type; labels absent here are dropped.
NER_TYPES: dict[str, EntityType] = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANISATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
    "NORP": EntityType.NATIONALITY,
    "LANGUAGE": EntityType.NATIONALITY,  # re3d tags "Arabic", "Kurdish" as Nationality
    "DATE": EntityType.TEMPORAL,
    "TIME": EntityType.TEMPORAL,
    "CARDINAL": EntityType.QUANTITY,
    "QUANTITY": EntityType.QUANTITY,
    "PERCENT": EntityType.QUANTITY,
}
_COUNTRY_TYPES = (EntityType.NATIONALITY, EntityType.ORGANISATION, EntityType.LOCATION)

# The closed word classes below are English grammar and re3d's annotation conventions, not
# domain vocabulary (that lives in the data files).
# A name the model mislabels (PRODUCT "Kursk", PERSON "Donetsk") is a place when a word like
# these follows it: the place then includes that word ("Kursk region").
_REGION_WORDS = {"region", "oblast", "province", "governorate", "district", "raion", "county"}
# After these prepositions a name the model calls a person, group or nationality is a place
# ("in Raqqah", "near Sinjar").
_PLACE_PREPOSITIONS = {"in", "near", "outside", "into", "around", "across", "towards", "toward"}
# A word with a demonym ending stays a nationality even where a place shares its name.
_DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ch|ite|ites|s)$")
# Figures are annotated without their hedge ("about 8,000" -> "8,000").
_HEDGE_WORDS = {
    "about", "approximately", "around", "roughly", "some", "nearly", "almost", "over",
    "more", "less", "fewer", "than", "at", "least", "most", "up", "to", "just", "only",
    "an", "estimated",
}
# re3d annotates personal pronouns: singular ones as Person, "we"/"they" as Organisation.
_PRONOUNS = re.compile(
    r"(?<![\w-])(?:(?P<person>I|me|myself|he|He|him|himself|she|She|herself)"
    r"|(?P<group>we|We|us|they|They))(?![\w-])"
)
# Places named by a common noun after "the" ("the city", "the camp").
_NOMINAL_PLACE = re.compile(
    r"(?<![\w-])[Tt]he (?:city|town|camp|village|area|hospital|airport|airfield|region|border"
    r"|front ?line|base|school|mosque|market|province|district|neighbourhood|neighborhood"
    r"|suburb|compound)(?![\w-])"
)
_COMPASS = re.compile(
    r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central) $"
)
_THE = re.compile(r"(?:^|(?<=\W))(?:the|The) $")
_ARTICLE = re.compile(r"(?:^|(?<=\W))(?:a|an|A|An|the|The) $")
# A group word after a nationality or organisation makes it a group ("Iraqi security forces").
_FORCES = re.compile(
    r" (?:(?:security|military|armed|government|special|regime|coalition|opposition|ground"
    r"|tactical|partner)\s)?(?:forces|troops|fighters|militants|soldiers|units?|government"
    r"|regime|refugees|rebels|army|militias?)(?![\w-])"
)


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    """Fill ``doc.mentions``; NER only where segment already parsed (claim candidates)."""
    analyze_entities(doc, resources, full=False)


def analyze_entities(
    doc: AnalyzedArticle, resources: Resources, full: bool = False, pronouns: bool = False
) -> None:
    """Fill ``doc.mentions``.

    ``full`` parses every sentence first (slower: what ``fogofwar eval entities`` does);
    ``pronouns`` adds personal pronouns as re3d annotates them ("I", "he" as Person; "we",
    "they" as Organisation), with ``source="pronoun"``.
    """
    if full:
        todo = [
            s.index for s in doc.sentences
            if s.index not in doc.parses or not doc.parses[s.index].has_annotation("ENT_IOB")
        ]
        texts = (doc.sentences[i].text for i in todo)
        for index, parsed in zip(todo, resources.parse_many(texts, ner=True)):
            doc.parses[index] = parsed
    vocabulary = resources.vocabulary
    country_of = _country_lookup()
    is_place = _place_test(resources)
    found: list[Mention] = []
    for sentence in doc.sentences:
        text = sentence.text
        vocab = [_Span(m.start, m.end, m.entry.type, "vocab", m.entry.canonical, m.entry.country)
                 for m in vocabulary.find(text)]
        parsed = doc.parses.get(sentence.index)
        ner = list(_from_ner(parsed, is_place)) if parsed is not None else []
        rules = [_Span(m.start(), m.end(), EntityType.LOCATION, "rule")
                 for m in _NOMINAL_PLACE.finditer(text)]
        spans = _merge(vocab + rules, ner)
        if pronouns:
            spans = _merge(spans, list(_pronouns(text)))
        spans = _extend(text, spans)
        found.extend(
            Mention(sentence.start + sp.start, sentence.start + sp.end, text[sp.start:sp.end],
                    sp.type, sp.country, sp.canonical, sp.source)
            for sp in spans
        )
    doc.mentions = [_with_country(m, country_of) for m in found]


def mentions_of(doc: AnalyzedArticle, index: int, resources: Resources) -> list[Mention]:
    """The mentions inside sentence ``index``."""
    s = doc.sentences[index]
    return [m for m in doc.mentions if s.start <= m.start and m.end <= s.end]


@dataclass
class _Span:
    """A mention while it is being built: offsets relative to its sentence."""

    start: int
    end: int
    type: EntityType
    source: str
    canonical: str | None = None
    country: str | None = None


def _pronouns(text: str) -> Iterable[_Span]:
    for m in _PRONOUNS.finditer(text):
        type_ = EntityType.PERSON if m.group("person") else EntityType.ORGANISATION
        yield _Span(m.start(), m.end(), type_, "pronoun")


def _from_ner(parsed, is_place: Callable[[str], bool]) -> Iterable[_Span]:
    """Spans of the entities of ``parsed`` (a spaCy Doc of one sentence), repaired."""
    for ent in parsed.ents:
        span = _repair(ent, is_place)
        if span is not None and span.end > span.start:
            yield span


def _repair(ent, is_place: Callable[[str], bool]) -> _Span | None:
    """Map a spaCy entity to a re3d-typed span, repairing known model errors; None drops it."""
    doc = ent.doc
    label = ent.label_
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.lower_ in _REGION_WORDS and label in (
        "PRODUCT", "PERSON", "ORG", "GPE", "LOC", "NORP"
    ):
        return _Span(ent[0].idx, nxt.idx + len(nxt), EntityType.LOCATION, "ner")
    type_ = NER_TYPES.get(label)
    if type_ is None:
        return None
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if type_ is EntityType.QUANTITY:
        while len(tokens) > 1 and tokens[0].lower_ in _HEDGE_WORDS:
            tokens.pop(0)
    if label == "GPE" and len(tokens) > 1 and tokens[0].lower_ == "the":
        tokens.pop(0)
    if not tokens:
        return None
    first = tokens[0]
    demonym = len(tokens) == 1 and first.tag_ == "JJ" and bool(_DEMONYM.search(first.text))
    if label in ("GPE", "NORP") and demonym:
        type_ = EntityType.NATIONALITY  # "Ukrainian intelligence": an adjective, not the place
    elif label in ("PERSON", "ORG", "NORP") and not demonym and (
        (prev is not None and prev.lower_ in _PLACE_PREPOSITIONS)
        or (len(tokens) == 1 and label != "ORG" and is_place(first.text))
    ):
        type_ = EntityType.LOCATION  # "in Raqqah", or a one-word name the gazetteer knows
    elif label == "NORP" and tokens[-1].tag_ in ("NNPS", "NNS"):
        type_ = EntityType.ORGANISATION  # "Syrians", "Jordanians": a group of people
    if type_ is EntityType.QUANTITY and len(tokens) == 1 and tokens[0].lower_ == "one":
        return None  # "one of them": re3d marks "one" as a figure almost never
    return _Span(first.idx, tokens[-1].idx + len(tokens[-1]), type_, "ner")


def _merge(strong: list[_Span], weak: list[_Span]) -> list[_Span]:
    """``strong`` spans plus the ``weak`` ones that overlap none of them, sorted, no overlap."""
    kept = list(strong)
    for m in weak:
        if not any(m.start < v.end and v.start < m.end for v in strong):
            kept.append(m)
    kept.sort(key=lambda m: (m.start, -m.end))
    out: list[_Span] = []
    for m in kept:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _extend(text: str, spans: list[_Span]) -> list[_Span]:
    """Grow spans over the words re3d includes in them: determiners, owners, group nouns."""
    out: list[_Span] = []
    for sp in spans:
        before = text[: sp.start]
        if sp.type in (EntityType.NATIONALITY, EntityType.ORGANISATION) and sp.source != "pronoun":
            m = _FORCES.match(text, sp.end)
            if m and not _overlaps(spans, sp.end, m.end()):
                sp = _Span(sp.start, m.end(), EntityType.ORGANISATION, "group", None, sp.country)
        if sp.type is EntityType.MILITARY_PLATFORM and out:
            owner = out[-1]
            if (
                owner.type in (EntityType.NATIONALITY, EntityType.ORGANISATION)
                and owner.source != "pronoun"
                and text[owner.end : sp.start] == " "
            ):
                out.pop()
                sp = _Span(owner.start, sp.end, sp.type, sp.source, sp.canonical, owner.country)
                before = text[: sp.start]
        if sp.type is EntityType.ORGANISATION and sp.source != "pronoun":
            m = (_ARTICLE if sp.source == "group" else _THE).search(before)
            if m:
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        elif sp.type in (EntityType.WEAPON, EntityType.MILITARY_PLATFORM):
            m = _ARTICLE.search(before)
            if m:
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        elif sp.type is EntityType.LOCATION and sp.source == "ner":
            m = _COMPASS.search(before)
            if m and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        if out and sp.start < out[-1].end:
            continue
        out.append(sp)
    return out


def _overlaps(spans: list[_Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _with_country(m: Mention, country_of: Callable[[str], str | None]) -> Mention:
    if m.country is not None or m.type not in _COUNTRY_TYPES:
        return m
    code = country_of(m.text)
    if code is None:
        return m
    return Mention(m.start, m.end, m.text, m.type, code, m.canonical, m.source)


def _place_test(resources: Resources) -> Callable[[str], bool]:
    """Whether a one-word name is a gazetteer place (lazily loaded; False without one)."""

    def is_place(name: str) -> bool:
        try:
            gazetteer = resources.gazetteer
        except ImportError:
            return False
        return gazetteer.has_name(name) and not gazetteer.is_stopword(name)

    return is_place


@lru_cache(maxsize=1)
def _country_lookup() -> Callable[[str], str | None]:
    """``countries.country_of`` where that module exists, else a lookup that knows nothing."""
    try:
        from fogofwar.language.countries import country_of
    except ImportError:
        return lambda text: None
    return country_of

