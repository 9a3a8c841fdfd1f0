"""What the HTTP API refuses, and the headers it sends with every answer.

- Writes need ``Authorization: Bearer <token>``; no or a wrong token is a 401, the token
  compared with ``hmac.compare_digest`` (constant time). A server started without a token is
  read-only (403 on writes).
- Every refusal and failure is a ``Problem`` body (``{"detail": "..."}``): validation errors as
  one line naming each bad parameter (plus the list), a ledger that cannot be written as a 503,
  anything unexpected as a plain 500 whose traceback goes to the server's log, never to the client.
- Every answer carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and a
  Content-Security-Policy: the web page's allows scripts, styles and images from this server only
  (plus the tile host when ``$FOGOFWAR_TILES`` is set), no inline script, no framing; JSON
  answers get ``default-src 'none'``.
- CORS is off (no ``Access-Control-Allow-Origin``) unless origins are configured
  (``$FOGOFWAR_CORS_ORIGINS``, comma-separated; ``*`` allows any origin to read).
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fogofwar.errors import StoreError
from fogofwar.interfaces.api_models import Problem

CORS_ENV = "FOGOFWAR_CORS_ORIGINS"
API_CSP = "default-src 'none'; frame-ancestors 'none'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
ERROR_RESPONSES: dict[int | str, dict] = {
    422: {"model": Problem, "description": "a parameter or the body is invalid; nothing done"},
    500: {"model": Problem, "description": "unexpected failure (logged on the server)"},
    503: {"model": Problem, "description": "the ledger cannot be read or written now; nothing stored"},
}

log = logging.getLogger("fogofwar.api")


def authorize(request: Request, token: str | None) -> None:
    """Let a write through only with the server's bearer token (compared in constant time)."""
    if not token:
        raise HTTPException(403, "this server is read-only: start it with --token or $FOGOFWAR_TOKEN to allow writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


def tile_source(template: str | None) -> str | None:
    """The CSP source of a tile URL template: ``https://{s}.tile.example.org/{z}/{x}/{y}.png``
    → ``https://*.tile.example.org``; None when the template names no http(s) host."""
    if not template:
        return None
    parts = urlsplit(re.sub(r"\{[^}]*\}", "PLACEHOLDER", template))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    labels = parts.hostname.split(".")
    if any("placeholder" in label for label in labels[1:]):
        return f"{parts.scheme}:"  # a placeholder deep in the host: allow the scheme only
    if "placeholder" in labels[0]:
        labels[0] = "*"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{'.'.join(labels)}{port}"


def page_csp(tiles: str | None) -> str:
    """The web page's policy: everything from this server, no inline script, no framing."""
    images = " ".join(filter(None, ["'self'", "data:", tile_source(tiles)]))
    return (f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")  # fmt: skip


class SecurityHeaders:
    """ASGI middleware: the common headers on every answer, and ``API_CSP`` where none is set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in COMMON_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", API_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def cors_origins(configured: str | None = None) -> list[str]:
    """Origins allowed to read the API from a browser: the argument, else ``$FOGOFWAR_CORS_ORIGINS``."""
    raw = configured if configured is not None else os.environ.get(CORS_ENV, "")
    return [origin.strip() for origin in raw.split(",") if origin.strip()]


def install(app: FastAPI, cors: str | None = None) -> None:
    """Headers, CORS (only when configured) and the error answers, on ``app``."""
    origins = cors_origins(cors)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])  # fmt: skip
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _refused)
    app.add_exception_handler(StoreError, _ledger_unavailable)
    app.add_exception_handler(Exception, _unexpected)


def _problem(status: int, detail: str, errors: list | None = None, headers: dict | None = None) -> JSONResponse:
    body = Problem(detail=detail, errors=errors).model_dump(exclude_none=True)
    # the headers are set here too: a 500 is answered outside the middleware that adds them
    common = {**COMMON_HEADERS, "Content-Security-Policy": API_CSP}
    return JSONResponse(body, status_code=status, headers={**common, **(headers or {})})


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]  # fmt: skip
    where = "; ".join(f"{_place(e['loc'])}: {e['msg']}" for e in errors)
    return _problem(422, f"invalid request: {where}", errors)


def _place(loc: list) -> str:
    """``['query', 'from']`` → ``query parameter 'from'``."""
    if len(loc) >= 2 and loc[0] in ("query", "path", "header"):
        return f"{loc[0]} parameter {'.'.join(map(str, loc[1:]))!r}"
    return ".".join(map(str, loc)) or "request"


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return _problem(exc.status_code, str(exc.detail), headers=exc.headers)


async def _ledger_unavailable(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    log.error("ledger error on %s %s: %s", request.method, request.url.path, exc)
    return _problem(503, f"the ledger is not available for this request ({exc.message}); nothing stored")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _problem(500, "internal error (logged on the server); nothing stored")
