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

from spacy.tokens import Doc, Span, Token

from fogofwar.language import article_index, segment
from fogofwar.language.attribution_cues import Cues, load_cues
from fogofwar.language.resources import Resources
from fogofwar.models import AnalyzedArticle, Attribution, EntityType, Mention

_EDGE_DROP = {"punct", "cc"}
_CLAUSE_DEPS = {"appos", "relcl", "acl", "advcl", "punct", "ccomp", "cc", "conj", "prep_for_role"}
_RECORD_HEADS = {"report", "reports", "statement", "data", "figures", "estimates", "assessment"}
_PASSIVE_HEDGES = re.compile(
    r"\b(?:(?:is|are|was|were|has been|have been) (?:reported|thought|believed|said|alleged|understood) to)\b",
    re.IGNORECASE,
)


_FINITE = {"VBD", "VBZ", "VBP"}


def party_phrase(head: Token) -> Span:
    """The words naming a party: the head with its modifiers, without appositions or clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS and not _joining_hyphen(child):
            continue
        if child.dep_ == "prep" and any(t.tag_ in _FINITE for t in child.subtree):
            continue  # "North Korea for the first time confirmed ...": a clause the parse hung on the name
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
    record = load_cues().source_kinds.get(head.lower_) == "record"
    while start < head.i and (doc[start].dep_ in _EDGE_DROP or doc[start].is_punct
                              or record and doc[start].lower_ in ("a", "an")):  # "a DoD news release"
        start += 1
    while end > head.i and (doc[end].dep_ in _EDGE_DROP or doc[end].is_punct):
        end -= 1
    # a name is never cut inside a hyphenated word ("Salami-Nejad", "Abdel-Fattah")
    while start >= 2 and _joining_hyphen(doc[start - 1]) and doc[start - 2].is_alpha:
        start -= 2
    while end + 2 < len(doc) and _joining_hyphen(doc[end + 1]) and doc[end + 2].is_alpha:
        end += 2
    return doc[start : end + 1]


def _joining_hyphen(token: Token) -> bool:
    """A hyphen written inside a word, with no space on either side."""
    return (token.text in ("-", "‐") and token.i > 0 and not token.doc[token.i - 1].whitespace_
            and not token.whitespace_)


def _according_to(parse: Doc) -> Span | None:
    for tok in parse:
        if tok.lower_ == "according":
            nxt = parse[tok.i + 1] if tok.i + 1 < len(parse) else None
            if nxt is not None and nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    return _source_phrase(objs[0])
                if nxt.i + 1 < len(parse):  # parser missed the pobj: take the next noun
                    for t in parse[nxt.i + 1 :]:
                        if t.pos_ in ("PROPN", "NOUN"):
                            return party_phrase(t)
    return None


def _source_phrase(head: Token) -> Span:
    """Who issued a record: "a statement from the Sudanese army" → "the Sudanese army",
    "the ministry's statement" → "the ministry"; any other head names the source itself."""
    if head.lower_ in _RECORD_HEADS:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("PROPN", "NOUN"):
                    return party_phrase(objs[0])
        owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
        if owners:
            return party_phrase(owners[0])
    return party_phrase(head)


def _reporting_subject(parse: Doc, cues: Cues) -> tuple[Token, Token | None] | None:
    """(verb, subject) of the reporting verb nearest the root; subject None when passive."""
    best: tuple[int, Token, Token | None] | None = None
    for tok in parse:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in cues.reporting_verbs:
            continue
        if tok.dep_ in ("relcl", "acl"):
            continue  # "accused of being his assistant, which Karbouly denied": not the sentence's source
        if any(c.dep_ in ("neg", "preconj") for c in tok.children):
            continue  # "neither confirmed nor denied" attributes nothing
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and any(ch.isalpha() for ch in c.text)]
        if not subjects and tok.i > 0:
            # the parser took the name before the verb for a modifier ("Karbouly told ...")
            left = tok.doc[tok.i - 1]
            if left.head.i == tok.i and left.is_alpha and left.text[:1].isupper() and left.dep_ in ("advmod", "npadvmod", "dep", "nmod"):
                subjects = [left]
            elif left.pos_ in ("PROPN", "NOUN") and left.dep_ in ("appos", "conj", "npadvmod", "dobj", "pobj"):
                # "..., Ukraine's General Staff said on Tuesday." with the name parsed into the list
                first = party_phrase(left)[0]
                if first.i == 0 or first.doc[first.i - 1].text in (",", ";", "—", "–", "-"):
                    subjects = [left]
                else:  # "..., a source in the General Staff told the Kyiv Independent, ..."
                    commas = [t.i for t in tok.doc[: tok.i] if t.text == ","]
                    source = comma_set_source(tok, commas[-1]) if commas else None
                    subjects = [source] if source is not None else []
        if subjects:
            subjects = [_source_after_comma(tok, subjects[0]) or subjects[0]]
        if not subjects:
            continue  # a reference mark ("[4]") parsed as a subject names no one
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


def _source_after_comma(verb: Token, subject: Token) -> Token | None:
    """ "... soldiers captured at Avdiivka, Ukraine's coordination headquarters said.": the parser
    took a noun of the clause before the comma for the subject; the source is the phrase between
    the last comma and the verb. Not when the subject itself opens a comma-set phrase (", Gen.
    Joseph Votel, commander of U.S. Central Command, said")."""
    doc = verb.doc
    start = party_phrase(subject)[0].i
    if subject.i > verb.i:
        return None
    commas = [t.i for t in doc[subject.i + 1 : verb.i] if t.text == ","]
    # "most of them women and children from North Darfur, agency spokesperson Eujin Byun told":
    # a share of people is no source, whatever the parse hung on the verb
    share = (subject.lower_ in _SHARES or subject.pos_ not in ("PROPN", "NOUN")
             or any(c.lower_ in _SHARES and c.i < subject.i for c in subject.children))
    if not share and (start > 0 and doc[start - 1].text == ","):
        return None
    if not commas or not share and not any(t.pos_ == "VERB" for t in doc[subject.i + 1 : commas[-1]]):
        return None  # no clause of its own before the comma: the subject is the source
    return comma_set_source(verb, commas[-1])


_SHARES = {"most", "many", "some", "all", "half", "none", "majority", "one", "dozens", "hundreds", "thousands"}


def comma_set_source(verb: Token, comma: int) -> Token | None:
    """The head of a plain noun phrase set off between a comma and the reporting verb
    ("..., a source in the General Staff told ..."), or None."""
    doc = verb.doc
    span = doc[comma + 1 : verb.i]
    if not span or span[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ") or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    heads = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return heads[0] if len(heads) == 1 and heads[0].pos_ in ("PROPN", "NOUN") else None


def _claimant_text(subject: Token) -> tuple[Span, str | None]:
    """The claimant named by a subject, and how it points back to an earlier source: None when
    it names the source itself, else the kind of source noun ("record", "body", "person",
    "pronoun") it is."""
    cues = load_cues()
    if subject.lower_ in _RECORD_HEADS:
        modifiers = [c for c in subject.children if c.dep_ in ("compound", "amod", "poss") and c.i < subject.i]
        if modifiers:
            first = min(t.i for m in modifiers for t in m.subtree)
            last = subject.i
            if subject.doc[last - 1].tag_ == "POS":  # "the ministry's statement"
                last -= 1
            return subject.doc[first:last], None
        source = _source_phrase(subject)
        if source.root.i != subject.i:
            return source, None
    if subject.pos_ == "NOUN":
        # "A local physician from Husaybah, Zahid Mohammed Rawi, said": the name in apposition
        names = [t for t in subject.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > subject.i]
        if names:
            return party_phrase(names[0]), None
    phrase = party_phrase(subject)
    content = [t for t in phrase if not t.is_stop and not t.is_punct]
    if subject.pos_ == "PRON":
        return phrase, "pronoun"
    if subject.lower_ in cues.source_nouns and all(t.i == subject.i for t in content):
        return phrase, cues.source_kinds.get(subject.lower_, "record")
    return phrase, None


def _is_hedged(text: str, cues: Cues) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & cues.hedge_words) or bool(_PASSIVE_HEDGES.search(text))


def _is_person(doc: AnalyzedArticle, named: Attribution) -> bool:
    return any(m.type is EntityType.PERSON and m.start < (named.end or 0) and (named.start or 0) < m.end
               for m in doc.mentions)


def _earlier_organisation(doc: AnalyzedArticle, noun: str, before: int) -> Mention | None:
    """The last organisation named before ``before`` whose name holds ``noun`` ("the Ministry of
    Defence" for "the ministry")."""
    word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
    found = [m for m in doc.mentions
             if m.type is EntityType.ORGANISATION and m.end <= before and word.search(m.text)
             and m.text.lower().strip() not in (noun, "the " + noun)]
    return found[-1] if found else None


def _resolve(doc: AnalyzedArticle, index: int, phrase: Span, kind: str, cue_text: str, hedged: bool,
             last_named: Attribution | None, history: list[Attribution]) -> Attribution | None:
    """The attribution of a subject that stands for a source named elsewhere (see the cue file)."""
    base = doc.sentences[index].start
    if kind == "body":
        noun = phrase.root.lower_
        word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        for named in reversed(history):  # the last source named whose name holds the word
            if word.search(named.claimant or ""):
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
            organisation = any(m.type is EntityType.ORGANISATION and m.start < end and start < m.end
                               for m in doc.mentions)
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
        span = _according_to(parse)
        if span is not None and not _in_dateline(dateline, base + span.start_char):
            return Attribution(index, span.text, base + span.start_char, base + span.end_char,
                               "according_to", "according to", hedged)
        found = _reporting_subject(parse, cues)
        if found is not None:
            verb, subject = found
            if subject is None:
                return Attribution(index, None, None, None, "reporting_verb", verb.text, True)
            span, points_back = _claimant_text(subject)
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
    if _PASSIVE_HEDGES.search(sentence.text):
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
