"""A proposition's title, as a reader would write it, from what its claims say and nothing more.

    "Russian missile strike on Kharkiv, 29 Nov 2024: civilians killed"
    "Kursk Oblast, to 18 Dec 2024: North Korean soldiers killed or wounded (running total)"
    "Pokrovsk, week of 18 Nov 2024: tanks destroyed"

The parts: what struck (the acting side's adjective, from ``data/countries.tsv``, and the weapon) and
where (the place, else its admin-1 area); when (``fogofwar.timespan.span_label``: a day, a week, a
month, a span, a running total's start and end); what happened (the affected, the item, the outcome).
A part the claims do not give is left out, never guessed; the kind alone is the last resort.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from fogofwar.data_files import read_tsv
from fogofwar.timespan import PERIOD, RUNNING_TOTAL, TimeSpan, span_label

if TYPE_CHECKING:
    from fogofwar.ledger.propositions import Figure, Proposition

_OUTCOME_WORDS = {
    "killed_or_wounded": "killed or wounded", "killed": "killed", "wounded": "wounded",
    "missing": "missing", "captured": "captured", "destroyed": "destroyed", "damaged": "damaged",
    "abandoned": "abandoned", "lost": "lost", "deployed": "deployed", "withdrawn": "withdrawn",
}  # fmt: skip
_KIND_WORDS = {
    "casualties": "casualties", "equipment_loss": "equipment lost", "attack": "attack",
    "deployment": "deployment", "supply": "supply", "territory": "territory", "displacement": "people displaced",
}  # fmt: skip
_STRIKE_KINDS = {"attack", "casualties", "equipment_loss"}
_VAGUE_AFFECTED = {"people", "persons", "person"}
_ATTACK_NOUNS = {"strike", "strikes", "attack", "attacks", "raid", "raids", "shelling", "bombardment",
                 "assault", "assaults", "counterattack", "counterattacks", "offensive"}


def _lower_first(words: str) -> str:
    """"Missile strike" -> "missile strike"; names ("Iskander-M", "HIMARS") keep their case."""
    first, _, rest = words.partition(" ")
    if first[1:].islower() and first.isalpha():
        first = first.lower()
    return f"{first} {rest}".strip()


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """ISO alpha-3 -> its adjective ("RUS" -> "Russian"): the first demonym of countries.tsv that
    is not a plural or a possessive."""
    out: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        if len(row) >= 3 and row[2] == "demonym" and row[0][:1].isupper() and not row[0].endswith(("'s", "s")):
            out.setdefault(row[1], row[0])
    return out


def _common(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _affected_words(figures: tuple[Figure, ...]) -> str | None:
    if figures and all(f.civilian for f in figures if f.affected) and any(f.affected for f in figures):
        text = _common([f.affected for f in figures])
        if text and text.split()[-1].casefold() in _VAGUE_AFFECTED:
            return "civilians"  # "4 people", said to be civilians by the claim itself
    text = _common([f.affected for f in figures])
    if not text:
        return None
    words = text.split()
    while words and words[0].casefold() in ("the", "a", "an", "its", "their", "his", "her"):
        words = words[1:]
    return " ".join(words) or None


def _when(p: Proposition) -> str | None:
    days = [f for f in p.figures if f.date_last]
    if not days:
        return None
    if p.time_shape == RUNNING_TOTAL:
        last = max(f.date_last for f in days)
        span = TimeSpan(RUNNING_TOTAL, p.since, last, p.date_precision, "text")
        return span_label(span)
    dated = [f for f in days if f.date_basis == "text"]
    if not dated:
        return None
    f = min(dated, key=lambda f: (f.date_first or "", f.date_last or ""))
    return span_label(TimeSpan(p.time_shape, f.date_first, f.date_last, f.date_precision, "text"))


def proposition_title(p: Proposition) -> str:
    """The title of a proposition; parts its claims do not give are left out."""
    figures = p.figures
    where = p.place or p.admin1
    adjective = _adjectives().get(_common([f.agent_country for f in figures]) or "")
    weapon = _common([f.weapon for f in figures])
    if "killed_or_wounded" in p.outcomes:
        outcome: str | None = "killed or wounded"
    else:
        outcome = " or ".join(_OUTCOME_WORDS.get(o, o) for o in p.outcomes) or None
    head = None
    if weapon and len(weapon.split()) > 3:
        weapon = None  # a weapon read as a long phrase is not one to name in a title
    if weapon and adjective and adjective.casefold() in weapon.casefold():
        adjective = None  # "Ukrainian drones": the weapon names its side already
    if p.kind in _STRIKE_KINDS and (weapon or (adjective and p.kind == "attack")):
        noun = "" if weapon and weapon.split()[-1].casefold() in _ATTACK_NOUNS else (" strike" if weapon else " attack")
        strike = " ".join(w for w in (adjective, _lower_first(weapon) if weapon else None) if w) + noun
        head = strike[:1].upper() + strike[1:] + (f" on {where}" if where else "")
    else:
        head = where
    what: str | None
    if p.kind == "casualties":
        what = " ".join(w for w in (_affected_words(figures), outcome) if w) or "casualties"
    elif p.kind in ("equipment_loss", "supply"):
        item = _common([f.item for f in figures])
        verb = outcome if p.kind == "equipment_loss" else "supplied"
        what = " ".join(w for w in (item, verb) if w) or _KIND_WORDS[p.kind]
    elif p.kind == "attack":
        what = None if head and head != where else (f"{adjective} attack" if adjective else "attack")
    elif p.kind == "territory":
        what = " ".join(w for w in ("territory", outcome, f"by the {adjective} side" if adjective else None) if w)
    elif p.kind == "displacement":
        what = " ".join(w for w in (_affected_words(figures), "displaced") if w)
    else:
        what = " ".join(w for w in (adjective, _KIND_WORDS.get(p.kind, p.kind)) if w)
    if p.time_shape == RUNNING_TOTAL and what:
        what += " (running total)"
    elif p.time_shape == PERIOD and what:
        what += " (toll over the period)"
    left = ", ".join(x for x in (head, _when(p)) if x)
    if left and what:
        return f"{left}: {what}"
    return left or what or _KIND_WORDS.get(p.kind, p.kind)
