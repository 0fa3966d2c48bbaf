"""The tokenizer splits marks the default rules leave glued to words (sentences written here)."""

from __future__ import annotations

import spacy

from actorgraph.extract import Extractor
from actorgraph.nlp.pipeline import split_glued_marks


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
