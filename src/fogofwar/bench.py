"""Benchmark: how fast the full extraction runs, beside plain spaCy over the same texts.

``make_corpus(n, seed)`` builds a deterministic corpus of wire-style reports by recombining
sentence templates (``fogofwar/samples/corpus_templates.json``, written for this project) with
varied claimants, places, figures, hedges and relative dates, plus the bundled samples. ``run_bench(n)`` then
measures, in one process:

(a) ``Pipeline().analyze(article)`` for every article: docs/s, tokens/s (tokens counted
    before timing with spaCy's rule-based English tokenizer, the same one the model uses),
    seconds per stage, and peak resident memory (``getrusage`` maxrss, MB);
(b) plain spaCy ``en_core_web_sm`` with every component (``nlp.pipe(texts)``) over the same
    texts: docs/s and tokens/s; and the ratio (a)/(b) in docs/s.

Both are warmed up on a few documents first. Optionally a second, small pass of (a) runs
under ``tracemalloc`` to report the peak of Python allocations (kept apart: tracing slows
the timed pass). Benchmarks are run on purpose (``fogofwar bench``), never from tests that
time things.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from fogofwar.models import AnalyzedArticle, Article

TEMPLATES_FILE = "corpus_templates.json"  # beside the samples, in fogofwar/samples


@dataclass(frozen=True)
class _Templates:
    """The corpus generator's templates and fillers, read from ``corpus_templates.json``."""

    theatres: dict[str, dict[str, tuple[str, ...]]]
    villages: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    when: tuple[str, ...]
    hedged: tuple[str, ...]
    vague: tuple[str, ...]
    number_words: tuple[str, ...]
    outcomes: tuple[str, ...]
    outlets: tuple[str, ...]
    headlines: tuple[str, ...]
    claim_groups: tuple[tuple[str, ...], ...]  # one group per kind, repeated by its weight
    context: tuple[str, ...]


@lru_cache(maxsize=1)
def _templates() -> _Templates:
    path = resources.files("fogofwar.samples").joinpath(TEMPLATES_FILE)
    raw = json.loads(path.read_text(encoding="utf-8"))
    claims = raw["claims"]
    return _Templates(
        theatres={
            name: {slot: tuple(values) for slot, values in fillers.items()}
            for name, fillers in raw["theatres"].items()
        },
        villages={k: (tuple(a), tuple(b)) for k, (a, b) in raw["villages"].items()},
        when=tuple(raw["when"]),
        hedged=tuple(raw["hedged"]),
        vague=tuple(raw["vague"]),
        number_words=tuple(raw["number_words"]),
        outcomes=tuple(raw["outcomes"]),
        outlets=tuple(raw["outlets"]),
        headlines=tuple(raw["headlines"]),
        claim_groups=tuple(
            tuple(claims[kind])
            for kind, weight in raw["claim_weights"].items()
            for _ in range(weight)
        ),
        context=tuple(raw["context"]),
    )


_THEATRE_DRAW = ("ukraine", "ukraine", "ukraine", "levant")  # three Ukraine reports to one Levant
_CONTEXT_SHARE = 0.4  # share of sentences drawn from the context templates (no claim)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def make_corpus(n: int = 500, seed: int = 0, include_samples: bool = True) -> list[Article]:
    """``n`` generated reports (150–400 words, distinct texts), after the bundled samples.

    The same ``n`` and ``seed`` always give the same articles; ``include_samples=False`` leaves
    the samples out (then the result has exactly ``n`` articles).
    """
    rng = random.Random(seed)
    out: list[Article] = []
    if include_samples:
        from fogofwar.samples import sample_articles

        out.extend(sample_articles())
    seen = {a.text for a in out}
    start = date(2024, 1, 1)
    made = 0
    while made < n:
        published = start + timedelta(days=rng.randrange(366))
        text = _article_text(rng, published)
        if text in seen:
            continue
        seen.add(text)
        outlet = rng.choice(_templates().outlets)
        out.append(
            Article(
                id=f"bench:{made:04d}",
                text=text,
                title=text.split("\n", 1)[0],
                published=published,
                url=f"https://example.org/{outlet.lower().replace(' ', '-')}/bench/{made:04d}",
                source=outlet,
                origin=f"fogofwar.bench.make_corpus(seed={seed})",
            )
        )
        made += 1
    return out


def corpus_records(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Articles as JSON Lines records that ``fogofwar.ingest.read_jsonl`` reads back."""
    return [
        {
            "id": a.id,
            "text": a.text,
            "published": a.published.isoformat() if a.published else None,
            "title": a.title,
            "url": a.url,
            "source": a.source,
        }
        for a in articles
    ]


def _article_text(rng: random.Random, published: date) -> str:
    templates = _templates()
    name = rng.choice(_THEATRE_DRAW)
    theatre = templates.theatres[name]
    slots = _article_slots(rng, theatre, published)
    first, second = templates.villages[name]
    slots["village"] = rng.choice(first) + rng.choice(second)
    headline = _fill(rng.choice(templates.headlines), rng, theatre, slots, published)
    target_words = rng.randint(160, 330)
    paragraphs: list[str] = []
    used: set[str] = set()
    words = 0
    while words < target_words:
        sentences = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            if rng.random() < _CONTEXT_SHARE:
                template = rng.choice(templates.context)
            else:
                template = rng.choice(rng.choice(templates.claim_groups))
            sentence = _cap(_fill(template, rng, theatre, slots, published))
            if sentence not in used:
                used.add(sentence)
                sentences.append(sentence)
        if not sentences:
            continue
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return _cap(headline) + "\n" + "\n\n".join(paragraphs) + "\n"


def _article_slots(
    rng: random.Random, theatre: dict[str, tuple[str, ...]], published: date
) -> dict[str, str]:
    """Values that stay fixed through one article: its place, sides and main claimants."""
    attacker = rng.choice(theatre["attacker"])
    own = "claimant_russian" if attacker == theatre["attacker"][0] else "claimant_ukrainian"
    other = "claimant_ukrainian" if own == "claimant_russian" else "claimant_russian"
    return {
        "place": rng.choice(theatre["place"]),
        "Attacker": attacker,  # "Russian", "rebel": capitalised only at a sentence start
        "claimant": rng.choice(theatre[own] + theatre["claimant_neutral"]),
        "claimant2": rng.choice(theatre[other]),
        "claimant3": rng.choice(theatre["claimant_neutral"] + theatre[other]),
        "supplier": rng.choice(theatre["supplier"]),
        "weekday": _WEEKDAYS[(published - timedelta(days=rng.randint(1, 4))).weekday()],
    }


def _fill(
    template: str,
    rng: random.Random,
    theatre: dict[str, tuple[str, ...]],
    slots: dict[str, str],
    published: date,
) -> str:
    """One template with its slots filled: fixed ones from ``slots``, the rest drawn anew."""
    q = _quantity(rng)
    n = rng.choice((rng.randint(2, 60), rng.randint(10, 900), rng.randint(1, 40) * 100))
    day = published - timedelta(days=rng.randint(1, 12))
    when = rng.choice(_templates().when).format(weekday=slots["weekday"], daymonth=_daymonth(day))
    claimant = slots["claimant"] if rng.random() < 0.7 else slots["claimant3"]
    values = {
        **slots,
        "claimant": claimant,
        "claimant_cap": _cap(claimant),
        "claimant2_cap": _cap(slots["claimant2"]),
        "Q": q,
        "Q_cap": _cap(q),
        "V": rng.choice(_templates().vague),
        "n": f"{n:,}",
        "n2": str(rng.randint(2, 30)),
        "small_n": str(rng.randint(2, 40)),
        "big": f"{rng.randint(2, 90) * 500:,}",
        "small": str(rng.randint(2, 9)),
        "when": when,
        "daymonth": _daymonth(day),
        "outcome": rng.choice(_templates().outcomes),
        "unit": rng.choice(theatre["unit"]),
        "weapon": rng.choice(theatre["weapon"]),
        "item": rng.choice(theatre["item"]),
        "target": rng.choice(theatre["target"]),
        "target_cap": _cap(rng.choice(theatre["target"])),
    }
    return template.format(**values)


def _quantity(rng: random.Random) -> str:
    form = rng.choice(_templates().hedged)
    low = rng.choice((rng.randint(2, 60), rng.randint(20, 500), rng.randint(1, 30) * 100))
    high = low + rng.choice((2, 5, 10, 50, 100)) if low > 10 else low + 3
    return form.format(n=f"{low:,}", m=f"{high:,}", w=rng.choice(_templates().number_words))


def _daymonth(day: date) -> str:
    return f"{day.day} {day.strftime('%B')}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


# ---------------------------------------------------------------------------------------------
# The benchmark.
# ---------------------------------------------------------------------------------------------


@dataclass
class BenchResult:
    """Figures of one benchmark run; ``format_text`` prints them, ``to_dict`` gives JSON."""

    docs: int
    tokens: int
    words: int
    pipeline_seconds: float
    pipeline_docs_per_s: float
    pipeline_tokens_per_s: float
    claims: int
    spacy_seconds: float
    spacy_docs_per_s: float
    spacy_tokens_per_s: float
    ratio: float  # pipeline docs/s divided by plain spaCy docs/s
    rss_after_pipeline_mb: float  # peak resident memory after (a): models + pipeline
    rss_peak_mb: float  # peak resident memory of the whole run, (a) and (b)
    tracemalloc_peak_mb: float | None  # peak of Python allocations over a traced pass of (a)
    traced_docs: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    candidate_sentences: int = 0
    sentences: int = 0
    environment: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_text(self) -> str:
        lines = [
            (
                f"corpus: {self.docs} articles, {self.tokens:,} tokens (spaCy tokenizer), "
                f"{self.words:,} words (whitespace)"
            ),
            "",
            "(a) fogofwar Pipeline().analyze_many (batches of 32 articles)",
            (
                f"    {self.pipeline_seconds:8.2f} s   {self.pipeline_docs_per_s:8.1f} docs/s   "
                f"{self.pipeline_tokens_per_s:9.0f} tokens/s   {self.claims} claims"
            ),
        ]
        if self.sentences:
            share = self.candidate_sentences / self.sentences
            lines.append(
                f"    sentences: {self.sentences}, parsed as candidates: "
                f"{self.candidate_sentences} ({share:.0%})"
            )
        total = sum(self.stage_seconds.values()) or 1.0
        for name, seconds in self.stage_seconds.items():
            lines.append(f"    stage {name:<12} {seconds:7.2f} s  {seconds / total:6.1%}")
        lines += [
            "(b) plain spaCy en_core_web_sm, all components, nlp.pipe(texts)",
            (
                f"    {self.spacy_seconds:8.2f} s   {self.spacy_docs_per_s:8.1f} docs/s   "
                f"{self.spacy_tokens_per_s:9.0f} tokens/s"
            ),
            f"ratio (a)/(b), docs/s: {self.ratio:.2f}",
            "",
            (
                f"peak RSS after (a): {self.rss_after_pipeline_mb:.0f} MB; "
                f"peak RSS of the run: {self.rss_peak_mb:.0f} MB"
            ),
        ]
        if self.tracemalloc_peak_mb is not None:
            lines.append(
                f"tracemalloc peak over {self.traced_docs} articles of (a): "
                f"{self.tracemalloc_peak_mb:.1f} MB"
            )
        if self.environment:
            lines.append(
                "environment: " + ", ".join(f"{k} {v}" for k, v in self.environment.items())
            )
        return "\n".join(lines)


def run_bench(
    n: int = 500,
    seed: int = 0,
    include_samples: bool = True,
    pipeline: Any | None = None,
    warmup: int = 3,
    traced_docs: int = 20,
    spacy_model: Callable[[], Any] | None = None,
    spacy_batch_size: int | None = None,
    articles: Sequence[Article] | None = None,
) -> BenchResult:
    """Time the full pipeline and plain spaCy over ``make_corpus(n, seed)``, or over
    ``articles`` when given (real reports: ``fogofwar bench --jsonl DUMP``).

    ``pipeline`` defaults to ``fogofwar.pipeline.Pipeline()``; ``spacy_model`` to a loader of
    ``en_core_web_sm`` with every component enabled, run with spaCy's default batch size
    unless ``spacy_batch_size`` is given. ``traced_docs=0`` skips tracemalloc.
    """
    from fogofwar.language.resources import load_english_model
    from fogofwar.pipeline import Pipeline, Stage

    if articles is None:
        articles = make_corpus(n, seed=seed, include_samples=include_samples)
    texts = [a.text for a in articles]
    tokens = _count_tokens(texts)
    words = sum(len(t.split()) for t in texts)

    base = pipeline if pipeline is not None else Pipeline()
    stage_seconds: dict[str, float] = {s.name: 0.0 for s in base.stages}
    timed = Pipeline(
        [
            Stage(
                s.name,
                _timed(s.run, s.name, stage_seconds),
                s.requires,
                s.assigns,
                _timed(s.run_batch, s.name, stage_seconds) if s.run_batch else None,
            )
            for s in base.stages
        ],
        resources=base.resources,
    )
    for article in articles[:warmup]:
        timed.analyze(article)
    for name in stage_seconds:
        stage_seconds[name] = 0.0

    started = time.perf_counter()
    analyzed = list(timed.analyze_many(articles))  # batched, as `fogofwar ingest` runs it
    pipeline_seconds = time.perf_counter() - started
    rss_after_pipeline = _maxrss_mb()

    traced = min(traced_docs, len(articles))
    tracemalloc_peak = _traced_peak_mb(base, articles[:traced]) if traced else None

    nlp = spacy_model() if spacy_model is not None else load_english_model(disable=())
    list(nlp.pipe(texts[:warmup]))
    started = time.perf_counter()
    batching = {"batch_size": spacy_batch_size} if spacy_batch_size else {}
    for _ in nlp.pipe(texts, **batching):
        pass
    spacy_seconds = time.perf_counter() - started

    pipeline_docs_per_s = len(articles) / pipeline_seconds
    spacy_docs_per_s = len(articles) / spacy_seconds
    return BenchResult(
        docs=len(articles),
        tokens=tokens,
        words=words,
        pipeline_seconds=round(pipeline_seconds, 3),
        pipeline_docs_per_s=round(pipeline_docs_per_s, 2),
        pipeline_tokens_per_s=round(tokens / pipeline_seconds, 1),
        claims=sum(len(d.claims) for d in analyzed),
        spacy_seconds=round(spacy_seconds, 3),
        spacy_docs_per_s=round(spacy_docs_per_s, 2),
        spacy_tokens_per_s=round(tokens / spacy_seconds, 1),
        ratio=round(pipeline_docs_per_s / spacy_docs_per_s, 3),
        rss_after_pipeline_mb=round(rss_after_pipeline, 1),
        rss_peak_mb=round(_maxrss_mb(), 1),
        tracemalloc_peak_mb=round(tracemalloc_peak, 2) if tracemalloc_peak is not None else None,
        traced_docs=traced,
        stage_seconds={k: round(v, 3) for k, v in stage_seconds.items()},
        candidate_sentences=sum(len(d.candidate_sentences) for d in analyzed),
        sentences=sum(len(d.sentences) for d in analyzed),
        environment=_environment(nlp),
    )


def _count_tokens(texts: Sequence[str]) -> int:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return sum(len(doc) for doc in tokenizer.pipe(texts))


def _timed(fn: Callable[..., None], name: str, totals: dict[str, float]) -> Callable[..., None]:
    def run(doc: AnalyzedArticle, resources: Any) -> None:
        started = time.perf_counter()
        fn(doc, resources)
        totals[name] += time.perf_counter() - started

    return run


def _traced_peak_mb(pipeline: Any, articles: Sequence[Article]) -> float:
    """Peak of Python allocations while analysing ``articles`` (models already loaded)."""
    tracemalloc.start()
    try:
        for article in articles:
            pipeline.analyze(article)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def _maxrss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def _environment(nlp: Any) -> dict[str, str]:
    import spacy

    meta = getattr(nlp, "meta", {}) or {}
    return {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}",
        "cpus": str(os.cpu_count() or "?"),
    }
