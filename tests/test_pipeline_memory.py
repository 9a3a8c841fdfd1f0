"""``Pipeline.analyze_many`` (what ``extract``, ``ingest`` and the evaluations run) does not grow
spaCy's vocabulary over a long stream: each batch is analysed inside memory zones and given
without its parses, with the claims a batch analysed with its parses gets."""

from __future__ import annotations

import pytest

from fogofwar.models import Article


def _articles(first: int, n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Two soldiers were killed in Kharkiv on Monday, officials said.\n\n"
                                     f"Filed by Qzv{i}x as report {i}.") for i in range(first, first + n)]  # fmt: skip


@pytest.fixture(scope="module")
def pipeline():
    from fogofwar.pipeline import Pipeline

    pipe = Pipeline()
    list(pipe.analyze_many(_articles(0, 4)))  # the models and their own strings loaded
    return pipe


def test_a_stream_of_new_strings_leaves_the_vocabulary_as_it_was(pipeline) -> None:
    strings = pipeline.resources.nlp.vocab.strings
    list(pipeline.analyze_many(_articles(100_000, 40), batch_size=8))
    before = len(strings)
    docs = list(pipeline.analyze_many(_articles(300_000, 40), batch_size=8))
    assert len(docs) == 40 and all(len(d.claims) == 1 for d in docs)
    assert len(strings) == before
    assert "Qzv300007x" not in strings and "300007" not in strings
    assert not any(d.parses for d in docs)


def test_the_claims_are_those_of_a_batch_analysed_with_its_parses(pipeline) -> None:
    articles = _articles(500_000, 6)
    kept = pipeline.analyze_batch(articles)
    assert all(d.parses for d in kept)
    freed = list(pipeline.analyze_many(articles))
    assert [[c.to_dict() for c in d.claims] for d in freed] == [[c.to_dict() for c in d.claims] for d in kept]
    assert [d.entities() for d in freed] == [d.entities() for d in kept]
