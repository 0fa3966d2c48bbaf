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
    rec = run("A man was killed and four more were wounded in a clash near Vessa.")
    got = _assaults(rec)
    assert ([], ["man"], "killed") in got and ([], ["four"], "wounded") in got, got
    assert {a.name: a.type for a in rec.actors}.get("four") == "group"


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
        # a relative clause on a noun inside the act's phrase
        ("It was a raid on a depot in Brenna which killed 9 people and wounded 40.", "wounded",
         "40"),  # fmt: skip
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


def test_a_death_in_an_accident_is_no_attack(run: Run) -> None:
    assert _assaults(run("Two men died in a car crash near Vessa on Sunday.")) == []


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
