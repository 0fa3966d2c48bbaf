"""Relations from appositions, possessive descriptions, hyphenated modifiers, state bodies
and "X, in Y" (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def rels(rec: ExtractionRecord) -> set[tuple[str, str, str]]:
    by_id = {a.id: a.name for a in rec.actors}
    return {(r.type, by_id[r.head], by_id[r.tail]) for r in rec.relations}


def test_name_then_the_organisations_title(run: Run) -> None:
    rec = run("Ali Hadid, the Red Dawn Front's chief negotiator, left the talks in Vessa.")
    assert ("member_of", "Ali Hadid", "Red Dawn Front") in rels(rec)


def test_the_groups_title_names_the_group_spoken_of(run: Run) -> None:
    rec = run(
        "The Red Dawn Front rejected the offer on Monday. The group's chief negotiator, "
        "Ali Hadid, said the talks were over."
    )
    assert ("member_of", "Ali Hadid", "Red Dawn Front") in rels(rec)


def test_the_groups_title_without_a_group_before_gives_nothing(run: Run) -> None:
    rec = run("The group's chief negotiator, Ali Hadid, said the talks were over.")
    assert not [r for r in rels(rec) if r[1] == "Ali Hadid"]


def test_two_honorifics_before_the_name(run: Run) -> None:
    rec = run("Norland's military spokesman, Major General Ali Hadid, denied the report.")
    assert ("member_of", "Ali Hadid", "Norland") in rels(rec)


def test_place_comma_in_place(run: Run) -> None:
    rec = run("Five villagers were killed in Goma, in North Kivu, on Sunday.")
    assert ("located_in", "Goma", "North Kivu") in rels(rec)


def test_place_comma_in_the_last_name_of_the_phrase(run: Run) -> None:
    rec = run("Two shops burned in Goma, in Congo's North Kivu province, on Sunday.")
    got = rels(rec)
    assert ("located_in", "Goma", "North Kivu") in got
    # The province lies in the state that owns it; Goma is in the province, not beside it.
    assert ("located_in", "North Kivu", "Congo") in got
    assert not [r for r in got if r[0] == "located_in" and r[1] == "Goma" and r[2] != "North Kivu"]


def test_hyphenated_based_gives_the_headquarters(run: Run) -> None:
    rec = run("The Norland-based militant group Red Dawn Front claimed the bombing.")
    assert ("headquartered_in", "Red Dawn Front", "Norland") in rels(rec)


def test_hyphenated_aligned_on_a_description(run: Run) -> None:
    rec = run(
        "The Red Dawn Front fired rockets on Monday. The Norland-aligned movement has denied "
        "any role."
    )
    assert ("allied_with", "Red Dawn Front", "Norland") in rels(rec)


def test_hyphenated_based_needs_an_organisation(run: Run) -> None:
    rec = run("A Vessa-based reporter said the Red Dawn Front had left the city.")
    assert not [r for r in rels(rec) if r[0] == "headquartered_in"]


def test_state_possessive_before_a_state_body(run: Run) -> None:
    rec = run("France's Central Reserve Police Force arrested two men in Lyon.")
    assert ("part_of", "Central Reserve Police Force", "France") in rels(rec)


def test_state_possessive_before_a_group_is_not_part_of(run: Run) -> None:
    rec = run("Norland's Red Dawn Front fired rockets at Vessa.")
    assert not [r for r in rels(rec) if r[0] == "part_of" and r[1] == "Red Dawn Front"]


def test_backing_verb_gives_an_alliance(run: Run) -> None:
    rec = run("Norland openly backs the Red Dawn Front, its envoy said on Monday.")
    assert ("allied_with", "Norland", "Red Dawn Front") in rels(rec)
