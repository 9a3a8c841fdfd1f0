"""The ledger across articles: propositions (the same claim from many documents), near-duplicate
(syndicated) documents, and a cache of a store's propositions for the interfaces."""

from fogofwar.ledger.index import LedgerSnapshot, PropositionIndex, compute
from fogofwar.ledger.agreement import Disagreement, Estimate
from fogofwar.ledger.claimants import canonical_claimant, claimant_key
from fogofwar.ledger.intervals import Interval, figure_interval
from fogofwar.ledger.propositions import (
    Figure,
    Proposition,
    SeriesPoint,
    build_propositions,
    is_cumulative,
    outcomes_compatible,
)
from fogofwar.ledger.syndication import SyndicationGroups, find_syndicated, jaccard, shingles

__all__ = [
    "Disagreement", "Estimate", "Figure", "Interval", "canonical_claimant", "claimant_key", "figure_interval", "LedgerSnapshot", "Proposition", "PropositionIndex", "SeriesPoint",
    "SyndicationGroups", "build_propositions", "compute", "find_syndicated", "is_cumulative",
    "jaccard", "outcomes_compatible", "shingles",
]
