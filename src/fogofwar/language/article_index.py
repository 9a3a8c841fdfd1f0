"""Indexes over one analysed article, so that per-sentence questions cost no pass over the article.

A claim rule asks, for each sentence, for the figures, places, times and mentions inside it, and
for the last place named before it. Answered by scanning the article's lists, that is a pass over
the whole article per sentence: time that grows with the square of the article's length. Here
each list is bucketed by sentence once (binary search on the sentence starts) and the places
that can set a scene are listed once; each index is kept in ``AnalyzedArticle.cache``, keyed by
the list it was built from and its length, so a list replaced or grown gets a fresh index.

Every answer is the one the plain scan gives, in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from fogofwar.language import sections
from fogofwar.language.intervals import SpanIndex
from fogofwar.models import AnalyzedArticle, EntityType, Mention, Place, Sentence

T = TypeVar("T")


def _cached(doc: AnalyzedArticle, name: str, source: Sequence[Any], build: Callable[[], Any], *extra: Any) -> Any:
    key = (name, id(source), len(source), id(doc.sentences), len(doc.sentences), *extra)
    found = doc.cache.get(name)
    if found is None or found[0] != key:
        found = (key, build(), source)  # holding ``source`` keeps its id from being reused
        doc.cache[name] = found
    return found[1]


def _sentence_starts(doc: AnalyzedArticle) -> list[int] | None:
    """The sentences' starts, or None if they are not in order without overlap."""

    def build() -> list[int] | None:
        starts = [s.start for s in doc.sentences]
        ordered = all(a.end <= b.start for a, b in zip(doc.sentences, doc.sentences[1:]))
        return starts if ordered else None

    return _cached(doc, "sentence_starts", doc.sentences, build)


def sentence_at(doc: AnalyzedArticle, offset: int) -> int | None:
    """The index of the sentence holding character ``offset`` (``start <= offset < end``)."""
    starts = _sentence_starts(doc)
    if starts is None:
        return next((s.index for s in doc.sentences if s.start <= offset < s.end), None)
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < doc.sentences[i].end:
        return doc.sentences[i].index
    return None


def within(doc: AnalyzedArticle, items: list[T], sentence: Sentence) -> list[T]:
    """The items of ``items`` (anything with ``start``/``end``) inside ``sentence``, in list order."""
    starts = _sentence_starts(doc)
    position = sentence.index
    if starts is None or not (0 <= position < len(doc.sentences)) or doc.sentences[position] != sentence:
        return [x for x in items if sentence.start <= x.start and x.end <= sentence.end]

    def build() -> dict[int, list[T]]:
        buckets: dict[int, list[T]] = {}
        for x in items:
            i = bisect_right(starts, x.start) - 1
            if i >= 0 and x.end <= doc.sentences[i].end:
                buckets.setdefault(i, []).append(x)
        return buckets

    buckets = _cached(doc, f"within:{id(items)}", items, build)
    return list(buckets.get(position, ()))


def _scene_places(doc: AnalyzedArticle) -> tuple[list[Place], list[int] | None]:
    """Places that can set a scene (below country level, with a country, not inside a speaker's
    span: "Kyiv said"), in list order, with their ends if those never decrease."""

    def build() -> tuple[list[Place], list[int] | None]:
        said_by = SpanIndex((a.start, a.end) for a in doc.attributions.values() if a.start is not None and a.end)
        places = [
            p for p in doc.places
            if p.country and p.precision not in (None, "country") and not said_by.holds_point(p.start)
        ]
        ends = [p.end for p in places]
        ordered = all(a <= b for a, b in zip(ends, ends[1:]))
        return places, ends if ordered else None

    return _cached(doc, "scene_places", doc.places, build, id(doc.attributions), len(doc.attributions))


def last_scene_before(doc: AnalyzedArticle, offset: int, acts: Callable[[AnalyzedArticle, Place], bool]) -> Place | None:
    """The last scene-setting place (in list order) ending by ``offset`` for which ``acts`` is
    false: what ``SentenceContext.scene_before`` answers, found by binary search."""
    places, ends = _scene_places(doc)
    if ends is None:
        before = [p for p in places if p.end <= offset]
    else:  # walked back from the last one, without copying the places before it
        before = (places[i] for i in range(bisect_right(ends, offset) - 1, -1, -1))
        return next((place for place in before if not _acts_cached(doc, place, acts)), None)
    for place in reversed(before):
        if not _acts_cached(doc, place, acts):
            return place
    return None


def between(doc: AnalyzedArticle, items: list[T], lo: int, hi: int) -> list[T]:
    """The items of ``items`` (anything with ``start``/``end``) with ``lo <= start`` and
    ``end <= hi``, in list order: found by binary search on their starts, listed once."""

    def build() -> list[int] | None:
        starts = [x.start for x in items]
        return starts if all(a <= b for a, b in pairwise(starts)) else None

    starts = _cached(doc, f"starts:{id(items)}", items, build)
    if starts is None:
        return [x for x in items if lo <= x.start and x.end <= hi]
    first, stop = bisect_right(starts, lo - 1), bisect_right(starts, hi)
    return [x for x in items[first:stop] if x.end <= hi]


def _acts_cached(doc: AnalyzedArticle, place: Place, acts: Callable[[AnalyzedArticle, Place], bool]) -> bool:
    """``acts(doc, place)``, remembered while the parse of the place's sentence stays the same."""
    memo: dict[int, tuple[Any, Any, Place, bool]] = doc.cache.setdefault("acts", {})
    index = sentence_at(doc, place.start)
    parse = doc.parses.get(index) if index is not None else None
    attribution = doc.attributions.get(index) if index is not None else None
    found = memo.get(id(place))
    if found is not None and found[0] is parse and found[1] is attribution and found[2] is place:
        return found[3]
    result = acts(doc, place)
    memo[id(place)] = (parse, attribution, place, result)
    return result


def quote_open_at(doc: AnalyzedArticle, offset: int) -> bool:
    """Whether a quotation is still open at ``offset`` in its paragraph (the text since the last
    line break): more “ than ” where curly marks are used, else an odd number of runs of ".
    Counted by binary search in the positions of the marks, listed once per article."""

    lo, hi = sections.reach(doc)  # a section of a long article lists its own marks only

    def build() -> tuple[list[int], list[int], list[int], list[int]]:
        def at(pattern: str) -> list[int]:
            return [m.start() for m in re.compile(pattern).finditer(doc.text, lo, hi)]

        opening, closing, straight = at("“"), at("”"), at('"+')  # a run of " is one mark
        newlines = at("\n") if opening or closing or straight else []
        return newlines, opening, closing, straight

    newlines, opening, closing, straight = _cached(doc, "quote_marks", doc.text, build)
    if not (opening or closing or straight):
        return False
    line = bisect_right(newlines, offset - 1) - 1
    start = newlines[line] + 1 if line >= 0 else 0

    def count(positions: list[int]) -> int:
        return bisect_right(positions, offset - 1) - bisect_right(positions, start - 1)

    opened, closed = count(opening), count(closing)
    if opened or closed:
        return opened > closed
    return count(straight) % 2 == 1


def mention_spans(doc: AnalyzedArticle, kind: EntityType) -> SpanIndex:
    """The spans of the article's mentions of one type: "does a person's name overlap this?"
    answered by binary search."""

    def build() -> SpanIndex:
        return SpanIndex((m.start, m.end) for m in doc.mentions if m.type is kind)

    return _cached(doc, f"mention_spans:{kind.value}", doc.mentions, build)


def last_mention_before(doc: AnalyzedArticle, name: str, offset: int, test: Callable[[Mention], bool]) -> Mention | None:
    """The last mention (in list order) ending by ``offset`` for which ``test`` holds. The
    mentions that pass are listed once per ``name`` (a test's name: the same name, the same
    test) and searched by binary search on their starts."""

    def build() -> tuple[list[Mention], list[int] | None]:
        passed = [m for m in doc.mentions if test(m)]
        starts = [m.start for m in passed]
        ordered = all(a <= b for a, b in pairwise(starts))
        return passed, starts if ordered else None

    passed, starts = _cached(doc, f"mentions_passing:{name}", doc.mentions, build)
    if starts is None:
        return next((m for m in reversed(passed) if m.end <= offset), None)
    # a mention ending by ``offset`` starts by it; walking back passes only over mentions that
    # hold ``offset`` (nested in one another), never over the article
    for i in range(bisect_right(starts, offset) - 1, -1, -1):
        if passed[i].end <= offset:
            return passed[i]
    return None
