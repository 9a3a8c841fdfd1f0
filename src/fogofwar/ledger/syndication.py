"""Near-duplicate documents (syndicated wire copies), found in pure Python.

Two documents are copies of one text when the Jaccard similarity of their word 5-gram
shingles is at least ``THRESHOLD`` (0.8). A headline line is left out first: outlets rewrite
headlines of the wire copy they carry. Candidate pairs come from a bottom-k MinHash sketch
(two sets with Jaccard J share their minimum hash with probability J, so sets at 0.8 share one
of their ``SKETCH`` smallest hashes almost surely); each candidate pair is then verified with
the exact Jaccard of the shingle sets. Clusters are the connected components of verified
pairs, named by their smallest document id, so results do not depend on input order.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SHINGLE_WORDS = 5
THRESHOLD = 0.8
SKETCH = 8  # smallest shingle hashes kept per document for candidate pairs
MAX_BUCKET = 200  # a sketch hash shared by more documents than this is boilerplate: ignored

_WORD = re.compile(r"\w+", re.UNICODE)
_HEADLINE_MAX_WORDS = 25


def body_text(text: str) -> str:
    """The text without a leading headline line (short, no final full stop)."""
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if sep and rest.strip() and line and len(line.split()) <= _HEADLINE_MAX_WORDS and line[-1] not in ".!?\"'”’":
        return rest
    return text


def shingles(text: str, n: int = SHINGLE_WORDS) -> frozenset[int]:
    """64-bit hashes of the word ``n``-grams of a text (case-folded); one gram for short texts."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return frozenset()
    grams = (" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))
    return frozenset(
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big")
        for g in grams
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class SyndicationGroups:
    """``cluster[doc]`` is the id naming the doc's copy group (its own id when it has no copy)."""

    cluster: Mapping[str, str]
    pairs: tuple[tuple[str, str, float], ...]  # verified near-duplicate pairs (a < b), similarity

    def of(self, doc: str) -> str:
        return self.cluster.get(doc, doc)

    def copies(self, doc: str) -> list[str]:
        """Every document in the doc's copy group, itself included, sorted."""
        root = self.of(doc)
        return sorted(d for d, c in self.cluster.items() if c == root) or [doc]


def find_syndicated(texts: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> SyndicationGroups:
    """Group ``(doc id, text)`` pairs into near-duplicate clusters."""
    sets: dict[str, frozenset[int]] = {}
    buckets: dict[int, list[str]] = defaultdict(list)
    for doc, text in texts:
        s = shingles(body_text(text))
        sets[doc] = s
        for h in heapq.nsmallest(SKETCH, s):
            buckets[h].append(doc)
    candidates: set[tuple[str, str]] = set()
    for docs in buckets.values():
        if 1 < len(docs) <= MAX_BUCKET:
            ordered = sorted(set(docs))
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    candidates.add((a, b))
    parent = {doc: doc for doc in sets}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = []
    for a, b in sorted(candidates):
        sim = jaccard(sets[a], sets[b])
        if sim >= threshold:
            pairs.append((a, b, round(sim, 4)))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return SyndicationGroups({doc: find(doc) for doc in sets}, tuple(pairs))
