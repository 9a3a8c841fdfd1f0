"""Displacement: people who fled or were displaced, with their figure.

Who moved depends on the verb: the subject of "fled", "crossed into", "sought refuge"; the
object (or the passive subject) of "displaced", "forced from their homes", "evacuated"; the
subject of a verb whose complement names refugees ("650,000 Syrians are registered as
refugees in Jordan"); the figure of "refugees" itself ("14,000 Sudanese refugees").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_force, is_person
from fogofwar.claims.rules.common import COUNT_WORDS, counted, make_claim
from fogofwar.claims.tree import (
    first_child,
    is_hypothetical,
    nearest_passive_subject,
    nearest_subject,
    prep_objects,
)
from fogofwar.claims.triggers import Trigger, load_triggers
from fogofwar.models import Claim, ClaimKind

# verbs whose object (or passive subject) is displaced; the others move of themselves
_CAUSED = {"displace", "evacuate", "force", "uproot", "drive", "expel"}
# what people are forced from, out of or into: their homes, not an enemy's positions
_HOMES = {"home", "house", "village", "town", "city", "land", "area", "district", "neighbourhood",
          "neighborhood", "camp", "region"}


def _people(trigger: Token) -> Token | None:
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("VERB", "AUX"):
        if lemma == "force":  # "forced about 1.2 million people from their homes"
            if not any(o.lemma_.lower() in _HOMES for o in prep_objects(trigger, {"from", "out"})):
                return None
        if lemma == "cross":  # "Hundreds of thousands have crossed into Syria": not troops
            mover = nearest_subject(trigger)
            if mover is None or is_force(counted(mover)) or mover.pos_ == "PRON":
                return None
            if not prep_objects(trigger, {"into", "to", "from"}):
                return None
            return mover
        if lemma in _CAUSED:
            return nearest_passive_subject(trigger) or first_child(trigger, "dobj") or (
                trigger.head if trigger.dep_ in ("acl", "amod") else nearest_subject(trigger))
        return nearest_passive_subject(trigger) or nearest_subject(trigger) or first_child(trigger, "dobj")
    if lemma == "refuge" and trigger.dep_ == "dobj":  # "600,000 people have sought refuge"
        return nearest_subject(trigger.head)
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "as" and trigger.head.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head.head  # "are registered as refugees in Jordan"
        return nearest_passive_subject(verb) or first_child(verb, "dobj")
    if trigger.dep_ == "attr" and trigger.head.lemma_ == "be" and first_child(trigger, "nummod") is None:
        return first_child(trigger.head, "nsubj")  # "650,000 Syrians are refugees"
    if trigger.pos_ == "ADJ" or trigger.dep_ == "amod":
        return trigger.head
    return trigger


def _hypothetical(trigger: Token) -> bool:
    """ "sought refuge" is no aim ("seek" marks one elsewhere): judge the verb by its own
    auxiliaries and negation, and what governs it."""
    verb = trigger.head
    if trigger.lemma_.lower() == "refuge" and verb.lemma_ in ("seek", "take", "find"):
        if any(c.dep_ in ("neg", "aux") and c.lower_ not in ("have", "has", "had", "'ve", "is", "are", "was", "were")
               for c in verb.children):
            return is_hypothetical(verb)
        return verb.head.i != verb.i and verb.dep_ != "relcl" and is_hypothetical(verb.head)
    return is_hypothetical(trigger)


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    return frozenset(w.lower() for t in load_triggers() if t.kind is ClaimKind.DISPLACEMENT
                     for w in (t.lemma, *t.forms))


def _told_before(trigger: Token, people: Token) -> bool:
    """One claim per group of people: "14,000 Sudanese refugees crossed into Chad, fleeing ..."
    is told by its first word of displacement."""
    words = _trigger_words()
    for tok in trigger.doc[: trigger.i]:
        if tok.lemma_.lower() in words or tok.lower_ in words:
            earlier = _people(tok)
            if earlier is not None and earlier.i == people.i:
                return True
    return False


def displacement(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if _hypothetical(trigger):
        return []
    people = _people(trigger)
    if people is None or _told_before(trigger, people):
        return []
    quantity = ctx.quantity_of(people)
    if quantity is None:
        return []
    head = counted(people)
    if head.i != people.i and head.pos_ == "PRON":
        head = people  # "Up to 8,000 of them"
    if trigger.lemma_.lower() in ("cross", "force") and not (
        is_person(head) or head.like_num or head.lemma_.lower() in COUNT_WORDS
        or (head.pos_ == "PROPN" and not is_force(head))
    ):
        return []  # "crossed into" of people only, not of vehicles or a front line
    bare = head.like_num or head.lemma_.lower() in COUNT_WORDS
    return [make_claim(ctx, trigger, ClaimKind.DISPLACEMENT, None, [people],
                   quantity=quantity,
                   affected=ctx.party(head) if people.i != trigger.i and not bare else None)]
