"""The per-document word arrays of resolution say what the Tokens and Spans say."""

from __future__ import annotations

import spacy
from spacy.attrs import IS_DIGIT, IS_LOWER, IS_PUNCT, IS_TITLE, IS_UPPER
from spacy.tokens import Doc

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


def test_parse_arrays_match_the_tokens() -> None:
    nlp = spacy.blank("en")
    words = ["Unit", "12", "left", "Orlen", ".", "THEN", "it", "rained", "!"]
    tags = ["PROPN", "NUM", "VERB", "PROPN", "PUNCT", "ADV", "PRON", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, pos=tags)
    doc[5].is_sent_start = True
    doc[6].is_sent_start = False
    ctx = DocContext(doc, load_actor_lexicon([]))
    assert ctx.pos == [t.pos_ for t in doc]
    assert ctx.sent_starts == [bool(t.is_sent_start) for t in doc]
    assert ctx.sent_starts[5] and not ctx.sent_starts[6] and not ctx.sent_starts[7]
    for attr, name in (
        (IS_DIGIT, "is_digit"),
        (IS_LOWER, "is_lower"),
        (IS_PUNCT, "is_punct"),
        (IS_TITLE, "is_title"),
        (IS_UPPER, "is_upper"),
    ):
        assert ctx.flags(attr) == [getattr(t, name) for t in doc], name


def test_capitalised_words() -> None:
    assert capitalised("Orlen") and capitalised("al-Vessa")
    assert not capitalised("envoy") and not capitalised("al-") and not capitalised("2019")
    assert DocContext(spacy.blank("en")(""), load_actor_lexicon([])).texts == []
