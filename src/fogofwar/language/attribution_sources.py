"""Who a sentence names as its source, and the words of the name: "according to X", the
subject of a reporting verb (a source set off by commas, a record and who issued it, a name in
apposition), cut to the words that name the party. ``fogofwar.language.attribution`` decides
which sentences these sources cover."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from fogofwar.language.attribution_cues import Cues, load_cues

_EDGE_DROP = {"punct", "cc"}
_CLAUSE_DEPS = {"appos", "relcl", "acl", "advcl", "punct", "ccomp", "cc", "conj", "prep_for_role"}
_RECORD_HEADS = {"report", "reports", "statement", "data", "figures", "estimates", "assessment"}
PASSIVE_HEDGES = re.compile(
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


def according_to(parse: Doc) -> Span | None:
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


def reporting_subject(parse: Doc, cues: Cues) -> tuple[Token, Token | None] | None:
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


def claimant_text(subject: Token) -> tuple[Span, str | None]:
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
