"""Propositions kept up to date on write: only the groups a new claim can change are regrouped.

Grouping (``propositions.build_propositions``) is greedy per ``group_key`` over claims sorted by
(day, document, position). Claims that sort before a new claim are grouped as before; from the
new claim on, ``regroup`` replays the greedy step over the key's claims in order, starting from
the groups still open at that point (rebuilt from their earlier members), and compares each
decision with the stored membership. A new group, or a stored proposition, whose members differ
is *dirty*. Once the replay reaches a day past the reach of every dirty group (old and new), no
later claim can join any of them, so every later decision is the stored one: the replay stops.
The result equals a full regrouping (a test checks it): stored propositions that are dirty are
replaced by the dirty new groups, all others stay.

The store provides the claims through ``GroupSource`` (inside the writing transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from fogofwar.ledger.propositions import (
    Group,
    Placed,
    assign,
    sort_key,
    window_of,
)
from fogofwar.store.ledger_queries import ClaimFacts

KEY_SEP = "\x1f"


def key_text(key: tuple) -> str:
    """A group key as stored in ``claims.proposition_key``."""
    return KEY_SEP.join("" if part is None else str(part) for part in key)


def reach_of(g: Group) -> str | None:
    """The last day a claim may be about and still join the group (None: any day)."""
    reach = g.reach(window_of(g.shape))
    return reach.isoformat() if reach else None


class GroupSource(Protocol):
    def facts(self, claim_ids: list[int]) -> list[ClaimFacts]:
        """The grouping facts of these claims."""
        ...

    def placed(self, c: ClaimFacts) -> Placed:
        """``propositions.placed(c)`` (a source may keep it)."""
        ...

    def open_groups(self, key: str, day: str | None) -> dict[str, tuple[str | None, list[ClaimFacts]]]:
        """Stored propositions of ``key`` that start on ``day`` or before and whose reach is
        ``day`` or later (or unbounded), or that have undated members: their reach and all their
        members; ``day`` None: every one of the key. (More is harmless: only members sorting
        before the first new claim are used.)"""
        ...

    def key_claims(self, key: str, first: str | None, last: str | None) -> list[ClaimFacts]:
        """Claims of ``key`` grouped on days ``first``..``last`` (both None: undated claims)."""
        ...

    def last_day(self, key: str) -> str | None:
        """The latest day a claim of ``key`` is grouped on."""
        ...

    def membership(self, claim_ids: list[int]) -> dict[int, tuple[str, str | None]]:
        """Stored proposition id and its reach, by claim."""
        ...


@dataclass
class Regrouped:
    removed: set[str] = field(default_factory=set)  # stored propositions to delete
    added: list[Group] = field(default_factory=list)  # groups to store in their place


CHUNK_DAYS = 14  # days of a key's claims read first while replaying; each later read twice as
MAX_CHUNK_DAYS = 112  # many days, up to this: a short replay reads little, a long one in few reads


def regroup(source: GroupSource, key: str, new_ids: set[int], start_key: tuple | None = None) -> Regrouped:
    """Regroup ``key`` after the claims ``new_ids`` (stored, not yet grouped) were added;
    ``start_key``: the first of them in grouping order (``sort_key``), when known."""
    if start_key is None:
        start_key = min(sort_key(p) for p in map(source.placed, source.facts(sorted(new_ids))))
    day = start_key[0].isoformat() if start_key[0] != date.max else source.last_day(key)
    seeds = source.open_groups(key, day)
    old_reach = {pid: reach for pid, (reach, _) in seeds.items()}
    # the groups open where the first new claim sorts, rebuilt from their members sorting before it
    state = []
    for pid, (_, members) in seeds.items():
        before = sorted((p for p in map(source.placed, members) if sort_key(p) < start_key), key=sort_key)
        if before:
            state.append((sort_key(before[0]), pid, before))
    candidates: list[Group] = []
    to_old: dict[int, str] = {}
    to_new: dict[str, Group] = {}
    for _, pid, before in sorted(state):
        g = Group(shape=before[0][1].shape)
        for c, span, d in before:
            g.add(c, span, d)
        candidates.append(g)
        to_old[id(g)], to_new[pid] = pid, g
    dirty_new: dict[int, Group] = {}
    dirty_old: set[str] = set()

    def taint(g: Group | None, pid: str | None) -> None:
        if g is not None:
            dirty_new[id(g)] = g
            if id(g) in to_old:
                dirty_old.add(to_old[id(g)])
        if pid is not None:
            dirty_old.add(pid)
            if pid in to_new:
                dirty_new[id(to_new[pid])] = to_new[pid]

    left = set(new_ids)
    for (c, span, d), stored in _replay(source, key, start_key):
        if d is not None and not left and _all_closed(d, dirty_new.values(), [old_reach.get(p) for p in dirty_old]):
            break
        g, created = assign(candidates, c, span, d)
        left.discard(c.id)
        pid = stored[0] if stored else None
        if stored:
            old_reach[stored[0]] = stored[1]
        mapped = to_old.get(id(g))
        if pid is None:
            taint(g, mapped)
        elif mapped == pid:
            continue
        elif mapped is None and created and pid not in to_new and pid not in dirty_old:
            to_old[id(g)], to_new[pid] = pid, g
        else:
            taint(g, pid)
            taint(None, mapped)
    return Regrouped(dirty_old, list(dirty_new.values()))


def _replay(source: GroupSource, key: str, start_key: tuple) -> Iterator[tuple[Placed, tuple[str, str | None] | None]]:
    """The key's claims from ``start_key`` on in grouping order, each with its stored proposition
    and that proposition's reach, read ``CHUNK_DAYS`` at first, then twice as many days each time
    (up to ``MAX_CHUNK_DAYS``)."""
    last = source.last_day(key)
    lo, end = start_key[0], date.fromisoformat(last) if last else None
    chunks: list[tuple[str | None, str | None]] = []
    days = CHUNK_DAYS
    while end is not None and lo <= end:
        hi = lo + timedelta(days=days - 1)
        chunks.append((lo.isoformat(), hi.isoformat()))
        lo, days = hi + timedelta(days=1), min(2 * days, MAX_CHUNK_DAYS)
    chunks.append((None, None))
    for first, last_of_chunk in chunks:
        chunk = sorted((p for p in map(source.placed, source.key_claims(key, first, last_of_chunk))
                        if sort_key(p) >= start_key), key=sort_key)  # fmt: skip
        stored = source.membership([p[0].id for p in chunk])
        for p in chunk:
            yield p, stored.get(p[0].id)


def _all_closed(day: date, new: Iterable[Group], old: Iterable[str | None]) -> bool:
    """Whether every dirty group, new or stored, ended before ``day``."""
    for g in new:
        reach = g.reach(window_of(g.shape))
        if reach is None or day <= reach:
            return False
    return all(reach is not None and day > date.fromisoformat(reach) for reach in old)
