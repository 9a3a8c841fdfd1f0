"""Syndication groups kept in the ledger: each new document joins the group of the stored
documents it nearly copies (``fogofwar.ledger.syndication``'s rule, one document at a time, in
order), through the MinHash sketches of ``document_sketches``; ``document_groups`` names each
document's group. Run by ``proposition_table`` inside its regrouping transaction.

New documents are taken ``BLOCK`` at a time: the sketch counts, the documents of the small
buckets, the candidates' texts and groups of a block are read in a few queries (one per 500
keys), the block's documents are then joined one by one in memory, as if each had been written
before the next, and written together at the end of the block. (On PostgreSQL every query is a
round trip: one document at a time asked about five per document.)

The exact Jaccard needs the candidates' shingles. A bulk run meets the same stored documents
again and again, so one regrouping keeps every shingle set it computes, packed as 8-byte words
(``fogofwar.lru.SizedLRU``, up to ``SHINGLE_BYTES``: recomputing them from the text is dearer than the
rest of the join). Two sets of sizes m <= n have a Jaccard of at most m / n, so a candidate of
too different a size is passed over before its shingles are looked at.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Iterable

from fogofwar.ledger.syndication import (
    MAX_BUCKET,
    SKETCH,
    THRESHOLD,
    body_text,
    shingles,
)
from fogofwar.lru import SizedLRU
from fogofwar.store.rows import chunks
from fogofwar.store.sql_exec import Exec, marks

SHINGLE_BYTES = 256 * 2**20  # packed shingles one regrouping keeps (8 bytes a shingle)
BLOCK = 500  # new documents joined per round of queries
PREFETCH = 10_000  # candidates of a block whose shingles are made ready at once


def join_syndication(ex: Exec, new_docs: list[str]) -> set[str]:
    """Put each new document in its syndication group (``find_syndicated``'s rule, one document
    at a time, in order); the documents whose group changed (two groups merged)."""
    changed: set[str] = set()
    cache: SizedLRU[str, bytes] = SizedLRU(SHINGLE_BYTES, len)  # packed shingles by document
    for start in range(0, len(new_docs), BLOCK):
        changed |= _join_block(ex, new_docs[start : start + BLOCK], cache)
    return changed


def _in(ex: Exec, sql: str, keys: Iterable[str]) -> list:
    """Rows of ``sql`` (with one ``IN ({})``) for every key, asked 500 keys at a time."""
    return [row for chunk in chunks(sorted(set(keys)), 500) for row in ex.read(sql.format(marks(len(chunk))), chunk)]


def _join_block(ex: Exec, block: list[str], cache: SizedLRU[str, bytes]) -> set[str]:
    def shingles_of(docs: Iterable[str]) -> dict[str, bytes]:
        """The docs' packed shingles: kept, or computed from their stored texts (and kept)."""
        found = {doc: packed for doc in docs if (packed := cache.get(doc)) is not None}
        for doc, text in _in(ex, "SELECT id, text FROM documents WHERE id IN ({})", set(docs) - found.keys()):
            found[doc] = array("Q", shingles(body_text(text))).tobytes()
            cache.put(doc, found[doc])
        return found

    def similar_to(s: frozenset[int], candidates: list[str]) -> list[str]:
        packed = shingles_of(candidates)
        return [other for other in candidates if _copies(s, packed[other])]

    sets = {doc: frozenset(array("Q", packed)) for doc, packed in shingles_of(block).items()}
    sketches = {doc: [f"{h:016x}" for h in heapq.nsmallest(SKETCH, sets[doc])] for doc in block}
    hashes = {h for sketch in sketches.values() for h in sketch}
    # stored documents (and those of earlier blocks) by sketch hash: counted; listed where few
    stored_count = dict(_in(ex, "SELECT hash, count(*) FROM document_sketches WHERE hash IN ({}) GROUP BY hash",
                            hashes))  # fmt: skip
    stored_docs: dict[str, list[str]] = defaultdict(list)
    for h, doc in _in(ex, "SELECT hash, doc FROM document_sketches WHERE hash IN ({})",
                      [h for h, n in stored_count.items() if n < MAX_BUCKET]):  # fmt: skip
        stored_docs[h].append(doc)
    listed = {doc for docs in stored_docs.values() for doc in docs}
    group: dict[str, str] = dict(_in(ex, "SELECT doc, grp FROM document_groups WHERE doc IN ({})", listed))
    if len(listed) <= PREFETCH:  # their texts read in a few queries, not a few per document
        shingles_of(listed)
    block_docs: dict[str, list[str]] = defaultdict(list)  # this block's documents by sketch hash
    changed: set[str] = set()
    for doc in block:
        s, sketch = sets[doc], sketches[doc]
        # a hash shared by too many documents is boilerplate
        small = [h for h in sketch if stored_count.get(h, 0) + len(block_docs[h]) + 1 <= MAX_BUCKET]
        candidates = sorted({d for h in small for d in stored_docs[h] + block_docs[h]} - {doc})
        similar = similar_to(s, candidates)
        roots = {group[other] for other in similar if other in group}  # documents not grouped yet come later
        root = min(roots | {doc})
        group[doc] = root
        for h in sketch:
            block_docs[h].append(doc)
        for old in sorted(roots - {root}):  # two groups merge: every member takes the smaller name
            # (the block's own documents are new: their propositions are regrouped anyway)
            members = {row[0] for row in ex.read("SELECT doc FROM document_groups WHERE grp = ?", (old,))}
            changed |= members
            ex.write_many("UPDATE document_groups SET grp = ? WHERE grp = ?", [(root, old)])
            group.update({d: root for d in members} | {d: root for d, g in group.items() if g == old})
    ex.write_many("INSERT INTO document_sketches (doc, hash) VALUES (?, ?)",
                  [(doc, h) for doc in block for h in sketches[doc]])  # fmt: skip
    ex.write_many("INSERT INTO document_groups (doc, grp) VALUES (?, ?)", [(doc, group[doc]) for doc in block])
    return changed


def _copies(a: frozenset[int], packed: bytes) -> bool:
    """``jaccard(a, b) >= THRESHOLD`` for ``b`` packed, without unpacking ``b`` into a set; no at
    once where the sizes alone keep it under (it is at most min / max)."""
    m, n = len(a), len(packed) // 8
    if not m or not n or min(m, n) < THRESHOLD * max(m, n):
        return False
    inter = len(a.intersection(array("Q", packed)))
    return inter / (m + n - inter) >= THRESHOLD
