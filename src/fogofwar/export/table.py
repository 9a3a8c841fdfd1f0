"""A readable terminal table of claims: one line each, figures with their hedge.

Columns are cut to fit a terminal at a word boundary, marked "…"; ``wide=True`` (the CLI's
``--wide``) prints every field whole, and ``--format json``/``jsonl`` gives the full claim. Dates
keep their precision ("2024-W47", "2016-12", "since 2022"), never a made-up day.
"""

from __future__ import annotations

from typing import Any

_HEDGE_WORDS = {
    "approximately": "about ", "at_least": "at least ", "more_than": "over ", "at_most": "up to ",
    "less_than": "under ", "nearly": "nearly ", "range": "",
}


def figure(quantity: dict[str, Any] | None) -> str:
    if not quantity:
        return ""
    if quantity.get("vague"):
        return quantity["vague"]
    value = quantity.get("value")
    if value is None:
        return ""
    hedge = quantity.get("hedge")
    if hedge == "range" and quantity.get("high") is not None:
        return f"{value:,}–{quantity['high']:,}"
    return f"{_HEDGE_WORDS.get(hedge or '', '')}{value:,}"


def _short(text: str | None, width: int, wide: bool = False) -> str:
    """The text, or its words that fit in ``width`` followed by "…" (a single long word is cut)."""
    text = " ".join((text or "").split())
    if wide or len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;") + "…"


def when(claim: dict[str, Any]) -> str:
    """The claim's date as stated, at its precision; "since 2022" stays a start, not a point."""
    time = claim.get("time") or {}
    iso, text = time.get("date") or "", (time.get("text") or "").strip()
    if iso and text.casefold().startswith("since"):
        return f"since {iso}"
    return iso


_WIDTHS = {"kind": 26, "figure": 14, "who": 24, "item": 20, "by": 22, "where": 22, "when": 16}


def _cell(value: str | None, name: str, wide: bool) -> str:
    text = _short(value, _WIDTHS[name], wide)
    return text if wide else f"{text:{_WIDTHS[name]}}"


def claim_line(claim: dict[str, Any], wide: bool = False) -> str:
    kind = claim["kind"] + (f"/{claim['outcome']}" if claim.get("outcome") else "")
    who = (claim.get("affected") or claim.get("target") or claim.get("recipient") or {}).get("text")
    by = (claim.get("agent") or {}).get("text")
    item = (claim.get("item") or {}).get("text")
    loc = claim.get("location") or {}
    where = loc.get("name") or loc.get("text") or ""
    if loc.get("country"):
        where = f"{where} ({loc['country']})"
    claimant = (claim.get("claimant") or {}).get("text") or "—"
    cells = [
        _cell(kind, "kind", wide), _cell(figure(claim.get("quantity")), "figure", wide),
        _cell(who, "who", wide), _cell(item, "item", wide), _cell(by, "by", wide),
        _cell(where, "where", wide), _cell(when(claim), "when", wide),
        claimant if wide else _short(claimant, 30),
    ]  # fmt: skip
    return (" | " if wide else " ").join(cells)


def header(wide: bool = False) -> str:
    names = ("kind", "figure", "affected/target", "item", "agent", "place", "date", "claimant")
    if wide:
        return " | ".join(names)
    keys = ("kind", "figure", "who", "item", "by", "where", "when")
    return " ".join(f"{n:{_WIDTHS[k]}}" for n, k in zip(names, keys)) + " claimant"


HEADER = header()


def format_text(doc: str, claims: list[dict[str, Any]], wide: bool = False) -> str:
    lines = [f"== {doc}: {len(claims)} claim(s)"]
    if claims:
        lines.append(header(wide))
        lines.extend(claim_line(c, wide) for c in claims)
    return "\n".join(lines)
