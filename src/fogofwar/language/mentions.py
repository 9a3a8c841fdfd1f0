"""Stage 2, mentions: typed entity mentions (re3d types) with article offsets.

Two sources, merged so that mentions never overlap:

1. the domain vocabularies (``fogofwar.language.vocabulary``: weapons, platforms,
   organisations), matched on every sentence — cheap, so nothing is missed for want of a parse;
2. spaCy's NER on the sentences that have a parse (the claim candidates by default; every
   sentence with ``analyze_entities(..., full=True)``, which ``fogofwar eval entities`` uses),
   its labels mapped to re3d types and known model errors repaired by rule.

Vocabulary mentions win over overlapping NER ones. ``Mention.country`` is filled for
organisations from the vocabulary and for nationalities, locations and organisations from
``fogofwar.language.countries.country_of`` where that module is present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from fogofwar.language import segment
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, EntityType, Mention, Sentence

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
# A name the model mislabels (PRODUCT "Kursk", PERSON "Donetsk") is a place when a word like
# these follows it: the place then includes that word ("the Kursk region").
_REGION_WORDS = {"region", "oblast", "province", "governorate", "district", "raion", "county"}


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    """Fill ``doc.mentions``; NER only where segment already parsed (claim candidates)."""
    analyze_entities(doc, resources, full=False)


def analyze_entities(doc: AnalyzedArticle, resources: Resources, full: bool = False) -> None:
    """Fill ``doc.mentions``; with ``full`` every sentence is parsed first (slower)."""
    if full:
        todo = [s.index for s in doc.sentences if s.index not in doc.parses]
        for index, parsed in zip(todo, resources.nlp.pipe(doc.sentences[i].text for i in todo)):
            doc.parses[index] = parsed
    vocabulary = resources.vocabulary
    country_of = _country_lookup()
    found: list[Mention] = []
    for sentence in doc.sentences:
        vocab = [_from_vocab(sentence, m) for m in vocabulary.find(sentence.text)]
        ner = list(_from_ner(sentence, doc.parses[sentence.index])) if sentence.index in doc.parses else []
        found.extend(_merge(vocab, ner))
    doc.mentions = [_with_country(m, country_of) for m in found]


def mentions_of(doc: AnalyzedArticle, index: int, resources: Resources) -> list[Mention]:
    """The mentions inside sentence ``index``, parsing it on demand if it has no parse yet."""
    segment.parse(doc, resources, index)
    s = doc.sentences[index]
    return [m for m in doc.mentions if s.start <= m.start and m.end <= s.end]


def _from_vocab(sentence: Sentence, match) -> Mention:  # match: VocabMatch
    e = match.entry
    return Mention(
        start=sentence.start + match.start,
        end=sentence.start + match.end,
        text=match.text,
        type=e.type,
        country=e.country,
        canonical=e.canonical,
        source="vocab",
    )


def _from_ner(sentence: Sentence, parsed) -> Iterable[Mention]:  # parsed: spacy Doc
    for ent in parsed.ents:
        span = _repair(ent)
        if span is None:
            continue
        start, end, type_ = span
        text = parsed.text[start:end]
        if not text.strip():
            continue
        yield Mention(sentence.start + start, sentence.start + end, text, type_, source="ner")


def _repair(ent) -> tuple[int, int, EntityType] | None:
    """Map a spaCy entity to (start, end, re3d type) relative to its sentence, or drop it."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _REGION_WORDS and ent.label_ in ("PRODUCT", "PERSON", "ORG", "GPE", "LOC"):
        first = ent[0]
        start = first.idx
        if ent.start > 0 and doc[ent.start - 1].lower_ == "the":
            start = doc[ent.start - 1].idx
        return start, nxt.idx + len(nxt), EntityType.LOCATION
    type_ = NER_TYPES.get(ent.label_)
    if type_ is None:
        return None
    tokens = list(ent)
    # Drop a leading determiner and trailing possessive the model sometimes includes.
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1]), type_


def _merge(vocab: list[Mention], ner: list[Mention]) -> list[Mention]:
    """Vocabulary mentions plus the NER mentions that overlap none of them, sorted."""
    kept = list(vocab)
    for m in ner:
        if not any(m.start < v.end and v.start < m.end for v in vocab):
            kept.append(m)
    kept.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in kept:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _with_country(m: Mention, country_of: Callable[[str], str | None]) -> Mention:
    if m.country is not None or m.type not in _COUNTRY_TYPES:
        return m
    code = country_of(m.text)
    if code is None:
        return m
    return Mention(m.start, m.end, m.text, m.type, code, m.canonical, m.source)


@lru_cache(maxsize=1)
def _country_lookup() -> Callable[[str], str | None]:
    """``countries.country_of`` where that module exists, else a lookup that knows nothing."""
    try:
        from fogofwar.language.countries import country_of
    except ImportError:
        return lambda text: None
    return country_of


_ = re  # re is kept for the rules below as they grow
