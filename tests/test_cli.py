"""The ``fogofwar`` command end to end: real files in, real SQLite ledger, real output."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fogofwar.interfaces.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_59c41a48afdc6801.txt"
GOLD = SHARED / "gold" / "claims-dev.jsonl"

REPORT = (
    "Kharkiv strike\n"
    "Three civilians were killed and 12 wounded in a Russian missile strike on Kharkiv on Tuesday, "
    "the regional governor said.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kharkiv.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_a_table(capsys, article):
    code, out, _ = run(capsys, "extract", str(article), "--published", "2024-12-18")
    assert code == 0
    assert "casualties/killed" in out and "the regional governor" in out


def test_extract_claims_jsonl_has_the_gold_shape(capsys, article):
    code, out, _ = run(capsys, "extract", str(article), "--format", "claims-jsonl")
    record = json.loads(out)
    assert code == 0 and record["doc"] == "kharkiv"
    assert set(record) >= {"doc", "claims", "entities"}
    claim = record["claims"][0]
    assert {"kind", "quantity", "claimant", "evidence", "location", "time"} <= set(claim)
    for e in record["entities"]:
        assert REPORT[e["start"]:e["end"]] == e["text"]


def test_extract_writes_csv_to_a_file(capsys, article, tmp_path):
    target = tmp_path / "out.csv"
    code, _, _ = run(capsys, "extract", str(article), "--format", "csv", "--output", str(target))
    header, *rows = target.read_text(encoding="utf-8").splitlines()
    assert code == 0 and header.startswith("event_date,event_type")
    assert rows and "Kharkiv" in "".join(rows)


def test_jsonl_dump_with_a_bad_line_reports_it_and_goes_on(capsys, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "a", "text": REPORT, "published": "2024-12-18"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "extract", "--jsonl", str(dump), "--format", "claims-jsonl")
    assert code == 0
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["a"]
    assert f"{dump}:2" in err and f"{dump}:3" in err


def test_nothing_readable_exits_non_zero_with_one_line_per_input(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    code, out, err = run(capsys, "extract", str(empty), str(binary))
    assert code == 1 and out == ""
    assert str(empty) in err and str(binary) in err
    assert "Traceback" not in err


def test_ingest_is_idempotent_and_claims_can_be_queried(capsys, article, tmp_path):
    db = tmp_path / "ledger.sqlite"
    assert run(capsys, "ingest", str(article), "--db", str(db), "--published", "2024-12-18")[0] == 0
    code, out, _ = run(capsys, "ingest", str(article), "--db", str(db))
    assert code == 0 and "ingested 0 new article(s) of 1" in out
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    code, out, _ = run(capsys, "claims", "--db", str(db), "--kind", "casualties", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["kind"] == "casualties" for r in rows)
    code, out, _ = run(capsys, "claims", "--db", str(db), "--claimant", "nobody-such")
    assert "-- 0 of 0 claim(s)" in out


def test_show_marks_the_evidence(capsys, article, tmp_path):
    db = tmp_path / "ledger.sqlite"
    run(capsys, "ingest", str(article), "--db", str(db))
    code, out, _ = run(capsys, "show", "kharkiv", "--db", str(db), "--no-color")
    assert code == 0 and "[[" in out and "]][1]" in out


def test_show_unknown_document_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "show", "nope", "--db", str(tmp_path / "l.sqlite"))
    assert code == 1 and "no document 'nope'" in err


def test_demo_builds_a_ledger_of_the_samples(capsys, tmp_path):
    db = tmp_path / "demo.sqlite"
    code, out, _ = run(capsys, "demo", "--db", str(db))
    assert code == 0
    with sqlite3.connect(db) as con:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert docs >= 10 and claims >= 20
    assert "claim(s) in" in out


def test_console_script_runs_from_standard_input():
    proc = subprocess.run(
        [sys.executable, "-m", "fogofwar.interfaces.cli", "extract", "-", "--format", "claims-jsonl"],
        check=False, input=REPORT.encode(), capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["claims"]


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside this clone")
def test_seed_article_matches_all_seven_gold_claims(capsys):
    from fogofwar.eval.claim_files import load_gold
    from fogofwar.eval.claims import score_claims

    code, out, _ = run(capsys, "extract", str(SEED), "--published", "2024-12-16", "--format", "claims-jsonl")
    predicted = json.loads(out)
    gold = [r for r in load_gold(GOLD) if r["doc"] == "seed:" + SEED.name]
    predicted["doc"] = gold[0]["doc"]
    report = score_claims(gold, [predicted], {gold[0]["doc"]: SEED.read_text(encoding="utf-8")})
    data = report.to_json()
    assert code == 0
    assert data["overall"]["tp"] == 7, report.format_text()
    for field in ("affected.country", "location"):
        assert data["fields"][field]["rate"] == 1.0, (field, report.format_text())
    # One claimant is given up on purpose: the sentence after "According to the Main Intelligence
    # Directorate of Ukraine, ..." says nothing that continues the attribution, and an attribution
    # covers the next sentence only with an explicit continuation (carrying it onto background
    # sentences was the commonest claimant error on real wire stories).
    assert data["fields"]["claimant"]["agree"] >= 6, report.format_text()


def test_nothing_readable_leaves_no_output_file(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "extract", str(empty), "--format", "claims-jsonl", "-o", str(target))
    assert code == 1 and "nothing could be read" in err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [empty]  # no temporary file left either


def test_an_ingest_that_reads_nothing_leaves_no_new_ledger(capsys, article, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    ledger = tmp_path / "new.sqlite"
    code, out, err = run(capsys, "ingest", str(empty), "--db", str(ledger))
    assert code == 1 and "nothing could be read" in err and "no ledger created" in out
    assert not [f for f in tmp_path.iterdir() if f.name.startswith("new.sqlite")]
    assert run(capsys, "ingest", str(article), "--db", str(ledger))[0] == 0
    code, _, err = run(capsys, "ingest", str(empty), "--db", str(ledger))  # a ledger that was there stays
    assert code == 1 and ledger.exists()


def test_output_file_gets_ordinary_permissions(capsys, article, tmp_path):
    import os
    import stat

    target = tmp_path / "out.csv"
    run(capsys, "extract", str(article), "--format", "csv", "-o", str(target))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
