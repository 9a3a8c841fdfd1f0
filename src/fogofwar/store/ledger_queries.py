"""Extra read queries of the SQLite ledger for the cross-article ledger and the HTTP API.

Mixed into every SQL store (through ``reads.LedgerReads``): the narrow rows propositions are built from (no JSON parsing),
document texts for near-duplicate detection, counts for paging, a cheap fingerprint that
changes whenever documents or claims are added, and lookups by content hash.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fogofwar.store.base import ClaimFilter
from fogofwar.store.rows import Dialect, claim_where, entity_where


@dataclass(frozen=True)
class ClaimFacts:
    """The fields of a stored claim that propositions group and compare on."""

    id: int
    doc: str
    idx: int
    kind: str
    outcome: str | None
    value: float | None
    low: float | None
    high: float | None
    hedge: str | None
    vague: str | None
    affected: str | None
    side: str | None  # affected country, ISO alpha-3
    place: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None  # the claim's own date as stated (ISO, maybe partial)
    day: str | None  # first day the claim's date covers, else the document's published date
    claimant: str | None
    published: str | None
    publisher: str | None
    evidence: str | None  # the first evidence span's text
    sentence_index: int | None
    item: str | None = None  # what was lost or supplied, as written
    agent_country: str | None = None  # ISO alpha-3 of the side that acted
    time_text: str | None = None  # the claim's time phrase as written ("since 2022")
    time_precision: str | None = None  # of ``date``: "day", "week", "month", "year"
    weapon: str | None = None  # as written
    agent: str | None = None  # who acted, as written
    civilian: bool | None = None  # whether the affected are civilians


_FACTS_SQL = (
    "SELECT c.id, c.doc, c.idx, c.kind, c.outcome, c.value, c.low, c.high, c.hedge, c.vague,"
    " c.affected_text, c.affected_country, coalesce(c.place_name, c.place_text), c.admin1,"
    " c.country, c.lat, c.lon, c.date, c.date_lo, c.claimant, d.published, d.source,"
    " (SELECT e.text FROM evidence e WHERE e.claim = c.id ORDER BY e.id LIMIT 1),"
    " (SELECT e.sentence_index FROM evidence e WHERE e.claim = c.id ORDER BY e.id LIMIT 1),"
    " c.item, c.agent_country, c.time_text, c.time_precision, c.weapon, c.agent_text,"
    " c.affected_civilian"
    " FROM claims c JOIN documents d ON d.id = c.doc ORDER BY c.id"
)


class LedgerQueries:
    """Queries over ``self._read(sql, params)`` and ``self.dialect`` of the store."""

    dialect: Dialect

    def _read(self, sql: str, params: Any) -> list[Any]:  # provided by each backend
        raise NotImplementedError

    def claim_facts(self) -> Iterator[ClaimFacts]:
        """Every claim's grouping facts, in id order."""
        for row in self._read(_FACTS_SQL, ()):
            yield ClaimFacts(*tuple(row))

    def claim_ids(self, filters: ClaimFilter) -> set[int]:
        """Ids of the claims a filter selects (the same filter semantics as ``claims()``)."""
        where, params = claim_where(filters, self.dialect)
        return {row[0] for row in self._read(f"SELECT c.id FROM claims c{where}", params)}

    def document_texts(self) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of every document, in storage order."""
        for row in self._read(f"SELECT id, text FROM documents ORDER BY {self.dialect.document_order}", ()):
            yield row[0], row[1]

    def count_documents(self) -> int:
        return self._read("SELECT count(*) FROM documents", ())[0][0]

    def fingerprint(self) -> tuple[int, int, int]:
        """(documents, claims, last claim id): changes whenever the ledger grows."""
        row = self._read(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),"
            " (SELECT coalesce(max(id), 0) FROM claims)",
            (),
        )[0]
        return row[0], row[1], row[2]

    def document_id_by_hash(self, content_hash: str) -> str | None:
        rows = self._read("SELECT id FROM documents WHERE content_hash = ?", (content_hash,))
        return rows[0][0] if rows else None

    def count_entities(self, doc: str | None = None, type: str | None = None) -> int:
        where, params = entity_where(doc, type)
        return self._read(f"SELECT count(*) FROM entities{where}", params)[0][0]
