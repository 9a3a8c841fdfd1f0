"""Stage 7, claims: run the claim rules over every candidate sentence, then merge repeats.

For each token of a parsed sentence whose lemma (or surface form) is a trigger
(``data/triggers.tsv``), the rule of the trigger's kind (``fogofwar.claims.rules``) builds
its claims. Triggers that can mean several things ("captured" people, tanks or a town;
"lost" soldiers or tanks) try each rule. A claim the article repeats is kept once, with
every evidence span (``fogofwar.claims.merge``).
"""

from __future__ import annotations

from functools import lru_cache

from fogofwar.claims import rules
from fogofwar.claims.context import SentenceContext
from fogofwar.claims.merge import fold_told_again, merge_repeats
from fogofwar.claims.triggers import Trigger, load_triggers
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Claim, ClaimKind

# lemmas whose kind depends on what they apply to
_AMBIGUOUS = {
    "capture": (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.TERRITORY),
    "seize": (ClaimKind.EQUIPMENT_LOSS, ClaimKind.TERRITORY),
    "lose": (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.TERRITORY),
}


_GENERIC_ITEMS = {"equipment", "weapons", "arms", "aid", "hardware", "assistance", "materiel", "support"}


@lru_cache(maxsize=1)
def _trigger_index() -> dict[str, list[Trigger]]:
    index: dict[str, list[Trigger]] = {}
    for trig in load_triggers():
        for form in {trig.lemma, *trig.forms}:
            index.setdefault(form.lower(), []).append(trig)
    return index


def _rules_for(trigger: Trigger) -> list[tuple[rules.Rule, Trigger]]:
    if trigger.lemma == "support":
        return [(rules.support, trigger)]
    kinds = _AMBIGUOUS.get(trigger.lemma)
    if kinds is None:
        return [(rules.RULES[trigger.kind], trigger)]
    out = []
    for kind in kinds:
        outcome = trigger.outcome
        if kind is ClaimKind.EQUIPMENT_LOSS:
            outcome = "captured" if trigger.lemma in ("capture", "seize") else "destroyed"
        if kind is ClaimKind.TERRITORY:
            outcome = "lost" if trigger.lemma == "lose" else "captured"
        out.append((rules.RULES[kind], Trigger(kind, outcome, trigger.lemma, trigger.forms)))
    return out


def sentence_claims(
    ctx: SentenceContext, index: dict[str, list[Trigger]], previous: list[Claim]
) -> tuple[list[Claim], list[Claim]]:
    """The claims of one sentence, and those of the sentence before (``previous``) that it
    supersedes: "aids Moscow with equipment. The list includes X" makes X the claim."""
    claims: list[Claim] = []
    remaining, superseded = list(previous), []
    for token in ctx.parse:
        if token.lemma_ == "include":
            listed = rules.supply_continuation(token, ctx, remaining[-1] if remaining else None)
            if listed and _is_generic_item(remaining[-1]):
                superseded.append(remaining.pop())
            claims.extend(listed)
            continue
        found = index.get(token.lemma_.lower()) or index.get(token.lower_)
        if not found:
            continue
        seen: set[tuple[ClaimKind, str]] = set()
        for trig in found:
            for rule, variant in _rules_for(trig):
                key = (variant.kind, variant.lemma)
                if key in seen:
                    continue
                seen.add(key)
                claims.extend(rule(token, variant, ctx))
    return claims, superseded


def _is_generic_item(claim: Claim) -> bool:
    """An item the next sentence's list spells out ("equipment"); a sum of money is a total
    of its own, which the list's parts do not replace."""
    if claim.quantity is not None and claim.quantity.unit is not None:
        return False
    return claim.item is not None and claim.item.text.split()[-1].lower() in _GENERIC_ITEMS


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    index = _trigger_index()
    claims: list[Claim] = []
    previous: list[Claim] = []
    for i in sorted(doc.candidate_sentences):
        ctx = SentenceContext(doc, doc.sentences[i], doc.parses[i], doc.attributions.get(i))
        adjacent = i - 1 in doc.candidate_sentences
        found, superseded = sentence_claims(ctx, index, previous if adjacent else [])
        if superseded:
            gone = {id(s) for s in superseded}
            claims = [c for c in claims if id(c) not in gone]
        claims.extend(found)
        previous = found
    starts = [s.start for s in doc.sentences]
    doc.claims = fold_told_again(merge_repeats(claims, starts), doc.text, starts)
