"""JSON Lines dumps: one article per line, read as a stream.

Each line is an object ``{"id", "text", "published", "url", "title", "source"}``; ``html``
may stand in for ``text`` (the page then goes through the HTML path). Blank lines are skipped.
A line that does not parse, is not an object or has no text yields an ``InputError`` naming
``path:line``; the other lines are still read. The file is read one line at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from fogofwar.errors import InputError
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.html import article_from_html
from fogofwar.ingest.text import article_from_text
from fogofwar.models import Article

_STRING_FIELDS = ("title", "url", "source")


def read_jsonl(path: str | Path, published: date | None = None) -> Iterator[Article | InputError]:
    """Articles and errors of a JSON Lines file, in line order."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot read file ({exc.strerror})", str(path))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield parse_line(raw, str(path), path.stem, number, published)


def parse_line(raw: bytes, path: str, stem: str, number: int, published: date | None = None) -> Article | InputError:
    """The article (or the error) of line ``number`` of a dump: what ``read_jsonl`` yields for it.
    ``path`` names the dump in errors; ``stem`` makes the ids of lines without one."""
    where = f"{path}:{number}"
    try:
        record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError:
        return InputError("line is not UTF-8; re-save the file as UTF-8", where)
    except json.JSONDecodeError as exc:
        return InputError(f"line is not valid JSON ({exc.msg}, column {exc.colno})", where)
    try:
        return article_from_record(record, stem, number, where, published)
    except InputError as exc:
        return exc


def article_from_record(record: Any, stem: str, number: int, where: str, published: date | None = None) -> Article:
    """An article from one decoded record (a JSON line, a Parquet row); ``InputError`` naming
    ``where`` when it is not an object with text."""
    if not isinstance(record, dict):
        raise InputError(f"line is a JSON {type(record).__name__}, not an object", where)
    doc_id = _doc_id(record.get("id"), stem, number, where)
    try:
        own_date = parse_published(record.get("published"))
    except ValueError as exc:
        raise InputError(str(exc), where) from None
    meta = {k: _string(record, k, where) for k in _STRING_FIELDS}
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        article = article_from_text(text, doc_id, where, own_date or published, meta["title"])
        return _with(article, url=meta["url"], source=meta["source"])
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        article = article_from_html(html, doc_id, where, own_date or published, meta["url"])
        return _with(
            article,
            published=own_date or article.published,
            title=meta["title"] or article.title,
            source=meta["source"] or article.source,
        )
    raise InputError('line has no "text" (or "html") with content', where)


def _doc_id(value: Any, stem: str, number: int, where: str) -> str:
    if value is None or value == "":
        return f"{stem}:{number}"
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise InputError('"id" must be a string or an integer', where)


def _string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f'"{key}" must be a string', where)
    return value


def _with(article: Article, **changes: Any) -> Article:
    kept = {k: v for k, v in changes.items() if v is not None}
    return replace(article, **kept) if kept else article
