"""Reading the files of claim scoring: the gold and predicted claims files (JSON lines, checked
line by line) and the texts and sources of the gold documents, as FORMAT.md lays them out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from fogofwar.errors import FogError, GoldError, InputError
from fogofwar.models import ClaimKind

KINDS = frozenset(k.value for k in ClaimKind)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The records of a gold claims file (``claims-dev.jsonl``), checked line by line.

    Raises ``GoldError`` naming ``file:line`` for a line that is not a JSON object with a
    ``doc`` string and a ``claims`` list of claims, each with a known ``kind`` and an
    ``evidence`` string, and for a document given twice.
    """
    records = _read_jsonl(Path(path), GoldError)
    seen: dict[str, str] = {}
    for where, record in records:
        _check_record(record, where, GoldError, gold=True)
        doc = record["doc"]
        if doc in seen:
            raise GoldError(f"document '{doc}' is given twice (first at {seen[doc]})", where)
        seen[doc] = where
    return [record for _, record in records]


def load_predicted(path: str | Path) -> list[dict[str, Any]]:
    """Predicted records (``--format claims-jsonl``); ``InputError`` with ``file:line`` if malformed."""
    records = _read_jsonl(Path(path), InputError)
    for where, record in records:
        _check_record(record, where, InputError, gold=False)
    return [record for _, record in records]


def _read_jsonl(path: Path, error: type[FogError]) -> list[tuple[str, Any]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot read claims file: {exc.strerror}", str(path)) from None
    out: list[tuple[str, Any]] = []
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    out.append((where, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise error(
                        f"not a JSON line ({exc.msg} at column {exc.colno}); "
                        "each line must be one JSON object",
                        where,
                    ) from None
        except UnicodeDecodeError:
            raise error("not UTF-8 text", str(path)) from None
    return out


def _check_record(record: Any, where: str, error: type[FogError], gold: bool) -> None:
    if not isinstance(record, dict):
        raise error('a record must be a JSON object {"doc": ..., "claims": [...]}', where)
    if not isinstance(record.get("doc"), str) or not record["doc"]:
        raise error('the record has no "doc" string', where)
    claims = record.get("claims")
    if not isinstance(claims, list):
        raise error(f'"claims" of {record["doc"]} must be a list', where)
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            raise error(f"claim {i} of {record['doc']} is not a JSON object", where)
        kind = claim.get("kind")
        if kind not in KINDS:
            raise error(
                f"claim {i} of {record['doc']} has kind {kind!r}; expected one of "
                + ", ".join(sorted(KINDS)),
                where,
            )
        if gold and (not isinstance(claim.get("evidence"), str) or not claim["evidence"].strip()):
            raise error(f'claim {i} of {record["doc"]} has no "evidence" text', where)
        quantity = claim.get("quantity")
        if quantity is not None and not isinstance(quantity, dict):
            raise error(f'"quantity" of claim {i} of {record["doc"]} must be an object', where)


def load_texts(
    gold_path: str | Path,
    docs: Iterable[str],
    re3d_dir: str | Path | None = None,
    seed_dir: str | Path | None = None,
    inline: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Texts of the gold documents ``docs`` that can be found.

    ``inline`` holds texts that the gold records carry themselves (a ``"text"`` field, as in
    the challenge set); the others are read from folders.

    ``seed:<file>`` is read from ``seed_dir`` (default: ``../seed`` beside the gold folder)
    and ``re3d:<id>`` from ``<re3d_dir>/*/documents.json`` (default: ``re3d-dev`` in the
    gold folder), as FORMAT.md lays them out. Documents not found are left out; the scorer
    then compares their evidence as strings.
    """
    gold_dir = Path(gold_path).resolve().parent
    seeds = Path(seed_dir) if seed_dir is not None else gold_dir.parent / "seed"
    re3d = Path(re3d_dir) if re3d_dir is not None else gold_dir / "re3d-dev"
    wanted = set(docs)
    texts: dict[str, str] = dict(inline or {})
    for doc in sorted(wanted):
        if doc.startswith("seed:"):
            file = seeds / doc[len("seed:") :]
            if file.is_file():
                texts[doc] = file.read_text(encoding="utf-8")
    if any(doc.startswith("re3d:") for doc in wanted):
        for _, row in _re3d_rows(re3d):
            doc = f"re3d:{row.get('_id')}"
            if doc in wanted and isinstance(row.get("text"), str):
                texts[doc] = row["text"]
    return texts


def document_sources(gold_path: str | Path, docs: Iterable[str], re3d_dir: str | Path | None = None) -> dict[str, str]:
    """The source of each gold document: a re3d document's source folder ("CENTCOM", "BBC
    Online"), else the prefix of its name ("seed", "challenge"). Used to split the dev gold."""
    re3d = Path(re3d_dir) if re3d_dir is not None else Path(gold_path).resolve().parent / "re3d-dev"
    wanted = set(docs)
    sources = {doc: doc.split(":", 1)[0] for doc in wanted}
    if any(doc.startswith("re3d:") for doc in wanted):
        for folder, row in _re3d_rows(re3d):
            doc = f"re3d:{row.get('_id')}"
            if doc in wanted:
                sources[doc] = folder
    return sources


def _re3d_rows(re3d: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """(source folder, document row) of every document of a re3d folder."""
    for documents in sorted(re3d.glob("*/documents.json")):
        for line in documents.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict):
                yield documents.parent.name, row
