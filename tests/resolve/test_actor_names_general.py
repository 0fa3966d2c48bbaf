"""General actor rules on sentences written for these tests (invented actors, test-kb.yaml):
a preposition run into a name, a KB person that is a state's listing, a given name that is
also a name particle, and a lone surname of someone out of office."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Actor, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def named(rec: ExtractionRecord, name: str) -> list[Actor]:
    key = name.casefold()
    return [a for a in rec.actors if key in {n.casefold() for n in [a.name, *a.aliases]}]


def test_capitalised_preposition_is_not_part_of_the_name(run: Run) -> None:
    rec = run("Near Vessa, two strikes destroyed a depot of the Red Dawn Front.")
    assert not [a for a in rec.actors if a.name.lower().startswith("near")]
    vessa = named(rec, "Vessa")
    assert len(vessa) == 1 and vessa[0].type == "place"


def test_unknown_name_after_opening_preposition_is_a_place(run: Run) -> None:
    rec = run("Near Tarkova, one strike hit a fighting position of the Red Dawn Front.")
    assert [a.type for a in named(rec, "Tarkova")] == ["place"]


def test_towns_listed_under_a_state_named_person_are_places_of_that_state(run: Run) -> None:
    rec = run("The Red Dawn Front shelled Dorvik on Monday, and Norland sent troops.")
    dorvik = named(rec, "Dorvik")
    assert len(dorvik) == 1 and dorvik[0].type == "place"
    assert not [a for a in rec.actors if a.type == "person"]
    assert [a.type for a in named(rec, "Norland")] == ["state"]


def test_given_name_that_is_also_a_particle_still_makes_a_full_name(run: Run) -> None:
    rec = run("Defence minister Ash Renko visited Vessa on Monday. Renko praised the troops.")
    renko = [a for a in rec.actors if a.type == "person"]
    assert len(renko) == 1 and "Renko" in renko[0].aliases


def test_lone_surname_of_a_kb_person_out_of_office_is_not_that_person(run: Run) -> None:
    later = run("Hollin said the new bridge in Vessa would open next week.", "2021-06-15")
    assert not [a for a in later.actors if a.kb_id == "test/pavel-hollin"]
    then = run("Hollin said the new bridge in Vessa would open next week.", "1993-05-01")
    assert [a.kb_id for a in named(then, "Hollin")] == ["test/pavel-hollin"]
