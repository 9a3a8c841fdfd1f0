"""Benchmark: how fast the full extraction runs, beside plain spaCy over the same texts.

``make_corpus(n, seed)`` builds a deterministic corpus of wire-style reports by recombining
sentence templates (``_TEMPLATES`` below, written for this project) with varied claimants,
places, figures, hedges and relative dates, plus the bundled samples. ``run_bench(n)`` then
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
from typing import Any

from fogofwar.models import AnalyzedArticle, Article

# ---------------------------------------------------------------------------------------------
# Corpus templates. Slots in braces are filled per article; a slot of the same name keeps its
# value through one article (the same place, claimant and sides), so reports stay coherent.
# {Q} is a hedged figure followed by its noun ("at least 12"), {V} a vague amount ("dozens of").
# ---------------------------------------------------------------------------------------------

_THEATRES: dict[str, dict[str, tuple[str, ...]]] = {
    "ukraine": {
        "place": (
            "the Kursk region", "Belgorod", "Pokrovsk", "Kharkiv", "Zaporizhzhia Oblast",
            "Avdiivka", "Kupiansk", "Kherson", "Toretsk", "Chasiv Yar", "Vovchansk",
            "Kramatorsk", "Sumy", "the Donetsk region", "the Bryansk region", "Kurakhove",
            "Velyka Novosilka", "Siversk", "Huliaipole", "Orikhiv", "Nikopol", "Lyman",
        ),
        "attacker": ("Russian", "Ukrainian"),
        "claimant_russian": (
            "Russia's defence ministry", "the Russian defence ministry", "the regional governor",
            "a Kremlin spokesman", "Russian state media", "the TASS news agency",
        ),
        "claimant_ukrainian": (
            "Ukraine's General Staff", "Ukraine's military intelligence (GUR)",
            "a Ukrainian military spokesman", "Ukraine's air force",
            "the head of the regional military administration", "Ukraine's interior ministry",
        ),
        "claimant_neutral": (
            "the Institute for the Study of War", "the UN human rights monitoring mission",
            "an open-source monitoring group", "Western officials", "the UN refugee agency",
            "Britain's defence intelligence",
        ),
        "unit": (
            "marines", "paratroopers", "assault troops", "motorised rifle units",
            "territorial defence units", "drone operators", "North Korean soldiers",
        ),
        "weapon": (
            "glide bombs", "Iskander missiles", "Shahed drones", "FPV drones", "artillery",
            "cluster munitions", "multiple rocket launchers", "ATACMS missiles", "Storm Shadow missiles",
        ),
        "item": (
            "tanks", "armoured vehicles", "infantry fighting vehicles", "howitzers",
            "air defence systems", "HIMARS launchers", "Bradley fighting vehicles", "drones",
            "artillery shells", "electronic warfare systems",
        ),
        "supplier": (
            "Germany", "the United States", "Britain", "France", "the Netherlands", "Denmark",
            "North Korea", "Iran", "Poland", "Sweden",
        ),
        "target": (
            "a fuel depot", "an ammunition depot", "a power substation", "a railway station",
            "an apartment block", "a command post", "an airfield", "a bridge", "a grain terminal",
        ),
    },
    "levant": {
        "place": (
            "Idlib", "Aleppo", "Mosul", "Raqqa", "Deir ez-Zor", "Hama", "Homs", "Kirkuk",
            "Anbar province", "Fallujah", "Tikrit", "Palmyra", "Manbij", "Sinjar", "Daraa",
        ),
        "attacker": ("government", "rebel"),
        "claimant_russian": (
            "the Syrian army", "Syria's state news agency", "the Iraqi Joint Operations Command",
            "Iraqi security officials", "the provincial governor",
        ),
        "claimant_ukrainian": (
            "the Syrian Observatory for Human Rights", "rescue workers", "the Syrian Democratic Forces",
            "US Central Command", "Kurdish officials", "opposition fighters",
        ),
        "claimant_neutral": (
            "the United Nations", "Human Rights Watch", "Amnesty International",
            "the International Committee of the Red Cross", "a local monitoring group",
            "the UN refugee agency",
        ),
        "unit": (
            "Islamic State militants", "rebel fighters", "government troops", "SDF fighters",
            "Iraqi soldiers", "militiamen", "Hayat Tahrir al-Sham fighters",
        ),
        "weapon": (
            "air strikes", "barrel bombs", "mortar fire", "car bombs", "drone strikes",
            "rocket fire", "artillery", "improvised explosive devices",
        ),
        "item": (
            "rifles", "armoured vehicles", "rocket launchers", "pick-up trucks", "mortars",
            "anti-tank missiles", "drones", "machine guns",
        ),
        "supplier": ("Iran", "Turkey", "Russia", "the United States", "Hezbollah", "the coalition"),
        "target": (
            "a checkpoint", "a market", "a hospital", "a weapons depot", "a military base",
            "a prison", "a convoy", "a village mosque", "a police station",
        ),
    },
}

_WHEN = (
    "on {weekday}", "on {weekday} night", "early on {weekday}", "on {daymonth}", "last week",
    "overnight", "earlier this month", "over the past day", "late on {weekday}",
    "in the early hours of {weekday}", "over the weekend", "since {daymonth}",
)

_HEDGED = (
    "{n}", "about {n}", "around {n}", "at least {n}", "more than {n}", "over {n}", "up to {n}",
    "nearly {n}", "fewer than {n}", "some {n}", "an estimated {n}", "between {n} and {m}",
    "{w}", "almost {n}", "roughly {n}",
)
_VAGUE = ("dozens of", "hundreds of", "several hundred", "scores of", "several dozen", "thousands of")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")

_HEADLINES = (
    "{Q} {unit} {outcome} in {place}, {claimant} says",
    "{Attacker} {weapon} hit {target} near {place}",
    "Fighting near {place} intensifies as {claimant} reports losses",
    "{claimant_cap} says {Q} {item} destroyed near {place}",
    "Thousands flee {place} as front moves closer",
    "{supplier} pledges {item} in new aid package",
    "{Attacker} forces claim gains near {place}",
    "Strike on {target} in {place} kills {small_n}, officials say",
    "{place}: conflicting accounts of {weekday}'s attack",
)

_CASUALTIES = (
    "{Q} {unit} were {outcome} in {place} {when}, {claimant} said.",
    "According to {claimant}, {Q} {unit} were {outcome} {when} near {place}.",
    "{claimant_cap} said {Q} {unit} had been {outcome} in fighting around {place}.",
    "\"{Q_cap} of our soldiers were {outcome} {when},\" the statement said.",
    "The attack {when} left {Q} people {outcome}, {claimant} said.",
    "{V} civilians were reportedly {outcome} in {place} {when}.",
    "{claimant_cap} put the number of {outcome} {unit} at {Q} and said the figure could rise.",
    "Local officials said {Q} people were {outcome}, including {small} children.",
    "{Q_cap} {unit} were {outcome} and {n2} were captured during the assault, {claimant} told reporters.",
    "{Q_cap} soldiers were listed as missing after the battle for {place}, according to {claimant}.",
    "{claimant_cap} said its forces had taken {Q} prisoners near {place} {when}.",
)
_OUTCOMES = ("killed", "wounded", "killed", "injured", "killed or wounded")

_EQUIPMENT = (
    "{claimant_cap} said its forces destroyed {Q} {item} near {place} {when}.",
    "According to {claimant}, {Q} {item} were destroyed and {n2} more were damaged.",
    "{Attacker} troops captured {Q} {item} intact, {claimant} said.",
    "Video released by {claimant} reportedly shows {V} burning {item} along a road outside {place}.",
    "\"We destroyed {Q} {item} in a single day,\" {claimant} said.",
    "{claimant_cap} said {Q} {item} had been damaged in the strike.",
)

_ATTACK = (
    "{Attacker} forces struck {target} in {place} with {weapon} {when}, {claimant} said.",
    "{claimant_cap} said {weapon} hit {target} near {place} {when}.",
    "According to {claimant}, the attack with {weapon} on {target} started a large fire.",
    "{Attacker} units shelled {place} {V} times {when}, {claimant} said.",
    "Air defences shot down {Q} drones over {place} {when}, {claimant} said.",
    "{target_cap} in {place} was reportedly hit by {weapon} {when}.",
    "\"The enemy attacked {target} with {weapon},\" the statement said.",
    "{Attacker} troops launched {Q} assaults on positions near {place} {when}, {claimant} said.",
)

_DEPLOYMENT = (
    "{claimant_cap} said {Q} {unit} had been deployed to {place}.",
    "According to {claimant}, {Attacker} commanders moved {V} {unit} to the area around {place} {when}.",
    "{Attacker} troops withdrew from positions near {place} {when} to avoid encirclement, {claimant} said.",
    "{supplier} has sent {Q} soldiers to the front, {claimant} said.",
    "Reinforcements of {Q} troops arrived in {place} {when}, according to {claimant}.",
)

_SUPPLY = (
    "{supplier} will send {Q} {item} to its ally before the end of the year, {claimant} said.",
    "According to {claimant}, {supplier} has supplied {Q} {item} since the summer.",
    "{supplier} delivered {V} {item} {when}, {claimant} said.",
    "\"We have provided {Q} {item} and will provide more,\" the minister said.",
    "{supplier} pledged up to {small_n} million dollars for weapons and ammunition {when}.",
)

_TERRITORY = (
    "{Attacker} forces captured the village of {village} near {place} {when}, {claimant} said.",
    "{claimant_cap} said its troops had taken control of {village} after {small} days of fighting.",
    "According to {claimant}, {Attacker} units lost control of {village} {when}.",
    "{claimant_cap} said it had recaptured {village}, south of {place}.",
    "{Attacker} troops reportedly advanced about {small} km towards {place} {when}.",
)

_DISPLACEMENT = (
    "{Q} people have fled {place} {when}, according to {claimant}.",
    "{claimant_cap} said {Q} civilians were evacuated from villages around {place}.",
    "{V} families were displaced by the fighting, {claimant} said.",
    "\"People are leaving because the town is shelled day and night,\" a local official said. {Q_cap} residents remain, he added.",
    "More than {big} people have been displaced in the province since {daymonth}, {claimant} said.",
)

_CONTEXT = (
    "The figures could not be independently verified.",
    "Neither side's claims could be independently confirmed.",
    "{claimant_cap} gave no evidence for its figures.",
    "{place} has been shelled almost daily since the spring.",
    "The area around {place} has seen some of the heaviest fighting in recent weeks.",
    "{claimant2_cap} did not comment on the report.",
    "{claimant2_cap} gave a different account, saying the attack had been repelled.",
    "Residents said power and water had been cut off in parts of {place}.",
    "Officials urged the remaining residents to leave.",
    "Satellite images taken {when} show damage to several buildings in the area.",
    "The claims come as both sides try to improve their positions before winter.",
    "Analysts say the fighting around {place} is likely to continue for weeks.",
    "It was not clear how many of the dead were civilians.",
    "He said the situation in {place} remained difficult but under control.",
    "The ministry said its troops were continuing their offensive.",
)

_KIND_TEMPLATES: tuple[tuple[str, ...], ...] = (
    _CASUALTIES, _CASUALTIES, _EQUIPMENT, _ATTACK, _ATTACK, _DEPLOYMENT, _SUPPLY, _TERRITORY,
    _DISPLACEMENT,
)
_VILLAGE_PARTS = {
    "ukraine": (("Novo", "Staro", "Verkhnyo", "Krasno", "Zeleno"), ("pavlivka", "mykolaivka", "hrad", "dolynka", "ivanivka")),
    "levant": (("Tel ", "Khirbet ", "Kafr ", "Ain "), ("Abyad", "Nabl", "Haddad", "Issa", "Hamra")),
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OUTLETS = (
    "Harbour Wire", "Eastern Desk", "Steppe Dispatch", "Levant Monitor", "Northern Courier",
    "Capital Ledger", "Frontline Review", "Borderland Post",
)


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
        outlet = rng.choice(_OUTLETS)
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


def _article_text(rng: random.Random, published: date) -> str:
    name = rng.choice(("ukraine", "ukraine", "ukraine", "levant"))
    theatre = _THEATRES[name]
    slots = _article_slots(rng, theatre, published)
    first, second = _VILLAGE_PARTS[name]
    slots["village"] = rng.choice(first) + rng.choice(second)
    headline = _fill(rng.choice(_HEADLINES), rng, theatre, slots, published)
    target_words = rng.randint(160, 330)
    paragraphs: list[str] = []
    used: set[str] = set()
    words = 0
    while words < target_words:
        sentences = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            if rng.random() < 0.22:
                template = rng.choice(_CONTEXT)
            else:
                template = rng.choice(rng.choice(_KIND_TEMPLATES))
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


def _article_slots(rng: random.Random, theatre: dict[str, tuple[str, ...]], published: date) -> dict[str, str]:
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
    when = rng.choice(_WHEN).format(weekday=slots["weekday"], daymonth=_daymonth(day))
    claimant = slots["claimant"] if rng.random() < 0.7 else slots["claimant3"]
    values = {
        **slots,
        "claimant": claimant,
        "claimant_cap": _cap(claimant),
        "claimant2_cap": _cap(slots["claimant2"]),
        "Q": q,
        "Q_cap": _cap(q),
        "V": rng.choice(_VAGUE),
        "n": f"{n:,}",
        "n2": str(rng.randint(2, 30)),
        "small_n": str(rng.randint(2, 40)),
        "big": f"{rng.randint(2, 90) * 500:,}",
        "small": str(rng.randint(2, 9)),
        "when": when,
        "daymonth": _daymonth(day),
        "outcome": rng.choice(_OUTCOMES),
        "unit": rng.choice(theatre["unit"]),
        "weapon": rng.choice(theatre["weapon"]),
        "item": rng.choice(theatre["item"]),
        "target": rng.choice(theatre["target"]),
        "target_cap": _cap(rng.choice(theatre["target"])),
    }
    return template.format(**values)


def _quantity(rng: random.Random) -> str:
    form = rng.choice(_HEDGED)
    low = rng.choice((rng.randint(2, 60), rng.randint(20, 500), rng.randint(1, 30) * 100))
    high = low + rng.choice((2, 5, 10, 50, 100)) if low > 10 else low + 3
    return form.format(n=f"{low:,}", m=f"{high:,}", w=rng.choice(_NUMBER_WORDS))


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
            f"corpus: {self.docs} articles, {self.tokens:,} tokens (spaCy tokenizer), "
            f"{self.words:,} words (whitespace)",
            "",
            "(a) fogofwar Pipeline().analyze, one article at a time",
            f"    {self.pipeline_seconds:8.2f} s   {self.pipeline_docs_per_s:8.1f} docs/s   "
            f"{self.pipeline_tokens_per_s:9.0f} tokens/s   {self.claims} claims",
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
            f"    {self.spacy_seconds:8.2f} s   {self.spacy_docs_per_s:8.1f} docs/s   "
            f"{self.spacy_tokens_per_s:9.0f} tokens/s",
            f"ratio (a)/(b), docs/s: {self.ratio:.2f}",
            "",
            f"peak RSS after (a): {self.rss_after_pipeline_mb:.0f} MB; "
            f"peak RSS of the run: {self.rss_peak_mb:.0f} MB",
        ]
        if self.tracemalloc_peak_mb is not None:
            lines.append(
                f"tracemalloc peak over {self.traced_docs} articles of (a): "
                f"{self.tracemalloc_peak_mb:.1f} MB"
            )
        if self.environment:
            lines.append("environment: " + ", ".join(f"{k} {v}" for k, v in self.environment.items()))
        return "\n".join(lines)


def run_bench(
    n: int = 500,
    seed: int = 0,
    include_samples: bool = True,
    pipeline: Any | None = None,
    warmup: int = 3,
    traced_docs: int = 20,
    spacy_model: Callable[[], Any] | None = None,
) -> BenchResult:
    """Time the full pipeline and plain spaCy over ``make_corpus(n, seed)``.

    ``pipeline`` defaults to ``fogofwar.pipeline.Pipeline()``; ``spacy_model`` to a loader of
    ``en_core_web_sm`` with every component enabled. ``traced_docs=0`` skips tracemalloc.
    """
    from fogofwar.language.resources import load_english_model
    from fogofwar.pipeline import Pipeline, Stage

    articles = make_corpus(n, seed=seed, include_samples=include_samples)
    texts = [a.text for a in articles]
    tokens = _count_tokens(texts)
    words = sum(len(t.split()) for t in texts)

    base = pipeline if pipeline is not None else Pipeline()
    stage_seconds: dict[str, float] = {s.name: 0.0 for s in base.stages}
    timed = Pipeline(
        [Stage(s.name, _timed(s.run, s.name, stage_seconds), s.requires, s.assigns) for s in base.stages],
        resources=base.resources,
    )
    for article in articles[:warmup]:
        timed.analyze(article)
    for name in stage_seconds:
        stage_seconds[name] = 0.0

    started = time.perf_counter()
    analyzed = [timed.analyze(article) for article in articles]
    pipeline_seconds = time.perf_counter() - started
    rss_after_pipeline = _maxrss_mb()

    traced = min(traced_docs, len(articles))
    tracemalloc_peak = _traced_peak_mb(base, articles[:traced]) if traced else None

    nlp = spacy_model() if spacy_model is not None else load_english_model(disable=())
    list(nlp.pipe(texts[:warmup]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
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
