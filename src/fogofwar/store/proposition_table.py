"""Propositions kept in the ledger, regrouped after writes.

Tables (migration m003 of both backends): ``claims.proposition_key``/``group_day`` (what and
when a claim is grouped on, ``fogofwar.ledger.propositions.group_key``), ``propositions`` (one
row per proposition: what pages sort and filter on), ``proposition_claims`` (its members),
``document_groups`` (each document's syndication group) and ``document_sketches`` (the MinHash
sketch ``fogofwar.ledger.syndication`` finds near-duplicates with); m004: ``pending_documents``
(documents written but not yet grouped); m005: ``propositions.body`` (each proposition's built
form, ``fogofwar.ledger.proposition_json``: a page is one read) and ``refresh_documents``
(documents that gained a syndicated copy: a trigger on ``document_copies`` lists them).

A write stores its documents and claims and lists the new documents in ``pending_documents``
(``mark_pending``, cheap, in the write's transaction). ``regroup_pending`` then, in one
transaction: joins the pending documents to their syndication groups
(``store.syndication_table``), keys their claims and regroups only what they can change
(``fogofwar.ledger.incremental``), rebuilds the stored form of the propositions whose sources
changed (two syndication groups merged, a document gained a copy: its outlets and publications
count it), and empties both lists.
A store runs it at the end of a write (``add_many(settle=True)``, the default: one article
from the API), once at the end of a bulk run (``ingest``, ``batch``: every batch with
``settle=False``), and before any read of propositions, so what is read always equals a full
regrouping. ``rebuild`` fills everything for a ledger written before these tables existed, or
whose propositions have no stored form yet (on first use). SQL here has ``?`` placeholders;
both backends run it through an ``Exec`` (``store.sql_exec``).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any

from fogofwar.ledger.incremental import key_text, reach_of, regroup
from fogofwar.ledger.proposition_json import to_json
from fogofwar.ledger.propositions import (
    Group,
    Placed,
    assign,
    group_key,
    placed,
    proposition_of,
    sort_key,
    window_of,
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
from fogofwar.store.copies import copy_publishers
from fogofwar.store.ledger_queries import FACTS_SELECT, ClaimFacts
from fogofwar.store.rows import chunks
from fogofwar.store.sql_exec import Exec
from fogofwar.store.sql_exec import marks as _marks
from fogofwar.store.syndication_table import join_syndication

__all__ = ["Exec", "TableSource", "has_pending", "mark_pending", "needs_rebuild", "rebuild", "regroup_pending"]


class TableSource:
    """``fogofwar.ledger.incremental.GroupSource`` over the ledger's tables. A claim's facts
    and placing are read and computed once per source (stored claims do not change)."""

    KEEP = 200_000  # placed claims kept (about 1 kB each); more and the memory starts over

    def __init__(self, read: Callable[[str, Sequence[Any]], list[Any]]) -> None:
        self.read = read
        self.hidden: set[int] = set()  # keyed claims regrouped later: as if not written yet
        self._placed: dict[int, Placed] = {}

    def placed(self, c: ClaimFacts) -> Placed:
        p = self._placed.get(c.id)
        if p is None:
            if len(self._placed) >= self.KEEP:
                self._placed.clear()
            p = self._placed[c.id] = placed(c)
        return p

    def _ids(self, where: str, params: Sequence[Any]) -> list[int]:
        return [row[0] for row in self.read(f"SELECT c.id FROM claims c WHERE {where}", params)]

    def facts(self, claim_ids: list[int]) -> list[ClaimFacts]:
        found = {i: self._placed[i] for i in claim_ids if i in self._placed}
        for chunk in chunks([i for i in claim_ids if i not in found], 500):
            for row in self.read(f"{FACTS_SELECT} WHERE c.id IN ({_marks(len(chunk))})", chunk):
                c = ClaimFacts(*tuple(row))
                found[c.id] = self.placed(c)  # (kept here even if the memory starts over meanwhile)
        return [found[i][0] for i in claim_ids if i in found]  # (ids of no claim left out)

    def open_groups(self, key: str, day: str | None) -> dict[str, tuple[str | None, list[ClaimFacts]]]:
        # and those with undated members, which sort last: a new claim may close such a group
        # before its undated members are met, and they go elsewhere
        sql = "SELECT id, reach FROM propositions WHERE key = ?"
        undated = ("p.id IN (SELECT pc.proposition FROM proposition_claims pc JOIN claims c ON c.id = pc.claim"
                   " WHERE c.proposition_key = ? AND c.group_day IS NULL)")  # fmt: skip
        if day:  # (groups that start after the day have no member before it: not open yet)
            rows = self.read(sql.replace("propositions", "propositions p")
                             + f" AND (reach IS NULL OR reach >= ? OR {undated}) AND (date_from = '' OR date_from <= ?)",
                             (key, day, key, day))  # fmt: skip
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
            ids = self._ids("c.proposition_key = ? AND c.group_day IS NULL", (key,))
        else:
            ids = self._ids("c.proposition_key = ? AND c.group_day >= ? AND c.group_day <= ?", (key, first, last))
        return self.facts([i for i in ids if i not in self.hidden])

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
    """Whether claims or documents predate the proposition tables, or propositions their stored
    form (a ledger of an older version)."""
    pending = "NOT EXISTS (SELECT 1 FROM pending_documents p WHERE p.doc = {})"  # those are grouped later
    return bool(
        read(f"SELECT 1 FROM claims c WHERE c.proposition_key IS NULL AND {pending.format('c.doc')} LIMIT 1", ())
        or read("SELECT 1 FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_groups g WHERE g.doc = d.id)"
                f" AND {pending.format('d.id')} LIMIT 1", ())
        or read("SELECT 1 FROM propositions WHERE body IS NULL LIMIT 1", ())  # (a partial index)
    )


def mark_pending(ex: Exec, docs: list[str]) -> None:
    """List newly stored documents as not yet grouped (inside the write's transaction)."""
    ex.write_many("INSERT INTO pending_documents (doc) VALUES (?)", [(doc,) for doc in docs])


def has_pending(read: Callable[[str, Sequence[Any]], list[Any]]) -> bool:
    """Whether some stored documents are not grouped yet, or gained a copy since (index probes)."""
    return bool(read("SELECT 1 WHERE EXISTS (SELECT 1 FROM pending_documents)"
                     " OR EXISTS (SELECT 1 FROM refresh_documents)", ()))  # fmt: skip


def regroup_pending(ex: Exec) -> int:
    """Group every pending document and its claims, and rebuild the stored form of the
    propositions of documents that gained a copy, inside the caller's write transaction (which
    must keep other writers from regrouping at the same time); how many documents were pending."""
    docs = [row[0] for row in ex.read("SELECT doc FROM pending_documents ORDER BY doc", ())]
    copied = [row[0] for row in ex.read("SELECT doc FROM refresh_documents ORDER BY doc", ())]
    if docs or copied:
        _regroup(ex, docs, copied)
        ex.write_many("DELETE FROM pending_documents WHERE doc = ?", [(doc,) for doc in docs])
        ex.write_many("DELETE FROM refresh_documents WHERE doc = ?", [(doc,) for doc in copied])
    return len(docs)


def _regroup(ex: Exec, new_docs: list[str], copied: list[str]) -> None:
    """Keep propositions and syndication groups up to date after ``new_docs`` were stored and
    the stored documents ``copied`` gained a syndicated copy."""
    source = TableSource(ex.read)
    regrown = join_syndication(ex, new_docs) | set(copied)
    ids = [row[0] for chunk in chunks(new_docs, 500)
           for row in ex.read(f"SELECT id FROM claims WHERE doc IN ({_marks(len(chunk))})", chunk)]  # fmt: skip
    by_key = _key_claims(ex, [source.placed(c) for c in source.facts(ids)])
    written: set[str] = set()
    # one key's claims are regrouped a stretch of days at a time, as if each stretch were
    # written after the one before: a stretch replays its own days, not the key's whole time line
    source.hidden = {p[0].id for claims in by_key.values() for p in claims}
    for key in sorted(by_key):
        for stretch in _stretches(by_key[key]):
            new_ids = {p[0].id for p in stretch}
            source.hidden -= new_ids
            result = regroup(source, key, new_ids, sort_key(stretch[0]))
            _delete(ex, result.removed)
            written |= _insert(ex, source, result.added)
    # documents whose syndication group changed, or that gained a copy: their propositions
    # count sources and outlets anew
    stale = {row[0] for chunk in chunks(sorted(regrown), 500)
             for row in ex.read("SELECT DISTINCT pc.proposition FROM proposition_claims pc JOIN claims c"
                                f" ON c.id = pc.claim WHERE c.doc IN ({_marks(len(chunk))})", chunk)} - written  # fmt: skip
    if stale:
        members = source.members(sorted(stale))
        groups = []
        for pid in sorted(stale):
            g = Group(shape=source.placed(members[pid][0])[1].shape)
            for c, span, day in sorted(map(source.placed, members[pid]), key=sort_key):
                g.add(c, span, day)
            groups.append(g)
        _delete(ex, stale)
        _insert(ex, source, groups)


def rebuild(ex: Exec) -> None:
    """Every proposition and syndication group of the ledger, computed afresh."""
    for table in ("proposition_claims", "propositions", "document_groups", "document_sketches", "pending_documents",
                  "refresh_documents"):
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
    _key_claims(ex, map(placed, facts))
    open_groups: dict[tuple, list[Group]] = defaultdict(list)
    groups = []
    for c, span, day in sorted(map(placed, facts), key=sort_key):
        g, created = assign(open_groups[group_key(c, span)], c, span, day)
        if created:
            groups.append(g)
    _insert(ex, source, groups)


def _key_claims(ex: Exec, claims: Iterable[Placed]) -> dict[str, list[Placed]]:
    """Store each claim's group key and day; the claims by key, in grouping order."""
    by_key: dict[str, list[Placed]] = defaultdict(list)
    rows = []
    for p in claims:
        c, span, day = p
        key = key_text(group_key(c, span))
        by_key[key].append(p)
        rows.append((key, day.isoformat() if day else None, c.id))
    ex.write_many("UPDATE claims SET proposition_key = ?, group_day = ? WHERE id = ?", rows)
    return {key: sorted(claims, key=sort_key) for key, claims in by_key.items()}


def _stretches(claims: list[Placed]) -> list[list[Placed]]:
    """A key's new claims (in grouping order) cut where two days lie more than four grouping
    windows apart (the replay of a stretch ends about a window after its last day); undated
    claims, which sort last, are one stretch."""
    out: list[list[Placed]] = []
    gap = timedelta(days=4 * window_of(claims[0][1].shape))
    for p in claims:
        last = out[-1][-1][2] if out else None
        if out and (p[2] is None) == (last is None) and (p[2] is None or p[2] - last <= gap):
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _delete(ex: Exec, prop_ids: Iterable[str]) -> None:
    ids = [(pid,) for pid in sorted(prop_ids)]
    ex.write_many("DELETE FROM proposition_claims WHERE proposition = ?", ids)
    ex.write_many("DELETE FROM propositions WHERE id = ?", ids)


def _insert(ex: Exec, source: TableSource, groups: list[Group]) -> set[str]:
    """Store groups as propositions: what pages sort and filter on, the members, the built form
    (as ``PropositionIndex._build`` builds it: syndication groups and copies as stored now)."""
    docs = {c.doc for g in groups for c, _, _ in g.members}
    synd = source.syndication(docs)
    copies = copy_publishers(ex.read, docs)
    props, members = [], []
    for g in groups:
        p = proposition_of(g, synd, copies)
        first = g.members[0][0]
        props.append((p.id, key_text(group_key(first, g.members[0][1])), p.kind, p.side, int(p.disputed),
                      p.sources, len(p.figures), p.date_from or "", reach_of(g), to_json(p)))  # fmt: skip
        members += [(c.id, p.id) for c, _, _ in g.members]
    ex.write_many("INSERT INTO propositions (id, key, kind, side, disputed, sources, figures, date_from, reach,"
                  " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", props)  # fmt: skip
    ex.write_many("INSERT INTO proposition_claims (claim, proposition) VALUES (?, ?)", members)
    return {row[0] for row in props}
