"""The line marker sets sentence starts from the text's line breaks and datelines; the fast
path must agree with the rule told word by word (the oracle below) on any text."""

from __future__ import annotations

import itertools

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from actorgraph.extract.dateline import DATELINE_DASHES, dateline_before
from actorgraph.nlp.components import lines_component

_NLP = spacy.blank("en")


def _told(doc: Doc) -> list[int]:
    """The rule, word by word: after a line break a word starts a sentence, a line break
    itself starts none, and a dateline's dash makes the next word a start."""
    starts = doc.to_array([SENT_START]).astype("int64").tolist()
    for prev, t in itertools.pairwise(doc):
        if "\n" in prev.text_with_ws and not t.is_space:
            starts[t.i] = 1
        elif t.is_space and "\n" in t.text:
            starts[t.i] = -1
        elif prev.text in DATELINE_DASHES and dateline_before(doc, prev.i):
            starts[t.i] = 1
    return starts


_PIECES = ["OSLO", " — ", " - ", "--", "\n", "\n\n", " ", "Police", " said", ".", ",", " \n ",
           "PARIS, France", "-", "–", "well-armed", "The", " 2021", "A"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_line_starts_agree_with_the_rule_word_by_word(pieces: list[str]) -> None:
    text = "".join(pieces)
    want = _told(_NLP.make_doc(text))
    got = lines_component(_NLP.make_doc(text)).to_array([SENT_START]).astype("int64").tolist()
    assert got == want


def test_a_dateline_dash_and_a_paragraph_start_sentences() -> None:
    doc = lines_component(_NLP.make_doc("LISBON — Ministers met.\n\nTalks ended late."))
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"Ministers", "Talks"} <= starts
    assert not any(t.is_sent_start for t in doc if t.is_space)
    assert "ag_nonprose" in doc.user_data
