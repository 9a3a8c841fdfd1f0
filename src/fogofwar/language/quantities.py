"""Stage 3, quantities: find every figure of each sentence with its hedge, range, vagueness and unit.

Rules only (regular expressions over the sentence text, no parse), so it can run on every sentence.
A figure is written in digits ("10,000", "7.5", "4.7 million", "$50m") or in words ("eight",
"twenty-five", "two hundred and fifty", "a dozen", "half a million"); a vague amount ("dozens",
"hundreds of thousands", "several hundred") has ``value`` None and ``vague`` its words, lower-cased.

The span of a ``Quantity`` covers what qualifies the figure, as re3d annotates it: a hedge before
("more than 20") or after ("60-plus", "200 or so"), the second figure of a range ("3,000 to 5,000",
"between 11,000 and 12,000") and a unit ("7.5 kilometers", "30 percent"). Bounds follow FORMAT.md:
at_least and more_than set ``low``, at_most and less_than set ``high``, a range sets both (and
``value`` = ``low``); approximately and nearly set neither. ``unit`` is set for measurements
(km, mm, %, h, year...) so that claim builders can skip them; a count has ``unit`` None.

Not figures: dates, years and clock times (``fogofwar.language.time_phrases.calendar_spans``), ordinals
("71st"), numbers inside names ("M1989", "F-16", "Resolution 2254"), "a"/"an" alone, and "one" as a
pronoun ("one of the most", "no one"). Hedge words live in ``data/hedges.tsv``; number words,
vague words, units and labels in ``data/numbers.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.language.alternation import alternation
from fogofwar.language.resources import Resources
from fogofwar.language.time_phrases import calendar_spans
from fogofwar.models import AnalyzedArticle, Hedge, Quantity

_CURRENCY = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR"}
_PRONOUN_BEFORE_ONE = frozenset(
    {
        "no",
        "the",
        "this",
        "that",
        "any",
        "every",
        "each",
        "which",
        "someone",
        "anyone",
    }
)


@dataclass(frozen=True)
class _Vocab:
    cardinals: dict[str, int]
    scales: dict[str, int]
    vague_plural: tuple[str, ...]
    vague_lead: tuple[str, ...]
    units: dict[str, str]  # lower-cased written unit -> canonical unit
    labels: frozenset[str]
    hedges_before: dict[str, Hedge]
    hedges_after: dict[str, Hedge]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    rows: dict[str, list[tuple[str, str]]] = {}
    for kind, phrase, value in read_tsv("numbers.tsv"):
        rows.setdefault(kind, []).append((phrase, value))
    before: dict[str, Hedge] = {}
    after: dict[str, Hedge] = {}
    for phrase, hedge, position in read_tsv("hedges.tsv"):
        (after if position == "after" else before)[phrase.lower()] = Hedge(hedge)
    return _Vocab(
        cardinals={p: int(v) for p, v in rows["cardinal"]},
        scales={p: int(v) for p, v in rows["scale"]},
        vague_plural=tuple(p for p, _ in rows["vague_plural"]),
        vague_lead=tuple(p for p, _ in rows["vague_lead"]),
        units={p.lower(): v for p, v in rows["unit"] if p not in _CURRENCY},
        labels=frozenset(p.lower() for p, _ in rows["label"]),
        hedges_before=before,
        hedges_after=after,
    )


# Canonical units of money, and those that count time or money: a figure's unit, but no
# measure of a thing.
MONEY_UNITS = frozenset({"USD", "EUR", "GBP", "RUB", "UAH", "dinar"})
_TIME_AND_MONEY = frozenset({"s", "min", "h", "day", "week", "month", "year", "decade"}) | MONEY_UNITS


def measure_units() -> list[str]:
    """The written units of measure of ``data/numbers.tsv`` ("km", "m3/s", "MW"), lower-cased."""
    return [unit for unit, canonical in _vocab().units.items() if canonical not in _TIME_AND_MONEY]


@dataclass(frozen=True)
class _Patterns:
    atom: re.Pattern[str]
    word: re.Pattern[str]
    hedge_before: re.Pattern[str]
    hedge_after: re.Pattern[str]
    unit: re.Pattern[str]
    range_gap: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v = _vocab()
    card = alternation(v.cardinals)
    scale = alternation(v.scales)
    plural = alternation(v.vague_plural)
    word = rf"(?:{card}|{scale})(?![\w])"
    first = rf"(?:(?:{card})(?![\w])|(?:an?|half\s+an?)\s+(?:{scale})(?![\w]))"
    atom = re.compile(
        rf"(?<![\w])(?=[\w$£€])(?i:(?P<vague>(?<![\w])(?:(?:{alternation(v.vague_lead)})\s+(?:{scale}|{plural})|{plural})(?![\w])"
        rf"(?:\s+of\s+(?:{plural})(?![\w]))*)"
        rf"|(?P<words>(?<![\w])(?<![\w]-){first}(?:(?:\s+and\s+|\s+|-)(?:{word}))*)"
        rf"|(?P<currency>US\$|\$|£|€)?\s?(?P<digits>(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d]))"
        rf"(?:\s?(?P<digscale>{scale})(?![\w])|(?P<abbr>bn|m|k)(?![\w]))?)"
    )
    hedge_before = re.compile(rf"(?i:(?<![\w])(?P<h>{alternation(v.hedges_before)})\s*)$")
    hedge_after = re.compile(rf"(?i:\s*(?P<h>{alternation(v.hedges_after)})(?![\w]))")
    unit = re.compile(rf"(?i:(?:\s?|-)(?P<u>{alternation(v.units)})(?![\w]))")
    range_gap = re.compile(r"(?i:\s*[-–—]\s*|\s+(?P<w>to|and|or)\s+)")
    tokens = re.compile(rf"(?i:(?<![\w])(?:{card}|{scale}|an?|half)(?![\w]))")
    return _Patterns(atom, tokens, hedge_before, hedge_after, unit, range_gap)


@dataclass
class _Atom:
    start: int
    end: int
    value: float | None
    vague: str | None = None
    currency: str | None = None


def _atoms(text: str) -> list[_Atom]:
    out: list[_Atom] = []
    for m in _patterns().atom.finditer(text):
        if m.group("vague"):
            words = re.sub(r"\s+", " ", m.group("vague").lower())
            bare = words.split()[0] in ("tens", "scores") and " of " not in words
            if bare and not re.match(r"\s+of\b", text[m.end() :]):
                continue  # "tens", "scores" count only before "of"
            out.append(_Atom(m.start("vague"), m.end("vague"), None, vague=words))
        elif m.group("words"):
            out.extend(_word_atoms(m.group("words"), m.start("words")))
        else:
            out.append(_digit_atom(m))
    return out


def _digit_atom(m: re.Match[str]) -> _Atom:
    value = float(m.group("digits").replace(",", ""))
    scales = _vocab().scales
    currency = _CURRENCY.get(m.group("currency") or "")
    abbr = (m.group("abbr") or "").lower()
    end = m.end()
    if m.group("digscale"):
        value *= scales[m.group("digscale").lower()]
    elif abbr == "m" and not currency:
        end = m.end("digits")  # "50m": metres, read as a unit
    elif abbr:
        value *= {"bn": 10**9, "m": 10**6, "k": 1000}[abbr]
    start = m.start("currency") if currency else m.start("digits")
    return _Atom(start, end, value, currency=currency)


def _word_atoms(phrase: str, base: int) -> list[_Atom]:
    """Value(s) of a run of number words; a run that reads as two numbers ("five six") is split."""
    v = _vocab()
    out: list[_Atom] = []
    total = current = 0.0
    start = end = None
    last = ""  # kind of the last token: "unit" (1-9), "teen" (10-19), "tens", "scale"
    for tok in _patterns().word.finditer(phrase):
        w = tok.group().lower()
        if w in ("a", "an"):
            if last != "half":
                current, last = 1.0, "unit"
        elif w == "half":
            current, last = 0.5, "half"
        elif w in v.scales:
            scale = v.scales[w]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
            last = "scale"
        else:
            n = v.cardinals[w]
            kind = "unit" if n < 10 else "teen" if n < 20 else "tens"
            fits = last in ("", "scale") or (last == "tens" and kind == "unit")
            if not fits and start is not None and end is not None:
                out.append(_Atom(base + start, base + end, total + current))
                total = current = 0.0
                start = None
            current += n
            last = kind
        if start is None:
            start = tok.start()
        end = tok.end()
    if start is not None and end is not None:
        out.append(_Atom(base + start, base + end, total + current))
    return out


def _skip(text: str, a: _Atom) -> bool:
    """Numbers that are names, ordinals, pronouns or glued to other words are not figures."""
    before, after = text[max(0, a.start - 24) : a.start], text[a.end : a.end + 12]
    if a.vague:
        return False
    if re.search(r"[A-Za-z]-?$|[#№/:°′″]$", before):  # M1989, F-16, #3
        return True
    if re.match(
        r"(?:st|nd|rd|th)(?![a-z])|[:/]\d|,\d|\.\d|[°′″]", after
    ):  # 71st, 10:30, 12/14, 35°
        return True
    if before.endswith("[") and after.startswith("]"):  # a citation mark: [3]
        return True
    prev = re.search(r"([\w.()]+)\s+$", before)
    if prev and prev.group(1).lower() in _vocab().labels:
        return True
    if (
        prev
        and re.fullmatch(r"\(?[A-Z]{1,5}\)?", prev.group(1))
        and not _vocab().hedges_before.get(prev.group(1).lower())
    ):
        return True  # a designation: "DDG 70", "CTF 50", "HMS Ocean (L 12)"
    if text[a.start : a.end].lower() != "one":
        return False
    pronoun = prev is not None and prev.group(1).lower() in _PRONOUN_BEFORE_ONE
    return pronoun or re.match(r"\s+(?:of|another)\b", after) is not None


def _merge_ranges(
    text: str, atoms: list[_Atom]
) -> list[tuple[_Atom, _Atom | None, int]]:
    """Pair "X to Y", "X-Y", "between X and Y", "X or Y" (X < Y); the int is where the span starts."""
    out: list[tuple[_Atom, _Atom | None, int]] = []
    i = 0
    gap_re = _patterns().range_gap
    while i < len(atoms):
        a = atoms[i]
        start = a.start
        if (
            i + 1 < len(atoms)
            and a.value is not None
            and atoms[i + 1].value is not None
        ):
            b = atoms[i + 1]
            gap = gap_re.fullmatch(text, a.end, b.start)
            between = re.search(
                r"(?i:(?<![\w])(between|from)\s+)$",
                text[max(0, a.start - 10) : a.start],
            )
            word = gap.group("w").lower() if gap and gap.group("w") else None
            if (
                gap
                and a.value < b.value
                and (
                    word != "and" or (between and between.group(1).lower() == "between")
                )
            ):  # type: ignore[operator]
                if between:
                    start = a.start - len(between.group())
                out.append((a, b, start))
                i += 2
                continue
        out.append((a, None, start))
        i += 1
    return out


def _build(text: str, a: _Atom, b: _Atom | None, start: int) -> Quantity | None:
    p = _patterns()
    v = _vocab()
    end = (b or a).end
    hedge: Hedge | None = Hedge.RANGE if b else None
    unit = a.currency or (b.currency if b else None)
    if hedge is None:
        h = p.hedge_before.search(text, max(0, start - 24), start)
        if h:
            hedge = v.hedges_before[re.sub(r"\s+", " ", h.group("h").lower())]
            start = h.start()
    for _ in range(
        2
    ):  # a trailing hedge and a unit, in either order: "60-plus", "5 km or more"
        h = p.hedge_after.match(text, end)
        if h and hedge is None:
            hedge = v.hedges_after[h.group("h").lower()]
            end = h.end()
            continue
        u = p.unit.match(text, end)
        if u and unit is None:
            unit = v.units[re.sub(r"\s+", " ", u.group("u").lower())]
            end = u.end()
            continue
        break
    if (
        unit is None
        and re.match(r"-?[A-Za-z]", text[end : end + 2])
        and a.vague is None
    ):
        return None  # glued to a word that is no unit: "2S19", "one-sided"
    value = a.value
    low = high = None
    if hedge is Hedge.RANGE:
        low, high = a.value, b.value if b else None
    elif hedge in (Hedge.AT_LEAST, Hedge.MORE_THAN):
        low = value
    elif hedge in (Hedge.AT_MOST, Hedge.LESS_THAN):
        high = value
    return Quantity(start, end, text[start:end], value, low, high, hedge, a.vague, unit)


_DASH_CHAIN = re.compile(r"(?<!\d)\d+(?:-\d+){2,}")  # telephone numbers, codes: 910-432-3383


def _parse(text: str) -> tuple[Quantity, ...]:
    spans = calendar_spans(text) + [m.span() for m in _DASH_CHAIN.finditer(text)]
    atoms = [
        a
        for a in _atoms(text)
        if not _skip(text, a) and not any(s < a.end and a.start < e for s, e in spans)
    ]
    out = []
    for a, b, start in _merge_ranges(text, atoms):
        q = _build(text, a, b, start)
        if q is not None:
            out.append(q)
    return tuple(out)


@lru_cache(maxsize=4096)
def _cached_parse(text: str) -> tuple[Quantity, ...]:
    return _parse(text)


def parse_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every figure of ``text`` in order; offsets shifted by ``offset`` (the sentence's start)."""
    found = _cached_parse(text)
    if not offset:
        return list(found)
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in found]


def run(doc: AnalyzedArticle, resources: Resources) -> None:
    doc.quantities = [
        q for s in doc.sentences for q in parse_quantities(s.text, s.start)
    ]
