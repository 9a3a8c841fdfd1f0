"""Equipment losses: items destroyed, damaged or captured, one claim per listed item."""

from __future__ import annotations

from spacy.tokens import Span, Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.lists import trust_the_commas
from fogofwar.claims.parties import noun_phrase
from fogofwar.claims.rules.common import (
    NOUN_TAGS,
    is_place,
    item_mention,
    make_claim,
    owner_of,
)
from fogofwar.claims.rules.sufferers import (
    SUFFERING,
    elided_noun,
    is_people,
    side_that_lost,
    victims,
)
from fogofwar.claims.tree import children, conjuncts, first_child, is_hypothetical
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind, EntityType, Party


def equipment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.pos_ not in ("VERB", "AUX"):
        return []
    heads, agent = victims(trigger)
    outcome = {"capture": "captured", "seize": "captured"}.get(rule.lemma, rule.outcome)
    phrases: dict[int, Span] = {}
    obj = first_child(trigger, "dobj")
    if obj is not None:
        heads, phrases = trust_the_commas(obj, heads)
    heads = heads + _along_with(trigger)
    return _equipment_claims(ctx, trigger, rule, outcome, heads, agent, phrases, side_that_lost(ctx, rule, agent))


def _along_with(trigger: Token) -> list[Token]:
    """Items added to a loss by "along with"/"together with"/"as well as": "lost 1,270 soldiers
    over the past day, along with 3 tanks, 5 armoured combat vehicles and 12 artillery systems"."""
    out: list[Token] = []
    for prep in children(trigger, "prep", "cc"):
        if prep.lower_ in ("along", "together"):
            out += [o for w in children(prep, "prep") if w.lower_ == "with" for obj in children(w, "pobj")
                    for o in conjuncts(obj)]
    if any(c.dep_ == "cc" and c.lower_ == "as" for c in trigger.children):
        # "lost up to 2,030 servicemen over the past day, as well as 12 armoured vehicles": the
        # parse hangs the added nouns on the verb
        out += [o for c in children(trigger, "conj") if c.pos_ in NOUN_TAGS for o in conjuncts(c)]
    return out


def _equipment_claims(ctx: SentenceContext, trigger: Token, rule: Trigger, outcome: str | None,
                      heads: list[Token], agent: Token | None, phrases: dict[int, Span],
                      loser: Party | None) -> list[Claim]:
    claims: list[Claim] = []
    owner: Party | None = None
    for head in heads:
        if is_people(head) or is_place(ctx, head) or head.pos_ not in NOUN_TAGS + ("NUM",):
            continue
        elided = elided_noun(head)
        if elided is not None and is_people(elided):
            continue  # "soldiers were killed and 11 were captured": people, not equipment
        phrase = phrases.get(head.i)
        quantity = ((ctx.quantity_in(phrase) if phrase is not None else None) or ctx.quantity_of(head)
                    or ctx.single(head) or ctx.several(head))
        platform = ctx.mentions_in(noun_phrase(head), {EntityType.WEAPON, EntityType.MILITARY_PLATFORM})
        if quantity is None and not platform:
            continue
        if quantity is None and _one_named(head):
            # "sunk the Russian missile boat Ivanovets": one vessel, named
            quantity = ctx.one(ctx.base + head.idx, ctx.base + head.idx + len(head.text), head.text)
        owner = owner_of(ctx, head) or loser or owner
        claim = make_claim(
            ctx, trigger, ClaimKind.EQUIPMENT_LOSS, outcome, [head, agent],
            quantity=quantity, item=item_mention(ctx, head), affected=owner,
            agent=None if rule.lemma in SUFFERING else ctx.party(agent),
        )
        if claims or agent is None and trigger.pos_ in NOUN_TAGS:
            # a later item of a list is evidenced by its own words ("two tactical vehicles")
            phrase = phrase or noun_phrase(head, keep_numbers=True)
            claim.evidence = [ctx.evidence([phrase], [(quantity.start, quantity.end)] if quantity else [])]
        claims.append(claim)
    return claims


def _one_named(head: Token) -> bool:
    """A single thing told by its own name ("the Russian missile boat Ivanovets", "the frigate
    Admiral Makarov"): a proper name in apposition or compound after a singular head."""
    if head.text[:1].isupper() and head.i > 0 and any(
        t.dep_ == "compound" and t.tag_ == "NN" and t.i == head.i - 1 for t in head.lefts
    ):
        return True  # "the missile boat Ivanovets" (the name read as the head)
    return head.tag_ in ("NN", "NNP") and any(
        c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.i > head.i for c in head.children)


def equipment_in_losses(ctx: SentenceContext, trigger: Token, rule: Trigger) -> list[Claim]:
    """ "Ukraine's losses ... included 2,030 servicemen, 35 tanks and 31 armoured personnel
    carriers": the equipment told among losses, destroyed, owned by the side whose losses they are."""
    if trigger.lemma_ not in ("loss", "casualty") or trigger.head.lemma_ != "include" or trigger.dep_ != "nsubj":
        return []
    obj = first_child(trigger.head, "dobj")
    if obj is None:
        return []
    heads, phrases = trust_the_commas(obj, conjuncts(obj))
    owner = first_child(trigger, "poss")
    loser = ctx.party(owner) if owner is not None and owner.pos_ != "PRON" else None
    equip = Trigger(ClaimKind.EQUIPMENT_LOSS, "destroyed", rule.lemma, rule.forms)
    return _equipment_claims(ctx, trigger, equip, "destroyed", heads, None, phrases, loser)
