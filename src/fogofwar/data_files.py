"""Reading the vocabulary files shipped in ``fogofwar/data`` (TSV with ``#`` comments)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def data_path(name: str) -> str:
    return str(resources.files("fogofwar").joinpath("data", name))


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a data file; ``#`` lines and blank lines skipped, ``\\N`` read as empty."""
    with open(data_path(name), encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            yield [("" if cell == "\\N" else cell) for cell in line.rstrip("\n").split("\t")]
