"""Where articles come from: dispatch each path to its reader, by kind.

- a folder: every ``.txt``, ``.html``, ``.htm`` and ``.jsonl`` file below it, sorted by path
  (hidden files and folders skipped);
- ``-``: standard input, read as text (or as HTML when it starts like a page);
- ``.html``/``.htm`` → ``ingest.html``; ``.jsonl`` → ``ingest.jsonl``; ``.txt`` → ``ingest.text``;
  a file with another suffix named on purpose is read as HTML if it starts like a page, else text.

Errors are yielded in place as ``InputError`` (never raised) so the caller can report them and
go on with the other inputs. A ``published`` date from the user only fills articles without one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from fogofwar.errors import InputError
from fogofwar.ingest.html import article_from_html, looks_like_html, read_html_file
from fogofwar.ingest.jsonl import read_jsonl
from fogofwar.ingest.text import article_from_text, decode_text, read_text_file
from fogofwar.models import Article

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
HTML_SUFFIXES = frozenset({".html", ".htm"})
FOLDER_SUFFIXES = frozenset({".txt", ".jsonl"}) | HTML_SUFFIXES


def read_inputs(
    paths: Iterable[str],
    published: date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Articles and errors of every path, in order; ``stdin`` replaces ``sys.stdin`` for ``-``."""
    for path in paths:
        for item in _read_one(str(path), stdin):
            if isinstance(item, Article) and published is not None and item.published is None:
                item = replace(item, published=published)
            yield item


def read_path(path: str | Path) -> Iterator[Article | InputError]:
    """Articles and errors of one file or folder (no stdin, no date filling)."""
    yield from _read_one(str(path), None)


def folder_files(folder: Path) -> list[Path]:
    """The readable files below a folder, sorted; hidden entries skipped."""
    found = []
    for candidate in folder.rglob("*"):
        relative = candidate.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if candidate.is_file() and candidate.suffix.lower() in FOLDER_SUFFIXES:
            found.append(candidate)
    return sorted(found)


def _read_one(path: str, stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    if path == STDIN:
        stream = stdin or getattr(sys.stdin, "buffer", None)
        yield _guard(lambda: _from_stdin(stream), STDIN_ORIGIN)
        return
    target = Path(path)
    if target.is_dir():
        files = folder_files(target)
        if not files:
            yield InputError("folder has no .txt, .html, .htm or .jsonl files", path)
        for file in files:
            yield from _read_file(file)
    elif target.exists():
        yield from _read_file(target)
    else:
        yield InputError("no such file or folder", path)


def _read_file(path: Path) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path)
    elif suffix in HTML_SUFFIXES:
        yield _guard(lambda: read_html_file(path), str(path))
    elif suffix == ".txt":
        yield _guard(lambda: read_text_file(path), str(path))
    else:
        yield _guard(lambda: _sniffed(path), str(path))


def _sniffed(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", str(path)) from None
    if looks_like_html(data):
        return article_from_html(data, path.stem, str(path))
    return article_from_text(decode_text(data, str(path)), path.stem, str(path))


def _from_stdin(stream: BinaryIO | None) -> Article:
    if stream is None:
        raise InputError("no standard input to read", STDIN_ORIGIN)
    data = stream.read()
    if looks_like_html(data):
        return article_from_html(data, "stdin", STDIN_ORIGIN)
    return article_from_text(decode_text(data, STDIN_ORIGIN), "stdin", STDIN_ORIGIN)


def _guard(read: Callable[[], Article], where: str) -> Article | InputError:
    try:
        return read()
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(f"cannot read ({exc.strerror or exc})", where)
