"""The manifest of a batch output folder: which inputs are finished, so a re-run skips them.

``DIR/manifest.json`` maps each finished input (as given on the command line) to its size and
modification time when it was read, the Parquet file of its claims, its counts and the ledger
it was stored into. An input is skipped on a re-run when its size and time are unchanged and
it went into the same ledger (or no ledger is asked for now). The file is replaced whole
(written beside it, then renamed) after each finished input, so it is never half-written.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from fogofwar.batch.inputs import InputFile
from fogofwar.errors import BatchError

MANIFEST_NAME = "manifest.json"
VERSION = 1


@dataclass(frozen=True)
class FinishedInput:
    size: int
    mtime: float
    file: str  # the Parquet file of its claims, relative to the output folder
    articles: int
    claims: int
    errors: int
    db: str | None  # the ledger it went into (password redacted), if any
    finished_at: str


class Manifest:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.inputs: dict[str, FinishedInput] = {}
        if not self.path.exists():
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self.inputs = {k: FinishedInput(**v) for k, v in raw["inputs"].items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BatchError(
                f"cannot read the manifest ({exc}); delete it to redo every input", str(self.path)
            ) from None

    def is_done(self, source: InputFile, db: str | None) -> bool:
        done = self.inputs.get(source.path)
        return (
            done is not None
            and done.size == source.size
            and done.mtime == source.mtime
            and (db is None or done.db == db)
        )

    def record(self, source: InputFile, file: str, articles: int, claims: int, errors: int, db: str | None) -> None:
        self.inputs[source.path] = FinishedInput(
            source.size, source.mtime, file, articles, claims, errors, db, datetime.now(UTC).isoformat()
        )
        body = {"version": VERSION, "inputs": {k: asdict(v) for k, v in self.inputs.items()}}
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
