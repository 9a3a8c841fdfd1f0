"""The reads of ``LedgerStore`` written once for every SQL backend.

A backend mixes in ``LedgerReads`` and provides ``dialect``, ``_read(sql, params)`` (rows that
index by position and by column name, SQL with ``?`` placeholders) and
``_applied_migrations()``. Claims page through ids first (an index-only scan), then fetch the
wide rows of that page and their evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any, Self

from fogofwar.models import AnalyzedArticle, Evidence
from fogofwar.store.base import (
    ClaimFilter,
    DocumentCopy,
    DocumentSummary,
    StoredClaim,
    StoredDocument,
    StoredEntity,
    StoreStats,
)
from fogofwar.store.claim_counts import ClaimCounts
from fogofwar.store.copies import copy_publishers
from fogofwar.store.ledger_queries import LedgerQueries
from fogofwar.store.rows import (
    DOC_COLUMNS,
    Dialect,
    chunks,
    claim_where,
    doc_fields,
    entity_where,
    page_limit,
    page_offset,
    parse_date,
)


class LedgerReads(LedgerQueries):
    """``documents``/``document``/``claims``/``count_claims``/``entities``/``stats``, and the
    little of the rest that does not depend on the backend (``add``, ``with store:``)."""

    dialect: Dialect

    def _applied_migrations(self) -> list[str]:  # provided by the backend
        raise NotImplementedError

    def add_many(self, batch: Iterable[AnalyzedArticle], settle: bool = True) -> int:  # by the backend
        raise NotImplementedError

    def settle_propositions(self) -> bool:  # provided by the backend
        raise NotImplementedError

    def close(self) -> None:  # provided by the backend
        raise NotImplementedError

    def add(self, analyzed: AnalyzedArticle) -> bool:
        return self.add_many([analyzed]) == 1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentSummary]:
        order = self.dialect.document_order
        # the page's ids first: PostgreSQL would count the claims of every skipped row too
        rows = self._read(
            f"SELECT {DOC_COLUMNS},"
            " (SELECT count(*) FROM claims c WHERE c.doc = d.id) AS claim_count FROM documents d"
            f" WHERE d.id IN (SELECT id FROM documents ORDER BY {order} LIMIT ? OFFSET ?)"
            f" ORDER BY d.{order}",
            (self._limit(limit), page_offset(offset)),
        )
        return [DocumentSummary(**doc_fields(row), claim_count=row["claim_count"]) for row in rows]

    def document(self, doc_id: str) -> StoredDocument | None:
        rows = self._read(f"SELECT {DOC_COLUMNS}, d.text FROM documents d WHERE d.id = ?", (doc_id,))
        if not rows:
            return None
        row = rows[0]
        claims = self.claims(ClaimFilter(doc=doc_id), limit=-1)
        return StoredDocument(
            **doc_fields(row),
            claim_count=len(claims),
            text=row["text"],
            claims=claims,
            entities=self.entities(doc=doc_id, limit=-1),
            copies=self.document_copies(doc_id),
        )

    def document_copies(self, doc: str | None = None) -> list[DocumentCopy]:
        where, params = (" WHERE doc = ?", (doc,)) if doc is not None else ("", ())
        rows = self._read(
            "SELECT id, doc, source, url, published, title, ingested_at FROM document_copies"
            f"{where} ORDER BY id",
            params,
        )
        return [DocumentCopy(row["id"], row["doc"], row["source"], row["url"],
                             parse_date(row["published"]), row["title"], row["ingested_at"])
                for row in rows]  # fmt: skip

    def copy_publishers(self, docs: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """Each document's (or these documents') syndicated copies, by the publisher (else URL)
        that carried each."""
        if docs is not None:
            return copy_publishers(self._read, docs)
        out: dict[str, list[str]] = {}
        for c in self.document_copies():
            out.setdefault(c.doc, []).append(c.source or c.url or f"copy {c.id}")
        return {doc: tuple(publishers) for doc, publishers in out.items()}

    def claims(
        self, filters: ClaimFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoredClaim]:
        where, params = claim_where(filters or ClaimFilter(), self.dialect)
        rows = self._read(
            "SELECT c.id, c.doc, c.idx, c.json, d.published, d.source"
            " FROM claims c JOIN documents d ON d.id = c.doc"
            f" WHERE c.id IN (SELECT c.id FROM claims c{where} ORDER BY c.id LIMIT ? OFFSET ?)"
            " ORDER BY c.id",
            (*params, self._limit(limit), page_offset(offset)),
        )
        evidence = self._evidence([row["id"] for row in rows])
        return [
            StoredClaim(
                id=row["id"],
                doc=row["doc"],
                index=row["idx"],
                claim=json.loads(row["json"]),
                published=parse_date(row["published"]),
                publisher=row["source"],
                evidence=evidence.get(row["id"], []),
            )
            for row in rows
        ]

    def count_claims(self, filters: ClaimFilter | None = None) -> int:
        return self._claim_counts.count(filters or ClaimFilter())

    @cached_property
    def _claim_counts(self) -> ClaimCounts:  # kept per store: a later count reads only what is new
        return ClaimCounts(self._read, self.dialect)

    def entities(
        self, doc: str | None = None, type: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[StoredEntity]:
        where, params = entity_where(doc, type)
        rows = self._read(
            f'SELECT doc, start, "end", type, text, country, canonical FROM entities{where}'
            " ORDER BY id LIMIT ? OFFSET ?",
            (*params, self._limit(limit), page_offset(offset)),
        )
        return [StoredEntity(**dict(row)) for row in rows]

    def stats(self) -> StoreStats:
        def count(table: str) -> int:  # table names are constants below, never user input
            return self._read(f"SELECT count(*) FROM {table}", ())[0][0]

        by_kind = self._read("SELECT kind, count(*) FROM claims GROUP BY kind ORDER BY kind", ())
        span = self._read("SELECT min(published), max(published) FROM documents", ())[0]
        return StoreStats(
            documents=count("documents"),
            claims=count("claims"),
            entities=count("entities"),
            evidence=count("evidence"),
            claims_by_kind={row[0]: row[1] for row in by_kind},
            first_published=parse_date(span[0]),
            last_published=parse_date(span[1]),
            migrations=self._applied_migrations(),
        )

    def _evidence(self, claim_ids: list[int]) -> dict[int, list[Evidence]]:
        out: dict[int, list[Evidence]] = {}
        for chunk in chunks(claim_ids, 500):
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

    def _limit(self, limit: int | None) -> Any:
        return page_limit(limit, self.dialect)
