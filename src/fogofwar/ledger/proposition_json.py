"""A proposition's built form as JSON (``to_json``/``from_json``): what the ledger stores in
``propositions.body`` when it regroups (``fogofwar.store.proposition_table``), so that a page
of propositions is one read instead of a regrouping of every member claim's facts.

``from_json(to_json(p)) == p`` for every proposition ``proposition_of`` builds (a test checks it
on real ledgers). Figures and series points, the bulk of a body, are stored as a table (their
field names once, then one list of values per row) to keep bodies small. A body written under
another ``VERSION`` reads as None: the caller builds the proposition from its claims instead.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from fogofwar.ledger.agreement import Disagreement, Estimate
from fogofwar.ledger.proposition_model import Figure, Proposition, SeriesPoint

VERSION = 1  # bump when a Proposition's fields or their meaning change: older bodies are rebuilt

_NESTED = ("figures", "series", "disagreements", "estimates")
_TUPLES = ("outcomes", "claimants", "outlets")  # plain tuples of strings
_FIGURE = tuple(f.name for f in fields(Figure))
_SERIES = tuple(f.name for f in fields(SeriesPoint))
_ESTIMATE = tuple(f.name for f in fields(Estimate))


def to_json(p: Proposition) -> str:
    """The proposition as compact JSON."""
    body: dict[str, Any] = {"v": VERSION}
    body.update({f.name: getattr(p, f.name) for f in fields(Proposition) if f.name not in _NESTED})
    body["figures"] = [_FIGURE, [[getattr(f, n) for n in _FIGURE] for f in p.figures]]
    body["series"] = [_SERIES, [[getattr(s, n) for n in _SERIES] for s in p.series]]
    body["disagreements"] = [[d.period, d.outcome, d.values, d.intervals] for d in p.disagreements]
    body["estimates"] = [_ESTIMATE, [[getattr(e, n) for n in _ESTIMATE] for e in p.estimates]]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def from_json(text: str) -> Proposition | None:
    """The proposition ``to_json`` wrote; None when it was written under another ``VERSION``."""
    body = json.loads(text)
    if body.pop("v", None) != VERSION:
        return None
    for name in _TUPLES:
        body[name] = tuple(body[name])
    body["figures"] = _rows(Figure, _FIGURE, body["figures"])
    body["series"] = _rows(SeriesPoint, _SERIES, body["series"])
    body["disagreements"] = tuple(
        Disagreement(period, outcome, tuple(map(tuple, values)), tuple(map(tuple, intervals)))
        for period, outcome, values, intervals in body["disagreements"]
    )
    body["estimates"] = _rows(Estimate, _ESTIMATE, body["estimates"])
    return Proposition(**body)


def _rows(cls: type, names: tuple[str, ...], table: list) -> tuple:
    stored, rows = table
    if tuple(stored) == names:  # the usual case: positional, the fastest construction
        return tuple(cls(*row) for row in rows)
    return tuple(cls(**dict(zip(stored, row, strict=True))) for row in rows)
