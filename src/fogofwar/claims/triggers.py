"""Claim triggers (``data/triggers.tsv``): which words can start a claim, of which kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.models import ClaimKind


@dataclass(frozen=True)
class Trigger:
    kind: ClaimKind
    outcome: str | None
    lemma: str
    forms: tuple[str, ...]


@lru_cache(maxsize=1)
def load_triggers() -> tuple[Trigger, ...]:
    out = []
    for kind, outcome, lemma, forms in read_tsv("triggers.tsv"):
        out.append(
            Trigger(ClaimKind(kind), outcome or None, lemma, tuple(f.strip() for f in forms.split(",")))
        )
    return tuple(out)


@lru_cache(maxsize=1)
def candidate_pattern() -> re.Pattern[str]:
    """One regex over every surface form: a sentence that matches it gets the full parse."""
    forms = sorted({f for t in load_triggers() for f in t.forms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def anchor_pattern() -> re.Pattern[str]:
    """What a claim needs besides its trigger: a figure (digits, a number word or a vague amount
    from ``data/numbers.tsv``) or a name (a capitalised word after the first word)."""
    words = sorted(
        {phrase for kind, phrase, *_ in read_tsv("numbers.tsv")
         if kind in ("cardinal", "scale", "vague_plural", "vague_lead")},
        key=len, reverse=True,
    )
    figures = "|".join(map(re.escape, words))
    return re.compile(r"\d|(?<=\w )\W?[A-Z]\w|(?i:\b(?:" + figures + r"|dozens|scores)\b)")


_FIRST_WORD = re.compile(r"\W*([A-Z][\w-]*)")


def can_carry_claim(sentence: str) -> bool:
    """A sentence worth a full parse: it has a claim trigger and something to anchor a claim
    (a figure, or a name: a capitalised word that is not just the first word's capital)."""
    if not candidate_pattern().search(sentence):
        return False
    if anchor_pattern().search(sentence):
        return True
    first = _FIRST_WORD.match(sentence)
    return first is not None and first.group(1).lower() not in _sentence_openers()


@lru_cache(maxsize=1)
def _sentence_openers() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
