"""Normalising the values that claim scoring compares (FORMAT.md, "Claim scoring").

Names are compared after folding case, dropping punctuation and a leading "the"; two names
also agree when the alias vocabulary (``fogofwar.language.vocabulary``, if present) gives
them the same canonical name. Places agree by text containment within one country, or by
country alone where one side names only the country. Evidence fragments are compared as
character spans of the document when its text is known, else as strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")
_SILENT_PUNCT = re.compile(r"[.'\u2019]")  # dropped without a space: "U.S." is "us", "al-Qa'ida"

# Without the document, two exact fragments of it overlap when one holds the other or the end
# of one is the start of the other; that shared piece must be at least this long (or all of
# the shorter fragment) so that a stray "s" or "the" is not taken for an overlap.
MIN_SHARED_CHARS = 5


def norm_name(text: str | None) -> str:
    """Case-folded words of a name: punctuation dropped, a leading "the" removed."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _SILENT_PUNCT.sub("", folded)
    words = "".join(ch if ch.isalnum() else " " for ch in folded)
    words = _SPACES.sub(" ", words).strip()
    return _LEADING_THE.sub("", words)


def norm_code(code: Any) -> str | None:
    """A country code or other short label, upper-cased; empty means null."""
    if code is None:
        return None
    text = str(code).strip().upper()
    return text or None


def norm_label(value: Any) -> str | None:
    """A label such as ``kind``, ``outcome``, ``hedge`` or ``vague``: lower-case, single-spaced."""
    if value is None:
        return None
    text = _SPACES.sub(" ", str(value)).strip().lower()
    return text or None


def contains_words(outer: str, inner: str) -> bool:
    """Whether normalised ``inner`` is a whole-word run of normalised ``outer``."""
    if not outer or not inner:
        return False
    return f" {inner} " in f" {outer} "


@lru_cache(maxsize=1)
def _vocabulary() -> Any | None:
    """The alias vocabulary, when the module exists and loads; None otherwise."""
    try:
        from fogofwar.language.vocabulary import Vocabulary  # optional: absent until written

        return Vocabulary.load()
    except (ImportError, AttributeError):
        return None


@lru_cache(maxsize=4096)
def canonical(text: str) -> str | None:
    """The vocabulary's canonical name for ``text``, normalised; None when unknown."""
    vocab = _vocabulary()
    if vocab is None or not text:
        return None
    stripped = text.strip()
    candidates = [stripped]
    if stripped.lower().startswith("the "):
        candidates.append(stripped[4:])
    for candidate in candidates:
        try:
            entry = vocab.lookup(candidate)
        except (KeyError, LookupError, ValueError):
            entry = None
        name = getattr(entry, "canonical", None) if entry is not None else None
        if name:
            return norm_name(name)
    return None


_TRAILING_ABBREVIATION = re.compile(r"\s*\([^()]{1,12}\)\s*$")


def same_name(a: str | None, b: str | None) -> bool:
    """Two names of one party: equal once normalised, or sharing a canonical name; a name
    given with its abbreviation ("the Alliance Army (MNDAA)") is the name without it."""
    a = _TRAILING_ABBREVIATION.sub("", a) if a else a
    b = _TRAILING_ABBREVIATION.sub("", b) if b else b
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = na.split(), nb.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if short and long_[-len(short):] == short and (a or "")[:1].isupper() and (b or "")[:1].isupper():
        return True  # "Cook" and "Pentagon Press Secretary Peter Cook": a name and its full form
    ca, cb = canonical(a or ""), canonical(b or "")
    return ca is not None and ca == cb


@lru_cache(maxsize=512)
def country_names(code: str) -> frozenset[str]:
    """Normalised names of the country with ISO alpha-3 ``code`` (pycountry), empty if unknown."""
    try:
        import pycountry  # loaded only when a location is compared
    except ImportError:
        return frozenset()
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return frozenset()
    names = {getattr(country, key, None) for key in ("name", "common_name", "official_name")}
    return frozenset(norm_name(n) for n in names if n)


def is_country_name(text: str | None, code: str | None) -> bool:
    """Whether ``text`` names the country ``code`` itself (e.g. "Syria" for SYR)."""
    if not text or not code:
        return False
    names = country_names(code)
    if norm_name(text) in names:
        return True
    canon = canonical(text)
    return canon is not None and canon in names


def texts_agree(a: str | None, b: str | None) -> bool:
    """Place texts agree when equal or one holds the other, word for word, once normalised."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    return na == nb or contains_words(na, nb) or contains_words(nb, na)


# --- evidence overlap -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def same_fragment(a: str, b: str) -> bool:
    """Two copies of one fragment of text, up to case and whitespace."""
    return _fold(a) == _fold(b)


def find_all(text: str, fragment: str) -> list[tuple[int, int]]:
    """Every occurrence of ``fragment`` in ``text`` as (start, end); case/space-tolerant fallback."""
    if not fragment or not fragment.strip():
        return []
    spans = _occurrences(text, fragment)
    if spans:
        return spans
    # Tolerate differences in case and runs of whitespace: match word by word.
    words = fragment.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _occurrences(text: str, fragment: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    at = text.find(fragment)
    while at != -1:
        out.append((at, at + len(fragment)))
        at = text.find(fragment, at + 1)
    return out


def span_overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> float:
    """Characters shared by two sets of spans over their union (0 when disjoint)."""
    ca, cb = _chars(a), _chars(b)
    if not ca or not cb:
        return 0.0
    shared = len(ca & cb)
    return shared / len(ca | cb)


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for start, end in spans:
        out.update(range(start, end))
    return out


def string_overlap(a: str | None, b: str | None) -> float:
    """Overlap of two fragments of one text, without the text: shared piece over union, or 0.

    The fragments overlap when one holds the other or a suffix of one is a prefix of the
    other, compared after folding case and whitespace. A shared piece shorter than
    ``MIN_SHARED_CHARS`` counts only when it is the whole of the shorter fragment.
    """
    fa, fb = _fold(a or ""), _fold(b or "")
    if not fa or not fb:
        return 0.0
    if fa in fb or fb in fa:
        shared = min(len(fa), len(fb))
    else:
        shared = max(_suffix_prefix(fa, fb), _suffix_prefix(fb, fa))
        if shared < MIN_SHARED_CHARS:
            return 0.0
    return shared / (len(fa) + len(fb) - shared)


def _suffix_prefix(a: str, b: str) -> int:
    """Length of the longest suffix of ``a`` that is a prefix of ``b``."""
    for k in range(min(len(a), len(b)) - 1, 0, -1):
        if a[-k:] == b[:k]:
            return k
    return 0


# --- sentences for display --------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?<=[.!?][\"'\u201d\u2019)])\s+(?=[\"'\u201c\u2018(]?[A-Z])|(?<=[.!?])\s+(?=[\"'\u201c\u2018(]?[A-Z])|\n"
)


def sentence_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Rough sentence spans of ``text``: an end at .!? before a capital, and at each newline.

    Only for showing a developer the context of a claim; "Dec. 15" is not split, "Mr. Cook" is.
    """
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that hold the span [start, end), whitespace collapsed."""
    lo, hi = start, end
    for s, e in sentence_bounds(text):
        if s <= start < e:
            lo = s
        if s < end <= e:
            hi = e
    return _SPACES.sub(" ", text[lo:hi]).strip()
