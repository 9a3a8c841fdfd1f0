"""Territory and displacement: places gained or lost, people who fled."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import (
    SentenceContext,
    by_agent,
    first_child,
    is_hypothetical,
    passive_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.rules.common import LOCATIVE, is_place, make_claim
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind


def territory(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.dep_ in ("acl", "amod"):
        return []  # "equipment captured near Palmyra" describes the equipment
    obj = passive_subject(trigger) or first_child(trigger, "dobj")
    places_in = []
    for head in ([obj] if obj is not None else []) + prep_objects(trigger, LOCATIVE):
        span = head.doc[head.left_edge.i : head.right_edge.i + 1]
        lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
        places_in.extend(p for p in ctx.places if lo <= p.start and p.end <= hi)
    if not places_in:
        return []
    if obj is not None and not is_place(ctx, obj) and rule.lemma not in ("advance",):
        return []
    agent = by_agent(trigger) if passive_subject(trigger) is not None else subject_of(trigger)
    return [make_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [obj, agent],
                   agent=ctx.party(agent), location=places_in[-1])]



def displacement(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger):
        return []
    if trigger.pos_ in ("VERB", "AUX"):
        people = passive_subject(trigger) or subject_of(trigger) or first_child(trigger, "dobj")
    elif trigger.pos_ == "ADJ" or trigger.dep_ == "amod":
        people = trigger.head
    else:
        people = trigger
    if people is None:
        return []
    quantity = ctx.quantity_of(people)
    if quantity is None:
        return []
    return [make_claim(ctx, trigger, ClaimKind.DISPLACEMENT, None, [people],
                   quantity=quantity, affected=ctx.party(people) if people is not trigger else None)]
