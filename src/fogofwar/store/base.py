"""The ledger's one interface (``LedgerStore``) and the records it hands back.

Every backend (SQLite now, PostgreSQL later) implements ``LedgerStore``; the interfaces
(CLI, web API, export) only use this protocol and these dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, runtime_checkable

from fogofwar.models import AnalyzedArticle, Evidence


@dataclass(frozen=True)
class ClaimFilter:
    """What ``claims()`` selects; every field left None selects everything.

    ``country`` matches the affected OR the agent country (ISO alpha-3); ``side`` only the
    affected country. ``claimant`` and ``place`` are case-insensitive substrings (``place``
    looks in the place name, the place as written and its admin1). ``date_from``/``date_to``
    are inclusive and compare the claim's date (a month or year counts as its whole span),
    falling back to the document's published date. ``text`` is a full-text search of the
    evidence and its sentence (words, all required; stemmed). ``doc`` is a document id.
    """

    kind: str | None = None
    outcome: str | None = None
    country: str | None = None
    side: str | None = None
    claimant: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    doc: str | None = None


@dataclass(frozen=True)
class StoredClaim:
    """One claim as stored: ``claim`` is ``Claim.to_dict()`` exactly as it went in."""

    id: int
    doc: str
    index: int  # position among the claims of its document
    claim: dict[str, Any]
    published: date | None  # of its document
    publisher: str | None  # ``Article.source`` of its document
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class StoredEntity:
    doc: str
    start: int
    end: int
    type: str
    text: str
    country: str | None = None
    canonical: str | None = None


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    content_hash: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    origin: str | None
    ingested_at: str
    claim_count: int = 0


@dataclass(frozen=True)
class DocumentCopy:
    """A syndicated copy: the text of document ``doc``, carried by another publisher or URL."""

    id: int
    doc: str  # the stored document it copies
    source: str | None
    url: str | None
    published: date | None
    title: str | None
    ingested_at: str


@dataclass(frozen=True)
class StoredDocument(DocumentSummary):
    text: str = ""
    claims: list[StoredClaim] = field(default_factory=list)
    entities: list[StoredEntity] = field(default_factory=list)
    copies: list[DocumentCopy] = field(default_factory=list)


@dataclass(frozen=True)
class StoreStats:
    documents: int
    claims: int
    entities: int
    evidence: int
    claims_by_kind: dict[str, int]
    first_published: date | None
    last_published: date | None
    migrations: list[str]


@runtime_checkable
class LedgerStore(Protocol):
    """Where analysed articles and their claims are kept and queried."""

    def add(self, analyzed: AnalyzedArticle) -> bool:
        """Store one article with its claims; False when its content hash is already stored."""
        ...

    def add_many(self, batch: Iterable[AnalyzedArticle], settle: bool = True) -> int:
        """Store a batch in one transaction (all or nothing); returns how many were new.
        ``settle`` False: leave the new documents' propositions to ``settle_propositions``
        (a bulk run calls it once at its end; a read of propositions calls it first)."""
        ...

    def settle_propositions(self) -> bool:
        """Group the documents writes left pending; False when some are pending and the ledger
        is read-only."""
        ...

    def documents(self, limit: int = 50, offset: int = 0) -> list[DocumentSummary]: ...

    def document(self, doc_id: str) -> StoredDocument | None: ...

    def claims(
        self, filters: ClaimFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoredClaim]: ...

    def count_claims(self, filters: ClaimFilter | None = None) -> int: ...

    def entities(
        self, doc: str | None = None, type: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[StoredEntity]: ...

    def document_copies(self, doc: str | None = None) -> list[DocumentCopy]:
        """Syndicated copies (of one document, or all), in the order they were met."""
        ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...
