"""Publication dates: validate the user's ``--published`` value and tidy metadata dates."""

from __future__ import annotations

import re
from datetime import date

from actorgraph.errors import ConfigError

# A time part is tolerated (JSONL exports often carry full timestamps) but only the date is kept.
_PUBLISHED_RE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
# PDF dates look like D:20210614093000+02'00'; any prefix of the digits is allowed by the spec.
_PDF_DATE_RE = re.compile(r"(?:D:)?(?P<year>\d{4})(?:(?P<month>\d{2})(?P<day>\d{2})?)?")

FORMAT_HINT = "use YYYY-MM-DD, YYYY-MM or YYYY"


def _build(year: str, month: str | None, day: str | None) -> str | None:
    """Return the normalised date if the parts name a real calendar date, else None."""
    y = int(year)
    if y < 1:
        return None
    if month is None:
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, int(day)).isoformat()
    except ValueError:
        return None


def parse_published(value: str) -> str:
    """Validate a publication date and return it as YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _PUBLISHED_RE.fullmatch(value.strip())
    result = _build(match["year"], match["month"], match["day"]) if match else None
    if result is None:
        raise ConfigError(f"published date {value!r} is not a valid date; {FORMAT_HINT}")
    return result


def normalise_metadata_date(value: object) -> str | None:
    """Best-effort tidy of a date found in file metadata; unusable values become None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _PUBLISHED_RE.fullmatch(text)
    if match is None:
        pdf = _PDF_DATE_RE.match(text)
        if pdf and (text.startswith("D:") or text[:5].isdigit()):
            return _build(pdf["year"], pdf["month"], pdf["day"])
        # Trailing zone names or words after an ISO prefix are common; the prefix is enough.
        match = _PUBLISHED_RE.match(text)
    if match is None:
        return None
    return _build(match["year"], match["month"], match["day"])
