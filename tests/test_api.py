"""The HTTP API, tested against a real ``fogofwar serve`` process over a ledger of hand-made claims."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from conftest import make_analyzed, make_claim

from fogofwar.models import Place, TimeRef
from fogofwar.store import open_store

TOKEN = "test-token-123"
BELGOROD = Place(0, 8, "Belgorod", name="Belgorod", country="RUS", admin1="Belgorod Oblast",
                 latitude=50.6, longitude=36.6, precision="city")  # fmt: skip
KURSK = Place(0, 5, "Kursk region", name="Kursk", country="RUS", admin1="Kursk Oblast",
              latitude=51.73, longitude=36.19, precision="admin1")  # fmt: skip
XSS_TEXT = (
    "Two soldiers were wounded near Kursk, the army said. "
    'A page once carried <script>window.pwned=1</script> and <img src=x onerror="window.pwned=1"> in it'
)


def demo_ledger(path: Path) -> None:
    """A small ledger: a disputed strike (Belgorod), a growing series (Kursk), an XSS article."""
    docs = []
    for doc, text, value, who in (
        ("mod", "Two employees were wounded at the fuel depot, the Russian defence ministry said.", 2, "the Russian defence ministry"),
        ("gov", "Five people were wounded when drones attacked the depot outside Belgorod, the governor said.", 5, "the governor"),
    ):  # fmt: skip
        claim = make_claim(text, text.split(",")[0].split(" when")[0], outcome="wounded", value=value,
                           affected=("people", "RUS"), agent=("Ukrainian drones", "UKR"), claimant=who, place=BELGOROD)  # fmt: skip
        docs.append(make_analyzed(text, doc_id=doc, published=date(2024, 11, 21), claims=[claim], source=f"{doc} wire"))
    for n, (value, day) in enumerate([(200, 14), (300, 18), (400, 20)]):
        text = f"As of {day} December, {value} North Korean soldiers have been killed or wounded in the Kursk region, GUR said."
        claim = make_claim(text, text.split(", GUR")[0], outcome="killed_or_wounded", value=value,
                           affected=("North Korean soldiers", "PRK"), claimant="GUR", place=KURSK,
                           when=TimeRef(0, 5, f"{day} December", date=f"2024-12-{day}", precision="day"))  # fmt: skip
        docs.append(make_analyzed(text, doc_id=f"nk{n}", published=date(2024, 12, day), claims=[claim], source="Steppe Dispatch"))
    claim = make_claim(XSS_TEXT, "Two soldiers were wounded near Kursk", outcome="wounded", value=2,
                       affected=("soldiers", "UKR"), claimant="the army", place=KURSK)  # fmt: skip
    docs.append(make_analyzed(XSS_TEXT, doc_id="xss", published=date(2024, 12, 1), claims=[claim], source="Odd Page"))
    with open_store(path) as store:
        store.add_many(docs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: Path, token: str | None = TOKEN):
    port = free_port()
    cmd = [sys.executable, "-m", "fogofwar.interfaces.cli", "serve", "--db", str(db), "--port", str(port)]
    if token:
        cmd += ["--token", token]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{base}/config", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            raise RuntimeError("server did not start in 15 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "ledger.sqlite"
    demo_ledger(db)
    with running_server(db) as base:
        yield base


def test_documents_are_listed_with_total_and_paging(server):
    first = httpx.get(f"{server}/documents", params={"limit": 2}).json()
    second = httpx.get(f"{server}/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 6 and len(first["items"]) == 2
    assert {d["id"] for d in first["items"]}.isdisjoint({d["id"] for d in second["items"]})


def test_one_document_has_its_text_claims_and_evidence(server):
    d = httpx.get(f"{server}/documents/gov").json()
    assert d["text"].startswith("Five people were wounded")
    span = d["claims"][0]["evidence"][0]
    assert d["text"][span["start"] : span["end"]] == span["text"]


def test_unknown_document_is_404(server):
    assert httpx.get(f"{server}/documents/nope").status_code == 404


def test_claims_filter_by_kind_claimant_and_country_with_total(server):
    all_claims = httpx.get(f"{server}/claims").json()
    gur = httpx.get(f"{server}/claims", params={"claimant": "gur"}).json()
    prk = httpx.get(f"{server}/claims", params={"country": "PRK", "limit": 1, "offset": 1}).json()
    assert all_claims["total"] == 6
    assert gur["total"] == 3 and all(c["claim"]["claimant"]["text"] == "GUR" for c in gur["items"])
    assert prk["total"] == 3 and len(prk["items"]) == 1 and prk["items"][0]["doc"] == "nk1"


def test_bad_filter_value_is_422(server):
    assert httpx.get(f"{server}/claims", params={"kind": "picnic"}).status_code == 422
    assert httpx.get(f"{server}/claims", params={"limit": 0}).status_code == 422


def test_propositions_and_disputes(server):
    props = httpx.get(f"{server}/propositions").json()
    disputes = httpx.get(f"{server}/disputes").json()
    assert disputes["total"] == 1
    dispute = disputes["items"][0]
    assert dispute["place"] == "Belgorod" and dispute["independent_claimants"] == 2
    series = next(p for p in props["items"] if p["cumulative"])
    assert [s["value"] for s in series["series"]] == [200, 300, 400] and not series["disputed"]
    one = httpx.get(f"{server}/propositions/{series['id']}").json()
    assert one["id"] == series["id"]


def test_propositions_filtered_by_claimant(server):
    props = httpx.get(f"{server}/propositions", params={"claimant": "governor"}).json()
    assert props["total"] == 1 and props["items"][0]["disputed"]


def test_web_page_is_served_with_a_strict_content_security_policy(server):
    r = httpx.get(f"{server}/")
    assert r.status_code == 200 and "/static/app.js" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert httpx.get(f"{server}/static/app.js").status_code == 200


def test_entities_are_listed(server):
    ents = httpx.get(f"{server}/entities", params={"type": "Location"}).json()
    assert ents["total"] >= 1 and all(e["text"] == "Kursk" for e in ents["items"])


def test_openapi_schema_lists_the_endpoints(server):
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/documents", "/claims", "/propositions", "/disputes", "/entities"} <= set(paths)
    assert "requestBody" in paths["/documents"]["post"]


def test_post_without_token_or_with_a_wrong_one_is_401(server):
    body = {"text": "Three soldiers were killed in Kharkiv on Monday, officials said."}
    assert httpx.post(f"{server}/documents", json=body).status_code == 401
    wrong = httpx.post(f"{server}/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert httpx.get(f"{server}/documents").json()["total"] == 6


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"{not json", "not valid JSON"),
        (b'["a list"]', "JSON object"),
        (b'{"title": "no text"}', "exactly one of 'text'"),
        (b'{"text": "a", "html": "<p>b</p>"}', "exactly one of 'text'"),
        (b'{"text": "Some text.", "published": "yesterday"}', "published"),
        (b'{"text": "Some text.", "colour": "red"}', "colour"),
    ],
)
def test_malformed_bodies_are_422_with_a_message_and_nothing_is_stored(server, content, needle):
    r = httpx.post(f"{server}/documents", content=content,
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == 422
    assert needle in r.json()["detail"]
    assert httpx.get(f"{server}/documents").json()["total"] == 6


def test_read_only_server_refuses_writes(tmp_path):
    db = tmp_path / "ro.sqlite"
    demo_ledger(db)
    with running_server(db, token=None) as base:
        r = httpx.post(f"{base}/documents", json={"text": "x"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403


def _pipeline_available() -> bool:
    try:
        from fogofwar.models import Article
        from fogofwar.pipeline import Pipeline

        Pipeline().analyze(Article(id="probe", text="Three soldiers were killed in Kharkiv, officials said."))
    except Exception:  # noqa: BLE001 (the NLP pipeline is being rebuilt by others)
        return False
    return True


def test_post_with_the_token_analyses_and_stores_the_article(server):
    if not _pipeline_available():
        pytest.skip("the NLP pipeline cannot be built in this checkout")
    body = {"id": "posted", "text": "Three soldiers were killed in Kharkiv on Monday, officials said.",
            "published": "2024-12-02", "source": "Test Wire"}  # fmt: skip
    r = httpx.post(f"{server}/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert r.status_code == 201 and r.json()["id"] == "posted" and r.json()["stored"]
    again = httpx.post(f"{server}/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert again.status_code == 200 and not again.json()["stored"]
    assert httpx.get(f"{server}/documents/posted").json()["source"] == "Test Wire"
