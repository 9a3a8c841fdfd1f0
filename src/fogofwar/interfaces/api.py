"""The HTTP API (FastAPI) over one ledger, and the web page it serves at ``/``.

Reads: ``/documents``, ``/documents/{id}``, ``/claims`` (the CLI's filters as query parameters,
``limit``/``offset`` paging with the total), ``/propositions``, ``/propositions/{id}``,
``/disputes``, ``/entities``. Write: ``POST /documents`` runs the NLP pipeline on one article
and stores it, in a worker process of its own (``api_writer``: the server's process only
reads, so reads never wait for the analysis); it needs ``Authorization: Bearer <token>`` (the token given to ``create_app``;
without one the API is read-only). The OpenAPI schema is at ``/openapi.json``.
Propositions are kept in the ledger and paged in SQL (``fogofwar.ledger.PropositionIndex``); a list
gives at most ``figures`` (20) figures of each, ``/propositions/{id}`` all of them.

The shapes of requests and answers are in ``api_models``, the query parameters and their
validation in ``api_params``, what the API refuses and the headers it sends in ``api_guard``
(``docs/RELIABILITY.md`` lists these promises with the tests that hold them).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ValidationError

from fogofwar._version import __version__
from fogofwar.errors import InputError
from fogofwar.interfaces import api_guard
from fogofwar.interfaces.api_models import (
    ClaimPage,
    ConfigOut,
    CopyOut,
    DocumentFull,
    DocumentIn,
    DocumentPage,
    EntityOut,
    EntityPage,
    IngestOut,
    Problem,
    PropositionOut,
    PropositionPage,
    claim_out,
    doc_out,
    prop_out,
)
from fogofwar.interfaces.api_params import (
    MAX_FILTER_CHARS,
    claim_filter,
    figures_query,
    limit_query,
    offset_query,
    only_known_query_params,
)
from fogofwar.interfaces.api_writer import (
    AnalysisFailed,
    ArticleWriter,
    InProcessWriter,
    ProcessWriter,
    WriterUnavailable,
)
from fogofwar.ledger import PropositionIndex
from fogofwar.ledger.propositions import Proposition
from fogofwar.models import Article
from fogofwar.store import ClaimFilter, open_store

WEB_DIR = Path(__file__).parent / "web"
TILES_ENV = "FOGOFWAR_TILES"
MAX_BODY_BYTES = 5_000_000


# -- the app ---------------------------------------------------------------------------------------


def create_app(
    db_path: str | Path,
    token: str | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
    tiles: str | None = None,
    cors: str | None = None,
) -> FastAPI:
    """The API and web page over the ledger at ``db_path``; ``token`` allows POST /documents.

    ``cors``: origins allowed to read from a browser, comma-separated (default
    ``$FOGOFWAR_CORS_ORIGINS``; none: CORS off).
    """
    store = open_store(str(db_path))
    index = PropositionIndex(store)
    read_only: str | None = getattr(store, "read_only", None)  # why the ledger may only be read
    tiles = tiles if tiles is not None else (os.environ.get(TILES_ENV) or None)
    writer: ArticleWriter | None = None  # made when the first POST is allowed in

    def article_writer() -> ArticleWriter:
        nonlocal writer
        if writer is None:
            in_process = pipeline_factory is not None or str(db_path) == ":memory:"
            writer = InProcessWriter(store, pipeline_factory) if in_process else ProcessWriter(str(db_path))
        return writer

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if token and not read_only:  # the worker loads its model while the server starts
            article_writer()
        try:
            yield
        finally:
            if writer is not None:
                writer.close()
            store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="fogofwar ledger",
        version=__version__,
        description="Attributed claims from conflict reporting: documents, claims, propositions.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN and inline: not offline, not CSP-safe
        redoc_url=None,
        responses=api_guard.ERROR_RESPONSES,
        dependencies=[Depends(only_known_query_params)],
    )
    api_guard.install(app, cors)
    app.state.store = store
    app.state.index = index

    def prop_page(filters: ClaimFilter, disputed: bool | None, limit: int, offset: int, figures: int) -> Response:
        def render(p: Proposition) -> bytes:
            return prop_out(p, figures).model_dump_json().encode()

        total, rendered = index.page_rendered(render, ("api", figures), filters, disputed, limit, offset)
        items = b",".join(rendered)
        head = json.dumps({"total": total, "limit": limit, "offset": offset})[:-1].encode()
        return Response(head + b', "items": [' + items + b"]}", media_type="application/json")

    # -- reads --

    @app.get("/documents", response_model=DocumentPage, tags=["documents"])
    def list_documents(limit: int = limit_query(), offset: int = offset_query()):
        items = [doc_out(d) for d in store.documents(limit=limit, offset=offset)]
        return _json(DocumentPage(total=store.count_documents(), limit=limit, offset=offset, items=items))

    @app.get("/documents/{doc_id:path}", response_model=DocumentFull, tags=["documents"],
             responses={404: {"model": Problem, "description": "no such document"}})  # fmt: skip
    def get_document(doc_id: str):
        d = store.document(doc_id)
        if d is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return DocumentFull(
            **doc_out(d).model_dump(), text=d.text, claims=[claim_out(c) for c in d.claims],
            entities=[EntityOut(**e.__dict__) for e in d.entities],
            copies=[CopyOut(**{k: v for k, v in c.__dict__.items() if k != "doc"}) for c in d.copies],
        )  # fmt: skip

    @app.get("/claims", response_model=ClaimPage, tags=["claims"])
    def list_claims(
        filters: ClaimFilter = Depends(claim_filter),
        limit: int = limit_query(),
        offset: int = offset_query(),
    ):
        items = [claim_out(c) for c in store.claims(filters, limit=limit, offset=offset)]
        return _json(ClaimPage(total=store.count_claims(filters), limit=limit, offset=offset, items=items))

    @app.get("/propositions", response_model=PropositionPage, tags=["propositions"])
    def list_propositions(
        filters: ClaimFilter = Depends(claim_filter),
        disputed: bool | None = None,
        limit: int = limit_query(),
        offset: int = offset_query(),
        figures: int = figures_query(),
    ):
        return prop_page(filters, disputed, limit, offset, figures)

    @app.get("/disputes", response_model=PropositionPage, tags=["propositions"])
    def list_disputes(
        filters: ClaimFilter = Depends(claim_filter),
        limit: int = limit_query(),
        offset: int = offset_query(),
        figures: int = figures_query(),
    ):
        return prop_page(filters, True, limit, offset, figures)

    @app.get("/propositions/{prop_id}", response_model=PropositionOut, tags=["propositions"],
             responses={404: {"model": Problem, "description": "no such proposition"}})  # fmt: skip
    def get_proposition(prop_id: str):
        p = index.get(prop_id)
        if p is None:
            raise HTTPException(404, f"no proposition {prop_id!r} (ids change when the ledger changes)")
        return prop_out(p)

    @app.get("/entities", response_model=EntityPage, tags=["entities"])
    def list_entities(
        doc: str | None = Query(None, description="a document id", max_length=MAX_FILTER_CHARS),
        type: str | None = Query(None, description="Person, Organisation, Location, Weapon, ...",
                                 max_length=MAX_FILTER_CHARS),
        limit: int = limit_query(100),
        offset: int = offset_query(),
    ):
        items = [EntityOut(**e.__dict__) for e in store.entities(doc=doc, type=type, limit=limit, offset=offset)]
        return _json(EntityPage(total=store.count_entities(doc, type), limit=limit, offset=offset, items=items))

    @app.get("/config", response_model=ConfigOut, tags=["meta"])
    def config():
        return ConfigOut(version=__version__, tiles=tiles, writable=bool(token) and not read_only)

    # -- write --

    schema = DocumentIn.model_json_schema()

    @app.post(
        "/documents", response_model=IngestOut, status_code=201, tags=["documents"],
        responses={200: {"model": IngestOut, "description": "already stored"},
                   401: {"model": Problem, "description": "missing or wrong bearer token"},
                   403: {"model": Problem, "description": "the server is read-only (started without a token)"},
                   413: {"model": Problem, "description": f"body over {MAX_BODY_BYTES} bytes; nothing stored"},
                   422: {"model": Problem, "description": "malformed body; nothing stored"},
                   503: {"model": Problem, "description": "the ledger cannot be written; nothing stored"}},
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}},
    )  # fmt: skip
    async def post_document(request: Request):
        api_guard.authorize(request, token)
        if read_only:
            raise HTTPException(503, f"the ledger is read-only ({read_only}); nothing stored")
        raw = await _body_within(request, MAX_BODY_BYTES)
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
        try:
            result = await article_writer().ingest(article)
        except AnalysisFailed as exc:
            raise HTTPException(500, f"the NLP pipeline failed on this article ({exc}); nothing stored") from None
        except WriterUnavailable as exc:
            raise HTTPException(503, f"{exc}; nothing stored") from None
        out = IngestOut(id=result.id, stored=result.stored, claims=result.claims)
        return JSONResponse(out.model_dump(), status_code=201 if result.stored else 200)

    # -- the web page --

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    page_csp = api_guard.page_csp(tiles)

    @app.get("/", include_in_schema=False)
    def index_page():
        return FileResponse(WEB_DIR / "index.html", headers={"Content-Security-Policy": page_csp})

    return app


async def _body_within(request: Request, limit: int) -> bytes:
    """The request body, read no further than ``limit`` bytes; 413 past that."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body too large ({declared} bytes; at most {limit}); nothing stored")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body too large (over {limit} bytes); nothing stored")
        chunks.append(chunk)
    return b"".join(chunks)


def _json(model: BaseModel) -> Response:
    """``model`` as the answer, serialised once: FastAPI would validate it again against the
    endpoint's ``response_model`` (the same class) before serialising it."""
    return Response(model.model_dump_json(), media_type="application/json")


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
