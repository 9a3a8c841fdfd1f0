"""A batch worker's vocabulary does not grow with the stream: each piece is analysed inside
spaCy memory zones, so the strings of one article (a new report number, a new name) are freed
once its claims are taken, and the claims are those of a plain pipeline."""

from __future__ import annotations

import gc
import weakref

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


def test_a_worker_builds_a_fresh_pipeline_after_reload_every_articles(monkeypatch):
    from fogofwar.batch import worker as worker_module

    monkeypatch.setattr(worker_module, "RELOAD_EVERY", 60)
    worker = ChunkExtractor()
    first = worker.pipeline
    pieces = [worker._piece(CHUNK, _articles(start, 50), [], last=False).to_pylist()[0] for start in (0, 50)]
    assert worker.pipeline is first and pieces[1]["load_s"] == 0
    third = worker._piece(CHUNK, _articles(100, 50), [], last=False).to_pylist()[0]
    assert worker.pipeline is not first and third["load_s"] > 0  # the reload is reported as a load
    assert [p["claims"] for p in (*pieces, third)] == [50, 50, 50]
    old_model = weakref.ref(first.resources.nlp)
    del first
    gc.collect()
    assert old_model() is None  # nothing holds the old model and its lexeme index
