"""normalize_name: the documented rules, and properties checked with hypothesis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from actorgraph.kb import normalize_name


def test_documented_rules() -> None:
    assert normalize_name("al-Aruri") == normalize_name("Al Aruri") == "al aruri"
    assert normalize_name("U.S.") == normalize_name("US") == "us"
    assert normalize_name("The Hague") == "hague"
    assert normalize_name("Hizbullah’s") == "hizbullah"
    assert normalize_name("Hamas'") == "hamas"
    assert normalize_name("Félix  Tshisekedi") == "felix tshisekedi"
    assert normalize_name("Côte d’Ivoire") == normalize_name("Cote d'Ivoire")
    assert normalize_name("  Kim\tJong-un ") == "kim jong un"


def test_distinct_names_stay_distinct() -> None:
    assert normalize_name("Hamas") != normalize_name("Hama")
    assert normalize_name("Theodore") == "theodore"  # "the" only as a separate word


names = st.text(alphabet=st.sampled_from(list("abcdeéüÅZ- .'’_`tThHsS")), min_size=0, max_size=30)


@given(names)
def test_idempotent(s: str) -> None:
    once = normalize_name(s)
    assert normalize_name(once) == once


@given(names)
def test_case_insensitive(s: str) -> None:
    assert normalize_name(s.upper()) == normalize_name(s.lower()) == normalize_name(s)


@given(names)
def test_hyphen_equals_space(s: str) -> None:
    assert normalize_name(s.replace("-", " ")) == normalize_name(s)


@given(names)
def test_no_outer_or_double_spaces(s: str) -> None:
    out = normalize_name(s)
    assert out == out.strip() and "  " not in out and not out.startswith("the ")


@given(st.text(min_size=0, max_size=40))
def test_any_text_is_accepted_and_stable(s: str) -> None:
    once = normalize_name(s)
    assert normalize_name(once) == once
