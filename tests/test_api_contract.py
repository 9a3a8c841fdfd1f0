"""The HTTP API's contract: what it refuses and how, the headers it sends, its schema.

schemathesis generates requests from ``/openapi.json`` against the app (ASGI, in process, over a
real SQLite ledger, the real NLP pipeline for writes) and checks each answer against the schema:
no server error, status codes, content types and bodies as declared.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from test_api import demo_ledger, running_server

from fogofwar.interfaces import api_guard
from fogofwar.interfaces.api import WEB_DIR, create_app

TOKEN = "contract-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("contract") / "ledger.sqlite"
    demo_ledger(db)
    return db


@pytest.fixture(scope="module")
def client(ledger):
    with TestClient(create_app(ledger, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


# -- schemathesis: every operation, generated requests, with the token --------------------------


OPERATIONS = ["GET /documents", "GET /documents/{doc_id}", "GET /claims", "GET /propositions",
              "GET /disputes", "GET /propositions/{prop_id}", "GET /entities", "GET /config", "POST /documents"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = tmp_path_factory.mktemp("schemathesis") / "ledger.sqlite"
    demo_ledger(db)
    with running_server(db, token=TOKEN) as base:  # a real `fogofwar serve` (uvicorn) process
        yield schemathesis.openapi.from_url(f"{base}/openapi.json")


def test_the_schema_lists_exactly_the_operations_under_test(api_schema):
    assert sorted(op.ok().label for op in api_schema.get_all_operations()) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_generated_requests_get_no_server_error_and_answers_match_the_schema(api_schema, label):
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)  # fmt: skip
    def run(case):
        case.call_and_validate(headers=AUTH, checks=CHECKS, timeout=60)

    run()


# -- query parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, names",
    [
        ("from=notadate", "'from'"),
        ("to=2024-13-40", "'to'"),
        ("country=XYZ", "'country'"),
        ("side=Russia", "'side'"),
        ("kind=picnic", "'kind'"),
        ("limit=-1", "'limit'"),
        ("limit=0", "'limit'"),
        ("limit=99999999999999999999", "'limit'"),
        ("offset=-5", "'offset'"),
        ("contry=RUS", "'contry'"),
        ("from=2024-12-20&to=2024-12-01", "'from'"),
    ],
)
def test_a_bad_query_parameter_is_422_with_a_message_naming_it(client, query, names):
    r = client.get(f"/claims?{query}")
    assert r.status_code == 422
    assert names in r.json()["detail"]


def test_from_and_to_filter_claims_like_the_cli(client):
    later = client.get("/claims", params={"from": "2024-12-15"}).json()
    assert later["total"] == 2 and {c["doc"] for c in later["items"]} == {"nk1", "nk2"}
    assert client.get("/claims", params={"date_from": "2024-12-15"}).json()["total"] == 2  # the older name


def test_country_codes_are_read_in_any_case_like_the_cli(client):
    assert client.get("/claims", params={"country": "prk"}).json()["total"] == 3


def test_unknown_parameters_are_refused_on_every_read(client):
    for path in ("/documents", "/claims", "/propositions", "/disputes", "/entities", "/config"):
        assert client.get(path, params={"bogus": "1"}).status_code == 422, path


# -- writes and the token ---------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])  # fmt: skip
def test_a_write_without_the_right_token_is_401_and_stores_nothing(client, headers):
    before = client.get("/documents").json()["total"]
    r = client.post("/documents", json={"text": "Three soldiers were killed in Kharkiv."}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/documents").json()["total"] == before


def test_the_token_is_compared_in_constant_time(client, monkeypatch):
    compared, real = [], hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api_guard.hmac, "compare_digest", spy)
    client.post("/documents", json={"text": "x"}, headers={"Authorization": "Bearer guess"})
    assert compared == [(b"guess", TOKEN.encode())]


def test_an_oversized_body_is_413_before_it_is_read(client):
    r = client.post("/documents", content=b"{}", headers={**AUTH, "Content-Length": "999999999"})
    assert r.status_code == 413 and "too large" in r.json()["detail"]


# -- failures never show their insides -------------------------------------------------------------


def test_an_unexpected_failure_is_a_plain_500_without_a_traceback(ledger, monkeypatch, caplog):
    app = create_app(ledger, token=TOKEN)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(app.state.store, "claims", broken)
    with caplog.at_level(logging.ERROR, logger="fogofwar.api"), TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/claims")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error (logged on the server); nothing stored"}
    assert "Traceback" not in r.text and "secret" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "secret internals" in caplog.text  # the server's log has it


def test_a_ledger_that_cannot_be_written_is_503_with_one_line(ledger, monkeypatch):
    from fogofwar.errors import StoreError

    app = create_app(ledger, token=TOKEN, pipeline_factory=lambda: _NoClaims())

    def full(*args, **kwargs):
        raise StoreError("cannot write to the ledger (database or disk is full)", str(ledger))

    monkeypatch.setattr(app.state.store, "add", full)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/documents", json={"text": "Three soldiers were killed."}, headers=AUTH)
    assert r.status_code == 503 and "disk is full" in r.json()["detail"]
    assert str(ledger) not in r.text


class _NoClaims:
    def analyze(self, article):
        from fogofwar.models import AnalyzedArticle

        return AnalyzedArticle(article=article)


# -- headers: CSP, nosniff, framing, CORS ----------------------------------------------------------


def test_the_page_is_served_with_a_csp_that_forbids_inline_script_and_framing(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/claims", "/documents/nope", "/openapi.json", "/static/app.js"])
def test_every_answer_has_nosniff_and_no_framing(client, path):
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_page_has_no_inline_script_or_event_handler_attributes():
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I)
    assert "javascript:" not in html.lower()


def test_tiles_add_only_their_host_to_the_image_sources(ledger):
    tiles = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(ledger, tiles=tiles)) as c:
        csp = c.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tile.example.org;" in csp


@pytest.mark.parametrize(
    "template, source",
    [
        ("https://tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org"),
        ("http://{s}.tiles.example.net:8080/{z}/{x}/{y}.png", "http://*.tiles.example.net:8080"),
        ("https://a.{s}.example.org/{z}.png", "https:"),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_tile_source(template, source):
    assert api_guard.tile_source(template) == source


def test_cors_is_off_unless_configured(ledger, monkeypatch):
    monkeypatch.delenv(api_guard.CORS_ENV, raising=False)
    with TestClient(create_app(ledger)) as c:
        r = c.get("/claims", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    monkeypatch.setenv(api_guard.CORS_ENV, "https://friend.example")
    with TestClient(create_app(ledger)) as c:
        friend = c.get("/claims", headers={"Origin": "https://friend.example"})
        stranger = c.get("/claims", headers={"Origin": "https://elsewhere.example"})
    assert friend.headers["access-control-allow-origin"] == "https://friend.example"
    assert "access-control-allow-origin" not in stranger.headers


# -- the page runs under its own CSP ---------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium at /usr/bin/chromium")
def test_the_page_works_under_its_csp_without_violations(ledger):
    sync_api = pytest.importorskip("playwright.sync_api")
    with running_server(ledger) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        messages: list[str] = []
        for view in ("/", "/propositions", "/documents", "/doc/gov"):
            page = browser.new_page()  # the CSP enforced, unlike the other browser tests
            page.on("console", lambda m: messages.append(m.text))
            page.goto(f"{base}/#{view}")
            # a selector, not wait_for_function: that evaluates a string, which the CSP forbids
            page.wait_for_selector("body[data-ready]:not([data-ready=''])", state="attached", timeout=10_000)
            assert page.get_attribute("body", "data-ready") != "error", view
            page.close()
        browser.close()
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations
