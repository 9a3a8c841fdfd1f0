"""re3d's conventions, applied to merged mentions: how far a span reaches, what nests inside.

Titles join names, "the" joins organisations, owners and articles join platforms, group nouns
make organisations of their noun phrase, a state named as an actor is an organisation, and
words listed before a platform share its head. What a grown span swallows is kept as a nested
mention. (Across an article a person's surname alone still names that person:
``mention_people``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from fogofwar.language.countries import country_of, is_country_name
from fogofwar.language.mention_spans import Span, overlaps
from fogofwar.language.mention_words import (
    ARTICLE,
    CAPITALISED,
    DEMONYM,
    HONORIFICS,
    LEADING_WORD,
    LIST_BEFORE,
    PLACE_IN_NAME,
    THE,
    TITLE_CONNECTORS,
    mention_words,
    word_patterns,
)
from fogofwar.models import EntityType

COUNTRY_TYPES = (EntityType.NATIONALITY, EntityType.ORGANISATION, EntityType.LOCATION)


# Mentions swallowed by a grown span are kept (re3d annotates both) only inside these types.
_NESTING_TYPES = (
    EntityType.ORGANISATION, EntityType.MILITARY_PLATFORM, EntityType.LOCATION, EntityType.PERSON
)


def keep_nested(text: str, spans: list[Span], nested: list[Span]) -> list[Span]:
    """The swallowed mentions that re3d annotates inside a grown one, once each, disjoint.

    An organisation named by a common noun ("coalition" in "coalition forces") is not kept:
    re3d nests names, not the words of a phrase.
    """
    out: list[Span] = []
    taken = {(s.start, s.end) for s in spans}
    for n in sorted(nested, key=lambda s: (s.start, -s.end)):
        if n.source == "pronoun" or (n.start, n.end) in taken or n.end - n.start < 2:
            continue  # a single letter ("D" of "HMS Daring (D 32)") is no entity
        if n.type is EntityType.ORGANISATION and text[n.start : n.end].islower():
            continue
        outer = [s for s in spans if s.start <= n.start and n.end <= s.end]
        if not outer or outer[0].type not in _NESTING_TYPES:
            continue
        if n.type is EntityType.QUANTITY and outer[0].type is not EntityType.ORGANISATION:
            continue  # "60 civilians" keeps its figure; a map point or a place name does not
        if n.type in (EntityType.QUANTITY, EntityType.TEMPORAL) and outer[0].source == "vocab":
            continue  # the number of a known name ("CTF 50", "DDG 70") is no figure nor date
        if out and n.start < out[-1].end:
            continue
        out.append(replace(n, source="nested"))
        taken.add((n.start, n.end))
    return out


def extend(text: str, spans: list[Span], nested: list[Span],
            is_place: Callable[[str], bool]) -> list[Span]:  # fmt: skip
    """Grow spans over the words re3d includes in them: titles, determiners, owners, groups.

    What a grown span swallows is added to ``nested``.
    """
    pats = word_patterns()
    out: list[Span] = []
    for sp in spans:
        before = text[: sp.start]
        if sp.type in (EntityType.NATIONALITY, EntityType.ORGANISATION) and sp.source != "pronoun":
            m = pats.forces.match(text, sp.end)
            if m and not overlaps(spans, sp.end, m.end()):
                nested.append(sp)
                sp = Span(sp.start, m.end(), EntityType.ORGANISATION, "group", None, sp.country)
        if sp.type is EntityType.MILITARY_PLATFORM and out:
            owner = out[-1]
            if (
                owner.type in (EntityType.NATIONALITY, EntityType.ORGANISATION)
                and owner.source != "pronoun"
                and text[owner.end : sp.start] == " "
            ):
                out.pop()
                nested.append(owner)
                sp = replace(sp, start=owner.start, country=owner.country)
                before = text[: sp.start]
        if sp.type is EntityType.LOCATION and out and out[-1].type is EntityType.LOCATION:
            joined = _join_places(text, out[-1], sp, is_place)
            if joined is not None:
                if joined.source == "rule":
                    nested.extend(_nominal_head(text, out.pop()))
                nested.append(sp)
                sp = joined
                before = text[: sp.start]
        if sp.type is EntityType.PERSON and sp.source not in ("pronoun", "rule"):
            sp = _with_title(text, sp, nested)
        elif sp.type is EntityType.ORGANISATION and sp.source != "pronoun":
            m = (ARTICLE if sp.source == "group" else THE).search(before)
            if m:
                sp = replace(sp, start=m.start())
        elif sp.type in (EntityType.WEAPON, EntityType.MILITARY_PLATFORM):
            tail = pats.system.match(text, sp.end)
            if tail and not overlaps(spans, sp.end, tail.end()):
                sp = replace(sp, end=tail.end())
            m = pats.weapon_modifier.search(before) if sp.type is EntityType.WEAPON else None
            if m and not overlaps(spans, m.start(), sp.start):
                sp = replace(sp, start=m.start())
                before = text[: sp.start]
            m = ARTICLE.search(before)
            if m:
                sp = replace(sp, start=m.start())
        elif sp.type is EntityType.TEMPORAL and (
            m := re.search(r"(?<![\w-])(?:[Tt]his|\d{1,2}[-–]\d{1,2}) $", before)
        ):
            # "this Thanksgiving": the time's own word; "5-6 April 2016": the first day of a range
            sp = replace(sp, start=m.start())
        elif sp.type is EntityType.LOCATION and sp.source in ("ner", "propn"):
            head = text[sp.start : sp.end].rsplit(" ", 1)
            m = THE.search(before)
            if m and len(head) == 2 and head[1] in mention_words()["place_head"]:
                sp = replace(sp, start=m.start())  # "the Samarra Barrage": a named work takes "the"
                before = text[: sp.start]
            m = pats.compass.search(before)
            if m and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                nested.append(sp)  # "Syria" in "northern Syria": re3d annotates both
                sp = replace(sp, start=m.start())
        while out and sp.start < out[-1].end:
            if out[-1].start < sp.start:
                break
            out.pop()  # swallowed by a title run ("US" in "US Secretary of State John Kerry")
        if out and sp.start < out[-1].end:
            continue
        out.append(sp)
    return out


def _nominal_head(text: str, left: Span) -> list[Span]:
    """The nominal place of "the Syrian city of Raqqa" as re3d nests it: without its
    determiner, and only when a word qualifies the head ("Syrian city", "port city"; a bare
    "the village" of "the village of Safina" is no entity of its own)."""
    m = re.match(r"(?i)(?:the|an?) ", text[left.start : left.end])
    start = left.start + (m.end() if m else 0)
    if " " not in text[start : left.end].strip():
        return [left]
    return [replace(left, start=start)]


def _join_places(text: str, left: Span, right: Span,
                 is_place: Callable[[str], bool]) -> Span | None:  # fmt: skip
    """One place from two: "the city of Raqqah" (a nominal place of a name), "Cibolo, Texas"."""
    gap = text[left.end : right.start]
    if left.source == "rule" and gap == " of ":
        return Span(left.start, right.end, EntityType.LOCATION, "rule")
    if gap == ", " and left.source != "rule" and right.source != "rule":
        after = text[right.end : right.end + 2]
        if after.startswith(",") and not after.startswith(", "):
            return None
        if is_place(text[left.start : left.end]) or left.source in ("ner", "propn"):
            if not after.startswith(", ") and not text[right.end :].lstrip().startswith("and "):
                return Span(left.start, right.end, EntityType.LOCATION, left.source)
    return None


def _with_title(text: str, sp: Span, nested: list[Span]) -> Span:
    """A person's span grown over the title before the name ("Foreign Secretary Boris Johnson").

    The run of words before the name is walked leftwards over title words, capitalised words
    and "of"/"for"/"the" between them; it must hold a title word, and the words between the
    nearest title and the name must hold a connector ("Secretary of State John Kerry"). re3d
    annotates the bare name too, except after a plain honorific ("Mr Johnson"): the name is
    then added to ``nested``.
    """
    pats = word_patterns()
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
        if not (pats.title.match(word) or CAPITALISED.match(word) or word.isupper()
                or (word in TITLE_CONNECTORS and k > 0)):
            break
        chain.append(w)
        pos = w.start()
    while chain and chain[-1].group() in TITLE_CONNECTORS:
        chain.pop()
    titles = [i for i, w in enumerate(chain) if pats.title.match(w.group())]
    if not titles:
        return sp
    nearest = titles[0]
    if nearest > 0 and not any(w.group() in TITLE_CONNECTORS for w in chain[:nearest]):
        chain = chain[nearest:]  # "NATO Secretary General X" keeps; "Reuters Minister" no
        if not chain:
            return sp
    start = chain[-1].start()
    m = THE.search(text[:start])
    if m:
        start = m.start()
    if not all(w.group().lower().rstrip(".") in HONORIFICS for w in chain):
        nested.append(sp)
    return replace(sp, start=start)


def groups(parsed, spans: list[Span], nested: list[Span]) -> list[Span]:
    """Noun phrases headed by a group noun become organisations ("the regime", "60 civilians").

    The phrase runs from the head's left edge in the parse to the head; mentions inside it are
    kept as nested ones; a phrase that would cut a mention in two is left alone.
    """
    groups = word_patterns().lower["group_noun"]
    hedges = word_patterns().lower["hedge"]
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
        if sum(s.type is EntityType.LOCATION for s in inner) > 1:
            continue  # "Russia and Ukraine swap prisoners": a misparsed headline, not a group
        nested.extend(inner)
        out = [s for s in out if s not in inner]
        out.append(Span(start, end, EntityType.ORGANISATION, "group"))
    out.sort(key=lambda s: (s.start, -s.end))
    return out


def states_as_actors(parsed, spans: list[Span], nested: list[Span]) -> list[Span]:
    """"the United States" heading its phrase names the state as an actor: an organisation.

    re3d marks the place as well ("United States" a Location inside "the United States" an
    Organisation), so the place is kept as nested. A name that modifies a noun after it ("the
    U.S. military", "the UK Government") is left alone: the phrase is another mention.
    """
    text = parsed.text
    out: list[Span] = []
    for sp in spans:
        the = THE.search(text, 0, sp.start) if sp.type is EntityType.LOCATION else None
        name = parsed.char_span(sp.start, sp.end, alignment_mode="expand")
        if (
            the is not None and the.end() == sp.start and sp.source in ("ner", "propn")
            and name is not None and is_country_name(text[sp.start : sp.end])
            and not (name.root.head.i >= name.end and name.root.dep_ in ("compound", "amod", "nmod"))
            and not text.startswith("-", sp.end)  # "the Britain-based monitor"
        ):
            nested.append(sp)
            sp = Span(the.start(), sp.end, EntityType.ORGANISATION, "state", None, sp.country)
        out.append(sp)
    return out


def places_named_in(text: str, spans: list[Span], is_place: Callable[[str], bool]) -> list[Span]:
    """Places closing an organisation's name ("Iraq" in "the Government of Iraq"), as nested."""
    out: list[Span] = []
    for sp in spans:
        if sp.type is not EntityType.ORGANISATION:
            continue
        m = PLACE_IN_NAME.search(text, sp.start, sp.end)
        if m and m.end() == sp.end and is_place(m.group(1)):
            out.append(Span(m.start(1), m.end(1), EntityType.LOCATION, "rule"))
    return out


def shared_heads(text: str, spans: list[Span]) -> Iterable[Span]:
    """Words listed before a platform share its head: in "attack, bomber, fighter and remotely
    piloted aircraft" each of "attack", "bomber", "fighter" names an aircraft."""
    for sp in spans:
        if sp.type is not EntityType.MILITARY_PLATFORM:
            continue
        m = LIST_BEFORE.search(text, 0, sp.start)
        if m is None:
            continue
        for word in re.finditer(r"[a-z]+", m.group(1)):
            if word.group() != "and":
                start = m.start(1) + word.start()
                yield Span(start, start + len(word.group()), EntityType.MILITARY_PLATFORM, "rule")


def nationalities_named_in(text: str, spans: list[Span]) -> list[Span]:
    """A demonym opening an organisation's or a person's name ("Syrian" in "the Syrian
    Democratic Forces", "Russian" in "Russian Foreign Minister Sergei Lavrov"), or a community
    opening any name ("Yazidi" in "the Yazidi village of Ba'idn"), as nested."""
    out: list[Span] = []
    community = mention_words()["community"]
    for sp in spans:
        if sp.type not in COUNTRY_TYPES + (EntityType.PERSON,) or sp.source == "pronoun":
            continue
        m = LEADING_WORD.match(text, sp.start, sp.end)
        if not m or m.end(1) >= sp.end:
            continue
        word = m.group(1)
        if word in community or (
            sp.type is not EntityType.LOCATION and DEMONYM.search(word) and country_of(word)
        ):
            out.append(Span(m.start(1), m.end(1), EntityType.NATIONALITY, "rule"))
    return out


def kunya_names(text: str, spans: list[Span], is_place: Callable[[str], bool]) -> list[Span]:
    """A name opening with "Abu" or "Umm" ("Abu Ghadiya") is a person's, whatever type NER gave
    it, unless it is a place ("Abu Dhabi")."""
    out: list[Span] = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if (
            sp.type in (EntityType.NATIONALITY, EntityType.ORGANISATION, EntityType.LOCATION)
            and sp.source in ("ner", "propn")
            and re.fullmatch(r"(?:Abu|Umm) [A-Z][\w'’-]*(?: (?:al-|el-)?[A-Z]?[\w'’-]*)*", name)
            and not is_place(name)
        ):
            sp = replace(sp, type=EntityType.PERSON)
        out.append(sp)
    return out


def not_documents(text: str, spans: list[Span]) -> list[Span]:
    """Without the names of documents ("the Geneva Communique", "Resolution 2328", "the
    Cessation of Hostilities"): re3d types them DocumentReference, which fogofwar does not
    extract, so NER's organisation, place or date for them is dropped."""
    heads = mention_words()["document_head"]
    out: list[Span] = []
    for sp in spans:
        words = re.findall(r"[\w'’-]+", text[sp.start : sp.end])
        if sp.source in ("ner", "propn") and any(
            w in heads and (i + 1 == len(words) or words[i + 1] == "of" or words[i + 1].isdigit())
            for i, w in enumerate(words)
        ):
            continue
        out.append(sp)
    return out


FREQUENCY_WORD = re.compile(r"(?i)(?:hourly|daily|nightly|weekly|monthly|yearly|annually)")


def in_latin_script(text: str, spans: list[Span]) -> list[Span]:
    """Without NER's names written in another script (an Arabic name in brackets): the English
    model does not read them."""
    return [sp for sp in spans
            if sp.source != "ner" or re.search(r"[A-Za-z0-9]", text[sp.start : sp.end])]


def not_frequencies(text: str, spans: list[Span]) -> list[Span]:
    """Without NER's dates that only say how often ("daily strike releases", "an hourly
    rate"): they name no time, and re3d leaves them out of Temporal."""
    return [sp for sp in spans
            if not (sp.type is EntityType.TEMPORAL and FREQUENCY_WORD.fullmatch(text[sp.start : sp.end]))]


def communities(text: str, spans: list[Span]) -> list[Span]:
    """A mention that is only a community's name ("Yazidi", "the Muslims", "Kurdish") is a
    Nationality, as re3d types religions and ethnic groups, whatever type NER gave it."""
    community = mention_words()["community"]
    out: list[Span] = []
    for sp in spans:
        m = re.fullmatch(r"(?:(?:the|The) )?(\S+)", text[sp.start : sp.end])
        if sp.source != "pronoun" and m and m.group(1) in community:
            sp = Span(sp.start + m.start(1), sp.end, EntityType.NATIONALITY, sp.source,
                      sp.canonical, sp.country)
        out.append(sp)
    return out
