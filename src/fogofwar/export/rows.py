"""One flat row per claim: ACLED-like columns first, then fogofwar's own.

ACLED's column names (event_date, event_type, sub_event_type, actor1, actor2, country,
admin1, location, latitude, longitude, geo_precision, time_precision, source, notes,
fatalities) are used so that analysts' spreadsheets line up; fogofwar adds the claimant,
the hedge, the bounds and the evidence. Nothing is filled from habit: an empty cell means
the text did not say.

Dates (``fogofwar.timespan``): every row has an ``event_date``, the first day of the span the
claim's time covers ("last week": its Monday; "in November": 1 November; "since February 2022":
2022-02-01); ``event_date_last`` is the span's last day (a running total's: the day it is counted
to); ``time_precision`` is ACLED's (1 the day, 2 a week or a span of up to 7 days, 3 a month or
longer). Where the text gives no date, ``event_date`` is the publication date, the bound the event
happened on or before, with ``date_basis`` "publication" (else "text") and ``time_precision`` 2. A
running total with no stated start ("since they entered combat") is dated to the day it is counted
to. ``time_shape`` says which of event, period toll or running total the claim states.
"""

from __future__ import annotations

from typing import Any

import pycountry

from fogofwar.timespan import acled_time_precision, claim_span

ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "time_precision", "source", "notes",
    "fatalities",
)
OWN_COLUMNS = (
    "doc", "claim_kind", "outcome", "claimant", "claimant_cue", "value", "low", "high", "hedge",
    "vague", "affected", "affected_country", "agent_country", "item", "weapon", "evidence",
    "published", "event_date_last", "date_basis", "time_shape", "time_text",
)
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

# ACLED's event types, by claim kind (the closest of its categories)
_EVENT_TYPE = {
    "casualties": ("Violence", "Casualties reported"),
    "equipment_loss": ("Battles", "Equipment loss"),
    "attack": ("Explosions/Remote violence", "Attack"),
    "deployment": ("Strategic developments", "Deployment"),
    "supply": ("Strategic developments", "Arms supply"),
    "territory": ("Battles", "Change of territory"),
    "displacement": ("Strategic developments", "Displacement"),
}
# ACLED geo_precision: 1 a town, 2 a part of a region near a town, 3 a region
_GEO_PRECISION = {"site": 1, "city": 1, "admin1": 3, "country": 3, "water": 3}


def country_name(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    found = pycountry.countries.get(alpha_3=alpha3)
    return getattr(found, "common_name", None) or (found.name if found else alpha3)


def _text(part: dict[str, Any] | None) -> str | None:
    return part.get("text") if part else None


def claim_row(doc: str, published: str | None, publisher: str | None, claim: dict[str, Any]) -> dict[str, Any]:
    q = claim.get("quantity") or {}
    loc = claim.get("location") or {}
    time = claim.get("time") or {}
    affected = claim.get("affected")
    agent = claim.get("agent")
    other = claim.get("target") or claim.get("recipient") or affected
    claimant = claim.get("claimant") or {}
    event_type, sub_type = _EVENT_TYPE.get(claim["kind"], ("", ""))
    fatalities = q.get("value") if claim["kind"] == "casualties" and claim.get("outcome") == "killed" else None
    has_figure = any(q.get(k) is not None for k in ("value", "low", "high", "vague"))
    span = claim_span(time, claim.get("evidence"), published, has_figure)
    return {
        "event_date": span.first or span.last or "",
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": _text(agent) or "",
        "actor2": _text(other) or "",
        "country": country_name(loc.get("country")) or "",
        "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or loc.get("text") or "",
        "latitude": loc.get("latitude") if loc.get("latitude") is not None else "",
        "longitude": loc.get("longitude") if loc.get("longitude") is not None else "",
        "geo_precision": _GEO_PRECISION.get(loc.get("precision") or "", ""),
        "time_precision": acled_time_precision(span) if span.last else "",
        "source": publisher or "",
        "notes": claim.get("evidence") or "",
        "fatalities": fatalities if fatalities is not None else "",
        "doc": doc,
        "claim_kind": claim["kind"],
        "outcome": claim.get("outcome") or "",
        "claimant": claimant.get("text") or "",
        "claimant_cue": claimant.get("cue") or "",
        "value": q.get("value") if q.get("value") is not None else "",
        "low": q.get("low") if q.get("low") is not None else "",
        "high": q.get("high") if q.get("high") is not None else "",
        "hedge": q.get("hedge") or "",
        "vague": q.get("vague") or "",
        "affected": _text(affected) or "",
        "affected_country": (affected or {}).get("country") or "",
        "agent_country": (agent or {}).get("country") or "",
        "item": _text(claim.get("item")) or "",
        "weapon": _text(claim.get("weapon")) or "",
        "evidence": claim.get("evidence") or "",
        "published": published or "",
        "event_date_last": span.last or "",
        "date_basis": span.basis if span.last else "",
        "time_shape": span.shape,
        "time_text": time.get("text") or "",
    }
