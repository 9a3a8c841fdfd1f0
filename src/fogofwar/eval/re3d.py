"""Reading a re3d folder (Dstl's entity data set): documents with their gold entities.

A re3d folder holds one sub-folder per source (``BBC Online``, ``CENTCOM``...), each with
``documents.json`` and ``entities.json``, one JSON object per line (a ``mongoexport`` dump).
A folder that is itself one source (the two files directly inside) is read too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogofwar.errors import GoldError
from fogofwar.eval.entities import EntitySpan
from fogofwar.models import Article


@dataclass
class Re3dDocument:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    entities: list[EntitySpan] = field(default_factory=list)

    def to_article(self) -> Article:
        return Article(
            id=f"re3d:{self.id}",
            text=self.text,
            title=self.title,
            url=self.url,
            source=self.source,
            origin=self.source,
        )


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"not JSON ({exc.msg}); expected one object per line",
                                f"{path}:{number}") from None
            if not isinstance(record, dict):
                raise GoldError("expected a JSON object", f"{path}:{number}")
            yield number, record


def _source_folders(folder: Path) -> list[Path]:
    if (folder / "documents.json").is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "documents.json").is_file())


def read_re3d(folder: str | Path) -> list[Re3dDocument]:
    """Every document of a re3d folder with its gold entities, in folder then file order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError("no such folder; give a re3d folder (with documents.json files)", str(folder))
    sources = _source_folders(folder)
    if not sources:
        raise GoldError("no documents.json in this folder or its sub-folders", str(folder))
    docs: dict[str, Re3dDocument] = {}
    for source in sources:
        path = source / "documents.json"
        for number, rec in _lines(path):
            try:
                doc = Re3dDocument(
                    id=str(rec["_id"]),
                    text=str(rec["text"]),
                    title=rec.get("title"),
                    source=rec.get("sourceName") or source.name,
                    url=rec.get("sourceUrl"),
                )
            except KeyError as exc:
                raise GoldError(f"document without {exc.args[0]}", f"{path}:{number}") from None
            docs[doc.id] = doc
        entities = source / "entities.json"
        if not entities.is_file():
            continue
        for number, rec in _lines(entities):
            try:
                doc_id, begin, end, type_ = (
                    str(rec["documentId"]), int(rec["begin"]), int(rec["end"]), str(rec["type"])
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise GoldError(f"entity without a valid {exc}", f"{entities}:{number}") from None
            doc = docs.get(doc_id)
            if doc is None:
                raise GoldError(f"entity of unknown document {doc_id}", f"{entities}:{number}")
            doc.entities.append(
                EntitySpan(doc_id, begin, end, type_, rec.get("value") or doc.text[begin:end])
            )
    return list(docs.values())
