"""Relations and actors of general shapes the dev sets showed missing, on sentences written for
these tests (invented actors of tests/fixtures/test-kb.yaml, and a few real states): places named
with a state's adjective or after a comma, titles after a comma, a title run into a name,
relation nouns (alliance with, part of, member of, partner, proxy for), "its" across clauses,
reference marks, and unnamed groups that take part in nothing."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def rels(rec: ExtractionRecord) -> set[tuple[str, str, str]]:
    by_id = {a.id: a.name for a in rec.actors}
    return {(r.type, by_id[r.head], by_id[r.tail]) for r in rec.relations}


def names(rec: ExtractionRecord) -> set[str]:
    return {a.name for a in rec.actors}


# ------------------------------------------------------------------------- places
def test_state_adjective_place_noun_and_of_locates_the_place(run: Run) -> None:
    rec = run("Fighters of the Red Dawn Front entered the Norlandic town of Tarkova on Monday.")
    assert ("located_in", "Tarkova", "Norland") in rels(rec)


def test_place_comma_state_locates_the_place(run: Run) -> None:
    rec = run("The envoys met in Tarkova, Norland, on Tuesday.")
    assert ("located_in", "Tarkova", "Norland") in rels(rec)


def test_a_list_of_states_after_a_place_locates_nothing(run: Run) -> None:
    rec = run("Refugees fled from Tarkova, Norland and Syria over the winter.")
    assert not [r for r in rels(rec) if r[0] == "located_in"]


def test_possessor_of_the_place_noun_locates_the_place(run: Run) -> None:
    rec = run("Shells fell on a market in Norland's Tarkova province on Sunday.")
    assert ("located_in", "Tarkova", "Norland") in rels(rec)


def test_in_the_province_of_x_locates_the_town(run: Run) -> None:
    rec = run("Two bombs exploded in Dorsa in the northern province of Tarkova on Friday.")
    assert ("located_in", "Dorsa", "Tarkova") in rels(rec)


# ------------------------------------------------------------------------- titles
def test_title_between_commas_names_the_organisation_after_it(run: Run) -> None:
    rec = run("General Karim Osei, commander, Northern Field Command, inspected the troops.")
    assert ("leader_of", "Karim Osei", "Northern Field Command") in rels(rec)


def test_title_the_model_ran_into_a_name_is_no_part_of_it(run: Run) -> None:
    rec = run("Red Dawn Front Press Secretary Karim Osei told reporters the talks were over.")
    assert ("member_of", "Karim Osei", "Red Dawn Front") in rels(rec)
    assert not [n for n in names(rec) if "Press" in n]


def test_a_title_alone_is_no_actor(run: Run) -> None:
    rec = run("The Red Dawn Front's Deputy-General, Karim Osei, spoke on Monday.")
    assert ("deputy_leader_of", "Karim Osei", "Red Dawn Front") in rels(rec)
    assert not [n for n in names(rec) if "General" in n]


def test_given_name_before_a_particle_joins_the_name(run: Run) -> None:
    rec = run("A former Red Dawn Front chairman, Subhan al-Dorsi, contested the decision.")
    assert "Subhan al-Dorsi" in names(rec)


# ------------------------------------------------------------------------- nouns
def test_alliance_with_relates_the_possessor_and_the_object(run: Run) -> None:
    rec = run("Norland criticised the Kessaris and their alliance with the Red Dawn Front.")
    assert ("allied_with", "Kessaris", "Red Dawn Front") in rels(rec)


def test_part_of_as_predicate(run: Run) -> None:
    rec = run("The Kessaris are part of the Red Dawn Front, their spokesman said.")
    assert ("part_of", "Kessaris", "Red Dawn Front") in rels(rec)


def test_member_of_for_a_state_in_a_bloc(run: Run) -> None:
    rec = run("Norland is a member of the Red Dawn Front, the minister said.")
    assert ("member_of", "Norland", "Red Dawn Front") in rels(rec)


def test_partner_before_a_body_noun_gives_an_alliance_not_a_part(run: Run) -> None:
    rec = run("The Kessaris are a Norlandic partner force in the south.")
    got = rels(rec)
    assert ("allied_with", "Kessaris", "Norland") in got
    assert ("part_of", "Kessaris", "Norland") not in got


def test_acts_as_a_proxy_for(run: Run) -> None:
    rec = run("The Kessari movement acts as a proxy for Norland in the war with Syria.")
    assert ("subordinate_to", "Kessaris", "Norland") in rels(rec)


def test_a_proxy_war_relates_nobody(run: Run) -> None:
    rec = run("Norland and Syria are waging a Norland–Syria proxy war in the south.")
    assert not [r for r in rels(rec) if r[0] == "subordinate_to"]


# ------------------------------------------------------------------------- coreference
def test_its_after_a_clause_refers_to_that_clauses_possessor(run: Run) -> None:
    rec = run(
        "The Red Dawn Front's armed wing is the Iron Council, and its political wing sits in "
        "parliament."
    )
    got = rels(rec)
    assert ("part_of", "Red Dawn Front political wing", "Red Dawn Front") in got
    assert not [r for r in got if r[2] == "Iron Council"]


def test_its_in_the_same_clause_refers_to_the_nearest_name(run: Run) -> None:
    rec = run("Norland criticised the Red Dawn Front and its chairman, Karim Osei.")
    assert ("leader_of", "Karim Osei", "Red Dawn Front") in rels(rec)


# ------------------------------------------------------------------------- text shapes
def test_reference_marks_glued_to_a_name_are_split_off(run: Run) -> None:
    rec = run("The Red Dawn Front is backed by Norland,[12] and by the Kessaris.[13]")
    assert {"Norland", "Kessaris"} <= names(rec)
    assert not [n for n in names(rec) if "[" in n]


def test_unnamed_group_that_takes_part_in_nothing_is_no_actor(run: Run) -> None:
    rec = run(
        "A series of strikes against the Red Dawn Front this week killed more than 20 "
        "militants and destroyed eight vehicles, a spokesman told reporters."
    )
    assert not [a for a in rec.actors if a.type == "group" and a.kb_id is None]
    rec = run("Gunmen attacked a checkpoint in Vessa on Monday.")
    assert [a for a in rec.actors if a.type == "group" and a.kb_id is None]


def test_a_body_that_includes_another_has_it_as_member(run: Run) -> None:
    rec = run("The Red Dawn Front, which includes the Kessari movement, took Vessa.")
    assert ("member_of", "Kessaris", "Red Dawn Front") in rels(rec)


def test_a_spaced_hyphen_ends_the_organisation_after_a_title(run: Run) -> None:
    rec = run(
        '"We hold the line," said General Karim Osei, commander, Northern Field Command - '
        "Operation Iron Gate."
    )
    assert ("leader_of", "Karim Osei", "Northern Field Command") in rels(rec)


def test_a_capitalised_coalition_alone_is_an_organisation(run: Run) -> None:
    rec = run("On Monday, Coalition aircraft struck a depot of the Red Dawn Front near Vessa.")
    assert [a.type for a in rec.actors if a.name == "Coalition"] == ["organization"]


# ------------------------------------------------------------------------- membership
def test_a_coalition_partner_is_a_member_of_the_coalition(run: Run) -> None:
    rec = run("The Coalition partners, among them the Norlanders, flew new sorties over Vessa.")
    assert ("member_of", "Norland", "Coalition") in rels(rec)
    assert ("allied_with", "Norland", "Coalition") not in rels(rec)


def test_as_part_of_in_a_relative_clause_is_said_of_its_noun(run: Run) -> None:
    rec = run(
        "The Rifle Battalion, which serves as part of the Northern Field Command, guards Vessa."
    )
    assert ("part_of", "Rifle Battalion", "Northern Field Command") in rels(rec)
