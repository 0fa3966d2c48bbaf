"""The clause of a word in a sentence without a verb (a heading) is the sentence root (the
climb compared Tokens by identity and never stopped there)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from actorgraph.resolve.model import _clause_of


def test_a_verbless_sentence_ends_the_climb_at_its_root() -> None:
    words = ["Talks", "in", "Vessa", "and", "Dorvik"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["NOUN", "ADP", "PROPN", "CCONJ", "PROPN"],
        heads=[0, 0, 1, 2, 2],
        deps=["ROOT", "prep", "pobj", "cc", "conj"],
    )
    assert _clause_of(doc[4]).i == 0
    assert _clause_of(doc[0]).i == 0


def test_a_word_climbs_to_the_verb_of_its_clause() -> None:
    words = ["Envoys", "met", "in", "Vessa"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["NOUN", "VERB", "ADP", "PROPN"],
        heads=[1, 1, 1, 2],
        deps=["nsubj", "ROOT", "prep", "pobj"],
    )
    assert _clause_of(doc[3]).i == 1
    assert _clause_of(doc[0]).i == 1
