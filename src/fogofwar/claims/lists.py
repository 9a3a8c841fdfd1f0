"""Lists of things read off the surface of a sentence, where the parse often goes wrong.

"destroyed a vehicle, five fighting positions, a command and control node, a VBIED, and a
heavy machine gun": the small parser attaches half of these to the wrong verb, but the commas
and conjunctions are plain to see. A list starts at the object of a trigger and runs until a
new clause (a verb with a clause of its own), a preposition other than "of", or a stop mark;
it splits at commas, and at "and"/"or" before a determiner or a figure ("a command and
control node" stays one item).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

_STOPS = {";", ":", ".", "(", ")", "—", "–", "--", "!", "?"}
_CLAUSE_DEPS = {"ROOT", "conj", "advcl", "ccomp", "relcl", "xcomp", "acl", "pcomp", "parataxis"}
_NOUNS = ("NOUN", "PROPN")
_MAX_ITEMS = 40  # a list longer than this is cut, never walked further


@dataclass(frozen=True)
class ListItem:
    phrase: Span  # the item's words, figure included ("five fighting positions")
    head: Token  # its head noun ("positions")


def listed_items(first: Token) -> list[ListItem]:
    """The items of the list whose first item is the phrase of ``first``."""
    doc = first.doc
    segments: list[list[Token]] = [[]]
    for token in doc[first.left_edge.i :]:
        if token.text in _STOPS or (token.pos_ == "ADP" and token.lower_ != "of" and token.i > first.i):
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS and token.i > first.i:
            break
        if token.text == "," or token.pos_ == "CCONJ" and (not segments[-1] or _opens_item(token)):
            segments.append([])
        else:
            segments[-1].append(token)
        if len(segments) > _MAX_ITEMS:
            break
    items = []
    for words in segments:
        head = _head_noun(words)
        if head is not None:
            items.append(ListItem(doc[words[0].i : words[-1].i + 1], head))
    return items


def _opens_item(conj: Token) -> bool:
    """ "and"/"or" that starts a new item: before a determiner or a figure."""
    nxt = conj.nbor(1) if conj.i + 1 < len(conj.doc) else None
    return nxt is not None and (nxt.pos_ in ("DET", "NUM") or nxt.like_num)


def _head_noun(words: list[Token]) -> Token | None:
    """The last noun before any "of" ("a cache of weapons" -> cache)."""
    head = None
    for token in words:
        if token.lower_ == "of" and head is not None:
            break
        if token.pos_ in _NOUNS:
            head = token
    return head


def trust_the_commas(first: Token, heads: list[Token]) -> tuple[list[Token], dict[int, Span]]:
    """The heads of the list starting at ``first`` read off its commas, with each item's words
    by head index, when that finds more items than the parse gave (``heads``); else ``heads``."""
    listed = listed_items(first)
    if len(listed) > len(heads):  # the parse lost part of the list
        return [item.head for item in listed], {item.head.i: item.phrase for item in listed}
    return heads, {}
