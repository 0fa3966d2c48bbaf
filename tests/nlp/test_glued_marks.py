"""The tokenizer splits marks the default rules leave glued to words (sentences written here)."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.util import compile_infix_regex

from actorgraph.extract import Extractor
from actorgraph.nlp.pipeline import GLUED_MARK_INFIXES, split_glued_marks


def words(text: str) -> list[str]:
    nlp = spacy.blank("en")
    split_glued_marks(nlp)
    return [t.text for t in nlp(text)]


def test_reference_marks_come_off_the_word_and_its_full_stop() -> None:
    assert words("The Front won in Vessa.[12][13] Then") == [
        "The", "Front", "won", "in", "Vessa", ".", "[", "12", "]", "[", "13", "]", "Then",
    ]  # fmt: skip


def test_long_dashes_and_closing_quotes_come_off_words() -> None:
    assert words('called "Dawn")—also') == ["called", '"', "Dawn", '"', ")", "—", "also"]
    assert words("from 2010–2014") == ["from", "2010", "–", "2014"]


def test_the_pipeline_tokenizer_splits_them(extractor: Extractor) -> None:
    doc = extractor.nlp.make_doc("Norland,[4] Vessa")
    assert [t.text for t in doc] == ["Norland", ",", "[", "4", "]", "Vessa"]


def test_the_pipeline_tokenizer_is_the_models_with_the_marks_split(extractor: Extractor) -> None:
    # The pipeline loads the model's tokenizer itself, infixes first (see load_base_model):
    # it must end as loading the model and then splitting the marks would leave it.
    nlp = spacy.load(extractor.nlp.meta["lang"] + "_" + extractor.nlp.meta["name"])
    split_glued_marks(nlp)
    ours: Any = extractor.nlp.tokenizer
    theirs: Any = nlp.tokenizer
    # Patterns and special cases (the vocabulary grows with every text parsed).
    assert ours.to_bytes(exclude=["vocab"]) == theirs.to_bytes(exclude=["vocab"])
    text = 'Aid reached Vessa.[3] "We stayed")—said one. The U.S. team can\'t, e.g. in 2010–2014.'
    assert [t.text for t in extractor.nlp.make_doc(text)] == [t.text for t in nlp.make_doc(text)]


def test_the_infix_pattern_is_the_one_spacy_would_compile() -> None:
    # split_glued_marks builds spaCy's infix regex itself (to cache its compiled program).
    for _ in range(2):  # compiled, then read from the cache
        nlp = spacy.blank("en")
        split_glued_marks(nlp)
        infix: Any = nlp.tokenizer.infix_finditer  # type: ignore[union-attr]
        expected = compile_infix_regex([*(nlp.Defaults.infixes or ()), *GLUED_MARK_INFIXES])
        assert infix.__self__ == expected
