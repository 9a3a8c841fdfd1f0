"""Stage 7, claims: run the claim rules over every candidate sentence, then merge repeats.

For each token of a parsed sentence whose lemma (or surface form) is a trigger
(``data/triggers.tsv``), the rule of the trigger's kind (``fogofwar.claims.frames``) builds
its claims. Triggers that can mean several things ("captured" people, tanks or a town;
"lost" soldiers or tanks) try each rule. A claim the article repeats is kept once, with
every evidence span (``fogofwar.claims.merge``).
"""

from __future__ import annotations

from fogofwar.claims import frames
from fogofwar.claims.context import SentenceContext
from fogofwar.claims.merge import merge_repeats
from fogofwar.claims.triggers import Trigger, load_triggers
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Claim, ClaimKind

# lemmas whose kind depends on what they apply to
_AMBIGUOUS = {
    "capture": (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS, ClaimKind.TERRITORY),
    "seize": (ClaimKind.EQUIPMENT_LOSS, ClaimKind.TERRITORY),
    "lose": (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS),
}


_GENERIC_ITEMS = {"equipment", "weapons", "arms", "aid", "hardware", "assistance", "materiel", "support"}


def _trigger_index() -> dict[str, list[Trigger]]:
    index: dict[str, list[Trigger]] = {}
    for trig in load_triggers():
        for form in {trig.lemma, *trig.forms}:
            index.setdefault(form.lower(), []).append(trig)
    return index


def _rules_for(trigger: Trigger) -> list[tuple[frames.Rule, Trigger]]:
    if trigger.lemma == "support":
        return [(frames.support, trigger)]
    kinds = _AMBIGUOUS.get(trigger.lemma)
    if kinds is None:
        return [(frames.RULES[trigger.kind], trigger)]
    out = []
    for kind in kinds:
        outcome = trigger.outcome
        if kind is ClaimKind.EQUIPMENT_LOSS:
            outcome = "captured" if trigger.lemma in ("capture", "seize") else "destroyed"
        if kind is ClaimKind.TERRITORY:
            outcome = "captured"
        out.append((frames.RULES[kind], Trigger(kind, outcome, trigger.lemma, trigger.forms)))
    return out


def sentence_claims(ctx: SentenceContext, index: dict[str, list[Trigger]], previous: list[Claim]) -> list[Claim]:
    claims: list[Claim] = []
    for token in ctx.parse:
        if token.lemma_ == "include":
            listed = frames.supply_continuation(token, ctx, previous[-1] if previous else None)
            if listed and previous[-1].item is not None and previous[-1].item.text.split()[-1].lower() in _GENERIC_ITEMS:
                previous.pop()  # "aids Moscow with equipment. The list includes X": X is the claim
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
    return claims


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    index = _trigger_index()
    claims: list[Claim] = []
    previous: list[Claim] = []
    for i in sorted(doc.candidate_sentences):
        ctx = SentenceContext(doc, doc.sentences[i], doc.parses[i], doc.attributions.get(i))
        before = list(previous) if i - 1 in doc.candidate_sentences else []
        found = sentence_claims(ctx, index, before)
        adjacent = i - 1 in doc.candidate_sentences
        dropped = [c for c in previous if all(c is not b for b in before)] if adjacent else []
        claims = [c for c in claims if all(c is not d for d in dropped)]
        claims.extend(found)
        previous = found
    doc.claims = merge_repeats(_fold_instruments(claims))


def _fold_instruments(claims: list[Claim]) -> list[Claim]:
    """Drop an attack that is only the means of a loss told in the same sentence
    ("killed due to drone attacks carried out by X"): the loss claim carries its weapon."""
    losses = [c for c in claims if c.kind in (ClaimKind.CASUALTIES, ClaimKind.EQUIPMENT_LOSS)]
    kept = []
    for c in claims:
        if c.kind is ClaimKind.ATTACK and c.quantity is None and any(
            loss.evidence[0].sentence_index == c.evidence[0].sentence_index for loss in losses
        ):
            continue
        kept.append(c)
    return kept
