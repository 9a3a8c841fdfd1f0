"""Casualties: people killed, wounded, captured or missing, one claim per figure."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.rules.common import (
    COUNT_WORDS,
    NOUN_TAGS,
    counted,
    is_place,
    make_claim,
)
from fogofwar.claims.rules.equipment import equipment_in_losses
from fogofwar.claims.rules.sufferers import (
    elided_noun,
    is_people,
    side_that_lost,
    toll_figures,
    victims,
)
from fogofwar.claims.rules.tolls import (
    counter_figures,
    group_claim,
    groups_of,
    is_unsure,
)
from fogofwar.claims.tree import (
    children,
    conjuncts,
    first_child,
    is_hypothetical,
    prep_objects,
    subject_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind, EntityType, Party


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
    def shares_victims(verb: Token) -> bool:  # "46 people were killed and 85 wounded" does not
        return first_child(verb, "dobj", "nsubj", "nsubjpass") is None
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
    if rule.lemma == "lose" and _lost_contact(trigger):
        # "lost contact with 11 soldiers": missing, not lost
        rule = Trigger(rule.kind, "missing", rule.lemma, rule.forms)
        heads, agent = prep_objects(first_child(trigger, "dobj"), {"with"}), None
        return _casualty_claims(ctx, trigger, rule, heads, None, None)
    series = _harm_series(trigger)
    if series:
        heads = [h for verb in series for h in children(verb, "dobj")]
        if any(_figure_of(ctx, h) is not None for h in heads):
            # "killed, captured or wounded 200 soldiers": one figure told of all, one claim
            if trigger.i != series[-1].i:
                return []
            rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
            return _casualty_claims(ctx, trigger, rule, conjuncts(heads[-1]), subject_of(series[0]), None)
    heads, agent = victims(trigger)
    joint = _joint_harm(trigger)
    if joint is not None and heads and _figure_of(ctx, heads[0]) is not None:
        # "200 killed or wounded": one figure told of both, one claim
        if joint == "second":
            return []
        rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
    elif joint == "second" and not heads:
        heads, agent = victims(trigger.head)  # "killed and injured camp residents"
        if heads and _figure_of(ctx, heads[0]) is not None:
            return []  # "30 soldiers killed or wounded": the first verb's claim holds both
    agent = ctx.agent_naming_a_side(agent)  # "they killed ...": the pronoun names no side by itself
    loser = side_that_lost(ctx, rule, agent) or _sufferer_of_noun(ctx, trigger)
    if loser is not None:
        agent = None
    return _casualty_claims(ctx, trigger, rule, heads, agent, loser) + equipment_in_losses(ctx, trigger, rule)


# lemmas whose bare figure counts people ("200 killed", "six are still missing")
_OF_PEOPLE = {"kill", "wound", "injure", "die", "perish", "dead", "slay", "execute", "missing", "miss",
              "surrender", "kidnap", "abduct", "death", "fatality", "casualty", "loss", "body", "prisoner"}


def _casualty_claims(ctx: SentenceContext, trigger: Token, rule: Trigger, heads: list[Token],
                     agent: Token | None, loser: Party | None) -> list[Claim]:
    claims: list[Claim] = []
    tolls = {t.i for t in toll_figures(trigger)}
    for counted_head in heads:
        head = counted(counted_head)
        if head.i != counted_head.i and (head.pos_ == "PRON" or head.i == trigger.i):
            head = counted_head  # "At least 100 of them have been killed", "Dozens of wounded": the figure
        quantity = ctx.quantity_of(head) or ctx.quantity_of(counted_head)
        if quantity is not None and is_unsure(ctx, quantity):
            continue  # "potentially hundreds" is no figure
        named = ctx.mentions_in(noun_phrase(head), {EntityType.PERSON})
        vague_count = quantity is not None and quantity.vague is not None and head.lemma_.lower() in COUNT_WORDS
        elided = elided_noun(head)  # "... soldiers were killed and 11 were captured": soldiers
        counts_people = elided is not None and is_people(elided)
        bare = (head.like_num or vague_count) and (rule.lemma in _OF_PEOPLE or head.i in tolls or counts_people)
        person = bare or is_people(head) or bool(named) or head.lemma_ in ("casualty", "loss", "death")
        if not person:
            continue  # equipment, handled by the equipment rule
        if quantity is None and not named:
            quantity = ctx.single(head) or _one_person(ctx, head) or ctx.several(head)
            if quantity is None and not _told_of_an_event(trigger, head):
                continue
        if quantity is None and named:
            quantity = ctx.one(named[0].start, named[0].end, named[0].text)
        if rule.lemma == "capture" and is_place(ctx, head):
            continue
        affected = ctx.party(head) if head is not trigger and not bare else None
        if bare and counts_people:
            affected = ctx.party(elided)
        if bare and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            sufferer = subject_of(trigger.head.head)  # "soldiers have suffered losses, with 200 killed"
            if sufferer is not None and (is_person(sufferer) or is_force(sufferer)):
                affected = ctx.party(sufferer)
        if affected is not None and affected.country is None and not named:
            affected = _side_against(ctx, head) or affected
        if loser is not None and (affected is None or affected.country is None):
            affected = loser if affected is None else replace(affected, country=loser.country)
        claim = make_claim(
            ctx, trigger, ClaimKind.CASUALTIES, rule.outcome,
            [head, agent], quantity=quantity, affected=affected, agent=ctx.party(agent),
            weapon=ctx.weapon_for([trigger, agent] if agent is not None else [trigger]),
        )
        if head.i in tolls and claims:  # "... and the Donetsk region for 45": its own words
            claim.evidence = [ctx.evidence([head.head, head], [(quantity.start, quantity.end)])]
        claims.append(claim)
        if quantity is not None and quantity.value is not None:
            for group, phrase in groups_of(ctx, trigger, head):
                claims.extend(group_claim(ctx, trigger, rule, group, phrase, agent, claim))
    if any(c.quantity is not None for c in claims):
        claims.extend(counter_figures(ctx, trigger, rule, claims))
    return claims


def _lost_contact(trigger: Token) -> bool:
    obj = first_child(trigger, "dobj")
    return obj is not None and obj.lemma_ == "contact" and bool(prep_objects(obj, {"with"}))


_SERIES = {"kill", "wound", "injure", "capture", "maim", "abduct", "kidnap"}


def _harm_series(trigger: Token) -> list[Token]:
    """Verbs of harm told in one run of the text ("killed, captured or wounded 200 soldiers"),
    read off the surface since the parse often breaks such runs; [] when there is no run."""
    if trigger.lemma_ not in _SERIES or trigger.pos_ not in ("VERB", "AUX"):
        return []
    doc = trigger.doc
    run = [trigger]
    i = trigger.i - 1
    while i >= 1 and (doc[i].text == "," or doc[i].pos_ == "CCONJ") and doc[i - 1].lemma_ in _SERIES:
        run.insert(0, doc[i - 1])
        i -= 2
    i = trigger.i + 1
    while i + 1 < len(doc):
        j = i + 1 if doc[i].text == "," and doc[i + 1].pos_ == "CCONJ" else i
        if (doc[i].text == "," or doc[i].pos_ == "CCONJ") and j + 1 < len(doc) and doc[j + 1].lemma_ in _SERIES:
            run.append(doc[j + 1])
            i = j + 2
        else:
            break
    if len(run) < 3 and not any(t.text == "," for t in doc[run[0].i : run[-1].i]):
        return []  # "killed and wounded": the parse reads these well enough
    return run if len({t.lemma_ for t in run}) > 1 else []


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
