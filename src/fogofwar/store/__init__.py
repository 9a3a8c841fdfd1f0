"""The claim ledger: where analysed articles and their claims are kept and queried.

``open_store(url_or_path)`` picks the backend: a file path (or ``sqlite:///path``) opens the
SQLite ledger; a libpq URL (``postgresql://user@host:5432/db``,
``postgresql:///db?host=/var/run/postgresql``) the PostgreSQL one. Everything else in the
project talks to the ``LedgerStore`` protocol of ``store.base``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from fogofwar.errors import StoreError
from fogofwar.store.base import (
    ClaimFilter,
    DocumentCopy,
    DocumentSummary,
    LedgerStore,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoreStats,
)

_PASSWORD = re.compile(r"(?<=://)([^:/@?]*:)[^/?]*(?=@)|(?<=[?&]password=)[^&]*")
DEFAULT_DB_NAME = "fogofwar.sqlite"
DB_ENV = "FOGOFWAR_DB"


def default_db_path() -> str:
    """``$FOGOFWAR_DB`` when set, else ``./fogofwar.sqlite``."""
    return os.environ.get(DB_ENV) or str(Path.cwd() / DEFAULT_DB_NAME)


def redact(url_or_path: str) -> str:
    """A ledger path or URL fit for messages: a URL's password replaced by ``***``."""
    return _PASSWORD.sub(lambda m: f"{m.group(1) or ''}***", url_or_path)


def open_store(url_or_path: str | Path | None = None) -> LedgerStore:
    """Open (creating and migrating as needed) the ledger at a path or URL."""
    target = str(url_or_path) if url_or_path is not None else default_db_path()
    if _is_postgres(target):
        from fogofwar.store.postgres import PostgresStore

        return PostgresStore(target)
    from fogofwar.store.sqlite import SQLiteStore

    return SQLiteStore(sqlite_target(target))


def sqlite_target(target: str) -> str:
    """The SQLite file (or ``:memory:``) a ledger path or ``sqlite:///`` URL names."""
    if target.startswith("sqlite:///"):
        return target[len("sqlite:///") :]
    if "://" in target:
        raise StoreError(
            "unknown ledger URL scheme; give a file path or a postgresql:// URL", redact(target)
        )
    return target


def new_ledger_file(url_or_path: str) -> Path | None:
    """The SQLite file a ledger target names, where that file does not exist yet (``None`` for
    PostgreSQL, ``:memory:``, a file already there, or a target ``open_store`` refuses)."""
    if _is_postgres(url_or_path):
        return None
    try:
        target = sqlite_target(url_or_path)
    except StoreError:
        return None
    return None if target == ":memory:" or Path(target).exists() else Path(target)


def _is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


__all__ = [
    "ClaimFilter",
    "DocumentCopy",
    "DocumentSummary",
    "LedgerStore",
    "StoreStats",
    "StoredClaim",
    "StoredDocument",
    "StoredEntity",
    "default_db_path",
    "new_ledger_file",
    "open_store",
    "redact",
    "sqlite_target",
]
