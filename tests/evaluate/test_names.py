"""Name normalisation: what the lenient matcher treats as the same name."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.evaluate.names import contains_words, honorifics, normalize_name


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Ana Ruiz", "ana ruiz"),
        ("ANA   RUIZ", "ana ruiz"),
        ("Minister Ana Ruiz", "ana ruiz"),
        ("Prime Minister Ana Ruiz", "ana ruiz"),
        ("Crown Prince Tomas Vell", "tomas vell"),
        ("Dr. Tomas Vell", "tomas vell"),
        ("the Ridge Front", "ridge front"),
        ("The Ridge Front's", "ridge front"),
        ("Ruiz’s", "ruiz"),
        ("Ridge Fronts'", "ridge fronts"),
        ("Ridge Fronts’", "ridge fronts"),
        ("“Ridge Front”", "ridge front"),
        ('"Ridge Front"', "ridge front"),
        ("Okafor-Brandt", "okafor brandt"),
        ("Okafor–Brandt", "okafor brandt"),
        ("Émile Okafor", "emile okafor"),
        ("N.U.P.", "nup"),
        ("N.U.P.’s", "nup"),
    ],
)
def test_normalize_name(written: str, canonical: str) -> None:
    assert normalize_name(written) == canonical


def test_titles_come_from_the_lexicon() -> None:
    titles = honorifics()
    assert ("crown", "prince") in titles
    # Longest first, so a two-word title is tried before its last word alone.
    assert titles.index(("crown", "prince")) < titles.index(("prince",))


def test_a_title_alone_is_kept() -> None:
    assert normalize_name("President") == "president"
    assert normalize_name("the Minister") == "minister"


def test_titles_can_be_kept() -> None:
    assert normalize_name("General Assembly", drop_titles=False) == "general assembly"
    assert normalize_name("General Assembly") == "assembly"


def test_different_names_stay_different() -> None:
    assert normalize_name("Ana Ruiz") != normalize_name("Ana Ruizo")
    assert normalize_name("Northland") != normalize_name("Northlands")


def test_contains_words_respects_word_boundaries() -> None:
    assert contains_words("senior border officials", "border officials")
    assert not contains_words("senior border officials", "order officials")
    assert not contains_words("anything", "")


_ascii_names = st.text(alphabet=string.ascii_letters + " .'-’\"", max_size=30)


@given(_ascii_names)
def test_normalize_is_idempotent_and_case_blind(name: str) -> None:
    once = normalize_name(name)
    assert normalize_name(once) == once
    assert normalize_name(name.upper()) == once
