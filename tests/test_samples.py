"""The bundled samples and the benchmark corpus: complete, readable, deterministic."""

from __future__ import annotations

import json
from datetime import date

from fogofwar.bench import BenchResult, make_corpus, run_bench
from fogofwar.pipeline import Pipeline, Stage
from fogofwar.samples import sample_articles, sample_index, sample_paths


def test_sample_index_lists_every_sample_file_and_nothing_else():
    folder = sample_paths()[0].parent
    on_disk = {p.name for p in folder.iterdir() if p.suffix in (".txt", ".html")}
    assert {p.name for p in sample_paths()} == on_disk
    assert all(p.is_file() for p in sample_paths())


def test_sample_index_entries_have_ids_outlets_and_dates_in_range():
    raw = json.loads((sample_paths()[0].parent / "index.json").read_text(encoding="utf-8"))
    assert {"id", "file", "title", "source", "published", "url"} <= set(raw[0])
    entries = sample_index()
    assert len({e.id for e in entries}) == len(entries) >= 10
    assert all(date(2024, 11, 20) <= e.published <= date(2024, 12, 20) for e in entries)
    assert all(e.url.startswith("https://example.org/") for e in entries)


def test_text_samples_start_with_their_headline_and_carry_metadata():
    articles = sample_articles(include_html=False)
    belgorod = next(a for a in articles if a.id == "sample:02_belgorod_depot_governor")
    assert belgorod.text.startswith(belgorod.title + "\n")
    assert "Three people were killed and five wounded" in belgorod.text
    assert belgorod.source == "Eastern Desk"
    assert belgorod.published == date(2024, 11, 21)


def test_syndicated_sample_differs_from_its_original_in_headline_and_one_sentence():
    by_id = {a.id: a for a in sample_articles(include_html=False)}
    original = by_id["sample:10_kursk_nk_300"].text.splitlines()
    copy = by_id["sample:11_kursk_nk_300_syndicated"].text.splitlines()
    differing = [i for i, (a, b) in enumerate(zip(original, copy)) if a != b]
    assert len(original) == len(copy)
    assert differing[0] == 0 and len(differing) == 2


def test_html_sample_becomes_an_article_without_navigation_or_footer():
    html = [a for a in sample_articles() if a.id == "sample:14_kupiansk_frontline"]
    assert len(html) == 1
    text = html[0].text
    assert "Russian troops have reached the northern outskirts of Kupiansk" in text
    assert "Subscribe" not in text and "Cookie settings" not in text
    assert html[0].source == "Frontline Review"


def test_corpus_is_deterministic_for_a_seed_and_varies_with_it():
    first = make_corpus(500, seed=0)
    again = make_corpus(500, seed=0)
    other = make_corpus(20, seed=1, include_samples=False)
    assert [a.text for a in first] == [a.text for a in again]
    assert other[0].text != first[len(sample_articles())].text


def test_corpus_has_at_least_500_distinct_articles_of_wire_length():
    corpus = make_corpus(500, seed=0)
    generated = [a for a in corpus if a.id.startswith("bench:")]
    assert len(corpus) >= 500 and len(generated) == 500
    assert len({a.text for a in corpus}) == len(corpus)
    assert all(150 <= len(a.text.split()) <= 400 for a in generated)
    assert all(a.published is not None and a.title for a in generated)


def test_run_bench_on_five_articles_reports_positive_figures():
    from fogofwar.language import segment

    result = run_bench(
        n=5,
        include_samples=False,
        pipeline=Pipeline([Stage("segment", segment.run)]),
        warmup=1,
        traced_docs=1,
    )
    assert isinstance(result, BenchResult)
    assert result.docs == 5 and result.tokens > result.docs * 100
    assert result.pipeline_docs_per_s > 0 and result.spacy_docs_per_s > 0 and result.ratio > 0
    assert result.rss_peak_mb > 0 and result.tracemalloc_peak_mb > 0
    assert set(result.stage_seconds) == {"segment"}
    assert "docs/s" in result.format_text()


def test_bench_times_given_articles_instead_of_the_generated_corpus():
    from fogofwar.language import segment

    articles = sample_articles()[:3]
    result = run_bench(articles=articles, pipeline=Pipeline([Stage("segment", segment.run)]),
                       warmup=1, traced_docs=0)
    assert result.docs == 3
