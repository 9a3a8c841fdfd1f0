"""How SQL shared by both backends (``?`` placeholders) reaches one backend inside its
transaction: ``Exec``, built by ``sqlite.py`` and ``postgres.py``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Exec:
    """How the shared SQL reaches one backend inside its transaction."""

    read: Callable[[str, Sequence[Any]], list[Any]]  # rows (by position and by name)
    write_many: Callable[[str, list[Sequence[Any]]], None]


def marks(n: int) -> str:
    """``?, ?, ...``: ``n`` placeholders."""
    return ", ".join("?" for _ in range(n))
