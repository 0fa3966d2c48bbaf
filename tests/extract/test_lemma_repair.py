"""Inflected verbs the model lemmatises wrongly get the lexicon's base form; other words and
verbs whose lemma the lexicon knows keep theirs (hand-built tags, so no model is involved)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from actorgraph.extract.events import repair_verb_lemmas
from actorgraph.extract.lexicon import load_lexicon


def _doc(rows: list[tuple[str, str, str]]) -> Doc:
    nlp = spacy.blank("en")
    words, tags, lemmas = zip(*rows, strict=True)
    return Doc(nlp.vocab, words=list(words), tags=list(tags), lemmas=list(lemmas))


def test_wrong_lemmas_of_inflected_verbs_are_mended() -> None:
    lex = load_lexicon()
    assert "stage" in lex.verb_lemmas and "shell" in lex.verb_lemmas
    doc = _doc([("Rebels", "NNS", "rebel"), ("staged", "VBD", "stag"), ("raids", "NNS", "raid"),
                ("and", "CC", "and"), ("shelled", "VBN", "shelle"), ("towns", "NNS", "town"),
                ("staged", "JJ", "stag")])  # fmt: skip
    repair_verb_lemmas(doc, lex)
    assert [t.lemma_ for t in doc] == ["rebel", "stage", "raid", "and", "shell", "town", "stag"]


def test_known_lemmas_and_empty_documents_are_left_alone() -> None:
    lex = load_lexicon()
    doc = _doc([("Troops", "NNS", "troop"), ("attacked", "VBD", "attack")])
    repair_verb_lemmas(doc, lex)
    assert doc[1].lemma_ == "attack"
    repair_verb_lemmas(spacy.blank("en")(""), lex)
