"""``SizedLRU``: values kept by key, the least recently used dropped once their sizes add up
past a budget. One mechanism for the caches that must stay bounded: the shingles of a
regrouping (``store.syndication_table``), the rendered propositions of the API
(``ledger.index``) and the kept claim counts (``store.claim_counts``)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SizedLRU(Generic[K, V]):
    """Thread-safe; ``size`` measures a value (1 for each: ``budget`` counts entries). The most
    recent entry is kept even when it alone passes the budget."""

    def __init__(self, budget: int, size: Callable[[V], int] = lambda _: 1) -> None:
        self.budget, self.used = budget, 0
        self._size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[K, V] = OrderedDict()

    def __contains__(self, key: K) -> bool:
        return key in self._kept

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: K) -> V | None:
        """The value kept for ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            value = self._kept.get(key)
            if value is not None:
                self._kept.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self.used -= self._size(old)
            self._kept[key] = value
            self.used += self._size(value)
            while self.used > self.budget and len(self._kept) > 1:
                _, dropped = self._kept.popitem(last=False)
                self.used -= self._size(dropped)
