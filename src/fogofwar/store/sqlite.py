"""The SQLite ledger (stdlib ``sqlite3``): WAL journal, foreign keys, parameterised SQL only.

Writes go through one connection under a lock. Reads of a file ledger take an idle connection
from a pool of read-only ones (one more is opened when all are busy): WAL lets them run beside
the writer and beside each other, so a web server's worker threads do not queue behind one lock,
and each read sees the last committed write. An in-memory ledger exists on one connection only,
so it reads there, under the lock.
``add_many`` writes a whole batch in one transaction: any exception (KeyboardInterrupt
included) raised while the batch is read or written rolls the batch back entirely.
An article whose content hash is stored already is skipped (idempotent ingest), or kept as a
syndicated copy when its publisher or URL differs (``store.copies``); one whose id
is taken by a different text is stored under ``<id>~<first 8 hex of its hash>``.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from fogofwar.errors import StoreError
from fogofwar.models import AnalyzedArticle
from fogofwar.store.copies import INSERT_COPY, copy_values
from fogofwar.store.proposition_table import (
    Exec,
    has_pending,
    mark_pending,
    needs_rebuild,
    rebuild,
    regroup_pending,
)
from fogofwar.store.reads import LedgerReads
from fogofwar.store.rows import CLAIM_COLUMNS, SQLITE, claim_row, date_span, fts_query
from fogofwar.store.schema import migrations
from fogofwar.store.sqlite_access import read_only_reason, read_only_uri, write_failure

__all__ = ["SQLiteStore", "claim_row", "date_span", "fts_query"]

_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in CLAIM_COLUMNS)})"
)


class SQLiteStore(LedgerReads):  # reads: shared with PostgreSQL; ledger_queries: propositions/API
    """``LedgerStore`` on one SQLite file (or ``":memory:"``)."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        #: why this ledger may only be read (a read-only file or folder), else None
        self.read_only: str | None = read_only_reason(self.path)
        self._target, self._uri = (read_only_uri(self.path), True) if self.read_only else (self.path, False)
        self._conn = self._connect()
        self._idle_readers: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._readers: list[sqlite3.Connection] = []  # every read connection opened
        self._closed = False
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.read_only:
                self._check_migrated()
            else:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                migrations.apply(self._conn)
                self._ensure_propositions()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"not a fogofwar ledger or not writable ({exc}); give a new file name", self.path
            ) from None
        except BaseException:
            self._conn.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self._target, isolation_level=None, check_same_thread=False, timeout=30, uri=self._uri
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the ledger ({exc}); check the folder exists", self.path
            ) from None
        conn.row_factory = sqlite3.Row
        return conn

    def _check_migrated(self) -> None:
        pending = [step.name for step in migrations.pending(self._conn)]
        if pending:
            raise StoreError(
                f"the ledger is read-only ({self.read_only}) and needs migrating"
                f" ({', '.join(pending)}); make it writable once", self.path
            )

    def check_writable(self) -> None:
        """``StoreError`` now, before any work, when this ledger may only be read."""
        if self.read_only:
            raise StoreError(
                f"the ledger is read-only: {self.read_only}; nothing written"
                " (make it writable, e.g. chmod u+w, or give another --db)", self.path
            )

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, analyzed: AnalyzedArticle) -> bool:
        return self.add_many([analyzed]) == 1

    def add_many(self, batch: Iterable[AnalyzedArticle], settle: bool = True) -> int:
        with self._write() as conn:
            stored = [doc for analyzed in batch if (doc := self._insert(conn, analyzed)) is not None]
            mark_pending(_exec(conn), stored)
            if settle:  # propositions follow in the same transaction
                regroup_pending(_exec(conn))
            return len(stored)

    def settle_propositions(self) -> bool:
        """Regroup what writes with ``settle=False`` left pending (once, at the end of a bulk
        run; before a read of propositions); False when some are pending on a read-only ledger."""
        if not has_pending(self._read):
            return True
        if self.read_only:
            return False
        with self._write() as conn:
            regroup_pending(_exec(conn))  # nothing left if another writer did it meanwhile
        return True

    def _ensure_propositions(self) -> None:
        """Fill the proposition tables of a ledger written before they existed (once)."""
        if needs_rebuild(_exec(self._conn).read):
            with self._write() as conn:
                rebuild(_exec(conn))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self.check_writable()
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(write_failure(exc), self.path) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(write_failure(exc), self.path) from None
                raise

    def _insert(self, conn: sqlite3.Connection, analyzed: AnalyzedArticle) -> str | None:
        article = analyzed.article
        content_hash = article.content_hash
        known = conn.execute(
            "SELECT id, source, url FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        if known:  # the same text again: a syndicated copy, or a re-run (nothing to do)
            if (values := copy_values(known[0], known[1], known[2], article)) is not None:
                conn.execute(INSERT_COPY, values)
            return None
        doc_id = article.id
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            doc_id = f"{article.id}~{content_hash[:8]}"
        published = article.published.isoformat() if article.published else None
        conn.execute(
            "INSERT INTO documents (id, content_hash, title, source, url, published, origin,"
            " text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, content_hash, article.title, article.source, article.url, published,
                article.origin, article.text, datetime.now(UTC).isoformat(),
            ),
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO sentences (doc, idx, start, "end") VALUES (?, ?, ?, ?)',
            [(doc_id, s.index, s.start, s.end) for s in analyzed.sentences],
        )
        conn.executemany(
            'INSERT INTO entities (doc, start, "end", type, text, country, canonical, source)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, m.start, m.end, m.type.value, m.text, m.country, m.canonical, m.source)
                for m in analyzed.entities()
            ],
        )
        sentence_text = {s.index: s.text for s in analyzed.sentences}
        for index, claim in enumerate(analyzed.claims):
            row = claim_row(doc_id, index, claim, article.published)
            claim_id = conn.execute(_INSERT_CLAIM, row).lastrowid
            for ev in claim.evidence:
                ev_id = conn.execute(
                    'INSERT INTO evidence (claim, start, "end", text, sentence_index)'
                    " VALUES (?, ?, ?, ?, ?)",
                    (claim_id, ev.start, ev.end, ev.text, ev.sentence_index),
                ).lastrowid
                conn.execute(
                    "INSERT INTO evidence_fts (rowid, text, sentence) VALUES (?, ?, ?)",
                    (ev_id, ev.text, sentence_text.get(ev.sentence_index, "")),
                )
        return doc_id

    # -- reading ---------------------------------------------------------------------------

    def _read(self, sql: str, params: Iterable[Any]) -> list[sqlite3.Row]:
        if self.path == ":memory:":
            with self._lock:
                return self._fetch(self._conn, sql, params)
        conn = self._reader()
        try:
            return self._fetch(conn, sql, params)
        finally:
            self._idle_readers.put(conn)

    def _reader(self) -> sqlite3.Connection:
        """An idle read connection, or a new one when all are busy (as many as reads at once)."""
        try:
            return self._idle_readers.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise StoreError("cannot read the ledger: the store is closed", self.path)
            conn = self._connect()
            conn.execute("PRAGMA query_only = ON")
            self._readers.append(conn)
        return conn

    def _fetch(self, conn: sqlite3.Connection, sql: str, params: Iterable[Any]) -> list[sqlite3.Row]:
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the ledger ({exc})", self.path) from None

    def _applied_migrations(self) -> list[str]:
        with self._lock:
            return migrations.applied(self._conn)


def _exec(conn: sqlite3.Connection) -> Exec:
    return Exec(read=lambda sql, params: conn.execute(sql, tuple(params)).fetchall(),
                write_many=lambda sql, rows: conn.executemany(sql, rows) and None)  # fmt: skip
