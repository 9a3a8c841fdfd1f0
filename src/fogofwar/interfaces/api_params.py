"""Query parameters of the HTTP API, each validated: a bad value is a 422 that says what is wrong.

The claim filters are the CLI's (``fogofwar claims --kind --outcome --country --side --claimant
--place --from --to --text``, same semantics: country codes in any case, substrings for
claimant and place), plus ``doc``. Dates are ``from``/``to`` as in the CLI (``date_from``/
``date_to`` are still read, as older names). A country is an ISO 3166-1 alpha-3 code that
exists; ``from`` after ``to`` is refused. A query parameter that an endpoint does not know
(``/claims?contry=RUS``) is refused too, rather than silently ignored.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pycountry
from fastapi import HTTPException, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from fogofwar.models import ClaimKind
from fogofwar.store import ClaimFilter

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
MAX_FILTER_CHARS = 200


@lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-3 code (pycountry), sorted."""
    return tuple(sorted(c.alpha_3 for c in pycountry.countries))


def _country(value: str | None, name: str) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if code not in country_codes():
        raise HTTPException(422, f"query parameter '{name}': unknown country code {value!r}; give an ISO 3166-1 alpha-3 code such as RUS or UKR")
    return code


def _country_query(description: str):
    return Query(None, description=description, max_length=3,
                 json_schema_extra={"enum": list(country_codes())})  # fmt: skip


def _one_date(new: date | None, old: date | None, name: str) -> date | None:
    if new is not None and old is not None and new != old:
        raise HTTPException(422, f"'{name}' and 'date_{name}' disagree; give one of them")
    return new or old


def claim_filter(
    kind: ClaimKind | None = None,
    outcome: str | None = Query(None, description="killed, wounded, killed_or_wounded, destroyed, ...",
                                pattern=r"^[a-z_]*$", max_length=40),
    country: str | None = _country_query("ISO alpha-3 of the affected or the agent side"),
    side: str | None = _country_query("ISO alpha-3 of the affected side only"),
    claimant: str | None = Query(None, description="substring of the claimant, case-insensitive",
                                 max_length=MAX_FILTER_CHARS),
    place: str | None = Query(None, description="substring of the place name or region",
                              max_length=MAX_FILTER_CHARS),
    date_from: date | None = Query(None, alias="from", description="first date (YYYY-MM-DD), inclusive"),
    date_to: date | None = Query(None, alias="to", description="last date (YYYY-MM-DD), inclusive"),
    old_from: date | None = Query(None, alias="date_from", deprecated=True, description="the same as 'from'"),
    old_to: date | None = Query(None, alias="date_to", deprecated=True, description="the same as 'to'"),
    text: str | None = Query(None, description="full-text search of the evidence", max_length=MAX_FILTER_CHARS),
    doc: str | None = Query(None, description="a document id", max_length=MAX_FILTER_CHARS),
) -> ClaimFilter:
    """The CLI's claim filters, as query parameters (empty values are ignored)."""
    first = _one_date(date_from, old_from, "from")
    last = _one_date(date_to, old_to, "to")
    if first and last and first > last:
        raise HTTPException(422, f"'from' ({first}) is after 'to' ({last})")
    return ClaimFilter(
        kind=kind.value if kind else None, outcome=outcome or None,
        country=_country(country, "country"), side=_country(side, "side"),
        claimant=claimant or None, place=place or None, date_from=first, date_to=last,
        text=text or None, doc=doc or None,
    )  # fmt: skip


def limit_query(default: int = 50):
    return Query(default, ge=1, le=MAX_LIMIT, description=f"page size, 1 to {MAX_LIMIT}")


FIGURES_IN_LIST = 20


def figures_query():
    return Query(FIGURES_IN_LIST, ge=0, le=MAX_LIMIT,
                 description="at most this many figures (and series points) of each proposition in a list,"
                             " the first in grouping order; 'figures_total' says how many it has, and"
                             " /propositions/{id} gives them all")  # fmt: skip


def offset_query():
    return Query(0, ge=0, le=MAX_OFFSET, description="items to skip")


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _known_query_names(route: APIRoute) -> frozenset[str]:
    return frozenset(_query_names(route.dependant))


def only_known_query_params(request: Request) -> None:
    """Refuse query parameters the endpoint does not declare (a typo must not select everything)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - _known_query_names(route))
    if unknown:
        known = ", ".join(sorted(_known_query_names(route))) or "none"
        raise HTTPException(422, f"unknown query parameter(s) {', '.join(map(repr, unknown))}; this endpoint takes: {known}")
