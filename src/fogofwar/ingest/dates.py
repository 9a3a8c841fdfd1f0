"""Publication dates given with an input: ISO date or date-time → ``date``."""

from __future__ import annotations

from datetime import date, datetime


def parse_published(value: object) -> date | None:
    """``"2024-12-15"``, ``"2024-12-15T10:00:00Z"`` or a ``date`` → date; None/"" → None.

    Raises ``ValueError`` with a readable message for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, not {type(value).__name__}")  # noqa: TRY004
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)") from None
