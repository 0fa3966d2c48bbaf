"""Typing and linking rules of actor resolution, on sentences written for these tests.

Invented actors come from tests/fixtures/test-kb.yaml (Norland and its capital Brenna, the
Kessaris and their leader); a few real states and bodies stand in where the rule is about them.
"""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Actor, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def named(rec: ExtractionRecord, name: str) -> list[Actor]:
    key = name.casefold()
    return [a for a in rec.actors if key in {n.casefold() for n in [a.name, *a.aliases]}]


def by_kb(rec: ExtractionRecord, kb_id: str) -> list[Actor]:
    return [a for a in rec.actors if a.kb_id == kb_id]


# ---------------------------------------------------------------- capitals and their governments


def test_capital_that_acts_takes_its_dateline_to_the_state(run: Run) -> None:
    rec = run(
        "BRENNA — Brenna said on Monday that it would send a mediator to Vessa, "
        "and the talks could start within a week."
    )
    assert by_kb(rec, "test/brenna") == []
    norland = by_kb(rec, "test/norland")
    assert len(norland) == 1 and norland[0].type == "state"
    assert [m.text for m in norland[0].mentions] == ["BRENNA", "Brenna"]


def test_capital_that_also_locates_keeps_its_dateline_as_the_city(run: Run) -> None:
    rec = run(
        "BRENNA — Protesters gathered in Brenna on Sunday. "
        "Hours later Brenna accused the Red Dawn Front of stirring unrest."
    )
    city = by_kb(rec, "test/brenna")
    assert len(city) == 1 and city[0].type == "place"
    assert [m.text for m in city[0].mentions] == ["BRENNA", "Brenna"]
    norland = by_kb(rec, "test/norland")
    assert len(norland) == 1 and [m.start for m in norland[0].mentions] == [62]


def test_dateline_alone_stays_a_place(run: Run) -> None:
    rec = run("BRENNA — Protesters gathered on Sunday outside the parliament, and police acted.")
    assert [a.type for a in by_kb(rec, "test/brenna")] == ["place"]
    assert by_kb(rec, "test/norland") == []


def test_response_from_a_capital_is_its_government(run: Run) -> None:
    rec = run("Elena Brook promised that any raid would meet a firm response from Brenna.")
    assert by_kb(rec, "test/brenna") == []
    assert len(by_kb(rec, "test/norland")) == 1


def test_part_of_a_capital_is_the_city(run: Run) -> None:
    rec = run("Shells fell on the suburbs of Brenna overnight, and Brenna's airport closed.")
    assert [a.type for a in by_kb(rec, "test/brenna")] == ["place"]
    assert by_kb(rec, "test/norland") == []


# ---------------------------------------------------------------- ships and weapons


def test_ship_names_are_not_actors(run: Run) -> None:
    rec = run(
        "Norland seized the tanker Silver Gull on Monday, and the frigate NRS Bold escorted it "
        "to Vessa. The aircraft carrier USS Harold Vance sailed south."
    )
    for name in ("Silver Gull", "NRS Bold", "Bold", "Harold Vance", "Vance"):
        assert named(rec, name) == [], name
    assert [a.name for a in rec.actors] == ["Norland", "Vessa"]


def test_weapon_names_are_not_actors_but_their_owners_are(run: Run) -> None:
    rec = run(
        "The Red Dawn Front fired Stormcrow anti-ship missiles at Vessa, and two Royal Air "
        "Force Tornado jets flew over the port. Red Dawn Front rockets also hit the town."
    )
    assert named(rec, "Stormcrow") == []
    assert not [a for a in rec.actors if "Tornado" in a.name]
    raf = named(rec, "Royal Air Force")
    assert len(raf) == 1 and raf[0].type == "organization"
    front = by_kb(rec, "test/red-dawn")
    assert len(front) == 1 and len(front[0].mentions) == 2


def test_ms_as_a_title_is_not_a_ship(run: Run) -> None:
    rec = run("Ms Elena Brook met Tomas Varga in Vessa on Monday.")
    assert len(by_kb(rec, "test/elena-brook")) == 1


# ---------------------------------------------------------------- institutions and owners


def test_another_states_body_of_the_same_name_is_not_the_kb_entry(run: Run) -> None:
    rec = run("The shells were fired at dawn, according to Norland's Joint Chiefs of Staff.")
    jcs = named(rec, "Joint Chiefs of Staff")
    assert len(jcs) == 1
    assert jcs[0].type == "organization" and jcs[0].kb_id is None
    norland = by_kb(rec, "test/norland")[0]
    assert any(
        r.type == "part_of" and r.head == jcs[0].id and r.tail == norland.id for r in rec.relations
    )


def test_group_adjective_is_the_group_not_the_leaders_surname(run: Run) -> None:
    rec = run(
        "Kessari fighters attacked a checkpoint near Vessa on Tuesday. The Kessari leader, "
        "Omar al-Kessari, said the attack was a warning."
    )
    group = by_kb(rec, "test/kessaris")
    leader = by_kb(rec, "test/omar-al-kessari")
    assert len(group) == 1 and [m.text for m in group[0].mentions] == ["Kessari", "Kessari"]
    assert len(leader) == 1 and [m.text for m in leader[0].mentions] == ["Omar al-Kessari"]
    assert any(r.type == "leader_of" and r.head == leader[0].id for r in rec.relations)


def test_abbreviation_in_brackets_joins_the_name(run: Run) -> None:
    rec = run(
        "Fighters of the Free Vessa Army (FVA) entered the town on Monday. The FVA later withdrew."
    )
    army = named(rec, "Free Vessa Army")
    assert len(army) == 1 and "FVA" in army[0].aliases
    assert len(army[0].mentions) == 3 and len(rec.actors) == 1


def test_abbreviation_picks_the_kb_entry_that_knows_it(run: Run) -> None:
    # Phoenix knows "National Liberation Army" for two countries; the KB's ELN entry is the one
    # that also has the bracketed abbreviation.
    rec = run(
        "Norland's envoy met the National Liberation Army (ELN) in Vessa. The ELN agreed to talk."
    )
    eln = [a for a in rec.actors if "ELN" in [a.name, *a.aliases]]
    assert len(eln) == 1 and eln[0].kb_id == "org/eln"
    assert {m.text for m in eln[0].mentions} == {"National Liberation Army", "ELN"}


# ---------------------------------------------------------------- types by the words around


def test_hyphenated_name_before_a_place_noun_is_a_place(run: Run) -> None:
    rec = run("The shells were fired from the Tarbet-ri area of Vessa province on Monday.")
    place = [a for a in rec.actors if a.name.startswith("Tarbet")]
    assert len(place) == 1 and place[0].type == "place"


def test_unknown_two_word_names_without_an_organisations_word_are_people(run: Run) -> None:
    rec = run(
        "The talks are led by Ruben Aldana for the government. "
        "Karim Osei settled the dispute a day later."
    )
    assert [a.type for a in named(rec, "Ruben Aldana")] == ["person"]
    assert [a.type for a in named(rec, "Karim Osei")] == ["person"]


def test_names_with_an_organisations_word_stay_organisations(run: Run) -> None:
    rec = run("Vessa Gas Company said its pipeline to Norland had been repaired.")
    company = [a for a in rec.actors if a.name.startswith("Vessa Gas")]
    assert [a.type for a in company] == ["organization"]


def test_church_as_an_institution_is_an_organisation(run: Run) -> None:
    rec = run("A mechanism led by Norland and the Catholic Church will monitor the truce.")
    assert [a.type for a in named(rec, "Catholic Church")] == ["organization"]


def test_numbered_resolution_leaves_its_issuer_as_the_actor(run: Run) -> None:
    rec = run("Norland cited Security Council Resolution 2334, which the council adopted in 2016.")
    assert not [a for a in rec.actors if "Resolution" in a.name]
    assert [a.kb_id for a in named(rec, "Security Council")] == ["org/unsc"]


def test_administered_part_of_a_region_is_a_place_of_its_own(run: Run) -> None:
    rec = run("Shelling hit villages in Moroccan-administered Western Sahara on Sunday.")
    part = named(rec, "Moroccan-administered Western Sahara")
    assert len(part) == 1 and part[0].type == "place"


def test_controlled_state_stays_the_state(run: Run) -> None:
    rec = run("Strikes hit targets in Houthi-controlled Yemen on Friday.")
    assert [a.type for a in named(rec, "Yemen")] == ["state"]


def test_unknown_name_listed_with_known_places_is_a_place(run: Run) -> None:
    rec = run("Cargo ships will leave Vessa, Korvask and Brenna through the corridor.")
    assert [a.type for a in named(rec, "Korvask")] == ["place"]


def test_entity_run_over_a_list_is_split_at_the_comma(run: Run) -> None:
    rec = run("Grain convoys reached Vessa, Dravnik and Brenna on Monday.")
    assert [a.type for a in named(rec, "Dravnik")] == ["place"]
    assert [a.kb_id for a in named(rec, "Vessa")] == ["test/vessa"]
