"""Stage 6, attribution: who a sentence says makes its claims.

Rules on the dependency parse, tried in order for each candidate sentence:

1. ``according to X``                       → X              (cue ``according_to``)
2. ``X said/reported/claims/reveals (that) …`` → X              (cue ``reporting_verb``);
   "Ukrainian intelligence reports indicate …" keeps the modifiers ("Ukrainian intelligence");
   a passive "were reported to" with no agent gives no claimant but marks the claim hedged.
3. a subject that stands for a source named earlier ("the statement reveals", "he said")
   → the last explicitly named claimant                      (cue ``carried``)
4. no cue of its own: a sentence that opens with "Additionally", "Furthermore", … or that
   directly follows an explicitly attributed sentence keeps that claimant (cue ``carried``).
Otherwise the claimant is None: the document's own voice.
Cue words live in ``data/attribution.tsv``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from fogofwar.language import segment
from fogofwar.language.attribution_cues import Cues, load_cues
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Attribution

_EDGE_DROP = {"punct", "cc"}
_CLAUSE_DEPS = {"appos", "relcl", "acl", "advcl", "punct", "ccomp", "cc", "conj", "prep_for_role"}
_RECORD_HEADS = {"report", "reports", "statement", "data", "figures", "estimates", "assessment"}
_PASSIVE_HEDGES = re.compile(
    r"\b(?:(?:is|are|was|were|has been|have been) (?:reported|thought|believed|said|alleged|understood) to)\b",
    re.IGNORECASE,
)


def party_phrase(head: Token) -> Span:
    """The words naming a party: the head with its modifiers, without appositions or clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS:
            continue
        tokens.extend(child.subtree)
    idx = sorted(t.i for t in tokens)
    # keep the contiguous run around the head
    start = end = head.i
    for i in range(head.i - 1, idx[0] - 1, -1):
        if i in idx:
            start = i
        else:
            break
    for i in range(head.i + 1, idx[-1] + 1):
        if i in idx:
            end = i
        else:
            break
    doc = head.doc
    while start < head.i and (doc[start].dep_ in _EDGE_DROP or doc[start].is_punct):
        start += 1
    while end > head.i and (doc[end].dep_ in _EDGE_DROP or doc[end].is_punct):
        end -= 1
    return doc[start : end + 1]


def _according_to(parse: Doc) -> Span | None:
    for tok in parse:
        if tok.lower_ == "according":
            nxt = parse[tok.i + 1] if tok.i + 1 < len(parse) else None
            if nxt is not None and nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    return party_phrase(objs[0])
                if nxt.i + 1 < len(parse):  # parser missed the pobj: take the next noun
                    for t in parse[nxt.i + 1 :]:
                        if t.pos_ in ("PROPN", "NOUN"):
                            return party_phrase(t)
    return None


def _reporting_subject(parse: Doc, cues: Cues) -> tuple[Token, Token | None] | None:
    """(verb, subject) of the reporting verb nearest the root; subject None when passive."""
    best: tuple[int, Token, Token | None] | None = None
    for tok in parse:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in cues.reporting_verbs:
            continue
        if any(c.dep_ in ("neg", "preconj") for c in tok.children):
            continue  # "neither confirmed nor denied" attributes nothing
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[0]
        if subject.dep_ == "nsubjpass":
            agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
            subject_or_none = agents[0] if agents else None
        else:
            subject_or_none = subject
        depth = sum(1 for _ in tok.ancestors)
        if best is None or depth < best[0]:
            best = (depth, tok, subject_or_none)
    return (best[1], best[2]) if best else None


def _claimant_text(subject: Token) -> tuple[Span, bool]:
    """The claimant named by a subject, and whether it only points back to an earlier source."""
    phrase = party_phrase(subject)
    cues = load_cues()
    if subject.lower_ in _RECORD_HEADS:
        modifiers = [c for c in subject.children if c.dep_ in ("compound", "amod", "poss") and c.i < subject.i]
        if modifiers:
            first = min(t.i for m in modifiers for t in m.subtree)
            return subject.doc[first : subject.i], False
    content = [t for t in phrase if not t.is_stop and not t.is_punct]
    if subject.pos_ == "PRON" or (
        subject.lower_ in cues.source_nouns and all(t.i == subject.i for t in content)
    ):
        return phrase, True
    return phrase, False


def _is_hedged(text: str, cues: Cues) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & cues.hedge_words) or bool(_PASSIVE_HEDGES.search(text))


def attribute_sentence(
    doc: AnalyzedArticle, resources: Resources, index: int, previous: Attribution | None,
    last_named: Attribution | None,
) -> Attribution:
    """The attribution of sentence ``index`` given the one before it and the last named source."""
    cues = load_cues()
    sentence = doc.sentences[index]
    hedged = _is_hedged(sentence.text, cues)
    base = sentence.start
    if cues.any_cue.search(sentence.text):
        parse = segment.parse(doc, resources, index)
        span = _according_to(parse)
        if span is not None:
            return Attribution(index, span.text, base + span.start_char, base + span.end_char,
                               "according_to", "according to", hedged)
        found = _reporting_subject(parse, cues)
        if found is not None:
            verb, subject = found
            if subject is None:
                return Attribution(index, None, None, None, "reporting_verb", verb.text, True)
            span, points_back = _claimant_text(subject)
            if points_back and last_named is not None:
                return Attribution(index, last_named.claimant, last_named.start, last_named.end,
                                   "carried", f"{span.text} {verb.text}", hedged)
            if not points_back:
                return Attribution(index, span.text, base + span.start_char, base + span.end_char,
                                   "reporting_verb", verb.text, hedged)
    if _PASSIVE_HEDGES.search(sentence.text):
        return Attribution(index, None, None, None, "reporting_verb", None, True)
    opening = sentence.text.lower().lstrip("\"“ ")
    continues = any(opening.startswith(c + " ") or opening.startswith(c + ",") for c in cues.continuations)
    if previous is not None and previous.claimant and (continues or previous.cue != "carried"):
        return Attribution(index, previous.claimant, previous.start, previous.end, "carried",
                           None, hedged or previous.hedged)
    return Attribution(index, None, None, None, "none", None, hedged)


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    previous: Attribution | None = None
    last_named: Attribution | None = None
    for sentence in doc.sentences:
        i = sentence.index
        needed = i in doc.candidate_sentences or (i + 1) in doc.candidate_sentences
        if not needed:
            previous = None  # a sentence with nothing to attribute breaks the carry
            continue
        attribution = attribute_sentence(doc, resources, i, previous, last_named)
        doc.attributions[i] = attribution
        previous = attribution
        if attribution.claimant and attribution.cue != "carried":
            last_named = attribution
