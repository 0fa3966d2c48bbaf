"""Violence known by its victims (extract/casualties.py), on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def _assaults(rec: ExtractionRecord) -> list[tuple[list[str], list[str], str]]:
    names = {a.id: a.name for a in rec.actors}
    return [
        ([names[s] for s in e.source], [names[t] for t in e.target], e.trigger.text)
        for e in rec.events
        if e.type == "ASSAULT" and e.trigger is not None
    ]


def test_victims_named_by_a_number_or_a_common_noun_are_groups(run: Run) -> None:
    rec = run("A man was killed in Vessa on Friday. Forty were wounded in Brenna on Friday.")
    got = _assaults(rec)
    assert ([], ["man"], "killed") in got and ([], ["forty"], "wounded") in got, got
    assert {a.name: a.type for a in rec.actors}.get("forty") == "group"


def test_a_count_after_victims_is_another_mention_of_them(run: Run) -> None:
    rec = run("A man was killed and four more were wounded in a clash near Vessa.")
    (man,) = [a for a in rec.actors if a.name == "man"]
    assert {m.text for m in man.mentions} >= {"man", "four"}


def test_a_common_noun_is_no_group_when_it_suffers_nothing(run: Run) -> None:
    rec = run("The men of Vessa met the mayor and two guards waited outside.")
    assert not {"men", "guards", "two"} & {a.name for a in rec.actors}


@pytest.mark.parametrize(
    ("text", "trigger", "victims"),
    [
        # the act or the weapon is the subject
        ("The car bomb killed six soldiers in Vessa on Monday.", "killed", "soldiers"),
        # a participle on the clause of an explosion
        ("A device exploded at a market in Vessa, killing three people.", "killing", "people"),
        # the victims die
        ("Dozens died in the shelling of Vessa last week.", "died", "dozens"),
        # the "of" object of a killing named as a noun
        ("Norland deplored the slaying of four guards in Vessa.", "slaying", "guards"),
    ],
)
def test_violence_with_victims_and_no_named_hand(
    run: Run, text: str, trigger: str, victims: str
) -> None:
    got = _assaults(run(text))
    assert any(t == trigger and s == [] and victims in v for s, v, t in got), got


@pytest.mark.parametrize(
    "text",
    [
        "Two men died in a car crash near Vessa on Sunday.",
        "Four soldiers were killed in a helicopter crash near Vessa.",
        "Seven fighters were killed in two accidental explosions near Vessa.",
        "The device went off accidentally, killing the three men.",
    ],
)
def test_a_toll_of_mishap_is_no_attack(run: Run, text: str) -> None:
    assert _assaults(run(text)) == []


def test_calling_an_act_an_attack_is_a_judgement(run: Run) -> None:
    rec = run("Elena Brook called the raid a massacre.")
    assert [e.type for e in rec.events] == ["ACCUSE"]


def test_a_toll_in_a_relative_clause_stands_for_no_event(run: Run) -> None:
    text = "Amnesty asked about a raid on a church in Vessa on Sunday that killed four women."
    assert _assaults(run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Two guards were killed in a Red Dawn Front attack near Vessa.",
        "Two guards died in an ambush by the Red Dawn Front near Vessa.",
    ],
)
def test_the_author_of_the_act_the_victims_fell_in_is_the_source(run: Run, text: str) -> None:
    got = _assaults(run(text))
    assert any(s == ["Red Dawn Front"] and v == ["guards"] for s, v, _ in got), got


def test_victims_counted_after_others_are_the_party_named_before(run: Run) -> None:
    rec = run("A Norlandic spokesman said the 12 strikes had killed five of the Red Dawn Front "
              "fighters and wounded six others.")  # fmt: skip
    got = _assaults(rec)
    # the wounded are the same party as the killed, so one event: no "others" group
    assert [(s, v) for s, v, _ in got] == [(["Norland"], ["Red Dawn Front"])], got
    assert "others" not in {a.name for a in rec.actors}


def test_a_toll_joins_the_event_of_its_act(run: Run) -> None:
    rec = run("The bombing of the Norlandic embassy by the Red Dawn Front killed three guards.")
    (bombing,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert bombing.trigger is not None and bombing.trigger.text == "bombing"
    assert len(bombing.mentions) == 2  # the toll is another mention of the bombing


def test_a_toll_with_no_act_event_stands_alone(run: Run) -> None:
    got = _assaults(run("A bomb went off in a cafe in Vessa on Friday, killing four people and "
                        "wounding 30 others."))  # fmt: skip
    assert [(s, v) for s, v, _ in got] == [([], ["people"])], got


@pytest.mark.parametrize(
    "text",
    [
        # "including" on the verb, after a passive whose subject names no actor
        "Writers close to the Red Dawn Front were arrested, including Tomas Varga and Elena Brook.",
        # "including" on an object that names no actor
        "Norland detained several writers, including Tomas Varga and Elena Brook.",
    ],
)
def test_members_named_after_including_stand_for_the_party(run: Run, text: str) -> None:
    rec = run(text)
    names = {a.id: a.name for a in rec.actors}
    (arrest,) = [e for e in rec.events if e.type == "COERCE"]
    assert {names[t] for t in arrest.target} == {"Tomas Varga", "Elena Brook"}


def test_supporters_are_a_group_that_protests(run: Run) -> None:
    rec = run("Angry supporters marched through Brenna on Sunday.")
    names = {a.id: a.name for a in rec.actors}
    (march,) = [e for e in rec.events if e.type == "PROTEST"]
    assert [names[s] for s in march.source] == ["angry supporters"]


def test_a_killing_told_by_a_participle_on_its_victim_is_kept(run: Run) -> None:
    # Written for this test: the victim is named, the hand is not.
    rec = run("The council will help the relatives of the judge Tomas Varga murdered in Vessa.")
    kills = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(kills) == 1 and not kills[0].source
    assert {a.name for a in rec.actors if a.id in kills[0].target} == {"Tomas Varga"}


def test_a_thing_harmed_told_by_a_participle_is_no_event_of_its_own(run: Run) -> None:
    rec = run("The depot of Vessa burned on Monday was rebuilt by Norland.")
    assert [e for e in rec.events if e.type == "ASSAULT"] == []
