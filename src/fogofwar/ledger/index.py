"""Propositions of a whole ledger for the interfaces (``PropositionIndex``).

The ledger keeps its propositions up to date on write (``fogofwar.store.proposition_table``),
each with its built form (``proposition_json``): the index pages through them in SQL and reads
the page's built forms (a proposition without one is built from its member claims). ``compute`` groups a whole
ledger in memory (every claim, every document's text for syndication): the reference the
stored propositions are tested against, and the fallback for a ledger without them.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from fogofwar.ledger.proposition_json import from_json
from fogofwar.ledger.propositions import (
    Group,
    Proposition,
    build_propositions,
    placed,
    proposition_of,
    select,
    sort_key,
)
from fogofwar.ledger.syndication import SyndicationGroups, find_syndicated
from fogofwar.lru import SizedLRU
from fogofwar.store.base import ClaimFilter

RENDERED_KEPT = 64_000_000  # characters of stored forms and renderings kept by ``page_rendered``

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
    """One store's propositions for the interfaces, safe to share between threads.

    A ledger keeps its propositions up to date on write (``store.proposition_table``): pages,
    filters and counts are SQL over them, and the propositions of the page are read as stored;
    documents a bulk write left pending are grouped first (``settle_propositions``). A store
    without them (a read-only ledger of an older version, or with documents pending) is grouped
    in memory once per ledger state (``compute``)."""

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: LedgerSnapshot | None = None
        # (id, style) -> (stored form, rendering), up to RENDERED_KEPT characters
        self._rendered: SizedLRU[tuple[str, Hashable], tuple[str, bytes]] = SizedLRU(
            RENDERED_KEPT, lambda kept: len(kept[0]) + len(kept[1]))
        self.stored = hasattr(store, "proposition_page") and not store.propositions_pending()

    def snapshot(self) -> LedgerSnapshot:
        with self._lock:
            current = self.store.fingerprint()
            if self._snapshot is None or self._snapshot.fingerprint != current:
                self._snapshot = compute(self.store)
            return self._snapshot

    def page(self, filters: ClaimFilter | None = None, disputed: bool | None = None,
             limit: int | None = None, offset: int = 0) -> tuple[int, list[Proposition]]:
        """How many propositions have a figure the filter selects, and one page of them (by
        sources, figures, first date, id; ``limit`` None: all from ``offset``)."""
        if not self._settled():
            props = self._computed(filters, disputed)
            end = None if limit is None or limit < 0 else offset + limit
            return len(props), props[offset:end]
        total, ids = self.store.proposition_page(filters or ClaimFilter(), disputed, limit, offset)
        return total, self._load(ids)

    def page_rendered(self, render: Callable[[Proposition], bytes], style: Hashable,
                      filters: ClaimFilter | None = None, disputed: bool | None = None,
                      limit: int | None = None, offset: int = 0) -> tuple[int, list[bytes]]:
        """``page``, each proposition as ``render`` makes it (``style`` names the rendering).
        What it made of a stored form is kept, as bytes, until that form changes: a page of
        unchanged propositions is then neither parsed nor rendered again, and the kept pieces are
        strings, which the garbage collector never walks (parsed propositions are many small
        objects; tens of MB of them made each full collection take ~0.1 s)."""
        if not self._settled():
            total, props = self.page(filters, disputed, limit, offset)
            return total, [render(p) for p in props]
        total, ids = self.store.proposition_page(filters or ClaimFilter(), disputed, limit, offset)
        bodies = self.store.proposition_bodies(ids)
        kept = {pid: made for pid in ids if pid in bodies and (made := self._kept(pid, style, bodies[pid])) is not None}
        for p in self._load([pid for pid in ids if pid in bodies and pid not in kept], bodies):
            kept[p.id] = render(p)
            if bodies[p.id] is not None:
                self._rendered.put((p.id, style), (bodies[p.id], kept[p.id]))
        return total, [kept[pid] for pid in ids if pid in kept]

    def _kept(self, pid: str, style: Hashable, body: str | None) -> bytes | None:
        kept = self._rendered.get((pid, style))
        return kept[1] if kept is not None and body is not None and kept[0] == body else None

    def query(self, filters: ClaimFilter | None = None, disputed: bool | None = None) -> list[Proposition]:
        """Propositions with a figure that the filter selects (all when it selects everything)."""
        if self._settled():
            return self.page(filters, disputed)[1]
        return self._computed(filters, disputed)

    def _settled(self) -> bool:
        """Whether the ledger's stored propositions can be read (pending documents grouped first)."""
        return self.stored and self.store.settle_propositions()

    def _computed(self, filters: ClaimFilter | None, disputed: bool | None) -> list[Proposition]:
        snap = self.snapshot()
        ids = None
        if filters is not None and filters != ClaimFilter():
            ids = snap.claim_ids(filters)
            if ids is None:
                ids = self.store.claim_ids(filters)
        return select(snap.propositions, ids, disputed)

    def get(self, prop_id: str) -> Proposition | None:
        if not self._settled():
            return self.snapshot().by_id.get(prop_id)
        found = self._load([prop_id])
        return found[0] if found else None

    def _load(self, ids: list[str], bodies: dict[str, str | None] | None = None) -> list[Proposition]:
        """Stored propositions as stored (in the order of ``ids``; unknown ids left out); any
        without a stored form of this version is built from its member claims. ``bodies``: the
        stored forms, when read already."""
        bodies = self.store.proposition_bodies(ids) if bodies is None else bodies
        loaded = {pid: from_json(bodies[pid]) for pid in ids if bodies.get(pid) is not None}
        missing = [pid for pid in ids if pid in bodies and loaded.get(pid) is None]
        if missing:
            loaded.update({p.id: p for p in self._build(missing)})
        return [loaded[pid] for pid in ids if loaded.get(pid) is not None]

    def _build(self, ids: list[str]) -> list[Proposition]:
        """Stored propositions, built from their member claims (in grouping order)."""
        members = self.store.proposition_members(ids)
        docs = sorted({c.doc for claims in members.values() for c in claims})
        syndication = SyndicationGroups(self.store.document_groups(docs), ())
        copies = self.store.copy_publishers(docs)
        out = []
        for pid in ids:
            if not members.get(pid):
                continue
            placed_claims = sorted(map(placed, members[pid]), key=sort_key)
            group = Group(shape=placed_claims[0][1].shape)
            for c, span, day in placed_claims:
                group.add(c, span, day)
            out.append(proposition_of(group, syndication, copies))
        return out
