"""The PostgreSQL ledger (psycopg 3 and a ``psycopg_pool`` connection pool), for many writers.

Opened with a libpq URL (``postgresql://user@host:5432/db``,
``postgresql:///db?host=/var/run/postgresql``). The schema (``pg_schema.py``) is migrated on
first use under an advisory lock. Reads are the shared ``LedgerReads`` (the same SQL, filters
and paging as SQLite), each on a connection taken from the pool, so a web server's threads read
in parallel.

``add_many`` writes a batch in one transaction on one connection: all or nothing, propositions
included (``proposition_table``; writers take turns on an advisory lock for that). Many
processes may write at once: ``documents.content_hash`` is unique and each document goes in
with ``INSERT ... ON CONFLICT DO NOTHING``, so an article two writers race on is stored once
(the second waits for the first to commit, then skips it) and none is lost. A batch that meets
a deadlock (two writers taking the same articles in another order) is retried whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Self

from fogofwar.errors import StoreError
from fogofwar.models import AnalyzedArticle
from fogofwar.store import pg_schema, redact
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
from fogofwar.store.rows import CLAIM_COLUMNS, POSTGRES, claim_row, qmark_to_format

try:
    import psycopg
    from psycopg_pool import ConnectionPool
except ImportError:  # pragma: no cover - depends on the install
    psycopg = None  # type: ignore[assignment]

POOL_SIZE = 8  # connections at most per store (the web server's threads share them)
CONNECT_TIMEOUT_S = 10
BATCH_RETRIES = 5  # tries of a batch that deadlocks with another writer
PROPOSITIONS_LOCK = 0x666F68  # advisory lock: one writer regroups propositions at a time

_INSERT_DOCUMENT = (
    "INSERT INTO documents (id, content_hash, title, source, url, published, origin, text,"
    " ingested_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id"
)
_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join('%s' for _ in CLAIM_COLUMNS)}) RETURNING id"
)
_INSERT_EVIDENCE = (
    'INSERT INTO evidence (claim, start, "end", text, sentence_index, tsv)'
    " VALUES (%s, %s, %s, %s, %s, to_tsvector('fogofwar', %s))"
)

class Row(tuple):
    """A result row that indexes by position and by column name (like ``sqlite3.Row``)."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Self:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


class PostgresStore(LedgerReads):
    """``LedgerStore`` on a PostgreSQL database."""

    dialect = POSTGRES

    def __init__(self, url: str, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        self.path = redact(url)  # what messages name (never the password)
        if psycopg is None:
            raise StoreError(
                'the PostgreSQL ledger needs psycopg; pip install "psycopg[binary]" psycopg_pool',
                self.path,
            )
        try:
            with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True) as conn:
                pg_schema.apply(conn)
        except psycopg.Error as exc:  # no server, no such database, a malformed URL...
            raise StoreError(f"cannot open the ledger ({_first_line(exc)})", self.path) from None
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            # autocommit: a read is one round trip; add_many opens its transaction explicitly
            kwargs={"row_factory": _row_factory, "connect_timeout": CONNECT_TIMEOUT_S, "autocommit": True},
            open=False,
            name="fogofwar",
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:  # PoolTimeout is one
            self._pool.close()
            raise StoreError(f"cannot open the ledger ({_first_line(exc)})", self.path) from None
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (PROPOSITIONS_LOCK,))
                if needs_rebuild(_exec(conn).read):  # a ledger written before the tables existed
                    rebuild(_exec(conn))
        except psycopg.Error as exc:
            self._pool.close()
            raise StoreError(f"cannot open the ledger ({_first_line(exc)})", self.path) from None

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._pool.close()

    # -- writing ---------------------------------------------------------------------------

    def add_many(self, batch: Iterable[AnalyzedArticle], settle: bool = True) -> int:
        articles = list(batch)  # read whole first: an iterator that raises writes nothing
        for attempt in range(BATCH_RETRIES):
            try:
                with self._pool.connection() as conn, conn.transaction():
                    return _insert_batch(conn, articles, settle)
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == BATCH_RETRIES - 1:
                    raise StoreError(
                        "cannot write to the ledger (deadlock with another writer, retried"
                        f" {BATCH_RETRIES} times); run the ingest again", self.path
                    ) from None
            except psycopg.Error as exc:
                raise StoreError(f"cannot write to the ledger ({_first_line(exc)})", self.path) from None
        return 0  # not reached

    def settle_propositions(self) -> bool:
        """Regroup what writes with ``settle=False`` left pending (once, at the end of a bulk
        run; before a read of propositions); always True (a PostgreSQL ledger is writable)."""
        if not has_pending(self._read):
            return True
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (PROPOSITIONS_LOCK,))
                regroup_pending(_exec(conn))  # nothing left if another writer did it meanwhile
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to the ledger ({_first_line(exc)})", self.path) from None
        return True

    # -- reading ---------------------------------------------------------------------------

    def _read(self, sql: str, params: Iterable[Any]) -> list[Row]:
        try:
            with self._pool.connection() as conn:
                return conn.execute(qmark_to_format(sql), tuple(params)).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"cannot read the ledger ({_first_line(exc)})", self.path) from None

    def _applied_migrations(self) -> list[str]:
        with self._pool.connection() as conn:
            return pg_schema.applied(conn)


def _insert_batch(conn: Any, articles: list[AnalyzedArticle], settle: bool) -> int:
    """Write a batch inside the caller's transaction; how many articles were new.

    Documents go in one by one (each may be a duplicate or need a suffixed id); their
    sentences, entities, claims and evidence then go in four pipelined statements for the
    whole batch, in the order SQLite writes them (so ids come out the same). ``settle``:
    regroup the pending documents (these and any left by others) before committing."""
    if settle:  # one writer at a time from here: propositions are regrouped on what is committed
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PROPOSITIONS_LOCK,))
    stored = [(doc_id, analyzed) for analyzed in articles
              if (doc_id := _insert_document(conn, analyzed)) is not None]  # fmt: skip
    if not stored:
        return 0
    sentences, entities, claims, evidence_of = [], [], [], []
    for doc_id, analyzed in stored:
        published = analyzed.article.published
        sentences += [(doc_id, s.index, s.start, s.end) for s in analyzed.sentences]
        entities += [
            (doc_id, m.start, m.end, m.type.value, m.text, m.country, m.canonical, m.source)
            for m in analyzed.entities()
        ]
        sentence_text = {s.index: s.text for s in analyzed.sentences}
        for index, claim in enumerate(analyzed.claims):
            claims.append(claim_row(doc_id, index, claim, published))
            evidence_of.append([
                (ev.start, ev.end, ev.text, ev.sentence_index,
                 f"{ev.text} {sentence_text.get(ev.sentence_index, '')}")
                for ev in claim.evidence
            ])  # fmt: skip
    with conn.cursor() as cur:
        cur.executemany(
            'INSERT INTO sentences (doc, idx, start, "end") VALUES (%s, %s, %s, %s)', sentences
        )
        cur.executemany(
            'INSERT INTO entities (doc, start, "end", type, text, country, canonical, source)'
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            entities,
        )
        if claims:
            cur.executemany(_INSERT_CLAIM, claims, returning=True)
            claim_ids = [cur.fetchone()[0]]
            while cur.nextset():
                claim_ids.append(cur.fetchone()[0])
            cur.executemany(
                _INSERT_EVIDENCE,
                [(claim_id, *ev) for claim_id, evs in zip(claim_ids, evidence_of, strict=True)
                 for ev in evs],
            )  # fmt: skip
    mark_pending(_exec(conn), [doc_id for doc_id, _ in stored])
    if settle:
        regroup_pending(_exec(conn))
    return len(stored)


def _exec(conn: Any) -> Exec:
    def read(sql: str, params: Sequence[Any]) -> list[Any]:
        cur = conn.execute(qmark_to_format(sql), tuple(params))
        return cur.fetchall() if cur.description else []

    def write_many(sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            with conn.cursor() as cur:
                cur.executemany(qmark_to_format(sql), rows)

    return Exec(read, write_many)


def _insert_document(conn: Any, analyzed: AnalyzedArticle) -> str | None:
    """Insert a document row; its id, or None when its text is stored already."""
    article = analyzed.article
    if any("\x00" in (value or "") for value in (article.id, article.text, article.title,
                                                  article.source, article.url, article.origin)):
        raise StoreError(
            "the article holds a NUL character, which PostgreSQL cannot store; remove it",
            article.id.replace("\x00", "\\0"),
        )
    content_hash = article.content_hash
    published = article.published.isoformat() if article.published else None
    values = [
        article.id, content_hash, article.title, article.source, article.url, published,
        article.origin, article.text, datetime.now(UTC).isoformat(),
    ]  # fmt: skip
    for doc_id in (article.id, f"{article.id}~{content_hash[:8]}"):  # the id may be taken
        values[0] = doc_id
        if conn.execute(_INSERT_DOCUMENT, values).fetchone() is not None:
            return doc_id
        known = conn.execute(
            "SELECT id, source, url FROM documents WHERE content_hash = %s", (content_hash,)
        ).fetchone()
        if known is not None:  # the same text again: a syndicated copy, or a re-run
            if (copy := copy_values(known[0], known[1], known[2], article)) is not None:
                conn.execute(qmark_to_format(INSERT_COPY), copy)
            return None
    raise StoreError(f"document id {values[0]} is taken by another text; rename it")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
