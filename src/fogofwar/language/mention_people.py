"""People named again across an article: once "Anas Ahmad" is a Person, a bare "Anas" elsewhere
is the same man (re3d's convention), whatever NER took it for."""

from __future__ import annotations

import re

from fogofwar.language.alternation import alternation
from fogofwar.language.countries import is_country_name
from fogofwar.language.intervals import SpanIndex
from fogofwar.language.mention_conventions import COUNTRY_TYPES
from fogofwar.language.mention_words import ARABIC_ARTICLE, HONORIFIC, mention_words
from fogofwar.models import EntityType, Mention


def people_named_again(text: str, found: list[Mention], reach: tuple[int, int] | None = None) -> list[Mention]:
    """A word of a person's full name, met alone elsewhere in the article (within ``reach``,
    the characters searched, by default all), names that person.

    Once "Anas Ahmad" is a Person, a bare "Anas" that NER took for an organisation or a place,
    or did not mark at all, is the same man ("Karbouly" after "Ziad Khalaf al-Karbouly").
    Vocabulary entries and rule spans keep their type; words of four letters or fewer are
    not searched for alone.
    """
    titles = mention_words()["title"]
    names = {
        ARABIC_ARTICLE.sub("", word)
        for m in found
        if m.type is EntityType.PERSON and m.source in ("ner", "propn", "nested")
        and len(m.text.split()) >= 2
        for word in m.text.split()
        if word not in titles
    }
    names = {w for w in names if w[:1].isupper() and w.isalpha() and not w.isupper() and not is_country_name(w)}

    def person(start: int, end: int) -> Mention:
        honorific = HONORIFIC.search(text, max(0, start - 5), start)  # "Mr Johnson"
        start = honorific.start() if honorific else start
        return Mention(start, end, text[start:end], EntityType.PERSON, source="propn")

    out = [
        person(m.start, m.end)
        if m.type in COUNTRY_TYPES and m.source in ("ner", "propn") and m.text in names
        else m
        for m in found
    ]
    searched = [w for w in names if len(w) > 4]
    if searched:
        pattern = re.compile(rf"(?<![\w’'-])(?:{alternation(searched)})(?![\w-])")
        # hits never overlap one another, so the mentions before the search are all to test
        taken = SpanIndex((m.start, m.end) for m in out)
        for hit in pattern.finditer(text, *(reach or (0, len(text)))):
            if not taken.overlaps(hit.start(), hit.end()):
                out.append(person(hit.start(), hit.end()))
        out.sort(key=lambda m: (m.start, -m.end))
    return out
