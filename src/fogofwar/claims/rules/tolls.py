"""Figures beyond a casualty claim's first: the groups within a toll ("including 130 children")
and a counter-figure told by another speaker ("; Ukraine says 1,100")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.lists import listed_items
from fogofwar.claims.parties import noun_phrase
from fogofwar.claims.rules.common import (
    make_claim,
)
from fogofwar.claims.rules.sufferers import is_people
from fogofwar.claims.tree import children, conjuncts, first_child
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Attribution, Claim, ClaimKind, EntityType

_GROUP_PREPS = {"including", "among", "includes", "include"}
_UNSURE = {"potentially", "possibly", "perhaps", "maybe"}
_SAYING = {"say", "claim", "put", "estimate", "report", "give", "count", "place", "reckon", "insist"}
_FIGURE_NOUNS = {"figure", "number", "toll", "estimate", "count", "tally", "total"}


def counter_figures(ctx: SentenceContext, trigger: Token, rule: Trigger, claims: list[Claim]) -> list[Claim]:
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


def is_unsure(ctx: SentenceContext, quantity) -> bool:
    before = ctx.doc.text[max(ctx.sentence.start, quantity.start - 14) : quantity.start].split()
    return bool(before) and before[-1].lower() in _UNSURE


def groups_of(ctx: SentenceContext, trigger: Token, head: Token) -> list[tuple[Token, Span | None]]:
    """The groups told within a toll, each with its own figure: "killed 53 people, including
    five children", "among them at least 130 children", "left 311 people dead: 183 fighters ...,
    100 soldiers and 28 civilians"."""
    found: list[tuple[Token, Span | None]] = []
    nodes = {head, trigger}
    if head.dep_ == "pobj":  # "rose to 23, including four children"
        nodes |= {head.head, head.head.head}
    doc = head.doc
    for node in nodes:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _GROUP_PREPS:
                found += [(o, None) for obj in children(prep, "pobj") for o in conjuncts(obj)
                          if o.pos_ != "PRON"]
                if prep.i + 2 < len(doc) and doc[prep.i + 1].lower_ == "them" and doc[prep.i + 2].like_num:
                    # "killed 412 people, among them 214 rebels, 137 soldiers and 61 civilians"
                    found += [(item.head, item.phrase) for item in listed_items(doc[prep.i + 2])]
    end = max(head.right_edge.i, trigger.i if trigger.dep_ == "oprd" else head.right_edge.i)
    if end + 2 < len(doc) and doc[end + 1].text == ":":
        found += [(item.head, item.phrase) for item in listed_items(doc[end + 2])]
    return found


# one person told within a toll is a claim of its own when of rank ("including a senior leader")
_RANKS = {"leader", "commander", "general", "chief", "colonel", "officer", "official", "emir", "deputy",
          "brigadier", "major", "lieutenant", "captain", "minister", "governor", "spokesman"}


def group_claim(ctx: SentenceContext, trigger: Token, rule: Trigger, group: Token, phrase: Span | None,
                 agent: Token | None, whole: Claim) -> list[Claim]:
    if not (is_people(group) or ctx.mentions_in(noun_phrase(group), {EntityType.PERSON})):
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
