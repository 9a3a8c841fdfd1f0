"""Claim rules: one function per claim kind, from a trigger token to the claims it carries.

Each rule reads the dependency parse around its trigger (``fogofwar.claims.context``) to
find the roles of its kind — the affected party and its figure, the agent, the target, the
item, the recipient — and leaves a role empty when the sentence does not fill it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Token

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
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.triggers import Trigger
from fogofwar.data_files import read_tsv
from fogofwar.language.countries import country_of
from fogofwar.models import Claim, ClaimKind, EntityType, Mention, Party

Rule = Callable[[Token, Trigger, SentenceContext], list[Claim]]

_NOUN = ("NOUN", "PROPN")
# kinds of event that happen somewhere: without a place of their own they take the article's scene
_SCENE_KINDS = {ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.ATTACK, ClaimKind.DISPLACEMENT}
_PROJECTILES = {"missile", "rocket", "shell", "drone", "strike", "airstrike", "attack", "munition", "bomb", "round", "salvo", "projectile", "grenade", "mortar", "artillery"}
_LOCATIVE = {"in", "near", "at", "into", "to", "around", "outside", "inside", "on", "across", "from", "of", "within"}
_PLACE_TYPES = {EntityType.LOCATION}


def _claim(ctx: SentenceContext, trigger: Token, kind: ClaimKind, outcome: str | None,
           evidence_tokens: list, **roles) -> Claim:
    q = roles.get("quantity")
    extra = [(q.start, q.end)] if q is not None else []
    claim = Claim(kind=kind, outcome=outcome, evidence=[ctx.evidence([trigger, *evidence_tokens], extra)],
                  attribution=ctx.attribution, trigger=trigger.text, **roles)
    if claim.location is None and kind is not ClaimKind.SUPPLY:
        parties = [p for p in (claim.agent, claim.affected, claim.recipient) if p is not None]
        claim.location = ctx.place_for(trigger, exclude=[(p.start, p.end) for p in parties])
        if claim.location is None and kind in _SCENE_KINDS:
            claim.location = ctx.scene_before()
    if claim.time is None:
        claim.time = ctx.time_for(trigger)
    return claim


def _item(ctx: SentenceContext, head: Token) -> Mention:
    phrase = noun_phrase(head)
    start, end = ctx.base + phrase.start_char, ctx.base + phrase.end_char
    return Mention(start, end, phrase.text, EntityType.WEAPON, source="claim")


def _owner(ctx: SentenceContext, head: Token) -> Party | None:
    """The side that owns an item: an organisation or nationality among its modifiers."""
    phrase = noun_phrase(head)
    found = ctx.mentions_in(phrase, {EntityType.ORGANISATION, EntityType.NATIONALITY, EntityType.LOCATION})
    if not found:
        return None
    m = found[0]
    return Party(text=m.text, start=m.start, end=m.end, country=m.country or country_of(m.text))


def _is_place(ctx: SentenceContext, head: Token) -> bool:
    span = noun_phrase(head)
    lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
    if any(lo <= p.start and p.end <= hi for p in ctx.places):
        return True
    return bool(ctx.mentions_in(span, _PLACE_TYPES)) and not is_person(head)


# --- casualties and equipment --------------------------------------------------------------

def _victims(trigger: Token) -> tuple[list[Token], Token | None]:
    """(the heads that suffered, the agent) for killing/wounding/destroying triggers."""
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("acl", "amod") and trigger.head.like_num:
        return [trigger.head], by_agent(trigger)  # "with about 200 killed or wounded"
    if trigger.pos_ in ("VERB", "AUX"):
        subject = first_child(trigger, "nsubj")
        if subject is not None and subject.like_num and first_child(trigger, "dobj") is None:
            return [subject], None  # "with about 200 killed": a figure of people, not a killer
        victim = passive_subject(trigger)
        if victim is None and trigger.dep_ == "conj" and first_child(trigger, "dobj", "nsubj") is None:
            victim = passive_subject(trigger.head)
        if victim is not None:
            return conjuncts(victim), by_agent(trigger)
        if trigger.lemma_ in ("die", "perish"):
            subj = subject_of(trigger)
            return ([subj] if subj is not None else []), None
        obj = first_child(trigger, "dobj")
        if obj is None and trigger.lower_ in ("shot", "shoot") :
            obj = first_child(trigger, "dobj")
        return (conjuncts(obj) if obj is not None else []), subject_of(trigger)
    if trigger.pos_ == "ADJ":  # "12 soldiers dead"
        return ([trigger.head] if trigger.head.pos_ in _NOUN else []), None
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


_COUNT_WORDS = {"thousand", "hundred", "dozen", "score", "ten", "million", "number", "dozens", "hundreds", "thousands", "tens", "scores"}


def counted(head: Token) -> Token:
    """The counted noun of "thousands of fighters", "200 of them"; else the head itself."""
    if head.like_num or head.lower_ in _COUNT_WORDS or head.lemma_.lower() in _COUNT_WORDS:
        of = prep_objects(head, {"of"})
        if of:
            return of[0]
    return head


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


def _object_of_loss(noun: Token) -> bool:
    node = noun
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_ in ("destroy", "damage", "capture", "seize", "lose")


def casualties(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger):
        return []
    joint = _joint_harm(trigger)
    if joint == "second":
        return []
    if joint == "first":
        rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
    heads, agent = _victims(trigger)
    if agent is not None and agent.pos_ == "PRON":
        agent = None  # "they killed ...": the pronoun names no side by itself
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
            quantity = ctx.single(head)
            if quantity is None:
                continue
        if quantity is None and named:
            quantity = ctx.one(named[0].start, named[0].end, named[0].text)
        if rule.lemma == "capture" and _is_place(ctx, head):
            continue
        affected = ctx.party(head) if head is not trigger and not bare else None
        if bare and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            sufferer = subject_of(trigger.head.head)  # "soldiers have suffered losses, with 200 killed"
            if sufferer is not None and (is_person(sufferer) or is_force(sufferer)):
                affected = ctx.party(sufferer)
        if affected is not None and affected.country is None and not named:
            affected = _side_against(ctx, head) or affected
        claims.append(_claim(
            ctx, trigger, ClaimKind.CASUALTIES, rule.outcome,
            [head, agent], quantity=quantity, affected=affected, agent=ctx.party(agent),
            weapon=ctx.weapon_for([trigger, agent] if agent is not None else [trigger]),
        ))
    return claims


def equipment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.pos_ not in ("VERB", "AUX"):
        return []
    heads, agent = _victims(trigger)
    outcome = {"capture": "captured", "seize": "captured"}.get(rule.lemma, rule.outcome)
    claims: list[Claim] = []
    owner: Party | None = None
    for head in heads:
        if is_person(head) or _is_place(ctx, head) or head.pos_ not in _NOUN + ("NUM",):
            continue
        quantity = ctx.quantity_of(head) or ctx.single(head)
        platform = ctx.mentions_in(noun_phrase(head), {EntityType.WEAPON, EntityType.MILITARY_PLATFORM})
        if quantity is None and not platform:
            continue
        owner = _owner(ctx, head) or owner
        claim = _claim(
            ctx, trigger, ClaimKind.EQUIPMENT_LOSS, outcome, [head, agent],
            quantity=quantity, item=_item(ctx, head), affected=owner, agent=ctx.party(agent),
        )
        if claims:  # a later item of a list is evidenced by its own words ("two tactical vehicles")
            phrase = noun_phrase(head, keep_numbers=True)
            claim.evidence = [ctx.evidence([phrase], [(quantity.start, quantity.end)] if quantity else [])]
        claims.append(claim)
    return claims


# --- attacks ---------------------------------------------------------------------------------

def attack(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.dep_ == "compound":
        return []
    if trigger.pos_ in _NOUN and _object_of_loss(trigger):
        return []  # "destroyed 967 vehicle bombs": the bombs are the loss, not an attack
    agent = target = None
    quantity = None
    if trigger.pos_ in ("VERB", "AUX"):
        if rule.lemma in ("hit", "target", "fire", "launch") and not (
            first_child(trigger, "dobj") or passive_subject(trigger)
        ):
            return []
        target = passive_subject(trigger) or first_child(trigger, "dobj")
        if trigger.dep_ == "pcomp" and trigger.head.head.lemma_ in ("accuse", "blame"):
            agent = first_child(trigger.head.head, "dobj")  # "Syria accused Israel of bombarding ..."
        elif passive_subject(trigger) is not None:
            agent = by_agent(trigger)
        else:
            agent = subject_of(trigger)
        if rule.lemma in ("fire", "launch"):  # "fired missiles ... striking Sabboura": missiles are the weapon
            fired = first_child(trigger, "dobj")
            if fired is None or not (ctx.weapon_for([fired]) or fired.lemma_.lower() in _PROJECTILES):
                return []
            target = None
    else:
        if rule.lemma in ("hit", "target", "fire", "launch"):
            return []
        modifiers = [c for c in trigger.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        for mod in modifiers:
            if country_of(mod.text) or ctx.mentions_in(mod.doc[mod.i : mod.i + 1], {EntityType.ORGANISATION, EntityType.NATIONALITY}):
                agent = mod
                break
        agent = agent or by_agent(trigger)
        targets = [t for t in prep_objects(trigger, {"on", "against"}) if not ctx.is_time(t)]
        target = targets[0] if targets else None
        if trigger.dep_ in ("dobj",) and trigger.head.lemma_ in ("conduct", "carry", "launch", "stage", "mount", "make"):
            agent = agent or subject_of(trigger.head)
        quantity = ctx.quantity_of(trigger)
        if agent is None and target is None and quantity is None:
            if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ in ("hit", "target", "strike", "kill", "destroy"):
                target = first_child(trigger.head, "dobj")
            if target is None:
                return []
    if agent is not None and (agent.lemma_ in ("it", "that", "which") or agent.pos_ == "PRON" and agent.lower_ not in ("they",)):
        agent = None
    agent_party = ctx.party(agent)
    if agent is not None and agent.lower_ in ("strike", "strikes", "airstrike", "airstrikes"):
        agent_party = None
    target_party = ctx.party(target)
    if target_party is not None and target is not None and target.pos_ not in _NOUN:
        target_party = None
    named_agent = agent_party is not None and (
        agent_party.country or ctx.mentions_in(noun_phrase(agent), {EntityType.ORGANISATION, EntityType.PERSON})
    )
    if target_party is None and quantity is None and not named_agent and ctx.place_for(trigger) is None:
        return []  # "nations which have conducted strikes": no one, nothing, nowhere
    weapon = ctx.weapon_for([trigger] + ([agent] if agent is not None else []))
    if weapon is None and trigger.pos_ in _NOUN:
        phrase = noun_phrase(trigger)
        weapon = Mention(ctx.base + phrase.start_char, ctx.base + phrase.end_char, phrase.text, EntityType.WEAPON, source="claim")
    return [_claim(ctx, trigger, ClaimKind.ATTACK, None, [agent, target],
                   quantity=quantity, agent=agent_party, target=target_party, weapon=weapon)]


# --- forces and supplies --------------------------------------------------------------------

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
        return [_claim(ctx, trigger, ClaimKind.DEPLOYMENT, "deployed", [forces],
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
    claim = _claim(ctx, trigger, ClaimKind.DEPLOYMENT, rule.outcome, [personnel, agent],
                   quantity=quantity, agent=agent_party, location=location)
    return [claim]


def supply(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or rule.lemma in ("include", "arm"):
        return []
    agent = recipient = item = None
    if trigger.pos_ in _NOUN and trigger.lemma_ in ("supplier", "supply", "delivery"):
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
    if agent is not None and (agent.lemma_.lower() in _PROJECTILES or ctx.weapon_for([agent]) is not None):
        return []  # "aircraft delivered 24 munitions" is an attack, not a supply
    return [_claim(ctx, trigger, ClaimKind.SUPPLY, None, [agent, recipient, item],
                   agent=ctx.party(agent), recipient=ctx.party(recipient), item=_item(ctx, item),
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
            agent=previous.agent, recipient=previous.recipient, item=_item(ctx, head),
            quantity=ctx.quantity_of(head), attribution=ctx.attribution, trigger=trigger.text,
        ))
    return claims


# --- territory and displacement ---------------------------------------------------------------

def territory(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.dep_ in ("acl", "amod"):
        return []  # "equipment captured near Palmyra" describes the equipment
    obj = passive_subject(trigger) or first_child(trigger, "dobj")
    places_in = []
    for head in ([obj] if obj is not None else []) + prep_objects(trigger, _LOCATIVE):
        span = head.doc[head.left_edge.i : head.right_edge.i + 1]
        lo, hi = ctx.base + span.start_char, ctx.base + span.end_char
        places_in.extend(p for p in ctx.places if lo <= p.start and p.end <= hi)
    if not places_in:
        return []
    if obj is not None and not _is_place(ctx, obj) and rule.lemma not in ("advance",):
        return []
    agent = by_agent(trigger) if passive_subject(trigger) is not None else subject_of(trigger)
    return [_claim(ctx, trigger, ClaimKind.TERRITORY, rule.outcome, [obj, agent],
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
    return [_claim(ctx, trigger, ClaimKind.DISPLACEMENT, None, [people],
                   quantity=quantity, affected=ctx.party(people) if people is not trigger else None)]


RULES: dict[ClaimKind, Rule] = {
    ClaimKind.CASUALTIES: casualties,
    ClaimKind.EQUIPMENT_LOSS: equipment,
    ClaimKind.ATTACK: attack,
    ClaimKind.DEPLOYMENT: deployment,
    ClaimKind.SUPPLY: supply,
    ClaimKind.TERRITORY: territory,
    ClaimKind.DISPLACEMENT: displacement,
}
