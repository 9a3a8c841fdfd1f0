"""A batch job on Ray Data: inputs → chunks → an actor pool of pipelines → Parquet (and ledger).

    plan (driver)    stat each input, skip those the manifest lists as done, cut the rest
                     into chunks (``inputs.plan_input``)
    run (Ray)        ``from_items(chunks)`` → ``map_batches(ChunkExtractor, batch_size=1,
                     compute=ActorPoolStrategy(size=workers))``: each actor loads one
                     pipeline and analyses chunk after chunk (``worker``)
    collect (driver) stream the pieces back in order (``iter_batches``): errors are reported
                     as they come, claims go to ``DIR/claims/<input>.parquet`` (written beside,
                     renamed when the input is finished), analysed articles into the ledger with
                     ``add_many`` (one transaction per piece; idempotent by content hash), and
                     the input is recorded in ``DIR/manifest.json``; the ledger's propositions
                     are regrouped once, when every piece is in (``settle_propositions``)

Without an address a local Ray is started with ``workers`` CPUs and stopped at the end; with
one, the job joins that cluster (every node needs fogofwar installed). A worker that dies is
restarted and its call retried (Ray Data's actor pool: ``max_restarts`` and ``max_task_retries``
unbounded by default); an article whose analysis raises is an error line, not a failed call. A run that stops
half-way leaves the finished inputs recorded and no partial Parquet file; the next run redoes
the rest (the ledger keeps each article once).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import Any

from fogofwar.batch.inputs import CHUNK_LINES, Chunk, InputFile, plan_input, stat_input
from fogofwar.batch.manifest import Manifest
from fogofwar.batch.worker import ANALYSIS_BATCH, FAIL_ONCE_ENV, ChunkExtractor, rss_mb
from fogofwar.errors import BatchError, InputError

FLUSH_ROWS = 10_000  # claim rows buffered per input before they are written as a row group (~12 MB)


@dataclass(frozen=True)
class BatchOptions:
    inputs: list[str]
    output: str
    db: str | None = None
    workers: int = 1
    address: str | None = None
    published: date | None = None
    chunk_lines: int = CHUNK_LINES
    analysis_batch: int = ANALYSIS_BATCH
    progress: bool = False
    redo: bool = False  # ignore the manifest: run every input again


@dataclass(frozen=True)
class MemorySample:
    """Resident memory at one moment of a run, in MB (workers: their last report)."""

    articles: int
    seconds: float
    driver_mb: float
    workers_mb: dict[int, float]


@dataclass
class BatchResult:
    finished: list[str] = field(default_factory=list)  # inputs finished by this run
    skipped: list[str] = field(default_factory=list)  # inputs the manifest lists as done
    unreadable: int = 0  # inputs that could not be read at all
    articles: int = 0
    claims: int = 0
    errors: int = 0  # one-line errors reported (unreadable inputs and bad articles)
    stored: int = 0  # articles new to the ledger
    seconds: float = 0.0  # from the start of Ray to the last piece
    load_s: list[float] = field(default_factory=list)  # model load of each worker
    memory: list[MemorySample] = field(default_factory=list)


def run_batch(
    options: BatchOptions,
    report_error: Callable[[str], None] = lambda message: None,
    sample_every: int = 0,
) -> BatchResult:
    """Run a batch job; ``report_error`` gets each one-line error as it comes; every
    ``sample_every`` articles (0: never) the memory of the driver and workers is sampled."""
    ray, data = _import_ray()
    folder = Path(options.output)
    try:
        (folder / "claims").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder ({exc.strerror})", str(folder)) from None
    manifest = Manifest(folder)
    result = BatchResult()
    db_label = _db_label(options.db)
    sources, chunks = _plan(options, manifest, db_label, result, report_error)
    store = _open_store(options.db) if options.db and chunks else None
    collector = _Collector(folder, manifest, sources, chunks, store, db_label, result, report_error)
    try:
        collector.finish_empty_inputs()
        if chunks:
            started = _start_ray(ray, options)
            try:
                _run(data, options, chunks, collector, sample_every)
            finally:
                if started:
                    ray.shutdown()
        if store is not None:
            store.settle_propositions()  # once for the run (each piece was written without)
    finally:
        collector.discard_unfinished()
        if store is not None:
            store.close()
    return result


def _import_ray() -> tuple[Any, Any]:
    try:
        import pyarrow  # noqa: F401
        import ray
        from ray import data
    except ImportError as exc:
        raise BatchError(f"fogofwar batch needs Ray and pyarrow ({exc.msg}); install them with "
                         "pip install 'fogofwar[batch]'") from None
    return ray, data


def _db_label(db: str | None) -> str | None:
    if db is None:
        return None
    from fogofwar.store import redact

    return redact(db)


def _open_store(db: str) -> Any:
    from fogofwar.store import open_store

    store = open_store(db)
    if hasattr(store, "check_writable"):
        store.check_writable()  # refused before any article is analysed
    return store


def _plan(
    options: BatchOptions, manifest: Manifest, db_label: str | None, result: BatchResult,
    report_error: Callable[[str], None],
) -> tuple[list[InputFile], list[Chunk]]:
    sources: list[InputFile] = []
    chunks: list[Chunk] = []
    for path in dict.fromkeys(options.inputs):  # each input once
        try:
            source = stat_input(path)
            if not options.redo and manifest.is_done(source, db_label):
                result.skipped.append(path)
                continue
            planned = plan_input(len(sources), source, options.chunk_lines)
        except InputError as exc:
            result.unreadable += 1
            result.errors += 1
            report_error(str(exc))
            continue
        sources.append(source)
        chunks.extend(planned)
    return sources, chunks


def _start_ray(ray: Any, options: BatchOptions) -> bool:
    """Start (or join) Ray, quietly; True when this call started it."""
    if ray.is_initialized():
        return False
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
    try:
        if options.address:
            ray.init(address=options.address, **quiet)
        else:
            ray.init(num_cpus=options.workers, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = options.address or "a local Ray"
        raise BatchError(f"cannot start or join Ray ({exc})", where) from None
    logging.getLogger("ray").setLevel(logging.ERROR)
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    return True


def _run(data: Any, options: BatchOptions, chunks: list[Chunk], collector: _Collector, sample_every: int) -> None:
    from tqdm import tqdm

    context = data.DataContext.get_current()
    context.enable_progress_bars = False  # the driver's own bar counts articles
    context.execution_options.preserve_order = True  # same input, same ledger order
    dataset = data.from_items([c.to_row() for c in chunks], override_num_blocks=len(chunks))
    dataset = dataset.map_batches(
        ChunkExtractor,
        batch_size=1,
        batch_format="pyarrow",
        compute=data.ActorPoolStrategy(size=options.workers),
        num_cpus=1,
        runtime_env=_worker_env(),
        fn_constructor_kwargs={
            "published": options.published.isoformat() if options.published else None,
            "with_ledger": collector.store is not None,
            "analysis_batch": options.analysis_batch,
        },
    )  # Ray Data's actor pool restarts a dead actor and retries its call (max_restarts and
    # max_task_retries -1 by default); an exception inside a call is caught by the worker
    bar = tqdm(unit="doc", desc="batch", disable=not options.progress, file=sys.stderr)
    started = perf_counter()
    workers: dict[int, float] = {}
    next_sample = sample_every
    try:
        for piece in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in piece.to_pylist():
                collector.take(row)
                workers[row["pid"]] = row["rss_mb"]
                bar.update(row["articles"])
            collector.result.seconds = perf_counter() - started
            if sample_every and collector.result.articles >= next_sample:
                next_sample = collector.result.articles + sample_every
                collector.result.memory.append(MemorySample(
                    collector.result.articles, collector.result.seconds, rss_mb(), dict(workers)))
    finally:
        bar.close()


def _worker_env() -> dict[str, Any] | None:
    """The driver's fault-injection setting, handed to workers (tests: a retried call)."""
    marker = os.environ.get(FAIL_ONCE_ENV)
    return {"env_vars": {FAIL_ONCE_ENV: marker}} if marker else None


class _Collector:
    """The driver's side: pieces in, Parquet files, ledger batches and manifest entries out."""

    def __init__(
        self, folder: Path, manifest: Manifest, sources: list[InputFile], chunks: list[Chunk],
        store: Any, db_label: str | None, result: BatchResult, report_error: Callable[[str], None],
    ) -> None:
        self.folder, self.manifest, self.sources = folder, manifest, sources
        self.store, self.db_label, self.result, self.report_error = store, db_label, result, report_error
        self.remaining = [0] * len(sources)
        for chunk in chunks:
            self.remaining[chunk.input] += 1
        self.counts = [[0, 0, 0] for _ in sources]  # articles, claims, errors per input
        self.buffers: list[list[Any]] = [[] for _ in sources]
        self.writers: dict[int, Any] = {}

    def finish_empty_inputs(self) -> None:
        for index, left in enumerate(self.remaining):
            if left == 0:
                self._finish(index)

    def take(self, row: dict[str, Any]) -> None:
        from fogofwar.batch.claim_table import from_ipc

        index = row["input"]
        for message in row["errors"]:
            self.report_error(message)
        if row["ledger"] and self.store is not None:
            self.result.stored += self.store.add_many(pickle.loads(row["ledger"]), settle=False)
        if row["claims"]:
            self.buffers[index].append(from_ipc(row["claims_ipc"]))
            if sum(t.num_rows for t in self.buffers[index]) >= FLUSH_ROWS:
                self._flush(index)
        counts = self.counts[index]
        counts[0] += row["articles"]
        counts[1] += row["claims"]
        counts[2] += len(row["errors"])
        self.result.articles += row["articles"]
        self.result.claims += row["claims"]
        self.result.errors += len(row["errors"])
        if row["load_s"]:
            self.result.load_s.append(row["load_s"])
        if row["last"]:
            self.remaining[index] -= 1
            if self.remaining[index] == 0:
                self._finish(index)

    def _file(self, index: int) -> Path:
        import hashlib

        source = self.sources[index]
        stem = Path(source.path.rstrip("/")).stem or "input"
        digest = hashlib.sha1(source.path.encode("utf-8")).hexdigest()[:10]
        return self.folder / "claims" / f"{stem}-{digest}.parquet"

    def _temporary(self, index: int) -> Path:
        final = self._file(index)
        return final.with_name(f".{final.name}.partial")

    def _flush(self, index: int) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from fogofwar.batch.claim_table import SCHEMA

        if index not in self.writers:
            self.writers[index] = pq.ParquetWriter(self._temporary(index), SCHEMA)
        if self.buffers[index]:
            self.writers[index].write_table(pa.concat_tables(self.buffers[index]))
            self.buffers[index] = []

    def _finish(self, index: int) -> None:
        self._flush(index)
        self.writers.pop(index).close()
        final = self._file(index)
        os.replace(self._temporary(index), final)
        articles, claims, errors = self.counts[index]
        source = self.sources[index]
        self.manifest.record(source, str(final.relative_to(self.folder)), articles, claims, errors, self.db_label)
        self.result.finished.append(source.path)

    def discard_unfinished(self) -> None:
        for index, writer in list(self.writers.items()):
            writer.close()
            self._temporary(index).unlink(missing_ok=True)
        self.writers.clear()
