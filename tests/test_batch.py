"""``fogofwar batch`` on a real local Ray (one start per test session, 2 CPUs, small inputs)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="fogofwar batch needs Ray: pip install -e '.[batch]'")
pq = pytest.importorskip("pyarrow.parquet", reason="fogofwar batch needs pyarrow: pip install -e '.[batch]'")

from fogofwar.batch import BatchOptions, run_batch
from fogofwar.batch.worker import FAIL_ONCE_ENV
from fogofwar.interfaces.cli import main
from fogofwar.samples import sample_articles

BAD_LINES = ["this is not json", '{"id": "no-text", "title": "a record without text"}']


@pytest.fixture(scope="module")
def local_ray():
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """The bundled samples as a JSON Lines dump, with two bad lines among them."""
    path = tmp_path_factory.mktemp("dump") / "samples.jsonl"
    lines = []
    for a in sample_articles():
        lines.append(json.dumps({"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                                 "url": a.url, "published": a.published.isoformat() if a.published else None}))
    lines[3:3] = BAD_LINES
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extracted(dump, tmp_path_factory) -> tuple[dict[str, list[dict]], list[str]]:
    """What ``fogofwar extract --format claims-jsonl`` gives for the dump: claims by doc, errors."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("extract") / "claims.jsonl"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["extract", "--jsonl", str(dump), "--format", "claims-jsonl", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["doc"]: r["claims"] for r in records}, err.getvalue().splitlines()


def _claims_by_doc(folder: Path) -> dict[str, list[dict]]:
    table = pq.read_table(folder / "claims").sort_by([("doc", "ascending"), ("claim_index", "ascending")])
    out: dict[str, list[dict]] = defaultdict(list)
    for row in table.select(["doc", "claim_json"]).to_pylist():
        out[row["doc"]].append(json.loads(row["claim_json"]))
    return dict(out)


@pytest.fixture(scope="module")
def batch_run(local_ray, dump, tmp_path_factory):
    """One ``fogofwar batch`` run of the dump, 2 workers, small chunks, into a ledger too; the
    first worker call is killed once (its call must be retried)."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("batch")
    marker = folder / "killed-once"
    os.environ[FAIL_ONCE_ENV] = str(marker)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            code = main(["batch", str(dump), "--output", str(folder / "out"), "--workers", "2",
                         "--chunk-lines", "4", "--db", str(folder / "ledger.sqlite"), "--quiet"])
    finally:
        del os.environ[FAIL_ONCE_ENV]
    return folder, code, err.getvalue().splitlines(), marker


def test_batch_claims_equal_extract_claims(batch_run, extracted):
    folder, code, _, _ = batch_run
    assert code == 0
    expected = {doc: claims for doc, claims in extracted[0].items() if claims}
    assert expected, "the samples give claims"
    assert _claims_by_doc(folder / "out") == expected


def test_batch_reports_the_errors_extract_reports(batch_run, extracted):
    _, _, errors, _ = batch_run
    expected = extracted[1]
    assert len(expected) == len(BAD_LINES)
    assert [e for e in errors if "[F100]" in e] == expected


def test_a_killed_worker_call_is_retried(batch_run, extracted):
    folder, code, _, marker = batch_run
    assert marker.exists(), "the fault injection did not kill a worker"
    assert code == 0 and _claims_by_doc(folder / "out") == {d: c for d, c in extracted[0].items() if c}


def test_batch_stores_every_article_and_claim_in_the_ledger(batch_run, extracted):
    from fogofwar.store import open_store

    folder, _, _, _ = batch_run
    store = open_store(folder / "ledger.sqlite")
    try:
        assert store.stats().documents == len(extracted[0])
        assert store.count_claims() == sum(len(c) for c in extracted[0].values())
    finally:
        store.close()


def test_flat_columns_follow_the_csv_export(batch_run):
    from fogofwar.export.rows import COLUMNS

    folder, _, _, _ = batch_run
    table = pq.read_table(folder / "out" / "claims")
    assert table.column_names == ["input", "origin", "claim_index", *COLUMNS, "claim_json"]
    origins = set(table.column("origin").to_pylist())
    assert all(o.rsplit(":", 1)[1].isdigit() for o in origins), origins


def test_a_rerun_skips_finished_inputs_and_redoes_changed_ones(local_ray, dump, tmp_path):
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(b"\n".join(dump.read_bytes().splitlines()[:5]) + b"\n")
    options = BatchOptions([str(copy)], str(tmp_path / "out"), workers=1)
    first = run_batch(options)
    assert first.finished == [str(copy)] and first.articles == 3
    again = run_batch(options)
    assert again.skipped == [str(copy)] and again.articles == 0 and not again.finished
    copy.write_bytes(copy.read_bytes() + dump.read_bytes().splitlines()[6] + b"\n")
    changed = run_batch(options)
    assert changed.finished == [str(copy)] and changed.articles == 4
    assert len(list((tmp_path / "out" / "claims").glob("*.parquet"))) == 1


def test_parquet_input_gives_the_claims_of_the_dump(local_ray, dump, tmp_path, extracted):
    import pyarrow as pa

    records = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()
               if line.startswith("{") and '"text"' in line]
    path = tmp_path / "samples.parquet"
    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=5)
    result = run_batch(BatchOptions([str(path)], str(tmp_path / "out"), workers=2))
    assert result.errors == 0 and result.articles == len(records)
    assert _claims_by_doc(tmp_path / "out") == {d: c for d, c in extracted[0].items() if c}


def test_unreadable_inputs_are_one_line_errors(local_ray, tmp_path, capsys):
    code = main(["batch", str(tmp_path / "missing.jsonl"), "--output", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[0] == f"fogofwar: [F100] {tmp_path / 'missing.jsonl'}: cannot read file (No such file or directory)"
