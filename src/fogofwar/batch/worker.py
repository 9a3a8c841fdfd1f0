"""The worker of a batch job: one pipeline per process, chunks of articles in, pieces out.

``ChunkExtractor`` is the callable class that Ray Data's actor pool builds once per actor
(``map_batches(ChunkExtractor, compute=ActorPoolStrategy(size=N))``): its constructor loads
the pipeline and its models (timed: ``load_s``), and each call reads the chunks of its batch
(``inputs.read_chunk``), analyses their articles ``analysis_batch`` at a time and yields one
*piece* per group: a one-row Arrow table (``PIECE_SCHEMA``) with the claims as an Arrow IPC
stream, the errors as one-line messages, and, when the ledger is written, the analysed
articles (pickled, without their spaCy parses) for the driver to store. The last piece of a
chunk has ``last`` true, so the driver knows when an input is finished.

An article whose analysis raises is reported as an error and skipped; the run goes on.
Nothing here imports Ray.
"""

from __future__ import annotations

import os
import pickle
import resource
from collections.abc import Iterator
from datetime import date
from time import perf_counter

import pyarrow as pa

from fogofwar.batch.claim_table import claim_rows, to_ipc
from fogofwar.batch.inputs import Chunk, read_chunk
from fogofwar.errors import InputError
from fogofwar.models import AnalyzedArticle, Article

ANALYSIS_BATCH = 32  # articles analysed together (spaCy parses their sentences in one stream)
# articles one pipeline analyses before the worker builds a fresh one: memory zones free each
# article's lexemes, but spaCy's index of them (a preshed map) keeps their cells and doubles as
# they add up (0.05 kB an article); a fresh pipeline starts with a fresh index
RELOAD_EVERY = 1_000_000
FAIL_ONCE_ENV = "FOGOFWAR_BATCH_FAIL_ONCE"  # tests: a file path; the first call that finds it
# missing creates it and kills its worker process, so that Ray's retry is exercised

PIECE_SCHEMA = pa.schema([
    ("input", pa.int64()), ("chunk", pa.int64()), ("last", pa.bool_()), ("articles", pa.int64()),
    ("claims", pa.int64()), ("errors", pa.list_(pa.string())), ("claims_ipc", pa.binary()),
    ("ledger", pa.binary()), ("load_s", pa.float64()), ("pid", pa.int64()), ("rss_mb", pa.float64()),
])  # fmt: skip

_WARM_UP = Article(id="warm-up", text="Two soldiers were killed in Kharkiv on Monday, officials said.")


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now, in MB (Linux ``/proc``; else the peak)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ChunkExtractor:
    """Analyses chunks of articles with one pipeline, loaded once (see the module's doc)."""

    def __init__(self, published: str | None = None, with_ledger: bool = False, analysis_batch: int = ANALYSIS_BATCH):
        self.load_s = 0.0
        self._load()
        self.published = date.fromisoformat(published) if published else None
        self.with_ledger = with_ledger
        self.analysis_batch = analysis_batch

    def _load(self) -> None:
        from fogofwar.pipeline import Pipeline

        started = perf_counter()
        self.pipeline = None  # the old one (and its lexeme index) freed before the new one loads
        self.pipeline = Pipeline()
        self.pipeline.analyze(_WARM_UP)  # loads the spaCy model, vocabularies and gazetteer now
        self.load_s += perf_counter() - started
        self.analysed = 0

    def __call__(self, batch: pa.Table) -> Iterator[pa.Table]:
        _maybe_fail_once()
        for row in batch.to_pylist():
            yield from self.run_chunk(Chunk(**row))

    def run_chunk(self, chunk: Chunk) -> Iterator[pa.Table]:
        pending: list[Article] = []
        errors: list[str] = []
        for item in read_chunk(chunk, self.published):
            if isinstance(item, InputError):
                errors.append(str(item))
                continue
            pending.append(item)
            if len(pending) >= self.analysis_batch:
                yield self._piece(chunk, pending, errors, last=False)
                pending, errors = [], []
        yield self._piece(chunk, pending, errors, last=True)

    def _piece(self, chunk: Chunk, articles: list[Article], errors: list[str], last: bool) -> pa.Table:
        if self.analysed >= RELOAD_EVERY:
            self._load()
        self.analysed += len(articles)
        with self.pipeline.memory_zone():  # the strings of these articles are freed after
            docs = self._analyze(articles, errors)
            rows = claim_rows(docs, chunk.path)
            docs = [d.without_parses() for d in docs]
        ledger = pickle.dumps(docs, protocol=5) if self.with_ledger and docs else b""
        load_s, self.load_s = self.load_s, 0.0  # reported once per worker
        return pa.Table.from_pylist([{
            "input": chunk.input, "chunk": chunk.chunk, "last": last, "articles": len(docs),
            "claims": len(rows), "errors": errors, "claims_ipc": to_ipc(rows), "ledger": ledger,
            "load_s": load_s, "pid": os.getpid(), "rss_mb": rss_mb(),
        }], schema=PIECE_SCHEMA)  # fmt: skip

    def _analyze(self, articles: list[Article], errors: list[str]) -> list[AnalyzedArticle]:
        if not articles:
            return []
        try:
            return self.pipeline.analyze_batch(articles)
        except Exception:  # noqa: BLE001, S110 -- one article broke the batch: find it below
            pass
        docs = []
        for article in articles:
            try:
                docs.append(self.pipeline.analyze(article))
            except Exception as exc:  # noqa: BLE001 -- a bad article never stops the run
                message = f"analysis failed ({type(exc).__name__}: {exc}); the article was skipped"
                errors.append(str(InputError(message, article.origin or article.id)))
        return docs


def _maybe_fail_once() -> None:
    marker = os.environ.get(FAIL_ONCE_ENV)
    if marker and not os.path.exists(marker):
        with open(marker, "w") as handle:
            handle.write(str(os.getpid()))
        os._exit(1)
