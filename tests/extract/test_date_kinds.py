"""One phrase for each way dates.py reads and evaluates a date (its `_READERS` and `_EVALUATORS`
tables), resolved against Wednesday 15 November 2017."""

from __future__ import annotations

import pytest

from actorgraph.extract.dates import find_dates, parse_anchor

ANCHOR = parse_anchor("2017-11-15")

CASES = [
    ("between", "Talks ran between March and June 2015.", "2015-03/2015-06"),
    ("from-to", "He led it from 2010 to 2014.", "2010/2014"),
    ("since", "It has ruled since July 2016.", "2016-07/2017-11-15"),
    ("duration", "Prices rose in the past three months.", "2017-08/2017-11"),
    ("edge", "Fighting flared earlier this month.", "2017-11-01/2017-11-15"),
    ("reference shift", "They met the next day.", "2017-11-16"),
    ("reference day", "They met the next morning.", "2017-11-16"),
    ("holiday", "They met on Christmas Day.", "2016-12-25"),
    ("offset", "They met two weeks ago.", "2017-11-01"),
    ("part of a year", "They met in early 2015.", "2015-01/2015-04"),
    ("part of a decade", "They met in the early 1990s.", "1990/1992"),
    ("season across the new year", "They met in winter 2016.", "2016-12/2017-02"),
    ("deictic", "They met yesterday.", "2017-11-14"),
    ("last month name", "They met last March.", "2017-03"),
    ("next month name", "They meet next March.", "2018-03"),
    ("bare weekday", "They met on Friday.", "2017-11-10"),
    ("last weekday is strictly before", "They met last Wednesday.", "2017-11-08"),
    ("next weekday", "They meet next Friday.", "2017-11-17"),
    ("calendar shift", "They met last week.", "2017-11-06/2017-11-12"),
    ("month and year", "They met in May 2015.", "2015-05"),
    ("decade", "They met in the 1980s.", "1980/1989"),
]


@pytest.mark.parametrize(("kind", "sentence", "value"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_date(kind: str, sentence: str, value: str) -> None:
    (m,) = find_dates(sentence, ANCHOR)
    assert m.value == value


def test_an_ambiguous_month_alone_needs_a_context_word() -> None:
    assert find_dates("Officials May respond.", ANCHOR) == []
    (m,) = find_dates("Officials met in May.", ANCHOR)
    assert m.value == "2017-05"
