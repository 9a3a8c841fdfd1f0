"""Where mentions come from: spaCy's entities (repaired), proper-noun runs, pronouns.

Each source returns ``Span`` objects relative to one sentence; ``fogofwar.language.mentions``
merges them with the vocabulary's and the word rules'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fogofwar.language.countries import country_of
from fogofwar.language.mention_spans import Span, inside_other
from fogofwar.language.mention_words import (
    DEMONYM,
    NAME_CONNECTORS,
    mention_words,
    word_patterns,
)
from fogofwar.models import EntityType

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


TIME_LABELS = ("DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL")


def pronoun_spans(text: str) -> Iterable[Span]:
    for m in word_patterns().pronouns.finditer(text):
        type_ = EntityType.PERSON if m.group("person") else EntityType.ORGANISATION
        yield Span(m.start(), m.end(), type_, "pronoun")


def from_ner(parsed, is_place: Callable[[str], bool]) -> Iterable[Span]:
    """Spans of the entities of ``parsed`` (a spaCy Doc of one sentence), repaired."""
    for ent in parsed.ents:
        span = _repair(ent, is_place)
        if span is not None and span.end > span.start:
            yield span


def _repair(ent, is_place: Callable[[str], bool]) -> Span | None:
    """Map a spaCy entity to a re3d-typed span, repairing known model errors; None drops it."""
    lower = word_patterns().lower
    doc = ent.doc
    label = ent.label_
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.lower_ in lower["region_word"] and label in (
        "PRODUCT", "PERSON", "ORG", "GPE", "LOC", "NORP"
    ):
        return Span(ent[0].idx, nxt.idx + len(nxt), EntityType.LOCATION, "ner")
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if tokens and tokens[-1].text in mention_words()["place_head"] and label not in TIME_LABELS:
        label = "FAC"  # "Samarra Barrage", "Tiyas Military Airfield": a named place, whatever NER says
    type_ = NER_TYPES.get(label)
    if type_ is None:
        return None
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if type_ is EntityType.QUANTITY:
        while len(tokens) > 1 and tokens[0].lower_ in lower["hedge"]:
            tokens.pop(0)
    if label == "GPE" and len(tokens) > 1 and tokens[0].lower_ == "the":
        tokens.pop(0)
    if len(tokens) > 1 and tokens[0].lower_ in lower["place_preposition"]:
        tokens.pop(0)  # "Near Palmyra" at the start of a sentence: the place is "Palmyra"
        type_, prev = EntityType.LOCATION, tokens[0]
    if not tokens:
        return None
    first = tokens[0]
    demonym = len(tokens) == 1 and first.tag_ == "JJ" and bool(DEMONYM.search(first.text))
    if label in ("PERSON", "GPE", "NORP", "FAC") and tokens[-1].text in mention_words()["org_head"]:
        type_ = EntityType.ORGANISATION  # "Saray al-Jihad Group", "Supporters Brigades"
    elif label in ("GPE", "NORP") and demonym:
        type_ = EntityType.NATIONALITY  # "Ukrainian intelligence": an adjective, not the place
    elif label in ("PERSON", "ORG", "NORP", "LANGUAGE") and not demonym and (
        (prev is not None and prev.lower_ in lower["place_preposition"])
        or (len(tokens) == 1 and (label != "ORG" or not first.is_upper) and is_place(first.text)
            and not (prev is not None and prev.text in mention_words()["title"]))  # "Mr Hammond"
    ):
        type_ = EntityType.LOCATION  # "in Raqqah", or a one-word name the gazetteer knows
    elif label == "NORP" and _plural_noun(tokens[-1]):
        type_ = EntityType.ORGANISATION  # "Syrians", "Jordanians": a group of people
    if type_ is EntityType.QUANTITY and len(tokens) == 1 and tokens[0].lower_ == "one":
        return None  # "one of them": re3d marks "one" as a figure almost never
    if type_ is EntityType.QUANTITY and prev is not None and prev.text.endswith("[") and (
        nxt is not None and nxt.text.startswith("]")
    ):
        return None  # "[3]": a reference mark, not a figure
    end = tokens[-1].idx + len(tokens[-1])
    if type_ is EntityType.QUANTITY:
        unit = word_patterns().unit.match(doc.text, end)
        end = unit.end() if unit else end
    return Span(first.idx, end, type_, "ner")


def from_propn(parsed, is_place: Callable[[str], bool]) -> Iterable[Span]:
    """Mentions of a sentence parsed without NER: proper-noun runs and demonyms, typed by rule."""
    words = mention_words()
    titles = words["title"]
    heads = words["org_head"]
    prepositions = word_patterns().lower["place_preposition"]
    tokens = list(parsed)
    text, offset = parsed.text, (tokens[0].idx if tokens else 0)  # Doc.text is rebuilt on each read
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.pos_ != "PROPN":
            if tok.tag_ in ("JJ", "NNP", "NNPS") and tok.text[:1].isupper() and tok.is_alpha:
                if DEMONYM.search(tok.text) and country_of(tok.text):
                    yield Span(tok.idx, tok.idx + len(tok), EntityType.NATIONALITY, "propn")
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            tokens[j + 1].pos_ == "PROPN"
            or (tokens[j + 1].lower_ in NAME_CONNECTORS and tokens[j].text in heads
                and j + 2 < len(tokens) and tokens[j + 2].pos_ == "PROPN")
        ):
            j += 1
        run = [t for t in tokens[i : j + 1] if t.tag_ != "POS"]
        start = i
        i = j + 1
        lead = 0
        while lead < len(run) - 1 and run[lead].text in titles:
            lead += 1  # "Foreign Secretary Boris Johnson": the title joins later, by rule
        has_title = lead > 0 or (start > 0 and tokens[start - 1].text in titles)
        run = run[lead:]
        if len(run) > 1 and run[0].lower_ in prepositions:
            run = run[1:]  # "Near Ayn Isa" opening a sentence: the place is "Ayn Isa"
        while run and not (run[-1].is_alpha or run[-1].text[:1].isalnum()):
            run.pop()
        if not run:
            continue
        s, e = run[0].idx, run[-1].idx + len(run[-1])
        name = text[s - offset : e - offset]
        if any(t.text in heads for t in run) and run[0].text not in titles:
            type_ = EntityType.ORGANISATION
        elif is_place(name) or (len(run) >= 2 and run[-1].text in words["place_head"]):
            type_ = EntityType.LOCATION
        elif len(run) == 1 and country_of(name) and DEMONYM.search(name):
            type_ = EntityType.NATIONALITY
        elif len(run) == 1 and name.isupper() and 2 <= len(name) <= 6:
            type_ = EntityType.ORGANISATION  # an acronym no list knows: "DFAT", "COI"
        elif (len(run) >= 2 or has_title) and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS
                                                   or t.text.startswith("al-") for t in run):
            type_ = EntityType.PERSON
        else:
            continue
        yield Span(s, e, type_, "propn")


def longer_names(vocab: list[Span], runs: list[Span], text: str) -> tuple[list[Span], list[Span]]:
    """Known organisations that are only part of a longer organisation's name give way to it.

    "Coalition" in "the Syrian National Coalition": the whole proper-noun run, ending in an
    organisation word, is the organisation; the known name inside it is returned as nested
    (re3d annotates both). ``runs`` are the sentence's proper-noun runs (``from_propn``) and
    ``text`` the sentence.
    """
    words = mention_words()
    names = [
        sp for sp in runs
        if sp.type is EntityType.ORGANISATION and text[sp.start : sp.end].split()[-1] in words["org_head"]
        and not any(w in words["title"] for w in text[sp.start : sp.end].split())
    ]
    out: list[Span] = []
    nested: list[Span] = []
    for sp in vocab:
        inside = (n for n in names if inside_other(sp, [n]))
        longer = next(inside, None) if sp.type is EntityType.ORGANISATION else None
        if longer is None:
            out.append(sp)
            continue
        nested.append(sp)
        if not any(o is longer for o in out):
            out.append(longer)
    return out, nested


def _plural_noun(tok) -> bool:
    """Whether a demonym is a plural noun ("Syrians", "Iraqis"): by its tag, or by its form
    where the sentence had NER alone (no tags) and a country knows it without its "s"."""
    if tok.tag_:
        return tok.tag_ in ("NNPS", "NNS")
    return tok.text.endswith("s") and country_of(tok.text[:-1]) is not None
