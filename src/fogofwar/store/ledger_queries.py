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
    " FROM claims c JOIN documents d ON d.id = c.doc"
)
FACTS_SELECT = _FACTS_SQL  # add a WHERE on claims ``c`` to read some claims' facts


class LedgerQueries:
    """Queries over ``self._read(sql, params)`` and ``self.dialect`` of the store."""

    dialect: Dialect

    def _read(self, sql: str, params: Any) -> list[Any]:  # provided by each backend
        raise NotImplementedError

    def claim_facts(self) -> Iterator[ClaimFacts]:
        """Every claim's grouping facts, in id order."""
        for row in self._read(_FACTS_SQL + " ORDER BY c.id", ()):
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

    # -- propositions kept in the ledger (store.proposition_table) --------------------------

    def propositions_pending(self) -> bool:
        """Whether the proposition tables are not filled yet (a read-only ledger of an older
        version): then propositions are computed in memory."""
        from fogofwar.store.proposition_table import needs_rebuild

        return needs_rebuild(self._read)

    def proposition_page(
        self, filters: ClaimFilter, disputed: bool | None, limit: int | None, offset: int
    ) -> tuple[int, list[str]]:
        """The total and one page of ids of the propositions with a claim that ``filters``
        selects, by number of sources, figures, first date, id."""
        from fogofwar.store.rows import page_limit, page_offset

        conds, params = [], []
        if disputed is not None:
            conds.append("p.disputed = ?")
            params.append(int(disputed))
        if filters != ClaimFilter():
            where, more = claim_where(filters, self.dialect)
            conds.append("p.id IN (SELECT pc.proposition FROM proposition_claims pc"
                         f" JOIN claims c ON c.id = pc.claim{where})")  # fmt: skip
            params += more
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        total = self._read(f"SELECT count(*) FROM propositions p{where}", params)[0][0]
        rows = self._read(
            f"SELECT p.id FROM propositions p{where}"
            " ORDER BY p.sources DESC, p.figures DESC, p.date_from, p.id LIMIT ? OFFSET ?",
            (*params, page_limit(limit, self.dialect), page_offset(offset)),
        )
        return total, [row[0] for row in rows]

    def proposition_bodies(self, prop_ids: list[str]) -> dict[str, str | None]:
        """The stored built form (``ledger.proposition_json``) of these propositions, by id
        (None: not stored yet, as in a read-only ledger of an older version)."""
        from fogofwar.store.rows import chunks

        out: dict[str, str | None] = {}
        for chunk in chunks(list(prop_ids), 500):
            rows = self._read(f"SELECT id, body FROM propositions WHERE id IN ({', '.join('?' for _ in chunk)})",
                              chunk)  # fmt: skip
            out.update({row[0]: row[1] for row in rows})
        return out

    def proposition_members(self, prop_ids: list[str]) -> dict[str, list[ClaimFacts]]:
        """The member claims of stored propositions."""
        from fogofwar.store.proposition_table import TableSource

        return TableSource(self._read).members(prop_ids)

    def document_groups(self, docs: list[str]) -> dict[str, str]:
        """The syndication group of each document (copies of one text share one)."""
        from fogofwar.store.proposition_table import TableSource

        return dict(TableSource(self._read).syndication(docs).cluster)
