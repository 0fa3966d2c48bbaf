"""The shared vocabulary of actorgraph: one home for the concepts every layer speaks of.

Event and relation types, modalities and how they group, date values and their precision. The
extractor, the store, the graph, the web app and the exports all import from here, so this module
must stay light: the standard library only (no spaCy, no database, no pydantic).

Example:
    >>> "CONSULT" in SYMMETRIC_TYPES
    True
    >>> date_bounds("2017-02")
    (datetime.date(2017, 2, 1), datetime.date(2017, 2, 28))
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Literal, get_args

__all__ = [
    "MODALITIES",
    "MODALITY_PRECEDENCE",
    "NEGATIVE_MODALITIES",
    "PLOVER_TYPES",
    "POSITIVE_MODALITIES",
    "PRECISION_RANK",
    "RELATION_TYPES",
    "SYMMETRIC_TYPES",
    "UNCERTAIN_MODALITIES",
    "DatePrecision",
    "Modality",
    "bounds",
    "date_agrees",
    "date_bounds",
    "dates_agree",
    "disputed",
    "parse_bound",
    "precision_of",
]

# --- event and relation types ----------------------------------------------------------------

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT",
)  # fmt: skip
# Types whose two sides act alike: "X met Y" is "Y met X", so source and target are one set.
SYMMETRIC_TYPES: frozenset[str] = frozenset({"CONSULT", "COOPERATE"})

RELATION_TYPES: tuple[str, ...] = (
    "leader_of",
    "deputy_leader_of",
    "member_of",
    "part_of",
    "located_in",
    "resides_in",
    "headquartered_in",
    "subordinate_to",
    "allied_with",
)

# --- modalities ------------------------------------------------------------------------------

Modality = Literal[
    "asserted", "reported", "hedged", "denied", "negated", "future", "intended", "hypothetical"
]
MODALITIES: tuple[str, ...] = get_args(Modality)
# When a trigger shows several cues, the first of these wins ("did not plan to" is negated).
MODALITY_PRECEDENCE: tuple[str, ...] = (
    "denied",
    "negated",
    "hypothetical",
    "hedged",
    "intended",
    "reported",
    "future",
    "asserted",
)
# A source that says the fact happened (perhaps with caution).
POSITIVE_MODALITIES: frozenset[str] = frozenset({"asserted", "reported", "hedged"})
# A source that says the act did not happen.
NEGATIVE_MODALITIES: frozenset[str] = frozenset({"denied", "negated"})
# A source that leaves open whether it happened.
UNCERTAIN_MODALITIES: frozenset[str] = frozenset({"future", "intended", "hypothetical", "hedged"})


def disputed(mentions: Iterable[tuple[str, str]]) -> bool:
    """Whether a fact is disputed, from its mentions as (modality, source group) pairs: denied
    anywhere, or negated by one source while another source reports it.

    Example:
        >>> disputed([("asserted", "a"), ("negated", "b")])
        True
    """
    seen = list(mentions)
    if any(modality == "denied" for modality, _ in seen):
        return True
    negating = {group for modality, group in seen if modality == "negated"}
    reporting = {group for modality, group in seen if modality in POSITIVE_MODALITIES}
    return any(n != r for n in negating for r in reporting)


# --- date values -----------------------------------------------------------------------------

DatePrecision = Literal["day", "month", "year", "range", "unknown"]
# Finer first: the store keeps the most precise date its sources give for one event.
PRECISION_RANK: dict[str, int] = {"day": 0, "range": 1, "month": 2, "year": 3, "unknown": 4}

_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_BY_LENGTH: dict[int, DatePrecision] = {4: "year", 7: "month", 10: "day"}


def precision_of(value: str) -> DatePrecision:
    """The precision of a single date value by its form (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``);
    ``unknown`` for anything else.

    Example:
        >>> precision_of("2017-03"), precision_of("March")
        ('month', 'unknown')
    """
    return _PRECISION_BY_LENGTH.get(len(value), "unknown")


def _point(part: str, whole: str) -> tuple[date, date]:
    m = _VALUE.fullmatch(part.strip())
    if m is None:
        raise ValueError(f"not a date value: {whole!r}")
    try:
        year = int(m.group(1))
        if m.group(2) is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(m.group(2))
        if m.group(3) is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(m.group(3)))
    except ValueError as exc:  # month 13, 30 February, year 0
        raise ValueError(f"not a date value: {whole!r}") from exc
    return day, day


def date_bounds(value: str) -> tuple[date, date]:
    """First and last day a date value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``A/B``) can
    mean. Raises ``ValueError`` for a malformed value.

    Example:
        >>> date_bounds("2016/2017-03")
        (datetime.date(2016, 1, 1), datetime.date(2017, 3, 31))
    """
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"not a date value: {value!r}")
    return _point(parts[0], value)[0], _point(parts[-1], value)[1]


def bounds(value: str | None) -> tuple[date | None, date | None]:
    """:func:`date_bounds`, forgiving: ``(None, None)`` for no value or a malformed one.

    Example:
        >>> bounds("sometime")
        (None, None)
    """
    if not value:
        return None, None
    try:
        return date_bounds(value)
    except ValueError:
        return None, None


def parse_bound(value: str | date, *, upper: bool) -> date:
    """A query bound: a date, or a date value taken at its first (or, if ``upper``, last) day.

    Example:
        >>> parse_bound("2017", upper=True)
        datetime.date(2017, 12, 31)
    """
    if isinstance(value, date):
        return value
    lo, hi = bounds(value)
    found = hi if upper else lo
    if found is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return found


def date_agrees(a: str, b: str) -> bool:
    """Whether two date values can describe the same time: equal at the coarser precision of the
    two, or overlapping when either is a range. Raises ``ValueError`` for a malformed value.

    Example:
        >>> date_agrees("2017-10", "2017-10-31"), date_agrees("2017", "2018-01")
        (True, False)
    """
    a_lo, a_hi = date_bounds(a)
    b_lo, b_hi = date_bounds(b)
    return a_lo <= b_hi and b_lo <= a_hi


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two event dates agree when both are unknown, or both are known and agree within their
    precision. A known date never agrees with an unknown one (that would merge anything).

    Example:
        >>> dates_agree("2017", None)
        False
    """
    if a is None or b is None:
        return a is None and b is None
    try:
        return date_agrees(a, b)
    except ValueError:
        return a == b
