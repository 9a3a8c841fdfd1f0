"""Bounds on what the language stages are given, so that no input makes them hang.

Reports from scrapers hold things no writer meant: a 100,000-digit number, thousands of
brackets or quotation marks in a row, a list of 20,000 names in one sentence, a 5 MB page with
no line break. spaCy's tokenizer is quadratic in the length of a run without spaces, its parser
slow on a sentence of thousands of tokens, and a rule that looks at a whole sentence costs the
square of its length. So, before segmentation:

- a run of more than ``MAX_RUN`` characters without whitespace keeps its first ``MAX_RUN``
  characters; the rest is blanked: line breaks in the text segmentation reads (same length, so
  every offset still points into the article's own text, and since a line break ends a
  sentence, no sentence, and so no span found in one, holds a blanked character);
- a paragraph is cut into sections of at most ``MAX_SECTION`` characters (at a sentence end, else
  at a space), each segmented on its own;
- a sentence longer than ``MAX_SENTENCE`` characters is cut into pieces of at most that length, at
  a space, each analysed as a sentence of its own.

None of these limits is reached by ordinary prose (the longest sentence of the gold data is under
400 characters, its longest run without a space 20). When one is, a ``LongInputWarning`` names
the document and says what was cut; the analysis goes on.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from fogofwar.errors import LongInputWarning

MAX_RUN = 200  # characters without whitespace: longer than any word, figure or URL worth reading
MAX_SENTENCE = 1_000  # characters of one sentence given to the parser (about 200 tokens)
MAX_SECTION = 100_000  # characters segmented at once (spaCy refuses texts over 1,000,000)

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


@dataclass
class Cuts:
    """What was cut in one text, to be reported once."""

    runs: int = 0
    sentences: int = 0
    sections: int = 0
    examples: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.runs or self.sentences or self.sections)

    def describe(self) -> str:
        parts = []
        if self.runs:
            parts.append(f"{self.runs} run(s) of over {MAX_RUN} characters without a space cut to {MAX_RUN}")
        if self.sentences:
            parts.append(f"{self.sentences} sentence(s) over {MAX_SENTENCE} characters cut into pieces")
        if self.sections:
            parts.append(f"{self.sections} paragraph(s) over {MAX_SECTION} characters segmented in sections")
        return "; ".join(parts)


def blank_long_runs(text: str, cuts: Cuts) -> str:
    """``text`` with every run of non-space characters cut to ``MAX_RUN``: same length, the rest
    of each run replaced by line breaks."""
    pieces: list[str] = []
    last = 0
    for m in _LONG_RUN.finditer(text):
        keep = m.start() + MAX_RUN
        pieces.append(text[last:keep])
        pieces.append("\n" * (m.end() - keep))
        last = m.end()
        cuts.runs += 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _cut_points(text: str, start: int, end: int, limit: int, prefer: re.Pattern[str] | None) -> Iterator[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces of ``text[start:end]``, none longer than ``limit``, cut
    after the last ``prefer`` match (a sentence end) in a piece, else at its last space, else hard."""
    while end - start > limit:
        stop = start + limit
        cut = -1
        if prefer is not None:
            for m in prefer.finditer(text, max(start, stop - limit // 4), stop):
                cut = m.end()
        if cut <= start:
            space = max(text.rfind(" ", start, stop), text.rfind("\t", start, stop))
            cut = space + 1 if space > start else stop
        yield start, cut
        start = cut
    yield start, end


def sections(text: str, start: int, end: int, cuts: Cuts) -> Iterator[tuple[int, int]]:
    """A paragraph ``text[start:end]`` in sections of at most ``MAX_SECTION`` characters."""
    if end - start > MAX_SECTION:
        cuts.sections += 1
    return _cut_points(text, start, end, MAX_SECTION, _SENTENCE_END)


def sentence_pieces(text: str, start: int, end: int, cuts: Cuts) -> Iterator[tuple[int, int]]:
    """A sentence ``text[start:end]`` in pieces of at most ``MAX_SENTENCE`` characters."""
    if end - start > MAX_SENTENCE:
        cuts.sentences += 1
    return _cut_points(text, start, end, MAX_SENTENCE, None)


def report(cuts: Cuts, where: str) -> None:
    """One ``LongInputWarning`` naming the document, where anything was cut."""
    if cuts:
        warnings.warn(f"{where}: {cuts.describe()}", LongInputWarning, stacklevel=3)
