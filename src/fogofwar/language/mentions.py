"""Stage 2, mentions: typed entity mentions (re3d types) with article offsets.

Sources, merged so that the outer mentions never overlap:

1. the domain vocabularies (``fogofwar.language.vocabulary``: weapons, platforms,
   organisations, public figures), matched on every sentence — cheap, so nothing is missed for
   want of a parse; a known organisation that is only part of a longer name gives way to it;
2. rules on the words: nominal places ("the city", "the port city of Tartus"), map coordinates
   and titled roles ("the Foreign Secretary");
3. on the sentences that have a parse (the claim candidates by default; every sentence with
   ``analyze_entities(..., full=True)``, which ``fogofwar eval entities`` uses): spaCy's NER where
   the parse has it, its labels mapped to re3d types and known model errors repaired by rule
   (a name ending in a place head such as "Barrage" is a place, a figure keeps its unit), plus
   the gazetteer places it missed; where it has no NER (the default pipeline skips it for
   speed), proper-noun runs typed by rule: a run ending in an organisation head ("Shura
   Council") is an Organisation, one the gazetteer knows or ending in a place head a Location,
   a demonym a Nationality, an unknown acronym an Organisation, any other run of two or more
   names a Person.

Vocabulary and rule mentions win over overlapping parse ones. Then rules follow re3d's
conventions: titles joined to names ("Russian Foreign Minister Sergei Lavrov", "Mr Johnson"),
"the" joined to organisations, "a"/"the" and an owner joined to weapons and platforms ("a UAV",
"ISIL tanks"), group nouns making organisations of their noun phrase ("Iraqi security forces",
"the regime", "60 civilians"), "the United States" as an actor an organisation, words listed
before a platform sharing its head ("attack, bomber and fighter aircraft"), "Town, Country"
joined, hedges dropped from figures, and optionally personal pronouns. Last, across the
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.language.countries import country_of, is_country_name
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, EntityType, Mention

WORDS_FILE = "mention_words.tsv"

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
_TIME_LABELS = ("DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL")
_COUNTRY_TYPES = (EntityType.NATIONALITY, EntityType.ORGANISATION, EntityType.LOCATION)
# Mentions swallowed by a grown span are kept (re3d annotates both) only inside these types.
_NESTING_TYPES = (
    EntityType.ORGANISATION, EntityType.MILITARY_PLATFORM, EntityType.LOCATION, EntityType.PERSON
)
# A word with a demonym ending stays a nationality even where a place shares its name.
_DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ch|ite|ites|s)$")
_NAME_CONNECTORS = {"of", "for", "the", "and"}
_TITLE_CONNECTORS = {"of", "for", "the"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir"}
_HONORIFIC = re.compile(r"\b(?:" + "|".join(h.capitalize() for h in sorted(_HONORIFICS)) + r")\.? $")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar)-")
_CAPITALISED = re.compile(r"[A-Z][\w.'’-]*$")


@dataclass(frozen=True)
class MentionWords:
    """The closed word classes of ``data/mention_words.tsv``, by class name."""

    classes: dict[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.classes.get(name, frozenset())


@lru_cache(maxsize=1)
def mention_words() -> MentionWords:
    """The word classes, read once per process (case kept as written)."""
    classes: dict[str, set[str]] = {}
    for row in read_tsv(WORDS_FILE):
        word, name = row[0], row[1]
        classes.setdefault(name, set()).add(word)
    return MentionWords({k: frozenset(v) for k, v in classes.items()})


@dataclass(frozen=True)
class _Patterns:
    pronouns: re.Pattern[str]
    nominal_place: re.Pattern[str]
    titled_role: re.Pattern[str]
    compass: re.Pattern[str]
    forces: re.Pattern[str]
    title: re.Pattern[str]
    system: re.Pattern[str]
    weapon_modifier: re.Pattern[str]
    unit: re.Pattern[str]
    lower: dict[str, frozenset[str]]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = mention_words()
    places = w["nominal_place"] | w["nominal_place_phrase"]
    compass = _alternation(w["compass"])
    return _Patterns(
        pronouns=re.compile(
            rf"(?<![\w-])(?:(?P<person>{_alternation(w['person_pronoun'])})"
            rf"|(?P<group>{_alternation(w['group_pronoun'])}))(?![\w-])"
        ),
        # "the city", "the Iraqi city", "the northwest province", "the port city"
        nominal_place=re.compile(
            rf"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]n?|[Ii]ts|[Tt]heir) (?:(?:(?i:{compass})|[A-Z][\w'’-]*) )?(?i:{_alternation(places)})"
            r"(?![\w-])"
        ),
        # "the Foreign Secretary", "The secretary", "the UN Special Envoy" with no name after
        titled_role=re.compile(
            rf"(?<![\w-])[Tt]he (?:[A-Z][\w.'’-]* )*(?i:{_alternation(w['title_head'])})"
            r"(?![\w-])(?! [A-Z])(?! of\b)"
        ),
        compass=re.compile(rf"(?i:{compass}) $"),
        forces=re.compile(
            rf" (?:(?i:{_alternation(w['group_modifier'])})\s)?"
            rf"(?i:{_alternation(w['group_noun'])})(?![\w-])"
        ),
        title=re.compile(rf"(?:{_alternation(w['title'])})$"),
        system=re.compile(rf" (?i:{_alternation(w['weapon_tail'])})(?![\w-])"),
        # "Ground-based artillery", "vehicle-borne homemade bombs": how the weapon is carried
        weapon_modifier=re.compile(
            rf"(?<![\w-])(?:[A-Za-z]+-(?i:{_alternation(w['weapon_modifier'])}) )+"
            rf"(?:(?i:{_alternation(w['weapon_adjective'])}) )?$"
        ),
        # "7,000 m3/s", "84 MW", "50m": the unit of measure belongs to the figure
        unit=re.compile(rf"[ \u00a0]?(?:{_alternation(w['unit'])})(?![\w/·])"),
        lower={
            name: frozenset(x.lower() for x in w[name])
            for name in ("region_word", "place_preposition", "hedge", "group_noun", "org_head",
                         "nominal_place", "title")
        },
    )


# A point on the map is a place: "35°01′57″N 43°38′47″E", "35.0325°N 43.6463889°E", "35.0325; 43.6463889"
_DEGREES = r"\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'](?:\s?\d{1,2}(?:\.\d+)?[″\"])?)?\s?"
_COORDINATES = re.compile(
    rf"(?<![\w.]){_DEGREES}[NS],?\s{_DEGREES}[EW](?!\w)"
    r"|(?<![\w.])-?\d{1,2}\.\d{3,}[;,]\s?-?\d{1,3}\.\d{3,}(?![\w.])"
)
_THE = re.compile(r"(?:^|(?<=\W))(?:the|The) $")
_PLACE_IN_NAME = re.compile(r"(?<=\w) (?:of|on|in) (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)")
_ARTICLE = re.compile(r"(?:^|(?<=\W))(?:a|an|A|An|the|The) $")


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    """Fill ``doc.mentions``; NER only where segment already parsed (claim candidates)."""
    analyze_entities(doc, resources, full=False)


def analyze_entities(
    doc: AnalyzedArticle, resources: Resources, full: bool = False, pronouns: bool = False
) -> None:
    """Fill ``doc.mentions``.

    ``full`` parses every sentence with NER first (slower: what ``fogofwar eval entities``
    does); without it only the sentences already parsed get parse-based mentions, from NER
    where the parse has it, else from proper-noun rules. ``pronouns`` adds personal pronouns
    as re3d annotates them ("I", "he" as Person; "we", "they" as Organisation), with
    ``source="pronoun"``.
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
    is_place = _place_test(resources)
    pats = _patterns()
    found: list[Mention] = []
    for sentence in doc.sentences:
        text = sentence.text
        vocab = [_Span(m.start, m.end, m.entry.type, "vocab", m.entry.canonical, m.entry.country)
                 for m in vocabulary.find(text)]
        parsed = doc.parses.get(sentence.index)
        if parsed is None:
            parse_spans: list[_Span] = []
        elif parsed.has_annotation("ENT_IOB"):
            parse_spans = list(_from_ner(parsed, is_place))
            # places the model missed or gave a label we drop ("Aleppo" as WORK_OF_ART)
            parse_spans = _merge(parse_spans, [
                sp for sp in _from_propn(parsed, is_place, country_of)
                if sp.type is EntityType.LOCATION or (
                    sp.type is EntityType.PERSON and _HONORIFIC.search(text, 0, sp.start)
                )  # "Mr Alzoubi": a title makes a name of any word
            ])
        else:
            parse_spans = list(_from_propn(parsed, is_place, country_of))
        rules = [_Span(m.start(), m.end(), EntityType.LOCATION, "rule")
                 for pattern in (_COORDINATES, pats.nominal_place) for m in pattern.finditer(text)]
        rules = _merge(rules, [_Span(m.start(), m.end(), EntityType.PERSON, "rule")
                               for m in pats.titled_role.finditer(text)])
        vocab, named = _longer_names(vocab, parsed, is_place)
        strong = _merge(vocab, rules)
        spans = _merge(strong, parse_spans)
        nested = named + [s for s in parse_spans if _inside_other(s, strong)]
        if pronouns:
            spans = _merge(spans, list(_pronouns(text)))
        spans = _extend(text, spans, nested, is_place)
        if parsed is not None:
            spans = _groups(parsed, spans, nested)
            spans = _states_as_actors(parsed, spans, nested)
        nested.extend(_places_named_in(text, spans, is_place))
        nested.extend(_nationalities_named_in(text, spans))
        spans = _merge(spans, list(_shared_heads(text, spans)))
        spans = spans + _keep_nested(text, spans, nested)
        spans.sort(key=lambda s: (s.start, -s.end))
        found.extend(
            Mention(sentence.start + sp.start, sentence.start + sp.end, text[sp.start:sp.end],
                    sp.type, sp.country, sp.canonical, sp.source)
            for sp in spans
        )
    found = _people_named_again(doc.text, found)
    doc.mentions = [_with_country(m, country_of) for m in found]


def _people_named_again(text: str, found: list[Mention]) -> list[Mention]:
    """A word of a person's full name, met alone elsewhere in the article, names that person.

    Once "Anas Ahmad" is a Person, a bare "Anas" that NER took for an organisation or a place,
    or did not mark at all, is the same man ("Karbouly" after "Ziad Khalaf al-Karbouly").
    Vocabulary entries and rule spans keep their type; words of four letters or fewer are
    not searched for alone.
    """
    titles = mention_words()["title"]
    names = {
        _ARABIC_ARTICLE.sub("", word)
        for m in found
        if m.type is EntityType.PERSON and m.source in ("ner", "propn", "nested")
        and len(m.text.split()) >= 2
        for word in m.text.split()
        if word not in titles
    }
    names = {w for w in names if w[:1].isupper() and w.isalpha() and not w.isupper() and not is_country_name(w)}

    def person(start: int, end: int) -> Mention:
        honorific = _HONORIFIC.search(text, max(0, start - 5), start)  # "Mr Johnson"
        start = honorific.start() if honorific else start
        return Mention(start, end, text[start:end], EntityType.PERSON, source="propn")

    out = [
        person(m.start, m.end)
        if m.type in _COUNTRY_TYPES and m.source in ("ner", "propn") and m.text in names
        else m
        for m in found
    ]
    searched = sorted((w for w in names if len(w) > 4), key=len, reverse=True)
    if searched:
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, searched)) + r")(?![\w-])")
        for hit in pattern.finditer(text):
            if not any(m.start < hit.end() and hit.start() < m.end for m in out):
                out.append(person(hit.start(), hit.end()))
        out.sort(key=lambda m: (m.start, -m.end))
    return out


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
    for m in _patterns().pronouns.finditer(text):
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
    lower = _patterns().lower
    doc = ent.doc
    label = ent.label_
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.lower_ in lower["region_word"] and label in (
        "PRODUCT", "PERSON", "ORG", "GPE", "LOC", "NORP"
    ):
        return _Span(ent[0].idx, nxt.idx + len(nxt), EntityType.LOCATION, "ner")
    tokens = list(ent)
    cite = next((i for i, t in enumerate(tokens) if i and t.text.startswith("[")), None)
    if cite is not None:
        tokens = tokens[:cite]  # "October 2005.[4][5": a reference mark closes the name
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if tokens and tokens[-1].text in mention_words()["place_head"] and label not in _TIME_LABELS:
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
    demonym = len(tokens) == 1 and first.tag_ == "JJ" and bool(_DEMONYM.search(first.text))
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
    elif label == "NORP" and tokens[-1].tag_ in ("NNPS", "NNS"):
        type_ = EntityType.ORGANISATION  # "Syrians", "Jordanians": a group of people
    if type_ is EntityType.QUANTITY and len(tokens) == 1 and tokens[0].lower_ == "one":
        return None  # "one of them": re3d marks "one" as a figure almost never
    if type_ is EntityType.QUANTITY and prev is not None and prev.text.endswith("[") and (
        nxt is not None and nxt.text.startswith("]")
    ):
        return None  # "[3]": a reference mark, not a figure
    end = tokens[-1].idx + len(tokens[-1])
    if type_ is EntityType.QUANTITY:
        unit = _patterns().unit.match(doc.text, end)
        end = unit.end() if unit else end
    return _Span(first.idx, end, type_, "ner")


def _from_propn(
    parsed, is_place: Callable[[str], bool], country_of: Callable[[str], str | None]
) -> Iterable[_Span]:
    """Mentions of a sentence parsed without NER: proper-noun runs and demonyms, typed by rule."""
    words = mention_words()
    titles = words["title"]
    heads = words["org_head"]
    tokens = list(parsed)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.pos_ != "PROPN":
            if tok.tag_ in ("JJ", "NNP", "NNPS") and tok.text[:1].isupper() and tok.is_alpha:
                if _DEMONYM.search(tok.text) and country_of(tok.text):
                    yield _Span(tok.idx, tok.idx + len(tok), EntityType.NATIONALITY, "propn")
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            tokens[j + 1].pos_ == "PROPN"
            or (tokens[j + 1].lower_ in _NAME_CONNECTORS and tokens[j].text in heads
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
        if len(run) > 1 and run[0].lower_ in _patterns().lower["place_preposition"]:
            run = run[1:]  # "Near Ayn Isa" opening a sentence: the place is "Ayn Isa"
        while run and not (run[-1].is_alpha or run[-1].text[:1].isalnum()):
            run.pop()
        if not run:
            continue
        s, e = run[0].idx, run[-1].idx + len(run[-1])
        name = parsed.text[s - parsed[0].idx : e - parsed[0].idx]
        if any(t.text in heads for t in run) and run[0].text not in titles:
            type_ = EntityType.ORGANISATION
        elif is_place(name) or (len(run) >= 2 and run[-1].text in words["place_head"]):
            type_ = EntityType.LOCATION
        elif len(run) == 1 and country_of(name) and _DEMONYM.search(name):
            type_ = EntityType.NATIONALITY
        elif len(run) == 1 and name.isupper() and 2 <= len(name) <= 6:
            type_ = EntityType.ORGANISATION  # an acronym no list knows: "DFAT", "COI"
        elif (len(run) >= 2 or has_title) and all(t.text[:1].isupper() or t.lower_ in _NAME_CONNECTORS
                                                   or t.text.startswith("al-") for t in run):
            type_ = EntityType.PERSON
        else:
            continue
        yield _Span(s, e, type_, "propn")


def _longer_names(
    vocab: list[_Span], parsed, is_place: Callable[[str], bool]
) -> tuple[list[_Span], list[_Span]]:
    """Known organisations that are only part of a longer organisation's name give way to it.

    "Coalition" in "the Syrian National Coalition", "UN" in "UN Board of Inquiry": the whole
    proper-noun run, ending in an organisation word, is the organisation; the known name inside
    it is returned as nested (re3d annotates both).
    """
    if parsed is None:
        return vocab, []
    words = mention_words()
    text = parsed.text
    names = [
        sp for sp in _from_propn(parsed, is_place, country_of)
        if sp.type is EntityType.ORGANISATION and text[sp.start : sp.end].split()[-1] in words["org_head"]
        and not any(w in words["title"] for w in text[sp.start : sp.end].split())
    ]
    out: list[_Span] = []
    nested: list[_Span] = []
    for sp in vocab:
        longer = next((n for n in names if sp.type is EntityType.ORGANISATION and _inside_other(sp, [n])), None)
        if longer is None:
            out.append(sp)
            continue
        nested.append(sp)
        if not any(o is longer for o in out):
            out.append(longer)
    return out, nested


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


def _inside_other(span: _Span, others: list[_Span]) -> bool:
    """Whether ``span`` lies inside one of ``others`` without being the same extent."""
    return any(o.start <= span.start and span.end <= o.end and (o.start, o.end) != (span.start, span.end)
               for o in others)


def _keep_nested(text: str, spans: list[_Span], nested: list[_Span]) -> list[_Span]:
    """The swallowed mentions that re3d annotates inside a grown one, once each, disjoint.

    An organisation named by a common noun ("coalition" in "coalition forces") is not kept:
    re3d nests names, not the words of a phrase.
    """
    out: list[_Span] = []
    taken = {(s.start, s.end) for s in spans}
    for n in sorted(nested, key=lambda s: (s.start, -s.end)):
        if n.source == "pronoun" or (n.start, n.end) in taken:
            continue
        if n.type is EntityType.ORGANISATION and text[n.start : n.end].islower():
            continue
        outer = [s for s in spans if s.start <= n.start and n.end <= s.end]
        if not outer or outer[0].type not in _NESTING_TYPES:
            continue
        if n.type is EntityType.QUANTITY and outer[0].type is not EntityType.ORGANISATION:
            continue  # "60 civilians" keeps its figure; a map point or a place name does not
        if out and n.start < out[-1].end:
            continue
        out.append(replace(n, source="nested"))
        taken.add((n.start, n.end))
    return out


def _extend(text: str, spans: list[_Span], nested: list[_Span],
            is_place: Callable[[str], bool]) -> list[_Span]:  # fmt: skip
    """Grow spans over the words re3d includes in them: titles, determiners, owners, groups.

    What a grown span swallows is added to ``nested``.
    """
    pats = _patterns()
    out: list[_Span] = []
    for sp in spans:
        before = text[: sp.start]
        if sp.type in (EntityType.NATIONALITY, EntityType.ORGANISATION) and sp.source != "pronoun":
            m = pats.forces.match(text, sp.end)
            if m and not _overlaps(spans, sp.end, m.end()):
                nested.append(sp)
                sp = _Span(sp.start, m.end(), EntityType.ORGANISATION, "group", None, sp.country)
        if sp.type is EntityType.MILITARY_PLATFORM and out:
            owner = out[-1]
            if (
                owner.type in (EntityType.NATIONALITY, EntityType.ORGANISATION)
                and owner.source != "pronoun"
                and text[owner.end : sp.start] == " "
            ):
                out.pop()
                nested.append(owner)
                sp = _Span(owner.start, sp.end, sp.type, sp.source, sp.canonical, owner.country)
                before = text[: sp.start]
        if sp.type is EntityType.LOCATION and out and out[-1].type is EntityType.LOCATION:
            joined = _join_places(text, out[-1], sp, is_place)
            if joined is not None:
                nested.extend((out.pop(), sp) if joined.source == "rule" else (sp,))
                sp = joined
                before = text[: sp.start]
        if sp.type is EntityType.PERSON and sp.source not in ("pronoun", "rule"):
            sp = _with_title(text, sp, nested)
        elif sp.type is EntityType.ORGANISATION and sp.source != "pronoun":
            m = (_ARTICLE if sp.source == "group" else _THE).search(before)
            if m:
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        elif sp.type in (EntityType.WEAPON, EntityType.MILITARY_PLATFORM):
            tail = pats.system.match(text, sp.end)
            if tail and not _overlaps(spans, sp.end, tail.end()):
                sp = _Span(sp.start, tail.end(), sp.type, sp.source, sp.canonical, sp.country)
            m = pats.weapon_modifier.search(before) if sp.type is EntityType.WEAPON else None
            if m and not _overlaps(spans, m.start(), sp.start):
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
                before = text[: sp.start]
            m = _ARTICLE.search(before)
            if m:
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        elif sp.type is EntityType.LOCATION and sp.source in ("ner", "propn"):
            m = pats.compass.search(before)
            if m and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                nested.append(sp)  # "Syria" in "northern Syria": re3d annotates both
                sp = _Span(m.start(), sp.end, sp.type, sp.source, sp.canonical, sp.country)
        while out and sp.start < out[-1].end:
            if out[-1].start < sp.start:
                break
            out.pop()  # swallowed by a title run ("US" in "US Secretary of State John Kerry")
        if out and sp.start < out[-1].end:
            continue
        out.append(sp)
    return out


def _join_places(text: str, left: _Span, right: _Span,
                 is_place: Callable[[str], bool]) -> _Span | None:  # fmt: skip
    """One place from two: "the city of Raqqah" (a nominal place of a name), "Cibolo, Texas"."""
    gap = text[left.end : right.start]
    if left.source == "rule" and gap == " of ":
        return _Span(left.start, right.end, EntityType.LOCATION, "rule")
    if gap == ", " and left.source != "rule" and right.source != "rule":
        after = text[right.end : right.end + 2]
        if after.startswith(",") and not after.startswith(", "):
            return None
        if is_place(text[left.start : left.end]) or left.source in ("ner", "propn"):
            if not after.startswith(", ") and not text[right.end :].lstrip().startswith("and "):
                return _Span(left.start, right.end, EntityType.LOCATION, left.source)
    return None


def _with_title(text: str, sp: _Span, nested: list[_Span]) -> _Span:
    """A person's span grown over the title before the name ("Foreign Secretary Boris Johnson").

    The run of words before the name is walked leftwards over title words, capitalised words
    and "of"/"for"/"the" between them; it must hold a title word, and the words between the
    nearest title and the name must hold a connector ("Secretary of State John Kerry"). re3d
    annotates the bare name too, except after a plain honorific ("Mr Johnson"): the name is
    then added to ``nested``.
    """
    pats = _patterns()
    stops = mention_words()["title_stop"]
    words = list(re.finditer(r"[^\s“\"‘(\[]\S*", text[: sp.start]))  # an opening quote is no part
    chain: list[re.Match[str]] = []  # right to left
    pos = sp.start
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        word = w.group()
        gap = text[w.end() : pos].replace("\u200e", "")
        if len(gap) != 1 or not gap.isspace() or word in stops:
            break
        if not (pats.title.match(word) or _CAPITALISED.match(word) or word.isupper()
                or (word in _TITLE_CONNECTORS and k > 0)):
            break
        chain.append(w)
        pos = w.start()
    while chain and chain[-1].group() in _TITLE_CONNECTORS:
        chain.pop()
    titles = [i for i, w in enumerate(chain) if pats.title.match(w.group())]
    if not titles:
        return sp
    nearest = titles[0]
    if nearest > 0 and not any(w.group() in _TITLE_CONNECTORS for w in chain[:nearest]):
        chain = chain[nearest:]  # "NATO Secretary General X" keeps; "Reuters Minister" no
        if not chain:
            return sp
    start = chain[-1].start()
    m = _THE.search(text[:start])
    if m:
        start = m.start()
    if not all(w.group().lower().rstrip(".") in _HONORIFICS for w in chain):
        nested.append(sp)
    return _Span(start, sp.end, sp.type, sp.source, sp.canonical, sp.country)


def _groups(parsed, spans: list[_Span], nested: list[_Span]) -> list[_Span]:
    """Noun phrases headed by a group noun become organisations ("the regime", "60 civilians").

    The phrase runs from the head's left edge in the parse to the head; mentions inside it are
    kept as nested ones; a phrase that would cut a mention in two is left alone.
    """
    groups = _patterns().lower["group_noun"]
    base = parsed[0].idx if len(parsed) else 0
    out = list(spans)
    for tok in parsed:
        if tok.lower_ not in groups or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i + 1 < len(parsed) and parsed[tok.i + 1].pos_ in ("NOUN", "PROPN") and parsed[tok.i + 1].dep_ == "compound" and parsed[tok.i + 1].head.i > tok.i:
            continue  # "coalition" in "coalition forces": the phrase ends later
        left = tok.left_edge
        toks = parsed[left.i : tok.i + 1]
        cut = max((t.i for t in toks if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ")), default=None)
        first = cut + 1 if cut is not None else left.i
        hedges = _patterns().lower["hedge"]
        while first < tok.i and parsed[first].lower_ in hedges:
            first += 1  # "at least ten people": the figure keeps its hedge, the group not
        start, end = parsed[first].idx - base, tok.idx + len(tok) - base
        inner = [s for s in out if start <= s.start and s.end <= end]
        if any(s.start < end and start < s.end and s not in inner for s in out):
            continue
        if any(s.start == start and s.end == end for s in inner):
            continue
        if any(s.type is EntityType.ORGANISATION and s.end == end for s in inner):
            continue  # already an organisation ending here ("Iraqi security forces")
        nested.extend(inner)
        out = [s for s in out if s not in inner]
        out.append(_Span(start, end, EntityType.ORGANISATION, "group"))
    out.sort(key=lambda s: (s.start, -s.end))
    return out


def _states_as_actors(parsed, spans: list[_Span], nested: list[_Span]) -> list[_Span]:
    """"the United States" heading its phrase names the state as an actor: an organisation.

    re3d marks the place as well ("United States" a Location inside "the United States" an
    Organisation), so the place is kept as nested. A name that modifies a noun after it ("the
    U.S. military", "the UK Government") is left alone: the phrase is another mention.
    """
    text = parsed.text
    out: list[_Span] = []
    for sp in spans:
        the = _THE.search(text, 0, sp.start) if sp.type is EntityType.LOCATION else None
        name = parsed.char_span(sp.start, sp.end, alignment_mode="expand")
        if (
            the is not None and the.end() == sp.start and sp.source in ("ner", "propn")
            and name is not None and is_country_name(text[sp.start : sp.end])
            and not (name.root.head.i >= name.end and name.root.dep_ in ("compound", "amod", "nmod"))
        ):
            nested.append(sp)
            sp = _Span(the.start(), sp.end, EntityType.ORGANISATION, "state", None, sp.country)
        out.append(sp)
    return out


def _places_named_in(text: str, spans: list[_Span], is_place: Callable[[str], bool]) -> list[_Span]:
    """Places closing an organisation's name ("Iraq" in "the Government of Iraq"), as nested."""
    out: list[_Span] = []
    for sp in spans:
        if sp.type is not EntityType.ORGANISATION:
            continue
        m = _PLACE_IN_NAME.search(text, sp.start, sp.end)
        if m and m.end() == sp.end and is_place(m.group(1)):
            out.append(_Span(m.start(1), m.end(1), EntityType.LOCATION, "rule"))
    return out


_LIST_BEFORE = re.compile(r"(?:(?<=\W)|^)((?:[a-z]+, )+[a-z]+,? and )$")


def _shared_heads(text: str, spans: list[_Span]) -> Iterable[_Span]:
    """Words listed before a platform share its head: in "attack, bomber, fighter and remotely
    piloted aircraft" each of "attack", "bomber", "fighter" names an aircraft."""
    for sp in spans:
        if sp.type is not EntityType.MILITARY_PLATFORM:
            continue
        m = _LIST_BEFORE.search(text, 0, sp.start)
        if m is None:
            continue
        for word in re.finditer(r"[a-z]+", m.group(1)):
            if word.group() != "and":
                start = m.start(1) + word.start()
                yield _Span(start, start + len(word.group()), EntityType.MILITARY_PLATFORM, "rule")


_LEADING_WORD = re.compile(r"(?:(?:the|The) )?([A-Z][a-z]+)\b")


def _nationalities_named_in(text: str, spans: list[_Span]) -> list[_Span]:
    """A demonym opening an organisation's or a person's name ("Syrian" in "the Syrian
    Democratic Forces", "Russian" in "Russian Foreign Minister Sergei Lavrov"), as nested."""
    out: list[_Span] = []
    for sp in spans:
        if sp.type not in (EntityType.ORGANISATION, EntityType.PERSON) or sp.source == "pronoun":
            continue
        m = _LEADING_WORD.match(text, sp.start, sp.end)
        if m and m.end(1) < sp.end and _DEMONYM.search(m.group(1)) and country_of(m.group(1)):
            out.append(_Span(m.start(1), m.end(1), EntityType.NATIONALITY, "rule"))
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
    """Whether a name is a gazetteer place (lazily loaded; False without one)."""

    def is_place(name: str) -> bool:
        try:
            gazetteer = resources.gazetteer
        except ImportError:
            return False
        return gazetteer.has_name(name) and not gazetteer.is_stopword(name)

    return is_place
