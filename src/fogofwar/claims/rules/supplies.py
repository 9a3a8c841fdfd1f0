"""Supplies: weapons, aid, money or fighters provided by one party to another."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from fogofwar.claims.context import (
    SentenceContext,
    children,
    conjuncts,
    first_child,
    is_hypothetical,
    prep_objects,
    subject_of,
)
from fogofwar.claims.parties import is_person, noun_phrase
from fogofwar.claims.rules.common import (
    NOUN_TAGS,
    PROJECTILES,
    item_mention,
    make_claim,
)
from fogofwar.claims.rules.forces import deployment
from fogofwar.claims.triggers import Trigger
from fogofwar.data_files import read_tsv
from fogofwar.models import Claim, ClaimKind, EntityType


def supply(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or rule.lemma in ("include", "arm"):
        return []
    agent = recipient = item = None
    if trigger.pos_ in NOUN_TAGS and trigger.lemma_ in ("supplier", "supply", "delivery"):
        owner = first_child(trigger, "poss")
        recipients = prep_objects(trigger, {"to", "for"})
        recipient = recipients[0] if recipients else owner
        items = prep_objects(trigger, {"of"})
        item = items[0] if items else None
        node = trigger.head if trigger.dep_ in ("attr", "dobj") else None
        agent = subject_of(node) if node is not None else None
    elif trigger.pos_ in ("VERB", "AUX") or first_child(trigger, "dobj") is not None:
        # (a noun with a direct object is a verb the tagger missed: "Pyongyang aids Moscow with ...")
        agent = subject_of(trigger) or first_child(trigger, "compound", "nsubj")
        obj = first_child(trigger, "dobj")
        withs = prep_objects(trigger, {"with"}) or (prep_objects(obj, {"with"}) if obj is not None else [])
        if withs:
            item, recipient = withs[0], obj
        else:
            item = obj
            recipients = prep_objects(trigger, {"to", "for"}) or children(trigger, "dative")
            recipient = recipients[0] if recipients else None
        if rule.lemma == "aid" and not withs:
            return []
    else:
        return []
    if item is None or is_person(item) and not withs_people(item):
        return []
    if item.lemma_.lower() in _NOT_SUPPLIES or not _suppliable(ctx, item):
        return []
    if agent is not None and (agent.lemma_.lower() in PROJECTILES or ctx.weapon_for([agent]) is not None):
        return []  # "aircraft delivered 24 munitions" is an attack, not a supply
    return [make_claim(ctx, trigger, ClaimKind.SUPPLY, None, [agent, recipient, item],
                   agent=ctx.party(agent), recipient=ctx.party(recipient), item=item_mention(ctx, item),
                   quantity=ctx.quantity_of(item))]


_NOT_SUPPLIES = {"strike", "airstrike", "attack", "support", "help", "cover", "information", "update", "detail",
                 "evidence", "account", "opportunity", "service", "access", "way", "insight"}


@lru_cache(maxsize=1)
def _supply_items() -> frozenset[str]:
    return frozenset(row[0] for row in read_tsv("supply_items.tsv"))


def _suppliable(ctx: SentenceContext, item: Token) -> bool:
    """Whether a noun names something one party can supply to another (``data/supply_items.tsv``)."""
    if item.lemma_.lower() in _supply_items() or item.lower_ in _supply_items():
        return True
    return bool(ctx.mentions_in(noun_phrase(item), {EntityType.WEAPON, EntityType.MILITARY_PLATFORM}))


def withs_people(item: Token) -> bool:
    return item.lemma_ in ("fighter", "mercenary", "volunteer", "troop", "soldier")



def support(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """ "supports X with Y" is a supply; "troops supporting X in <place>" a deployment."""
    obj = first_child(trigger, "dobj")
    if prep_objects(trigger, {"with"}) or (obj is not None and prep_objects(obj, {"with"})):
        return supply(trigger, Trigger(ClaimKind.SUPPLY, None, "support", ()), ctx)
    return deployment(trigger, rule, ctx)


_LIST_HEADS = {"list", "weapon", "equipment", "package", "delivery", "supply", "shipment", "aid", "system", "item", "arm"}


def supply_continuation(trigger: Token, ctx: SentenceContext, previous: Claim | None) -> list[Claim]:
    """"The list of weapons includes X, Y": items of the supply claimed just before."""
    if previous is None or previous.kind is not ClaimKind.SUPPLY or trigger.lemma_ != "include":
        return []
    subject = subject_of(trigger)
    if subject is None or (subject.lemma_.lower() not in _LIST_HEADS and subject.pos_ != "PRON"):
        return []
    obj = first_child(trigger, "dobj")
    if obj is None:
        return []
    claims = []
    for head in conjuncts(obj):
        claims.append(Claim(
            kind=ClaimKind.SUPPLY, outcome=None, evidence=[ctx.evidence([noun_phrase(head)])],
            agent=previous.agent, recipient=previous.recipient, item=item_mention(ctx, head),
            quantity=ctx.quantity_of(head), attribution=ctx.attribution, trigger=trigger.text,
        ))
    return claims
