"""Casualties and equipment losses: who or what was killed, wounded, captured, destroyed or damaged."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from fogofwar.claims.context import (
    SentenceContext,
    by_agent,
    children,
    conjuncts,
    first_child,
    is_hypothetical,
    passive_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.lists import listed_items
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.rules.common import (
    NOUN_TAGS,
    counted,
    is_place,
    item_mention,
    make_claim,
    owner_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind, EntityType, Party


def _victims(trigger: Token) -> tuple[list[Token], Token | None]:
    """(the heads that suffered, the agent) for killing/wounding/destroying triggers."""
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
        victim = passive_subject(trigger)
        if victim is None and trigger.dep_ == "conj" and first_child(trigger, "dobj", "nsubj") is None:
            victim = passive_subject(trigger.head)
        if victim is not None and victim.tag_ in ("WP", "WDT") and trigger.dep_ == "relcl":
            victim = trigger.head  # "a sergeant who was killed on Monday"
        if victim is not None:
            return conjuncts(victim), by_agent(trigger)
        if trigger.lemma_ in ("die", "perish"):
            subj = subject_of(trigger)
            return ([subj] if subj is not None else []), None
        obj = first_child(trigger, "dobj")
        if obj is None:  # "killed and injured camp residents": the object of the next verb
            obj = next((first_child(c, "dobj") for c in children(trigger, "conj")
                        if c.pos_ == "VERB" and first_child(c, "dobj") is not None), None)
        return (conjuncts(obj) if obj is not None else []), subject_of(trigger)
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



def _side_against(ctx: SentenceContext, victim: Token) -> Party | None:
    """The side named by "against X" in the same sentence, when the victims are only called
    "soldiers": "friendly fire against Russian troops, resulting in the death of eight soldiers"."""
    sides = [
        party for prep in ctx.parse if prep.lower_ == "against"
        for obj in children(prep, "pobj") if (is_force(obj) or is_person(obj))
        and (party := ctx.party(obj)) is not None and party.country
    ]
    return sides[0] if len(sides) == 1 and is_person(victim) else None


_HARM = {"kill", "wound", "injure"}


def _joint_harm(trigger: Token) -> str | None:
    """For "killed or wounded" / "killed and injured" told of one figure: "first" on the first
    verb (the claim is killed_or_wounded), "second" on the other (it adds nothing), else None."""
    if trigger.lemma_ not in _HARM:
        return None
    def shares_victims(verb: Token) -> bool:
        return first_child(verb, "dobj") is None
    if (trigger.dep_ == "conj" and trigger.head.lemma_ in _HARM and trigger.head.lemma_ != trigger.lemma_
            and shares_victims(trigger)):
        return "second"
    if any(c.dep_ == "conj" and c.lemma_ in _HARM and c.lemma_ != trigger.lemma_ and shares_victims(c)
           for c in trigger.children):
        return "first"
    return None


def casualties(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger):
        return []
    heads, agent = _victims(trigger)
    joint = _joint_harm(trigger)
    if joint is not None and heads and _figure_of(ctx, heads[0]) is not None:
        # "200 killed or wounded": one figure told of both, one claim
        if joint == "second":
            return []
        rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
    elif joint == "second" and not heads:
        heads, agent = _victims(trigger.head)  # "killed and injured camp residents"
    if agent is not None and agent.pos_ == "PRON":
        agent = None  # "they killed ...": the pronoun names no side by itself
    loser = _loser(ctx, rule, agent) or _sufferer_of_noun(ctx, trigger)
    if loser is not None:
        agent = None
    claims: list[Claim] = []
    for counted_head in heads:
        head = counted(counted_head)
        quantity = ctx.quantity_of(head) or ctx.quantity_of(counted_head)
        named = ctx.mentions_in(noun_phrase(head), {EntityType.PERSON})
        bare = head.like_num and rule.lemma in _HARM  # "200 killed": people, unnamed
        person = bare or is_person(head) or bool(named) or head.lemma_ in ("casualty", "loss", "death")
        if not person:
            if rule.lemma in ("destroy", "damage", "capture", "lose", "shoot"):
                continue  # equipment, handled by the equipment rule
            continue
        if quantity is None and not named:
            quantity = ctx.single(head) or _one_person(ctx, head)
            if quantity is None and not _told_of_an_event(trigger, head):
                continue
        if quantity is None and named:
            quantity = ctx.one(named[0].start, named[0].end, named[0].text)
        if rule.lemma == "capture" and is_place(ctx, head):
            continue
        affected = ctx.party(head) if head is not trigger and not bare else None
        if bare and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            sufferer = subject_of(trigger.head.head)  # "soldiers have suffered losses, with 200 killed"
            if sufferer is not None and (is_person(sufferer) or is_force(sufferer)):
                affected = ctx.party(sufferer)
        if affected is not None and affected.country is None and not named:
            affected = _side_against(ctx, head) or affected
        if loser is not None and (affected is None or affected.country is None):
            affected = loser if affected is None else replace(affected, country=loser.country)
        claims.append(make_claim(
            ctx, trigger, ClaimKind.CASUALTIES, rule.outcome,
            [head, agent], quantity=quantity, affected=affected, agent=ctx.party(agent),
            weapon=ctx.weapon_for([trigger, agent] if agent is not None else [trigger]),
        ))
    return claims


_SUFFERING = {"lose", "suffer"}


def _loser(ctx: SentenceContext, rule: Trigger, subject: Token | None) -> Party | None:
    """For "lose"/"suffer" the subject is the side that lost, not an agent ("Russia lost
    1,270 soldiers", "the brigade lost 12 tanks")."""
    if rule.lemma in _SUFFERING and subject is not None:
        return ctx.party(subject)
    return None


def _sufferer_of_noun(ctx: SentenceContext, trigger: Token) -> Party | None:
    """ "Russia suffered 300 casualties", "the unit sustained heavy losses": the subject."""
    verb = trigger.head
    if trigger.pos_ in NOUN_TAGS and trigger.dep_ == "dobj" and verb.lemma_ in _SUSTAIN:
        subject = subject_of(verb)
        if subject is not None and subject.pos_ != "PRON":
            return ctx.party(subject)
    return None


_SUSTAIN = {"suffer", "sustain", "incur", "take", "endure"}


def _figure_of(ctx: SentenceContext, head: Token):
    return ctx.quantity_of(counted(head)) or ctx.quantity_of(head)


def _one_person(ctx: SentenceContext, head: Token):
    """1 for "he"/"she": one person whose fate the sentence tells."""
    if head.lower_ in ("he", "she", "him", "her"):
        return ctx.one(ctx.base + head.idx, ctx.base + head.idx + len(head.text), head.text)
    return None


def _told_of_an_event(trigger: Token, head: Token) -> bool:
    """Victims with no figure are still a claim when the verb tells a past event of a plural
    group ("killed and injured camp residents", "an unknown number of soldiers died"), not a
    habit or a general statement ("attacks that kill civilians")."""
    return head.tag_ == "NNS" and trigger.tag_ in ("VBD", "VBN") and is_person(head)


def equipment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.pos_ not in ("VERB", "AUX"):
        return []
    heads, agent = _victims(trigger)
    outcome = {"capture": "captured", "seize": "captured"}.get(rule.lemma, rule.outcome)
    claims: list[Claim] = []
    owner: Party | None = None
    phrases: dict[int, Span] = {}
    obj = first_child(trigger, "dobj")
    if obj is not None:
        listed = listed_items(obj)
        if len(listed) > len(heads):  # the parse lost part of the list: trust the commas
            heads = [item.head for item in listed]
            phrases = {item.head.i: item.phrase for item in listed}
    for head in heads:
        if is_person(head) or is_place(ctx, head) or head.pos_ not in NOUN_TAGS + ("NUM",):
            continue
        phrase = phrases.get(head.i)
        quantity = (ctx.quantity_in(phrase) if phrase is not None else None) or ctx.quantity_of(head) or ctx.single(head)
        platform = ctx.mentions_in(noun_phrase(head), {EntityType.WEAPON, EntityType.MILITARY_PLATFORM})
        if quantity is None and not platform:
            continue
        owner = owner_of(ctx, head) or _loser(ctx, rule, agent) or owner
        claim = make_claim(
            ctx, trigger, ClaimKind.EQUIPMENT_LOSS, outcome, [head, agent],
            quantity=quantity, item=item_mention(ctx, head), affected=owner,
            agent=None if rule.lemma in _SUFFERING else ctx.party(agent),
        )
        if claims:  # a later item of a list is evidenced by its own words ("two tactical vehicles")
            phrase = phrase or noun_phrase(head, keep_numbers=True)
            claim.evidence = [ctx.evidence([phrase], [(quantity.start, quantity.end)] if quantity else [])]
        claims.append(claim)
    return claims
