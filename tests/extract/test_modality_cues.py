"""The modality cues of extract/modality.py: on hand-built parses, and each cue's example
sentence through the real pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from actorgraph.extract import Extractor
from actorgraph.extract.modality import (
    CUES,
    PRECEDENCE,
    Cue,
    load_modality_lexicon,
    modality_of,
)
from actorgraph.records import Document

# A blank English vocabulary computes the lexical attributes the patterns read (LOWER).
VOCAB = spacy.blank("en").vocab
LEX = load_modality_lexicon()


def parse(rows: list[tuple[str, str, int, str, str]]) -> Doc:
    """A hand-built parse: (word, lemma, head index, dependency, part of speech) per token."""
    words, lemmas, heads, deps, pos = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos)


def test_a_denial_outranks_the_report_and_names_the_denier() -> None:
    doc = parse([
        ("Officials", "official", 1, "nsubj", "NOUN"), ("denied", "deny", 1, "ROOT", "VERB"),
        ("troops", "troop", 3, "nsubj", "NOUN"), ("fired", "fire", 1, "ccomp", "VERB"),
        (".", ".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    got = modality_of(doc[3], LEX, doc[:])
    assert got.modality == "denied"
    assert got.cues == ("denial",)
    assert got.attribution_span is not None and got.attribution_span.text == "Officials"


def test_would_in_reported_speech_is_a_future() -> None:
    doc = parse([
        ("He", "he", 1, "nsubj", "PRON"), ("said", "say", 1, "ROOT", "VERB"),
        ("troops", "troop", 4, "nsubj", "NOUN"), ("would", "would", 4, "aux", "AUX"),
        ("leave", "leave", 1, "ccomp", "VERB"),
    ])  # fmt: skip
    got = modality_of(doc[4], LEX, doc[:])
    assert "reported_would" in got.cues and "modal" not in got.cues
    assert got.modality == "reported"


def test_would_with_a_condition_stays_hypothetical() -> None:
    doc = parse([
        ("He", "he", 1, "nsubj", "PRON"), ("said", "say", 1, "ROOT", "VERB"),
        ("troops", "troop", 4, "nsubj", "NOUN"), ("would", "would", 4, "aux", "AUX"),
        ("leave", "leave", 1, "ccomp", "VERB"), ("if", "if", 6, "mark", "SCONJ"),
        ("asked", "ask", 4, "advcl", "VERB"),
    ])  # fmt: skip
    got = modality_of(doc[4], LEX, doc[:])
    assert "modal" in got.cues and "reported_would" not in got.cues
    assert got.modality == "hypothetical"


def test_the_climb_stops_at_a_relative_clause() -> None:
    # The verb of saying above the relative clause reports another event.
    doc = parse([
        ("He", "he", 1, "nsubj", "PRON"), ("said", "say", 1, "ROOT", "VERB"),
        ("men", "man", 1, "dobj", "NOUN"), ("who", "who", 4, "nsubj", "PRON"),
        ("fired", "fire", 2, "relcl", "VERB"),
    ])  # fmt: skip
    assert modality_of(doc[4], LEX, doc[:]).modality == "asserted"


def test_a_future_verb_needs_a_form_of_be() -> None:
    doc = parse([
        ("They", "they", 1, "nsubj", "PRON"), ("went", "go", 1, "ROOT", "VERB"),
        ("to", "to", 3, "aux", "PART"), ("fight", "fight", 1, "xcomp", "VERB"),
    ])  # fmt: skip
    assert "future_verb" not in modality_of(doc[3], LEX, doc[:]).cues


def test_according_to_reports_and_attributes() -> None:
    doc = parse([
        ("Troops", "troop", 1, "nsubj", "NOUN"), ("fired", "fire", 1, "ROOT", "VERB"),
        (",", ",", 1, "punct", "PUNCT"), ("according", "accord", 1, "prep", "VERB"),
        ("to", "to", 3, "prep", "ADP"), ("witnesses", "witness", 4, "pobj", "NOUN"),
    ])  # fmt: skip
    got = modality_of(doc[1], LEX, doc[:])
    assert got.modality == "reported" and got.cues == ("according_to",)
    assert got.attribution_span is not None and got.attribution_span.text == "witnesses"


def test_every_cue_gives_a_known_modality_and_a_unique_id() -> None:
    assert len({c.id for c in CUES}) == len(CUES)
    assert all(c.modality in PRECEDENCE and c.where in {"trigger", "clause", "head"} for c in CUES)


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.id)
def test_each_cue_fires_on_its_example(extractor: Extractor, cue: Cue) -> None:
    doc = extractor.annotate(Document(text=cue.example, source="test", published=None))
    trigger = next(t for t in doc if t.text == cue.trigger)
    assert cue.id in modality_of(trigger, LEX, trigger.sent).cues
