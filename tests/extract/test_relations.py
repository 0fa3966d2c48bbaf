"""Standing relations from titles and appositions."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def rels(rec: ExtractionRecord) -> set[tuple[str, str, str]]:
    by_id = {a.id: a.name for a in rec.actors}
    return {(r.type, by_id[r.head], by_id[r.tail]) for r in rec.relations}


def test_title_before_name(run: Run) -> None:
    rec = run("Red Dawn Front chairman Tomas Varga arrived in Vessa.")
    assert ("leader_of", "Tomas Varga", "Red Dawn Front") in rels(rec)


def test_possessive_title_with_apposition(run: Run) -> None:
    rec = run("Norland's president, Elena Brook, spoke on Monday.")
    assert ("leader_of", "Elena Brook", "Norland") in rels(rec)


def test_former_title_ends_the_relation(run: Run) -> None:
    rec = run("Karim Osei, former commander of the Red Dawn Front, was arrested in Vessa.")
    (r,) = [r for r in rec.relations if r.type == "leader_of"]
    assert r.end is not None


def test_deputy_of_a_person_is_deputy_of_the_organisation_he_leads(run: Run) -> None:
    rec = run(
        "Red Dawn Front chairman Tomas Varga spoke first. Varga's deputy, Karim Osei, spoke next."
    )
    assert ("deputy_leader_of", "Karim Osei", "Red Dawn Front") in rels(rec)


def test_plural_title_lists_people(run: Run) -> None:
    rec = run(
        "Norland kept in touch with the Red Dawn Front and its commanders, Ali Hadid and "
        "Sami Tarek."
    )
    got = rels(rec)
    assert ("leader_of", "Ali Hadid", "Red Dawn Front") in got
    assert ("leader_of", "Sami Tarek", "Red Dawn Front") in got
