"""A readable terminal table of claims: one line each, figures with their hedge."""

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


def _short(text: str | None, width: int) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def claim_line(claim: dict[str, Any]) -> str:
    kind = claim["kind"] + (f"/{claim['outcome']}" if claim.get("outcome") else "")
    who = (claim.get("affected") or claim.get("target") or claim.get("recipient") or {}).get("text")
    by = (claim.get("agent") or {}).get("text")
    loc = claim.get("location") or {}
    where = loc.get("name") or loc.get("text") or ""
    if loc.get("country"):
        where = f"{where} ({loc['country']})"
    when = (claim.get("time") or {}).get("date") or ""
    claimant = (claim.get("claimant") or {}).get("text") or "—"
    return (
        f"{_short(kind, 26):26} {_short(figure(claim.get('quantity')), 14):14} "
        f"{_short(who, 24):24} {_short(by, 22):22} {_short(where, 22):22} {when:10} "
        f"{_short(claimant, 30)}"
    )


HEADER = (
    f"{'kind':26} {'figure':14} {'affected/target':24} {'agent':22} {'place':22} {'date':10} claimant"
)


def format_text(doc: str, claims: list[dict[str, Any]]) -> str:
    lines = [f"== {doc}: {len(claims)} claim(s)"]
    if claims:
        lines.append(HEADER)
        lines.extend(claim_line(c) for c in claims)
    return "\n".join(lines)
