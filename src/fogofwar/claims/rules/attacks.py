"""Attacks: strikes, shelling, raids and bombings, with agent, target, weapon and number of strikes."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import noun_phrase
from fogofwar.claims.rules.common import (
    COUNT_WORDS,
    NOUN_TAGS,
    PROJECTILES,
    make_claim,
    object_of_loss,
)
from fogofwar.claims.tree import (
    by_agent,
    first_child,
    is_hypothetical,
    passive_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.language.countries import country_of
from fogofwar.models import Claim, ClaimKind, EntityType, Mention


def attack(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.dep_ == "compound":
        return []
    if trigger.pos_ in NOUN_TAGS and object_of_loss(trigger):
        return []  # "destroyed 967 vehicle bombs": the bombs are the loss, not an attack
    if trigger.pos_ in NOUN_TAGS and _cause_of_loss(trigger):
        return []  # "killed due to drone attacks": the loss claim carries its weapon
    agent = target = None
    quantity = None
    if rule.lemma in _NOUN_ONLY and trigger.pos_ not in NOUN_TAGS:
        return []  # "fighting" as a verb, "offensive" as an adjective
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ == "amod":
        return []  # "books rescued from bombed buildings" describes the buildings
    if trigger.pos_ in ("VERB", "AUX"):
        if rule.lemma in ("hit", "target", "fire", "launch", "drop") and not (
            first_child(trigger, "dobj") or passive_subject(trigger)
        ):
            return []
        target = passive_subject(trigger) or first_child(trigger, "dobj")
        if trigger.dep_ == "pcomp" and trigger.head.head.lemma_ in ("accuse", "blame"):
            agent = first_child(trigger.head.head, "dobj")  # "Syria accused Israel of bombarding ..."
        elif passive_subject(trigger) is not None:
            agent = by_agent(trigger)
        else:
            agent = subject_of(trigger)
        if rule.lemma in ("fire", "launch", "drop"):  # "fired missiles ... striking Sabboura": missiles are the weapon
            fired = first_child(trigger, "dobj")
            if fired is None or not (ctx.weapon_for([fired]) or fired.lemma_.lower() in PROJECTILES):
                return []
            target = None
    else:
        if rule.lemma in ("hit", "target", "fire", "launch", "drop"):
            return []
        modifiers = [c for c in trigger.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        for mod in modifiers:
            if country_of(mod.text) or ctx.mentions_in(mod.doc[mod.i : mod.i + 1], {EntityType.ORGANISATION, EntityType.NATIONALITY}):
                agent = mod
                break
        agent = agent or by_agent(trigger)
        targets = [t for t in prep_objects(trigger, {"on", "against"}) if not ctx.is_time(t)]
        target = targets[0] if targets else None
        count = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
        if count is not None and not (count.like_num or count.lower_ in COUNT_WORDS):
            count = None  # "dozens of air strikes": the strikes are counted by "dozens"
        verb_of = count if count is not None else trigger
        if verb_of.dep_ in ("dobj",) and verb_of.head.lemma_ in ("conduct", "carry", "launch", "stage", "mount", "make"):
            agent = agent or subject_of(verb_of.head)
        quantity = ctx.quantity_of(trigger) or (ctx.quantity_of(count) if count is not None else None) \
            or ctx.several(trigger)
        if agent is None and target is None and quantity is None:
            if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ in ("hit", "target", "strike", "kill", "destroy"):
                target = first_child(trigger.head, "dobj")
            if target is None and not _own_place(ctx, trigger):
                return []  # "attacks against civilians": no one, nothing, nowhere of its own
    if agent is not None and (agent.lemma_ in ("it", "that", "which") or agent.pos_ == "PRON" and agent.lower_ not in ("they",)) \
            and not ctx.speaks_of_itself(agent):
        agent = None
    agent_party = ctx.party(agent)
    if agent is not None and agent.lower_ in ("strike", "strikes", "airstrike", "airstrikes"):
        agent_party = None
    target_party = ctx.party(target)
    if target_party is not None and target is not None and target.pos_ not in NOUN_TAGS:
        target_party = None
    named_agent = agent_party is not None and (
        agent_party.country or ctx.mentions_in(noun_phrase(agent), {EntityType.ORGANISATION, EntityType.PERSON})
    )
    if target_party is None and quantity is None and not named_agent and ctx.place_for(trigger) is None:
        return []  # "nations which have conducted strikes": no one, nothing, nowhere
    weapon = ctx.weapon_for([trigger] + ([agent] if agent is not None else []))
    if weapon is None and trigger.pos_ in NOUN_TAGS:
        phrase = noun_phrase(trigger)
        weapon = Mention(ctx.base + phrase.start_char, ctx.base + phrase.end_char, phrase.text, EntityType.WEAPON, source="claim")
    return [make_claim(ctx, trigger, ClaimKind.ATTACK, None, [agent, target],
                   quantity=quantity, agent=agent_party, target=target_party, weapon=weapon)]


# nouns of fighting that name an attack only as nouns
_NOUN_ONLY = {"siege", "offensive", "fighting", "counterattack", "clash", "ambush", "bombing"}
_OWN_PLACE_PREPS = {"in", "near", "at", "on", "around", "across", "outside", "inside", "of", "into"}


def _own_place(ctx: SentenceContext, noun: Token) -> bool:
    """A place in the noun's own phrase: "the bombings in Istanbul", "the siege of Darayya"."""
    for obj in prep_objects(noun, _OWN_PLACE_PREPS):
        span = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
        lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
        if any(lo <= p.start < hi and p.country for p in ctx.places):  # "in Istanbul, Turkey"
            return True
    return False


_HARM_VERBS = {"kill", "wound", "injure", "destroy", "damage", "die"}
_CAUSE_PREPS = {("due", "to"), ("because", "of"), ("result", "of"), ("owing", "to")}


def _cause_of_loss(noun: Token) -> bool:
    """ "killed due to drone attacks", "died as a result of shelling": the attack is named only
    as the cause of a loss told before it, and the loss claim keeps its weapon. Read off the
    words (up to eight before the noun), as the parse of such phrases is often wrong."""
    doc = noun.doc
    window = [t.lower_ for t in doc[max(0, noun.i - 8) : noun.i]]
    pairs = set(zip(window, window[1:]))
    if not pairs & _CAUSE_PREPS:
        return False
    return any(t.lemma_ in _HARM_VERBS for t in doc[: noun.i])
