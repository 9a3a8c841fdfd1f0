"""Stage 1, segment: split the article into sentences and parse only those that can carry a claim.

Sentences come from spaCy's rule-based sentencizer, run paragraph by paragraph (a newline
always ends a sentence). A sentence is a *candidate* when it holds a claim trigger word and
something a claim can be anchored on, a figure or a name (``fogofwar.claims.triggers``); only
candidates get the full statistical parse, which is
what makes the pipeline faster than running spaCy over every sentence. Later stages that
need the parse of another sentence ask ``parse(doc, resources, index)``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from fogofwar.claims.triggers import can_carry_claim
from fogofwar.ingest.dateline import outside_dateline
from fogofwar.language import guard
from fogofwar.language.attribution_cues import load_cues
from fogofwar.language.mention_words import word_patterns
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
_ENTITY_HINT = re.compile(r"[A-Z\d]")


def split_sentences(text: str, resources: Resources, where: str = "text") -> list[Sentence]:
    """Sentences of ``text`` with offsets into it; blank lines and surrounding spaces dropped.

    What the stages read is bounded (``fogofwar.language.guard``): over-long runs without a
    space are blanked, long paragraphs segmented in sections, long sentences cut into pieces,
    with one ``LongInputWarning`` naming ``where``. A sentence's ``text`` is always the
    article's own text at its offsets.
    """
    nlp = resources.tokenizer_nlp
    cuts = guard.Cuts()
    tame = guard.blank_long_runs(text, cuts)
    out: list[Sentence] = []
    paragraphs = [
        (start, tame[start:end])
        for m in _PARAGRAPH.finditer(tame) if m.group().strip()
        for start, end in guard.sections(tame, m.start(), m.end(), cuts)
    ]
    for (base, para), pdoc in zip(paragraphs, nlp.pipe(p for _, p in paragraphs)):
        for sent in pdoc.sents:
            for piece_start, piece_end in guard.sentence_pieces(para, sent.start_char, sent.end_char, cuts):
                chunk = para[piece_start:piece_end]
                stripped = chunk.strip()
                if not stripped:
                    continue
                start = base + piece_start + len(chunk) - len(chunk.lstrip())
                out.append(Sentence(index=len(out), start=start, end=start + len(stripped), text=stripped))
    guard.report(cuts, where)
    return out


def article_sentences(doc: AnalyzedArticle, resources: Resources) -> list[Sentence]:
    """The sentences of the whole article; a wire dateline ("KYIV, March 3 (Reuters) - ") is
    no part of any of them."""
    return outside_dateline(split_sentences(doc.text, resources, doc.article.origin or doc.article.id), doc.dateline)


def parse(doc: AnalyzedArticle, resources: Resources, index: int) -> Doc:
    """The full parse of sentence ``index`` (offsets relative to the sentence), made once.

    A sentence segment gave only its entities gets its full parse here, when asked.
    """
    parsed = doc.parses.get(index)
    if parsed is None or not parsed.has_annotation("DEP"):
        doc.parses[index] = next(resources.parse_many([doc.sentences[index].text]))
    return doc.parses[index]


def may_name_entity(text: str) -> bool:
    """Whether spaCy's NER may find anything in a sentence: it holds a capital or a digit."""
    return bool(_ENTITY_HINT.search(text))


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    run_batch([doc], resources)


def run_batch(docs: list[AnalyzedArticle], resources: Resources) -> None:
    """Segment every article (one given its sentences keeps them), then run spaCy over their
    sentences in two streams.

    Candidates (and the sentence before one that names a source) get every component; the
    other sentences that may name an entity get NER alone; the rest nothing.
    """
    cue = load_cues().any_cue
    hint = word_patterns().parse_hint
    full: list[tuple[AnalyzedArticle, int]] = []
    ner_only: list[tuple[AnalyzedArticle, int]] = []
    for doc in docs:
        if not doc.sentences:  # a section of a long article comes with its sentences
            doc.sentences = article_sentences(doc, resources)
        doc.candidate_sentences = {s.index for s in doc.sentences if can_carry_claim(s.text)}
        # a sentence just before a candidate may name its source ("X said on Monday. ...")
        sources = {i - 1 for i in doc.candidate_sentences if i > 0} - doc.candidate_sentences
        sources = {i for i in sources if cue.search(doc.sentences[i].text)}
        parsed = doc.candidate_sentences | sources
        full.extend((doc, i) for i in sorted(parsed))
        for s in doc.sentences:
            if s.index in parsed or not may_name_entity(s.text):
                continue
            (full if hint.search(s.text) else ner_only).append((doc, s.index))
    for todo, stream in ((full, resources.parse_many), (ner_only, resources.entities_many)):
        texts = (doc.sentences[i].text for doc, i in todo)
        for (doc, index), parsed_doc in zip(todo, stream(texts)):
            doc.parses[index] = parsed_doc
