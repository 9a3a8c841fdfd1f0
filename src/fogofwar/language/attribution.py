"""Stage 6, attribution: who a sentence says makes its claims.

Rules on the dependency parse, tried in order for each candidate sentence:

1. ``according to X``                       → X              (cue ``according_to``);
   "according to a statement from X" → X.
2. ``X said/reported/claims/reveals (that) …`` → X              (cue ``reporting_verb``);
   "Ukrainian intelligence reports indicate …" keeps the modifiers ("Ukrainian intelligence");
   "A local physician, Zahid Mohammed Rawi, said" gives the name; a name is never cut at a
   hyphen ("Salami-Nejad"); a passive "were reported to" with no agent gives no claimant but
   marks the claim hedged.
3. a subject that stands for a source named elsewhere (``source_noun`` in the cue file):
   "the statement reveals", "he said" → the last named source; "the ministry said" → the last
   source or organisation named whose name holds "ministry"; "officials said" → the last named
   source that is not a person; with nothing named before, the words themselves ("officials"),
   except a pronoun, which then gives nothing                 (cue ``carried``)
4. no cue of its own: the previous sentence's claimant covers this one only with an explicit
   continuation: an opening such as "Additionally", "It added", "He also"; a quotation that
   goes on; or the rest of a sentence broken by a line break          (cue ``carried``).
   A background sentence after an attributed one is the document's own voice.
Otherwise the claimant is None: the document's own voice.
Cue words live in ``data/attribution.tsv``.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from fogofwar.language import article_index, segment
from fogofwar.language.attribution_cues import Cues, load_cues
from fogofwar.language.attribution_sources import (
    PASSIVE_HEDGES,
    according_to,
    claimant_text,
    party_phrase,
    reporting_subject,
)
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Attribution, EntityType, Mention


def _is_hedged(text: str, cues: Cues) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & cues.hedge_words) or bool(PASSIVE_HEDGES.search(text))


def _is_person(doc: AnalyzedArticle, named: Attribution) -> bool:
    return article_index.mention_spans(doc, EntityType.PERSON).overlaps(named.start or 0, named.end or 0)


def _earlier_organisation(doc: AnalyzedArticle, noun: str, before: int) -> Mention | None:
    """The last organisation named before ``before`` whose name holds ``noun`` ("the Ministry of
    Defence" for "the ministry")."""
    word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)

    def holds_noun(m: Mention) -> bool:
        return (m.type is EntityType.ORGANISATION and bool(word.search(m.text))
                and m.text.lower().strip() not in (noun, "the " + noun))

    return article_index.last_mention_before(doc, f"organisation holding {noun}", before, holds_noun)


def _resolve(doc: AnalyzedArticle, index: int, phrase: Span, kind: str, cue_text: str, hedged: bool,
             last_named: Attribution | None, history: list[Attribution]) -> Attribution | None:
    """The attribution of a subject that stands for a source named elsewhere (see the cue file)."""
    base = doc.sentences[index].start
    if kind == "body":
        noun = phrase.root.lower_
        named = _last_named_holding(doc, history, noun)  # the last source named whose name holds the word
        if named is not None:
            return Attribution(index, named.claimant, named.start, named.end, "carried", cue_text, hedged)
        org = _earlier_organisation(doc, noun, base + phrase.start_char)
        if org is not None:
            return Attribution(index, org.text, org.start, org.end, "carried", cue_text, hedged)
    elif kind == "person":
        if last_named is not None and not _is_person(doc, last_named):
            return Attribution(index, last_named.claimant, last_named.start, last_named.end,
                               "carried", cue_text, hedged)
    elif last_named is not None:  # a record or a pronoun
        return Attribution(index, last_named.claimant, last_named.start, last_named.end,
                           "carried", cue_text, hedged)
    if kind == "pronoun":
        return _previous_subject(doc, index, phrase, cue_text, hedged)
    # no earlier source: the words themselves ("Officials said", "the report says")
    return Attribution(index, phrase.text, base + phrase.start_char, base + phrase.end_char,
                       "reporting_verb", cue_text, hedged)


def _last_named_holding(doc: AnalyzedArticle, history: list[Attribution], noun: str) -> Attribution | None:
    """The last source of ``history`` whose name holds the word ``noun``. ``history`` only grows
    while an article is read, so each source is tested once per noun: where the last search
    stopped, and what it found, are kept in ``doc.cache``."""
    memo: dict[str, tuple[list[Attribution], int, Attribution | None]] = doc.cache.setdefault("named_holding", {})
    held, tested, found = memo.get(noun, (history, 0, None))
    if held is not history or tested > len(history):
        tested, found = 0, None
    word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
    for position in range(tested, len(history)):
        if word.search(history[position].claimant or ""):
            found = history[position]
    memo[noun] = (history, len(history), found)
    return found


def _previous_subject(doc: AnalyzedArticle, index: int, pronoun: Span, cue_text: str,
                      hedged: bool) -> Attribution | None:
    """"it said" with no source named before: the organisation that is the subject of the
    previous sentence ("The Israeli military on Wednesday named a sergeant ... . ..., it said")."""
    if index == 0 or pronoun.root.lower_ not in ("it", "they") or index - 1 not in doc.parses:
        return None
    parse = doc.parses[index - 1]
    if not parse.has_annotation("DEP"):
        return None
    cues = load_cues()
    base = doc.sentences[index - 1].start
    for tok in parse:
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
            phrase = party_phrase(tok)
            start, end = base + phrase.start_char, base + phrase.end_char
            organisation = article_index.mention_spans(doc, EntityType.ORGANISATION).overlaps(start, end)
            if organisation or cues.source_kinds.get(tok.lower_) == "body":
                return Attribution(index, phrase.text, start, end, "carried", cue_text, hedged)
    return None


def _quote_continues(doc: AnalyzedArticle, index: int) -> bool:
    """The sentence goes on with a quotation of the previous one: it starts inside a quotation
    opened earlier in its paragraph, or it opens a new quote right after a quoted sentence
    ('"We held," he said. "They fled."')."""
    if index == 0:
        return False
    if article_index.quote_open_at(doc, doc.sentences[index].start):
        return True
    here = doc.sentences[index].text.lstrip()
    before = doc.sentences[index - 1].text
    return here[:1] in ("\"", "“") and any(q in before for q in ("\"", "“", "”"))


def _unfinished(doc: AnalyzedArticle, index: int) -> bool:
    """The previous sentence stops without a final mark (a line break inside a sentence): this
    one is the rest of it."""
    if index == 0:
        return False
    before = doc.sentences[index - 1].text.rstrip()
    here = doc.sentences[index].text.lstrip()
    return bool(before) and before[-1] not in ".!?\"”’':;)]" and here[:1].islower()


def attribute_sentence(
    doc: AnalyzedArticle, resources: Resources, index: int, previous: Attribution | None,
    last_named: Attribution | None, history: list[Attribution] | None = None,
) -> Attribution:
    """The attribution of sentence ``index`` given the one before it, the last named source and
    (``history``) every source named before it.

    The previous sentence's claimant covers this one only with an explicit continuation: an
    opening such as "It added" or "Additionally", or a quotation that goes on."""
    cues = load_cues()
    sentence = doc.sentences[index]
    hedged = _is_hedged(sentence.text, cues)
    base = sentence.start
    dateline = doc.dateline
    if cues.any_cue.search(sentence.text):
        parse = segment.parse(doc, resources, index)
        span = according_to(parse)
        if span is not None and not _in_dateline(dateline, base + span.start_char):
            return Attribution(index, span.text, base + span.start_char, base + span.end_char,
                               "according_to", "according to", hedged)
        found = reporting_subject(parse, cues)
        if found is not None:
            verb, subject = found
            if subject is None:
                return Attribution(index, None, None, None, "reporting_verb", verb.text, True)
            span, points_back = claimant_text(subject)
            if _in_dateline(dateline, base + span.start_char):
                pass
            elif points_back is None:
                return Attribution(index, span.text, base + span.start_char, base + span.end_char,
                                   "reporting_verb", verb.text, hedged)
            else:
                resolved = _resolve(doc, index, span, points_back, f"{span.text} {verb.text}", hedged,
                                    last_named, history if history is not None else [last_named] if last_named else [])
                if resolved is not None:
                    return resolved
    if PASSIVE_HEDGES.search(sentence.text):
        return Attribution(index, None, None, None, "reporting_verb", None, True)
    opening = sentence.text.lower().lstrip("\"“ ")
    continues = any(opening.startswith(c + " ") or opening.startswith(c + ",") for c in cues.continuations)
    if previous is not None and previous.claimant and (
        continues or _quote_continues(doc, index) or _unfinished(doc, index)
    ):
        return Attribution(index, previous.claimant, previous.start, previous.end, "carried",
                           None, hedged or previous.hedged)
    return Attribution(index, None, None, None, "none", None, hedged)


def _in_dateline(dateline: tuple[int, int] | None, at: int) -> bool:
    return dateline is not None and dateline[0] <= at < dateline[1]


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    cues = load_cues()
    previous: Attribution | None = None
    last_named: Attribution | None = None
    history: list[Attribution] = []  # every source named so far, in order
    skipped: list[int] = []  # sentences with a cue not attributed yet: a source may be named there
    wanted = set(doc.candidate_sentences) | {i - 1 for i in doc.candidate_sentences if i > 0}
    for sentence in reversed(doc.sentences):  # a sentence broken by a line break is one sentence
        if sentence.index + 1 in wanted and _unfinished(doc, sentence.index + 1):
            wanted.add(sentence.index)
    for sentence in doc.sentences:
        i = sentence.index
        needed = i in wanted
        if not needed:
            if cues.any_cue.search(sentence.text):
                skipped.append(i)
            previous = None  # a sentence with nothing to attribute breaks the carry
            continue
        if skipped and i in doc.candidate_sentences:
            # a source named in an earlier sentence with no claim of its own ("X said in a
            # statement on Monday that ...") is still the one "the statement" points back to
            for j in skipped:
                named = attribute_sentence(doc, resources, j, None, last_named, history)
                if named.claimant and named.cue != "carried":
                    last_named = named
                    history.append(named)
            skipped = []
        attribution = attribute_sentence(doc, resources, i, previous, last_named, history)
        doc.attributions[i] = attribution
        previous = attribution
        if attribution.claimant and attribution.cue != "carried":
            last_named = attribution
            history.append(attribution)
