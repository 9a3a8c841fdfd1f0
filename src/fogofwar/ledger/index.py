"""Propositions of a whole ledger, computed once and kept until the ledger changes.

Grouping reads every claim (and every document's text, for syndication), so an interface
that answers many requests keeps one ``PropositionIndex``: it recomputes only when the store's
fingerprint (documents, claims, last claim id) has changed since the last computation.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from fogofwar.ledger.propositions import Proposition, build_propositions, select
from fogofwar.ledger.syndication import SyndicationGroups, find_syndicated
from fogofwar.store.base import ClaimFilter


@dataclass(frozen=True)
class LedgerSnapshot:
    fingerprint: tuple[int, int, int]
    propositions: tuple[Proposition, ...]
    by_id: dict[str, Proposition]
    syndication: SyndicationGroups


def compute(store) -> LedgerSnapshot:
    """Every proposition of a store (``SQLiteStore`` or any store with ``LedgerQueries``)."""
    fingerprint = store.fingerprint()
    syndication = find_syndicated(store.document_texts())
    props = tuple(build_propositions(store.claim_facts(), syndication))
    return LedgerSnapshot(fingerprint, props, {p.id: p for p in props}, syndication)


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
            ids = self.store.claim_ids(filters)
        return select(snap.propositions, ids, disputed)

    def get(self, prop_id: str) -> Proposition | None:
        return self.snapshot().by_id.get(prop_id)
