"""Exact claim counts per filter, kept from one call to the next (``ClaimCounts``).

A page of claims says how many the filter selects in all. Counting a filter that no index
answers (a claimant substring, a country on either side) visits every claim: about 0.1 s at
100,000 claims, on every page. Stored claims never change and are never deleted, and in SQLite
their ids grow in the order their writes commit (one writer at a time), so a count stays right
for every claim up to the largest id it saw: the next call counts only the claims added since
(an index range on the id, a country on either side tested row by row) and adds them; a
count from scratch takes a country as the union of two index scans. PostgreSQL's ids come from a sequence and may commit
out of order, so it is counted afresh every time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from fogofwar.lru import SizedLRU
from fogofwar.store.base import ClaimFilter
from fogofwar.store.rows import (
    EITHER_COUNTRY_OR,
    EITHER_COUNTRY_UNION,
    Dialect,
    claim_where,
)

Read = Callable[[str, Sequence[Any]], list[Any]]


class ClaimCounts:
    """``count(filters)`` over one ledger; remembers the last ``keep`` filters' counts."""

    def __init__(self, read: Read, dialect: Dialect, keep: int = 256) -> None:
        self._read = read
        self._dialect = dialect
        self._whole = replace(dialect, either_country=EITHER_COUNTRY_UNION)
        self._new_only = replace(dialect, either_country=EITHER_COUNTRY_OR)
        self._known: SizedLRU[tuple, tuple[int, int]] = SizedLRU(keep)  # filter -> (up to id, count)

    def count(self, filters: ClaimFilter) -> int:
        where, params = claim_where(filters, self._whole)
        if self._dialect.name != "sqlite":
            return self._read(f"SELECT count(*) FROM claims c{where}", params)[0][0]
        key = (where, tuple(params))
        top = self._read("SELECT max(id) FROM claims", ())[0][0] or 0
        since, known = self._known.get(key) or (0, 0)
        if since > top:  # (cannot happen in an append-only ledger; count afresh)
            since, known = 0, 0
        if since < top:  # count (since, top]: a write committed meanwhile is left to the next call
            if since:
                where, params = claim_where(filters, self._new_only)
            joint = f"{where} AND" if where else " WHERE"
            known += self._read(f"SELECT count(*) FROM claims c{joint} c.id > ? AND c.id <= ?",
                                [*params, since, top])[0][0]  # fmt: skip
        self._known.put(key, (top, known))
        return known
