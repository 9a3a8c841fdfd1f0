"""Attribution cue words (``data/attribution.tsv``): reporting verbs, source nouns, hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv


@dataclass(frozen=True)
class Cues:
    reporting_verbs: frozenset[str]
    source_nouns: frozenset[str]
    source_kinds: dict[str, str]  # source noun -> "record", "body", "person" or "pronoun"
    hedge_words: frozenset[str]
    continuations: tuple[str, ...]
    any_cue: re.Pattern[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    table: dict[str, list[str]] = {}
    source_kinds: dict[str, str] = {}
    for kind, word, *note in read_tsv("attribution.tsv"):
        table.setdefault(kind, []).append(word)
        if kind == "source_noun":
            source_kinds[word] = note[0] if note else "record"
    verbs = frozenset(table["reporting_verb"])
    stems = sorted({v[:-1] if v.endswith("e") else v for v in verbs}, key=len, reverse=True)
    irregular = ("said", "told", "wrote", "written", "thought", "believed", "shown")
    any_cue = re.compile(
        r"\baccording to\b|\b(?:" + "|".join(stems) + r")[a-z]*\b|\b(?:" + "|".join(irregular)
        + r")\b|[\"“”]",
        re.IGNORECASE,
    )
    return Cues(
        reporting_verbs=verbs,
        source_nouns=frozenset(table["source_noun"]),
        source_kinds=source_kinds,
        hedge_words=frozenset(table["hedge_word"]),
        continuations=tuple(table["continuation"]),
        any_cue=any_cue,
    )
