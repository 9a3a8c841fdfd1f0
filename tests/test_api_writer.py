"""Posted articles are analysed and written by a worker process (``api_writer.ProcessWriter``):
what it writes is read by the server's own store, a worker that dies is replaced, and a failure
is reported as one of the writer's errors, never half-stored."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest

from fogofwar.interfaces.api_writer import (
    WORKER_NICENESS,
    AnalysisFailed,
    InProcessWriter,
    ProcessWriter,
    WriterUnavailable,
)
from fogofwar.models import Article
from fogofwar.store import open_store

TEXT = "Three soldiers were killed in Kharkiv on Monday, officials said."


@pytest.fixture
def writer(tmp_path):
    db = tmp_path / "ledger.sqlite"
    open_store(db).close()
    w = ProcessWriter(str(db))
    yield w, db
    w.close()


def test_the_worker_process_writes_what_the_servers_store_then_reads(writer):
    w, db = writer
    with open_store(db) as store:  # open before the write, as the server's store is
        result = asyncio.run(w.ingest(Article(id="posted", text=TEXT)))
        assert result.stored and result.id == "posted" and result.claims >= 1
        (pid,) = w.worker_pids()
        assert pid != os.getpid()
        own = os.getpriority(os.PRIO_PROCESS, 0)  # the worker yields the CPU to the server's reads
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, own + WORKER_NICENESS)
        stored = store.document("posted")
        assert stored is not None and len(stored.claims) == result.claims
    again = asyncio.run(w.ingest(Article(id="posted", text=TEXT)))
    assert not again.stored and again.id == "posted"


def test_a_worker_that_dies_is_reported_and_replaced(writer):
    w, db = writer
    asyncio.run(w.ingest(Article(id="first", text=TEXT)))
    (pid,) = w.worker_pids()
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
            break
        time.sleep(0.05)
    with pytest.raises(WriterUnavailable, match="post the article again"):
        asyncio.run(w.ingest(Article(id="second", text=TEXT + " Again.")))
    result = asyncio.run(w.ingest(Article(id="second", text=TEXT + " Again.")))
    assert result.stored and w.worker_pids() and w.worker_pids() != [pid]
    with open_store(db) as store:
        assert {d.id for d in store.documents()} == {"first", "second"}


class _Broken:
    def analyze(self, article):
        raise RuntimeError("stage exploded")


def test_a_pipeline_failure_stores_nothing(tmp_path):
    db = tmp_path / "ledger.sqlite"
    with open_store(db) as store:
        w = InProcessWriter(store, _Broken)
        with pytest.raises(AnalysisFailed, match="RuntimeError: stage exploded"):
            asyncio.run(w.ingest(Article(id="x", text=TEXT)))
        assert store.count_documents() == 0
