"""Date helpers for the store: inclusive bounds of record date values, and agreement."""

from __future__ import annotations

import calendar
import re
from datetime import date

from actorgraph.extract.dates import date_agrees

_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3, "unknown": 4}


def _point(part: str) -> tuple[date, date]:
    m = _VALUE.fullmatch(part.strip())
    if m is None:
        raise ValueError(f"not a date value: {part!r}")
    year = int(m.group(1))
    if m.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m.group(2))
    if m.group(3) is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(m.group(3)))
    return day, day


def bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day a value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``A/B``) can mean;
    ``(None, None)`` for no value or a malformed one."""
    if not value:
        return None, None
    parts = value.split("/")
    if len(parts) > 2:
        return None, None
    try:
        lo = _point(parts[0])[0]
        hi = _point(parts[-1])[1]
    except ValueError:
        return None, None
    return lo, hi


def parse_bound(value: str | date, *, upper: bool) -> date:
    """A query bound: a date, or a date value taken at its first (or, if ``upper``, last) day."""
    if isinstance(value, date):
        return value
    lo, hi = bounds(value)
    found = hi if upper else lo
    if found is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return found


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two event dates agree when both are unknown, or both are known and agree within their
    precision. A known date never agrees with an unknown one (that would merge anything)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return date_agrees(a, b)
    except ValueError:
        return a == b
