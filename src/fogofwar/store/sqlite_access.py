"""How the SQLite ledger file may be opened, and why a write to it failed, in words.

A ledger that may not be written (a file without write permission, ``chmod a-w``, or in a folder
that may not be written) is opened read-only: it can still be queried and served, and any write
is refused with one line saying why, before anything is analysed. The mode bits decide even for
root (who could write anyway), as ``rm`` does for write-protected files: a ledger marked
read-only stays as it is.

A write that fails (a full disk, a file size limit, a lock held too long, a damaged file) rolls
back the whole batch; ``write_failure`` says what happened and that the ledger is as it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from fogofwar.errors import StoreError

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
_REASONS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "the disk could not be written (full, a file size limit, or failing)",
    "SQLITE_READONLY": "the ledger is read-only",
    "SQLITE_BUSY": "another process held the ledger's write lock too long",
    "SQLITE_LOCKED": "another connection held the ledger's write lock too long",
    "SQLITE_CORRUPT": "the ledger file is damaged",
    "SQLITE_NOTADB": "the file is not a SQLite ledger",
    "SQLITE_CANTOPEN": "a file of the ledger cannot be opened",
}


def read_only_reason(path: str) -> str | None:
    """Why the ledger at ``path`` may only be read, or None when it may be written;
    ``StoreError`` for a new ledger in a folder that may not be written."""
    if path == ":memory:" or path.startswith("file:"):
        return None
    file = Path(path)
    if not file.exists():
        folder = file.absolute().parent
        if folder.is_dir() and not _writable(folder):
            raise StoreError(f"cannot create the ledger: its folder {folder} is read-only; give another --db", path)
        return None
    if not _writable(file):
        return f"the file is read-only (mode {stat.S_IMODE(file.stat().st_mode):04o})"
    folder = file.resolve().parent
    if not _writable(folder):
        return f"its folder {folder} is read-only"
    return None


def _writable(path: Path) -> bool:
    return bool(path.stat().st_mode & _WRITE_BITS) and os.access(path, os.W_OK)


def read_only_uri(path: str) -> str:
    """The URI that opens ``path`` read-only. In a read-only folder SQLite cannot make the WAL's
    shared-memory file, so the ledger is read as immutable, which is exact when no WAL is left."""
    file = Path(path).resolve()
    wal = file.with_name(file.name + "-wal")
    unfinished_wal = wal.exists() and wal.stat().st_size > 0
    immutable = not _writable(file.parent) and not unfinished_wal
    return f"file:{quote(str(file))}?mode=ro" + ("&immutable=1" if immutable else "")


def write_failure(exc: sqlite3.Error) -> str:
    """What a failed write means for the user: the cause, and that the batch was rolled back."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    reason = next((words for code, words in _REASONS.items() if name.startswith(code)), None)
    cause = f"{reason} ({exc})" if reason else str(exc)
    return f"cannot write to the ledger: {cause}; this batch was rolled back, the ledger is as it was before it"
