"""Merging the repeats of one claim within an article.

Articles restate their main figure ("lost about 200 soldiers" … "about 200 North Korean
soldiers were killed" … "losses … amount to about 200 soldiers"). Two claims of one article
are the same when their kind agrees, their outcomes agree (an unspecified "losses" agrees
with a specific "killed"), and either their figures are equal, their affected sides do
not differ and neither do their places, or — without figures — they share the sentence (attacks) or, told by
the same source, their agent's side and their place. A place carried from an earlier sentence (the scene of the article) is no
place the claim states: it never keeps two statements apart, and gives way to a place that a
repeat states. The merged claim keeps the most specific outcome, the first evidence of that
statement first, every other evidence span, and fills its empty roles from the repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fogofwar.models import Claim, ClaimKind, Place

_UNSPECIFIED = "killed_or_wounded"
_ROLES = ("quantity", "affected", "agent", "target", "recipient", "item", "weapon", "location", "time")


def _outcomes_agree(a: Claim, b: Claim) -> bool:
    return a.outcome == b.outcome or _UNSPECIFIED in (a.outcome, b.outcome)


def _sides_agree(x, y) -> bool:
    cx = x.country if x else None
    cy = y.country if y else None
    return cx is None or cy is None or cx == cy


def _stated_place(claim: Claim, sentence_starts: Sequence[int]) -> Place | None:
    """The claim's place if its own sentence names it (not carried from an earlier one)."""
    place, index = claim.location, claim.evidence[0].sentence_index
    if place is None or (index < len(sentence_starts) and place.start < sentence_starts[index]):
        return None
    return place


def _places_agree(pa: Place | None, pb: Place | None) -> bool:
    """Figures told of two different places are two events ("Near Mosul, five strikes ...
    Near Raqqa, five strikes ...")."""
    if pa is None or pb is None or (pa.name or pa.text) == (pb.name or pb.text):
        return True
    # a country and a place within it ("lost 200 in Russia" ... "killed in the Kursk region")
    return "country" in (pa.precision, pb.precision) and pa.country == pb.country


def _same(a: Claim, b: Claim, sentence_starts: Sequence[int]) -> bool:
    if a.kind is not b.kind or not _outcomes_agree(a, b):
        return False
    if a.kind is ClaimKind.ATTACK and a.evidence[0].sentence_index == b.evidence[0].sentence_index:
        return _sides_agree(a.agent, b.agent)
    if a.quantity is not None or b.quantity is not None:
        if a.quantity is None or b.quantity is None:
            return False
        qa, qb = a.quantity, b.quantity
        if a.evidence[0].sentence_index == b.evidence[0].sentence_index and (qa.start, qa.end) != (qb.start, qb.end):
            return False  # "shot dead three women and three children": two figures, though equal
        if (qa.value, qa.vague) != (qb.value, qb.vague) or not _places_agree(
            _stated_place(a, sentence_starts), _stated_place(b, sentence_starts)
        ):
            return False
        if a.kind is ClaimKind.EQUIPMENT_LOSS:
            return a.item is not None and b.item is not None and a.item.text.lower() == b.item.text.lower()
        return _sides_agree(a.affected, b.affected) and _sides_agree(a.agent, b.agent)
    agent_a = a.agent.country if a.agent else None
    agent_b = b.agent.country if b.agent else None
    place_a = (a.location.name or a.location.text) if a.location else None
    place_b = (b.location.name or b.location.text) if b.location else None
    if a.kind is ClaimKind.TERRITORY and place_a is not None and place_a == place_b:
        return _sides_agree(a.agent, b.agent)  # "welcomes the liberation of Sinjar ... Sinjar has been liberated"
    if a.claimant is not None and b.claimant is not None and a.claimant != b.claimant:
        return False  # without figures, two sources telling of an event tell two versions of it
    stated_a, stated_b = _stated_place(a, sentence_starts), _stated_place(b, sentence_starts)
    if stated_a is None or stated_b is None:
        place_a = place_b = None  # a scene carried from before keeps no two statements apart
    if agent_a is None or agent_a != agent_b or place_a != place_b:
        return False
    if a.kind is ClaimKind.SUPPLY:
        return (a.item.text.lower() if a.item else None) == (b.item.text.lower() if b.item else None)
    return True


def _specificity(c: Claim) -> int:
    return 0 if c.outcome == _UNSPECIFIED else 1


def _merge_into(primary: Claim, other: Claim, sentence_starts: Sequence[int],
                spans: set[tuple[int, int]] | None = None) -> None:
    """Fill ``primary`` from ``other``; ``spans`` are the evidence spans ``primary`` holds, if known."""
    if _stated_place(primary, sentence_starts) is None and _stated_place(other, sentence_starts) is not None:
        primary.location = other.location
    for role in _ROLES:
        if getattr(primary, role) is None and getattr(other, role) is not None:
            setattr(primary, role, getattr(other, role))
    if (primary.attribution is None or primary.attribution.claimant is None) and other.attribution is not None:
        primary.attribution = other.attribution
    seen = {(e.start, e.end) for e in primary.evidence} if spans is None else spans
    for ev in other.evidence:
        if (ev.start, ev.end) not in seen:
            primary.evidence.append(ev)
            seen.add((ev.start, ev.end))


def _keys(claim: Claim) -> list[tuple]:
    """Index keys of a claim: two claims that ``_same`` can join share one. Its first tests hold
    them apart unless the kinds are equal; then an attack in the same sentence; then equal
    figures (or both none); without figures, a territory's place, else the agent's side."""
    q = claim.quantity
    figure = (q.value, q.vague) if q is not None else None
    keys: list[tuple] = []
    if claim.kind is ClaimKind.ATTACK:
        keys.append((claim.kind, "sentence", claim.evidence[0].sentence_index))
    if figure is not None or claim.kind is ClaimKind.TERRITORY:
        keys.append((claim.kind, figure))
    else:
        keys.append((claim.kind, None, claim.agent.country if claim.agent else None))
    return keys


def merge_repeats(claims: list[Claim], sentence_starts: Sequence[int] = ()) -> list[Claim]:
    """Claims with their repeats folded in, in order of first statement; ``sentence_starts``
    (the article's sentence offsets) tell a place a claim states from one carried to it.

    Each claim is compared only with the kept claims that share an index key (``_keys``), first
    kept first, so the work grows with the number of claims, not its square.
    """
    kept: list[Claim] = []
    spans: list[set[tuple[int, int]]] = []  # evidence spans of each kept claim
    index: dict[tuple, list[int]] = {}  # key -> positions in kept, each once
    registered: list[set[tuple]] = []  # keys each kept claim is listed under

    def register(position: int) -> None:
        if position == len(registered):
            registered.append(set())
        for key in _keys(kept[position]):
            if key not in registered[position]:  # a claim repeated 3,000 times is listed once
                registered[position].add(key)
                index.setdefault(key, []).append(position)

    for claim in claims:
        candidates = sorted({p for key in _keys(claim) for p in index.get(key, ())})
        position = next((p for p in candidates if _same(kept[p], claim, sentence_starts)), None)
        if position is None:
            kept.append(claim)
            spans.append({(e.start, e.end) for e in claim.evidence})
            register(len(kept) - 1)
            continue
        twin = kept[position]
        if _specificity(claim) > _specificity(twin):
            # the specific statement becomes the claim; the vaguer one adds its evidence
            _merge_into(claim, twin, sentence_starts)
            kept[position] = claim
            spans[position] = {(e.start, e.end) for e in claim.evidence}
        else:
            _merge_into(twin, claim, sentence_starts, spans[position])
        register(position)  # a role filled may give it a new key; old keys only cost a test
    return kept


# words before an attack noun that point back at an attack already told ("the strike", "that attack")
_TOLD_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def fold_told_again(claims: list[Claim], text: str, sentence_starts: Sequence[int] = ()) -> list[Claim]:
    """An attack without a figure named again by a definite noun in a later sentence ("A missile
    hit a block of flats in Kyiv on Monday. ... The strike on the Sviatoshynskyi district ...")
    is the attack already told, not a new one: its words join that claim's evidence, unless its
    side or its country says otherwise, or another source tells it."""
    kept: list[Claim] = []
    last: Claim | None = None
    for claim in claims:
        if (claim.kind is ClaimKind.ATTACK and claim.quantity is None and last is not None
                and claim.evidence[0].sentence_index > last.evidence[-1].sentence_index
                and _TOLD_BEFORE.search(text[max(0, claim.evidence[0].start - 40) : claim.evidence[0].start])
                and _sides_agree(last.agent, claim.agent) and _countries_agree(last.location, claim.location)
                and last.claimant == claim.claimant):  # another source's version is a claim of its own
            _merge_into(last, claim, sentence_starts)
            continue
        kept.append(claim)
        if claim.kind is ClaimKind.ATTACK:
            last = claim
    return kept


def _countries_agree(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or a.country is None or b.country is None or a.country == b.country
