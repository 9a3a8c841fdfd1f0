"""A batch worker's vocabulary does not grow with the stream: each piece is analysed inside
spaCy memory zones, so the strings of one article (a new report number, a new name) are freed
once its claims are taken, and the claims are those of a plain pipeline."""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow")

from fogofwar.batch.inputs import Chunk  # noqa: E402
from fogofwar.batch.worker import ChunkExtractor  # noqa: E402
from fogofwar.models import Article  # noqa: E402

CHUNK = Chunk(input=0, chunk=0, path="stream.jsonl", kind="jsonl", start=0, end=0, first=0)


def _articles(first: int, n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Two soldiers were killed in Kharkiv on Monday, officials said.\n\n"
                                     f"Filed by Qzv{i}x as report {i}.") for i in range(first, first + n)]  # fmt: skip


def test_a_worker_keeps_no_strings_of_the_articles_it_has_analysed():
    worker = ChunkExtractor()
    strings = worker.pipeline.resources.nlp.vocab.strings
    piece = worker._piece(CHUNK, _articles(100_000, 50), [], last=False).to_pylist()[0]
    assert piece["articles"] == 50 and piece["claims"] == 50  # one toll in each
    before = len(strings)
    for start in (200_000, 300_000, 400_000):
        worker._piece(CHUNK, _articles(start, 100), [], last=False)
    assert len(strings) == before
    assert "Qzv300007x" not in strings and "300007" not in strings
