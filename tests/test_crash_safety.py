"""Crash safety of the ledger, on real ``fogofwar ingest`` processes.

- kill -9 at random points of an ingest, several times, then a full run: the file passes
  ``PRAGMA integrity_check``, every article is stored once, and the claims are those of a clean run;
  the same on PostgreSQL (every article once, the clean run's claims, none left pending);
- a full disk (the child's ``RLIMIT_FSIZE``: its files cannot grow past a size) gives one clear
  error line and leaves the ledger as it was;
- a read-only ledger (file or folder) gives one clear error line before any analysis, and can
  still be queried.
"""

from __future__ import annotations

import hashlib
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fogofwar.bench import make_corpus

pytestmark = pytest.mark.slow
KILLS = 3
REPORTS = 8
LIMIT_BYTES = 32 * 1024  # the WAL's shared-memory file needs 32 KiB; a batch needs more


def fogofwar(*args: str, limit_file_size: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    def limit() -> None:  # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [sys.executable, "-m", "fogofwar.interfaces.cli", *args], capture_output=True, text=True,
        timeout=timeout, preexec_fn=limit if limit_file_size else None,
    )  # fmt: skip


def write_reports(folder: Path, n: int, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in make_corpus(n, seed=seed, include_samples=False):
        (folder / f"{article.id.replace(':', '_')}.txt").write_text(article.text, encoding="utf-8")
    return folder


def ledger_state(db: Path) -> tuple[str, list[tuple], list[tuple]]:
    """(integrity check, documents by hash, claims as stored) of a ledger file."""
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        docs = conn.execute("SELECT id, content_hash FROM documents ORDER BY content_hash").fetchall()
        claims = conn.execute("SELECT doc, idx, json FROM claims ORDER BY doc, idx").fetchall()
    return integrity, docs, claims


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return write_reports(tmp_path_factory.mktemp("reports"), REPORTS, seed=11)


@pytest.fixture(scope="module")
def clean(tmp_path_factory, reports) -> tuple[Path, float]:
    """A ledger from one uninterrupted ingest, and how long that took."""
    db = tmp_path_factory.mktemp("clean") / "clean.sqlite"
    started = time.monotonic()
    run = fogofwar("ingest", str(reports), "--db", str(db), "--quiet", "--batch-size", "1")
    assert run.returncode == 0, run.stderr
    return db, time.monotonic() - started


def test_kill_9_at_random_points_then_a_full_run_gives_the_clean_ledger(tmp_path, reports, clean):
    clean_db, clean_seconds = clean
    db = tmp_path / "crashed.sqlite"
    killed = kill_ingests_at_random_points(reports, str(db), clean_seconds, seed=20261203)
    assert killed >= 1  # at least one run died mid-way (the others may have finished first)
    final = fogofwar("ingest", str(reports), "--db", str(db), "--quiet")
    assert final.returncode == 0, final.stderr
    integrity, docs, claims = ledger_state(db)
    _, clean_docs, clean_claims = ledger_state(clean_db)
    assert integrity == "ok"
    assert docs == clean_docs and len(docs) == REPORTS  # every article once
    assert claims == clean_claims  # the same claims, none lost, none doubled


def kill_ingests_at_random_points(reports: Path, db: str, clean_seconds: float, seed: int) -> int:
    """Start ``ingest`` KILLS times, each killed with SIGKILL at a random point; how many died mid-way."""
    rnd = random.Random(seed)
    killed = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-m", "fogofwar.interfaces.cli", "ingest", str(reports), "--db", db, "--quiet",
             "--batch-size", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rnd.uniform(0.2, 1.0) * clean_seconds)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
    return killed


def test_kill_9_on_postgresql_then_a_full_run_gives_the_clean_ledger(reports, clean, pg_server):
    import psycopg

    clean_db, clean_seconds = clean
    url = pg_server.fresh_url()
    assert kill_ingests_at_random_points(reports, url, clean_seconds, seed=20261204) >= 1
    final = fogofwar("ingest", str(reports), "--db", url, "--quiet")
    assert final.returncode == 0, final.stderr
    with psycopg.connect(url) as conn:
        docs = conn.execute("SELECT id, content_hash FROM documents ORDER BY content_hash").fetchall()
        claims = conn.execute("SELECT doc, idx, json FROM claims ORDER BY doc, idx").fetchall()
        pending = conn.execute("SELECT count(*) FROM pending_documents").fetchone()[0]
    _, clean_docs, clean_claims = ledger_state(clean_db)
    assert [tuple(d) for d in docs] == clean_docs and len(docs) == REPORTS  # every article once
    assert [tuple(c) for c in claims] == clean_claims  # none lost, none doubled
    assert pending == 0  # the full run grouped what the killed ones left


def test_a_full_disk_gives_one_error_line_and_leaves_the_ledger_as_it_was(tmp_path, clean):
    db = tmp_path / "full.sqlite"
    db.write_bytes(clean[0].read_bytes())
    before = ledger_state(db)
    long_report = tmp_path / "long.txt"  # ~45 KB: its text alone overflows the limit
    long_report.write_text("\n\n".join(a.text for a in make_corpus(24, seed=5, include_samples=False)), encoding="utf-8")
    run = fogofwar("ingest", str(long_report), "--db", str(db), "--quiet", limit_file_size=LIMIT_BYTES)
    assert run.returncode == 1
    line = one_error_line(run.stderr)
    assert str(db) in line and "cannot write to the ledger" in line and "rolled back" in line
    assert ledger_state(db) == before


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_read_only_ledger_is_refused_before_analysis_and_can_still_be_read(tmp_path, clean, reports, how):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "ledger.sqlite"
    db.write_bytes(clean[0].read_bytes())
    (folder if how == "folder" else db).chmod(0o555 if how == "folder" else 0o444)
    try:
        digest = file_digest(db)
        run = fogofwar("ingest", str(reports), "--db", str(db), "--quiet", timeout=60)
        assert run.returncode == 1
        line = one_error_line(run.stderr)
        assert str(db) in line and "read-only" in line and "nothing written" in line
        assert file_digest(db) == digest
        listed = fogofwar("claims", "--db", str(db), "--format", "jsonl", "--limit", "100000", timeout=60)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(ledger_state(clean[0])[2])
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def test_a_new_ledger_in_a_read_only_folder_is_refused(tmp_path, reports):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = fogofwar("ingest", str(reports), "--db", str(folder / "new.sqlite"), "--quiet", timeout=60)
        assert run.returncode == 1 and "read-only" in one_error_line(run.stderr)
        assert not (folder / "new.sqlite").exists()
    finally:
        folder.chmod(0o755)


def test_the_api_refuses_writes_to_a_read_only_ledger_with_503(tmp_path, clean):
    from fastapi.testclient import TestClient

    from fogofwar.interfaces.api import create_app

    db = tmp_path / "ledger.sqlite"
    db.write_bytes(clean[0].read_bytes())
    db.chmod(0o444)
    with TestClient(create_app(db, token="t"), raise_server_exceptions=False) as client:
        assert client.get("/claims").json()["total"] == len(ledger_state(clean[0])[2])
        assert client.get("/config").json()["writable"] is False
        r = client.post("/documents", json={"text": "Three soldiers were killed."}, headers={"Authorization": "Bearer t"})
    assert r.status_code == 503 and "read-only" in r.json()["detail"]
