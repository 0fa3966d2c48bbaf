"""Forms of names on sentences written for these tests (invented actors, test-kb.yaml): an
acronym that is also a word in a line of capitals, a generational suffix, a quoted nickname, a
capital naming a gathering, the place someone is a native of, a company named after its noun."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Actor, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def named(rec: ExtractionRecord, name: str) -> list[Actor]:
    key = name.casefold()
    return [a for a in rec.actors if key in {n.casefold() for n in [a.name, *a.aliases]}]


def test_acronym_that_is_a_word_names_no_actor_in_a_line_of_capitals(run: Run) -> None:
    rec = run("WHAT IS LEFT OF THE TOWN\n\nLocal officials said IS fighters shelled Vessa again.")
    isis = [a for a in rec.actors if a.kb_id == "org/isis"]
    assert len(isis) == 1
    assert [m.text for m in isis[0].mentions] == ["IS"]
    assert isis[0].mentions[0].start > 30


def test_generational_suffix_does_not_hide_the_surname(run: Run) -> None:
    rec = run(
        "Staff Sergeant Marco Delaney III was wounded near the town on Monday. "
        "Delaney was flown to a hospital."
    )
    people = [a for a in rec.actors if a.type == "person"]
    assert len(people) == 1
    assert {"Marco Delaney III", "Delaney"} <= {m.text for m in people[0].mentions}


def test_quoted_nickname_stays_inside_one_name(run: Run) -> None:
    rec = run(
        'During the briefing, Gen. Walter "Buzz" Hendricks, the task force commander, will '
        "present the findings. Hendricks took questions afterwards."
    )
    people = [a for a in rec.actors if a.type == "person"]
    assert len(people) == 1
    assert "Hendricks" in people[0].name and "Walter" in people[0].name


def test_capital_before_a_gathering_is_the_city(run: Run) -> None:
    rec = run("The Red Dawn Front rejected the Brenna talks, and Norland blamed the movement.")
    brenna = named(rec, "Brenna")
    assert [a.type for a in brenna] == ["place"]


def test_capital_that_acts_is_still_its_state(run: Run) -> None:
    rec = run("Brenna condemned the attack on the border post.")
    assert [a.type for a in named(rec, "Brenna")] == ["state"]


def test_the_place_a_person_is_a_native_of(run: Run) -> None:
    rec = run("Idris Kalmar, a native of Tessaly, joined the Red Dawn Front in 2012.")
    assert [a.type for a in named(rec, "Tessaly")] == ["place"]
    assert [a.type for a in named(rec, "Idris Kalmar")] == ["person"]


def test_name_after_a_company_noun_is_an_organisation(run: Run) -> None:
    rec = run("The dam on the river was built in 1961 by the Norlandic company Halvorsen.")
    assert [a.type for a in named(rec, "Halvorsen")] == ["organization"]


def test_name_given_in_a_gloss_after_an_event_names_no_actor(run: Run) -> None:
    rec = run(
        "Operation Iron Harvest (Arabic: الحصاد الحديدي Al Hasad al-Hadidi) was a raid on Vessa. "
        "It was part of the larger Operation Tamarisk (Falcon), planned by the Red Dawn Front."
    )
    names = {a.name for a in rec.actors}
    assert not any("Hasad" in n or n == "Falcon" for n in names)
    assert named(rec, "Red Dawn Front")


def test_name_given_in_a_gloss_after_an_actor_is_that_actor(run: Run) -> None:
    rec = run("The Red Dawn Front (Kurdish: Eniya Sor) attacked Vessa on Monday.")
    front = named(rec, "Red Dawn Front")
    assert len(front) == 1
    assert not [a for a in rec.actors if a.name == "Eniya Sor"]


def test_mixed_case_abbreviation_in_brackets_and_again_in_capitals(run: Run) -> None:
    rec = run(
        "The report by the Norland Board of Review (BoR) on Vessa makes grim reading. "
        "The BOR must be allowed to continue its work."
    )
    board = [a for a in rec.actors if "Board of Review" in a.name]
    assert len(board) == 1
    assert {"BoR", "BOR"} <= {m.text for m in board[0].mentions}


def test_unit_named_by_an_ordinal(run: Run) -> None:
    rec = run("The town was shelled by the 12th Mechanised Brigade on Monday.")
    assert [a.type for a in named(rec, "12th Mechanised Brigade")] == ["organization"]
    assert not named(rec, "Mechanised Brigade")


def test_weapon_abbreviation_is_no_actor(run: Run) -> None:
    rec = run("Near Vessa, one strike destroyed a UAV and two VBIEDs of the Red Dawn Front.")
    assert {a.name for a in rec.actors} & {"UAV", "VBIEDs"} == set()


def test_capitalised_word_the_text_also_writes_in_lower_case_is_no_name(run: Run) -> None:
    rec = run(
        "The Creed was revised in 2010, the party said. The creed of the movement was once radical."
    )
    assert not [a for a in rec.actors if a.name == "Creed"]


def test_body_named_again_without_its_last_body_word(run: Run) -> None:
    rec = run(
        "Marovia News is an independent satellite channel in Norland. Founded by businessmen, "
        "Marovia produces all of its programmes in-house."
    )
    bodies = [a for a in rec.actors if "Marovia" in a.name]
    assert len(bodies) == 1 and bodies[0].type == "organization"


def test_known_body_is_not_merged_into_its_own_part(run: Run) -> None:
    rec = run("The Red Dawn Front said the Red Dawn Political Bureau would meet in Vessa.")
    assert len(named(rec, "Red Dawn Front")) == 1
    assert len([a for a in rec.actors if a.kb_id == "test/red-dawn-bureau"]) == 1


def test_town_the_model_missed_after_a_preposition_of_place(run: Run) -> None:
    rec = run("This is a key moment, with the advances around Manbij in Norland.")
    assert [a.type for a in named(rec, "Manbij")] == ["place"]


def test_month_after_a_preposition_is_no_town(run: Run) -> None:
    rec = run("The ceasefire began in May and held through June.")
    assert not rec.actors


def test_name_of_a_creed_is_no_actor(run: Run) -> None:
    rec = run("The Red Dawn Front is a Sunni Islamist party; it follows the Islamic Shia creed.")
    assert [a.name for a in rec.actors] == ["Red Dawn Front"]


def test_term_ending_in_a_particle_and_lower_case_word_is_no_person(run: Run) -> None:
    rec = run(
        "The movement follows a version of the doctrine (_Wilayat al-faqih_ or rule of the "
        "jurist) developed in Vessa."
    )
    assert not [a for a in rec.actors if a.type == "person"]


def test_one_word_name_listed_with_a_person_is_a_person(run: Run) -> None:
    rec = run(
        "Some sources date the group to 1982, whereas Diaz and Newman maintain that it "
        "remained a loose network until 1985."
    )
    assert [a.type for a in named(rec, "Newman")] == ["person"]


def test_process_noun_before_of_is_not_part_of_the_name(run: Run) -> None:
    rec = run("In the 1990s the party changed, in what is called the Norlandisation of Hezbollah.")
    assert not [a for a in rec.actors if "Norlandisation" in a.name]


def test_two_pieces_of_a_name_around_one_word_the_model_left_out(run: Run) -> None:
    rec = run("He was hanged with the failed bomber Sajida Mubarak Atrous al-Rishawi in February.")
    people = [a for a in rec.actors if a.type == "person"]
    assert [p.name for p in people] == ["Sajida Mubarak Atrous al-Rishawi"]


def test_portion_of_a_name_is_a_place(run: Run) -> None:
    rec = run(
        "The marines assaulted insurgent-held Qarvela. Insurgents fled Qarvela. The assault on "
        "a small portion of Qarvela was called Iron Fist."
    )
    assert [a.type for a in named(rec, "Qarvela")] == ["place"]


def test_military_forces_of_a_body_are_a_unit_of_it(run: Run) -> None:
    rec = run("On Monday, Red Dawn Front military forces conducted six strikes near Vessa.")
    units = [a for a in rec.actors if "military forces" in a.name]
    assert len(units) == 1 and units[0].type == "organization"
    assert len(named(rec, "Red Dawn Front")) == 1


def test_rank_run_into_the_service_before_a_name_is_no_body(run: Run) -> None:
    rec = run("Questions will be taken by Navy Capt. Jeff Morrow, who will be in the room.")
    assert not [a for a in rec.actors if "Capt" in a.name]
    assert [a.type for a in named(rec, "Jeff Morrow")] == ["person"]


def test_adjective_between_owner_and_unit(run: Run) -> None:
    rec = run("I pay tribute to Norland's brave Armed Forces, who are fighting the Red Dawn Front.")
    units = [a for a in rec.actors if a.name.endswith("Armed Forces")]
    assert len(units) == 1 and "brave" not in units[0].name


def test_department_standing_alone_names_a_body(run: Run) -> None:
    rec = run("The envoy will speak in Vessa about the Department’s work for religious minorities.")
    assert [a.type for a in named(rec, "Department")] == ["organization"]


def test_known_name_opened_by_a_hyphenated_lower_case_word(run: Run) -> None:
    rec = run("Norland works with the counter-ISIL coalition against the Red Dawn Front.")
    assert [a.kb_id for a in rec.actors if a.kb_id == "org/global-coalition"]


def test_legislature_named_by_its_common_noun_alone(run: Run) -> None:
    rec = run("Besides sanctions on the Red Dawn Front, Congress has sought to bolster Norland.")
    assert [a.type for a in named(rec, "Congress")] == ["organization"]


def test_name_in_brackets_after_a_quoted_name_is_the_same_body(run: Run) -> None:
    rec = run(
        'The movement also used another name, "Red Dawn Front" (_Muqawamat al-Fajr_), for its '
        "attacks on Vessa."
    )
    assert not [a for a in rec.actors if a.type == "person"]
    front = named(rec, "Red Dawn Front")
    assert len(front) == 1 and "Muqawamat al-Fajr" in front[0].aliases


def test_facility_named_after_a_known_place_is_a_place_of_its_own(run: Run) -> None:
    rec = run("Its role shrank after the building of the Vessa Dam upstream in the 1980s.")
    dam = named(rec, "Vessa Dam")
    assert [a.type for a in dam] == ["place"] and dam[0].kb_id != "test/vessa"


def test_slash_between_two_names_makes_two_names(run: Run) -> None:
    rec = run("The channel broadcasts on Arbasat and Kelmorsat/Dunavsat across Norland.")
    names = {a.name for a in rec.actors}
    assert "Kelmorsat/Dunavsat" not in names
    assert {"Kelmorsat", "Dunavsat"} <= names


def test_slash_in_a_unit_of_measure_splits_nothing(run: Run) -> None:
    rec = run("Symbol rate: 27.5 Mb/s on the Arbasat transponder, said the Red Dawn Front.")
    assert not [a for a in rec.actors if a.name in {"Mb", "s"}]


def test_place_after_a_preposition_does_not_own_the_next_title(run: Run) -> None:
    rec = run(
        "The envoy for the region, Karim Osei, visited Norland on Monday.\n\n"
        "In Norland Minister Osei met local aid groups."
    )
    names = {a.id: a.name for a in rec.actors}
    assert not [r for r in rec.relations if r.type == "member_of" and names[r.tail] == "Norland"]


def test_state_before_a_title_still_owns_it(run: Run) -> None:
    rec = run("The Norlandic defence minister Karim Osei toured the base on Monday.")
    names = {a.id: a.name for a in rec.actors}
    assert [(names[r.head], names[r.tail]) for r in rec.relations if r.type == "member_of"] == [
        ("Karim Osei", "Norland")
    ]


def test_place_is_not_merged_into_a_council_named_after_it(run: Run) -> None:
    rec = run("Fighting continued in Tarvosh on Monday, and the Tarvosh Council called for calm.")
    assert [a.type for a in named(rec, "Tarvosh")] == ["place"]
