"""Publication dates given by the user or found in metadata."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.errors import ConfigError
from actorgraph.ingest import parse_published
from actorgraph.ingest.dates import normalise_metadata_date


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_full_dates_round_trip(value: date) -> None:
    text = value.isoformat()
    assert parse_published(text) == text
    assert parse_published(text[:7]) == text[:7]
    assert parse_published(text[:4]) == text[:4]


@given(st.dates(), st.times())
def test_timestamps_keep_only_the_date(day: date, moment: time) -> None:
    assert parse_published(f"{day.isoformat()}T{moment}") == day.isoformat()


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2024-1-5",
        "2024-00",
        "2024-13-01",
        "2023-02-29",
        "0000",
        "12",
        "June 2024",
        "2024/05/06",
    ],
)
def test_invalid_values_are_rejected(value: str) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_published(value)


@given(st.text(alphabet=st.characters(blacklist_characters="0123456789")))
def test_text_without_digits_is_rejected(value: str) -> None:
    with pytest.raises(ConfigError):
        parse_published(value)


@given(st.text(max_size=30))
def test_result_is_always_well_formed(value: str) -> None:
    try:
        result = parse_published(value)
    except ConfigError:
        return
    parts = result.split("-")
    assert [len(part) for part in parts] == [4, 2, 2][: len(parts)]
    if len(parts) == 3:
        date.fromisoformat(result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20190304103000+01'00'", "2019-03-04"),
        ("D:201903", "2019-03"),
        ("2021-06-14T09:30:00+02:00", "2021-06-14"),
        ("2021-06-14 09:30 CEST", "2021-06-14"),
        ("D:20191304", None),
        ("sometime", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_dates_are_normalised(raw: object, expected: str | None) -> None:
    assert normalise_metadata_date(raw) == expected
