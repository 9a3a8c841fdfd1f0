"""The HTTP API (FastAPI) over one ledger, and the web page it serves at ``/``.

Reads: ``/documents``, ``/documents/{id}``, ``/claims`` (the CLI's filters as query parameters,
``limit``/``offset`` paging with the total), ``/propositions``, ``/propositions/{id}``,
``/disputes``, ``/entities``. Write: ``POST /documents`` runs the NLP pipeline on one article
and stores it; it needs ``Authorization: Bearer <token>`` (the token given to ``create_app``;
without one the API is read-only). The OpenAPI schema is at ``/openapi.json``.
Propositions are computed once per ledger state (``fogofwar.ledger.PropositionIndex``).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fogofwar._version import __version__
from fogofwar.errors import InputError
from fogofwar.ledger import PropositionIndex
from fogofwar.ledger.propositions import Proposition
from fogofwar.models import Article, ClaimKind
from fogofwar.store import ClaimFilter, StoredClaim, open_store

WEB_DIR = Path(__file__).parent / "web"
TILES_ENV = "FOGOFWAR_TILES"
MAX_LIMIT = 1000
MAX_BODY_BYTES = 5_000_000

T = TypeVar("T")


# -- response and request models -------------------------------------------------------------------


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


class DocumentFull(DocumentOut):
    text: str
    claims: list[ClaimOut]
    entities: list[EntityOut]


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


class DisagreementOut(BaseModel):
    period: str
    outcome: str | None
    values: list[tuple[str, float]]


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


def _claim_out(c: StoredClaim) -> ClaimOut:
    return ClaimOut(
        id=c.id, doc=c.doc, index=c.index, published=c.published, publisher=c.publisher, claim=c.claim,
        evidence=[EvidenceOut(start=e.start, end=e.end, text=e.text, sentence_index=e.sentence_index)
                  for e in c.evidence],
    )  # fmt: skip


def _doc_out(d: Any) -> DocumentOut:
    return DocumentOut(
        id=d.id, content_hash=d.content_hash, title=d.title, source=d.source, url=d.url,
        published=d.published, origin=d.origin, ingested_at=d.ingested_at, claim_count=d.claim_count,
    )  # fmt: skip


def _prop_out(p: Proposition) -> PropositionOut:
    return PropositionOut(
        id=p.id, kind=p.kind, outcomes=list(p.outcomes), side=p.side, affected=p.affected,
        place=p.place, admin1=p.admin1, cumulative=p.cumulative, date_from=p.date_from,
        date_to=p.date_to, disputed=p.disputed, agree=p.agree,
        independent_claimants=p.independent_claimants, sources=p.sources, claimants=list(p.claimants),
        figures=[FigureOut(voice=f.voice, **{k: getattr(f, k) for k in FigureOut.model_fields if k != "voice"})
                 for f in p.figures],
        disagreements=[DisagreementOut(period=d.period, outcome=d.outcome, values=list(d.values))
                       for d in p.disagreements],
        series=[SeriesPointOut(**s.__dict__) for s in p.series],
    )  # fmt: skip


def claim_filter(
    kind: ClaimKind | None = None,
    outcome: str | None = Query(None, description="killed, wounded, killed_or_wounded, destroyed, ..."),
    country: str | None = Query(None, description="ISO alpha-3 of the affected or the agent side"),
    side: str | None = Query(None, description="ISO alpha-3 of the affected side only"),
    claimant: str | None = Query(None, description="substring of the claimant, case-insensitive"),
    place: str | None = Query(None, description="substring of the place name or region"),
    date_from: date | None = None,
    date_to: date | None = None,
    text: str | None = Query(None, description="full-text search of the evidence"),
    doc: str | None = None,
) -> ClaimFilter:
    """The CLI's claim filters, as query parameters (empty values are ignored)."""
    return ClaimFilter(
        kind=kind.value if kind else None, outcome=outcome or None, country=country or None,
        side=side or None, claimant=claimant or None, place=place or None, date_from=date_from,
        date_to=date_to, text=text or None, doc=doc or None,
    )  # fmt: skip


def _page(items: list, limit: int, offset: int) -> list:
    return items[offset : offset + limit]


# -- the app ---------------------------------------------------------------------------------------


def create_app(
    db_path: str | Path,
    token: str | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
    tiles: str | None = None,
) -> FastAPI:
    """The API and web page over the ledger at ``db_path``; ``token`` allows POST /documents."""
    store = open_store(str(db_path))
    index = PropositionIndex(store)
    tiles = tiles if tiles is not None else (os.environ.get(TILES_ENV) or None)
    pipeline_lock = threading.Lock()
    pipeline_box: list[Any] = []

    def pipeline() -> Any:
        with pipeline_lock:
            if not pipeline_box:
                if pipeline_factory is not None:
                    pipeline_box.append(pipeline_factory())
                else:
                    from fogofwar.pipeline import Pipeline

                    pipeline_box.append(Pipeline())
            return pipeline_box[0]

    app = FastAPI(
        title="fogofwar ledger",
        version=__version__,
        description="Attributed claims from conflict reporting: documents, claims, propositions.",
    )
    app.state.store = store
    app.state.index = index
    rendered: dict[str, dict[str, Any]] = {}  # proposition id -> its JSON, for the current snapshot
    rendered_for: list[tuple[int, int, int]] = []

    def prop_page(props: list[Proposition], limit: int, offset: int) -> JSONResponse:
        fingerprint = index.snapshot().fingerprint
        if rendered_for != [fingerprint]:
            rendered.clear()
            rendered_for[:] = [fingerprint]
        items = []
        for p in _page(props, limit, offset):
            if p.id not in rendered:
                rendered[p.id] = _prop_out(p).model_dump(mode="json")
            items.append(rendered[p.id])
        return JSONResponse({"total": len(props), "limit": limit, "offset": offset, "items": items})

    @app.on_event("shutdown")
    def _close() -> None:
        store.close()

    # -- reads --

    @app.get("/documents", response_model=Page[DocumentOut], tags=["documents"])
    def list_documents(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
        items = [_doc_out(d) for d in store.documents(limit=limit, offset=offset)]
        return Page[DocumentOut](total=store.count_documents(), limit=limit, offset=offset, items=items)

    @app.get("/documents/{doc_id:path}", response_model=DocumentFull, tags=["documents"],
             responses={404: {"description": "no such document"}})  # fmt: skip
    def get_document(doc_id: str):
        d = store.document(doc_id)
        if d is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return DocumentFull(
            **_doc_out(d).model_dump(), text=d.text, claims=[_claim_out(c) for c in d.claims],
            entities=[EntityOut(**e.__dict__) for e in d.entities],
        )  # fmt: skip

    @app.get("/claims", response_model=Page[ClaimOut], tags=["claims"])
    def list_claims(
        filters: ClaimFilter = Depends(claim_filter),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ):
        items = [_claim_out(c) for c in store.claims(filters, limit=limit, offset=offset)]
        return Page[ClaimOut](total=store.count_claims(filters), limit=limit, offset=offset, items=items)

    @app.get("/propositions", response_model=Page[PropositionOut], tags=["propositions"])
    def list_propositions(
        filters: ClaimFilter = Depends(claim_filter),
        disputed: bool | None = None,
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ):
        return prop_page(index.query(filters, disputed=disputed), limit, offset)

    @app.get("/disputes", response_model=Page[PropositionOut], tags=["propositions"])
    def list_disputes(
        filters: ClaimFilter = Depends(claim_filter),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ):
        return prop_page(index.query(filters, disputed=True), limit, offset)

    @app.get("/propositions/{prop_id}", response_model=PropositionOut, tags=["propositions"],
             responses={404: {"description": "no such proposition"}})  # fmt: skip
    def get_proposition(prop_id: str):
        p = index.get(prop_id)
        if p is None:
            raise HTTPException(404, f"no proposition {prop_id!r} (ids change when the ledger changes)")
        return _prop_out(p)

    @app.get("/entities", response_model=Page[EntityOut], tags=["entities"])
    def list_entities(
        doc: str | None = None,
        type: str | None = Query(None, description="Person, Organisation, Location, Weapon, ..."),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ):
        items = [EntityOut(**e.__dict__) for e in store.entities(doc=doc, type=type, limit=limit, offset=offset)]
        return Page[EntityOut](total=store.count_entities(doc, type), limit=limit, offset=offset, items=items)

    @app.get("/config", response_model=ConfigOut, tags=["meta"])
    def config():
        return ConfigOut(version=__version__, tiles=tiles, writable=bool(token))

    # -- write --

    schema = DocumentIn.model_json_schema()

    @app.post(
        "/documents", response_model=IngestOut, status_code=201, tags=["documents"],
        responses={200: {"model": IngestOut, "description": "already stored"},
                   401: {"description": "missing or wrong bearer token"},
                   403: {"description": "the server is read-only (started without a token)"},
                   422: {"description": "malformed body; nothing stored"}},
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}},
    )  # fmt: skip
    async def post_document(request: Request):
        _authorize(request, token)
        raw = await request.body()
        if len(raw) > MAX_BODY_BYTES:
            return _unprocessable(f"body too large ({len(raw)} bytes; at most {MAX_BODY_BYTES})")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            return _unprocessable(f"body is not valid JSON ({exc})")
        if not isinstance(data, dict):
            return _unprocessable("body must be a JSON object such as {\"text\": \"...\"}")
        try:
            payload = DocumentIn.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_context=False)
            message = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in errors)
            return _unprocessable(message, json.loads(exc.json(include_url=False, include_context=False)))
        try:
            article = _article(payload)
        except InputError as exc:
            return _unprocessable(str(exc))
        result = await run_in_threadpool(_ingest, article)
        return JSONResponse(result.model_dump(), status_code=201 if result.stored else 200)

    def _ingest(article: Article) -> IngestOut:
        try:
            analyzed = pipeline().analyze(article)
        except Exception as exc:  # noqa: BLE001 (any stage failing must not leave a half-stored article)
            raise HTTPException(500, f"the NLP pipeline failed on this article ({type(exc).__name__}: {exc});"
                                     " nothing stored") from None
        stored = store.add(analyzed)
        doc_id = store.document_id_by_hash(article.content_hash) or article.id
        return IngestOut(id=doc_id, stored=stored, claims=len(analyzed.claims))

    # -- the web page --

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index_page():
        img = "'self' data:" + (" https: http:" if tiles else "")
        csp = (f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {img}; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")  # fmt: skip
        return FileResponse(WEB_DIR / "index.html", headers={"Content-Security-Policy": csp})

    return app


def _authorize(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "this server is read-only: start it with --token or $FOGOFWAR_TOKEN to allow writes")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


def _unprocessable(message: str, errors: list | None = None) -> JSONResponse:
    body: dict[str, Any] = {"detail": f"malformed document, nothing stored: {message}"}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=422)


def _article(payload: DocumentIn) -> Article:
    """The article of a POST body; ``InputError`` when it holds no usable text."""
    from fogofwar.ingest import article_from_html
    from fogofwar.ingest.text import article_from_text

    body = payload.text if payload.text is not None else payload.html or ""
    doc_id = payload.id or f"api:{hashlib.sha256(body.encode('utf-8')).hexdigest()[:12]}"
    if payload.text is not None:
        article = article_from_text(payload.text, doc_id, origin="api", published=payload.published,
                                    title=payload.title)  # fmt: skip
    else:
        article = article_from_html(payload.html or "", doc_id, origin="api", published=payload.published,
                                    url=payload.url)  # fmt: skip
        if payload.title:
            article = replace(article, title=payload.title)
    return replace(article, source=payload.source or article.source, url=payload.url or article.url)
