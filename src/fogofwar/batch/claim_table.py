"""The Parquet rows of a batch job: one row per claim, flat, typed.

The columns are those of the CSV export (``fogofwar.export.rows.COLUMNS``: ACLED-like first,
then fogofwar's own, with the same values; an empty cell is a null), preceded by where the
claim came from (``input``, ``origin``: "path:line", ``claim_index``: its place among the
document's claims) and followed by ``claim_json``, the whole claim as ``Claim.to_dict()``
gives it (the shape of ``extract --format claims-jsonl``), so nothing is lost by flattening.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from fogofwar.export.rows import COLUMNS, claim_row
from fogofwar.models import AnalyzedArticle

_FLOATS = {"latitude", "longitude", "fatalities", "value", "low", "high"}
_INTS = {"geo_precision", "time_precision"}


def _type(column: str) -> pa.DataType:
    if column in _FLOATS:
        return pa.float64()
    if column in _INTS:
        return pa.int64()
    return pa.string()


SCHEMA = pa.schema(
    [pa.field("input", pa.string()), pa.field("origin", pa.string()), pa.field("claim_index", pa.int64())]
    + [pa.field(c, _type(c)) for c in COLUMNS]
    + [pa.field("claim_json", pa.string())]
)


def _cell(column: str, value: Any) -> Any:
    if value == "" or value is None:
        return None
    if column in _FLOATS:
        return float(value)
    if column in _INTS:
        return int(value)
    return str(value)


def claim_rows(docs: Iterable[AnalyzedArticle], input_path: str) -> list[dict[str, Any]]:
    """The rows of every claim of these analysed articles, in order."""
    rows: list[dict[str, Any]] = []
    for doc in docs:
        article = doc.article
        published = article.published.isoformat() if article.published else None
        for index, claim in enumerate(doc.claims):
            as_dict = claim.to_dict()
            flat = claim_row(article.id, published, article.source, as_dict)
            row: dict[str, Any] = {"input": input_path, "origin": article.origin, "claim_index": index}
            row.update({c: _cell(c, flat[c]) for c in COLUMNS})
            row["claim_json"] = json.dumps(as_dict, ensure_ascii=False)
            rows.append(row)
    return rows


def to_ipc(rows: list[dict[str, Any]]) -> bytes:
    """Rows as one Arrow IPC stream (how a worker hands them to the driver)."""
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, SCHEMA) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()
