"""The rule engine: each rule on a hand-built parse (no model), and each example sentence in
events.yaml through the real pipeline (the rule it illustrates must fire)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

import actorgraph.nlp.components  # noqa: F401  (registers the Doc extensions)
from actorgraph.extract import Extractor
from actorgraph.extract.attach import subject, verb_event
from actorgraph.extract.context import DocContext, EventConfig
from actorgraph.extract.lexicon import load_lexicon
from actorgraph.extract.modality import load_modality_lexicon
from actorgraph.extract.parties import agent
from actorgraph.extract.rules import (
    TRACE,
    chain,
    match_at,
    registered,
    rule_infos,
    structural_patterns,
)
from actorgraph.records import Document, ExtractionRecord
from actorgraph.resolve.actors import ActorSet, ResolvedActor
from actorgraph.resolve.lexicon import load_actor_lexicon


@pytest.fixture(scope="module")
def cfg() -> EventConfig:
    return EventConfig(load_lexicon(), load_modality_lexicon(), load_actor_lexicon())


def _parse(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]
) -> Doc:
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, sent_starts=None)
    for t in doc:
        t.lemma_ = t.lower_
    doc.user_data["ag_nonprose"] = []
    doc._.ag_published = None
    return doc


@contextmanager
def traced() -> Iterator[list[str]]:
    """The ids of the rules that fire inside the block."""
    trace: list[str] = []
    token = TRACE.set(trace)
    try:
        yield trace
    finally:
        TRACE.reset(token)


def _ctx(cfg: EventConfig, doc: Doc, named: dict[int, str]) -> DocContext:
    """A context whose actors are the given tokens (index -> type), one actor each."""
    actors = [ResolvedActor(index=n, key=str(i), mentions=[], type=t) for n, (i, t) in
              enumerate(named.items())]  # fmt: skip
    aset = ActorSet(actors, {i: n for n, i in enumerate(named)})
    return DocContext.make(cfg, doc, aset)


# A passive with its agent: "Eastland was attacked by rebels ."
PASSIVE = dict(
    words=["Eastland", "was", "attacked", "by", "rebels", "."],
    heads=[2, 2, 2, 2, 3, 2],
    deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
    pos=["PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"],
    tags=["NNP", "VBD", "VBN", "IN", "NNS", "."],
)
# An active clause: "Westmark attacked Eastland ."
ACTIVE = dict(
    words=["Westmark", "attacked", "Eastland", "."],
    heads=[1, 1, 1, 1],
    deps=["nsubj", "ROOT", "dobj", "punct"],
    pos=["PROPN", "VERB", "PROPN", "PUNCT"],
    tags=["NNP", "VBD", "NNP", "."],
)
# A relative clause: "rebels who attacked Eastland"
RELATIVE = dict(
    words=["rebels", "who", "attacked", "Eastland"],
    heads=[0, 2, 0, 2],
    deps=["ROOT", "nsubj", "relcl", "dobj"],
    pos=["NOUN", "PRON", "VERB", "PROPN"],
    tags=["NNS", "WP", "VBD", "NNP"],
)


def _spacy_matches(doc: Doc) -> set[tuple[str, int, int]]:
    """(pattern, trigger, argument) as spaCy's own DependencyMatcher finds them."""
    matcher = DependencyMatcher(doc.vocab)
    for p in structural_patterns():
        matcher.add(p.id, [p.pattern])
    out = set()
    for match_id, ids in matcher(doc):
        p = next(p for p in structural_patterns() if doc.vocab.strings[p.id] == match_id)
        out.add((p.id, ids[0], ids[[n["RIGHT_ID"] for n in p.pattern].index("ARG")]))
    return out


def _our_matches(doc: Doc) -> set[tuple[str, int, int]]:
    return {(p.id, t.i, a.i) for p in structural_patterns() for t in doc for a in match_at(p.id, t)}


def test_passive_agent_pattern_on_a_hand_built_parse() -> None:
    doc = _parse(**PASSIVE)  # type: ignore[arg-type]
    assert [t.text for t in match_at("passive-agent", doc[2])] == ["rebels"]
    assert match_at("active-object", doc[2]) == []
    assert _our_matches(doc) == _spacy_matches(doc)


def test_active_object_pattern_on_a_hand_built_parse() -> None:
    doc = _parse(**ACTIVE)  # type: ignore[arg-type]
    assert [t.text for t in match_at("active-object", doc[1])] == ["Eastland"]
    assert _our_matches(doc) == _spacy_matches(doc)


def test_agent_rule_gives_the_agents_actor(cfg: EventConfig) -> None:
    doc = _parse(**PASSIVE)  # type: ignore[arg-type]
    ctx = _ctx(cfg, doc, {0: "state", 4: "group"})
    assert agent(ctx, doc[2]) == [[1]]


def test_subject_child_rule(cfg: EventConfig) -> None:
    doc = _parse(**ACTIVE)  # type: ignore[arg-type]
    ctx = _ctx(cfg, doc, {0: "state", 2: "state"})
    with traced() as trace:
        assert subject(ctx, doc[1]) == [[0]]
    assert trace == ["subject-child"]


def test_subject_of_a_relative_clause_is_its_noun(cfg: EventConfig) -> None:
    doc = _parse(**RELATIVE)  # type: ignore[arg-type]
    ctx = _ctx(cfg, doc, {0: "group", 3: "state"})
    with traced() as trace:
        assert subject(ctx, doc[2]) == [[0]]
    assert trace == ["subject-child"]  # the "who" subject leads to the noun


def test_subject_of_a_relative_clause_parsed_without_subject(cfg: EventConfig) -> None:
    # "a statement that on Monday condemned the decision", with "that" parsed as a mark.
    doc = _parse(
        words=["statement", "that", "condemned", "decision"],
        heads=[0, 2, 0, 2],
        deps=["ROOT", "mark", "relcl", "dobj"],
        pos=["NOUN", "SCONJ", "VERB", "NOUN"],
        tags=["NN", "IN", "VBD", "NN"],
    )
    ctx = _ctx(cfg, doc, {0: "organization"})
    with traced() as trace:
        assert subject(ctx, doc[2]) == [[0]]
    assert trace == ["subject-relative-head"]


def test_verb_event_on_a_hand_built_passive(cfg: EventConfig) -> None:
    doc = _parse(**PASSIVE)  # type: ignore[arg-type]
    ctx = _ctx(cfg, doc, {0: "state", 4: "group"})
    entry = cfg.lex.find_verb("attack")
    assert entry is not None
    with traced() as trace:
        c = verb_event(ctx, doc[2], entry)
    assert c is not None and c.source == [[1]] and c.target == [[0]]
    assert cfg.plover(c.code) == "ASSAULT"
    assert "passive-agent" in trace and "passive-subject" in trace


def test_every_rule_in_the_data_has_code_and_every_chain_loads() -> None:
    infos = rule_infos()
    assert set(infos) <= set(registered())
    for name in {i.chain for i in infos.values()}:
        assert chain(name)
    for info in infos.values():
        assert info.example.endswith(".")


EXAMPLES = [(i.id, i.example) for i in rule_infos().values() if not i.misparse] + [
    (p.id, p.example) for p in structural_patterns()
]


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_rule_fires_on_its_example(extractor: Extractor, rule_id: str, example: str) -> None:
    with traced() as trace:
        extractor.extract(Document(text=example, source="rule-example", published="2021-06-15"))
    assert rule_id in trace, f"{rule_id} did not fire on {example!r}; fired: {sorted(set(trace))}"


def test_one_extractor_is_safe_to_share_between_threads(extractor: Extractor) -> None:
    from importlib import resources

    folder = resources.files("actorgraph").joinpath("data", "examples")
    texts = [f.read_text("utf-8") for f in folder.iterdir() if f.name.endswith(".txt")]
    docs = [Document(text=t, source=f"ex{i}", published="2023-01-01") for i, t in
            enumerate(texts)]  # fmt: skip
    serial = [extractor.extract(d).model_dump_json() for d in docs]
    with ThreadPoolExecutor(8) as pool:
        for _ in range(2):
            parallel = list(pool.map(lambda d: extractor.extract(d).model_dump_json(), docs * 2))
            assert parallel == serial * 2


def test_a_state_shelling_its_own_town_does_not_target_itself(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Norlandic government forces shelled the rebel-held town of Vessa on Monday.",
            source="own-ground",
            published="2021-06-15",
        )
    )
    names = {a.id: a.name for a in rec.actors}
    hits = [e for e in rec.events if e.type == "ASSAULT"]
    assert hits, rec.events
    for e in hits:
        assert not set(e.source) & set(e.target)
        assert [names[t] for t in e.target] == ["Vessa"]


def test_no_event_has_one_actor_on_both_sides(extractor: Extractor) -> None:
    text = (
        "Norland attacked Vessa on Monday. Norlandic jets bombed the suburbs of Brenna. "
        "The Red Dawn Front said Norland had attacked its own towns."
    )
    rec = extractor.extract(Document(text=text, source="self", published="2021-06-15"))
    assert rec.events
    assert all(not set(e.source) & set(e.target) for e in rec.events)


def test_a_reaction_to_a_thing_targets_its_author(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Norland rejected the ceasefire plan proposed by the Red Dawn Front.",
            source="author",
            published="2021-06-15",
        )
    )
    names = {a.id: a.name for a in rec.actors}
    rejects = [e for e in rec.events if e.type == "REJECT"]
    assert rejects and [names[t] for t in rejects[0].target] == ["Red Dawn Front"]


def test_a_participle_on_the_object_names_the_target(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Norland lifted the sanctions imposed on the Red Dawn Front.",
            source="participle",
            published="2021-06-15",
        )
    )
    names = {a.id: a.name for a in rec.actors}
    assert any(
        [names[t] for t in e.target] == ["Red Dawn Front"] for e in rec.events if e.source
    ), rec.events


def test_unnamed_parties_are_group_actors(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Gunmen killed three civilians near Vessa. Later other gunmen fled.",
            source="groups",
            published="2021-06-15",
        )
    )
    names = {a.id: a.name for a in rec.actors}
    types = {a.name: a.type for a in rec.actors}
    assert types.get("Gunmen", types.get("gunmen")) == "group"
    assert types.get("civilians") == "group"
    attack = next(e for e in rec.events if e.type == "ASSAULT")
    assert [names[s].lower() for s in attack.source] == ["gunmen"]
    assert [names[t] for t in attack.target] == ["civilians"]
    # one actor per wording in a document, "other" left out of the name
    assert sum(1 for a in rec.actors if a.name.lower() == "gunmen") == 1


def test_armed_men_are_a_group_but_plain_men_are_not(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Two journalists were kidnapped by armed men. The men of the village met.",
            source="armed",
            published="2021-06-15",
        )
    )
    assert {a.name for a in rec.actors if a.type == "group"} >= {"armed men", "journalists"}
    assert "men" not in {a.name for a in rec.actors}


def test_phrasal_light_verbs_carry_their_noun(extractor: Extractor) -> None:
    rec = extractor.extract(
        Document(
            text="Norlandic jets carried out raids on the Red Dawn Front near Vessa.",
            source="phrasal",
            published="2021-06-15",
        )
    )
    names = {a.id: a.name for a in rec.actors}
    raids = [e for e in rec.events if e.trigger.text == "raids"]
    assert raids and raids[0].type == "ASSAULT"
    assert [names[s] for s in raids[0].source] == ["Norland"]
    assert [names[t] for t in raids[0].target] == ["Red Dawn Front"]


def _extracted(extractor: Extractor, text: str) -> tuple[ExtractionRecord, dict[str, str]]:
    """The record of one invented text and its actors' names by id."""
    rec = extractor.extract(Document(text=text, source="t", published="2021-06-15"))
    return rec, {a.id: a.name for a in rec.actors}


# "Norland was founded and funded by Spain ." -- the participle conjoined to a passive.
CONJOINED_PASSIVE = dict(
    words=["Norland", "was", "founded", "and", "funded", "by", "Spain", "."],
    heads=[2, 2, 2, 2, 2, 4, 5, 2],
    deps=["nsubjpass", "auxpass", "ROOT", "cc", "conj", "agent", "pobj", "punct"],
    pos=["PROPN", "AUX", "VERB", "CCONJ", "VERB", "ADP", "PROPN", "PUNCT"],
    tags=["NNP", "VBD", "VBN", "CC", "VBN", "IN", "NNP", "."],
)


def test_a_participle_conjoined_to_a_passive_is_passive(cfg: EventConfig) -> None:
    from actorgraph.extract.parties import passive

    doc = _parse(**CONJOINED_PASSIVE)  # type: ignore[arg-type]
    assert passive(doc[2]) and passive(doc[4])
    ctx = _ctx(cfg, doc, {0: "state", 6: "state"})
    entry = cfg.lex.find_verb("fund")
    assert entry is not None
    with traced() as trace:
        c = verb_event(ctx, doc[4], entry)
    assert c is not None and c.source == [[1]] and c.target == [[0]]
    assert "passive-head-subject" in trace


def test_an_active_conjunct_is_not_passive() -> None:
    from actorgraph.extract.parties import passive

    # "Spain fled and attacked Norland ." -- the second verb has no auxiliary of its own
    doc = _parse(
        words=["Spain", "fled", "and", "attacked", "Norland", "."],
        heads=[1, 1, 1, 1, 3, 1],
        deps=["nsubj", "ROOT", "cc", "conj", "dobj", "punct"],
        pos=["PROPN", "VERB", "CCONJ", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "CC", "VBD", "NNP", "."],
    )
    assert not passive(doc[3])


@pytest.mark.parametrize(
    ("text", "kind", "pair"),
    [
        ("Norland and Spain fought each other near the border.", "ASSAULT", ("Norland", "Spain")),
        ("Spain authorized sanctions against Norland.", "SANCTION", ("Spain", "Norland")),
        ("The Red Dawn Front waged a bombing campaign against Norland.", "ASSAULT",
         ("Red Dawn Front", "Norland")),
        ("Norland imposed an embargo on Spain.", "SANCTION", ("Norland", "Spain")),
    ],
)  # fmt: skip
def test_reciprocals_authorized_acts_and_sanctions(
    extractor: Extractor, text: str, kind: str, pair: tuple[str, str]
) -> None:
    rec, names = _extracted(extractor, text)
    got = {(e.type, names[e.source[0]], names[e.target[0]]) for e in rec.events if e.target}
    assert (kind, *pair) in got, got


@pytest.mark.parametrize(
    ("text", "kind", "pair"),
    [
        ("Spain expressed concern about the nuclear programme of Norland.", "STATEMENT",
         ("Spain", "Norland")),
        ("Spain offered condolences to Norland after the flood.", "STATEMENT",
         ("Spain", "Norland")),
        ("Norland launched a military operation against the Red Dawn Front.", "ASSAULT",
         ("Norland", "Red Dawn Front")),
        ("A court in Brenna sentenced two members of the Red Dawn Front.", "COERCE",
         ("court", "Red Dawn Front")),
    ],
)  # fmt: skip
def test_statement_topics_military_operations_and_courts(
    extractor: Extractor, text: str, kind: str, pair: tuple[str, str]
) -> None:
    rec, names = _extracted(extractor, text)
    got = {(e.type, names[e.source[0]], names[e.target[0]]) for e in rec.events if e.target}
    assert (kind, *pair) in got, got


def test_an_operation_without_a_military_word_is_no_attack(extractor: Extractor) -> None:
    text = "Norland began a rescue operation for the miners of Spain."
    rec, _ = _extracted(extractor, text)
    assert not [e for e in rec.events if e.type == "ASSAULT"]


def test_a_bare_state_body_is_the_state_the_text_is_about(extractor: Extractor) -> None:
    text = (
        "Norland faces a wave of unrest. Norland closed its schools on Monday. "
        "Spain criticised the decision. Police detained three students in Brenna."
    )
    rec, names = _extracted(extractor, text)
    got = {(e.type, names[e.source[0]]) for e in rec.events if e.source}
    assert ("COERCE", "Norland") in got, got  # Norland is named most, not Spain
    norland = next(a for a in rec.actors if a.name == "Norland")
    assert any(m.text == "Police" for m in norland.mentions)


def test_a_state_body_is_not_the_state_it_acts_on(extractor: Extractor) -> None:
    text = "Norland is at war. Norland said the army shelled Spain on Monday. Spain protested."
    rec, names = _extracted(extractor, text)
    shelling = [e for e in rec.events if e.type == "ASSAULT"]
    assert shelling and all(names[s] != "Spain" for e in shelling for s in e.source)


def test_an_owned_or_qualified_body_is_not_a_bare_one(extractor: Extractor) -> None:
    text = "Norland is at war. The army of Spain shelled the Red Dawn Front."
    rec, names = _extracted(extractor, text)
    assert not any(names[s] == "Norland" for e in rec.events for s in e.source)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry of Norland organized a conference on trade with Spain.",
        "Spain expects growth in its trade with Norland.",
        "The parliament of Norland passed a law on the budget.",
        "The north of Norland is controlled by the Red Dawn Front.",
        "Spain described the president of Norland as a friend.",
    ],
)
def test_derived_verbs_in_their_usual_sense_are_no_events(extractor: Extractor, text: str) -> None:
    rec, _ = _extracted(extractor, text)
    assert rec.events == [], [(e.type, e.trigger.text) for e in rec.events]


def test_armed_groups_in_a_state_are_not_the_state(extractor: Extractor) -> None:
    text = "Militants in Norland attacked Spanish soldiers. Rebels from the Red Dawn Front fled."
    rec, names = _extracted(extractor, text)
    (attack,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert [names[s] for s in attack.source] == ["militants"]


def test_a_receiving_light_verb_takes_the_giver_after_from(extractor: Extractor) -> None:
    text = "Last year Norland received training from Spain."
    rec, names = _extracted(extractor, text)
    got = {(names[e.source[0]], names[e.target[0]]) for e in rec.events if e.source and e.target}
    assert ("Spain", "Norland") in got, got


def test_violence_named_by_its_victim_and_who_condemns_it(extractor: Extractor) -> None:
    text = "Spain condemned the kidnapping of two journalists."
    rec, names = _extracted(extractor, text)
    (kidnap,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert [names[t] for t in kidnap.target] == ["journalists"]
    assert "Spain" not in [names[s] for s in kidnap.source]  # who condemns is not the author
    (condemn,) = [e for e in rec.events if e.type == "ACCUSE"]
    assert "journalists" not in [names[t] for t in condemn.target]  # nor the victim condemned


def test_the_helped_party_in_a_misparsed_compound(cfg: EventConfig) -> None:
    # "Norland helped Eastland project power", with "Eastland project power" parsed as one noun.
    doc = _parse(
        words=["Norland", "helped", "Eastland", "project", "power"],
        heads=[1, 1, 4, 4, 1],
        deps=["nsubj", "ROOT", "compound", "compound", "ccomp"],
        pos=["PROPN", "VERB", "PROPN", "NOUN", "NOUN"],
        tags=["NNP", "VBD", "NNP", "NN", "NN"],
    )
    doc[1].lemma_ = "help"
    ctx = _ctx(cfg, doc, {0: "state", 2: "state"})
    entry = cfg.lex.find_verb("help")
    assert entry is not None
    with traced() as trace:
        c = verb_event(ctx, doc[1], entry)
    assert c is not None and c.source == [[0]] and c.target == [[1]]  # actor 1 = "Eastland"
    assert "helped-in-compound" in trace
