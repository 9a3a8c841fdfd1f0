"""Syndication groups kept in the ledger: each new document joins the group of the stored
documents it nearly copies (``fogofwar.ledger.syndication``'s rule, one document at a time, in
order), through the MinHash sketches of ``document_sketches``; ``document_groups`` names each
document's group. Run by ``proposition_table`` inside its regrouping transaction."""

from __future__ import annotations

import heapq

from fogofwar.ledger.syndication import (
    MAX_BUCKET,
    SKETCH,
    THRESHOLD,
    body_text,
    jaccard,
    shingles,
)
from fogofwar.store.rows import chunks
from fogofwar.store.sql_exec import Exec, marks

SHINGLE_CACHE = 10_000  # documents whose shingles one regrouping keeps (about 4 kB each)


def join_syndication(ex: Exec, new_docs: list[str]) -> set[str]:
    """Put each new document in its syndication group (``find_syndicated``'s rule, one document
    at a time, in order); the stored documents whose group changed (two groups merged).
    A document's shingles are computed once per call, however many new documents it is a
    candidate for."""
    changed: set[str] = set()
    sets: dict[str, frozenset[int]] = {}

    def shingles_of(docs: list[str]) -> None:
        wanted = [d for d in docs if d not in sets]
        for chunk in chunks(wanted, 500):
            for doc, text in ex.read(f"SELECT id, text FROM documents WHERE id IN ({marks(len(chunk))})", chunk):
                sets[doc] = shingles(body_text(text))

    for number, doc in enumerate(new_docs):
        if len(sets) > SHINGLE_CACHE:
            for old in list(sets)[: len(sets) // 2]:
                del sets[old]
        if number % 500 == 0:
            shingles_of(new_docs[number : number + 500])
        shingles_of([doc])
        s = sets[doc]
        sketch = [f"{h:016x}" for h in heapq.nsmallest(SKETCH, s)]
        candidates: list[str] = []
        if sketch:
            # a hash shared by too many documents is boilerplate: counted in the index, not read
            sizes = ex.read(f"SELECT hash, count(*) FROM document_sketches WHERE hash IN ({marks(len(sketch))})"
                            " GROUP BY hash", sketch)  # fmt: skip
            small = sorted(row[0] for row in sizes if row[1] + 1 <= MAX_BUCKET)
            if small:
                rows = ex.read(f"SELECT DISTINCT doc FROM document_sketches WHERE hash IN ({marks(len(small))})",
                               small)  # fmt: skip
                candidates = sorted({row[0] for row in rows} - {doc})
        ex.write_many("INSERT INTO document_sketches (doc, hash) VALUES (?, ?)", [(doc, h) for h in sketch])
        roots = set()
        if candidates:
            shingles_of(candidates)
            similar = [other for other in candidates if jaccard(s, sets[other]) >= THRESHOLD]
            roots = {row[0] for chunk in chunks(similar, 500)  # documents not grouped yet come later
                     for row in ex.read(f"SELECT grp FROM document_groups WHERE doc IN ({marks(len(chunk))})",
                                        chunk)}  # fmt: skip
        root = min(roots | {doc})
        ex.write_many("INSERT INTO document_groups (doc, grp) VALUES (?, ?)", [(doc, root)])
        for old in sorted(roots - {root}):
            changed |= {row[0] for row in ex.read("SELECT doc FROM document_groups WHERE grp = ?", (old,))}
            ex.write_many("UPDATE document_groups SET grp = ? WHERE grp = ?", [(root, old)])
    return changed
