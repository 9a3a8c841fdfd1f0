"""Inputs of a batch job: JSON Lines dumps and Parquet files, cut into chunks of articles.

The driver plans each input (``plan_input``): it looks the file up and cuts it into chunks, a
run of lines of a dump (a byte range and the number of its first line) or one row group of a
Parquet file, so that each worker reads its chunk alone. ``read_chunk`` (on a worker) yields
the articles and errors of a chunk exactly as ``fogofwar extract --jsonl`` reads them: the same
ids, the same one-line errors naming ``path:line`` (``path:row N`` for a Parquet row).

A path with ``://`` (``s3://``, ``gs://``, ``hdfs://``, ``file://``) is opened through pyarrow's
filesystems; any other path is a local file. A Parquet file is one with the suffix
``.parquet`` or ``.pq`` and the columns of a dump (``id``, ``text`` or ``html``, ``published``,
``url``, ``title``, ``source``; ``text`` or ``html`` required).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from fogofwar.errors import InputError
from fogofwar.ingest.jsonl import article_from_record, parse_line
from fogofwar.models import Article

CHUNK_LINES = 200  # lines of a dump per chunk: the unit of work handed to one worker call
PARQUET_SUFFIXES = (".parquet", ".pq")
RECORD_COLUMNS = ("id", "text", "html", "published", "url", "title", "source")
_SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class InputFile:
    """One input as the driver found it: where it is, its size and modification time."""

    path: str  # as the user gave it
    label: str  # how errors name it (a local path as ``extract`` prints it)
    size: int
    mtime: float
    kind: str  # "jsonl" or "parquet"


@dataclass(frozen=True)
class Chunk:
    """A piece of one input that one worker call reads and analyses."""

    input: int  # index of the input in this run
    chunk: int  # index of the chunk in its input
    path: str
    kind: str
    start: int  # a dump: first byte; Parquet: the row group
    end: int  # a dump: byte after the last; Parquet: unused (0)
    first: int  # number of the first line (or row), from 1

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


def _filesystem(path: str) -> tuple[Any, str, str]:
    """(pyarrow filesystem, path inside it, label for errors)."""
    from pyarrow import fs

    if "://" in path:
        filesystem, inner = fs.FileSystem.from_uri(path)
        return filesystem, inner, path
    return fs.LocalFileSystem(), str(Path(path).absolute()), str(Path(path))


def _stem(inner: str) -> str:
    return PurePosixPath(inner.replace("\\", "/")).stem


def stat_input(path: str) -> InputFile:
    """Look an input up; ``InputError`` when it is missing, a folder or cannot be reached."""
    from pyarrow import fs

    try:
        filesystem, inner, label = _filesystem(path)
        info = filesystem.get_file_info(inner)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read file ({exc})", path) from None
    if info.type == fs.FileType.NotFound:
        raise InputError("cannot read file (No such file or directory)", label)
    if info.type != fs.FileType.File:
        raise InputError("cannot read file (not a regular file; give JSON Lines or Parquet files)", label)
    mtime = info.mtime.timestamp() if info.mtime is not None else 0.0
    kind = "parquet" if inner.lower().endswith(PARQUET_SUFFIXES) else "jsonl"
    return InputFile(path, label, int(info.size or 0), mtime, kind)


def plan_input(index: int, source: InputFile, chunk_lines: int = CHUNK_LINES) -> list[Chunk]:
    """Cut an input into chunks; ``InputError`` when it cannot be read."""
    try:
        if source.kind == "parquet":
            return _parquet_chunks(index, source)
        return _jsonl_chunks(index, source, chunk_lines)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc})", source.label) from None


def _jsonl_chunks(index: int, source: InputFile, chunk_lines: int) -> list[Chunk]:
    filesystem, inner, _ = _filesystem(source.path)
    chunks: list[Chunk] = []
    start, first, lines, pos = 0, 1, 0, 0
    with filesystem.open_input_stream(inner, compression=None) as handle:
        while block := handle.read(_SCAN_BLOCK):
            at = 0
            while (newline := block.find(b"\n", at)) >= 0:
                at = newline + 1
                lines += 1
                if lines >= chunk_lines:
                    end = pos + at
                    chunks.append(Chunk(index, len(chunks), source.path, "jsonl", start, end, first))
                    start, first, lines = end, first + lines, 0
            pos += len(block)
    if pos > start:
        chunks.append(Chunk(index, len(chunks), source.path, "jsonl", start, pos, first))
    return chunks


def _parquet_chunks(index: int, source: InputFile) -> list[Chunk]:
    import pyarrow.parquet as pq

    filesystem, inner, label = _filesystem(source.path)
    with filesystem.open_input_file(inner) as handle:
        try:
            meta = pq.ParquetFile(handle).metadata
        except ValueError as exc:  # pyarrow's ArrowInvalid: the file is not Parquet
            raise InputError(f"not a Parquet file ({exc})", label) from None
        names = set(meta.schema.names)
        if not names & {"text", "html"}:
            raise InputError('Parquet file has no "text" (or "html") column', label)
        chunks, first = [], 1
        for group in range(meta.num_row_groups):
            chunks.append(Chunk(index, group, source.path, "parquet", group, 0, first))
            first += meta.row_group(group).num_rows
    return chunks


def read_chunk(chunk: Chunk, published: date | None = None) -> Iterator[Article | InputError]:
    """The articles and errors of one chunk, in order (run on a worker)."""
    filesystem, inner, label = _filesystem(chunk.path)
    try:
        if chunk.kind == "parquet":
            yield from _parquet_rows(filesystem, inner, label, chunk, published)
            return
        with filesystem.open_input_file(inner) as handle:
            handle.seek(chunk.start)
            data = handle.read(chunk.end - chunk.start)
    except OSError as exc:
        yield InputError(f"cannot read file ({exc})", label)
        return
    stem = _stem(inner)
    for offset, raw in enumerate(data.split(b"\n")):
        if raw.strip():
            yield parse_line(raw, label, stem, chunk.first + offset, published)


def _parquet_rows(
    filesystem: Any, inner: str, label: str, chunk: Chunk, published: date | None
) -> Iterator[Article | InputError]:
    import pyarrow.parquet as pq

    stem = _stem(inner)
    with filesystem.open_input_file(inner) as handle:
        parquet = pq.ParquetFile(handle)
        columns = [c for c in RECORD_COLUMNS if c in parquet.schema_arrow.names]
        number = chunk.first
        for batch in parquet.iter_batches(batch_size=256, row_groups=[chunk.start], columns=columns):
            for record in batch.to_pylist():
                where = f"{label}:row {number}"
                try:
                    yield article_from_record(record, stem, number, where, published)
                except InputError as exc:
                    yield exc
                number += 1
