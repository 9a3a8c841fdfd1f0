"""Supplies: weapons, aid, money or fighters provided by one party to another.

Forms read: a verb with the item as object and the recipient after "to"/"for" or as dative
("provided 24,000 masks to the Peshmerga", "delivered 40 interceptors to", "handed over
40,000 rounds", "shipped components to"), with the recipient as object and the item after
"with" ("supplied Russia with 5 million shells"), the recipient as subject and the supplier
after "from" ("Russia has received drones from Iran"), nouns of supply ("a shipment of",
"seven airdrops of humanitarian aid"), and money: a sum given, granted, contributed,
committed or packaged ("an additional $15 million contribution to", "a grant of $530,000
to", "contributed more than $4 million to", "9 billion euros committed", "responded with
$135 million for humanitarian assistance", "a package worth 650 million euros"); money has
its value in units. Every listed item with its own figure is a claim. Plans, negations and
munitions "delivered" by aircraft against a target (an attack) carry no claim.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.parties import is_person, noun_phrase
from fogofwar.claims.rules.common import (
    NOUN_TAGS,
    PROJECTILES,
    item_mention,
    make_claim,
)
from fogofwar.claims.rules.forces import deployment
from fogofwar.claims.tree import (
    children,
    conjuncts,
    first_child,
    is_hypothetical,
    prep_objects,
    subject_of,
    under_without,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.data_files import read_tsv
from fogofwar.language.quantities import MONEY_UNITS
from fogofwar.models import Claim, ClaimKind, EntityType, Quantity

# units a supplied amount may carry: money, and weights or volumes of goods ("10,000 tonnes of food")
_GOODS_UNITS = {"t", "kg", "l"}
# nouns that measure a supply; the thing supplied is their "of" object
_MEASURES = {"tonne", "ton", "tons", "tonnes", "shipment", "consignment", "batch", "truckload", "load",
             "lot", "set", "crate", "pallet", "box", "convoy", "airdrop", "delivery", "cargo", "round"}
# triggers told only of money ("a $15 million contribution", "9 billion euros committed")
_MONEY_TRIGGERS = {"contribute", "contribution", "grant", "donate", "donation", "commit", "respond",
                   "package", "pledge", "fund", "allocate"}
# verbs whose object is the thing moved but that only mean a supply with a recipient
_NEED_RECIPIENT = {"send", "ship", "give"}
# verbs that move goods to a side without naming it ("smuggling weapons, money and fighters across the border")
# who delivers munitions in an attack
_STRIKERS = {"aircraft", "jet", "plane", "warplane", "bomber", "fighter", "drone", "helicopter", "airstrike",
             "strike", "sortie", "coalition"}
_DELIVERED_IN_ATTACKS = PROJECTILES | {"weapon", "ordnance", "payload", "munition", "bomb", "blow", "strike"}


def supply(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if rule.lemma in ("include", "arm"):
        return []
    if trigger.pos_ in NOUN_TAGS and trigger.dep_ in ("nsubj", "nsubjpass"):
        # "The grant of $530,000 to X will support conservation work": the grant is made,
        # its use is to come; only the noun's own modifiers can make it hypothetical
        if any(c.dep_ == "neg" or c.lower_ in ("planned", "proposed", "possible") for c in trigger.children):
            return []
    elif is_hypothetical_supply(trigger, rule):
        return []
    if under_without(trigger):
        return []
    lemma = rule.lemma
    if lemma in _MONEY_TRIGGERS or trigger.lemma_.lower() in _MONEY_TRIGGERS:
        return _money(trigger, rule, ctx)
    if trigger.pos_ in NOUN_TAGS and trigger.dep_ == "pobj" and trigger.head.lower_ == "in":
        return _sum_in_aid(trigger, ctx)
    if lemma in _ARRIVING:
        return _convoy(trigger, ctx)
    if lemma == "hand" and not (trigger.i + 1 < len(trigger.doc) and trigger.doc[trigger.i + 1].lower_ in ("over", "out")):
        return []  # "handed over 40,000 rounds" ("over" may be read as a hedge of the figure)
    if lemma == "give" and any(c.dep_ == "prt" for c in trigger.children):
        return []  # "gave up their weapons"
    agent = recipient = None
    items: list[Token] = []
    withs: list[Token] = []
    if trigger.pos_ in NOUN_TAGS and trigger.lemma_.lower() in ("supplier", "supply", "delivery", "airdrop", "shipment"):
        if any(a.lemma_.lower() in _SUPPLY_VERBS for a in list(trigger.ancestors)[:3]):
            return []  # "delivered two helicopters and a shipment of vehicles": the verb's claim
        owner = first_child(trigger, "poss")
        recipients = prep_objects(trigger, {"to", "for"})
        recipient = recipients[0] if recipients else owner
        of = prep_objects(trigger, {"of"})
        if not of:
            return []
        items = [of[0]]
        node = trigger.head if trigger.dep_ in ("attr", "dobj") else None
        agent = subject_of(node) if node is not None else None
        if trigger.lemma_.lower() == "airdrop":
            # "conducted seven airdrops of humanitarian aid": the airdrops are counted
            q = ctx.quantity_of(trigger)
            return _claims(ctx, trigger, agent, recipient, [of[0]], {of[0].i: q} if q else {})
    elif trigger.tag_ == "VBG" and trigger.dep_ == "compound" and trigger.head.pos_ in NOUN_TAGS:
        # "assisted in smuggling weapons, money and fighters": the gerund read as a modifier
        items = [trigger.head]
        verb = trigger.head.head.head if trigger.head.dep_ == "pobj" else trigger.head.head
        agent = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        recipient = _recipient(trigger, trigger.head)
    elif trigger.pos_ in ("VERB", "AUX") or first_child(trigger, "dobj") is not None:
        # (a noun with a direct object is a verb the tagger missed: "Pyongyang aids Moscow with ...")
        agent = subject_of(trigger) or first_child(trigger, "compound", "nsubj")
        obj = first_child(trigger, "dobj")
        withs = prep_objects(trigger, {"with"}) or (prep_objects(obj, {"with"}) if obj is not None else [])
        if lemma == "receive":
            if any(t.lemma_.lower() in _HOSTILE for t in trigger.doc[trigger.i + 1 : trigger.i + 12]):
                return []  # "continued to receive heavy machine gun fire": an attack
            # "Russia has received drones from Iran": the subject is the recipient
            suppliers = prep_objects(trigger, {"from"})
            agent, recipient = (suppliers[0] if suppliers else None), subject_of(trigger)
            items = [obj] if obj is not None else []
        elif withs:
            items, recipient = [withs[0]], obj
        else:
            items = [obj] if obj is not None else []
            recipient = _recipient(trigger, obj)
        if lemma == "aid" and not withs:
            return []
        if lemma in _NEED_RECIPIENT and recipient is None:
            return []
    else:
        return []
    if not items:
        return []
    if agent is not None and (agent.lemma_.lower() in PROJECTILES | _STRIKERS or ctx.weapon_for([agent]) is not None
                              and agent.lemma_.lower() not in ("country", "state") and not agent.ent_type_ in ("GPE", "NORP", "ORG")):
        return []  # "aircraft delivered 24 munitions" is an attack, not a supply
    if lemma == "deliver" and _delivered_in_attack(trigger, items[0], recipient):
        return []
    return _claims(ctx, trigger, agent, recipient, [x for i in items for x in conjuncts(i)], {},
                   people_allowed=lemma not in _NEED_RECIPIENT | {"deliver"})


def _claims(ctx: SentenceContext, trigger: Token, agent: Token | None, recipient: Token | None,
            heads: list[Token], figures: dict[int, Quantity], people_allowed: bool = True) -> list[Claim]:
    """One claim per listed item with its own figure; items without a figure make one claim."""
    claims: list[Claim] = []
    seen: set = set()
    for head in heads:
        item = _measured(head)
        if item is None or is_person(item) and not (people_allowed and withs_people(item)):
            continue
        if item.lemma_.lower() in _NOT_SUPPLIES or not _suppliable(ctx, item):
            continue
        if any(c.dep_ == "det" and c.lower_ == "no" for c in (*item.children, *head.children)):
            continue  # "have received no aid"
        quantity = figures.get(item.i) or ctx.quantity_of(item) or ctx.quantity_of(head) or _amount(ctx, head) \
            or (_amount(ctx, head, MONEY_UNITS) if item is not head else None)
        key = (quantity.value, quantity.vague) if quantity is not None else None
        if key in seen:
            continue
        seen.add(key)
        claims.append(make_claim(ctx, trigger, ClaimKind.SUPPLY, None, [agent, recipient, head],
                                 agent=ctx.party(agent), recipient=ctx.party(recipient),
                                 item=item_mention(ctx, item), quantity=quantity))
    return claims


def _measured(head: Token) -> Token:
    """The thing a measure counts: "10,000 tonnes of food" -> food, "$64 billion in military
    aid" -> aid; else the head."""
    if head.lemma_.lower() in _MEASURES or head.lower_ in _MEASURES:
        of = prep_objects(head, {"of"})
        if of:
            return of[0]
    ins = prep_objects(head, {"in"})
    if not ins and head.dep_ == "dobj" and head.like_num:  # "received $64 billion in assistance"
        ins = prep_objects(head.head, {"in"})
    in_aid = [o for o in ins if o.lemma_.lower() in _AID_NOUNS]
    return in_aid[0] if in_aid else head


# what aid arrives in ("168 aid trucks entered Gaza", "a convoy of 17 trucks reached Zamzam camp")
_ARRIVING = {"enter", "reach", "arrive"}
_CARRIERS = {"truck", "lorry", "convoy", "vehicle", "shipment", "ship", "plane", "flight", "airlift"}


def _convoy(trigger: Token, ctx: SentenceContext) -> list[Claim]:
    """Aid told by the vehicles that carry it into a place: "A total of 915 aid trucks entered
    the Gaza Strip", "A convoy of 17 trucks carrying medical supplies reached Zamzam camp"."""
    if trigger.pos_ not in ("VERB", "AUX") or is_hypothetical(trigger):
        return []
    subject = subject_of(trigger)
    if subject is None:
        return []
    carriers = subject
    if subject.lemma_.lower() in ("convoy", "total", "number"):  # "a total of 915 aid trucks"
        carriers = next(iter(prep_objects(subject, {"of"})), subject)
    if carriers.lemma_.lower() not in _CARRIERS:
        return []
    quantity = ctx.quantity_of(carriers) or ctx.quantity_of(subject)
    carried = [o for c in carriers.children if c.dep_ == "acl" and c.lemma_ == "carry"
               for o in children(c, "dobj")]  # "trucks carrying medical supplies"
    aid = any(t.lemma_.lower() in ("aid", "humanitarian", "relief") for t in carriers.subtree) or carried
    if quantity is None or not aid:
        return []  # "three vehicles entered the town": forces, not aid
    where = (first_child(trigger, "dobj") if trigger.lemma_ in ("enter", "reach") else None) or next(
        iter(prep_objects(trigger, {"in", "at", "to", "into"})), None)
    places = ctx.places_under(where) if where is not None else []
    if not places:
        return []
    item = carried[0] if carried else carriers
    return [make_claim(ctx, trigger, ClaimKind.SUPPLY, None, [subject, where], recipient=ctx.party(where),
                       item=item_mention(ctx, item), quantity=quantity)]


# verbs that give a sum without being verbs of supply themselves
_GRANTING = {"announce", "approve", "unveil", "release", "authorize", "authorise", "disburse", "allocate",
             "earmark", "pledge", "spend", "channel", "extend", "award"}
# what a sum is given in: "$2.5 billion in military aid", "€500 million in assistance"
_AID_NOUNS = {"aid", "assistance", "support", "funding", "weapon", "arm", "equipment", "loan", "grant"}


def _sum_in_aid(trigger: Token, ctx: SentenceContext) -> list[Claim]:
    """"Washington announced nearly $2.5 billion in additional military aid for Ukraine": a sum
    of money given in aid, told by the verb of the sum (a supply verb tells it itself)."""
    amount = trigger.head.head
    quantity = _amount(ctx, amount, MONEY_UNITS)
    if quantity is None:
        return []
    verb = amount.head if amount.dep_ in ("dobj", "nsubjpass", "attr", "appos") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _GRANTING:
        return []  # "provided $1 billion in aid": the verb's own claim; "needs $3 billion in aid": none
    if is_hypothetical(verb) or under_without(verb):
        return []
    recipients = prep_objects(trigger, {"to", "for"}) or prep_objects(amount, {"to", "for"}) \
        or prep_objects(verb, {"to", "for"})
    recipient = recipients[0] if recipients else None
    agent = subject_of(verb)
    agent = ctx.agent_naming_a_side(agent)
    return [make_claim(ctx, trigger, ClaimKind.SUPPLY, None, [amount, agent, recipient],
                       agent=ctx.party(agent), recipient=ctx.party(recipient),
                       item=item_mention(ctx, trigger), quantity=quantity)]


def _amount(ctx: SentenceContext, head: Token, units: Collection[str] = _GOODS_UNITS) -> Quantity | None:
    """A figure with one of ``units`` that opens the head's phrase: goods ("10,000 tonnes of
    food"), or a sum of money (``MONEY_UNITS``: "more than $64 billion in military aid")."""
    start, end = ctx.base + head.left_edge.idx, ctx.base + head.idx + len(head.text)
    return next((q for q in ctx.quantities if q.unit in units and start <= q.start < end), None)


def _recipient(trigger: Token, obj: Token | None) -> Token | None:
    recipients = prep_objects(trigger, {"to", "for"}) or children(trigger, "dative")
    if not recipients and obj is not None:
        for c in conjuncts(obj):  # "a shipment of armoured vehicles to Niger's military government"
            recipients = prep_objects(c, {"to"})
            if recipients:
                break
    recipients = [r for r in recipients if r.pos_ != "PRON" or r.lower_ not in ("it", "this", "that")]
    return recipients[0] if recipients else None


def _delivered_in_attack(trigger: Token, item: Token, recipient: Token | None) -> bool:
    """"conducted five airstrikes, delivering 101 munitions"; "aircraft delivering dozens of weapons
    against a group of buildings": munitions dropped on a target."""
    if prep_objects(trigger, {"against"}):
        return True
    thing = item
    if thing.like_num or thing.lower_ in ("dozens", "hundreds", "scores"):
        of = prep_objects(thing, {"of"})
        thing = of[0] if of else thing
    return recipient is None and thing.lemma_.lower() in _DELIVERED_IN_ATTACKS | {"dozens", "hundreds"}


def _money(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    """A sum given: the money figure next to the trigger, the giver its clause's subject."""
    money = _money_near(ctx, trigger)
    if money is None:
        return []
    if trigger.pos_ in NOUN_TAGS:
        verb = trigger.head if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else None
        if trigger.dep_ == "pobj" and trigger.head.head.pos_ == "NOUN":
            verb = None  # "as part of a package worth 650 million euros": the package's own verb
            node = trigger.head.head
            while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
                node = node.head
            verb = node if node.pos_ in ("VERB", "AUX") else None
        if verb is not None and verb.pos_ in ("VERB", "AUX") and trigger.dep_ not in ("nsubj", "nsubjpass") and is_hypothetical(verb):
            return []
        if trigger.tag_ == "NNS" and rule.lemma != "package":
            return []  # "contributions" in general
        agent = first_child(trigger, "poss")
        if agent is None and verb is not None and trigger.dep_ != "nsubj":
            agent = subject_of(verb)
        if agent is None:
            compounds = [c for c in trigger.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            agent = compounds[0] if compounds else None
    elif trigger.dep_ == "acl" or trigger.dep_ == "conj" and trigger.lemma_ == "commit":
        # "with over 9 billion euros committed": the giver is the sentence's subject
        root = trigger
        while root.head.i != root.i:
            root = root.head
        agent = first_child(root, "nsubj")
    else:
        if rule.lemma == "respond" and not prep_objects(trigger, {"with"}):
            return []
        agent = subject_of(trigger)
    agent = ctx.agent_naming_a_side(agent)
    recipients = prep_objects(trigger, {"to", "for"})
    recipients = [r for r in recipients if r.lemma_.lower() not in _NOT_RECIPIENTS]
    recipient = recipients[0] if recipients else None
    return [make_claim(ctx, trigger, ClaimKind.SUPPLY, None, [agent, recipient],
                       agent=ctx.party(agent), recipient=ctx.party(recipient), quantity=money)]


_SUPPLY_VERBS = {"deliver", "provide", "supply", "send", "ship", "give", "hand", "transfer", "receive"}
_HOSTILE = {"fire", "shelling", "attack", "strike", "blow", "hit", "threat", "criticism", "casualty"}
_NOT_RECIPIENTS = {"assistance", "aid", "work", "relief", "effort", "project", "reconstruction", "conservation"}


def _money_near(ctx: SentenceContext, trigger: Token) -> Quantity | None:
    """A sum of money within three words of the trigger, in its phrase: "$15 million contribution",
    "grant of $530,000", "contributed $4 million", "package worth 650 million euros", "euros committed"."""
    doc = trigger.doc
    lo = doc[max(trigger.i - 6, 0)]
    hi = doc[min(trigger.i + 6, len(doc) - 1)]
    window = (ctx.base + lo.idx, ctx.base + hi.idx + len(hi.text))
    at = ctx.base + trigger.idx
    found = [q for q in ctx.quantities if q.unit in MONEY_UNITS and window[0] <= q.start and q.end <= window[1]]
    close = []
    for q in found:
        between = [t for t in doc if (q.end <= ctx.base + t.idx < at) or (at < ctx.base + t.idx and ctx.base + t.idx + len(t.text) <= q.start)]
        words = [t for t in between if not t.is_punct or t.text == "$"]
        if any(t.text in (";", ".") or t.lower_ in ("and", "but", "while", "which") for t in between):
            continue
        if len([t for t in words if t.lower_ not in ("$", "of", "with", "worth", "over", "more", "than", "about", "around", "nearly", "almost", "some", "additional", "an", "a", "the", "new", "for", "to")]) <= 1:
            close.append(q)
    if not close:
        return None
    return min(close, key=lambda q: abs(q.start - at))


def is_hypothetical_supply(trigger: Token, rule: Trigger) -> bool:
    if rule.lemma == "commit" and trigger.dep_ in ("acl", "conj", "ROOT", "ccomp") and trigger.lower_ == "committed":
        # "committed" is read as a modal ("committed to fighting"); a sum committed is a gift
        return any(c.dep_ == "neg" for c in trigger.children) or any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "may", "might") for c in trigger.children)
    return is_hypothetical(trigger)


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
        item = _measured(head)  # "$1.25 billion in weapons": weapons worth a sum
        claims.append(Claim(
            kind=ClaimKind.SUPPLY, outcome=None, evidence=[ctx.evidence([noun_phrase(head)])],
            agent=previous.agent, recipient=previous.recipient, item=item_mention(ctx, item),
            quantity=ctx.quantity_of(head) or (_amount(ctx, head, MONEY_UNITS) if item is not head else None),
            attribution=ctx.attribution, trigger=trigger.text,
        ))
    return claims
