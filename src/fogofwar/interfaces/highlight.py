"""An article with its evidence marked, for the terminal (``fogofwar show``)."""

from __future__ import annotations

from fogofwar.export.table import HEADER, claim_line
from fogofwar.store.base import StoredDocument

_ON, _OFF = "\033[1;33m", "\033[0m"


def evidence_spans(doc: StoredDocument) -> list[tuple[int, int, int]]:
    """(start, end, claim number) of every evidence span, sorted, overlaps merged into the first."""
    spans = sorted(
        (e.start, e.end, n) for n, c in enumerate(doc.claims, 1) for e in c.evidence
    )
    merged: list[tuple[int, int, int]] = []
    for start, end, n in spans:
        if merged and start < merged[-1][1]:
            s, e, m = merged[-1]
            merged[-1] = (s, max(e, end), m)
        else:
            merged.append((start, end, n))
    return merged


def mark_text(text: str, spans: list[tuple[int, int, int]], color: bool) -> str:
    out, pos = [], 0
    for start, end, n in spans:
        out.append(text[pos:start])
        inner = text[start:end]
        out.append(f"{_ON}{inner}{_OFF}[{n}]" if color else f"[[{inner}]][{n}]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def highlight_document(doc: StoredDocument, color: bool = False) -> str:
    head = [
        f"# {doc.title or doc.id}",
        f"id: {doc.id}   publisher: {doc.source or '—'}   published: {doc.published or '—'}",
    ]
    if doc.url:
        head.append(f"url: {doc.url}")
    for c in doc.copies:
        head.append(f"syndicated copy: {c.source or '—'}   published: {c.published or '—'}"
                    + (f"   url: {c.url}" if c.url else ""))
    body = mark_text(doc.text, evidence_spans(doc), color)
    claims = [HEADER] + [f"[{n}] " + claim_line(c.claim) for n, c in enumerate(doc.claims, 1)]
    return "\n".join(head) + "\n\n" + body + "\n\n" + "\n".join(claims)
