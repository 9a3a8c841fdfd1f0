"""Syndicated copies: an article whose text (content hash) is stored already, from another
publisher or URL, is kept as a copy of the stored document, not dropped.

The same publisher and URL again is no copy (an idempotent re-run); a copy met twice is kept
once (``UNIQUE (doc, copy_key)``). Both backends write copies with ``INSERT_COPY`` (``?``
placeholders) and ``copy_values``, so the rule lives here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from fogofwar.models import Article
from fogofwar.store.rows import chunks

INSERT_COPY = (
    "INSERT INTO document_copies (doc, source, url, published, title, ingested_at, copy_key)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def copy_values(doc_id: str, stored_source: str | None, stored_url: str | None,
                article: Article) -> tuple[Any, ...] | None:
    """The ``INSERT_COPY`` values when ``article`` is a copy of the stored document ``doc_id``
    (its text is stored, its publisher or URL differs), else None (a re-run of the same)."""
    if (article.source or None, article.url or None) == (stored_source or None, stored_url or None):
        return None
    published = article.published.isoformat() if article.published else None
    key = f"{article.source or ''}\x1f{article.url or ''}"
    return (doc_id, article.source, article.url, published, article.title,
            datetime.now(UTC).isoformat(), key)  # fmt: skip


def copy_publishers(read: Callable[[str, Sequence[Any]], list[Any]],
                    docs: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """These documents' syndicated copies, each by the publisher (else the URL) that carried it,
    in the order they were met (what ``propositions.proposition_of`` counts as outlets)."""
    out: dict[str, list[str]] = {}
    for chunk in chunks(sorted(set(docs)), 500):
        rows = read(f"SELECT id, doc, source, url FROM document_copies WHERE doc IN ({', '.join('?' for _ in chunk)})"
                    " ORDER BY id", chunk)  # fmt: skip
        for row in rows:
            out.setdefault(row[1], []).append(row[2] or row[3] or f"copy {row[0]}")
    return {doc: tuple(publishers) for doc, publishers in out.items()}
