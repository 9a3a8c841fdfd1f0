"""What every claim rule shares: building a claim with its place and time, items, owners, counted nouns."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_person, noun_phrase
from fogofwar.claims.tree import prep_objects
from fogofwar.language.countries import country_of
from fogofwar.models import Claim, ClaimKind, EntityType, Mention, Party

NOUN_TAGS = ("NOUN", "PROPN")
# kinds of event that happen somewhere: without a place of their own they take the article's scene
SCENE_KINDS = {ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.ATTACK, ClaimKind.DISPLACEMENT}
PROJECTILES = {"missile", "rocket", "shell", "drone", "strike", "airstrike", "attack", "munition", "bomb", "round", "salvo", "projectile", "grenade", "mortar", "artillery"}
LOCATIVE = {"in", "near", "at", "into", "to", "around", "outside", "inside", "on", "across", "from", "of", "within"}
PLACE_TYPES = {EntityType.LOCATION}


def make_claim(ctx: SentenceContext, trigger: Token, kind: ClaimKind, outcome: str | None,
           evidence_tokens: list, **roles) -> Claim:
    q = roles.get("quantity")
    extra = [(q.start, q.end)] if q is not None else []
    claim = Claim(kind=kind, outcome=outcome, evidence=[ctx.evidence([trigger, *evidence_tokens], extra)],
                  attribution=ctx.attribution, trigger=trigger.text, **roles)
    if claim.location is None and kind is not ClaimKind.SUPPLY:
        parties = [p for p in (claim.agent, claim.affected, claim.recipient) if p is not None]
        claim.location = ctx.place_for(trigger, exclude=[(p.start, p.end) for p in parties]) \
            or ctx.place_called_there(trigger)
        if claim.location is None and kind in SCENE_KINDS:
            claim.location = ctx.scene_before()
    if claim.time is None:
        claim.time = ctx.time_for(trigger)
    return claim


def item_mention(ctx: SentenceContext, head: Token) -> Mention:
    phrase = noun_phrase(head)
    start, end = ctx.base + phrase.start_char, ctx.base + phrase.end_char
    return Mention(start, end, phrase.text, EntityType.WEAPON, source="claim")


def owner_of(ctx: SentenceContext, head: Token) -> Party | None:
    """The side that owns an item: an organisation or nationality among its modifiers."""
    phrase = noun_phrase(head)
    found = ctx.mentions_in(phrase, {EntityType.ORGANISATION, EntityType.NATIONALITY, EntityType.LOCATION})
    if not found:
        return None
    m = found[0]
    return Party(text=m.text, start=m.start, end=m.end, country=m.country or country_of(m.text))


def is_place(ctx: SentenceContext, head: Token) -> bool:
    span = noun_phrase(head)
    lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
    if any(lo <= p.start and p.end <= hi for p in ctx.places):
        return True
    return bool(ctx.mentions_in(span, PLACE_TYPES)) and not is_person(head)



COUNT_WORDS = {"thousand", "hundred", "dozen", "score", "ten", "million", "number", "dozens", "hundreds", "thousands", "tens", "scores"}


def counted(head: Token) -> Token:
    """The counted noun of "thousands of fighters", "200 of them"; else the head itself."""
    if head.like_num or head.lower_ in COUNT_WORDS or head.lemma_.lower() in COUNT_WORDS:
        of = prep_objects(head, {"of"})
        if of:
            return of[0]
    return head



def object_of_loss(noun: Token) -> bool:
    node = noun
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_ in ("destroy", "damage", "capture", "seize", "lose")
