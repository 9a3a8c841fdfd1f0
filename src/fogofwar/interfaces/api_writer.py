"""Where the API analyses and stores a posted article: in a worker process, or in the server's.

Analysing an article is CPU-bound Python (spaCy and our stages, 0.1–1 s). Run in the server's
process it holds the GIL, and every read waits behind it. ``ProcessWriter`` therefore runs the
pipeline *and* the write in one worker process of its own (spawned, so no threads are forked),
with its own model and its own connection to the ledger: the server's process only reads. The
worker runs at a lower CPU priority (``WORKER_NICENESS``): on a busy machine a read, which a
person waits for, goes before the analysis of a posted article.
Posts are analysed one at a time, in order (a ledger has one writer at a time anyway). Being
spawned, the worker imports the server's main module: a script that serves the app must guard
its top level with ``if __name__ == "__main__":`` (``fogofwar serve`` does). The
worker loads the model when the server starts, so the first post does not wait for it.

``InProcessWriter`` keeps everything in the server's process: for an in-memory ledger, which
another process cannot open, and for a ``pipeline_factory`` given to ``create_app`` (tests,
embedding).

Both answer ``IngestResult`` or raise: ``AnalysisFailed`` (the pipeline failed on this article),
``StoreError`` (the ledger could not be written), ``WriterUnavailable`` (the worker died;
nothing is half-stored, since a write is one transaction, and posting again is idempotent).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from fogofwar.models import Article


@dataclass(frozen=True)
class IngestResult:
    id: str  # the id it is stored under (an earlier document's when the text was stored already)
    stored: bool  # False: the same text was stored already
    claims: int


class AnalysisFailed(Exception):
    """The NLP pipeline raised on this article; nothing was stored."""


class WriterUnavailable(Exception):
    """The worker that analyses posted articles stopped; nothing was half-stored."""


class ArticleWriter(Protocol):
    async def ingest(self, article: Article) -> IngestResult: ...

    def close(self) -> None: ...


def analyze_and_store(pipeline: Any, store: Any, article: Article) -> IngestResult:
    """Analyse ``article`` and store it (one transaction, propositions regrouped inside)."""
    try:
        analyzed = pipeline.analyze(article)
    except Exception as exc:  # noqa: BLE001 (any stage failing must not leave a half-stored article)
        raise AnalysisFailed(f"{type(exc).__name__}: {exc}") from None
    stored = store.add(analyzed)
    doc_id = store.document_id_by_hash(article.content_hash) or article.id
    return IngestResult(id=doc_id, stored=stored, claims=len(analyzed.claims))


class InProcessWriter:
    """The pipeline (made on first use) and the API's own store, in the server's process."""

    def __init__(self, store: Any, pipeline_factory: Callable[[], Any] | None = None) -> None:
        self.store = store
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def _get_pipeline(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                if self._factory is not None:
                    self._pipeline = self._factory()
                else:
                    from fogofwar.pipeline import Pipeline

                    self._pipeline = Pipeline()
            return self._pipeline

    async def ingest(self, article: Article) -> IngestResult:
        from fastapi.concurrency import run_in_threadpool

        return await run_in_threadpool(lambda: analyze_and_store(self._get_pipeline(), self.store, article))

    def close(self) -> None:
        pass


# -- the worker process ----------------------------------------------------------------------

_worker: dict[str, Any] = {}  # in the worker process: its pipeline and store


WORKER_NICENESS = 5  # the worker yields the CPU to the server's reads when both want it


def _start_worker(ledger: str) -> None:
    from fogofwar.pipeline import Pipeline
    from fogofwar.store import open_store

    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not allowed here: run at the server's priority
        pass
    _worker["store"] = open_store(ledger)
    _worker["pipeline"] = Pipeline()
    _worker["pipeline"].analyze(Article(id="warm-up", text="Two soldiers were wounded near Kursk, the army said."))


def _ready() -> bool:
    return "pipeline" in _worker


def _ingest_in_worker(article: Article) -> IngestResult:
    with _worker["pipeline"].memory_zone():  # a long-lived worker: its vocabulary must not grow
        return analyze_and_store(_worker["pipeline"], _worker["store"], article)


class ProcessWriter:
    """One spawned worker process that analyses posted articles and writes them to ``ledger``."""

    def __init__(self, ledger: str) -> None:
        self.ledger = ledger
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.ledger,))  # fmt: skip
        pool.submit(_ready)  # start it now: the model loads while the server starts
        return pool

    async def ingest(self, article: Article) -> IngestResult:
        with self._lock:
            pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(_ingest_in_worker, article))
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:  # the next post starts a fresh worker
                    self._pool = self._new_pool()
            raise WriterUnavailable("the worker that analyses articles stopped; post the article again") from None

    def worker_pids(self) -> list[int]:
        """The process ids of the worker (none before it started)."""
        with self._lock:
            return sorted(getattr(self._pool, "_processes", None) or {})

    def close(self) -> None:
        with self._lock:
            self._pool.shutdown(wait=True, cancel_futures=True)
