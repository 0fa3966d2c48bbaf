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


def test_compass_word_before_a_state_makes_a_region_place(run: Run) -> None:
    rec = run("Two soldiers were wounded in northern Norland. Norland blamed the Red Dawn Front.")
    region = named(rec, "northern Norland")
    assert len(region) == 1 and region[0].type == "place"
    assert [a.type for a in named(rec, "Norland")] == ["state"]


def test_held_participle_apposition_and_list_make_unknown_names_places(run: Run) -> None:
    held = run("The Red Dawn Front shelled rebel-held Tarkova on Monday.")
    assert [a.type for a in named(held, "Tarkova")] == ["place"]
    appos = run("Jets struck Dorsavan, a village outside Vessa.")
    assert [a.type for a in named(appos, "Dorsavan")] == ["place"]
    listed = run("The attacks in Qarvesh, Tolmeny and Dravik killed dozens.")
    assert {a.type for n in ("Tolmeny", "Dravik") for a in named(listed, n)} == {"place"}


def test_capitalised_words_after_an_opening_preposition_name_a_place(run: Run) -> None:
    rec = run("Near Qasr Tolmeny, one strike destroyed a fighting position.")
    assert [a.type for a in named(rec, "Qasr Tolmeny")] == ["place"]


def test_an_acronym_matches_only_in_capitals(run: Run) -> None:
    rec = run("Near Ayn Isa, one strike destroyed a fighting position.")
    assert not [a for a in rec.actors if a.kb_id]


def test_a_ship_named_again_without_its_prefix_is_no_actor(run: Run) -> None:
    rec = run(
        'The frigate FS Forbin joined the task force. "I am delighted that Forbin will be '
        'operating with us," said the commodore.'
    )
    assert not [a for a in rec.actors if "Forbin" in a.name]


def test_place_run_into_a_holders_name_is_split_off(run: Run) -> None:
    rec = run("Minister for the Middle East Karen Holm called the attack barbaric.")
    assert [a.type for a in named(rec, "Karen Holm")] == ["person"]


def test_title_after_a_known_name_ends_the_name(run: Run) -> None:
    rec = run("Norland Secretary of State Karel Mastny will host the ministers in Vessa.")
    assert not [a for a in rec.actors if "Secretary" in a.name]
    assert [a.type for a in named(rec, "Norland")] == ["state"]


def test_unit_the_kb_knows_joins_its_named_actor(run: Run) -> None:
    rec = run(
        "The Red Dawn Front's political bureau met on Monday. The Red Dawn Political Bureau "
        "then issued a statement."
    )
    assert len([a for a in rec.actors if a.kb_id == "test/red-dawn-bureau"]) == 1


def test_a_known_name_written_in_lower_case_after_its_start_is_found(run: Run) -> None:
    rec = run("The Kurdistan regional government rejected the budget.")
    assert [a.type for a in named(rec, "Kurdistan Regional Government")] == ["organization"]
    assert not [a for a in rec.actors if a.type == "place"]


def test_an_abbreviation_defined_in_brackets_is_the_same_actor_later(run: Run) -> None:
    rec = run(
        "The Vessa Workers Council (VWC) called a strike on Monday. Police arrested two VWC "
        "members, and the VWC said it would appeal."
    )
    assert len([a for a in rec.actors if "VWC" in [a.name, *a.aliases]]) == 1


def test_a_truce_named_in_capitals_is_no_actor(run: Run) -> None:
    rec = run("Norland violated the Cessation of Hostilities in Vessa on Monday.")
    assert not [a for a in rec.actors if "Cessation" in a.name]


def test_a_month_is_no_place(run: Run) -> None:
    rec = run("In December, the Red Dawn Front said the strikes hit an airport.")
    assert not [a for a in rec.actors if a.name == "December"]


def test_particle_and_first_word_before_a_place_name_belong_to_it(run: Run) -> None:
    rec = run("Strikes hit Dayr az Zawr, Syria, on Monday.")
    assert [a.type for a in named(rec, "Dayr az Zawr")] == ["place"]


def test_a_kin_group_noun_after_a_name_makes_an_organisation(run: Run) -> None:
    rec = run("Gunmen killed 30 members of the Al Bu Tarkan tribe near Vessa.")
    assert [a.type for a in named(rec, "Al Bu Tarkan tribe")] == ["organization"]


def test_a_persons_surname_said_again_is_the_person_not_a_place(run: Run) -> None:
    rec = run("Col. Karl Lyons said the squadron arrived. Lyons added that more jets would come.")
    assert not [a for a in rec.actors if a.type == "place"]
    assert len([a for a in rec.actors if a.type == "person"]) == 1


def test_a_place_inside_an_event_name_is_no_actor(run: Run) -> None:
    rec = run("Despite the Vessa Agreement, the Red Dawn Front kept its weapons.")
    assert not named(rec, "Vessa")


def test_a_kb_persons_surname_in_capitals_is_no_acronym(run: Run) -> None:
    rec = run("Hollin said the new bridge in Vessa would open next week.", "1993-05-01")
    assert [a.kb_id for a in named(rec, "Hollin")] == ["test/pavel-hollin"]


def test_a_title_after_a_known_place_without_a_holder_stays_one_name(run: Run) -> None:
    rec = run("The Dubai Ruler thanked the envoys for their work.")
    assert not [a for a in rec.actors if a.name == "Dubai"]


def test_an_english_preposition_before_a_name_is_no_particle(run: Run) -> None:
    rec = run("Norland freed two prisoners on Tuesday at Syria's request.")
    assert [a.type for a in named(rec, "Syria")] == ["state"]
    assert not [a for a in rec.actors if "Tuesday" in a.name]
