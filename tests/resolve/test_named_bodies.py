"""Bodies named by who leads them, and well-known groups the KB keeps apart from their
successors, on sentences written for these tests (invented places of tests/fixtures/test-kb.yaml
and real states and groups)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def actors(rec: ExtractionRecord) -> dict[str, str]:
    return {a.name: a.type for a in rec.actors}


def test_a_body_led_by_a_state_is_an_organisation_named_by_the_phrase(run: Run) -> None:
    rec = run("The Norland-led coalition shelled Red Dawn Front positions near Vessa.")
    got = actors(rec)
    assert got.get("Norland-led coalition") == "organization"
    assert "Norland" not in got
    assert any(e.type == "ASSAULT" for e in rec.events)


def test_a_led_body_the_kb_knows_keeps_its_kb_name(run: Run) -> None:
    rec = run("The Saudi-led alliance bombed a port in Yemen on Friday.")
    assert actors(rec).get("Saudi-led alliance") == "organization"


def test_a_led_act_is_no_body(run: Run) -> None:
    rec = run("The Norland-led talks in Vessa ended without a deal.")
    assert not [n for n in actors(rec) if "led" in n]


def test_al_qaeda_in_iraq_is_not_the_islamic_state(run: Run) -> None:
    rec = run("In 2005 al-Qaida in Iraq claimed a bombing near Vessa.", published="2005-06-01")
    assert actors(rec).get("al-Qaeda in Iraq") == "organization"
    assert "Islamic State" not in actors(rec)


def test_zarqawi_is_a_person_not_his_group(run: Run) -> None:
    rec = run("Gunmen loyal to Zarqawi ambushed a patrol near Vessa.", published="2005-06-01")
    assert "Islamic State" not in actors(rec)
    assert "person" in {t for n, t in actors(rec).items() if "Zarqawi" in n}


def test_a_led_body_and_its_kb_alias_are_one_actor(run: Run) -> None:
    rec = run("The Saudi-led coalition said the Arab Coalition had hit no hospital in Yemen.")
    assert [n for n in actors(rec) if "coalition" in n.lower()] == ["Saudi-led coalition"]


def test_a_known_name_after_another_peoples_word_is_a_longer_name(run: Run) -> None:
    rec = run("Fighters of the Jordanian Arab Coalition entered Brenna on Monday.")
    assert "Jordanian Arab Coalition" in actors(rec)
    assert "Saudi-led coalition" not in actors(rec)


def test_an_abbreviation_after_a_possessive_names_the_body(run: Run) -> None:
    rec = run(
        "Norland placed two patrol boats under the Northern Naval Command's (NNC) control"
        " last week. The NNC confirmed it in Vessa."
    )
    assert [n for n, t in actors(rec).items() if t == "organization"] == ["Northern Naval Command"]


def test_two_states_glued_by_a_hyphen_are_no_place(run: Run) -> None:
    rec = run("Norland and Tarkova praised the strong Syria-Iraq partnership on Monday.")
    assert not [n for n in actors(rec) if "-" in n]
    assert {"Syria", "Iraq"} <= set(actors(rec))
    rec = run("Elena Brook praised the strong U.S.-Iraq partnership in Vessa.")
    assert not [n for n in actors(rec) if "-" in n]


def test_a_name_with_figures_is_no_person(run: Run) -> None:
    rec = run("Reporters may dial in and give Passcode 4471902 to the operator in Vessa.")
    assert not [n for n, t in actors(rec).items() if t == "person"]


def test_a_feast_is_no_actor(run: Run) -> None:
    rec = run("Families in Vessa gathered for Eid after the fighting stopped.")
    assert set(actors(rec)) == {"Vessa"}


def test_service_members_capitalised_are_no_actor(run: Run) -> None:
    rec = run("About 200 Airmen from the base near Vessa flew home on Friday.")
    assert set(actors(rec)) == {"Vessa"}


def test_an_abbreviation_of_an_operation_names_no_actor(run: Run) -> None:
    rec = run("Norland launched Operation Dawn Shield (ODS) on Monday. ODS hit Vessa.")
    assert "ODS" not in actors(rec)


def test_a_book_is_no_actor(run: Run) -> None:
    rec = run("The sect in Vessa reveres the Black Book, or Kitab al-Aswad, above all.")
    assert set(actors(rec)) == {"Vessa"}


def test_a_technical_listing_word_is_no_name(run: Run) -> None:
    rec = run("The Vessa channel broadcasts on Frequency 11200 at 40 MW.")
    assert not [n for n in actors(rec) if n in {"Frequency", "MW"}]


def test_seas_and_gulfs_are_places_of_their_own(run: Run) -> None:
    rec = run("Norlandic frigates sailed from the Gulf of Oman into the Arabian Sea.")
    got = actors(rec)
    assert got.get("Gulf of Oman") == "place" and got.get("Arabian Sea") == "place"
    assert "Oman" not in got


def test_a_region_noun_after_a_known_place_is_part_of_its_name(run: Run) -> None:
    rec = run("Aid convoys reached the Iraqi Kurdistan Region from Norland last winter.")
    got = {a.name: [m.text for m in a.mentions] for a in rec.actors}
    assert "Iraqi Kurdistan Region" in got.get("Kurdistan Region", [])


def test_a_name_after_a_news_agency_is_an_organisation(run: Run) -> None:
    rec = run("The Norlandic news agency Brenna said the talks in Vessa had failed.")
    assert actors(rec).get("Brenna") == "organization"
    rec = run("Troops entered the station in Vessa on Monday.")
    assert actors(rec).get("Vessa") == "place"


def test_a_unit_named_by_a_number_keeps_the_number(run: Run) -> None:
    rec = run("Two Norlandic ships now sail with Combined Task Force 150 off Vessa.")
    assert actors(rec).get("Combined Task Force 150") == "organization"
    rec = run("NTF 40 is led by Commodore Karim Osei of the Norlandic navy.")
    assert actors(rec).get("NTF 40") == "organization"
    assert ("leader_of", "Karim Osei", "NTF 40") in {
        (r.type, n[r.head], n[r.tail])
        for n in [{a.id: a.name for a in rec.actors}]
        for r in rec.relations
    }


def test_a_figure_after_an_abbreviation_is_no_unit(run: Run) -> None:
    rec = run("On Monday RDF 12 fighters were killed near Vessa.")
    assert not [n for n in actors(rec) if "12" in n]


def test_a_hull_number_in_brackets_is_no_unit(run: Run) -> None:
    rec = run("The destroyer USS Vessa (DDG 70) sailed from Brenna on Monday.")
    assert not [n for n in actors(rec) if "70" in n]


def test_a_river_named_alone_is_the_river(run: Run) -> None:
    rec = run("Norlandic troops crossed the Euphrates near Vessa at dawn.")
    assert actors(rec).get("Euphrates River") == "place"


def test_a_document_named_with_of_is_no_actor(run: Run) -> None:
    rec = run("Fighters burned the Norland Book of Laws in Vessa.")
    assert not [n for n in actors(rec) if "Book" in n]
