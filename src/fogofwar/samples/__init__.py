"""Bundled sample reports for ``fogofwar demo`` and the benchmark corpus.

The samples are short reports in wire style, written for this project: the events, figures,
outlets (Harbour Wire, Eastern Desk, ...) and URLs (example.org) are invented, though the
places are real. They are built so that a ledger across them is interesting: the same strike
told with different figures by different claimants (01, 02), a figure that grows over time
(09 → 10 → 12), a syndicated copy (10 and 11 differ in the headline and one sentence), and all
seven claim kinds with hedges, attributions and relative dates. ``index.json`` gives each
file's id, title, outlet and publication date; one sample is an HTML page (for ingest).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fogofwar.models import Article

INDEX_FILE = "index.json"


@dataclass(frozen=True)
class SampleEntry:
    """One line of ``index.json``: a bundled file and what is known about it."""

    id: str
    file: str
    title: str
    source: str
    published: date
    url: str

    @property
    def is_html(self) -> bool:
        return self.file.endswith(".html")


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


@lru_cache(maxsize=1)
def sample_index() -> tuple[SampleEntry, ...]:
    """The entries of ``index.json``, in file order."""
    raw = json.loads(_folder().joinpath(INDEX_FILE).read_text(encoding="utf-8"))
    return tuple(
        SampleEntry(
            id=row["id"],
            file=row["file"],
            title=row["title"],
            source=row["source"],
            published=date.fromisoformat(row["published"]),
            url=row["url"],
        )
        for row in raw
    )


def sample_paths() -> list[Path]:
    """Paths of every bundled sample file (``.txt`` and ``.html``), in index order."""
    folder = _folder()
    return [folder / entry.file for entry in sample_index()]


def sample_articles(include_html: bool = True) -> list[Article]:
    """The samples as articles, in index order; a ``.txt`` keeps its headline line in the text.

    HTML samples have their article text extracted by ``fogofwar.ingest.article_from_html``
    (navigation and footer dropped); ``include_html=False`` leaves them out.
    """
    folder = _folder()
    out: list[Article] = []
    for entry in sample_index():
        path = folder / entry.file
        if entry.is_html:
            if include_html:
                out.append(_html_article(path, entry))
            continue
        out.append(
            Article(
                id=entry.id,
                text=path.read_text(encoding="utf-8"),
                title=entry.title,
                published=entry.published,
                url=entry.url,
                source=entry.source,
                origin=str(path),
            )
        )
    return out


def _html_article(path: Path, entry: SampleEntry) -> Article:
    from fogofwar.ingest import article_from_html

    page = article_from_html(
        path.read_bytes(),
        doc_id=entry.id,
        origin=str(path),
        published=entry.published,
        url=entry.url,
    )
    return Article(
        id=entry.id,
        text=page.text,
        title=page.title or entry.title,
        published=page.published or entry.published,
        url=entry.url,
        source=page.source or entry.source,
        origin=str(path),
    )
