"""Deployments: forces sent to, stationed in, arriving at or withdrawn from a place.

Forms read: a verb with the forces as object ("deployed 12,000 troops to", "withdrew 3,000
troops from", "pulled its forces out of", "keeps 350 soldiers in"), as passive subject
("were stationed in"), as subject of an intransitive use ("units deployed to", "troops
arrived in", "remain stationed at", "moved into", "the frigate joined Task Force 50"), as
the noun a reduced clause describes ("300 Airmen, deployed from", "1,000 troops stationed
at"), and the noun "deployment" ("departed ... for a deployment to", "the deployment of
3,000 troops to"). Plans, negations and circumstances ("plans to deploy", "without
withdrawing troops", "when deploying") carry no claim.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.rules.common import counted, make_claim
from fogofwar.claims.tree import (
    by_agent,
    conjuncts,
    first_child,
    is_hypothetical,
    out_of_objects,
    passive_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.language.countries import country_of
from fogofwar.models import Claim, ClaimKind, EntityType

# verbs whose subject is what moves ("troops arrived in", "units deployed to")
_INTRANSITIVE = {"deploy", "station", "arrive", "move", "join", "redeploy"}
# verbs that need the forces as object and a place they stay in ("keeps 350 soldiers in Gabon")
_KEEPING = {"keep", "leave"}
# prepositions that name where forces go, stay or come from
_WHERE = {"to", "into", "in", "at", "from", "inside", "out"}
# groups that are counted by their members: "a company of about 150 soldiers"
_GROUPS = {"company", "battalion", "contingent", "detachment", "unit", "group", "team", "platoon",
           "brigade", "squadron", "force", "regiment", "division", "number", "total"}
# what forces join: a formation, not an activity ("joined the fight" is no deployment)
_FORMATIONS = {"force", "task", "group", "battlegroup", "fleet", "coalition", "mission", "squadron",
               "ship", "unit", "contingent", "troop", "battalion", "brigade", "flotilla", "deployment"}
# people who are deployed: military persons only (refugees "arrive" too)
_MILITARY_PERSONS = {"soldier", "troop", "marine", "paratrooper", "mercenary", "servicemen", "serviceman",
                     "personnel", "airman", "airmen", "sailor", "instructor", "adviser", "advisor",
                     "trainer", "peacekeeper", "fighter", "commando", "reservist", "conscript", "member",
                     "guardsman", "infantryman", "gunner", "pilot", "crew", "specialist"}
# places named by a common noun ("leaving 1,000 U.S. service members in the country")
_PLACE_NOUNS = {"country", "region", "area", "base", "city", "province", "territory", "zone", "town",
                "airfield", "airbase", "garrison", "outpost", "position"}


def deployment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger):
        return []
    if rule.lemma == "troop":
        return _presence(trigger, rule, ctx)
    if trigger.pos_ in ("VERB", "AUX") and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "if") for c in trigger.children):
        return []  # "when deploying troops": a circumstance, not a deployment
    if rule.lemma == "support":
        return _supporting(trigger, ctx)
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _nominal(trigger, rule, ctx) if rule.lemma == "deploy" else []
    if trigger.pos_ not in ("VERB", "AUX"):
        return []
    if rule.lemma == "join":
        return _joining(trigger, rule, ctx)
    if rule.lemma == "pull" and not _pulled_back(trigger):
        return []
    passive = passive_subject(trigger)
    obj = first_child(trigger, "dobj")
    agent: Token | None = None
    if passive is not None:
        counted_head, agent = passive, by_agent(trigger)
    elif obj is not None:
        counted_head, agent = obj, subject_of(trigger)
    elif trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN", "NUM"):
        # "300 Airmen, deployed from the 158th Fighter Wing"; without a figure ("the soldiers
        # sent to Russia") the clause only recalls forces already told of
        counted_head = trigger.head
        if ctx.quantity_of(counted(counted_head)) is None and ctx.quantity_of(counted_head) is None:
            return []
    elif rule.lemma in _INTRANSITIVE and _has_destination(trigger):
        # "Lebanese army units deployed to both villages"; "troops remain stationed at"
        counted_head = subject_of(trigger)
        if counted_head is None and trigger.dep_ in ("acomp", "xcomp", "oprd"):
            counted_head = first_child(trigger.head, "nsubj")
    else:
        return []
    if counted_head is None:
        return []
    personnel = _forces_among(ctx, counted_head, platforms=rule.lemma in _INTRANSITIVE and obj is None)
    if personnel is None:
        return []
    if rule.lemma in ("send", "commit") and not prep_objects(trigger, {"to", "into"}):
        return []
    if rule.lemma in _KEEPING and not _stays_in(ctx, [trigger, personnel]):
        return []  # "left three soldiers dead" is no deployment
    if rule.lemma == "move" and _location(ctx, [trigger], {"into", "to"}) is None:
        return []  # forces moving into a named place; "moved into the farmland" is no deployment
    agent = ctx.agent_naming_a_side(agent)
    quantity = ctx.quantity_of(personnel) or ctx.quantity_of(counted_head)
    location = _location(ctx, [trigger, personnel], _WHERE)
    agent_party = ctx.party(agent) if agent is not None else _side(ctx, personnel)
    claim = make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [personnel, agent],
                       quantity=quantity, agent=agent_party, location=location)
    return [claim]


def _supporting(trigger: Token, ctx: SentenceContext) -> list[Claim]:
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


def _nominal(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """"the deployment of 3,000 troops to X"; "300 airmen departed ... for a deployment to X"."""
    if trigger.tag_ == "NNS" or _planned_noun(trigger):
        return []
    of = prep_objects(trigger, {"of"})
    if of:
        counted_head = of[0]
    elif trigger.dep_ == "pobj" and trigger.head.lower_ in ("for", "on") and trigger.head.head.pos_ == "VERB":
        verb = trigger.head.head
        if is_hypothetical(verb):
            return []
        counted_head = subject_of(verb)
    else:
        return []
    if counted_head is None:
        return []
    personnel = _forces_among(ctx, counted_head, platforms=False)
    if personnel is None:
        return []
    location = _location(ctx, [trigger], {"to", "in", "into", "at"})
    if location is None:
        return []
    quantity = ctx.quantity_of(personnel) or ctx.quantity_of(counted_head)
    return [make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [personnel],
                       quantity=quantity, agent=_side(ctx, personnel), location=location)]


def _joining(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """"The frigate FS Forbin joined Task Force 50"; "Forbin is joining U.S. ships X, Y"."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return []  # "arrived ... to join NATO's battlegroup": a purpose
    obj = first_child(trigger, "dobj")
    subject = subject_of(trigger)
    if obj is None or subject is None:
        return []
    joined = [o for o in conjuncts(obj) if _formation(ctx, o)]
    if not joined:
        return []
    mover = _forces_among(ctx, subject, platforms=True) or (subject if _platform(ctx, subject) else None)
    if mover is None and not subject.is_title:
        return []
    # ships joining ships: the ships joined are deployed too, one claim per group of them
    # ("joining U.S. ships USS Hopper, USS Mahan, and U.K. ships HMS Ocean")
    groups = [o for o in joined if any(t.lemma_.lower() == "ship" and t.i < o.i for t in o.lefts)]
    if groups:
        return [make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [o], agent=_side(ctx, o))
                for o in groups]
    head = mover if mover is not None else subject
    return [make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [head, joined[0]],
                       quantity=ctx.quantity_of(head), agent=_side(ctx, head))]


def _formation(ctx: SentenceContext, token: Token) -> bool:
    words = {t.lemma_.lower() for t in noun_phrase(token)} | {t.lower_.rstrip("s") for t in noun_phrase(token)}
    return bool(words & _FORMATIONS) or is_force(token) or _platform(ctx, token)


def _platform(ctx: SentenceContext, token: Token) -> bool:
    return bool(ctx.mentions_in(noun_phrase(token), {EntityType.MILITARY_PLATFORM}))


def _presence(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """Forces told to be in a place, with their number: "Some 11,000 North Korean troops are in
    Russia", "there are about 900 U.S. troops in Syria"."""
    verb = trigger.head
    if trigger.dep_ not in ("nsubj", "attr") or verb.lemma_ != "be" or is_hypothetical(verb):
        return []
    if trigger.dep_ == "attr" and not any(c.dep_ == "expl" for c in verb.children):
        return []  # "they are troops": what they are, not where
    quantity = ctx.quantity_of(trigger)
    if quantity is None or quantity.value is None and quantity.vague is None:
        return []
    location = _location(ctx, [verb, trigger], {"in", "inside", "at"})
    if location is None:
        return []
    return [make_claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [verb, trigger],
                       quantity=quantity, agent=_side(ctx, trigger), location=location)]


def _forces_among(ctx: SentenceContext, head: Token, platforms: bool) -> Token | None:
    """The forces a phrase names: its counted noun ("thousands of fighters", "a company of 150
    soldiers"), the first of its conjuncts that is forces ("12 jets and 300 airmen"), else a
    military platform ("F-16 Fighting Falcons") where ``platforms``."""
    candidates = []
    for c in conjuncts(head):
        c = counted(c)
        if c.lemma_.lower() in _GROUPS or c.lower_ in _GROUPS:
            of = prep_objects(c, {"of"})
            if of and (is_force(of[0]) or is_person(of[0])):
                c = of[0]
        candidates.append(c)
    for c in candidates:
        if is_force(c) or c.lemma_.lower() in _MILITARY_PERSONS or c.lower_ in _MILITARY_PERSONS:
            return c
        if c.lemma_.lower() == "member" and any(t.lemma_.lower() in ("service", "military", "army") for t in c.lefts):
            return c  # "U.S. service members"
    for c in candidates:
        if is_person(c) and not platforms:
            return c
    if platforms:
        for c in candidates:
            if _platform(ctx, c):
                return c
    return None


def _side(ctx: SentenceContext, personnel: Token):
    party = ctx.party(personnel)
    return party if party is not None and party.country else None


def _location(ctx: SentenceContext, heads: list[Token], preps: set[str]):
    for head in heads:
        for dest in prep_objects(head, preps) + out_of_objects(head):
            places = ctx.places_under(dest)
            if places:
                return places[0]
    return None


def _stays_in(ctx: SentenceContext, heads: list[Token]) -> bool:
    if _location(ctx, heads, {"in", "at", "inside"}) is not None:
        return True
    return any(o.lemma_.lower() in _PLACE_NOUNS for h in heads for o in prep_objects(h, {"in", "at", "inside"}))


def _has_destination(trigger: Token) -> bool:
    if any(c.lower_ in ("here", "there") and c.dep_ == "advmod" for c in trigger.children):
        return True
    return bool(prep_objects(trigger, _WHERE | {"near", "across", "along"}) or out_of_objects(trigger))


def _pulled_back(trigger: Token) -> bool:
    """"pulled its forces out of", "pulled back 3,000 troops": a withdrawal."""
    return any(c.lower_ in ("out", "back") and c.dep_ in ("prt", "prep", "advmod") for c in trigger.children) \
        or bool(prep_objects(trigger, {"from"}))


def _planned_noun(trigger: Token) -> bool:
    """"plans for a deployment", "approved the deployment": an intention, not a deployment."""
    head = trigger.head
    if head.dep_ == "prep":
        head = head.head
    return head.lemma_.lower() in {"plan", "approve", "announce", "consider", "propose", "order", "request",
                                   "authorize", "authorise", "discuss", "call", "seek", "want", "prepare"}
