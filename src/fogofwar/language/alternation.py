"""One regex helper shared by the stages that match word lists from the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``: longest first (so "Sept." wins over "Sep"), each
    escaped, a space in a phrase matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
