"""Casualties and equipment losses: who or what was killed, wounded, captured, destroyed or damaged."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from fogofwar.claims.context import (
    SentenceContext,
    by_agent,
    children,
    conjuncts,
    first_child,
    is_hypothetical,
    nearest_passive_subject,
    nearest_subject,
    prep_objects,
    subject_of,
)
from fogofwar.claims.lists import listed_items
from fogofwar.claims.parties import is_force, is_person, noun_phrase
from fogofwar.claims.rules.common import (
    COUNT_WORDS,
    NOUN_TAGS,
    counted,
    is_place,
    item_mention,
    make_claim,
    owner_of,
)
from fogofwar.claims.triggers import Trigger
from fogofwar.language.countries import country_of
from fogofwar.models import Attribution, Claim, ClaimKind, EntityType, Party


def _victims(trigger: Token) -> tuple[list[Token], Token | None]:
    """(the heads that suffered, the agent) for killing/wounding/destroying triggers."""
    toll = _toll_figures(trigger)
    if toll:  # "the death toll rose to 23", "put its losses at 40", "59 of the deaths"
        return toll, None
    if trigger.dep_ == "oprd" and trigger.pos_ == "ADJ":
        # "left 311 people dead", "are feared dead": the object, or the subject of a passive
        victim = nearest_passive_subject(trigger.head) or first_child(trigger.head, "dobj")
        return ([victim] if victim is not None else []), None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "among" and trigger.head.head.lemma_ == "be":
        verb = trigger.head.head  # "Among the wounded were six children"
        return [c for c in children(verb, "nsubj", "attr") if c.pos_ in NOUN_TAGS + ("NUM",)][:1], None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and (
        trigger.head.head.lemma_.lower() in COUNT_WORDS and trigger.head.head.pos_ in ("NOUN", "NUM")
        and not _dies(trigger.head.head)
    ):  # "Dozens of wounded were taken to hospital", not "dozens of the wounded died"
        return [trigger.head.head], None
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "as" and trigger.head.head.pos_ == "VERB":
        victim = nearest_passive_subject(trigger.head.head)  # "they were listed as missing"
        return ([victim] if victim is not None else []), None
    if trigger.pos_ in NOUN_TAGS and trigger.lemma_ == "prisoner" and trigger.head.lemma_ == "take":
        # "Two soldiers were taken prisoner", "took 14 marines prisoner"
        verb = trigger.head
        victim = nearest_passive_subject(verb) or next(
            (c for c in children(verb, "dobj", "dative") if c.i != trigger.i), None)
        if victim is not None:
            return conjuncts(victim), (by_agent(verb) if nearest_passive_subject(verb) is not None else subject_of(verb))
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("acl", "amod") and (
        trigger.head.like_num or is_person(trigger.head)
    ):  # "with about 200 killed or wounded", "with at least ten people killed"
        return conjuncts(trigger.head), by_agent(trigger)
    if trigger.pos_ in ("VERB", "AUX"):
        subject = first_child(trigger, "nsubj")
        reduced = trigger.tag_ == "VBN" and first_child(trigger, "aux", "auxpass") is None
        if subject is not None and (subject.like_num or reduced) and first_child(trigger, "dobj") is None:
            # "with about 200 killed", "with at least ten people killed": the people, not a killer
            return conjuncts(subject), None
        victim = nearest_passive_subject(trigger)
        if victim is None and trigger.dep_ == "conj" and first_child(trigger, "dobj", "nsubj") is None:
            victim = nearest_passive_subject(trigger.head)
        if victim is None and trigger.dep_ == "xcomp" and first_child(trigger, "dobj") is None and (
            first_child(trigger, "auxpass") is not None or trigger.lemma_ in ("die", "perish")
        ):  # "two people were believed to have been killed", "are thought to have died"
            victim = nearest_passive_subject(trigger.head)
        if victim is not None and victim.tag_ in ("WP", "WDT") and trigger.dep_ == "relcl":
            victim = trigger.head  # "a sergeant who was killed on Monday"
        if victim is not None:
            return conjuncts(victim), by_agent(trigger)
        if trigger.lemma_ in ("die", "perish", "surrender", "miss") or trigger.lower_ == "missing":
            subj = nearest_subject(trigger)
            return ([subj] if subj is not None else []), None
        obj = first_child(trigger, "dobj")
        if obj is None:  # "killed and injured camp residents": the object of the next verb
            obj = next((first_child(c, "dobj") for c in children(trigger, "conj")
                        if c.pos_ == "VERB" and first_child(c, "dobj") is not None), None)
        if obj is None:
            return [], subject_of(trigger)
        # "killed a commander and two of his aides": a figure the parse hangs on the verb
        stray = [c for c in children(trigger, "conj") if c.pos_ == "NUM" and prep_objects(c, {"of"})]
        return conjuncts(obj) + stray, nearest_subject(trigger)
    if trigger.pos_ == "ADJ" and first_child(trigger, "nsubj") is not None:
        return [first_child(trigger, "nsubj")], None  # "hundreds more surrendered" read as an adjective
    if trigger.pos_ == "ADJ":  # "12 soldiers dead"
        return ([trigger.head] if trigger.head.pos_ in NOUN_TAGS else []), None
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



def _dies(figure: Token) -> bool:
    """ "three of the wounded died": the figure is of a new fate, told by its own verb."""
    return figure.dep_ in ("nsubj", "nsubjpass") and figure.head.lemma_ in ("die", "kill", "perish", "succumb")


# nouns that hold a toll ("the death toll", "the number of dead") and verbs that give its figure
_TOLL_NOUNS = {"toll", "tally", "count", "number", "figure", "total"}
_TOLL_VERBS = {"rise", "climb", "reach", "stand", "put", "raise", "bring", "increase", "jump", "hit",
               "amount", "total", "number", "be", "grow", "soar", "mount", "set", "estimate", "include"}


def _toll_figures(trigger: Token) -> list[Token]:
    """The figure a toll is given: "the death toll rose to 23", "put the number of dead at 57",
    "put its own losses at 40", "the toll is 57", "accounted for 59 of the deaths"."""
    if trigger.pos_ not in NOUN_TAGS and not (trigger.pos_ in ("ADJ", "VERB") and trigger.dep_ == "pobj"):
        return []
    node = trigger
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.like_num and not _dies(node.head.head) and (
        trigger.lemma_ in ("death", "dead", "casualty", "fatality", "loss", "body")
    ):
        figure = node.head.head  # "59 of the deaths": the figure counts the dead
        out = [figure]
        if figure.dep_ == "pobj" and figure.head.dep_ == "prep":  # "... and the Donetsk region for 45"
            prep = figure.head
            out += [o for p in children(prep.head, "prep") if p.i != prep.i and p.lower_ == prep.lower_
                    for o in children(p, "pobj") if o.like_num]
        return out
    if node.dep_ == "compound" and node.head.lemma_ in _TOLL_NOUNS:
        node = node.head  # "the death toll"
    elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_ in _TOLL_NOUNS:
        node = node.head.head  # "the number of dead"
    elif trigger.lemma_ not in ("loss", "casualty", "death", "fatality"):
        return []
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return []
    verb = node.head
    if verb.lemma_ not in _TOLL_VERBS:
        return []
    if verb.lemma_ == "include":
        return [o for o in conjuncts(first_child(verb, "dobj")) ] if first_child(verb, "dobj") is not None else []
    found = prep_objects(verb, {"to", "at"})
    if not found and node.dep_ != "dobj":
        found = [c for c in children(verb, "attr", "dobj") if c.i != node.i]
    return [f for f in found[:1] if f.like_num or any(c.dep_ == "nummod" for c in f.children)]


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
    def shares_victims(verb: Token) -> bool:  # "46 people were killed and 85 wounded" does not
        return first_child(verb, "dobj", "nsubj", "nsubjpass") is None
    if (trigger.dep_ == "conj" and trigger.head.lemma_ in _HARM and trigger.head.lemma_ != trigger.lemma_
            and shares_victims(trigger)):
        return "second"
    if any(c.dep_ == "conj" and c.lemma_ in _HARM and c.lemma_ != trigger.lemma_ and shares_victims(c)
           for c in trigger.children):
        return "first"
    return None


def casualties(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger):
        return []
    if rule.lemma == "lose" and _lost_contact(trigger):
        # "lost contact with 11 soldiers": missing, not lost
        rule = Trigger(rule.kind, "missing", rule.lemma, rule.forms)
        heads, agent = prep_objects(first_child(trigger, "dobj"), {"with"}), None
        return _casualty_claims(ctx, trigger, rule, heads, None, None)
    series = _harm_series(trigger)
    if series:
        heads = [h for verb in series for h in children(verb, "dobj")]
        if any(_figure_of(ctx, h) is not None for h in heads):
            # "killed, captured or wounded 200 soldiers": one figure told of all, one claim
            if trigger.i != series[-1].i:
                return []
            rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
            return _casualty_claims(ctx, trigger, rule, conjuncts(heads[-1]), subject_of(series[0]), None)
    heads, agent = _victims(trigger)
    joint = _joint_harm(trigger)
    if joint is not None and heads and _figure_of(ctx, heads[0]) is not None:
        # "200 killed or wounded": one figure told of both, one claim
        if joint == "second":
            return []
        rule = Trigger(rule.kind, "killed_or_wounded", rule.lemma, rule.forms)
    elif joint == "second" and not heads:
        heads, agent = _victims(trigger.head)  # "killed and injured camp residents"
    if agent is not None and agent.pos_ == "PRON":
        agent = None  # "they killed ...": the pronoun names no side by itself
    loser = _loser(ctx, rule, agent) or _sufferer_of_noun(ctx, trigger)
    if loser is not None:
        agent = None
    return _casualty_claims(ctx, trigger, rule, heads, agent, loser) + _equipment_in_losses(ctx, trigger, rule)


# lemmas whose bare figure counts people ("200 killed", "six are still missing")
_OF_PEOPLE = {"kill", "wound", "injure", "die", "perish", "dead", "slay", "execute", "missing", "miss",
              "surrender", "kidnap", "abduct", "death", "fatality", "casualty", "loss", "body", "prisoner"}
_GROUP_PREPS = {"including", "among", "includes", "include"}
_UNSURE = {"potentially", "possibly", "perhaps", "maybe"}


def _casualty_claims(ctx: SentenceContext, trigger: Token, rule: Trigger, heads: list[Token],
                     agent: Token | None, loser: Party | None) -> list[Claim]:
    claims: list[Claim] = []
    tolls = {t.i for t in _toll_figures(trigger)}
    for counted_head in heads:
        head = counted(counted_head)
        if head.i != counted_head.i and (head.pos_ == "PRON" or head.i == trigger.i):
            head = counted_head  # "At least 100 of them have been killed", "Dozens of wounded": the figure
        quantity = ctx.quantity_of(head) or ctx.quantity_of(counted_head)
        if quantity is not None and _unsure(ctx, quantity):
            continue  # "potentially hundreds" is no figure
        named = ctx.mentions_in(noun_phrase(head), {EntityType.PERSON})
        vague_count = quantity is not None and quantity.vague is not None and head.lemma_.lower() in COUNT_WORDS
        bare = (head.like_num or vague_count) and (rule.lemma in _OF_PEOPLE or head.i in tolls)
        person = bare or _is_people(head) or bool(named) or head.lemma_ in ("casualty", "loss", "death")
        if not person:
            continue  # equipment, handled by the equipment rule
        if quantity is None and not named:
            quantity = ctx.single(head) or _one_person(ctx, head) or ctx.several(head)
            if quantity is None and not _told_of_an_event(trigger, head):
                continue
        if quantity is None and named:
            quantity = ctx.one(named[0].start, named[0].end, named[0].text)
        if rule.lemma == "capture" and is_place(ctx, head):
            continue
        affected = ctx.party(head) if head is not trigger and not bare else None
        if bare and trigger.dep_ == "pcomp" and trigger.head.lower_ == "with":
            sufferer = subject_of(trigger.head.head)  # "soldiers have suffered losses, with 200 killed"
            if sufferer is not None and (is_person(sufferer) or is_force(sufferer)):
                affected = ctx.party(sufferer)
        if affected is not None and affected.country is None and not named:
            affected = _side_against(ctx, head) or affected
        if loser is not None and (affected is None or affected.country is None):
            affected = loser if affected is None else replace(affected, country=loser.country)
        claim = make_claim(
            ctx, trigger, ClaimKind.CASUALTIES, rule.outcome,
            [head, agent], quantity=quantity, affected=affected, agent=ctx.party(agent),
            weapon=ctx.weapon_for([trigger, agent] if agent is not None else [trigger]),
        )
        if head.i in tolls and claims:  # "... and the Donetsk region for 45": its own words
            claim.evidence = [ctx.evidence([head.head, head], [(quantity.start, quantity.end)])]
        claims.append(claim)
        if quantity is not None and quantity.value is not None:
            for group, phrase in _groups_of(ctx, trigger, head):
                claims.extend(_group_claim(ctx, trigger, rule, group, phrase, agent, claim))
    if any(c.quantity is not None for c in claims):
        claims.extend(_counter_figures(ctx, trigger, rule, claims))
    return claims


_SAYING = {"say", "claim", "put", "estimate", "report", "give", "count", "place", "reckon", "insist"}
_FIGURE_NOUNS = {"figure", "number", "toll", "estimate", "count", "tally", "total"}


def _counter_figures(ctx: SentenceContext, trigger: Token, rule: Trigger, claims: list[Claim]) -> list[Claim]:
    """A counter-figure told by another side after the first, with no noun or verb of its own:
    "Russia says 1,400 were killed; Ukraine says 1,100", "..., while Kyiv put the figure at 1,100"."""
    out: list[Claim] = []
    verbs: list[Token] = []
    taken = {(c.quantity.start, c.quantity.end) for c in claims if c.quantity is not None}
    for tok in ctx.parse[trigger.i + 1 :]:
        if not tok.like_num or any(c.dep_ in ("prep", "nsubj", "acl", "relcl") for c in tok.children):
            continue
        verb = None
        if tok.dep_ in ("dobj", "attr", "ccomp") and tok.head.lemma_ in _SAYING:
            verb = tok.head  # "Ukraine says 1,100"
        elif tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.lemma_ in _SAYING and any(
            c.lemma_ in _FIGURE_NOUNS for c in children(tok.head.head, "dobj")
        ):
            verb = tok.head.head  # "Kyiv put the figure at 1,100"
        if verb is None or verb.i <= trigger.i:
            continue
        speaker = first_child(verb, "nsubj")
        if speaker is None or speaker.pos_ == "PRON":
            continue
        quantity = ctx.quantity_of(tok)
        if quantity is None or (quantity.start, quantity.end) in taken:
            continue
        claim = make_claim(ctx, trigger, ClaimKind.CASUALTIES, rule.outcome, [tok], quantity=quantity,
                           affected=claims[0].affected, agent=claims[0].agent)
        phrase = ctx.parse[speaker.left_edge.i : tok.i + 1]
        claim.evidence = [ctx.evidence([phrase], [(quantity.start, quantity.end)])]
        start, end = ctx.char_span(noun_phrase(speaker))
        claim.attribution = Attribution(ctx.sentence.index, ctx.doc.text[start:end], start, end,
                                        cue="reporting_verb", cue_text=verb.text)
        out.append(claim)
        verbs.append(verb)
    if out:  # the first figure is its own speaker's: "Russia says 1,400 were killed; Ukraine says ..."
        counter = {v.i for v in verbs}
        first = next((v for v in trigger.ancestors if v.lemma_ in _SAYING and v.i not in counter
                      and first_child(v, "nsubj") is not None), None)
        speaker = first_child(first, "nsubj") if first is not None else None
        if speaker is not None and speaker.pos_ != "PRON":
            start, end = ctx.char_span(noun_phrase(speaker))
            for c in claims:
                c.attribution = Attribution(ctx.sentence.index, ctx.doc.text[start:end], start, end,
                                            cue="reporting_verb", cue_text=first.text)
    return out


def _unsure(ctx: SentenceContext, quantity) -> bool:
    before = ctx.doc.text[max(ctx.sentence.start, quantity.start - 14) : quantity.start].split()
    return bool(before) and before[-1].lower() in _UNSURE


def _is_people(head: Token) -> bool:
    """People by their noun ("soldiers"), or by a plural demonym ("Palestinians", "Syrians")."""
    if is_person(head):
        return True
    return head.tag_ in ("NNS", "NNPS") and head.pos_ in NOUN_TAGS and head.text[:1].isupper() and bool(
        country_of(head.text)) and not is_force(head)


def _groups_of(ctx: SentenceContext, trigger: Token, head: Token) -> list[tuple[Token, Span | None]]:
    """The groups told within a toll, each with its own figure: "killed 53 people, including
    five children", "among them at least 130 children", "left 311 people dead: 183 fighters ...,
    100 soldiers and 28 civilians"."""
    found: list[tuple[Token, Span | None]] = []
    nodes = {head, trigger}
    if head.dep_ == "pobj":  # "rose to 23, including four children"
        nodes |= {head.head, head.head.head}
    for node in nodes:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _GROUP_PREPS:
                found += [(o, None) for obj in children(prep, "pobj") for o in conjuncts(obj)
                          if o.pos_ != "PRON"]
    doc = head.doc
    end = max(head.right_edge.i, trigger.i if trigger.dep_ == "oprd" else head.right_edge.i)
    if end + 2 < len(doc) and doc[end + 1].text == ":":
        found += [(item.head, item.phrase) for item in listed_items(doc[end + 2])]
    return found


# one person told within a toll is a claim of its own when of rank ("including a senior leader")
_RANKS = {"leader", "commander", "general", "chief", "colonel", "officer", "official", "emir", "deputy",
          "brigadier", "major", "lieutenant", "captain", "minister", "governor", "spokesman"}


def _group_claim(ctx: SentenceContext, trigger: Token, rule: Trigger, group: Token, phrase: Span | None,
                 agent: Token | None, whole: Claim) -> list[Claim]:
    if not (_is_people(group) or ctx.mentions_in(noun_phrase(group), {EntityType.PERSON})):
        return []
    if group.tag_ not in ("NNS", "NNPS") and group.lemma_.lower() not in _RANKS:
        return []  # "including one hostage who was beheaded": told of, not counted
    quantity = (ctx.quantity_in(phrase) if phrase is not None else None) or ctx.quantity_of(group) or ctx.single(group)
    if quantity is None or (quantity.value, quantity.vague) == (whole.quantity.value, whole.quantity.vague):
        return []
    claim = make_claim(ctx, trigger, ClaimKind.CASUALTIES, rule.outcome, [group],
                       quantity=quantity, affected=ctx.party(group), agent=whole.agent,
                       weapon=whole.weapon)
    words = phrase if phrase is not None else noun_phrase(group, keep_numbers=True)
    claim.evidence = [ctx.evidence([words], [(quantity.start, quantity.end)])]
    return [claim]


def _lost_contact(trigger: Token) -> bool:
    obj = first_child(trigger, "dobj")
    return obj is not None and obj.lemma_ == "contact" and bool(prep_objects(obj, {"with"}))


_SERIES = {"kill", "wound", "injure", "capture", "maim", "abduct", "kidnap"}


def _harm_series(trigger: Token) -> list[Token]:
    """Verbs of harm told in one run of the text ("killed, captured or wounded 200 soldiers"),
    read off the surface since the parse often breaks such runs; [] when there is no run."""
    if trigger.lemma_ not in _SERIES or trigger.pos_ not in ("VERB", "AUX"):
        return []
    doc = trigger.doc
    run = [trigger]
    i = trigger.i - 1
    while i >= 1 and (doc[i].text == "," or doc[i].pos_ == "CCONJ") and doc[i - 1].lemma_ in _SERIES:
        run.insert(0, doc[i - 1])
        i -= 2
    i = trigger.i + 1
    while i + 1 < len(doc):
        j = i + 1 if doc[i].text == "," and doc[i + 1].pos_ == "CCONJ" else i
        if (doc[i].text == "," or doc[i].pos_ == "CCONJ") and j + 1 < len(doc) and doc[j + 1].lemma_ in _SERIES:
            run.append(doc[j + 1])
            i = j + 2
        else:
            break
    if len(run) < 3 and not any(t.text == "," for t in doc[run[0].i : run[-1].i]):
        return []  # "killed and wounded": the parse reads these well enough
    return run if len({t.lemma_ for t in run}) > 1 else []


_SUFFERING = {"lose", "suffer"}


def _loser(ctx: SentenceContext, rule: Trigger, subject: Token | None) -> Party | None:
    """For "lose"/"suffer" the subject is the side that lost, not an agent ("Russia lost
    1,270 soldiers", "the brigade lost 12 tanks")."""
    if rule.lemma in _SUFFERING and subject is not None:
        return ctx.party(subject)
    return None


def _sufferer_of_noun(ctx: SentenceContext, trigger: Token) -> Party | None:
    """ "Russia suffered 300 casualties", "the unit sustained heavy losses": the subject."""
    verb = trigger.head
    if trigger.pos_ in NOUN_TAGS and trigger.dep_ == "dobj" and verb.lemma_ in _SUSTAIN:
        subject = subject_of(verb)
        if subject is not None and subject.pos_ != "PRON":
            return ctx.party(subject)
    return None


_SUSTAIN = {"suffer", "sustain", "incur", "take", "endure"}


def _figure_of(ctx: SentenceContext, head: Token):
    return ctx.quantity_of(counted(head)) or ctx.quantity_of(head)


def _one_person(ctx: SentenceContext, head: Token):
    """1 for "he"/"she": one person whose fate the sentence tells."""
    if head.lower_ in ("he", "she", "him", "her"):
        return ctx.one(ctx.base + head.idx, ctx.base + head.idx + len(head.text), head.text)
    return None


def _told_of_an_event(trigger: Token, head: Token) -> bool:
    """Victims with no figure are still a claim when the verb tells a past event of a plural
    group ("killed and injured camp residents", "an unknown number of soldiers died"), not a
    habit or a general statement ("attacks that kill civilians")."""
    return head.tag_ == "NNS" and trigger.tag_ in ("VBD", "VBN") and is_person(head)


def equipment(trigger: Token, rule: Trigger, ctx: SentenceContext) -> list[Claim]:
    if is_hypothetical(trigger) or trigger.pos_ not in ("VERB", "AUX"):
        return []
    heads, agent = _victims(trigger)
    outcome = {"capture": "captured", "seize": "captured"}.get(rule.lemma, rule.outcome)
    phrases: dict[int, Span] = {}
    obj = first_child(trigger, "dobj")
    if obj is not None:
        listed = listed_items(obj)
        if len(listed) > len(heads):  # the parse lost part of the list: trust the commas
            heads = [item.head for item in listed]
            phrases = {item.head.i: item.phrase for item in listed}
    heads = heads + _along_with(trigger)
    return _equipment_claims(ctx, trigger, rule, outcome, heads, agent, phrases, _loser(ctx, rule, agent))


def _along_with(trigger: Token) -> list[Token]:
    """Items added to a loss by "along with"/"together with"/"as well as": "lost 1,270 soldiers
    over the past day, along with 3 tanks, 5 armoured combat vehicles and 12 artillery systems"."""
    out: list[Token] = []
    for prep in children(trigger, "prep", "cc"):
        if prep.lower_ in ("along", "together"):
            out += [o for w in children(prep, "prep") if w.lower_ == "with" for obj in children(w, "pobj")
                    for o in conjuncts(obj)]
    return out


def _equipment_claims(ctx: SentenceContext, trigger: Token, rule: Trigger, outcome: str | None,
                      heads: list[Token], agent: Token | None, phrases: dict[int, Span],
                      loser: Party | None) -> list[Claim]:
    claims: list[Claim] = []
    owner: Party | None = None
    for head in heads:
        if _is_people(head) or is_place(ctx, head) or head.pos_ not in NOUN_TAGS + ("NUM",):
            continue
        phrase = phrases.get(head.i)
        quantity = ((ctx.quantity_in(phrase) if phrase is not None else None) or ctx.quantity_of(head)
                    or ctx.single(head) or ctx.several(head))
        platform = ctx.mentions_in(noun_phrase(head), {EntityType.WEAPON, EntityType.MILITARY_PLATFORM})
        if quantity is None and not platform:
            continue
        owner = owner_of(ctx, head) or loser or owner
        claim = make_claim(
            ctx, trigger, ClaimKind.EQUIPMENT_LOSS, outcome, [head, agent],
            quantity=quantity, item=item_mention(ctx, head), affected=owner,
            agent=None if rule.lemma in _SUFFERING else ctx.party(agent),
        )
        if claims or agent is None and trigger.pos_ in NOUN_TAGS:
            # a later item of a list is evidenced by its own words ("two tactical vehicles")
            phrase = phrase or noun_phrase(head, keep_numbers=True)
            claim.evidence = [ctx.evidence([phrase], [(quantity.start, quantity.end)] if quantity else [])]
        claims.append(claim)
    return claims


def _equipment_in_losses(ctx: SentenceContext, trigger: Token, rule: Trigger) -> list[Claim]:
    """ "Ukraine's losses ... included 2,030 servicemen, 35 tanks and 31 armoured personnel
    carriers": the equipment told among losses, destroyed, owned by the side whose losses they are."""
    if trigger.lemma_ not in ("loss", "casualty") or trigger.head.lemma_ != "include" or trigger.dep_ != "nsubj":
        return []
    obj = first_child(trigger.head, "dobj")
    if obj is None:
        return []
    items = listed_items(obj)
    heads = conjuncts(obj)
    phrases: dict[int, Span] = {}
    if len(items) > len(heads):
        heads = [item.head for item in items]
        phrases = {item.head.i: item.phrase for item in items}
    owner = first_child(trigger, "poss")
    loser = ctx.party(owner) if owner is not None and owner.pos_ != "PRON" else None
    equip = Trigger(ClaimKind.EQUIPMENT_LOSS, "destroyed", rule.lemma, rule.forms)
    return _equipment_claims(ctx, trigger, equip, "destroyed", heads, None, phrases, loser)
