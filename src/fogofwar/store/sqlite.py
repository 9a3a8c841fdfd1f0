"""The SQLite ledger (stdlib ``sqlite3``): WAL journal, foreign keys, parameterised SQL only.

One connection per store, guarded by a lock so a web server's worker threads can share it.
``add_many`` writes a whole batch in one transaction: any exception (KeyboardInterrupt
included) raised while the batch is read or written rolls the batch back entirely.
An article whose content hash is stored already is skipped (idempotent ingest); one whose id
is taken by a different text is stored under ``<id>~<first 8 hex of its hash>``.
"""

from __future__ import annotations

import calendar
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Self

from fogofwar.errors import StoreError
from fogofwar.models import AnalyzedArticle, Claim, Evidence
from fogofwar.store.base import (
    ClaimFilter,
    DocumentSummary,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoreStats,
)
from fogofwar.store.ledger_queries import LedgerQueries
from fogofwar.store.schema import migrations

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")

_CLAIM_COLUMNS = (
    "doc", "idx", "kind", "outcome", "value", "low", "high", "hedge", "vague",
    "affected_text", "affected_country", "affected_civilian", "agent_text", "agent_country",
    "target_text", "target_country", "recipient_text", "recipient_country", "item", "weapon",
    "place_name", "place_text", "country", "admin1", "lat", "lon", "geo_precision",
    "time_text", "date", "time_precision", "claimant", "claimant_cue", "trigger",
    "date_lo", "date_hi", "claimant_key", "place_key", "json",
)  # fmt: skip
_INSERT_CLAIM = (
    f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _CLAIM_COLUMNS)})"
)
_DOC_COLUMNS = (
    "d.id, d.content_hash, d.title, d.source, d.url, d.published, d.origin, d.ingested_at"
)


class SQLiteStore(LedgerQueries):  # ledger_queries: extra reads for propositions/API
    """``LedgerStore`` on one SQLite file (or ``":memory:"``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the ledger ({exc}); check the folder exists", self.path
            ) from None
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"not a fogofwar ledger or not writable ({exc}); give a new file name", self.path
            ) from None
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, analyzed: AnalyzedArticle) -> bool:
        return self.add_many([analyzed]) == 1

    def add_many(self, batch: Iterable[AnalyzedArticle]) -> int:
        with self._write() as conn:
            return sum(self._insert(conn, analyzed) for analyzed in batch)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to the ledger ({exc})", self.path) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write to the ledger ({exc})", self.path) from exc
                raise

    def _insert(self, conn: sqlite3.Connection, analyzed: AnalyzedArticle) -> bool:
        article = analyzed.article
        content_hash = article.content_hash
        if conn.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone():
            return False
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
        return True

    # -- reading ---------------------------------------------------------------------------

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentSummary]:
        rows = self._read(
            f"SELECT {_DOC_COLUMNS},"
            " (SELECT count(*) FROM claims c WHERE c.doc = d.id) AS claim_count"
            " FROM documents d ORDER BY d.rowid LIMIT ? OFFSET ?",
            (_limit(limit), _offset(offset)),
        )
        return [DocumentSummary(**_doc_fields(row), claim_count=row["claim_count"]) for row in rows]

    def document(self, doc_id: str) -> StoredDocument | None:
        rows = self._read(
            f"SELECT {_DOC_COLUMNS}, d.text FROM documents d WHERE d.id = ?", (doc_id,)
        )
        if not rows:
            return None
        row = rows[0]
        claims = self.claims(ClaimFilter(doc=doc_id), limit=-1)
        return StoredDocument(
            **_doc_fields(row),
            claim_count=len(claims),
            text=row["text"],
            claims=claims,
            entities=self.entities(doc=doc_id, limit=-1),
        )

    def claims(
        self, filters: ClaimFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoredClaim]:
        where, params = _where(filters or ClaimFilter())
        # page through ids first (index-only), then fetch the wide rows of that page
        rows = self._read(
            "SELECT c.id, c.doc, c.idx, c.json, d.published, d.source"
            " FROM claims c JOIN documents d ON d.id = c.doc"
            f" WHERE c.id IN (SELECT c.id FROM claims c{where} ORDER BY c.id LIMIT ? OFFSET ?)"
            " ORDER BY c.id",
            (*params, _limit(limit), _offset(offset)),
        )
        evidence = self._evidence([row["id"] for row in rows])
        return [
            StoredClaim(
                id=row["id"],
                doc=row["doc"],
                index=row["idx"],
                claim=json.loads(row["json"]),
                published=_date(row["published"]),
                publisher=row["source"],
                evidence=evidence.get(row["id"], []),
            )
            for row in rows
        ]

    def count_claims(self, filters: ClaimFilter | None = None) -> int:
        where, params = _where(filters or ClaimFilter())
        return self._read(f"SELECT count(*) FROM claims c{where}", params)[0][0]

    def entities(
        self, doc: str | None = None, type: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[StoredEntity]:
        where, params = entity_where(doc, type)
        rows = self._read(
            f'SELECT doc, start, "end", type, text, country, canonical FROM entities{where}'
            " ORDER BY id LIMIT ? OFFSET ?",
            (*params, _limit(limit), _offset(offset)),
        )
        return [StoredEntity(**dict(row)) for row in rows]

    def stats(self) -> StoreStats:
        def count(table: str) -> int:  # table names are constants below, never user input
            return self._read(f"SELECT count(*) FROM {table}", ())[0][0]

        by_kind = self._read("SELECT kind, count(*) FROM claims GROUP BY kind ORDER BY kind", ())
        span = self._read("SELECT min(published), max(published) FROM documents", ())[0]
        with self._lock:
            applied = migrations.applied(self._conn)
        return StoreStats(
            documents=count("documents"),
            claims=count("claims"),
            entities=count("entities"),
            evidence=count("evidence"),
            claims_by_kind={row[0]: row[1] for row in by_kind},
            first_published=_date(span[0]),
            last_published=_date(span[1]),
            migrations=applied,
        )

    def _evidence(self, claim_ids: list[int]) -> dict[int, list[Evidence]]:
        out: dict[int, list[Evidence]] = {}
        for chunk in _chunks(claim_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            rows = self._read(
                f'SELECT claim, start, "end", text, sentence_index FROM evidence'
                f" WHERE claim IN ({marks}) ORDER BY id",
                chunk,
            )
            for row in rows:
                out.setdefault(row["claim"], []).append(
                    Evidence(row["start"], row["end"], row["text"], row["sentence_index"])
                )
        return out

    def _read(self, sql: str, params: Iterable[Any]) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the ledger ({exc})", self.path) from None


# -- rows ------------------------------------------------------------------------------------


def claim_row(doc_id: str, index: int, claim: Claim, published: date | None) -> tuple[Any, ...]:
    """The values of one ``claims`` row, in ``_CLAIM_COLUMNS`` order."""
    q, loc, t, att = claim.quantity, claim.location, claim.time, claim.attribution
    aff, agent, target, recipient = claim.affected, claim.agent, claim.target, claim.recipient
    date_lo, date_hi = date_span(t.date if t else None, published)
    claimant = att.claimant if att else None
    place_parts = [p for p in (loc.name, loc.text, loc.admin1) if p] if loc else []
    civilian = None if aff is None or aff.civilian is None else int(aff.civilian)
    values = (
        doc_id, index, claim.kind.value, claim.outcome,
        q.value if q else None, q.low if q else None, q.high if q else None,
        q.hedge.value if q and q.hedge else None, q.vague if q else None,
        aff.text if aff else None, aff.country if aff else None, civilian,
        agent.text if agent else None, agent.country if agent else None,
        target.text if target else None, target.country if target else None,
        recipient.text if recipient else None, recipient.country if recipient else None,
        claim.item.text if claim.item else None, claim.weapon.text if claim.weapon else None,
        loc.name if loc else None, loc.text if loc else None, loc.country if loc else None,
        loc.admin1 if loc else None, loc.latitude if loc else None,
        loc.longitude if loc else None, loc.precision if loc else None,
        t.text if t else None, t.date if t else None, t.precision if t else None,
        claimant, att.cue if att else None, claim.trigger,
        date_lo, date_hi,
        claimant.casefold() if claimant else None,
        "\x1f".join(place_parts).casefold() if place_parts else None,
        json.dumps(claim.to_dict(), ensure_ascii=False),
    )  # fmt: skip
    return values


def entity_where(doc: str | None, type: str | None) -> tuple[str, list[str]]:
    """The WHERE clause (and its parameters) selecting entities of a document and/or a type."""
    clauses, params = [], []
    if doc is not None:
        clauses.append("doc = ?")
        params.append(doc)
    if type is not None:
        clauses.append("type = ?")
        params.append(type)
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def date_span(claim_date: str | None, published: date | None) -> tuple[str | None, str | None]:
    """First and last ISO day a claim's date covers ("2016-12" → the month, "2024-W50" → the
    ISO week), else published."""
    week = _ISO_WEEK.fullmatch(claim_date or "")
    if week:
        try:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        except ValueError:
            pass
    match = _PARTIAL_DATE.match(claim_date or "")
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
        try:
            if day:
                iso = date(int(year), int(month), int(day)).isoformat()
                return iso, iso
            if month:
                last = calendar.monthrange(int(year), int(month))[1]
                return f"{year}-{month}-01", date(int(year), int(month), last).isoformat()
            return f"{year}-01-01", f"{year}-12-31"
        except ValueError:
            pass
    if published is not None:
        return published.isoformat(), published.isoformat()
    return None, None


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query that requires each word (quoted: no operator injection)."""
    words = _FTS_TOKEN.findall(text)
    return " ".join(f'"{w}"' for w in words) if words else None


def _where(f: ClaimFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.kind:
        add("c.kind = ?", f.kind)
    if f.outcome:
        add("c.outcome = ?", f.outcome)
    if f.country:
        country = f.country.upper()
        add(
            "c.id IN (SELECT id FROM claims WHERE affected_country = ?"
            " UNION SELECT id FROM claims WHERE agent_country = ?)",
            country,
            country,
        )
    if f.side:
        add("c.affected_country = ?", f.side.upper())
    if f.claimant:
        add("instr(c.claimant_key, ?) > 0", f.claimant.casefold())
    if f.place:
        add("instr(c.place_key, ?) > 0", f.place.casefold())
    if f.date_from:
        add("c.date_hi >= ?", f.date_from.isoformat())
    if f.date_to:
        add("c.date_lo <= ?", f.date_to.isoformat())
    if f.doc:
        add("c.doc = ?", f.doc)
    if f.text is not None:
        query = fts_query(f.text)
        if query is None:
            add("0")
        else:
            add(
                "c.id IN (SELECT e.claim FROM evidence_fts"
                " JOIN evidence e ON e.id = evidence_fts.rowid WHERE evidence_fts MATCH ?)",
                query,
            )
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _doc_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "content_hash": row["content_hash"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published": _date(row["published"]),
        "origin": row["origin"],
        "ingested_at": row["ingested_at"],
    }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _limit(limit: int | None) -> int:
    return -1 if limit is None or limit < 0 else int(limit)


def _offset(offset: int) -> int:
    return max(0, int(offset))


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
