"""Writers for each output format over ``(doc, published, publisher, claim dict)`` records."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from fogofwar.export.rows import COLUMNS, claim_row


@dataclass(frozen=True)
class ClaimRecord:
    """A claim with the document facts every export needs."""

    doc: str
    published: str | None
    publisher: str | None
    claim: dict[str, Any]


def write_jsonl(records: Iterable[ClaimRecord], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps({"doc": r.doc, "published": r.published, "source": r.publisher, **r.claim},
                             ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[ClaimRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(claim_row(r.doc, r.published, r.publisher, r.claim))
        n += 1
    return n


def geojson_feature(r: ClaimRecord) -> dict[str, Any] | None:
    loc = r.claim.get("location") or {}
    if loc.get("latitude") is None or loc.get("longitude") is None:
        return None
    props = {k: v for k, v in claim_row(r.doc, r.published, r.publisher, r.claim).items() if v != ""}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]},
        "properties": props,
    }


def write_geojson(records: Iterable[ClaimRecord], out: TextIO) -> int:
    """A FeatureCollection of the claims that have coordinates (WGS 84, as QGIS expects)."""
    features = [f for f in (geojson_feature(r) for r in records) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(features)


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}
