"""Loading gold files: typed models, lenient value forms, one-line errors naming the item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from evaluate_helpers import TOY_GOLD, actor, record, write_gold

from actorgraph.errors import GoldFileError
from actorgraph.evaluate import GoldDocument, load_gold, score

SEED_GOLD = Path("/work/shared/eval/seed.gold.yaml")


def test_load_toy_gold(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path))
    assert gold.document.published == "2023-05"
    assert gold.text_path == tmp_path / "article.txt"
    assert gold.text_path.read_text(encoding="utf-8").startswith("Minister Ana Ruiz")
    ridge = next(a for a in gold.actors if a.name == "Ridge Front")
    assert ridge.type == ["group", "organization"]
    assert gold.actors[0].type == ["person"]
    assert gold.actors[-1].optional
    leader = gold.relations[0]
    assert leader.head == ["Ana Ruiz"]
    assert leader.tail == ["Northland Unity Party", "Northland"]
    assert leader.start == "2021-03"
    talks, raid, vow = gold.events
    assert talks.date == "2023-04-12"  # a YAML date object
    assert raid.date == "2023-04"
    assert raid.attribution == ["border officials"]
    assert vow.source == ["Ridge Front"]
    assert vow.target == []


def test_year_as_yaml_integer(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, TOY_GOLD.replace("start: 2021-03", "start: 2021")))
    assert gold.relations[0].start == "2021"


def test_gold_can_be_built_in_code() -> None:
    gold = GoldDocument.model_validate(
        {
            "document": {"file": "a.txt", "published": dt.date(2023, 5, 2)},
            "actors": [{"name": "Northland", "type": "state"}],
        }
    )
    assert gold.document.published == "2023-05-02"
    result = score(gold, record([actor("s1", "Northland", "state")]))
    assert (result.actors.tp, result.actors.fp, result.actors.fn) == (1, 0, 0)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("type: person, aliases: [Ruiz", "type: persn, aliases: [Ruiz", "actor 1 (Ana Ruiz)"),
        ("    target: []\n", "", "event 3 (vow)"),
        ("head: Ana Ruiz", "head: Ana Ruis", "'Ana Ruis' is not the name or alias"),
        ("start: 2021-03", "start: 2021-13", "2021-13"),
        ("start: 2021-03", "start: March 2021", "YYYY-MM"),
        ("type: [CONSULT]", "type: [CHAT]", "unknown PLOVER type 'CHAT'"),
        ("type: leader_of", "type: leads", "unknown relation type 'leads'"),
        ("optional: true}\nrelations", "optinal: true}\nrelations", "optinal"),
        ("  - id: talks\n", "  - id: talks\n    when: 2023\n", "event 1 (talks)"),
        ("document:\n  file: article.txt\n", "document:\n", "document"),
        ("events:", "events: {}\nextra:", "unknown top-level key 'extra'"),
        ("source: [Ana Ruiz, Northland]", "source: [Ana Ruiz, Northland", "not valid YAML"),
        ("- {name: Southmark, type: state, aliases: []}", "- Southmark", "actor 3"),
    ],
)
def test_malformed_gold(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in TOY_GOLD
    path = write_gold(tmp_path, TOY_GOLD.replace(old, new, 1))
    with pytest.raises(GoldFileError) as err:
        load_gold(path)
    message = str(err.value)
    assert str(path) in message
    assert expected in message
    assert "\n" not in message


def test_ambiguous_alias_reference(tmp_path: Path) -> None:
    text = TOY_GOLD.replace("aliases: [Northlandic]", "aliases: [Northlandic, NL]").replace(
        "- {name: Southmark, type: state, aliases: []}",
        "- {name: Southmark, type: state, aliases: [NL]}",
    )
    text = text.replace("target: [Southmark]", "target: [NL]")
    with pytest.raises(GoldFileError, match="alias of several actors"):
        load_gold(write_gold(tmp_path, text))


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="not found"):
        load_gold(tmp_path / "nope.gold.yaml")


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="expected a mapping"):
        load_gold(write_gold(tmp_path, "- just\n- a list\n"))


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold file not present")
def test_seed_gold_parses_and_its_own_actors_score_perfectly() -> None:
    gold = load_gold(SEED_GOLD)
    assert gold.actors and gold.relations and gold.events
    assert gold.text_path.exists()
    # System actors named from the gold list, using the *last* alias as the main name so the
    # matcher must look past the first name; the type is each gold actor's first type.
    actors = [
        actor(f"a{i}", g.names[-1], g.type[0], *g.names[:-1]) for i, g in enumerate(gold.actors)
    ]
    result = score(gold, record(actors))
    assert result.actors.fp == 0
    assert result.actors.precision == 1.0
    assert result.actors.recall == 1.0
    assert result.actors.tp == sum(not g.optional for g in gold.actors)


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold file not present")
def test_seed_gold_relations_and_events_built_from_it_score_perfectly() -> None:
    from evaluate_helpers import event, relation

    gold = load_gold(SEED_GOLD)
    ids = {g.name: f"a{i}" for i, g in enumerate(gold.actors)}
    actors = [actor(ids[g.name], g.name, g.type[0], *g.aliases) for g in gold.actors]
    # Point every argument at the gold actor by its *name*; gold references may use aliases.
    by_alias = {n: g.name for g in gold.actors for n in g.names}
    relations = [
        relation(
            f"r{i}",
            r.type[0],
            ids[by_alias[r.head[0]]],
            ids[by_alias[r.tail[-1]]],
            start=r.start,
            end=r.end,
        )
        for i, r in enumerate(gold.relations)
    ]
    events = [
        event(
            f"e{i}",
            e.type[-1],
            [ids[by_alias[e.source[-1]]]],
            [ids[by_alias[t]] for t in e.target[:1]],
            when=e.date,
            place=ids[by_alias[e.place[0]]] if e.place else None,
            modality=e.modality or "asserted",
            said=e.attribution[0] if e.attribution else None,
        )
        for i, e in enumerate(gold.events)
    ]
    result = score(gold, record(actors, relations, events))
    for part in (result.relations, result.events):
        assert (part.fp, part.fn, part.duplicates) == (0, 0, 0)
        assert part.precision == 1.0
    assert result.relations.tp == sum(not r.optional for r in gold.relations)
    assert result.events.tp == sum(not e.optional for e in gold.events)
    accuracies = result.accuracy.model_dump()
    assert accuracies.pop("wrong") == []
    for acc in accuracies.values():
        assert acc["correct"] == acc["scored"]
    assert result.accuracy.event_date.scored > 0
