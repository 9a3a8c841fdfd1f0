"""The extraction pipeline: an ordered list of named stages over one ``AnalyzedArticle``.

    Article → segment → mentions → quantities → times → places → attribution → claims

Each stage is a module under ``fogofwar.language`` or ``fogofwar.claims`` with one public
``run(doc, resources)`` function, registered here with what it requires and what it assigns.
A stage only adds to the article; nothing reaches back. To add a stage: write its module,
then add one ``Stage`` line to ``DEFAULT_STAGES``. An article longer than
``sections.SECTION`` characters goes through the stages section by section
(``fogofwar.language.sections``), so that its work and memory stay bounded.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from fogofwar.errors import LongInputWarning, PipelineError
from fogofwar.language import sections
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Article, Claim

StageFn = Callable[[AnalyzedArticle, Resources], None]
BatchFn = Callable[[list[AnalyzedArticle], Resources], None]
BATCH_SIZE = 32  # articles analysed together, so that spaCy parses their sentences in one stream


@dataclass(frozen=True)
class Stage:
    """A named step; ``run_batch``, where given, does the same work for many articles at once."""

    name: str
    run: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    run_batch: BatchFn | None = None

    def apply(self, docs: list[AnalyzedArticle], resources: Resources) -> None:
        if self.run_batch is not None:
            self.run_batch(docs, resources)
        else:
            for doc in docs:
                self.run(doc, resources)
        for doc in docs:
            doc.done.append(self.name)


def _default_stages() -> list[Stage]:
    from fogofwar.claims import build as claims
    from fogofwar.language import attribution, mentions, places, quantities, segment, times

    return [
        Stage("segment", segment.run, (), ("sentences", "candidate_sentences", "parses"), segment.run_batch),
        Stage("mentions", mentions.run, ("segment",), ("mentions",)),
        Stage("quantities", quantities.run, ("segment",), ("quantities",)),
        Stage("times", times.run, ("segment",), ("times",)),
        Stage("places", places.run, ("mentions",), ("places",)),
        Stage("attribution", attribution.run, ("mentions",), ("attributions",)),
        Stage(
            "claims",
            claims.run,
            ("mentions", "quantities", "times", "places", "attribution"),
            ("claims",),
        ),
    ]


class Pipeline:
    """Runs the stages in order; refuses duplicate names and stages whose inputs are missing."""

    def __init__(self, stages: Iterable[Stage] | None = None, resources: Resources | None = None):
        self.stages = list(stages) if stages is not None else _default_stages()
        self.resources = resources or Resources()
        self._check()

    def _check(self) -> None:
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise PipelineError(f"stage '{stage.name}' is registered twice")
            missing = [r for r in stage.requires if r not in seen]
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' requires {', '.join(missing)}, which must run before it"
                )
            seen.add(stage.name)

    def analyze(self, article: Article) -> AnalyzedArticle:
        return self.analyze_batch([article])[0]

    def analyze_batch(self, articles: list[Article]) -> list[AnalyzedArticle]:
        """Articles no longer than a section are analysed together; a longer one, section by
        section (``fogofwar.language.sections``), so that its work and memory stay bounded."""
        docs = [AnalyzedArticle(article=a) for a in articles]
        whole = [doc for doc in docs if len(doc.text) <= sections.SECTION]
        if whole:
            for stage in self.stages:
                stage.apply(whole, self.resources)
        for doc in docs:
            if len(doc.text) > sections.SECTION:
                self._analyze_in_sections(doc)
        return docs

    def _analyze_in_sections(self, whole: AnalyzedArticle) -> None:
        from fogofwar.language import segment

        parts = list(sections.sections(whole.text, segment.article_sentences(whole, self.resources)))
        for part in parts:
            doc = sections.section_doc(whole.article, part)
            for stage in self.stages:
                stage.apply([doc], self.resources)
            sections.join(whole, doc, part[0].index)  # the section's parses go with ``doc``
        whole.done.extend(stage.name for stage in self.stages)
        if len(parts) > 1:
            where = whole.article.origin or whole.article.id
            warnings.warn(
                f"{where}: {len(whole.text)} characters analysed in {len(parts)} sections of at most "
                f"{sections.SECTION}; repeats are merged within a section",
                LongInputWarning,
                stacklevel=3,
            )

    def analyze_many(self, articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[AnalyzedArticle]:
        """Analyse a stream of articles, ``batch_size`` at a time, yielding them in order and
        without their parses: each batch is analysed inside ``memory_zone``, so a long stream
        does not grow spaCy's vocabulary. (``analyze_batch`` keeps the parses.)"""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._analyze_freed(batch)
                batch = []
        if batch:
            yield from self._analyze_freed(batch)

    def _analyze_freed(self, batch: list[Article]) -> list[AnalyzedArticle]:
        with self.memory_zone():
            return [doc.without_parses() for doc in self.analyze_batch(batch)]

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """spaCy's vocabulary keeps every string it meets (a new name, a new report number:
        0.33 kB an article over a long stream); the strings met inside this zone are freed at
        its end, so nothing may leave it holding a parse (``AnalyzedArticle.without_parses``)."""
        with self.resources.nlp.memory_zone(), self.resources.tokenizer_nlp.memory_zone():
            yield


_shared: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The pipeline used by ``fogofwar.extract``; built on first use, models loaded lazily."""
    global _shared
    if _shared is None:
        _shared = Pipeline()
    return _shared


def extract(text: str, published: date | str | None = None, doc_id: str = "text") -> list[Claim]:
    """Extract the claims of one article's text; ``published`` anchors relative dates."""
    return analyze(text, published=published, doc_id=doc_id).claims


def analyze(text: str, published: date | str | None = None, doc_id: str = "text") -> AnalyzedArticle:
    """Run the whole pipeline on a text and return every annotation, claims included."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return default_pipeline().analyze(Article(id=doc_id, text=text, published=published))
