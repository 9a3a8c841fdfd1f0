"""Who suffered a loss: the victims of a killing, wounding or destroying verb (with the figures a
toll gives), the side that lost ("Russia lost 1,270 soldiers"), and which nouns count people."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_force, is_person
from fogofwar.claims.rules.common import (
    COUNT_WORDS,
    NOUN_TAGS,
)
from fogofwar.claims.tree import (
    by_agent,
    children,
    conjuncts,
    first_child,
    nearest_passive_subject,
    nearest_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.language.countries import country_of
from fogofwar.models import Party


def victims(trigger: Token) -> tuple[list[Token], Token | None]:
    """(the heads that suffered, the agent) for killing/wounding/destroying triggers."""
    toll = toll_figures(trigger)
    if toll:  # "the death toll rose to 23", "put its losses at 40", "59 of the deaths"
        return toll, None
    if trigger.dep_ == "oprd" and trigger.pos_ == "ADJ":
        # "left 311 people dead", "are feared dead": the object, or the subject of a passive
        victim = nearest_passive_subject(trigger.head) or first_child(trigger.head, "dobj")
        return ([victim] if victim is not None else []), None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "among" and trigger.head.head.lemma_ == "be":
        verb = trigger.head.head  # "Among the wounded were six children"
        return [c for c in children(verb, "nsubj", "attr") if c.pos_ in NOUN_TAGS + ("NUM",)][:1], None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and (
        trigger.head.head.lemma_.lower() in COUNT_WORDS and trigger.head.head.pos_ in ("NOUN", "NUM")
        and not dies(trigger.head.head)
    ):  # "Dozens of wounded were taken to hospital", not "dozens of the wounded died"
        return [trigger.head.head], None
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "as" and trigger.head.head.pos_ == "VERB":
        victim = nearest_passive_subject(trigger.head.head)  # "they were listed as missing"
        return ([victim] if victim is not None else []), None
    if trigger.pos_ in NOUN_TAGS and trigger.lemma_ == "prisoner" and trigger.head.lemma_ == "take":
        # "Two soldiers were taken prisoner", "took 14 marines prisoner"
        verb = trigger.head
        victim = nearest_passive_subject(verb) or next(
            (c for c in children(verb, "dobj", "dative") if c.i != trigger.i), None)
        if victim is not None:
            return conjuncts(victim), (by_agent(verb) if nearest_passive_subject(verb) is not None else subject_of(verb))
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("acl", "amod") and (
        trigger.head.like_num or is_person(trigger.head)
    ):  # "with about 200 killed or wounded", "with at least ten people killed"
        return conjuncts(trigger.head), by_agent(trigger)
    if trigger.pos_ in ("VERB", "AUX"):
        subject = first_child(trigger, "nsubj")
        reduced = trigger.tag_ == "VBN" and first_child(trigger, "aux", "auxpass") is None
        if subject is not None and (subject.like_num or reduced) and first_child(trigger, "dobj") is None:
            # "with about 200 killed", "with at least ten people killed": the people, not a killer
            return conjuncts(subject), None
        victim = nearest_passive_subject(trigger)
        if victim is None and trigger.dep_ == "conj" and first_child(trigger, "dobj", "nsubj") is None:
            victim = nearest_passive_subject(trigger.head)
        if victim is None and trigger.dep_ == "xcomp" and first_child(trigger, "dobj") is None and (
            first_child(trigger, "auxpass") is not None or trigger.lemma_ in ("die", "perish")
        ):  # "two people were believed to have been killed", "are thought to have died"
            victim = nearest_passive_subject(trigger.head)
        if victim is not None and victim.tag_ in ("WP", "WDT") and trigger.dep_ == "relcl":
            victim = trigger.head  # "a sergeant who was killed on Monday"
        if victim is not None:
            return conjuncts(victim), by_agent(trigger)
        if trigger.lemma_ in ("die", "perish", "surrender", "miss") or trigger.lower_ == "missing":
            subj = nearest_subject(trigger)
            return ([subj] if subj is not None else []), None
        obj = first_child(trigger, "dobj")
        if obj is None and any(c.dep_ == "prt" and c.lower_ == "up" for c in trigger.children):
            # "lost up to 2,030 servicemen": the hedge "up to" read as a particle and a preposition
            obj = next(iter(prep_objects(trigger, {"to"})), None)
        if obj is None:  # "killed and injured camp residents": the object of the next verb
            obj = next((first_child(c, "dobj") for c in children(trigger, "conj")
                        if c.pos_ == "VERB" and first_child(c, "dobj") is not None), None)
        if obj is None:
            return [], subject_of(trigger)
        # "killed a commander and two of his aides": a figure the parse hangs on the verb
        stray = [c for c in children(trigger, "conj") if c.pos_ == "NUM" and prep_objects(c, {"of"})]
        return conjuncts(obj) + stray, nearest_subject(trigger)
    if trigger.pos_ == "ADJ" and first_child(trigger, "nsubj") is not None:
        return [first_child(trigger, "nsubj")], None  # "hundreds more surrendered" read as an adjective
    if trigger.pos_ == "ADJ" and trigger.i > 0 and trigger.doc[trigger.i - 1].pos_ == "VERB":
        # "militants shot dead three women and three children", "gunmen shot dead a police
        # officer": the verb's objects, all of them, however the parse hangs "dead"
        verb = trigger.doc[trigger.i - 1]
        obj = first_child(verb, "dobj")
        if obj is not None and (trigger.head.i == verb.i or trigger.head.i == obj.i):
            return conjuncts(obj), subject_of(verb)
    if trigger.pos_ == "ADJ":  # "12 soldiers dead"
        return ([trigger.head] if trigger.head.pos_ in NOUN_TAGS else []), None
    # nouns: "the death of eight soldiers", "losses ... amount to about 200 soldiers"
    of = prep_objects(trigger, {"of", "among"})
    if of:
        return conjuncts(of[0]), by_agent(trigger)
    if trigger.head.lemma_ in ("amount", "reach", "total", "stand", "number", "rise", "climb") :
        to = prep_objects(trigger.head, {"to", "at"}) or children(trigger.head, "dobj", "attr")
        if to:
            return [to[0]], None
    if any(c.dep_ == "nummod" for c in trigger.children):
        return [trigger], None
    return [], None



def dies(figure: Token) -> bool:
    """ "three of the wounded died": the figure is of a new fate, told by its own verb."""
    return figure.dep_ in ("nsubj", "nsubjpass") and figure.head.lemma_ in ("die", "kill", "perish", "succumb")


# nouns that hold a toll ("the death toll", "the number of dead") and verbs that give its figure
_TOLL_NOUNS = {"toll", "tally", "count", "number", "figure", "total"}
_TOLL_VERBS = {"rise", "climb", "reach", "stand", "put", "raise", "bring", "increase", "jump", "hit",
               "amount", "total", "number", "be", "grow", "soar", "mount", "set", "estimate", "include"}


def toll_figures(trigger: Token) -> list[Token]:
    """The figure a toll is given: "the death toll rose to 23", "put the number of dead at 57",
    "put its own losses at 40", "the toll is 57", "accounted for 59 of the deaths"."""
    if trigger.pos_ not in NOUN_TAGS and not (trigger.pos_ in ("ADJ", "VERB") and trigger.dep_ == "pobj"):
        return []
    node = trigger
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.like_num and not dies(node.head.head) and (
        trigger.lemma_ in ("death", "dead", "casualty", "fatality", "loss", "body")
    ):
        figure = node.head.head  # "59 of the deaths": the figure counts the dead
        out = [figure]
        if figure.dep_ == "pobj" and figure.head.dep_ == "prep":  # "... and the Donetsk region for 45"
            prep = figure.head
            out += [o for p in children(prep.head, "prep") if p.i != prep.i and p.lower_ == prep.lower_
                    for o in children(p, "pobj") if o.like_num]
        return out
    if node.dep_ == "compound" and node.head.lemma_ in _TOLL_NOUNS:
        node = node.head  # "the death toll"
    elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_ in _TOLL_NOUNS:
        node = node.head.head  # "the number of dead"
    elif trigger.lemma_ not in ("loss", "casualty", "death", "fatality"):
        return []
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return []
    verb = node.head
    if verb.lemma_ not in _TOLL_VERBS:
        return []
    if verb.lemma_ == "include":
        return [o for o in conjuncts(first_child(verb, "dobj")) ] if first_child(verb, "dobj") is not None else []
    found = prep_objects(verb, {"to", "at"})
    if not found and node.dep_ != "dobj":
        found = [c for c in children(verb, "attr", "dobj") if c.i != node.i]
    return [f for f in found[:1] if f.like_num or any(c.dep_ == "nummod" for c in f.children)]


def is_people(head: Token) -> bool:
    """People by their noun ("soldiers"), or by a plural demonym ("Palestinians", "Syrians")."""
    if is_person(head):
        return True
    # "North Koreans": the demonym with its compound words
    name = " ".join([t.text for t in head.lefts if t.dep_ == "compound" and t.text[:1].isupper()] + [head.text])
    return head.tag_ in ("NNS", "NNPS") and head.pos_ in NOUN_TAGS and head.text[:1].isupper() and bool(
        country_of(head.text) or country_of(name)) and not is_force(head)


def elided_noun(head: Token) -> Token | None:
    """The noun a bare figure counts, told earlier in its sentence: "dozens of soldiers were
    killed and 11 were captured" (soldiers), "destroyed 12 tanks and captured three" (tanks)."""
    if not head.like_num:
        return None
    for tok in reversed(head.doc[: head.i]):
        if tok.pos_ in NOUN_TAGS and tok.tag_ in ("NNS", "NNPS") and (
            any(c.dep_ == "nummod" for c in tok.children)
            or tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.like_num
            or tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in COUNT_WORDS
        ):
            return tok
    return None


SUFFERING = {"lose", "suffer"}


def side_that_lost(ctx: SentenceContext, rule: Trigger, subject: Token | None) -> Party | None:
    """For "lose"/"suffer" the subject is the side that lost, not an agent ("Russia lost
    1,270 soldiers", "the brigade lost 12 tanks")."""
    if rule.lemma in SUFFERING and subject is not None:
        return ctx.party(subject)
    return None
