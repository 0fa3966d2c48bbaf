"""The relation rules and their tree shapes (data/patterns/relations.yaml).

Each shape is tested on a hand-built parse, so a model upgrade that changes the parses shows up
as a failing example test while these keep passing; each rule's and shape's example sentence is
run through the real pipeline and must fire.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import spacy
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from actorgraph.extract import Extractor
from actorgraph.extract.relations import (
    RULES,
    RelationExtractor,
    RelationRule,
    agent_objects,
    named_by,
    place_links,
    shape_patterns,
    title_shape,
)
from actorgraph.extract.shapes import ShapePattern, first_pos, first_values
from actorgraph.records import Document

# A blank English vocabulary computes the lexical attributes the patterns read (LOWER).
VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, int, str, str]]) -> Doc:
    """A hand-built parse: (word, head index, dependency, part of speech) per token."""
    words, heads, deps, pos = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


def annotate(extractor: Extractor, text: str) -> Doc:
    return extractor.annotate(
        Document(text=text, source="test", published="2021-06-15", published_source="option")
    )


# --- shapes on hand-built parses -------------------------------------------------------------


def test_title_after_as() -> None:
    doc = parse([
        ("Osei", 1, "nsubj", "PROPN"), ("served", 1, "ROOT", "VERB"), ("as", 1, "prep", "ADP"),
        ("commander", 2, "pobj", "NOUN"), ("of", 3, "prep", "ADP"), ("the", 6, "det", "DET"),
        ("Front", 4, "pobj", "PROPN"), (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert title_shape(doc[3]) == ("title_after_as", doc[1], None)


def test_a_noun_after_another_preposition_is_no_title() -> None:
    doc = parse([
        ("Osei", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB"), ("like", 1, "prep", "ADP"),
        ("commander", 2, "pobj", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert title_shape(doc[3]) is None


def test_title_beside_the_object_names_its_holder() -> None:
    doc = parse([
        ("The", 1, "det", "DET"), ("congress", 2, "nsubj", "NOUN"), ("named", 2, "ROOT", "VERB"),
        ("Osei", 2, "dobj", "PROPN"), ("its", 5, "poss", "PRON"), ("leader", 3, "appos", "NOUN"),
        (".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert title_shape(doc[5]) == ("title_beside_object", doc[2], doc[3])


def test_title_as_predicate_of_a_verb() -> None:
    doc = parse([
        ("Osei", 1, "nsubj", "PROPN"), ("became", 1, "ROOT", "VERB"),
        ("leader", 1, "attr", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert title_shape(doc[2]) == ("title_as_predicate", doc[1], None)
    assert title_shape(doc[0]) is None  # a proper noun holds no title


def test_title_under_an_adjective_is_no_predicate() -> None:
    doc = parse([
        ("Osei", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX"), ("proud", 1, "acomp", "ADJ"),
        ("leader", 2, "attr", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert title_shape(doc[3]) is None


def test_place_possessor_and_in_object_in_token_order() -> None:
    doc = parse([
        ("Troops", 1, "nsubj", "NOUN"), ("held", 1, "ROOT", "VERB"),
        ("Norland", 5, "poss", "PROPN"), ("'s", 2, "case", "PART"),
        ("Vessa", 5, "compound", "PROPN"),
        ("valley", 1, "dobj", "NOUN"), ("in", 5, "prep", "ADP"), ("Brenna", 6, "pobj", "PROPN"),
        (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert place_links(doc[5]) == [(2, "place_possessor", 2), (6, "place_in_object", 7)]


def test_place_in_takes_the_first_object_of_its_preposition() -> None:
    doc = parse([
        ("Vessa", 0, "ROOT", "PROPN"), ("in", 0, "prep", "ADP"), ("Norland", 1, "pobj", "PROPN"),
        ("Brenna", 1, "pobj", "PROPN"),
    ])  # fmt: skip
    assert place_links(doc[0]) == [(1, "place_in_object", 2)]


def test_another_preposition_is_no_place_link() -> None:
    doc = parse([
        ("Vessa", 0, "ROOT", "PROPN"), ("near", 0, "prep", "ADP"), ("Norland", 1, "pobj", "PROPN"),
    ])  # fmt: skip
    assert place_links(doc[0]) == []


def test_passive_agent_objects() -> None:
    doc = parse([
        ("Kessaris", 2, "nsubjpass", "PROPN"), ("are", 2, "auxpass", "AUX"),
        ("backed", 2, "ROOT", "VERB"), ("by", 2, "agent", "ADP"), ("the", 5, "det", "DET"),
        ("Front", 3, "pobj", "PROPN"), (".", 2, "punct", "PUNCT"),
    ])  # fmt: skip
    assert agent_objects(doc[2]) == [doc[5]]


def test_a_plain_by_is_no_agent() -> None:
    doc = parse([
        ("Kessaris", 1, "nsubj", "PROPN"), ("waited", 1, "ROOT", "VERB"),
        ("by", 1, "prep", "ADP"), ("Front", 2, "pobj", "PROPN"),
    ])  # fmt: skip
    assert agent_objects(doc[1]) == []


def test_relation_noun_with_an_apposition() -> None:
    doc = parse([
        ("Front", 1, "nsubj", "PROPN"), ("has", 1, "ROOT", "VERB"), ("an", 3, "det", "DET"),
        ("ally", 1, "dobj", "NOUN"), (",", 3, "punct", "PUNCT"), ("the", 6, "det", "DET"),
        ("Kessaris", 3, "appos", "PROPN"), (".", 1, "punct", "PUNCT"),
    ])  # fmt: skip
    assert named_by(doc[3]) == [("noun_with_apposition", doc[6])]


def test_relation_noun_before_the_name_it_modifies() -> None:
    doc = parse([
        ("Norlandic", 1, "amod", "ADJ"), ("ally", 3, "compound", "NOUN"),
        ("Dawn", 3, "compound", "PROPN"), ("Front", 4, "nsubj", "PROPN"),
        ("fired", 4, "ROOT", "VERB"), (".", 4, "punct", "PUNCT"),
    ])  # fmt: skip
    assert named_by(doc[1]) == [("noun_before_its_name", doc[3])]


def test_a_compound_after_its_head_modifies_no_later_name() -> None:
    doc = parse([
        ("Front", 2, "nsubj", "PROPN"), ("ally", 0, "compound", "NOUN"),
        ("fired", 2, "ROOT", "VERB"),
    ])  # fmt: skip
    assert named_by(doc[1]) == []


# --- examples through the real pipeline -------------------------------------------------------


def _ours(p: ShapePattern, doc: Doc) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((k, t.i) for k, t in m.items()) for t in doc for m in p.at(t)}


def _spacys(p: ShapePattern, doc: Doc) -> set[frozenset[tuple[str, int]]]:
    matcher = DependencyMatcher(doc.vocab)
    matcher.add(p.id, [list(p.pattern)])
    return {frozenset(zip(p.nodes, ids, strict=True)) for _, ids in matcher(doc)}


@pytest.mark.parametrize("shape", shape_patterns(), ids=lambda s: s.id)
def test_each_shape_matches_its_example_as_spacy_would(
    extractor: Extractor, shape: ShapePattern
) -> None:
    doc = annotate(extractor, shape.example)
    ours = _ours(shape, doc)
    assert ours, f"{shape.id} does not match its example"
    assert ours == _spacys(shape, doc)


def test_the_shapes_match_what_spacy_matches_on_every_example(extractor: Extractor) -> None:
    docs = [annotate(extractor, r.example) for r in RULES]
    for p in shape_patterns():
        for doc in docs:
            assert _ours(p, doc) == _spacys(p, doc), (p.id, doc.text)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_fires_on_its_example(extractor: Extractor, rule: RelationRule) -> None:
    doc = annotate(extractor, rule.example)
    assert rule.id in {f.rule for f in doc._.ag_relations}


def test_rule_ids_are_unique_and_every_document_rule_has_a_step() -> None:
    from actorgraph.extract.relations import _DOCUMENT_STEPS

    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.id for r in RULES if r.kind == "document"} == set(_DOCUMENT_STEPS)


def test_the_extractor_keeps_nothing_of_a_document(extractor: Extractor) -> None:
    component = extractor.nlp.get_pipe("actorgraph_events")
    rel: RelationExtractor = component.relations  # type: ignore[attr-defined]
    before = {k: (id(v), type(v)) for k, v in vars(rel).items()}
    first = annotate(extractor, RULES[0].example)._.ag_relations
    annotate(extractor, RULES[-1].example)
    again = annotate(extractor, RULES[0].example)._.ag_relations
    assert {k: (id(v), type(v)) for k, v in vars(rel).items()} == before
    assert not any(isinstance(v, threading.local) for v in vars(rel).values())
    assert [(f.type, f.head, f.tail, f.rule) for f in again] == [
        (f.type, f.head, f.tail, f.rule) for f in first
    ]


def test_relations_from_eight_threads_are_the_sequential_ones(extractor: Extractor) -> None:
    docs = [
        Document(text=r.example, source=r.id, published="2021-06-15", published_source="option")
        for r in RULES
    ]
    serial = [extractor.extract(d).model_dump_json() for d in docs]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda d: extractor.extract(d).model_dump_json(), docs * 3))
    assert parallel == serial * 3


def test_a_shape_with_what_the_matcher_cannot_read_is_refused() -> None:
    from actorgraph.errors import ConfigError
    from actorgraph.extract.shapes import _check

    node = {"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": "NOUN"}}
    _check(ShapePattern("fine", "g", "", (node,)))
    for bad in (
        ({"RIGHT_ID": "a", "RIGHT_ATTRS": {"SHAPE": "Xx"}},),
        ({"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": {"REGEX": "N"}}},),
        (node, {"LEFT_ID": "a", "REL_OP": ";", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}),
        (node, {"LEFT_ID": "z", "REL_OP": ">", "RIGHT_ID": "b", "RIGHT_ATTRS": {}}),
    ):
        with pytest.raises(ConfigError):
            _check(ShapePattern("bad", "g", "", bad))


def test_first_values_say_which_words_a_pattern_can_start_at() -> None:
    a = ShapePattern(
        "a", "g", "", ({"RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": "pobj", "POS": "NOUN"}},)
    )
    b = ShapePattern(
        "b", "g", "", ({"RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": {"IN": ["attr", "oprd"]}}},)
    )
    c = ShapePattern(
        "c", "g", "", ({"RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": {"NOT_IN": ["det"]}}},)
    )
    assert first_values((a, b), "DEP") == {"pobj", "attr", "oprd"}
    assert first_pos((a,)) == {"NOUN"}
    assert first_pos((a, b)) is None  # b starts at a word of any part of speech
    assert first_values((a, c), "DEP") is None  # c restricts by exclusion only
