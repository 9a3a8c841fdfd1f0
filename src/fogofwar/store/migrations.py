"""Schema migrations: named functions registered with a decorator, recorded once applied.

Modelled on ``sqlite_utils/migrations.py``::

    migrations = Migrations("fogofwar")

    @migrations()
    def m001_initial(conn): ...

``apply(conn)`` runs, in registration order, each migration not yet listed in the
``migrations`` table, each in its own transaction, and records its name and time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fogofwar.errors import StoreError

MigrationFn = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFn


class Migrations:
    """An ordered set of migrations under one name (several sets may share a database)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[Migration] = []

    def __call__(self, name: str | None = None) -> Callable[[MigrationFn], MigrationFn]:
        def register(fn: MigrationFn) -> MigrationFn:
            step_name = name or fn.__name__
            if any(step.name == step_name for step in self._steps):
                raise ValueError(f"migration '{step_name}' is registered twice in '{self.name}'")
            self._steps.append(Migration(step_name, fn))
            return fn

        return register

    @property
    def steps(self) -> list[Migration]:
        return list(self._steps)

    @property
    def names(self) -> list[str]:
        return [step.name for step in self._steps]

    def applied(self, conn: sqlite3.Connection) -> list[str]:
        _ensure_table(conn)
        rows = conn.execute(
            "SELECT name FROM migrations WHERE migration_set = ? ORDER BY applied_at, rowid",
            (self.name,),
        ).fetchall()
        return [row[0] for row in rows]

    def pending(self, conn: sqlite3.Connection) -> list[Migration]:
        done = set(self.applied(conn))
        return [step for step in self._steps if step.name not in done]

    def apply(self, conn: sqlite3.Connection) -> list[str]:
        """Apply what is pending; returns the names applied now. Needs autocommit mode."""
        applied_now = []
        for step in self.pending(conn):
            conn.execute("BEGIN IMMEDIATE")
            try:
                step.fn(conn)
                conn.execute(
                    "INSERT INTO migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                    (self.name, step.name, datetime.now(UTC).isoformat()),
                )
                conn.execute("COMMIT")
            except BaseException as exc:
                conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"migration {step.name} failed ({exc})") from exc
                raise
            applied_now.append(step.name)
        return applied_now


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations ("
        " migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,"
        " PRIMARY KEY (migration_set, name))"
    )
