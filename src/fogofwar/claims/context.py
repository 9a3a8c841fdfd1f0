"""What a claim rule sees of one sentence: its parse and the annotations of earlier stages.

The helpers here translate between the sentence parse (token indices, offsets relative to
the sentence) and the article (character offsets); walking the dependency tree for the usual
roles is ``fogofwar.claims.tree``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from fogofwar.claims.parties import make_party, noun_phrase
from fogofwar.claims.tree import clause_of, first_child
from fogofwar.language import article_index
from fogofwar.language.attribution_cues import load_cues
from fogofwar.language.countries import country_of, names_non_state_group
from fogofwar.language.place_phrases import SEVERAL_COUNTRIES
from fogofwar.models import (
    AnalyzedArticle,
    Attribution,
    EntityType,
    Evidence,
    Mention,
    Party,
    Place,
    Quantity,
    Sentence,
    TimeRef,
)

# nouns that make a place name into a place ("Idlib province"), not an adjective ("U.S. strike")
_PLACE_HEADS = {
    "province", "region", "oblast", "governorate", "district", "city", "town", "village", "area",
    "county", "state", "airport", "airfield", "base", "port", "dam", "border", "front", "valley",
}
_COARSENESS = {"site": 0, "city": 0, "area": 1, "region": 1, "admin1": 1, "country": 2, "water": 2}
def _acts(doc: AnalyzedArticle, place: Place, attribution: Attribution | None = None) -> bool:
    """A place that says or does something ("Kyiv said", "Moscow claimed", "Russia launched",
    "The United States condemns") is a side, not a scene; "Kherson was shelled", "Kherson has
    been under bombardment" and a place misread as a subject ("Near Ar Raqqah, five strikes
    engaged") keep their place."""
    if attribution is None:
        index = article_index.sentence_at(doc, place.start)
        attribution = doc.attributions.get(index) if index is not None else None
    else:
        index = attribution.sentence_index
    a = attribution
    if a is not None and a.start is not None and a.end is not None and a.start <= place.start < a.end:
        return True
    parse = doc.parses.get(index) if index is not None else None
    if parse is None or not parse.has_annotation("DEP"):
        return False
    base = doc.sentences[index].start
    tokens = [t for t in parse if place.start <= base + t.idx < place.end]
    if tokens and tokens[0].i > 0 and parse[tokens[0].i - 1].lower_ in _LOCATIVE_LEADS:
        return False
    return any(
        t.dep_ == "nsubjpass" and t.head.lemma_.lower() in load_cues().reporting_verbs
        or t.dep_ == "nsubj" and t.head.pos_ == "VERB" and t.head.lemma_.lower() != "be"
        for t in map(_first_conjunct, tokens)  # "Pyongyang and Moscow have not acknowledged"
    )


def _first_conjunct(token: Token) -> Token:
    """The first of the coordinated words a token is part of ("Moscow" in "Pyongyang and Moscow")."""
    for _ in range(4):
        if token.dep_ != "conj" or token.head is token:
            break
        token = token.head
    return token


def _named_site(place: Place) -> bool:
    """A name the gazetteer lacks, introduced as a place ("the town of Kafr Nabl")."""
    return place.text[:1].islower() and any(w[:1].isupper() for w in place.text.split()[1:])


def _coarse(place: Place) -> int:
    return _COARSENESS.get(place.precision or "", 0)


_SPEAKERS_OWN = {"its", "their", "our", "we", "us", "it"}
_LOCATIVE_LEADS = {"near", "in", "at", "outside", "around", "inside"}


@dataclass
class SentenceContext:
    doc: AnalyzedArticle
    sentence: Sentence
    parse: Doc
    attribution: Attribution | None

    @property
    def base(self) -> int:
        return self.sentence.start

    def _within(self, items: list) -> list:
        return article_index.within(self.doc, items, self.sentence)

    # The annotations of this sentence, picked out of the article's once: the rules ask often.
    @cached_property
    def quantities(self) -> list[Quantity]:
        return self._within(self.doc.quantities)

    @cached_property
    def places(self) -> list[Place]:
        return self._within(self.doc.places)

    @cached_property
    def times(self) -> list[TimeRef]:
        return self._within(self.doc.times)

    @cached_property
    def mentions(self) -> list[Mention]:
        return self._within(self.doc.mentions)

    # --- offsets -------------------------------------------------------------------------
    def char_span(self, tokens: Iterable[Token]) -> tuple[int, int]:
        toks = list(tokens)
        first = min(toks, key=lambda t: t.i)
        last = max(toks, key=lambda t: t.i)
        return self.base + first.idx, self.base + last.idx + len(last.text)

    def evidence(self, tokens: Iterable[Token | Span | None], extra: Iterable[tuple[int, int]] = ()) -> Evidence:
        flat: list[Token] = []
        for t in tokens:
            if t is None:
                continue
            flat.extend(t if isinstance(t, Span) else [t])
        start, end = self.char_span(flat)
        for s, e in extra:
            start, end = min(start, s), max(end, e)
        start = max(start, self.sentence.start)
        end = min(end, self.sentence.end)
        return Evidence(start, end, self.doc.text[start:end], self.sentence.index)

    # --- annotations near a token ----------------------------------------------------------
    def quantity_of(self, head: Token) -> Quantity | None:
        """The count attached to a noun: a figure among its left modifiers ("about 200 soldiers")."""
        start = self.base + head.left_edge.idx
        end = self.base + head.idx + len(head.text)
        for q in self.quantities:
            # a hedge the parse left outside the phrase ("lost up to 2,030 servicemen") is the figure's
            if q.unit is None and (start <= q.start < end or q.start <= start < q.end):
                return q
        if head.like_num:
            for q in self.quantities:
                if q.unit is None and q.start <= self.base + head.idx < q.end:
                    return q
        return None

    def quantity_in(self, phrase: Span) -> Quantity | None:
        """The count that opens a list item: a figure inside it ("five fighting positions"),
        else 1 for "a"/"an"/"one" before a singular noun ("a heavy machine gun")."""
        start, end = self.base + phrase.start_char, self.base + phrase.end_char
        for q in self.quantities:
            if q.unit is None and start <= q.start < end:
                return q
        first = phrase[0]
        if first.lower_ in ("a", "an", "one") and phrase[-1].tag_ in ("NN", "NNP"):
            return self.one(self.base + first.idx, self.base + first.idx + len(first.text), first.text)
        return None

    def several(self, head: Token) -> Quantity | None:
        """ "several armoured vehicles", "several counterattacks": a vague amount the figures
        stage leaves alone (it reads "several" only before a scale word)."""
        word = next((c for c in head.children if c.dep_ in ("amod", "det", "nummod") and c.lower_ == "several"
                     and c.i < head.i), None)
        if word is None:
            return None
        start = self.base + word.idx
        return Quantity(start, start + len(word.text), word.text, value=None, vague="several")

    def one(self, start: int, end: int, text: str) -> Quantity:
        """The figure 1 for a thing the text names one of ("an air defense system", "Abu Jandal")."""
        return Quantity(start, end, text, value=1)

    def single(self, head: Token) -> Quantity | None:
        """1 for a singular noun with "a"/"an"/"one" ("an air defense artillery system was destroyed")."""
        det = first_child(head, "det")
        if det is not None and det.lower_ in ("a", "an") and head.tag_ in ("NN", "NNP"):
            return self.one(self.base + det.idx, self.base + det.idx + len(det.text), det.text)
        return None

    def is_time(self, token: Token) -> bool:
        at = self.base + token.idx
        return any(t.start <= at < t.end for t in self.times)

    def mentions_in(self, span: Span, types: set[EntityType]) -> list[Mention]:
        start, end = self.base + span.start_char, self.base + span.end_char
        return [m for m in self.mentions if m.type in types and start <= m.start and m.end <= end]

    def places_under(self, head: Token) -> list[Place]:
        """The places inside the phrase that ``head`` governs ("to the town of Pokrovsk")."""
        span = head.doc[head.left_edge.i : head.right_edge.i + 1]
        lo, hi = self.base + span.start_char, self.base + span.end_char
        return [p for p in self.places if lo <= p.start and p.end <= hi]

    def place_for(self, trigger: Token, exclude: Iterable[tuple[int, int]] = ()) -> Place | None:
        """A place the trigger's clause names, else the sentence's place nearest the trigger;
        places inside the parties' own words ("Moscow's ally") and unresolved names are skipped
        (waters of no one country, "the Red Sea", count)."""
        spans = list(exclude)
        places = [
            p for p in self.places
            if (p.country or p.precision in (SEVERAL_COUNTRIES, "water")) and not any(s <= p.start and p.end <= e for s, e in spans)
            and not self._possessive(p) and not self._modifier(p) and not self._speaker(p)
            and not self._origin(p)
        ]
        if not places:
            return None
        clause = clause_of(trigger)
        lo, hi = self.base + clause.left_edge.idx, self.base + clause.right_edge.idx + len(clause.right_edge.text)
        inside = [p for p in places if lo <= p.start and p.end <= hi]
        pool = inside or places
        at = self.base + trigger.idx
        best = min(pool, key=lambda p: abs(p.start - at))
        # a finer place of the same country wins over its container ("in El Fasher, the capital
        # of North Darfur" is El Fasher; "Kharkiv, Ukraine" is Kharkiv)
        finer = [p for p in pool if p.country == best.country and _coarse(p) < _coarse(best)]
        return min(finer, key=lambda p: (_coarse(p), abs(p.start - at))) if finer else best

    def _modifier(self, place: Place) -> bool:
        """A place name used as an adjective ("a U.S. strike") names a side, not a location."""
        tokens = [t for t in self.parse if place.start <= self.base + t.idx < place.end]
        if not tokens:
            return False
        last = tokens[-1]
        rel = place.end - self.base
        if self.sentence.text[rel : rel + 1] in ("-", "‐") and self.sentence.text[rel + 1 : rel + 2].isalpha():
            return True  # "US-led", "Iran-backed", "Hamas-run"
        head = last.head
        return (last.dep_ in ("compound", "amod", "nmod") and head.i > last.i
                and head.lemma_.lower() not in _PLACE_HEADS and head.ent_type_ not in ("GPE", "LOC", "FAC"))

    def _speaker(self, place: Place) -> bool:
        return _acts(self.doc, place, self.attribution)

    def _origin(self, place: Place) -> bool:
        """Where a person is from ("Dayton, 42, of Woodbridge, Virginia", "Amsalem, 20, from
        Ashdod") is no scene."""
        tokens = [t for t in self.parse if place.start <= self.base + t.idx < place.end]
        if not tokens:
            return False
        node = next((t for t in tokens if t.dep_ in ("pobj", "appos", "conj")), tokens[-1])
        for _ in range(3):  # "of Woodbridge, Virginia": Virginia hangs on Woodbridge
            if node.dep_ not in ("appos", "conj", "compound"):
                break
            node = node.head
        prep = node.head if node.dep_ == "pobj" else None
        if prep is None or prep.lower_ not in ("of", "from"):
            return False
        owner = prep.head
        at = self.base + owner.idx
        return owner.like_num or any(m.type is EntityType.PERSON and m.start <= at < m.end for m in self.mentions)

    def _possessive(self, place: Place) -> bool:
        rel = place.end - self.base
        return self.sentence.text[rel : rel + 2] in ("'s", "’s")

    def scene_before(self) -> Place | None:
        """The last place below country level named before this sentence: where the article is."""
        # not a speaker ("Kyiv said") nor a place that acts ("Kyiv does not disclose its casualties")
        return article_index.last_scene_before(self.doc, self.sentence.start, _acts)

    def place_called_there(self, trigger: Token) -> Place | None:
        """The place "there" points back to ("another defeat in Iraq. They have lost 30 percent of
        the territory they once held there"): the last place of the two sentences before."""
        clause = clause_of(trigger)
        if not any(t.lower_ == "there" and t.dep_ == "advmod" for t in clause.subtree):
            return None
        return self.place_named_before(self.parse[0])

    def place_named_before(self, token: Token) -> Place | None:
        """The last place named before ``token``, in its sentence or the two before, that does
        not act or speak: what "there" or "it" points back to."""
        window = self.doc.sentences[max(0, self.sentence.index - 2)].start
        at = self.base + token.idx
        before = [p for p in article_index.between(self.doc, self.doc.places, window, at)
                  if (p.country or _named_site(p)) and not _acts(self.doc, p)]
        return before[-1] if before else None

    def time_for(self, trigger: Token) -> TimeRef | None:
        """The time nearest the trigger, leaving out when a source spoke ("the ministry said on
        Tuesday"): the day of a statement is not the day of what it tells."""
        times = [t for t in self.times if not self._time_of_speaking(t, trigger)]
        if not times:
            return None
        at = self.base + trigger.idx
        return min(times, key=lambda t: abs(t.start - at))

    def _time_of_speaking(self, time: TimeRef, trigger: Token) -> bool:
        tokens = [t for t in self.parse if time.start <= self.base + t.idx < time.end]
        if not tokens:
            return False
        node = next((t for t in tokens if t.head.i < tokens[0].i or t.head.i > tokens[-1].i), tokens[0])
        for _ in range(3):  # "on Tuesday" -> said; "Tuesday" (npadvmod) -> said
            if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                break
            node = node.head
        return (node.i != trigger.i and node.pos_ in ("VERB", "AUX")
                and node.lemma_.lower() in load_cues().reporting_verbs)

    def party(self, head: Token | None) -> Party | None:
        if head is None:
            return None
        phrase = noun_phrase(head)
        if phrase[0].lower_ in _LOCATIVE_LEADS and any(
            self.base + phrase.start_char <= p.start and p.end <= self.base + phrase.end_char for p in self.places
        ):
            return None  # "Near Ar Raqqah, five strikes ...": a misparsed place, not a side
        party = make_party(phrase, self.base, self.mentions)
        if party.country is None and phrase[0].lower_ in _SPEAKERS_OWN and self.attribution is not None:
            # "its forces", "our missiles" in what a source says: the source's own side
            claimant = self.attribution.claimant or ""
            if not names_non_state_group(claimant):
                party = replace(party, country=country_of(claimant))
        return party

    def agent_naming_a_side(self, agent: Token | None) -> Token | None:
        """The agent, unless a pronoun that names no side by itself ("they killed ..."); "it"
        and "we" standing for the source of the sentence stay (``speaks_of_itself``)."""
        if agent is not None and agent.pos_ == "PRON" and not self.speaks_of_itself(agent):
            return None
        return agent

    def speaks_of_itself(self, pronoun: Token) -> bool:
        """"The ministry said it had destroyed ...", "we liberated ...": a pronoun that stands
        for the source of the sentence, whose side is the claimant's country."""
        claimant = self.attribution.claimant if self.attribution is not None else None
        return (pronoun.lower_ in ("it", "we") and claimant is not None
                and not names_non_state_group(claimant) and country_of(claimant) is not None)

    def weapon_for(self, tokens: Iterable[Token]) -> Mention | None:
        for tok in tokens:
            if tok is None:
                continue
            span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
            found = self.mentions_in(span, {EntityType.WEAPON, EntityType.MILITARY_PLATFORM})
            if found:
                return found[0]
        return None
