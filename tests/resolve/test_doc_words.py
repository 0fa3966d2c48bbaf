"""The per-document word arrays of resolution say what the Tokens and Spans say."""

from __future__ import annotations

import spacy

from actorgraph.resolve.lexicon import load_actor_lexicon
from actorgraph.resolve.model import DocContext, capitalised

TEXT = "The Deputy-Minister  met al-Vessa's envoy in Quarn City.\n\nThen,  he left for Orlen. "


def test_arrays_and_span_texts_match_the_tokens() -> None:
    doc = spacy.blank("en")(TEXT)
    ctx = DocContext(doc, load_actor_lexicon([]))
    assert ctx.texts == [t.text for t in doc]
    assert ctx.lowers == [t.lower_ for t in doc]
    assert ctx.spaces == [t.whitespace_ for t in doc]
    assert ctx.capitals == [capitalised(t.text) for t in doc]
    for a in range(len(doc)):
        for b in range(a + 1, len(doc) + 1):
            assert ctx.text(a, b) == doc[a:b].text
    assert ctx.text(3, 3) == doc[3:3].text == ""


def test_capitalised_words() -> None:
    assert capitalised("Orlen") and capitalised("al-Vessa")
    assert not capitalised("envoy") and not capitalised("al-") and not capitalised("2019")
    assert DocContext(spacy.blank("en")(""), load_actor_lexicon([])).texts == []
