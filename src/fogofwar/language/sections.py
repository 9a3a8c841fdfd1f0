"""Long articles analysed section by section, so that work and memory stay bounded.

An article longer than ``SECTION`` characters (a 300-page report, a scraped page of a whole
year's bulletins) is segmented whole, then cut between sentences, at a paragraph break where one
is near, into sections of at most ``SECTION`` characters. Each section runs through the stages
as an article of its own (its sentences numbered from 0, its offsets those of the article), and
its parses are let go before the next section is parsed. What the stages found is then joined
into one ``AnalyzedArticle`` with the sentence numbers of the whole article.

What ties sentences together reaches no further than a section: a repeat is merged into one
claim, a scene or a source carried to a later sentence, a surname matched to a full name, and
the countries an article is about counted, within the section. Articles no longer than a
section are analysed whole, exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from fogofwar.models import AnalyzedArticle, Article, Claim, Sentence

SECTION = 100_000  # characters analysed at once: far above any news report, a few seconds of work
_REACH = "section"  # key in ``AnalyzedArticle.cache`` of the characters a section covers


def sections(text: str, sentences: list[Sentence], limit: int | None = None) -> Iterator[list[Sentence]]:
    """Consecutive runs of ``sentences``, each spanning at most ``limit`` characters of ``text``
    (a longer sentence makes a run alone), cut before the first sentence of a paragraph: the
    one that does not fit, else the last one in the run's second half, else between the last
    two sentences that fit."""
    limit = SECTION if limit is None else limit
    run: list[Sentence] = []
    opens_paragraph: int | None = None  # position in ``run`` of the last paragraph's first sentence
    for sentence in sentences:
        opens = bool(run) and "\n" in text[run[-1].end : sentence.start]
        while run and sentence.end - run[0].start > limit:
            near = opens_paragraph is not None and run[opens_paragraph].start - run[0].start >= limit // 2
            cut = opens_paragraph if near and not opens and opens_paragraph else len(run)
            yield run[:cut]
            run, opens_paragraph = run[cut:], None  # what is left spans under half a section
        if opens and run:
            opens_paragraph = len(run)
        run.append(sentence)
    if run:
        yield run


def section_doc(article: Article, part: list[Sentence]) -> AnalyzedArticle:
    """An article of its own for one section: its sentences numbered from 0, and the characters
    it covers (``reach``: from its first sentence's start to its last one's end) noted."""
    doc = AnalyzedArticle(article=article, sentences=[replace(s, index=i) for i, s in enumerate(part)])
    doc.cache[_REACH] = (part[0].start, part[-1].end)
    return doc


def reach(doc: AnalyzedArticle) -> tuple[int, int]:
    """The characters of the article that ``doc`` covers: all of them, or a section's."""
    return doc.cache.get(_REACH) or (0, len(doc.text))


def join(whole: AnalyzedArticle, part: AnalyzedArticle, first: int) -> None:
    """Add what the stages found in a section whose first sentence is sentence ``first`` of the
    article; its parses and indexes are left behind."""
    whole.sentences.extend(replace(s, index=s.index + first) for s in part.sentences)
    whole.candidate_sentences.update(i + first for i in part.candidate_sentences)
    whole.mentions.extend(part.mentions)
    whole.quantities.extend(part.quantities)
    whole.times.extend(part.times)
    whole.places.extend(part.places)
    whole.attributions.update(
        (i + first, replace(a, sentence_index=a.sentence_index + first)) for i, a in part.attributions.items()
    )
    whole.claims.extend(_renumbered(c, first) for c in part.claims)


def _renumbered(claim: Claim, first: int) -> Claim:
    claim.evidence = [replace(e, sentence_index=e.sentence_index + first) for e in claim.evidence]
    if claim.attribution is not None:
        claim.attribution = replace(claim.attribution, sentence_index=claim.attribution.sentence_index + first)
    return claim
