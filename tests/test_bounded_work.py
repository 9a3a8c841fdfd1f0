"""Bounded work (issue #10): indexes answer what scans of the whole article answered, repeats are
merged through an index that lists each claim once, and a long article is analysed in sections.
Speed itself is shown by ``benchmarks/scaling.py`` and ``benchmarks/pathological.py``; no test
here times anything."""

from __future__ import annotations

import warnings

import pytest

from fogofwar.errors import LongInputWarning
from fogofwar.language import article_index, sections
from fogofwar.language.intervals import SpanIndex
from fogofwar.language.mention_people import people_named_again
from fogofwar.models import (
    AnalyzedArticle,
    Article,
    EntityType,
    Mention,
    Place,
    Sentence,
)

PARAGRAPH = (
    "Ukrainian forces destroyed 14 Russian tanks near Bakhmut on Friday, the General Staff said. "
    "At least 40 soldiers were killed in the attack, according to the regional governor."
)
OTHER = (
    "Russian forces killed at least 12 civilians in Kharkiv on Saturday, the governor said. "
    "Two drones were shot down over Odesa, the air force said."
)


def _article(text: str, spans: list[tuple[int, int]]) -> AnalyzedArticle:
    doc = AnalyzedArticle(article=Article(id="t", text=text))
    doc.sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    return doc


def test_span_index_holds_as_a_scan_does() -> None:
    spans = [(0, 5), (3, 9), (12, 14), (20, 30), (22, 25)]
    index = SpanIndex(spans)
    for start in range(32):
        for end in range(start, 33):
            assert index.holds(start, end) == any(s <= start and end <= e for s, e in spans)


def test_places_between_as_a_scan_finds_them() -> None:
    text = "x" * 200
    doc = _article(text, [(0, 200)])
    doc.places = [Place(start=s, end=e, text=text[s:e]) for s, e in [(0, 4), (5, 20), (6, 9), (30, 40), (41, 90)]]
    for lo in range(0, 100, 3):
        for hi in range(lo, 100, 7):
            expected = [p for p in doc.places if lo <= p.start and p.end <= hi]
            assert article_index.between(doc, doc.places, lo, hi) == expected


def test_last_mention_before_as_a_scan_finds_it() -> None:
    text = "The Ministry of Defence said. The ministry of Defence and the Army. The Defence Ministry."
    doc = _article(text, [(0, len(text))])
    found = [(4, 23), (30, 53), (58, 66), (68, 88), (72, 88)]
    doc.mentions = [Mention(s, e, text[s:e], EntityType.ORGANISATION) for s, e in found]

    def holds_ministry(m: Mention) -> bool:
        return "ministry" in m.text.lower()

    for offset in range(len(text) + 1):
        scan = [m for m in doc.mentions if holds_ministry(m) and m.end <= offset]
        assert article_index.last_mention_before(doc, "ministry", offset, holds_ministry) == (scan[-1] if scan else None)


def test_a_name_is_searched_for_again_only_within_reach() -> None:
    text = "Anas Ahmad spoke. Later Ahmad left. Ahmad returned."
    found = [Mention(0, 10, "Anas Ahmad", EntityType.PERSON, source="ner")]
    everywhere = people_named_again(text, found)
    within = people_named_again(text, found, (0, 36))
    assert [m.start for m in everywhere] == [0, 24, 36]
    assert [m.start for m in within] == [0, 24]


def test_sections_cover_every_sentence_in_order_and_cut_at_paragraphs() -> None:
    paragraphs = [" ".join(f"Sentence {p}.{i} is here." for i in range(6)) for p in range(12)]
    text = "\n\n".join(paragraphs)
    spans, at = [], 0
    for paragraph in paragraphs:
        for sentence in paragraph.split("here. "):
            start = text.index(sentence, at)
            spans.append((start, start + len(sentence)))
            at = start + len(sentence)
    doc = _article(text, spans)
    limit = 500
    parts = list(sections.sections(text, doc.sentences, limit))
    assert [s for part in parts for s in part] == doc.sentences
    assert len(parts) > 1
    for part in parts:
        assert part[-1].end - part[0].start <= limit
    for part in parts[1:]:  # each later section opens a paragraph
        assert text[part[0].start - 2 : part[0].start] == "\n\n"


@pytest.fixture(scope="module")
def pipeline():
    from fogofwar.pipeline import Pipeline

    pipe = Pipeline()
    list(pipe.analyze_many([Article(id="warm", text=PARAGRAPH)]))
    return pipe


def test_a_repeated_paragraph_gives_its_claims_once_with_every_repeat_as_evidence(pipeline) -> None:
    (once,) = pipeline.analyze_many([Article(id="once", text=PARAGRAPH)])
    (many,) = pipeline.analyze_many([Article(id="many", text="\n\n".join([PARAGRAPH] * 60))])
    assert len(once.claims) == 2
    assert [c.to_dict()["kind"] for c in many.claims] == [c.to_dict()["kind"] for c in once.claims]
    assert [len(c.evidence) for c in many.claims] == [60, 60]


def test_a_long_article_is_analysed_in_sections_with_the_article_s_numbers(pipeline, monkeypatch) -> None:
    text = "\n\n".join([PARAGRAPH, OTHER] * 2)
    monkeypatch.setattr(sections, "SECTION", len(PARAGRAPH) + len(OTHER) + 10)
    with pytest.warns(LongInputWarning, match="2 sections"):
        (doc,) = pipeline.analyze_many([Article(id="long", text=text)])
    assert not doc.parses  # let go section by section
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    for claim in doc.claims:
        for evidence in claim.evidence:
            sentence = doc.sentences[evidence.sentence_index]
            assert sentence.start <= evidence.start and evidence.end <= sentence.end
            assert text[evidence.start : evidence.end] == evidence.text
    for index, attribution in doc.attributions.items():
        assert attribution.sentence_index == index
    # each section gives what it gives alone, at its place in the article: repeats are merged
    # within a section, not across
    monkeypatch.setattr(sections, "SECTION", 10**9)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LongInputWarning)
        (half,) = pipeline.analyze_many([Article(id="half", text=f"{PARAGRAPH}\n\n{OTHER}")])
    alone = [c.to_dict() for c in half.claims]
    got = [c.to_dict() for c in doc.claims]
    assert alone and len(got) == 2 * len(alone)
    shift = len(PARAGRAPH) + len(OTHER) + 4
    for mine, its, by in zip(got, alone + alone, [0] * len(alone) + [shift] * len(alone)):
        assert (mine["kind"], mine["evidence"], mine["claimant"]) == (its["kind"], its["evidence"], its["claimant"])
        assert mine["evidence_spans"] == [[s + by, e + by] for s, e in its["evidence_spans"]]
