"""Date expressions: finding, resolving against a publication date, and comparing values."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.errors import ConfigError
from actorgraph.extract.dates import Anchor, DateMention, date_agrees, find_dates, parse_anchor

MONTHS = [calendar.month_name[i] for i in range(1, 13)]
# A Wednesday, so weekday arithmetic crosses into the previous week for Thursday-Sunday.
DAY_ANCHOR = Anchor(2017, 11, 15)
MONTH_ANCHOR = Anchor(2017, 11)
YEAR_ANCHOR = Anchor(2017)


def only(text: str, anchor: Anchor | None = DAY_ANCHOR) -> DateMention:
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, anchor: Anchor | None = DAY_ANCHOR) -> tuple[str | None, str]:
    m = only(text, anchor)
    return m.value, m.precision


# --- absolute expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "mention", "value", "precision"),
    [
        (
            "The ceasefire collapsed on October 31, 2017 near the border.",
            "October 31, 2017",
            "2017-10-31",
            "day",
        ),
        (
            "Ministers signed it on 31 October 2017 in the capital.",
            "31 October 2017",
            "2017-10-31",
            "day",
        ),
        ("Shelling resumed Oct. 31, 2017, witnesses said.", "Oct. 31, 2017", "2017-10-31", "day"),
        ("The envoy left on Sunday, 4 March 2012.", "Sunday, 4 March 2012", "2012-03-04", "day"),
        ("The vote took place on the 3rd of May 2009.", "3rd of May 2009", "2009-05-03", "day"),
        ("A convoy was hit in October 2017, officials said.", "October 2017", "2017-10", "month"),
        ("The deal lapsed in Sept. 2015 without renewal.", "Sept. 2015", "2015-09", "month"),
        ("The militia was founded in 2011 by defectors.", "2011", "2011", "year"),
        ("The file is dated 2017-10-31 on the cover.", "2017-10-31", "2017-10-31", "day"),
        ("The memo of 10/31/2017 was leaked.", "10/31/2017", "2017-10-31", "day"),
        ("The memo of 31/10/2017 was leaked.", "31/10/2017", "2017-10-31", "day"),
        ("Its power peaked in the 1990s before the split.", "1990s", "1990/1999", "range"),
        (
            "Fighting intensified in summer 2015 along the coast.",
            "summer 2015",
            "2015-06/2015-08",
            "range",
        ),
    ],
)
def test_absolute_dates(sentence: str, mention: str, value: str, precision: str) -> None:
    m = only(sentence)
    assert (m.text, m.value, m.precision, m.relative) == (mention, value, precision, False)


def test_absolute_dates_need_no_anchor() -> None:
    assert resolved("It ended on 2 June 2014.", None) == ("2014-06-02", "day")


@pytest.mark.parametrize("sentence", ["The memo of 10/11/2017 was leaked.", "Filed 3/4/2016."])
def test_numeric_dates_with_ambiguous_order_are_skipped(sentence: str) -> None:
    assert find_dates(sentence, DAY_ANCHOR) == []


@pytest.mark.parametrize("sentence", ["It happened on February 30, 2015.", "Dated 2015-02-30."])
def test_impossible_calendar_dates_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, DAY_ANCHOR) == []


# --- month and day without a year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        ("Troops withdrew on October 31.", "2017-11-15", "2017-10-31"),
        ("Troops withdrew Oct 31.", "2017-11-15", "2017-10-31"),
        # Within two weeks ahead of the anchor the date is taken as upcoming...
        ("Talks are due on November 25.", "2017-11-15", "2017-11-25"),
        # ...but further ahead it must be last year's.
        ("Talks were held on December 20.", "2017-11-15", "2016-12-20"),
        ("Talks were held on 20 December.", "2018-01-03", "2017-12-20"),
    ],
)
def test_day_without_year_takes_latest_plausible_year(
    sentence: str, anchor: str, value: str
) -> None:
    m = only(sentence, parse_anchor(anchor))
    assert (m.value, m.precision, m.relative) == (value, "day", True)


def test_month_without_year() -> None:
    assert resolved("Clashes began in July.") == ("2017-07", "month")
    assert resolved("Clashes began in December.") == ("2016-12", "month")
    assert resolved("Clashes began last May.") == ("2017-05", "month")
    assert resolved("Elections come next March.") == ("2018-03", "month")


def test_day_without_year_and_no_anchor_is_unresolved() -> None:
    m = only("Troops withdrew on October 31.", None)
    assert (m.text, m.value, m.precision) == ("October 31", None, "unknown")


# --- relative to the anchor ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Gunmen struck a checkpoint yesterday.", "2017-11-14", "day"),
        ("The court rules today.", "2017-11-15", "day"),
        ("Leaders meet tonight.", "2017-11-15", "day"),
        ("The minister spoke on Friday.", "2017-11-10", "day"),
        ("The minister spoke Wednesday.", "2017-11-15", "day"),
        ("The minister spoke last Wednesday.", "2017-11-08", "day"),
        ("Aid arrives next Monday.", "2017-11-20", "day"),
        ("Raids increased last week.", "2017-11-06/2017-11-12", "range"),
        ("Raids increased this week.", "2017-11-13/2017-11-19", "range"),
        ("Prices rose last month.", "2017-10", "month"),
        ("Prices rose this month.", "2017-11", "month"),
        ("Prices will rise next month.", "2017-12", "month"),
        ("Elections were held last year.", "2016", "year"),
        ("Elections are held this year.", "2017", "year"),
        ("Elections are due next year.", "2018", "year"),
        ("A truce was agreed earlier this month.", "2017-11-01/2017-11-15", "range"),
        ("A truce was agreed earlier this year.", "2017-01/2017-11", "range"),
        ("The plant opened three days ago.", "2017-11-12", "day"),
        ("The plant opened 10 days ago.", "2017-11-05", "day"),
        ("The plant opened two weeks ago.", "2017-11-01", "day"),
        ("The plant opened about four months ago.", "2017-07", "month"),
        ("The plant opened some twenty-five years ago.", "1992", "year"),
        ("The plant opened nearly a year ago.", "2016", "year"),
        ("The plant opened more than two decades ago.", "1997", "year"),
        ("Attacks rose in the last three months.", "2017-08/2017-11", "range"),
        ("Attacks rose in the past 10 days.", "2017-11-05/2017-11-15", "range"),
        ("Attacks rose over the past two years.", "2015/2017", "range"),
        ("Attacks may rise in the next two weeks.", "2017-11-15/2017-11-29", "range"),
        ("The siege has lasted since July.", "2017-07/2017-11-15", "range"),
        ("The siege has lasted since 2014.", "2014/2017-11-15", "range"),
        ("Reforms stalled in early October.", "2017-10-01/2017-10-10", "range"),
        ("The second clash came two days later.", "2017-11-17", "day"),
        ("Rebels regrouped the next day.", "2017-11-16", "day"),
    ],
)
def test_relative_to_day_anchor(sentence: str, value: str, precision: str) -> None:
    m = only(sentence)
    assert (m.value, m.precision, m.relative) == (value, precision, True)


def test_offsets_after_a_written_date_count_from_it() -> None:
    text = (
        "Rebels seized the town on 3 March 2015. Two days later the army returned; "
        "the next day it left."
    )
    values = [m.value for m in find_dates(text, DAY_ANCHOR)]
    assert values == ["2015-03-03", "2015-03-05", "2015-03-06"]


def test_ago_always_counts_from_the_anchor() -> None:
    text = "Rebels seized the town on 3 March 2015, three days ago by one account."
    assert [m.value for m in find_dates(text, DAY_ANCHOR)] == ["2015-03-03", "2017-11-12"]


def test_relative_without_anchor_is_unresolved() -> None:
    m = only("The convoy left yesterday.", None)
    assert (m.text, m.value, m.precision, m.relative) == ("yesterday", None, "unknown", True)


# --- anchors of month and year precision -----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("The plant opened about four months ago.", "2017-07", "month"),
        ("Prices rose last month.", "2017-10", "month"),
        ("The court ruled today.", "2017-11", "month"),
        # The day before some day in November may be 31 October.
        ("Gunmen struck yesterday.", "2017-10/2017-11", "range"),
        ("The minister spoke on Friday.", "2017-10/2017-11", "range"),
        ("A truce was agreed earlier this month.", "2017-11", "month"),
        ("The siege has lasted since July.", "2017-07/2017-11", "range"),
        # The day is in the text, and every day of the anchor month gives the same year.
        ("Troops withdrew on October 31.", "2017-10-31", "day"),
    ],
)
def test_relative_to_month_anchor(sentence: str, value: str, precision: str) -> None:
    assert resolved(sentence, MONTH_ANCHOR) == (value, precision)


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Elections were held last year.", "2016", "year"),
        ("The court ruled today.", "2017", "year"),
        ("Prices rose last month.", "2016/2017", "range"),
        ("Gunmen struck yesterday.", "2016/2017", "range"),
    ],
)
def test_relative_to_year_anchor(sentence: str, value: str, precision: str) -> None:
    assert resolved(sentence, YEAR_ANCHOR) == (value, precision)


_LEVEL = {"day": 3, "month": 2, "year": 1}


@pytest.mark.parametrize("anchor", [MONTH_ANCHOR, YEAR_ANCHOR])
def test_relative_values_never_finer_than_anchor(anchor: Anchor) -> None:
    text = (
        "Gunmen struck yesterday and today, three days ago, on Friday, last week and "
        "the next day, ten days ago and two weeks ago."
    )
    found = find_dates(text, anchor)
    assert len(found) == 8
    for m in found:
        assert m.value is not None
        for end in m.value.split("/"):
            assert end.count("-") + 1 <= _LEVEL[anchor.precision], m


def test_parse_anchor() -> None:
    assert parse_anchor(None) is None
    assert parse_anchor("2017-11-15") == DAY_ANCHOR
    assert parse_anchor("2017-11") == MONTH_ANCHOR
    assert parse_anchor("2017") == YEAR_ANCHOR
    assert (DAY_ANCHOR.precision, MONTH_ANCHOR.precision, YEAR_ANCHOR.precision) == (
        "day",
        "month",
        "year",
    )
    assert MONTH_ANCHOR.value == "2017-11"
    with pytest.raises(ConfigError):
        parse_anchor("2017-13-01")


# --- ranges and parts of periods -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "mention", "value"),
    [
        ("The blockade lasted between 2011 and 2013.", "between 2011 and 2013", "2011/2013"),
        ("The blockade lasted from 2011 to 2013.", "from 2011 to 2013", "2011/2013"),
        (
            "Sanctions applied from March to June 2015.",
            "from March to June 2015",
            "2015-03/2015-06",
        ),
        (
            "Curfews ran from 20 December to 2 January 2016.",
            "from 20 December to 2 January 2016",
            "2015-12-20/2016-01-02",
        ),
        (
            "Output fell between early 2011 and mid-2012.",
            "between early 2011 and mid-2012",
            "2011-01/2012-08",
        ),
        ("Recruitment grew in early 2015.", "early 2015", "2015-01/2015-04"),
        ("Recruitment grew in mid-2015.", "mid-2015", "2015-05/2015-08"),
        ("Recruitment grew in late 2015.", "late 2015", "2015-09/2015-12"),
        ("Recruitment grew by the end of 2015.", "the end of 2015", "2015-09/2015-12"),
        (
            "Recruitment grew in the first half of 2016.",
            "the first half of 2016",
            "2016-01/2016-06",
        ),
        ("Recruitment grew in the late 1990s.", "late 1990s", "1996/1999"),
    ],
)
def test_ranges(sentence: str, mention: str, value: str) -> None:
    m = only(sentence)
    assert (m.text, m.value, m.precision) == (mention, value, "range")


# --- false positives -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran may respond within hours.",
        "Iran May Respond, the headline read.",
        "Protesters march through the square.",
        "About 2,000 fighters crossed the river.",
        "Resolution 1701 ended the war.",
        "Resolution 2231 remains in force.",
        "The meeting starts at 10:30 sharp.",
        "The budget is $2015 million.",
        "He scored 2011 points in his career.",
        "they will march in protest and may stay.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, DAY_ANCHOR) == []


def test_march_as_noun_keeps_the_weekday() -> None:
    m = only("Organisers planned a march on Friday.")
    assert (m.text, m.value) == ("Friday", "2017-11-10")


def test_ambiguous_month_after_context_word() -> None:
    assert only("The strike began in May.").value == "2017-05"
    assert only("The strike began on May 2.").value == "2017-05-02"
    assert only("Talks stalled until March.").value == "2017-03"


# --- spans -----------------------------------------------------------------------------------


def test_spans_match_text_and_offset_is_added() -> None:
    text = "On Friday the army said that since July, and in 2011, about three weeks ago, it acted."
    plain = find_dates(text, DAY_ANCHOR)
    assert [m.text for m in plain] == ["Friday", "since July", "2011", "about three weeks ago"]
    for m in plain:
        assert text[m.start : m.end] == m.text
    shifted = find_dates(text, DAY_ANCHOR, offset=1000)
    assert [(m.start - 1000, m.end - 1000) for m in shifted] == [(m.start, m.end) for m in plain]


def test_longest_match_wins() -> None:
    m = only("It was signed on Friday, October 27, 2017 in Doha.")
    assert m.text == "Friday, October 27, 2017"


def test_to_value() -> None:
    m = only("The plant opened three days ago.")
    dv = m.to_value("context")
    assert (dv.value, dv.precision, dv.text, dv.basis) == (
        "2017-11-12",
        "day",
        "three days ago",
        "context",
    )
    assert only("It left yesterday.", None).to_value().basis == "none"


# --- date_agrees -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2017-10-31", "2017-10-31", True),
        ("2017-10-31", "2017-10", True),
        ("2017-10-31", "2017", True),
        ("2017-10", "2017-10-31", True),
        ("2017-10-31", "2017-11", False),
        ("2017-10-31", "2017-10-30", False),
        ("2016", "2017-01-01", False),
        ("2017-08/2017-10", "2017-09-15", True),
        ("2017-08/2017-10", "2017-11", False),
        ("2011/2013", "2013/2015", True),
        ("2011/2012", "2013/2015", False),
    ],
)
def test_date_agrees(a: str, b: str, agree: bool) -> None:
    assert date_agrees(a, b) is agree
    assert date_agrees(b, a) is agree


def test_date_agrees_rejects_malformed_values() -> None:
    with pytest.raises(ValueError):
        date_agrees("last year", "2017")


# --- properties ------------------------------------------------------------------------------

_dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))
_anchors = st.one_of(
    st.none(),
    _dates.map(lambda d: Anchor(d.year, d.month, d.day)),
    _dates.map(lambda d: Anchor(d.year, d.month)),
    _dates.map(lambda d: Anchor(d.year)),
)


@given(day=_dates, anchor=_anchors, style=st.sampled_from(["mdy", "dmy"]))
def test_written_dates_round_trip(day: dt.date, anchor: Anchor | None, style: str) -> None:
    month = MONTHS[day.month - 1]
    written = (
        f"{month} {day.day}, {day.year}" if style == "mdy" else f"{day.day} {month} {day.year}"
    )
    text = f"Officials confirmed that on {written} the border crossing closed."
    m = only(text, anchor)
    assert (m.text, m.value, m.precision, m.relative) == (written, day.isoformat(), "day", False)


@settings(max_examples=300)
@given(
    text=st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    *MONTHS,
                    "Friday",
                    "last",
                    "since",
                    "in",
                    "the",
                    "2011",
                    "31",
                    "ago",
                    "two",
                    "days",
                    "between",
                    "and",
                    "early",
                    "mid-",
                    "of",
                    "1990s",
                    ",",
                    "next",
                    "week",
                    "2017-10-31",
                    "10/31/2017",
                    "yesterday",
                    "later",
                    "from",
                    "to",
                    "é",
                    "İ",
                ]
            )
        ).map(" ".join),
    ),
    anchor=_anchors,
    offset=st.integers(min_value=0, max_value=10_000),
)
def test_never_raises_and_spans_are_sane(text: str, anchor: Anchor | None, offset: int) -> None:
    found = find_dates(text, anchor, offset=offset)
    previous_end = offset
    for m in found:
        assert offset <= m.start < m.end <= offset + len(text)
        assert m.start >= previous_end
        assert text[m.start - offset : m.end - offset] == m.text
        assert m.precision in ("day", "month", "year", "range", "unknown")
        assert (m.value is None) == (m.precision == "unknown")
        previous_end = m.end


# --- dates that count from the date mentioned before ----------------------------------------


@pytest.mark.parametrize(
    "later",
    ["Hours later", "The same day", "That evening", "Later that day", "Shortly afterwards"],
)
def test_same_day_expressions_count_from_the_date_before(later: str) -> None:
    found = find_dates(f"Talks opened on November 2. {later}, the envoys left.", DAY_ANCHOR)
    assert [m.value for m in found] == ["2017-11-02", "2017-11-02"]


def test_that_month_is_the_month_of_the_date_before() -> None:
    found = find_dates("The truce began in March 2016. Later that month it broke.", DAY_ANCHOR)
    assert [(m.value, m.precision) for m in found] == [("2016-03", "month"), ("2016-03", "month")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("on New Year's Eve", "2016-12-31"), ("on Christmas Day", "2016-12-25")],
)
def test_fixed_holidays_take_the_latest_year(text: str, value: str) -> None:
    assert resolved(f"The ceasefire began {text}.") == (value, "day")


def test_a_weekday_still_to_come_is_the_next_one() -> None:
    from actorgraph.extract.dates import weekday_ahead

    friday = only("He will be freed on Friday.")
    assert friday.value == "2017-11-10"  # the latest Friday on or before Wednesday 15th
    assert weekday_ahead(friday, DAY_ANCHOR).value == "2017-11-17"
    dated = only("He will be freed on November 10.")
    assert weekday_ahead(dated, DAY_ANCHOR).value == "2017-11-10"  # a written day stays
