"""Propositions kept in the ledger and updated in the transaction that adds claims.

Tables (migration m003 of both backends): ``claims.proposition_key``/``group_day`` (what and
when a claim is grouped on, ``fogofwar.ledger.propositions.group_key``), ``propositions`` (one
row per proposition: what pages sort and filter on), ``proposition_claims`` (its members),
``document_groups`` (each document's syndication group) and ``document_sketches`` (the MinHash
sketch ``fogofwar.ledger.syndication`` finds near-duplicates with).

``update_on_write`` runs inside a write, after the batch's documents and claims are in: it
joins new documents to their syndication groups, keys the new claims, and regroups only what
they can change (``fogofwar.ledger.incremental``). ``rebuild`` fills everything for a ledger
written before these tables existed (on first use). SQL here has ``?`` placeholders; both
backends run it through an ``Exec``.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fogofwar.ledger.incremental import key_text, reach_of, regroup
from fogofwar.ledger.propositions import (
    Group,
    assign,
    group_key,
    placed,
    proposition_of,
    sort_key,
)
from fogofwar.ledger.syndication import (
    MAX_BUCKET,
    SKETCH,
    THRESHOLD,
    SyndicationGroups,
    body_text,
    jaccard,
    shingles,
)
from fogofwar.store.ledger_queries import FACTS_SELECT, ClaimFacts
from fogofwar.store.rows import chunks


@dataclass(frozen=True)
class Exec:
    """How the shared SQL reaches one backend inside its transaction."""

    read: Callable[[str, Sequence[Any]], list[Any]]  # rows (by position and by name)
    write_many: Callable[[str, list[Sequence[Any]]], None]


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class TableSource:
    """``fogofwar.ledger.incremental.GroupSource`` over the ledger's tables."""

    def __init__(self, read: Callable[[str, Sequence[Any]], list[Any]]) -> None:
        self.read = read

    def _facts(self, where: str, params: Sequence[Any]) -> list[ClaimFacts]:
        return [ClaimFacts(*tuple(row)) for row in self.read(f"{FACTS_SELECT} WHERE {where}", params)]

    def facts(self, claim_ids: list[int]) -> list[ClaimFacts]:
        out: list[ClaimFacts] = []
        for chunk in chunks(list(claim_ids), 500):
            out += self._facts(f"c.id IN ({_marks(len(chunk))})", chunk)
        return out

    def open_groups(self, key: str, day: str | None) -> dict[str, tuple[str | None, list[ClaimFacts]]]:
        # and those with undated members, which sort last: a new claim may close such a group
        # before its undated members are met, and they go elsewhere
        sql = "SELECT id, reach FROM propositions WHERE key = ?"
        undated = ("p.id IN (SELECT pc.proposition FROM proposition_claims pc JOIN claims c ON c.id = pc.claim"
                   " WHERE c.proposition_key = ? AND c.group_day IS NULL)")  # fmt: skip
        if day:
            rows = self.read(sql.replace("propositions", "propositions p")
                             + f" AND (reach IS NULL OR reach >= ? OR {undated})", (key, day, key))  # fmt: skip
        else:
            rows = self.read(sql, (key,))
        members = self.members([row[0] for row in rows])
        return {row[0]: (row[1], members.get(row[0], [])) for row in rows}

    def members(self, prop_ids: list[str]) -> dict[str, list[ClaimFacts]]:
        out: dict[str, list[ClaimFacts]] = defaultdict(list)
        for chunk in chunks(list(prop_ids), 500):
            rows = self.read(f"SELECT claim, proposition FROM proposition_claims WHERE proposition IN"
                             f" ({_marks(len(chunk))})", chunk)  # fmt: skip
            of = {row[0]: row[1] for row in rows}
            for c in self.facts(list(of)):
                out[of[c.id]].append(c)
        return out

    def key_claims(self, key: str, first: str | None, last: str | None) -> list[ClaimFacts]:
        if first is None:
            return self._facts("c.proposition_key = ? AND c.group_day IS NULL", (key,))
        return self._facts("c.proposition_key = ? AND c.group_day >= ? AND c.group_day <= ?", (key, first, last))

    def last_day(self, key: str) -> str | None:
        return self.read("SELECT max(group_day) FROM claims WHERE proposition_key = ?", (key,))[0][0]

    def membership(self, claim_ids: list[int]) -> dict[int, tuple[str, str | None]]:
        out = {}
        for chunk in chunks(list(claim_ids), 500):
            rows = self.read("SELECT pc.claim, p.id, p.reach FROM proposition_claims pc JOIN propositions p"
                             f" ON p.id = pc.proposition WHERE pc.claim IN ({_marks(len(chunk))})", chunk)  # fmt: skip
            out.update({row[0]: (row[1], row[2]) for row in rows})
        return out

    def syndication(self, docs: Iterable[str]) -> SyndicationGroups:
        cluster: dict[str, str] = {}
        for chunk in chunks(sorted(set(docs)), 500):
            rows = self.read(f"SELECT doc, grp FROM document_groups WHERE doc IN ({_marks(len(chunk))})", chunk)
            cluster.update({row[0]: row[1] for row in rows})
        return SyndicationGroups(cluster, ())


# -- writing ---------------------------------------------------------------------------------


def needs_rebuild(read: Callable[[str, Sequence[Any]], list[Any]]) -> bool:
    """Whether claims or documents predate the proposition tables (a ledger of an older version)."""
    return bool(
        read("SELECT 1 FROM claims WHERE proposition_key IS NULL LIMIT 1", ())
        or read("SELECT 1 FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM document_groups g WHERE g.doc = d.id) LIMIT 1", ())  # fmt: skip
    )


def update_on_write(ex: Exec, new_docs: list[str]) -> None:
    """Keep propositions and syndication groups up to date after ``new_docs`` were stored."""
    if not new_docs:
        return
    source = TableSource(ex.read)
    regrown = _join_syndication(ex, new_docs)
    ids = [row[0] for chunk in chunks(new_docs, 500)
           for row in ex.read(f"SELECT id FROM claims WHERE doc IN ({_marks(len(chunk))})", chunk)]  # fmt: skip
    by_key = _key_claims(ex, source.facts(ids))
    written: set[str] = set()
    for key in sorted(by_key):
        result = regroup(source, key, by_key[key])
        _delete(ex, result.removed)
        written |= _insert(ex, source, result.added)
    # documents whose syndication group changed: their propositions count sources anew
    stale = {row[0] for chunk in chunks(sorted(regrown), 500)
             for row in ex.read("SELECT DISTINCT pc.proposition FROM proposition_claims pc JOIN claims c"
                                f" ON c.id = pc.claim WHERE c.doc IN ({_marks(len(chunk))})", chunk)} - written  # fmt: skip
    if stale:
        members = source.members(sorted(stale))
        groups = []
        for pid in sorted(stale):
            g = Group(shape=placed(members[pid][0])[1].shape)
            for c, span, day in sorted(map(placed, members[pid]), key=sort_key):
                g.add(c, span, day)
            groups.append(g)
        _delete(ex, stale)
        _insert(ex, source, groups)


def rebuild(ex: Exec) -> None:
    """Every proposition and syndication group of the ledger, computed afresh."""
    for table in ("proposition_claims", "propositions", "document_groups", "document_sketches"):
        ex.write_many(f"DELETE FROM {table}", [()])
    texts = ex.read("SELECT id, text FROM documents", ())
    parent: dict[str, str] = {}
    sketches = []
    sets = {}
    buckets: dict[str, list[str]] = defaultdict(list)
    for doc, text in texts:
        s = shingles(body_text(text))
        sets[doc] = s
        for h in heapq.nsmallest(SKETCH, s):
            sketches.append((doc, f"{h:016x}"))
            buckets[f"{h:016x}"].append(doc)
    for doc in sets:
        parent[doc] = doc

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = {(a, b) for docs in buckets.values() if 1 < len(docs) <= MAX_BUCKET
             for i, a in enumerate(sorted(set(docs))) for b in sorted(set(docs))[i + 1:]}  # fmt: skip
    for a, b in sorted(pairs):
        if jaccard(sets[a], sets[b]) >= THRESHOLD:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    ex.write_many("INSERT INTO document_sketches (doc, hash) VALUES (?, ?)", sketches)
    ex.write_many("INSERT INTO document_groups (doc, grp) VALUES (?, ?)", [(d, find(d)) for d in sets])
    source = TableSource(ex.read)
    facts = [ClaimFacts(*tuple(row)) for row in ex.read(FACTS_SELECT, ())]
    _key_claims(ex, facts)
    open_groups: dict[tuple, list[Group]] = defaultdict(list)
    groups = []
    for c, span, day in sorted(map(placed, facts), key=sort_key):
        g, created = assign(open_groups[group_key(c, span)], c, span, day)
        if created:
            groups.append(g)
    _insert(ex, source, groups)


def _key_claims(ex: Exec, facts: list[ClaimFacts]) -> dict[str, set[int]]:
    """Store each claim's group key and day; the claim ids by key."""
    by_key: dict[str, set[int]] = defaultdict(set)
    rows = []
    for c, span, day in map(placed, facts):
        key = key_text(group_key(c, span))
        by_key[key].add(c.id)
        rows.append((key, day.isoformat() if day else None, c.id))
    ex.write_many("UPDATE claims SET proposition_key = ?, group_day = ? WHERE id = ?", rows)
    return by_key


def _delete(ex: Exec, prop_ids: Iterable[str]) -> None:
    ids = [(pid,) for pid in sorted(prop_ids)]
    ex.write_many("DELETE FROM proposition_claims WHERE proposition = ?", ids)
    ex.write_many("DELETE FROM propositions WHERE id = ?", ids)


def _insert(ex: Exec, source: TableSource, groups: list[Group]) -> set[str]:
    synd = source.syndication(c.doc for g in groups for c, _, _ in g.members)
    props, members = [], []
    for g in groups:
        p = proposition_of(g, synd, {})
        first = g.members[0][0]
        props.append((p.id, key_text(group_key(first, g.members[0][1])), p.kind, p.side, int(p.disputed),
                      p.sources, len(p.figures), p.date_from or "", reach_of(g)))  # fmt: skip
        members += [(c.id, p.id) for c, _, _ in g.members]
    ex.write_many("INSERT INTO propositions (id, key, kind, side, disputed, sources, figures, date_from, reach)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", props)  # fmt: skip
    ex.write_many("INSERT INTO proposition_claims (claim, proposition) VALUES (?, ?)", members)
    return {row[0] for row in props}


def _join_syndication(ex: Exec, new_docs: list[str]) -> set[str]:
    """Put each new document in its syndication group (``find_syndicated``'s rule, one document
    at a time); the stored documents whose group changed (two groups merged)."""
    changed: set[str] = set()
    for doc in new_docs:
        text = ex.read("SELECT text FROM documents WHERE id = ?", (doc,))[0][0]
        s = shingles(body_text(text))
        sketch = [f"{h:016x}" for h in heapq.nsmallest(SKETCH, s)]
        candidates: set[str] = set()
        if sketch:
            rows = ex.read(f"SELECT hash, doc FROM document_sketches WHERE hash IN ({_marks(len(sketch))})", sketch)
            bucket: dict[str, list[str]] = defaultdict(list)
            for row in rows:
                bucket[row[0]].append(row[1])
            candidates = {d for docs in bucket.values() if len(docs) + 1 <= MAX_BUCKET for d in docs} - {doc}
        ex.write_many("INSERT INTO document_sketches (doc, hash) VALUES (?, ?)", [(doc, h) for h in sketch])
        roots = set()
        for chunk in chunks(sorted(candidates), 200):
            for other, other_text, grp in ex.read(
                "SELECT d.id, d.text, g.grp FROM documents d JOIN document_groups g ON g.doc = d.id"
                f" WHERE d.id IN ({_marks(len(chunk))})", chunk):  # fmt: skip
                if jaccard(s, shingles(body_text(other_text))) >= THRESHOLD:
                    roots.add(grp)
        root = min(roots | {doc})
        ex.write_many("INSERT INTO document_groups (doc, grp) VALUES (?, ?)", [(doc, root)])
        for old in sorted(roots - {root}):
            changed |= {row[0] for row in ex.read("SELECT doc FROM document_groups WHERE grp = ?", (old,))}
            ex.write_many("UPDATE document_groups SET grp = ? WHERE grp = ?", [(root, old)])
    return changed
