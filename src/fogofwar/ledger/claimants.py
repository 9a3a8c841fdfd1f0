"""Who counts as one claimant: names folded to one key, and aliases to one body.

A claimant's key is its name case-folded, with spaces collapsed, a leading article and a trailing
parenthesis dropped ("The ministry" = "the Ministry"; "Ukraine's military intelligence (GUR)" =
"Ukraine's military intelligence"). Names of one body fold into one: the aliases of
``data/claimant_aliases.tsv`` and the Organisation rows of ``data/organisations.tsv`` (pattern ->
canonical name); an acronym in the parenthesis ("(GUR)") is read too when the rest is unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fogofwar.data_files import read_tsv

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")


def _fold(name: str) -> str:
    return _LEADING_ARTICLE.sub("", " ".join(name.split())).casefold()


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Folded alias -> canonical name."""
    out: dict[str, str] = {}
    for row in read_tsv("organisations.tsv"):
        if len(row) >= 3 and row[1] == "Organisation" and row[2] and not row[0].startswith("re:"):
            out.setdefault(_fold(row[0]), row[2])
    for row in read_tsv("claimant_aliases.tsv"):
        if len(row) >= 2 and row[0] and row[1]:
            out[_fold(row[0])] = row[1]
    for canonical in set(out.values()):
        out.setdefault(_fold(canonical), canonical)
    return out


def canonical_claimant(claimant: str | None) -> str | None:
    """The body a claimant's name stands for ("GUR" -> "Main Intelligence Directorate of Ukraine"),
    or None when the name is not a known alias."""
    if not claimant:
        return None
    table = aliases()
    name = _fold(claimant)
    if name in table:
        return table[name]
    paren = _PARENTHESIS.search(name)
    if paren:
        rest = name[: paren.start()]
        return table.get(rest) or table.get(paren.group(1).strip())
    return None


def claimant_key(claimant: str | None) -> str | None:
    """What counts as one claimant: the canonical body's name when known, else the folded name."""
    if not claimant:
        return None
    canonical = canonical_claimant(claimant)
    if canonical:
        return _fold(canonical)
    return _PARENTHESIS.sub("", _fold(claimant)) or _fold(claimant)
