"""Claim rules: one module per family of claim kinds, from a trigger token to the claims it carries.

Each rule reads the dependency parse around its trigger (``fogofwar.claims.context``) to
find the roles of its kind (the affected party and its figure, the agent, the target, the
item, the recipient) and leaves a role empty when the sentence does not fill it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from fogofwar.claims.context import SentenceContext
from fogofwar.claims.rules.attacks import attack
from fogofwar.claims.rules.casualties import casualties
from fogofwar.claims.rules.displacement import displacement
from fogofwar.claims.rules.equipment import equipment
from fogofwar.claims.rules.forces import deployment
from fogofwar.claims.rules.supplies import supply, supply_continuation, support
from fogofwar.claims.rules.territory import territory
from fogofwar.claims.triggers import Trigger
from fogofwar.models import Claim, ClaimKind

Rule = Callable[[Token, Trigger, SentenceContext], list[Claim]]

__all__ = ["RULES", "Rule", "supply_continuation", "support"]

RULES: dict[ClaimKind, Rule] = {
    ClaimKind.CASUALTIES: casualties,
    ClaimKind.EQUIPMENT_LOSS: equipment,
    ClaimKind.ATTACK: attack,
    ClaimKind.DEPLOYMENT: deployment,
    ClaimKind.SUPPLY: supply,
    ClaimKind.TERRITORY: territory,
    ClaimKind.DISPLACEMENT: displacement,
}
