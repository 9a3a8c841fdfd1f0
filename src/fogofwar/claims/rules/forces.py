"""Deployments: forces sent to, stationed in or withdrawn from a place."""

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
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.rules.common import counted, make_claim
from fogofwar.claims.triggers import Trigger
from fogofwar.language.countries import country_of
from fogofwar.models import Claim, ClaimKind


def deployment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or rule.lemma == "troop":
        return []
    if trigger.pos_ in ("VERB", "AUX") and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "if") for c in trigger.children):
        return []  # "when deploying troops": a circumstance, not a deployment
    if rule.lemma == "support":
        # "North Korean troops, who are supporting Russian forces in the Kursk region"
        forces = subject_of(trigger)
        if forces is None or not is_force(forces) or not country_of(noun_phrase(forces).text):
            return []
        if first_child(trigger, "prep") is not None and any(c.lower_ == "with" for c in trigger.children):
            return []  # "supports X with Y" is a supply
        place = ctx.place_for(trigger)
        if place is None:
            return []
        return [make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, "deployed", [forces],
                       agent=ctx.party(forces), location=place)]
    if trigger.pos_ not in ("VERB", "AUX") and rule.lemma != "deploy":
        return []
    passive = passive_subject(trigger)
    counted_head = passive if passive is not None else first_child(trigger, "dobj")
    personnel = counted(counted_head) if counted_head is not None else None
    if personnel is None or not (is_force(personnel) or is_person(personnel)):
        return []
    if rule.lemma == "send" and not prep_objects(trigger, {"to", "into"}):
        return []
    agent = by_agent(trigger) if passive is not None else subject_of(trigger)
    if agent is not None and agent.pos_ == "PRON":
        agent = None
    quantity = ctx.quantity_of(personnel) or ctx.quantity_of(counted_head)
    destinations = prep_objects(trigger, {"to", "into", "in", "from"})
    location = None
    for dest in destinations:
        span = dest.doc[dest.left_edge.i : dest.right_edge.i + 1]
        lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
        location = next((p for p in ctx.places if lo <= p.start and p.end <= hi), None)
        if location:
            break
    agent_party = ctx.party(agent) if agent is not None else ctx.party(personnel) if country_of(personnel.text) else None
    claim = make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [personnel, agent],
                   quantity=quantity, agent=agent_party, location=location)
    return [claim]
