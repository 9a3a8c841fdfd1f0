"""Parties of a claim: the words that name a side, its country and whether it is civilian.

Noun classes (people, civilians, armed forces) live in ``data/party_nouns.tsv``; the side's
country comes from ``fogofwar.language.countries`` (demonyms, names, capitals as metonyms)
or from a mention inside the phrase that already carries one. Nothing is guessed: a party
whose words name no country keeps ``country=None``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from fogofwar.data_files import read_tsv
from fogofwar.language.countries import country_of, names_non_state_group
from fogofwar.models import Mention, Party

_DROP_LEFT = {"nummod", "quantmod", "predet", "advmod", "punct", "cc", "preconj"}
_KEEP_RIGHT_PREPS = {"of", "from"}


@lru_cache(maxsize=1)
def _noun_classes() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for cls, lemma in read_tsv("party_nouns.tsv"):
        table.setdefault(cls, set()).add(lemma)
    return {k: frozenset(v) for k, v in table.items()}


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def is_person(token: Token) -> bool:
    return _lemma(token) in _noun_classes()["person"] or token.lower_ in _noun_classes()["person"]


def is_civilian(token: Token) -> bool:
    return _lemma(token) in _noun_classes()["civilian"]


def is_force(token: Token) -> bool:
    return _lemma(token) in _noun_classes()["force"] or token.lower_ in _noun_classes()["force"]


_RELATIONS = {"ally", "partner", "enemy", "adversary", "rival", "foe", "neighbour", "neighbor", "proxy", "backer", "patron", "sponsor"}
_COLLECTIVES = {"series", "number", "wave", "barrage", "string", "volley", "group", "pair", "couple"}


def noun_phrase(head: Token, keep_numbers: bool = False) -> Span:
    """The phrase headed by ``head``: its left modifiers (without figures and hedges, unless
    ``keep_numbers``) and "of"/"from" complements ("Directorate of Ukraine")."""
    doc = head.doc
    if head.lower_ in _COLLECTIVES:  # "a series of U.S. airstrikes": the airstrikes are the party
        of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of:
            head = of[0]
    start = head.i
    for child in sorted((c for c in head.children if c.i < head.i), key=lambda c: -c.i):
        if not keep_numbers and child.dep_ in _DROP_LEFT and child.dep_ != "punct":
            break
        if child.dep_ == "punct" and child.text not in "\"“”'":
            break
        start = child.left_edge.i
    end = head.i
    for child in head.children:
        if child.i > head.i and child.dep_ == "prep" and child.lower_ in _KEEP_RIGHT_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:  # "of Ukraine", not everything hanging under it
                end = max(end, objects[0].i, *[c.i for c in objects[0].children if c.dep_ in ("compound", "flat")])
        elif child.i > head.i and child.dep_ in ("compound", "nummod", "appos") and child.i == end + 1:
            end = child.right_edge.i
        elif child.i > head.i and child.dep_ == "punct" and child.text == ")" :
            end = child.i
    # a figure left inside the phrase (e.g. "the 200 soldiers") is not part of a party's name
    while start < head.i and not keep_numbers and (doc[start].like_num or doc[start].dep_ in _DROP_LEFT):
        start += 1
    while end > head.i and (doc[end].is_punct and doc[end].text not in ")\""):
        end -= 1
    return doc[start : end + 1]


def make_party(phrase: Span, base: int, mentions: list[Mention]) -> Party:
    """A party from a phrase of a sentence parse; ``base`` is the sentence's article offset."""
    start, end = base + phrase.start_char, base + phrase.end_char
    relation = next((t for t in phrase if t.lemma_.lower() in _RELATIONS), None)
    if relation is not None:
        # "Moscow's ally" is not Moscow: the side is named only by the other words
        return Party(text=phrase.text, start=start, end=end, country=None, civilian=False)
    country = country_of(phrase.text)
    if country is None and not names_non_state_group(phrase.text):
        inside = {m.country for m in mentions if m.country and start <= m.start and m.end <= end}
        if len(inside) == 1:  # "Spanish and Portuguese soldiers" name two sides: none is taken
            country = inside.pop()
    civilian = any(is_civilian(t) for t in phrase if t.pos_ in ("NOUN", "PROPN"))
    return Party(text=phrase.text, start=start, end=end, country=country, civilian=civilian)
