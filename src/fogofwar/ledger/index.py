"""Propositions of a whole ledger, computed once and kept until the ledger changes.

Grouping reads every claim (and every document's text, for syndication), so an interface
that answers many requests keeps one ``PropositionIndex``: it recomputes only when the store's
fingerprint (documents, claims, last claim id) has changed since the last computation.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from fogofwar.ledger.propositions import Proposition, build_propositions, select
from fogofwar.ledger.syndication import SyndicationGroups, find_syndicated
from fogofwar.store.base import ClaimFilter


# filters that the snapshot answers from memory; any other field asks the store
_IN_MEMORY = {"kind", "outcome", "side", "country"}


@dataclass(frozen=True)
class LedgerSnapshot:
    fingerprint: tuple[int, int, int]
    propositions: tuple[Proposition, ...]
    by_id: dict[str, Proposition]
    syndication: SyndicationGroups
    claims_by: dict[tuple[str, str], frozenset[int]]  # ("kind", "casualties") -> claim ids

    def claim_ids(self, filters: ClaimFilter) -> set[int] | None:
        """Ids a filter of only kind/outcome/side/country selects; None when it needs the store."""
        wanted = {k: v for k, v in vars(filters).items() if v is not None}
        if not wanted or set(wanted) - _IN_MEMORY:
            return None
        sets = [self.claims_by.get((k, str(v).upper() if k in ("side", "country") else v), frozenset())
                for k, v in wanted.items()]
        return set(frozenset.intersection(*sets))


def compute(store) -> LedgerSnapshot:
    """Every proposition of a store (``SQLiteStore`` or any store with ``LedgerQueries``)."""
    fingerprint = store.fingerprint()
    syndication = find_syndicated(store.document_texts())
    facts = list(store.claim_facts())
    props = tuple(build_propositions(facts, syndication, copies=store.copy_publishers()))
    claims_by: dict[tuple[str, str], set[int]] = defaultdict(set)
    for f in facts:
        claims_by["kind", f.kind].add(f.id)
        if f.outcome:
            claims_by["outcome", f.outcome].add(f.id)
        if f.side:
            claims_by["side", f.side].add(f.id)
        for country in {f.side, f.agent_country} - {None}:
            claims_by["country", country].add(f.id)
    frozen = {k: frozenset(v) for k, v in claims_by.items()}
    return LedgerSnapshot(fingerprint, props, {p.id: p for p in props}, syndication, frozen)


class PropositionIndex:
    """A cache of one store's propositions, safe to share between threads."""

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: LedgerSnapshot | None = None

    def snapshot(self) -> LedgerSnapshot:
        with self._lock:
            current = self.store.fingerprint()
            if self._snapshot is None or self._snapshot.fingerprint != current:
                self._snapshot = compute(self.store)
            return self._snapshot

    def query(self, filters: ClaimFilter | None = None, disputed: bool | None = None) -> list[Proposition]:
        """Propositions with a figure that the filter selects (all when it selects everything)."""
        snap = self.snapshot()
        ids = None
        if filters is not None and filters != ClaimFilter():
            ids = snap.claim_ids(filters)
            if ids is None:
                ids = self.store.claim_ids(filters)
        return select(snap.propositions, ids, disputed)

    def get(self, prop_id: str) -> Proposition | None:
        return self.snapshot().by_id.get(prop_id)
