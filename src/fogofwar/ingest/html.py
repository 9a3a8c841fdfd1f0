"""HTML inputs: a web page → its main article text and metadata, with trafilatura.

trafilatura decides the page's encoding, drops navigation, comments and boilerplate
(``favor_precision``), and reads title, site name, date and canonical URL from the markup.
The site name (or, failing that, the host name) becomes ``Article.source``: the publisher,
never the claimant. A page with no article text is an ``InputError``: trafilatura falls back to
the whole page body on tiny pages, so the extracted text must also hold prose, at least one
sentence of ``MIN_SENTENCE_WORDS`` words ending in a full stop, question or exclamation mark
(a navigation bar or a login form has none).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import trafilatura

from fogofwar.errors import InputError
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.text import check_text, read_file
from fogofwar.models import Article

MIN_SENTENCE_WORDS = 6
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def article_from_html(
    html: bytes | str,
    doc_id: str,
    origin: str,
    published: date | None = None,
    url: str | None = None,
) -> Article:
    """Extract the article of one page; metadata found in the page wins over none given."""
    raw = html.encode("utf-8") if isinstance(html, str) else html
    if not raw.strip():
        raise InputError("empty input (no HTML)", origin)
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), not HTML", origin)
    try:
        doc = trafilatura.bare_extraction(
            raw,
            url=url,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
        )
    except Exception as exc:  # noqa: BLE001 (trafilatura/lxml raise many kinds on broken markup)
        raise InputError(f"cannot parse HTML ({exc})", origin) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not has_prose(text):
        raise InputError("no article text found in this HTML page", origin)
    check_text(text, origin)
    page_date = _page_date(doc.date)
    return Article(
        id=doc_id,
        text=text,
        title=doc.title or None,
        published=page_date or published,
        url=doc.url or url or None,
        source=doc.sitename or doc.hostname or None,
        origin=origin,
    )


def read_html_file(path: str | Path, published: date | None = None) -> Article:
    """Read one ``.html``/``.htm`` file; id = file stem. Raises ``InputError``."""
    path = Path(path)
    return article_from_html(read_file(path), path.stem, str(path), published)


def looks_like_html(data: bytes) -> bool:
    """True for bytes that start like an HTML document (used for files without a known suffix)."""
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype", b"<?xml"))


def has_prose(text: str) -> bool:
    """True when some sentence of the text has at least ``MIN_SENTENCE_WORDS`` words."""
    return any(len(m.group().split()) >= MIN_SENTENCE_WORDS for m in _SENTENCE.finditer(text))


def _page_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None
