"""A name the model misses, recognised by its apposition to a title (own sentences)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def test_name_in_apposition_to_a_title_is_a_person(run: Run) -> None:
    rec = run("The UN envoy to Norland, Volkmar Pertl, said the talks had failed.")
    people = {a.name for a in rec.actors if a.type == "person"}
    assert "Volkmar Pertl" in people
    by_id = {a.id: a.name for a in rec.actors}
    assert ("member_of", "Volkmar Pertl", "United Nations") in {
        (r.type, by_id[r.head], by_id[r.tail]) for r in rec.relations
    }


def test_capitalised_words_between_commas_without_a_title_are_no_person(run: Run) -> None:
    rec = run("After the talks in Vessa, Norland and France signed, Elena Brook said.")
    assert not [a for a in rec.actors if a.name in {"Norland and France", "Norland France"}]
    assert {a.type for a in rec.actors if a.name == "Norland"} == {"state"}
