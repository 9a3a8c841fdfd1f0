"""Territory: places, areas and shares of ground gained or lost, told by verbs and by nouns."""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.rules.common import (
    LOCATIVE,
    NOUN_TAGS,
    counted,
    is_place,
    make_claim,
)
from fogofwar.claims.tree import (
    by_agent,
    first_child,
    is_hypothetical,
    out_of_objects,
    passive_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind, Place

_AREA_UNITS = {"%", "km2", "mi2", "ha", "acre"}
# what forces gain or lose when no place is named: "seized the area", "retook 25% of the territory"
_GROUND = {
    "territory", "area", "ground", "land", "village", "town", "city", "neighbourhood",
    "neighborhood", "district", "suburb", "farmland", "position", "hill", "height", "barracks",
    "base", "airfield", "airport", "bridge", "checkpoint", "crossing", "outpost", "stronghold",
    "headquarters", "camp", "township", "port", "harbour", "harbor", "settlement", "hamlet",
    "locality",
}
# nouns of a territorial event, told by what they act on: "the liberation of Fallujah"
_EVENT_PREPS = {"of", "around", "near", "in", "on", "into", "to", "toward", "towards"}


def territory(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or (trigger.dep_ in ("acl", "amod") and trigger.pos_ in ("VERB", "ADJ")
                                    and trigger.lemma_ != "control"):
        return []  # "equipment captured near Palmyra" describes the equipment
    if trigger.pos_ in NOUN_TAGS:
        return _nominal_territory(trigger, rule, ctx)
    if trigger.lemma_ == "fall":  # "the city fell to coalition forces"
        ground, agents = subject_of(trigger), prep_objects(trigger, {"to"})
        agent = agents[0] if agents else None
        count = None
    elif rule.lemma in _EXPELLING:
        # "pushed Russian forces out of Kotlyne", "drove the militants from the town": the place
        # the enemy is driven from is taken
        places = [p for head in prep_objects(trigger, {"from"}) + out_of_objects(trigger)
                  for p in _places_under(ctx, [head])]
        if not places or is_hypothetical(trigger):
            return []
        agent = subject_of(trigger)
        return [make_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [agent],
                           agent=ctx.party(agent), location=places[0])]
    else:
        ground = passive_subject(trigger) or first_child(trigger, "dobj")
        if ground is not None and ground.lower_ in _SHARES:
            ground = next(iter(prep_objects(ground, {"of"})), ground)  # "seizing most of the city"
        if ground is not None and ground.lower_ == "it" and rule.outcome == "captured":
            # "... the town of Kafr Nabl for a week before the army retook it": the place just named
            earlier = ctx.place_named_before(trigger)
            if earlier is not None:
                agent = by_agent(trigger) if passive_subject(trigger) is not None else subject_of(trigger)
                return [make_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [ground, agent],
                                   agent=ctx.party(agent), location=earlier)]
        if rule.lemma in _LEAVING and ground is not None:
            return []  # "withdrew 600 troops from Syria": a deployment ends, no ground is told lost
        if ground is None and rule.outcome == "lost":
            # "retreated from some outlying positions", "pulled out of the town of Vuhledar"
            ground = next(iter(prep_objects(trigger, {"from", "out"}) + out_of_objects(trigger)), None)
        if rule.lemma in _LEAVING and ground is None:
            return []  # "pulled back", "withdraw" with nothing left behind
        counted_ground = counted(ground) if ground is not None else None  # "dozens of villages"
        count = ctx.quantity_of(ground) if counted_ground is not ground else None
        ground = counted_ground
        agent = by_agent(trigger) if passive_subject(trigger) is not None else subject_of(trigger)
    if ground is None and rule.lemma in _TAKES_AN_OBJECT:
        return []  # "had been captured in the Kursk region": people or things, the parse lost which
    heads = ([ground] if ground is not None else []) + prep_objects(trigger, LOCATIVE)
    places_in = _places_under(ctx, heads)
    area = _area_under(ctx, [ground] if ground is not None else [])
    if not places_in and area is None and not _is_ground(ground, definite=True):
        return []  # "continue to liberate territory": no place, no share, nothing specific
    if ground is not None and places_in and not (is_place(ctx, ground) or _is_ground(ground)) \
            and area is None and rule.lemma != "advance":
        return []  # "seized the tanks ... from Tiyas airfield": equipment, not ground
    return [make_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [ground, agent],
                       agent=ctx.party(agent), quantity=area or count,
                       location=places_in[0] if places_in else None)]


def _nominal_territory(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """ "the liberation of Fallujah", "the fall of Mosul", "advances around Manbij",
    "the re-taking of 25% of the territory", "full control of Aleppo" (with a verb of gaining)."""
    if trigger.lemma_ == "control" and not (
        trigger.dep_ in ("dobj", "pobj") and trigger.head.lemma_ in _GAINING_CONTROL
    ):
        return []
    if trigger.lemma_ == "control" and (is_hypothetical(trigger.head) or _prevented(trigger.head)):
        return []  # "preventing the insurgency from regaining control of the city"
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("for", "toward", "towards") or (
        trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ in _ONGOING
    ):
        return []  # "the fight for the liberation of Raqqah", "the liberation of Mosul began": an aim
    objects = prep_objects(trigger, _EVENT_PREPS)
    places_in = _places_under(ctx, objects)
    area = _area_under(ctx, objects)
    if not places_in and area is None and not (
        trigger.lemma_ == "control" and objects and _is_ground(counted(objects[0]), definite=True)
    ):
        return []  # "took control of the camp" tells ground; "the liberation of" nothing does not
    agent = by_agent(trigger) or first_child(trigger, "poss")
    if agent is None and trigger.dep_ in ("dobj", "pobj"):
        verb = trigger.head if trigger.dep_ == "dobj" else trigger.head.head
        agent = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    agent = ctx.agent_naming_a_side(agent)
    return [make_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [*objects[:1], agent],
                       agent=ctx.party(agent), quantity=area,
                       location=places_in[0] if places_in else None)]


# leaving ground: a territorial loss only when forces themselves leave a place ("the army
# withdrew from Hama"), not when they withdraw something ("withdrew its troops from Chad")
_LEAVING = {"withdraw", "pull"}
# verbs of driving an enemy out of a place, which is then taken
_EXPELLING = {"push", "drive", "expel", "oust", "flush"}
# shares of a place taken: "most of the city", "parts of the district"
_SHARES = {"most", "much", "part", "parts", "half", "all", "rest", "swathes"}
_GAINING_CONTROL = {"take", "seize", "gain", "claim", "establish", "assume", "wrest", "regain"}
_TAKES_AN_OBJECT = {"capture", "seize", "take", "lose", "recapture", "regain", "overrun", "clear"}
_ONGOING = {"begin", "start", "continue", "resume", "launch", "proceed", "progress", "get"}


def _places_under(ctx: SentenceContext, heads: list[Token]) -> list[Place]:
    """Places under the phrases, resolved ones first; a name the gazetteer lacks counts too (a
    place the text or the NER names as one: "the village of Kindrashivka", "seized Zhovte")."""
    places = [p for head in heads for p in ctx.places_under(head)]
    return [p for p in places if p.country] + [p for p in places if not p.country and _named(p)]


def _named(place: Place) -> bool:
    return any(w[:1].isupper() for w in place.text.split())


def _area_under(ctx: SentenceContext, heads: list[Token]):
    """An area or a share of ground: "more than 18,000 square kilometers", "30 percent"."""
    for head in heads:
        span = head.doc[head.left_edge.i : head.right_edge.i + 1]
        lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
        for q in ctx.quantities:
            if q.unit in _AREA_UNITS and lo <= q.start and q.end <= hi:
                return q
    return None


def _prevented(verb: Token) -> bool:
    """"preventing them from regaining", "stopped the rebels from taking": what did not happen."""
    return (verb.dep_ == "pcomp" and verb.head.lower_ == "from"
            and verb.head.head.lemma_.lower() in ("prevent", "stop", "keep", "deter", "bar", "block"))


def _is_ground(head: Token | None, definite: bool = False) -> bool:
    """A noun of ground ("the area", "a nearby military barracks"); ``definite``: with a
    determiner that points at one piece of ground. A settlement is ground only as a place
    ("the settlements of Illinka and Novodmytrivka"), not as an agreement ("a political
    settlement")."""
    if head is None or head.lemma_.lower() not in _GROUND:
        return False
    if head.lemma_.lower() == "settlement" and not prep_objects(head, {"of"}):
        return False
    return not definite or first_child(head, "det", "poss") is not None
