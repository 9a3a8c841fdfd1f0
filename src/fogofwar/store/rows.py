"""What every SQL backend of the ledger shares: the claim row, date spans, filters, row fields.

A claim is stored as one row of ``CLAIM_COLUMNS`` (``claim_row``) whatever the backend; the
filters of ``ClaimFilter`` become one WHERE clause (``claim_where``) written once, with the few
spots where SQL dialects differ (substring test, full-text match, "no limit", insertion order)
taken from a ``Dialect``. SQL here uses ``?`` placeholders; a backend whose driver wants
another style converts them in its ``_read`` (``qmark_to_format``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fogofwar.models import Claim
from fogofwar.store.base import ClaimFilter
from fogofwar.timespan import calendar_span

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)

CLAIM_COLUMNS = (
    "doc", "idx", "kind", "outcome", "value", "low", "high", "hedge", "vague",
    "affected_text", "affected_country", "affected_civilian", "agent_text", "agent_country",
    "target_text", "target_country", "recipient_text", "recipient_country", "item", "weapon",
    "place_name", "place_text", "country", "admin1", "lat", "lon", "geo_precision",
    "time_text", "date", "time_precision", "claimant", "claimant_cue", "trigger",
    "date_lo", "date_hi", "claimant_key", "place_key", "json",
)  # fmt: skip
DOC_COLUMNS = "d.id, d.content_hash, d.title, d.source, d.url, d.published, d.origin, d.ingested_at"


@dataclass(frozen=True)
class Dialect:
    """Where one backend's SQL differs from the shared queries."""

    name: str
    contains: str  # "is the ? parameter a substring of {col}", e.g. "instr({col}, ?) > 0"
    text_match: str  # a clause on claims ``c`` whose evidence matches the ? search parameter
    text_param: Callable[[list[str]], str]  # the user's words → that parameter
    no_limit: int | None  # the LIMIT value meaning "all rows"
    document_order: str  # column of ``documents`` that keeps insertion order
    either_country: str  # "either side is the ? country" (the parameter given twice)


# the union of two index scans: every match at once (counts from scratch, on both backends)
EITHER_COUNTRY_UNION = (
    "c.id IN (SELECT id FROM claims WHERE affected_country = ? UNION SELECT id FROM claims WHERE agent_country = ?)"
)
# row by row, for pages: claims are read in id order and the scan stops at the end of the page
# (SQLite: 0-12 ms for the first 1,500 of a kind at 100,000 claims, against 18 ms for the
# union; PostgreSQL: 20-27 ms p50 against 70, and its planner still takes both indexes for a
# rare country), or only an id range is read (counts of what is new)
EITHER_COUNTRY_OR = "(c.affected_country = ? OR c.agent_country = ?)"


SQLITE = Dialect(
    name="sqlite",
    contains="instr({col}, ?) > 0",
    text_match=(
        "c.id IN (SELECT e.claim FROM evidence_fts"
        " JOIN evidence e ON e.id = evidence_fts.rowid WHERE evidence_fts MATCH ?)"
    ),
    text_param=lambda words: " ".join(f'"{w}"' for w in words),  # quoted: no FTS5 operators
    no_limit=-1,
    document_order="rowid",
    either_country=EITHER_COUNTRY_OR,
)
POSTGRES = Dialect(
    name="postgresql",
    contains="strpos({col}, ?) > 0",
    # plainto_tsquery ANDs every word and reads no operators; 'fogofwar' stems, keeps stop words
    text_match=(
        "c.id IN (SELECT e.claim FROM evidence e WHERE e.tsv @@ plainto_tsquery('fogofwar', ?))"
    ),
    text_param=" ".join,
    no_limit=None,
    document_order="seq",
    either_country=EITHER_COUNTRY_OR,
)


def qmark_to_format(sql: str) -> str:
    """``?`` placeholders → ``%s`` (the shared SQL never holds a literal ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


# -- writing ---------------------------------------------------------------------------------


def claim_row(doc_id: str, index: int, claim: Claim, published: date | None) -> tuple[Any, ...]:
    """The values of one ``claims`` row, in ``CLAIM_COLUMNS`` order."""
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


def date_span(claim_date: str | None, published: date | None) -> tuple[str | None, str | None]:
    """First and last ISO day a claim's date covers ("2016-12" → the month, "2024-W50" → the
    ISO week), else published."""
    span = calendar_span(claim_date)
    if span is not None:
        return span
    if published is not None:
        return published.isoformat(), published.isoformat()
    return None, None


# -- filtering -------------------------------------------------------------------------------


def search_words(text: str) -> list[str]:
    """The words of a full-text search (every one is required)."""
    return _FTS_TOKEN.findall(text)


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query that requires each word (quoted: no operator injection)."""
    words = search_words(text)
    return SQLITE.text_param(words) if words else None


def claim_where(f: ClaimFilter, dialect: Dialect) -> tuple[str, list[Any]]:
    """The WHERE clause (on claims ``c``) and parameters selecting what a filter selects."""
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
        add(dialect.either_country, country, country)
    if f.side:
        add("c.affected_country = ?", f.side.upper())
    if f.claimant:
        add(dialect.contains.format(col="c.claimant_key"), f.claimant.casefold())
    if f.place:
        add(dialect.contains.format(col="c.place_key"), f.place.casefold())
    if f.date_from:
        add("c.date_hi >= ?", f.date_from.isoformat())
    if f.date_to:
        add("c.date_lo <= ?", f.date_to.isoformat())
    if f.doc:
        add("c.doc = ?", f.doc)
    if f.text is not None:
        words = search_words(f.text)
        if words:
            add(dialect.text_match, dialect.text_param(words))
        else:
            add("1 = 0")
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


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


# -- reading ---------------------------------------------------------------------------------


def doc_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``DocumentSummary`` fields of a row selected with ``DOC_COLUMNS``."""
    return {
        "id": row["id"],
        "content_hash": row["content_hash"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published": parse_date(row["published"]),
        "origin": row["origin"],
        "ingested_at": row["ingested_at"],
    }


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def page_limit(limit: int | None, dialect: Dialect) -> int | None:
    return dialect.no_limit if limit is None or limit < 0 else int(limit)


def page_offset(offset: int) -> int:
    return max(0, int(offset))


def chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
