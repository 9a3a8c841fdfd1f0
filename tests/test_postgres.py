"""The PostgreSQL ledger against a real server: the same claims as SQLite from the same input,
many writers at once, migrations raced by two openers, and every ``--db`` command on a URL.

(The store's behaviour itself is tested on both backends by ``test_store.py``.)
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from conftest import make_analyzed, make_claim

from fogofwar.errors import StoreError
from fogofwar.interfaces.cli import main
from fogofwar.store import ClaimFilter, open_store
from fogofwar.store.pg_schema import pg_migrations

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "samples"
REPORT = (
    "Kharkiv strike\n"
    "Three civilians were killed and 12 wounded in a Russian missile strike on Kharkiv on Tuesday, "
    "the regional governor said.\n"
)


@pytest.fixture(scope="module")
def analyzed_samples():
    from fogofwar.pipeline import Pipeline
    from fogofwar.samples import sample_articles

    return list(Pipeline().analyze_many(sample_articles()))


@pytest.fixture
def pg_url(pg_server) -> str:
    return pg_server.fresh_url()


def ledger_view(store) -> dict:
    """Everything a reader can get out of a ledger, minus the time of ingestion."""
    docs = [dataclasses.replace(d, ingested_at="") for d in store.documents(limit=-1)]
    return {
        "documents": docs,
        "claims": store.claims(limit=-1),
        "entities": store.entities(limit=-1),
        "stats": store.stats(),
        "facts": list(store.claim_facts()),
        "killed": store.claims(ClaimFilter(text="killed"), limit=-1),
        "page": store.claims(ClaimFilter(date_from=date(2024, 1, 1)), limit=7, offset=3),
    }


def test_same_input_same_claims_whichever_store(analyzed_samples, pg_url, tmp_path):
    from fogofwar.ledger import compute

    views, propositions = [], []
    for target in (str(tmp_path / "l.sqlite"), pg_url):
        with open_store(target) as store:
            assert store.add_many(analyzed_samples) == len(analyzed_samples)
            views.append(ledger_view(store))
            propositions.append(compute(store).propositions)
    sqlite_view, pg_view = views
    assert sqlite_view["stats"].claims > 20 and sqlite_view["killed"]
    for key in sqlite_view:
        assert pg_view[key] == sqlite_view[key], key
    assert propositions[0] == propositions[1]


def test_two_ingest_processes_at_once_lose_and_double_nothing(analyzed_samples, pg_url, tmp_path):
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    first, second = files[: len(files) * 2 // 3], files[len(files) // 3 :]  # a third in both
    env = {**os.environ, "FOGOFWAR_DB": pg_url}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "fogofwar.interfaces.cli", "ingest", *map(str, part),
             "--batch-size", "1", "--published", "2024-12-18"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for part in (first, reversed(second))
    ]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    # the same files ingested once, in one process, into SQLite
    assert main(["ingest", *map(str, files), "--db", str(tmp_path / "one.sqlite"),
                 "--published", "2024-12-18"]) == 0  # fmt: skip
    with open_store(pg_url) as raced, open_store(str(tmp_path / "one.sqlite")) as alone:
        assert raced.stats().documents == alone.stats().documents == len(files)

        def claims_of(store) -> list:
            return sorted((c.doc, c.index, json.dumps(c.claim, sort_keys=True)) for c in store.claims(limit=-1))

        assert claims_of(raced) == claims_of(alone)
        assert raced.stats().evidence == alone.stats().evidence


WRITER = """
import sys
sys.path.insert(0, {tests!r})
from conftest import make_analyzed, make_claim
from fogofwar.store import open_store
texts = [f"Report {{i}}: {{i}} soldiers were killed near Kursk, the ministry said." for i in range(60)]
order = list(reversed(texts)) if {reverse} else texts
batch = [make_analyzed(t, f"r{{t.split(':')[0].split()[1]}}", claims=[make_claim(t, t.split(': ')[1][:20])])
         for t in order]
with open_store({url!r}) as store:
    print(sum(store.add_many(batch[i:i + 7]) for i in range(0, len(batch), 7)))
"""


def test_writers_racing_in_opposite_orders_store_each_article_once(pg_url):
    tests = str(Path(__file__).parent)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER.format(tests=tests, reverse=r, url=pg_url)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for r in (False, True, False, True)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, outputs
    assert sum(int(out) for out, _ in outputs) == 60  # every article written by exactly one
    with open_store(pg_url) as store:
        assert (store.stats().documents, store.count_claims()) == (60, 60)
        assert sorted(d.id for d in store.documents(limit=-1)) == sorted(f"r{i}" for i in range(60))


def test_two_openers_of_a_new_database_migrate_it_once(pg_url):
    barrier, errors, stores = threading.Barrier(4), [], []

    def open_one() -> None:
        barrier.wait()
        try:
            stores.append(open_store(pg_url))
        except StoreError as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(stores) == 4
        assert stores[0].stats().migrations == pg_migrations.names
    finally:
        for s in stores:
            s.close()


def test_an_article_with_a_nul_character_is_a_store_error_and_writes_nothing(pg_url):
    with open_store(pg_url) as store:
        text = "Two soldiers were killed\x00 near Kursk."
        good = make_analyzed("Five soldiers were wounded near Belgorod.", "good")
        with pytest.raises(StoreError, match="NUL"):
            store.add_many([good, make_analyzed(text, "bad", claims=[make_claim(text, "Two soldiers")])])
        assert store.stats().documents == 0


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_db_command_takes_a_postgresql_url(capsys, pg_url, tmp_path, monkeypatch):
    article = tmp_path / "kharkiv.txt"
    article.write_text(REPORT, encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(article), "--db", pg_url, "--published", "2024-12-18")
    assert code == 0 and "ingested 1 new" in out, err
    code, out, _ = run(capsys, "claims", "--db", pg_url, "--kind", "casualties", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["kind"] for line in out.splitlines()][:1] == ["casualties"]
    code, out, _ = run(capsys, "show", "kharkiv", "--db", pg_url, "--no-color")
    assert code == 0 and "]][1]" in out
    assert run(capsys, "propositions", "--db", pg_url)[0] == 0
    assert run(capsys, "disputes", "--db", pg_url)[0] == 0
    code, out, _ = run(capsys, "export", "--db", pg_url, "--format", "geojson")
    assert code == 0 and json.loads(out)["features"]
    monkeypatch.setenv("FOGOFWAR_DB", pg_url)  # FOGOFWAR_DB takes a URL too
    code, out, _ = run(capsys, "claims", "--text", "killed", "--format", "jsonl")
    assert code == 0 and out.strip()


def test_the_api_serves_a_postgresql_ledger(pg_url):
    from fastapi.testclient import TestClient

    from fogofwar.interfaces.api import create_app

    with open_store(pg_url) as store:
        text = "Two soldiers were killed near Kursk, the ministry said."
        store.add(make_analyzed(text, "kursk", claims=[make_claim(text, "Two soldiers were killed")]))
    with TestClient(create_app(pg_url)) as client:
        body = client.get("/claims", params={"text": "soldiers"}).json()
        assert [item["doc"] for item in body["items"]] == ["kursk"], body
        assert client.get("/documents/kursk").status_code == 200


def test_a_server_that_is_not_running_is_one_clear_line(capsys, pg_server):
    url = pg_server.base_url.replace("fogofwar_test", "no_such_database")
    code, _, err = run(capsys, "claims", "--db", url)
    assert code != 0 and "no_such_database" in err and len(err.strip().splitlines()) == 1
