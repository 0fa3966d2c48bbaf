"""The title patterns of data/patterns/roles.yaml, each on a parse built by hand (so that a new
statistical model names the rule it broke) and each on its own example through the real
pipeline. All sentences and names are invented for these tests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from spacy.tokens import Doc

from actorgraph.errors import ConfigError
from actorgraph.extract import Extractor
from actorgraph.resolve.actors import ActorResolver, ActorSet
from actorgraph.resolve.roles import RolePatterns

PUBLISHED = "2021-06-15"

# One row per token: word, coarse tag, head (index), dependency, entity (IOB-label or "O").
Row = tuple[str, str, int, str, str]


def parse(extractor: Extractor, rows: list[Row]) -> Doc:
    words, pos, heads, deps, ents = (list(col) for col in zip(*rows, strict=True))
    return Doc(extractor.nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, ents=ents)


def resolver(extractor: Extractor) -> ActorResolver:
    pipe = extractor.nlp.get_pipe("actorgraph_actors")
    assert isinstance(pipe.resolver, ActorResolver)
    return pipe.resolver


def facts(aset: ActorSet) -> set[tuple[str, str, str]]:
    return {(aset.actors[f.person].name, f.relation, aset.actors[f.org].name) for f in aset.roles}


UNION = [("Harbour", "PROPN", 2, "compound", "B-ORG"), ("Workers", "PROPN", 2, "compound", "I-ORG")]

# name -> (rows, title token, rules expected to fire there, role fact expected)
CASES: dict[str, tuple[list[Row], int, set[str], tuple[str, str, str]]] = {
    "organisation before the title": (
        [
            *UNION,
            ("Union", "PROPN", 3, "compound", "I-ORG"),
            ("chairman", "NOUN", 5, "compound", "O"),
            ("Tomas", "PROPN", 5, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 6, "nsubj", "I-PERSON"),
            ("resigned", "VERB", 6, "ROOT", "O"),
            (".", "PUNCT", 6, "punct", "O"),
        ],
        3,
        {"org_owns_title", "person_after_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
    "description with a possessive": (
        [
            ("The", "DET", 3, "det", "O"),
            *[(w, p, h + 1, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 4, "nsubj", "I-ORG"),
            ("met", "VERB", 4, "ROOT", "O"),
            (".", "PUNCT", 4, "punct", "O"),
            ("The", "DET", 7, "det", "O"),
            ("group", "NOUN", 9, "poss", "O"),
            ("'s", "PART", 7, "case", "O"),
            ("chairman", "NOUN", 14, "nsubj", "O"),
            (",", "PUNCT", 9, "punct", "O"),
            ("Tomas", "PROPN", 12, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 9, "appos", "I-PERSON"),
            (",", "PUNCT", 9, "punct", "O"),
            ("spoke", "VERB", 14, "ROOT", "O"),
            (".", "PUNCT", 14, "punct", "O"),
        ],
        9,
        {"description_owns_title", "person_after_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
    "pronoun before the title": (
        [
            ("The", "DET", 3, "det", "O"),
            *[(w, p, h + 1, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 4, "nsubj", "I-ORG"),
            ("said", "VERB", 4, "ROOT", "O"),
            ("its", "PRON", 6, "poss", "O"),
            ("chairman", "NOUN", 12, "nsubj", "O"),
            (",", "PUNCT", 6, "punct", "O"),
            ("Tomas", "PROPN", 9, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 6, "appos", "I-PERSON"),
            (",", "PUNCT", 6, "punct", "O"),
            ("would", "AUX", 12, "aux", "O"),
            ("speak", "VERB", 4, "ccomp", "O"),
            (".", "PUNCT", 4, "punct", "O"),
        ],
        6,
        {"pronoun_owns_title", "person_after_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
    "person's deputy": (
        [
            *UNION,
            ("Union", "PROPN", 3, "compound", "I-ORG"),
            ("chairman", "NOUN", 5, "compound", "O"),
            ("Tomas", "PROPN", 5, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 6, "nsubj", "I-PERSON"),
            ("left", "VERB", 6, "ROOT", "O"),
            ("and", "CCONJ", 6, "cc", "O"),
            ("Reyl", "PROPN", 10, "poss", "B-PERSON"),
            ("'s", "PART", 8, "case", "O"),
            ("deputy", "NOUN", 15, "nsubj", "O"),
            (",", "PUNCT", 10, "punct", "O"),
            ("Ana", "PROPN", 13, "compound", "B-PERSON"),
            ("Vilk", "PROPN", 10, "appos", "I-PERSON"),
            (",", "PUNCT", 10, "punct", "O"),
            ("stayed", "VERB", 6, "conj", "O"),
            (".", "PUNCT", 6, "punct", "O"),
        ],
        10,
        {"person_owns_title", "possessor_leads", "person_after_title"},
        ("Ana Vilk", "deputy_leader_of", "Harbour Workers Union"),
    ),
    "body of the title": (
        [
            ("The", "DET", 2, "det", "O"),
            ("Harbour", "PROPN", 2, "compound", "B-ORG"),
            ("Council", "PROPN", 7, "nsubj", "I-ORG"),
            ("of", "ADP", 2, "prep", "O"),
            ("President", "PROPN", 6, "compound", "O"),
            ("Tomas", "PROPN", 6, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 3, "pobj", "I-PERSON"),
            ("met", "VERB", 7, "ROOT", "O"),
            (".", "PUNCT", 7, "punct", "O"),
        ],
        4,
        {"body_owns_title", "person_after_title"},
        ("Tomas Reyl", "leader_of", "Harbour Council"),
    ),
    "organisation after the title": (
        [
            ("The", "DET", 1, "det", "O"),
            ("chairman", "NOUN", 10, "nsubj", "O"),
            ("of", "ADP", 1, "prep", "O"),
            ("the", "DET", 6, "det", "O"),
            *[(w, p, h + 2, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 2, "pobj", "I-ORG"),
            (",", "PUNCT", 1, "punct", "O"),
            ("Tomas", "PROPN", 9, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 1, "appos", "I-PERSON"),
            ("spoke", "VERB", 10, "ROOT", "O"),
            (".", "PUNCT", 10, "punct", "O"),
        ],
        1,
        {"org_after_title", "person_after_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
    "phrase before the comma": (
        [
            *UNION,
            ("Union", "PROPN", 3, "compound", "I-ORG"),
            ("envoy", "NOUN", 11, "nsubj", "O"),
            ("to", "ADP", 3, "prep", "O"),
            ("the", "DET", 6, "det", "O"),
            ("talks", "NOUN", 4, "pobj", "O"),
            (",", "PUNCT", 3, "punct", "O"),
            ("Ilse", "PROPN", 9, "compound", "B-PERSON"),
            ("Marten", "PROPN", 3, "appos", "I-PERSON"),
            (",", "PUNCT", 3, "punct", "O"),
            ("arrived", "VERB", 11, "ROOT", "O"),
            (".", "PUNCT", 11, "punct", "O"),
        ],
        3,
        {"org_owns_title", "title_to_comma", "person_after_title"},
        ("Ilse Marten", "member_of", "Harbour Workers Union"),
    ),
    "people after a plural title": (
        [
            ("The", "DET", 3, "det", "O"),
            *[(w, p, h + 1, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 5, "poss", "I-ORG"),
            ("'s", "PART", 3, "case", "O"),
            ("leaders", "NOUN", 13, "nsubj", "O"),
            (",", "PUNCT", 5, "punct", "O"),
            ("Tomas", "PROPN", 8, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 5, "appos", "I-PERSON"),
            ("and", "CCONJ", 8, "cc", "O"),
            ("Ana", "PROPN", 11, "compound", "B-ORG"),
            ("Vilk", "PROPN", 8, "conj", "I-ORG"),
            (",", "PUNCT", 5, "punct", "O"),
            ("signed", "VERB", 13, "ROOT", "O"),
            (".", "PUNCT", 13, "punct", "O"),
        ],
        5,
        {"org_owns_title", "people_after_plural_title"},
        ("Ana Vilk", "leader_of", "Harbour Workers Union"),
    ),
    "organisation after a comma": (
        [
            ("Tomas", "PROPN", 1, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 9, "nsubj", "I-PERSON"),
            (",", "PUNCT", 1, "punct", "O"),
            ("chairman", "NOUN", 1, "appos", "O"),
            (",", "PUNCT", 3, "punct", "O"),
            *[(w, p, h + 5, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 3, "appos", "I-ORG"),
            (",", "PUNCT", 1, "punct", "O"),
            ("spoke", "VERB", 9, "ROOT", "O"),
            (".", "PUNCT", 9, "punct", "O"),
        ],
        3,
        {"org_after_comma", "person_before_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
    "person before the title": (
        [
            ("Tomas", "PROPN", 1, "compound", "B-PERSON"),
            ("Reyl", "PROPN", 11, "nsubj", "I-PERSON"),
            (",", "PUNCT", 1, "punct", "O"),
            ("the", "DET", 4, "det", "O"),
            ("chairman", "NOUN", 1, "appos", "O"),
            ("of", "ADP", 4, "prep", "O"),
            ("the", "DET", 9, "det", "O"),
            *[(w, p, h + 5, d, e) for w, p, h, d, e in UNION],
            ("Union", "PROPN", 5, "pobj", "I-ORG"),
            (",", "PUNCT", 1, "punct", "O"),
            ("spoke", "VERB", 11, "ROOT", "O"),
            (".", "PUNCT", 11, "punct", "O"),
        ],
        4,
        {"org_after_title", "person_before_title"},
        ("Tomas Reyl", "leader_of", "Harbour Workers Union"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_pattern_on_a_parse_built_by_hand(extractor: Extractor, case: str) -> None:
    rows, title, rules, fact = CASES[case]
    fired: list[tuple[str, int]] = []
    aset = resolver(extractor).resolve(parse(extractor, rows), PUBLISHED, fired=fired)
    assert {rule for rule, at in fired if at == title} == rules
    assert fact in facts(aset)


def test_every_pattern_has_a_parse_built_by_hand(extractor: Extractor) -> None:
    covered = set().union(*(rules for _, _, rules, _ in CASES.values()))
    assert set(resolver(extractor).role_patterns.ids()) <= covered


def test_a_title_without_owner_or_name_states_nothing(extractor: Extractor) -> None:
    rows: list[Row] = [
        ("The", "DET", 1, "det", "O"),
        ("chairman", "NOUN", 2, "nsubj", "O"),
        ("resigned", "VERB", 2, "ROOT", "O"),
        (".", "PUNCT", 2, "punct", "O"),
    ]
    fired: list[tuple[str, int]] = []
    aset = resolver(extractor).resolve(parse(extractor, rows), PUBLISHED, fired=fired)
    assert fired == []
    assert aset.roles == []


def test_a_former_title_is_marked_ended(extractor: Extractor) -> None:
    rows = CASES["organisation before the title"][0]
    rows = [("Former", "ADJ", 1, "amod", "O"), *[(w, p, h + 1, d, e) for w, p, h, d, e in rows]]
    aset = resolver(extractor).resolve(parse(extractor, rows), PUBLISHED)
    assert [f.ended for f in aset.roles] == [True]


def _example_ids() -> list[str]:
    from actorgraph.resolve.lexicon import load_actor_lexicon

    return RolePatterns.load(load_actor_lexicon()).ids()


@pytest.mark.parametrize("pattern_id", _example_ids())
def test_pattern_fires_on_its_example(extractor: Extractor, pattern_id: str) -> None:
    res = resolver(extractor)
    doc = extractor.nlp(res.role_patterns.by_id[pattern_id].example)
    fired: list[tuple[str, int]] = []
    aset = res.resolve(doc, PUBLISHED, fired=fired)
    assert pattern_id in {rule for rule, _ in fired}
    assert aset.roles, "the example states a role"


def test_one_resolver_serves_several_threads(extractor: Extractor) -> None:
    res = resolver(extractor)
    docs = [extractor.nlp(p.example) for p in res.role_patterns.by_id.values()] * 4

    def summary(doc: Doc) -> tuple[object, ...]:
        fired: list[tuple[str, int]] = []
        aset = res.resolve(doc, PUBLISHED, fired=fired)
        return (sorted(facts(aset)), [(a.name, a.type) for a in aset.actors], fired)

    alone = [summary(d) for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(summary, docs))
    assert together == alone


def test_a_broken_pattern_file_is_a_clear_error(extractor: Extractor, tmp_path: Path) -> None:
    lex = resolver(extractor).lex
    bad = tmp_path / "roles.yaml"
    entry = "owner:\n  - {id: x, priority: 1, example: e, pattern: %s}"
    bad.write_text(entry % "[{LOWER: {IN: ['@nope']}}]")
    with pytest.raises(ConfigError, match="no word list 'nope'"):
        RolePatterns.load(lex, bad)
    bad.write_text(entry % "[{NOSUCH: a}]")
    with pytest.raises(ConfigError, match="no Matcher pattern"):
        RolePatterns.load(lex, bad)
    bad.write_text("sideways: []\n")
    with pytest.raises(ConfigError, match="unknown steps"):
        RolePatterns.load(lex, bad)
