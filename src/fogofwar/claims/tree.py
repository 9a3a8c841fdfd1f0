"""Walking a sentence's dependency tree for the roles claim rules ask about: subject, object,
by-agent, prepositional objects, conjuncts; and whether an action is told as done, or only as
possible, planned or denied."""

from __future__ import annotations

from spacy.tokens import Token

_MODALS_OF_CAPABILITY = {
    "capable", "able", "can", "could", "would", "might", "may", "threaten", "plan", "vow", "prepare",
    "deny", "plot", "intend", "seek", "aim", "attempt", "try", "want", "should", "must", "if", "unless",
    "committed", "determined", "ready", "pledge", "promise", "campaign", "bid", "effort",
    "will", "'ll", "shall",
}


def clause_of(token: Token) -> Token:
    node = token
    while node.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and node.head is not node:
        node = node.head
    return node


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, *deps: str) -> Token | None:
    found = children(token, *deps)
    return found[0] if found else None


def subject_of(verb: Token) -> Token | None:
    """The doer of a verb, climbing through relative clauses, conjunctions and open complements."""
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        subj = first_child(node, "nsubj") or (first_child(node, "nsubjpass") if node is not verb else None)
        if subj is not None:
            if subj.tag_ in ("WP", "WDT") and node.dep_ == "relcl":
                return node.head
            return subj
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and node.head is not node:
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            continue
        return None
    return None


def passive_subject(verb: Token) -> Token | None:
    return first_child(verb, "nsubjpass")


def nearest_subject(verb: Token) -> Token | None:
    """The subject nearest before the verb, else ``subject_of``: a wire dateline parsed as a
    first subject ("NOUAKCHOTT, July 30 (Wire) - Nearly 6,000 people have crossed") is further away."""
    before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return max(before, key=lambda c: c.i) if before else subject_of(verb)


def nearest_passive_subject(verb: Token) -> Token | None:
    """The passive subject nearest before the verb, else the first ("GENEVA ... - At least 164
    civilians were killed": the dateline parsed as a second subject is further away)."""
    before = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    return max(before, key=lambda c: c.i) if before else passive_subject(verb)


def by_agent(token: Token) -> Token | None:
    """The pobj of a "by" phrase anywhere under ``token`` ("attacks carried out by X")."""
    for t in token.subtree:
        if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by"):
            obj = first_child(t, "pobj")
            if obj is not None:
                return obj
    return None


def prep_objects(token: Token, words: set[str]) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in words:
            out.extend(children(prep, "pobj"))
            for pc in children(prep, "pcomp"):
                out.extend(children(pc, "pobj"))
    return out


def out_of_objects(token: Token) -> list[Token]:
    """The objects of "out of" ("pulled its forces out of the villages")."""
    return [o for c in token.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")
            for o in prep_objects(c, {"of"})]


def conjuncts(token: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("14 tanks, three artillery systems and ...")."""
    out = [token]
    frontier = [token]
    while frontier:
        cur = frontier.pop()
        for c in cur.children:
            if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN", "NUM") and c not in out:
                out.append(c)
                frontier.append(c)
    return sorted(out, key=lambda t: t.i)


def under_without(token: Token) -> bool:
    """ "without withdrawing troops", "without firing a shot": what did not happen."""
    node = token
    for _ in range(2):
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "without":
            return True
        node = node.head
    return False


def is_hypothetical(token: Token) -> bool:
    """True for "capable of striking", "could attack", negated or planned actions."""
    if under_without(token):
        return True
    if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "the campaign to liberate Mosul": an aim, not an event
    for node in [token, *token.ancestors][:4]:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if (node.lemma_.lower() in _MODALS_OF_CAPABILITY or node.lower_ in _MODALS_OF_CAPABILITY) and not (
            node.lower_ == "committed" and any(c.dep_ == "dobj" for c in node.children)
        ):  # "committed to retaking" is an aim; "committed 2,500 troops" an act
            return True
        if any(c.dep_ == "aux" and c.lower_ in _MODALS_OF_CAPABILITY for c in node.children):
            return True
    return False
