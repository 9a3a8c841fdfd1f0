"""Displacement: people who fled or were displaced, with their figure."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import (
    SentenceContext,
    first_child,
    is_hypothetical,
    passive_subject,
    subject_of,
)
from fogofwar.claims.rules.common import make_claim
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind


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
