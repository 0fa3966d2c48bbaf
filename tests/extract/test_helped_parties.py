"""Who does an act that another party helps or makes its effort, on sentences written for these
tests (invented actors of tests/fixtures/test-kb.yaml): the helped party fights "in its fight
against X" or "to defeat X", the owner of an effort does what it aims at, and "standing by /
with / behind" a party is support."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def pairs(rec: ExtractionRecord, kind: str) -> set[tuple[str, str]]:
    by_id = {a.id: a.name for a in rec.actors}
    return {
        (by_id[s], by_id[t])
        for e in rec.events
        if e.type == kind
        for s in e.source
        for t in e.target
    }


def test_support_for_a_party_in_the_fight_makes_it_a_fighter(run: Run) -> None:
    rec = run(
        "Norland voiced strong support for Tarkova in the long fight against the Red Dawn Front."
    )
    got = pairs(rec, "ASSAULT")
    assert ("Tarkova", "Red Dawn Front") in got
    assert ("Norland", "Red Dawn Front") in got


def test_the_backed_party_does_what_its_efforts_aim_at(run: Run) -> None:
    rec = run(
        "For two years Norland backed the Vessa Home Guard in its campaign to defeat"
        " the Red Dawn Front."
    )
    assert ("Vessa Home Guard", "Red Dawn Front") in pairs(rec, "ASSAULT")


def test_standing_by_a_party_to_defeat_another_makes_both_hostile(run: Run) -> None:
    rec = run("Last year Norland stood by Tarkova to crush the Red Dawn Front.")
    got = pairs(rec, "ASSAULT")
    assert {("Tarkova", "Red Dawn Front"), ("Norland", "Red Dawn Front")} <= got
    assert ("Norland", "Tarkova") in pairs(rec, "SUPPORT")


def test_the_owner_of_an_effort_does_what_it_aims_at(run: Run) -> None:
    rec = run("Analysts praised Norlandic efforts to arm the Vessa Home Guard last spring.")
    assert ("Norland", "Vessa Home Guard") in pairs(rec, "AID") | pairs(rec, "SUPPORT")


def test_help_that_names_no_one_helped_changes_no_source(run: Run) -> None:
    rec = run("Norland helped to negotiate a truce with the Red Dawn Front in Vessa.")
    assert not [e for e in rec.events if e.type == "ASSAULT"]


def test_standing_with_a_party_is_support(run: Run) -> None:
    rec = run("After the floods Norland stood with Tarkova.")
    assert ("Norland", "Tarkova") in pairs(rec, "SUPPORT")


def test_standing_alone_or_for_office_is_no_event(run: Run) -> None:
    rec = run("Elena Brook stood in Vessa for the council seat in May.")
    assert not rec.events


def test_an_effort_against_no_one_named_gets_no_source_from_its_owner(run: Run) -> None:
    rec = run("Norland praised Tarkova's plans to wipe out the smuggling ring.")
    by_id = {a.id: a.name for a in rec.actors}
    sources = {by_id[s] for e in rec.events if e.type == "ASSAULT" for s in e.source}
    assert "Tarkova" not in sources


def test_a_body_doing_what_its_participle_says_is_the_source(run: Run) -> None:
    rec = run("A Norland-led coalition carrying out raids on the Red Dawn Front lost two drones.")
    assert ("Norland-led coalition", "Red Dawn Front") in pairs(rec, "ASSAULT")


def test_standing_shoulder_to_shoulder_with_a_party_is_support(run: Run) -> None:
    rec = run("Norland has stood shoulder to shoulder with Tarkova since the war began.")
    assert ("Norland", "Tarkova") in pairs(rec, "SUPPORT")


def test_freeing_a_place_from_a_party_is_aimed_at_the_party(run: Run) -> None:
    rec = run("Tarkova liberated Brenna from Red Dawn Front rule after a week of street battles.")
    got = pairs(rec, "ASSAULT")
    assert ("Tarkova", "Red Dawn Front") in got
    assert not [t for s, t in got if t == "Brenna"]
