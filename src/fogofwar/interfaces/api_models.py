"""The shapes the HTTP API reads and answers (pydantic models), and the conversions into them.

Every response body of ``fogofwar.interfaces.api`` is one of these models, so the OpenAPI schema
at ``/openapi.json`` states exactly what a client gets (schemathesis checks the answers against
it in ``tests/test_api_contract.py``). ``Problem`` is the body of every refusal (4xx) and of the
plain 500: one ``detail`` line, and for validation errors the list of what was wrong.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fogofwar.ledger.propositions import Proposition
from fogofwar.store import StoredClaim

T = TypeVar("T")


class Problem(BaseModel):
    """Why a request was refused (or failed): one line, plus the validation errors when any."""

    detail: str
    errors: list[dict[str, Any]] | None = None


# -- responses -------------------------------------------------------------------


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class DocumentOut(BaseModel):
    id: str
    content_hash: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    origin: str | None
    ingested_at: str
    claim_count: int


class EvidenceOut(BaseModel):
    start: int
    end: int
    text: str
    sentence_index: int | None


class ClaimOut(BaseModel):
    id: int
    doc: str
    index: int
    published: date | None
    publisher: str | None
    claim: dict[str, Any] = Field(description="the claim in the shape of FORMAT.md (Claim.to_dict)")
    evidence: list[EvidenceOut]


class EntityOut(BaseModel):
    doc: str
    start: int
    end: int
    type: str
    text: str
    country: str | None
    canonical: str | None


class CopyOut(BaseModel):
    """A syndicated copy: the same text carried by another publisher or URL."""

    id: int
    source: str | None
    url: str | None
    published: date | None
    title: str | None
    ingested_at: str


class DocumentFull(DocumentOut):
    text: str
    claims: list[ClaimOut]
    entities: list[EntityOut]
    copies: list[CopyOut] = Field(default_factory=list, description="syndicated copies of this text")


class FigureOut(BaseModel):
    claim_id: int
    doc: str
    claimant: str | None
    voice: str = Field(description="the claimant, else the publisher, else the document")
    outcome: str | None
    value: float | None
    low: float | None
    high: float | None
    hedge: str | None
    vague: str | None
    date: str | None
    published: str | None
    publisher: str | None
    source_group: str
    place: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    cumulative: bool
    evidence: str | None
    time_shape: str = Field("event", description="event, period (a toll over a stretch) or running_total")
    time_text: str | None = Field(None, description="the time phrase as written")
    date_first: str | None = Field(None, description="first day covered; null: a running total's open start")
    date_last: str | None = Field(None, description="last day covered (running totals: the day counted to)")
    date_precision: str | None = Field(None, description="day, week, month or year, of the stated date")
    date_basis: str = Field("text", description="publication: the text gives no date, publication bounds it")
    interval_low: float | None = Field(None, description="the figure as an interval (README: agreement)")
    interval_high: float | None = Field(None, description="null: no upper bound ('at least N')")
    canonical_claimant: str | None = Field(None, description="the body the claimant names, from its aliases")
    item: str | None = None
    weapon: str | None = None
    agent: str | None = None
    agent_country: str | None = None


class DisagreementOut(BaseModel):
    period: str
    outcome: str | None
    values: list[tuple[str, float]]
    intervals: list[tuple[str, float, float | None]] = Field(
        default_factory=list, description="(claimant, low, high; null: no upper bound) that do not meet")


class EstimateOut(BaseModel):
    outcome: str | None
    low: float
    best: float
    high: float | None = Field(description="null: no claimant bounds it from above")
    conservative: float = Field(description="the lowest figure, as ACLED keeps")
    claimants: int
    rule: str


class SeriesPointOut(BaseModel):
    date: str
    value: float
    claimant: str
    outcome: str | None
    hedge: str | None
    doc: str


class PropositionOut(BaseModel):
    id: str
    kind: str
    outcomes: list[str]
    side: str | None
    affected: str | None
    place: str | None
    admin1: str | None
    cumulative: bool
    date_from: str | None
    date_to: str | None
    disputed: bool
    agree: bool | None
    independent_claimants: int
    sources: int
    claimants: list[str]
    figures: list[FigureOut]
    disagreements: list[DisagreementOut]
    series: list[SeriesPointOut]
    title: str = Field("", description="e.g. 'Russian missile strike on Kharkiv, 29 Nov 2024: people killed'")
    time_shape: str = Field("event", description="event, period or running_total; never mixed")
    date_precision: str | None = None
    since: str | None = Field(None, description="running totals: the earliest start a claimant states")
    estimates: list[EstimateOut] = Field(default_factory=list, description="low/best/high per outcome")
    outlets: list[str] = Field(default_factory=list, description="publishers, syndicated copies included")
    publications: int = 0
    figures_total: int = Field(0, description="how many figures it has ('figures' in a list may show fewer)")


ClaimPage = Page[ClaimOut]  # parametrised once: each Page[X] written in a handler costs a class lookup
DocumentPage = Page[DocumentOut]
EntityPage = Page[EntityOut]
PropositionPage = Page[PropositionOut]


class DocumentIn(BaseModel):
    """An article to analyse and store: its ``text`` or its ``html`` page, not both."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[^\s/]+$")
    text: str | None = Field(None, min_length=1)
    html: str | None = Field(None, min_length=1)
    published: date | None = None
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' (plain text) or 'html' (a web page)")
        return self


class IngestOut(BaseModel):
    id: str
    stored: bool = Field(description="false when the same text was stored already")
    claims: int


class ConfigOut(BaseModel):
    version: str
    tiles: str | None
    writable: bool


# -- conversions ------------------------------------------------------------------------------------


def claim_out(c: StoredClaim) -> ClaimOut:
    return ClaimOut(
        id=c.id, doc=c.doc, index=c.index, published=c.published, publisher=c.publisher, claim=c.claim,
        evidence=[EvidenceOut(start=e.start, end=e.end, text=e.text, sentence_index=e.sentence_index)
                  for e in c.evidence],
    )  # fmt: skip


def doc_out(d: Any) -> DocumentOut:
    return DocumentOut(
        id=d.id, content_hash=d.content_hash, title=d.title, source=d.source, url=d.url,
        published=d.published, origin=d.origin, ingested_at=d.ingested_at, claim_count=d.claim_count,
    )  # fmt: skip


def prop_out(p: Proposition, figures: int | None = None) -> PropositionOut:
    """The API's form of ``p``; ``figures``: at most that many figures and series points."""
    shown = p.figures[:figures] if figures is not None else p.figures
    return PropositionOut(
        id=p.id, kind=p.kind, outcomes=list(p.outcomes), side=p.side, affected=p.affected,
        place=p.place, admin1=p.admin1, cumulative=p.cumulative, date_from=p.date_from,
        date_to=p.date_to, disputed=p.disputed, agree=p.agree,
        independent_claimants=p.independent_claimants, sources=p.sources, claimants=list(p.claimants),
        figures=[FigureOut(voice=f.voice, **{k: getattr(f, k) for k in FigureOut.model_fields if k != "voice"})
                 for f in shown],
        disagreements=[DisagreementOut(period=d.period, outcome=d.outcome, values=list(d.values),
                                       intervals=list(d.intervals)) for d in p.disagreements],
        series=[SeriesPointOut(**s.__dict__) for s in (p.series[:figures] if figures is not None else p.series)],
        title=p.title, time_shape=p.time_shape, date_precision=p.date_precision, since=p.since,
        estimates=[EstimateOut(**e.__dict__) for e in p.estimates], outlets=list(p.outlets),
        publications=p.publications, figures_total=len(p.figures),
    )  # fmt: skip
