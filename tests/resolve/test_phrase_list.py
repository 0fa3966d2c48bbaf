"""The lexicon's phrase lists, found by spaCy's PhraseMatcher (sentences invented here)."""

from __future__ import annotations

import spacy

from actorgraph.resolve.lexicon import PhraseList

NLP = spacy.blank("en")


def test_hyphens_and_spaces_are_one_for_matching() -> None:
    roles = PhraseList(["deputy secretary-general"], ["deputy_leader_of"])
    for text in ("The deputy secretary-general left", "The Deputy Secretary General left"):
        doc = NLP(text)
        assert roles.match(doc, 1) == (len(doc) - 1, "deputy_leader_of")


def test_the_longest_phrase_wins_and_a_limit_cuts_it() -> None:
    roles = PhraseList(["chief", "chief of staff"])
    doc = NLP("The chief of staff resigned")
    assert roles.match(doc, 1) == (4, "chief of staff")
    assert roles.match(doc, 1, limit=3) == (2, "chief")
    assert roles.match(doc, 2) is None


def test_a_phrase_listed_twice_keeps_its_first_value() -> None:
    roles = PhraseList(["envoy", "envoy"], ["member_of", "leader_of"])
    assert roles.match(NLP("an envoy"), 1) == (2, "member_of")


def test_hits_of_a_whole_document_answer_like_single_lookups() -> None:
    places = PhraseList(["refugee camp", "camp", "village"])
    doc = NLP("From the village to the refugee camp and back to the camp")
    hits = places.find(doc)
    for i in range(len(doc)):
        assert hits.match(i) == places.match(doc, i)
    assert hits.covered() == {2, 5, 6, 11}
    assert (
        hits.starts() == [i for i in range(len(doc)) if hits.match(i) is not None] == [2, 5, 6, 11]
    )
    assert "Refugee-Camp" in places and "tent" not in places
