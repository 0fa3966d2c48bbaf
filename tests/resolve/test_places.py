"""Place actors put on the map: a town the KB lacks takes the country its words or the
document give it, with coordinates (sentences written for these tests; the towns are real, the
rest invented)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import Actor, ExtractionRecord

Run = Callable[..., ExtractionRecord]


def actor(rec: ExtractionRecord, name: str) -> Actor:
    (a,) = [a for a in rec.actors if a.name == name]
    return a


def test_town_after_its_country_takes_that_country(run: Run) -> None:
    rec = run("Gunmen ambushed a convoy near Tripoli, Lebanon, on Monday.")
    town = actor(rec, "Tripoli")
    assert town.type == "place" and town.country == "LBN"
    assert town.coordinates is not None and 34 < town.coordinates[0] < 35


def test_namesake_follows_the_country_the_document_is_about(run: Run) -> None:
    text = (
        "Libya's rival governments met again on Sunday. Libyan officials said the talks "
        "would continue. Fighting broke out in Tripoli overnight."
    )
    assert actor(run(text), "Tripoli").country == "LBY"
    text = text.replace("Libya's", "Lebanon's").replace("Libyan", "Lebanese")
    assert actor(run(text), "Tripoli").country == "LBN"


def test_town_named_with_a_demonym_gets_coordinates(run: Run) -> None:
    # Arad is also a bigger Romanian city: the demonym chooses the Israeli one.
    rec = run("A drone hit a warehouse in the Israeli town of Arad late on Sunday.")
    town = actor(rec, "Arad")
    assert town.country == "ISR" and town.kb_id and town.kb_id.startswith("geonames/")
    assert town.coordinates is not None


def test_kb_place_without_coordinates_takes_its_towns(run: Run) -> None:
    rec = run("Insurgents attacked a police checkpoint in Ghazni on Friday.")
    town = actor(rec, "Ghazni")
    assert town.country == "AFG" and town.coordinates is not None
    assert 33 < town.coordinates[0] < 34


def test_person_named_like_a_town_gets_no_place(run: Run) -> None:
    rec = run("Senator Clinton Vance met Elena Brook in Brenna on Monday.")
    person = actor(rec, "Clinton Vance")
    assert person.type == "person" and person.coordinates is None and person.kb_id is None


def test_unknown_name_gets_no_invented_coordinates(run: Run) -> None:
    rec = run("Rebels shelled a police post near Orlavik, Norland, on Monday.")
    town = actor(rec, "Orlavik")
    assert town.type == "place" and town.coordinates is None and town.kb_id is None
