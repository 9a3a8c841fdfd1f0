"""Stage 2, mentions: typed entity mentions (re3d types) with article offsets.

Sources, merged so that the outer mentions never overlap:

1. the domain vocabularies (``fogofwar.language.vocabulary``: weapons, platforms,
   organisations, public figures), matched on every sentence — cheap, so nothing is missed for
   want of a parse; a known organisation that is only part of a longer name gives way to it;
2. rules on the words: nominal places ("the city", "the port city of Tartus"), map coordinates
   and titled roles ("the Foreign Secretary");
3. on the sentences segment ran spaCy on (every sentence holding a capital or a digit): spaCy's
   NER, its labels mapped to re3d types and known model errors repaired by rule
   (a name ending in a place head such as "Barrage" is a place, a figure keeps its unit), plus
   the gazetteer places it missed, from the sentence's proper-noun runs where it also has
   tags (a parse made without NER falls back to those runs alone), typed by rule: a run
   ending in an organisation head ("Shura
   Council") is an Organisation, one the gazetteer knows or ending in a place head a Location,
   a demonym a Nationality, an unknown acronym an Organisation, any other run of two or more
   names a Person.

Vocabulary and rule mentions win over overlapping parse ones. Then rules follow re3d's
conventions: titles joined to names ("Russian Foreign Minister Sergei Lavrov", "Mr Johnson"),
"the" joined to organisations, "a"/"the" and an owner joined to weapons and platforms ("a UAV",
"ISIL tanks"), group nouns making organisations of their noun phrase ("Iraqi security forces",
"the regime", "60 civilians"), "the United States" as an actor an organisation, words listed
before a platform sharing its head ("attack, bomber and fighter aircraft"), "Town, Country"
joined, hedges dropped from figures, and personal pronouns; roles named by what they serve
("Minister for Central Asia") are people, communities ("Yazidi", "Sunni") nationalities,
names beginning "Abu" people; names of documents ("the Geneva Communique"), words of
frequency ("daily") and names in another script are dropped. Last, across the
article, a word of a person's full name met alone names that person ("Anas" after "Anas
Ahmad").

re3d annotates an entity inside a larger one as well ("Iraqi" in "Iraqi soldiers", "ISIL" in
"ISIL tanks", "Texas" in "Cibolo, Texas"), so the mentions a grown span swallows are kept as
*nested* mentions: ``Mention.source`` is then "nested". Every other mention is disjoint from the
rest. ``Mention.source`` says where a mention came from: "vocab", "ner", "propn" (proper-noun
rule), "rule" (nominal place, coordinates or titled role), "group" (an organisation grown over
its group noun), "state" (a country named as an actor), "pronoun" or "nested". ``Mention.country`` is filled for organisations from the
vocabulary and for nationalities, locations and organisations from
``fogofwar.language.countries.country_of``.

The closed word classes (pronouns, group nouns, titles, organisation heads, nominal places,
compass words...) are data: ``data/mention_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from fogofwar.language import sections
from fogofwar.language.countries import country_of
from fogofwar.language.mention_conventions import (
    COUNTRY_TYPES,
    communities,
    extend,
    groups,
    in_latin_script,
    keep_nested,
    kunya_names,
    nationalities_named_in,
    not_documents,
    not_frequencies,
    places_named_in,
    shared_heads,
    states_as_actors,
)
from fogofwar.language.mention_people import people_named_again
from fogofwar.language.mention_sources import (
    from_ner,
    from_propn,
    longer_names,
    pronoun_spans,
)
from fogofwar.language.mention_spans import Span, inside_other, merge, overlaps
from fogofwar.language.mention_words import (
    COORDINATES,
    HONORIFIC,
    mention_words,
    word_patterns,
)
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, EntityType, Mention

__all__ = ["mention_words", "run"]


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    """Fill ``doc.mentions`` (what ``extract`` prints, ``ingest`` stores and ``eval entities`` scores).

    Parse-based mentions come from what segment gave each sentence: NER (and proper-noun
    runs where there are tags) on the sentences it ran spaCy on, nothing on the others.
    Personal pronouns count as re3d annotates them ("I", "he" as Person; "we", "they" as
    Organisation), with ``source="pronoun"``.
    """
    vocabulary = resources.vocabulary
    is_place = _place_test(resources)
    pats = word_patterns()
    found: list[Mention] = []
    for sentence in doc.sentences:
        text = sentence.text
        vocab = [Span(m.start, m.end, m.entry.type, "vocab", m.entry.canonical, m.entry.country)
                 for m in vocabulary.find(text)]
        parsed = doc.parses.get(sentence.index)
        runs = [] if parsed is None else list(from_propn(parsed, is_place))
        if parsed is not None and parsed.has_annotation("ENT_IOB"):
            # places the model missed or gave a label we drop ("Aleppo" as WORK_OF_ART)
            parse_spans = merge(list(from_ner(parsed, is_place)), [
                sp for sp in runs
                if sp.type is EntityType.LOCATION or (
                    sp.type is EntityType.PERSON and HONORIFIC.search(text, 0, sp.start)
                )  # "Mr Alzoubi": a title makes a name of any word
            ])
        else:
            parse_spans = runs
        rules = [Span(m.start(), m.end(), EntityType.LOCATION, "rule")
                 for pattern in (COORDINATES, pats.nominal_place) for m in pattern.finditer(text)]
        rules = merge(rules, [Span(m.start(), m.end(), EntityType.PERSON, "rule")
                               for m in pats.titled_role.finditer(text)])
        vocab, named = longer_names(vocab, runs, text)
        roles = _roles(text, pats, parse_spans)
        rules = [r for r in rules if not inside_other(r, roles)]  # "the UN High Commissioner" + "for Refugees"
        roles = [r for r in roles if not overlaps(rules, r.start, r.end)]
        named += [v for v in vocab if inside_other(v, roles)]
        vocab = merge([v for v in vocab if not inside_other(v, roles)], roles)
        strong = merge(vocab, rules)
        spans = merge(strong, parse_spans)
        nested = named + [s for s in parse_spans if inside_other(s, strong)]
        spans = merge(spans, list(pronoun_spans(text)))
        spans = extend(text, spans, nested, is_place)
        if parsed is not None and parsed.has_annotation("TAG"):
            spans = groups(parsed, spans, nested)
            spans = states_as_actors(parsed, spans, nested)
        spans, nested = communities(text, spans), communities(text, nested)
        spans = not_frequencies(text, not_documents(text, in_latin_script(text, spans)))
        spans = kunya_names(text, spans, is_place)
        nested.extend(places_named_in(text, spans, is_place))
        nested.extend(nationalities_named_in(text, spans))
        spans = merge(spans, list(shared_heads(text, spans)))
        spans = spans + keep_nested(text, spans, nested)
        spans.sort(key=lambda s: (s.start, -s.end))
        found.extend(
            Mention(sentence.start + sp.start, sentence.start + sp.end, text[sp.start:sp.end],
                    sp.type, sp.country, sp.canonical, sp.source)
            for sp in spans
        )
    found = people_named_again(doc.text, found, sections.reach(doc))
    doc.mentions = [_with_country(m) for m in found]


def _roles(text: str, pats, parse_spans: list[Span]) -> list[Span]:
    """Roles named by what they serve ("Minister for Central Asia", "commander of the
    Amphibious Task Group") as Person, unless a name is part of the match (the title rules
    join a title to its name)."""
    out: list[Span] = []
    for m in pats.role_of.finditer(text):
        served = m.start() + re.search(r" (?:for|of) ", m.group()).end()
        inner = pats.role_of.search(text, served, m.end())
        if inner is not None and inner.end() == m.end():
            m = inner  # "a spokesman for [the UN High Commissioner for Human Rights]"
        if any(p.type is EntityType.PERSON and m.start() <= p.start < m.end() for p in parse_spans):
            continue
        if re.search(r"['’]s?$", m.group()):
            continue  # "commander for AQI's logistics": the role goes on past the name
        end = m.end() - 1 if re.search(r"(?<![.\s]\w)\.$", m.group()) else m.end()
        out.append(Span(m.start(), end, EntityType.PERSON, "rule"))  # "of Forbin." ends the sentence
    return out


def _with_country(m: Mention) -> Mention:
    if m.country is not None or m.type not in COUNTRY_TYPES:
        return m
    code = country_of(m.text)
    return m if code is None else replace(m, country=code)


def _place_test(resources: Resources) -> Callable[[str], bool]:
    """Whether a name is a gazetteer place (lazily loaded; False without one)."""

    def is_place(name: str) -> bool:
        try:
            gazetteer = resources.gazetteer
        except ImportError:
            return False
        return gazetteer.has_name(name) and not gazetteer.is_stopword(name)

    return is_place
