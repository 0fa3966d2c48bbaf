"""token_indices finds words by lowercase form, as a pass over the tokens would."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.nlp.scan import token_indices

NLP = spacy.blank("en")
WORDS = ["of", "Of", "OF", "men", "his", "He", "the", "-", "based"]


def test_finds_every_case_and_keeps_order() -> None:
    doc = NLP("Of men and OF mice, of course.")
    assert token_indices(doc, {"of"}) == [0, 3, 6]
    assert token_indices(doc, set()) == []
    assert token_indices(NLP(""), {"of"}) == []


@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sets(st.sampled_from(WORDS), max_size=4))
def test_same_answer_as_a_token_pass(words: list[str], wanted: set[str]) -> None:
    doc = NLP(" ".join(words))
    lower = {w.lower() for w in wanted}
    assert token_indices(doc, lower) == [t.i for t in doc if t.lower_ in lower]
